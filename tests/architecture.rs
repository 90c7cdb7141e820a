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

/// The code of a file: comments (line, block and doc) removed, the
/// contents of string and character literals blanked, and the unit-test
/// module `#[cfg(test)] mod tests { … }` cut out (only its braces).
fn code_of(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        match c {
            '/' if next == Some('/') => {
                while i < bytes.len() && bytes[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i] == '/' && bytes.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if bytes[i] == '*' && bytes.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if bytes[i] == '\n' {
                            out.push('\n');
                        }
                        i += 1;
                    }
                }
                continue;
            }
            'r' | 'b' if !bytes[..i].last().is_some_and(|p| p.is_alphanumeric() || *p == '_') => {
                // r"…", r#"…"#, br"…", b"…": a raw or byte string.
                let mut j = i + 1;
                if c == 'b' && bytes.get(j) == Some(&'r') {
                    j += 1;
                }
                let raw = c == 'r' || j > i + 1;
                let hashes = bytes[j..].iter().take_while(|&&h| h == '#').count();
                if bytes.get(j + hashes) == Some(&'"') && (raw || hashes == 0) {
                    if !raw {
                        out.push('"');
                        i = j + 1;
                        skip_string(&bytes, &mut i, &mut out);
                        continue;
                    }
                    let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                    i = j + hashes + 1;
                    while i < bytes.len() && !bytes[i..].starts_with(&close) {
                        if bytes[i] == '\n' {
                            out.push('\n');
                        }
                        i += 1;
                    }
                    i += close.len();
                    out.push_str("\"\"");
                    continue;
                }
                out.push(c);
                i += 1;
            }
            '"' => {
                out.push('"');
                i += 1;
                skip_string(&bytes, &mut i, &mut out);
            }
            '\'' => {
                // A character literal ('x', '\n', '\u{1f}', '"'); else a lifetime.
                let literal = match (next, bytes.get(i + 2)) {
                    (Some('\\'), _) => bytes[i + 2..].iter().position(|&c| c == '\'').map(|end| i + 2 + end + 1),
                    (Some(_), Some('\'')) => Some(i + 3),
                    _ => None,
                };
                match literal {
                    Some(end) => {
                        out.push_str("' '");
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    cut_tests(&out)
}

/// Skips a string's contents after its opening quote, keeping its line breaks.
fn skip_string(chars: &[char], i: &mut usize, out: &mut String) {
    while *i < chars.len() {
        match chars[*i] {
            '\\' => *i += 2,
            '"' => {
                *i += 1;
                break;
            }
            c => {
                if c == '\n' {
                    out.push('\n');
                }
                *i += 1;
            }
        }
    }
    out.push('"');
}

/// Code without its `#[cfg(test)] mod tests { … }` block, braces matched.
fn cut_tests(code: &str) -> String {
    let Some(start) = code.find("#[cfg(test)]\nmod tests {") else { return code.to_owned() };
    let open = start + code[start..].find('{').unwrap_or(0);
    let mut depth = 0;
    for (offset, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let end = open + offset + 1;
                    return format!("{}{}", &code[..start], &code[end..]);
                }
            }
            _ => {}
        }
    }
    code[..start].to_owned()
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

/// Every module path a file names: the leaves of its `use crate::…`,
/// `use super::…` and `use self::…` trees, and the `crate::…`, `super::…`
/// and `self::…` paths in its code, each made absolute.
fn references(source: &Source) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let code = &source.code;
    let children = children(code);
    let absolute = |path: &str| -> Option<Vec<String>> {
        let mut parts = path.split("::").map(str::trim).filter(|p| !p.is_empty()).peekable();
        let mut out: Vec<String> = match parts.peek().copied() {
            Some("crate") => {
                parts.next();
                Vec::new()
            }
            Some("super" | "self") => source.module.clone(),
            // A path through a child module this file declares (`mod x;`, then `x::y`).
            Some(first) if children.iter().any(|c| c == first) => source.module.clone(),
            _ => return None,
        };
        for part in parts {
            match part {
                // `super` of a file `a/b.rs` or `a/b/mod.rs` (module a::b) is `a`.
                "super" => {
                    out.pop()?;
                }
                "self" => {}
                part => out.push(part.to_owned()),
            }
        }
        Some(out)
    };
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
        for leaf in leaves(&tree) {
            found.extend(absolute(&leaf));
        }
    }
    let prefixes = ["crate", "super", "self"].into_iter().chain(children.iter().map(String::as_str));
    for prefix in prefixes.map(|p| format!("{p}::")) {
        let prefix = prefix.as_str();
        let mut at = 0;
        while let Some(offset) = code[at..].find(prefix) {
            let start = at + offset;
            at = start + prefix.len();
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let path: String =
                code[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            found.extend(absolute(&path));
        }
    }
    found
}

/// The child modules a file declares: `mod x;` (not inline `mod x { … }`).
fn children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("pub ").or_else(|| line.strip_prefix("pub(crate) ")).unwrap_or(line);
            rest.strip_prefix("mod ")?.strip_suffix(';').map(|name| name.trim().to_owned())
        })
        .collect()
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
            if !layer_of.contains_key(first.as_str()) && !matches!(first.as_str(), "Error" | "Result") {
                // A name re-exported at the crate's root would hide its layer.
                problems.push(format!(
                    "{}: `crate::{}` is not a module of the layer table",
                    source.file.display(),
                    path.join("::")
                ));
            }
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
                edges.entry(source.file.as_path()).or_default().insert(target);
            }
        }
    }
    let mut loops = BTreeSet::new();
    for (&from, targets) in &edges {
        for &to in targets {
            // A module and its own parent or child may use each other (a
            // parent declares `mod x;`, `x` uses `super::…`). Any other
            // import that its target can reach back from is a cycle, even
            // round through a parent.
            let (a, b) = (module_of(from), module_of(to));
            if a.starts_with(&b) || b.starts_with(&a) {
                continue;
            }
            if let Some(mut back) = path_between(&edges, to, from) {
                back.pop();
                let mut files: Vec<&Path> = std::iter::once(from).chain(back).collect();
                let first = files.iter().enumerate().min_by_key(|(_, p)| **p).map_or(0, |(i, _)| i);
                files.rotate_left(first);
                loops.insert(files);
            }
        }
    }
    for files in loops {
        let names: Vec<String> = files.iter().chain(files.first()).map(|p| p.display().to_string()).collect();
        problems.push(format!("an import cycle: {}", names.join(" → ")));
    }
    problems
}

/// The files from `from` to `to` along imports, both included, by a
/// shortest path; `None` when `to` cannot be reached.
fn path_between<'a>(
    edges: &BTreeMap<&'a Path, BTreeSet<&'a Path>>,
    from: &'a Path,
    to: &'a Path,
) -> Option<Vec<&'a Path>> {
    let mut came_from: BTreeMap<&Path, &Path> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![to];
            let mut step = to;
            while let Some(&before) = came_from.get(step) {
                path.push(before);
                step = before;
            }
            path.reverse();
            return Some(path);
        }
        for &next in edges.get(at).into_iter().flatten() {
            if seen.insert(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
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
    let start = doc.find("## Code map").expect("a `## Code map` section");
    let end = doc[start..].find("\n## ").map_or(doc.len(), |n| start + n);
    let map = &doc[start..end];
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

#[test]
fn the_checker_reads_past_quotes_in_characters_raw_strings_and_block_comments() {
    let sources = tree(&[
        (
            "untrusted.rs",
            "const Q: char = '\"';\nconst R: &str = r#\"C:\\ \" // \"#;\n/* use crate::command::a; /* nested */ */\nfn f() { let _ = crate::command::run; }\n",
        ),
        ("text.rs", "fn g<'a>(x: &'a str) -> &'a str { x }\nconst B: &[u8] = b\"\\\"\";\nuse crate::scoring::score;\n"),
        ("command/mod.rs", ""),
        ("scoring.rs", ""),
    ]);
    let problems = problems(&table(), &sources);
    assert!(problems.iter().any(|p| p.starts_with("untrusted.rs") && p.contains("`command::run`")), "{problems:?}");
    assert!(!problems.iter().any(|p| p.contains("command::a")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("text.rs") && p.contains("`scoring::score`")), "{problems:?}");
}

#[test]
fn the_checker_reads_code_after_the_unit_tests() {
    let sources = tree(&[
        (
            "text.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::command::run;\n}\n\nfn after() { let _ = crate::command::run; }\n",
        ),
        ("command/mod.rs", ""),
    ]);
    let problems = problems(&table(), &sources);
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn the_checker_resolves_super_of_super_and_names_re_exported_at_the_root() {
    let sources = tree(&[
        ("command/mod.rs", "mod assess;\nmod export;\n"),
        ("command/assess/mod.rs", "mod checks;\n"),
        ("command/assess/checks.rs", "use super::super::export::run;\n"),
        ("command/export.rs", "pub fn run() {}\n"),
        ("lib.rs", "pub use command::run as dispatch;\n"),
        ("ladder/mod.rs", "use crate::dispatch;\n"),
    ]);
    let problems = problems(&table(), &sources);
    assert!(problems.iter().any(|p| p.contains("the command `assess` imports the command `export`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("ladder/mod.rs") && p.contains("`crate::dispatch`")), "{problems:?}");
}

#[test]
fn the_checker_finds_a_cycle_round_through_a_parent() {
    let sources = tree(&[
        ("journal.rs", "use crate::ladder::compare::levels;\n"),
        ("ladder/mod.rs", "pub mod compare;\nuse crate::journal::Note;\n"),
        ("ladder/compare.rs", "use super::Ladder;\n"),
    ]);
    let problems = problems(&table(), &sources);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("an import cycle") && p.contains("journal.rs") && p.contains("ladder/mod.rs")),
        "{problems:?}"
    );
}
