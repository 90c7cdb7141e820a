//! The layers of docs/ARCHITECTURE.md, held by the code itself.
//!
//! This reads `src/` as text, the way a reviewer would: each file's
//! `use crate::…` lines and `crate::…` paths, and checks them against the
//! layer table in docs/ARCHITECTURE.md. It fails when a module imports a
//! layer above its own, when a command imports another command, when two
//! files import each other (directly or round a loop), when a module of
//! `src/` is in no layer, or when a file grows past 500 lines.
//!
//! The same checks run on small made-up trees first, so that a checker that
//! silently found nothing could not pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines a file of `src/` may have; test files aside.
const MAX_LINES: usize = 500;

/// One layer of the table: its name, its top-level modules, and the layers it may use.
#[derive(Debug, Clone)]
struct Layer {
    name: String,
    modules: Vec<String>,
    may_use: Vec<String>,
}

/// The layer table of docs/ARCHITECTURE.md: the rows of the table whose
/// header is `| layer | modules | may use |`.
fn layers(doc: &str) -> Vec<Layer> {
    let mut lines = doc.lines().skip_while(|l| !l.replace(' ', "").starts_with("|layer|modules|mayuse|"));
    lines.next();
    let cells =
        |line: &str| -> Vec<String> { line.trim().trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect() };
    let words = |cell: &str| -> Vec<String> {
        cell.split([',', ' ']).map(|w| w.trim_matches('`').trim().to_owned()).filter(|w| !w.is_empty()).collect()
    };
    let mut table = Vec::new();
    for line in lines.take_while(|l| l.trim_start().starts_with('|')) {
        let row = cells(line);
        if row.len() != 3 || row[0].chars().all(|c| c == '-' || c == ':') {
            continue;
        }
        table.push(Layer {
            name: row[0].trim_matches('*').to_owned(),
            modules: words(&row[1]),
            may_use: words(&row[2]),
        });
    }
    table
}

/// A source file: its path under `src/`, its module path, and its text
/// without comments and without its unit-test module.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    code: String,
    lines: usize,
}

fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_owned();
    if parts.is_empty() || (stem != "mod" && stem != "lib" && stem != "main") {
        parts.push(stem);
    }
    parts
}

/// The code of a file: comments (line and doc) removed, string contents
/// blanked, and the `#[cfg(test)] mod tests { … }` block cut off.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        '\n' => out.push('\n'),
                        _ => {}
                    }
                }
                out.push('"');
            }
            c => out.push(c),
        }
    }
    out
}

fn sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    let mut folders = vec![src.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let relative = path.strip_prefix(src).unwrap().to_owned();
            Source { module: module_of(&relative), code: code_of(&text), lines: text.lines().count(), file: relative }
        })
        .collect()
}

/// Every module path a file names: the leaves of its `use crate::…` and
/// `use super::…` trees, and the `crate::…` and `super::…` paths in its code.
fn references(source: &Source) -> Vec<Vec<String>> {
    // `super` of a file `a/b.rs` (module a::b) is `a`; of `a/b/mod.rs` (also a::b) it is `a` too.
    let parent: Vec<String> = source.module[..source.module.len().saturating_sub(1)].to_vec();
    let mut found = Vec::new();
    let code = &source.code;
    let mut at = 0;
    while let Some(offset) = code[at..].find("use ") {
        let start = at + offset;
        at = start + 4;
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = code[start..].find(';') else { break };
        let tree: String = code[start + 4..start + end].split_whitespace().collect::<Vec<_>>().join(" ");
        let root = if let Some(rest) = tree.strip_prefix("crate::") {
            Some((Vec::new(), rest.to_owned()))
        } else {
            tree.strip_prefix("super::").map(|rest| (parent.clone(), rest.to_owned()))
        };
        if let Some((base, rest)) = root {
            for leaf in leaves(&rest) {
                let mut path = base.clone();
                path.extend(leaf.split("::").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty() && s != "self"));
                found.push(path);
            }
        }
    }
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
        let mut at = 0;
        while let Some(offset) = code[at..].find(prefix) {
            let start = at + offset;
            at = start + prefix.len();
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let mut full = base.clone();
            full.extend(path.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
            found.push(full);
        }
    }
    found
}

/// The leaves of a use tree: `a::{b, c::{d, e}}` gives `a::b`, `a::c::d`, `a::c::e`.
fn leaves(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or_default().trim().to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|part| leaves(part))
        .map(|leaf| if prefix.is_empty() { leaf } else { format!("{prefix}::{leaf}") })
        .collect()
}

/// Everything found wrong with a tree of sources, one line each.
fn problems(table: &[Layer], sources: &[Source]) -> Vec<String> {
    let mut problems = Vec::new();
    let layer_of: BTreeMap<&str, &Layer> =
        table.iter().flat_map(|l| l.modules.iter().map(move |m| (m.as_str(), l))).collect();
    let files: BTreeMap<&[String], &Path> = sources.iter().map(|s| (s.module.as_slice(), s.file.as_path())).collect();
    // The file a module path lands in: the deepest module of it that has a file.
    let file_of =
        |path: &[String]| -> Option<&Path> { (1..=path.len()).rev().find_map(|n| files.get(&path[..n]).copied()) };
    let top = |s: &Source| s.module.first().cloned().unwrap_or_else(|| file_stem(&s.file));
    let mut edges: BTreeMap<&Path, BTreeSet<&Path>> = BTreeMap::new();
    for source in sources {
        let own = top(source);
        if !source.file.ends_with("tests.rs") && source.lines > MAX_LINES {
            problems.push(format!("{}: {} lines, over {MAX_LINES}", source.file.display(), source.lines));
        }
        let Some(layer) = layer_of.get(own.as_str()) else {
            problems
                .push(format!("{}: the module `{own}` is in no layer of docs/ARCHITECTURE.md", source.file.display()));
            continue;
        };
        if source.file.ends_with("tests.rs") {
            continue;
        }
        for path in references(source) {
            let Some(first) = path.first() else { continue };
            if let Some(target) = layer_of.get(first.as_str())
                && !layer.may_use.iter().any(|l| *l == target.name || l == "every")
            {
                problems.push(format!(
                    "{}: `{}` is in the {} layer, which the {} layer may not use",
                    source.file.display(),
                    path.join("::"),
                    target.name,
                    layer.name
                ));
            }
            if own == "command"
                && first == "command"
                && let (Some(mine), Some(theirs)) = (source.module.get(1), path.get(1))
                && mine != theirs
                && files.contains_key(&path[..2])
            {
                problems.push(format!(
                    "{}: the command `{mine}` imports the command `{theirs}` (`{}`)",
                    source.file.display(),
                    path.join("::")
                ));
            }
            if let Some(target) = file_of(&path)
                && target != source.file.as_path()
            {
                let (a, b) = (&source.module, &module_of(target));
                // A module and its own parent or child are one unit; a loop
                // between any other two files is a cycle.
                if !(a.starts_with(b) || b.starts_with(a)) {
                    edges.entry(source.file.as_path()).or_default().insert(target);
                }
            }
        }
    }
    for cycle in cycles(&edges) {
        let names: Vec<String> = cycle.iter().map(|p| p.display().to_string()).collect();
        problems.push(format!("an import cycle: {}", names.join(" → ")));
    }
    problems
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The cycles of a graph, one per strongly connected component of more than one file.
fn cycles<'a>(edges: &BTreeMap<&'a Path, BTreeSet<&'a Path>>) -> Vec<Vec<&'a Path>> {
    // Tarjan's algorithm, iterative over the few hundred files there are.
    struct State<'a> {
        index: BTreeMap<&'a Path, usize>,
        low: BTreeMap<&'a Path, usize>,
        stack: Vec<&'a Path>,
        on_stack: BTreeSet<&'a Path>,
        found: Vec<Vec<&'a Path>>,
    }
    fn visit<'a>(v: &'a Path, edges: &BTreeMap<&'a Path, BTreeSet<&'a Path>>, s: &mut State<'a>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, edges, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for &v in edges.keys() {
        if !state.index.contains_key(v) {
            visit(v, edges, &mut state);
        }
    }
    state.found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn table() -> Vec<Layer> {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).expect("docs/ARCHITECTURE.md");
    let table = layers(&doc);
    assert!(table.len() >= 6, "docs/ARCHITECTURE.md should have a layer table of six layers or more: {table:?}");
    table
}

#[test]
fn the_code_keeps_the_layers_of_the_architecture_note() {
    let sources = sources(&root().join("src"));
    assert!(sources.len() > 50, "src/ should be read whole");
    let problems = problems(&table(), &sources);
    assert!(problems.is_empty(), "docs/ARCHITECTURE.md is not kept:\n{}", problems.join("\n"));
}

#[test]
fn every_folder_and_top_level_file_of_src_is_in_the_code_map() {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let map = &doc[doc.find("## Code map").expect("a `## Code map` section")..];
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let shown = if path.is_dir() { format!("`src/{name}/`") } else { format!("`src/{name}`") };
        if !map.contains(&shown) {
            missing.push(shown);
        }
    }
    assert!(missing.is_empty(), "the code map of docs/ARCHITECTURE.md does not name {missing:?}");
}

/// A made-up tree: `files` as (path under src, text).
fn tree(files: &[(&str, &str)]) -> Vec<Source> {
    files
        .iter()
        .map(|(path, text)| Source {
            file: PathBuf::from(path),
            module: module_of(Path::new(path)),
            code: code_of(text),
            lines: text.lines().count(),
        })
        .collect()
}

#[test]
fn the_checker_finds_an_import_from_a_layer_above() {
    let sources = tree(&[
        ("lib.rs", "pub mod ladder;\npub mod command;\n"),
        ("ladder.rs", "use crate::command::run;\n"),
        ("command/mod.rs", "pub fn run() {}\n"),
    ]);
    let problems = problems(&table(), &sources);
    assert!(problems.iter().any(|p| p.contains("ladder.rs") && p.contains("commands layer")), "{problems:?}");
}

#[test]
fn the_checker_finds_an_upward_import_in_a_grouped_use_and_a_path() {
    let sources = tree(&[
        ("render/mod.rs", "use crate::{text::plural, assessment::{Assessment, Rating}};\n"),
        ("text.rs", "fn f() { let _ = crate::scoring::score; }\n"),
        ("assessment/mod.rs", ""),
        ("scoring.rs", ""),
    ]);
    let problems = problems(&table(), &sources);
    assert!(
        problems.iter().any(|p| p.starts_with("render/mod.rs") && p.contains("assessment::Rating")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.starts_with("text.rs") && p.contains("`scoring::score`")), "{problems:?}");
}

#[test]
fn the_checker_ignores_comments_strings_and_unit_tests() {
    let sources = tree(&[
        (
            "text.rs",
            "// use crate::command::run;\nconst A: &str = \"crate::command\";\n#[cfg(test)]\nmod tests {\n    use crate::command::run;\n}\n",
        ),
        ("command/mod.rs", ""),
    ]);
    assert_eq!(problems(&table(), &sources), Vec::<String>::new());
}

#[test]
fn the_checker_finds_a_command_importing_another_and_a_cycle() {
    let sources = tree(&[
        ("command/mod.rs", "mod diff;\nmod export;\n"),
        ("command/diff.rs", "use super::export::agenda;\n"),
        ("command/export.rs", "use crate::command::diff::beside;\n"),
    ]);
    let problems = problems(&table(), &sources);
    assert!(problems.iter().any(|p| p.contains("the command `diff` imports the command `export`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("the command `export` imports the command `diff`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("an import cycle") && p.contains("command/diff.rs")), "{problems:?}");
}

#[test]
fn the_checker_finds_a_cycle_through_three_files_but_not_parent_and_child() {
    let sources = tree(&[
        ("ladder/mod.rs", "mod csv;\nuse csv::read;\n"),
        ("ladder/csv.rs", "use super::Ladder;\nuse crate::ladder::rows::Rows;\n"),
        ("ladder/rows.rs", "use crate::ladder::sheet::Sheet;\n"),
        ("ladder/sheet.rs", "use super::csv::reader;\n"),
    ]);
    let problems = problems(&table(), &sources);
    let cycles: Vec<&String> = problems.iter().filter(|p| p.starts_with("an import cycle")).collect();
    assert_eq!(cycles.len(), 1, "{problems:?}");
    assert!(!cycles[0].contains("ladder/mod.rs"), "{cycles:?}");
}

#[test]
fn the_checker_finds_a_long_file_and_a_module_in_no_layer() {
    let long = "fn f() {}\n".repeat(MAX_LINES + 1);
    let sources = tree(&[("text.rs", &long), ("nowhere.rs", ""), ("store/tests.rs", &long)]);
    let problems = problems(&table(), &sources);
    assert!(problems.iter().any(|p| p.starts_with("text.rs") && p.contains("over 500")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("`nowhere` is in no layer")), "{problems:?}");
    assert!(!problems.iter().any(|p| p.starts_with("store/tests.rs")), "{problems:?}");
}
