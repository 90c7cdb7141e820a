//! Shell completion from the real store and ladders: which ladders, levels,
//! people, relationships and competency ids to offer for the word being typed.
//!
//! This module owns the candidates, and nothing of the shell protocol: the
//! clap glue in `cli` hands each function the current word, and clap's
//! dynamic engine (`COMPLETE=SHELL rungs -- …`, set up in `main`) talks to
//! the shell. No clap here.
//!
//! At completion time no command line has been parsed, so [`Context`] reads
//! `--dir` and `--ladders` from the words typed so far, and falls back to the
//! environment and the platform folders by the one rule in
//! [`crate::config::Folders`].
//!
//! Completion runs on every Tab, possibly in a shared, hostile store: it
//! reads only through the store's readers (regular files, no links, no
//! FIFOs, bounded sizes), never fails, and offers only names that are safe to
//! hand back to a shell.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;

use crate::assessment::Relationship;
use crate::config::Folders;
use crate::ladder::Ladder;
use crate::ladder::catalog::Catalog;
use crate::store::{self, Store};

/// One completion: the value to insert, and a short description a shell
/// may show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The word to insert.
    pub value: String,
    /// What it is (a ladder's or level's title), shown by fish and zsh.
    pub help: Option<String>,
}

impl Candidate {
    fn new(value: impl Into<String>, help: Option<&str>) -> Self {
        // Titles come from ladder files: one line, nothing hidden.
        let help = help.map(|h| crate::untrusted::terminal(h.lines().next().unwrap_or_default()).into_owned());
        Candidate { value: value.into(), help }
    }
}

/// What completion knows: the words typed so far.
#[derive(Debug, Clone, Default)]
pub struct Context {
    words: Vec<String>,
}

impl Context {
    /// The context of a completion request, from the process arguments the
    /// shell passed: `rungs -- rungs WORD…`, the typed words after the first `--`.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Self {
        let words = args.into_iter().map(|a| a.to_string_lossy().into_owned()).skip_while(|a| a != "--").skip(1);
        Context { words: words.collect() }
    }

    /// A context from typed words alone (the program name first).
    pub fn from_words<S: Into<String>>(words: impl IntoIterator<Item = S>) -> Self {
        Context { words: words.into_iter().map(Into::into).collect() }
    }

    /// The value typed for an option, `--name VALUE` or `--name=VALUE`; the
    /// last one wins, as when parsing.
    fn option(&self, names: &[&str]) -> Option<String> {
        let mut found = None;
        for (i, word) in self.words.iter().enumerate() {
            for name in names {
                if word == name {
                    found = self.words.get(i + 1).cloned();
                } else if let Some(value) = word.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
                    found = Some(value.to_owned());
                }
            }
        }
        found.map(|v| shell_word(&v))
    }

    /// The first word after `subcommand` that is neither an option nor an
    /// option's value: `ladder show LADDER`.
    fn positional_after(&self, subcommand: &str) -> Option<&str> {
        let start = self.words.iter().position(|w| w == subcommand)? + 1;
        let mut words = self.words[start..].iter();
        while let Some(word) = words.next() {
            if TAKES_VALUE.contains(&word.as_str()) {
                words.next();
            } else if !word.starts_with('-') {
                return Some(word);
            }
        }
        None
    }

    fn folders(&self) -> Folders {
        let path = |names: &[&str]| self.option(names).map(PathBuf::from);
        Folders::from_typed(path(&["--ladders"]), path(&["--dir"]))
    }

    /// The store the command would read, if there is one.
    fn store(&self) -> Option<Store> {
        self.folders().assessments.map(Store::new)
    }

    /// The ladders the command would see; the built-ins alone when the
    /// custom folder cannot be read.
    fn catalog(&self) -> Catalog {
        match self.folders().ladders {
            Some((dir, required)) => Catalog::load(Some(&dir), required).unwrap_or_else(|_| Catalog::builtin()),
            None => Catalog::builtin(),
        }
    }

    /// The ladder named by `--ladder`, if it is loaded.
    fn typed_ladder<'c>(&self, catalog: &'c Catalog) -> Option<&'c Ladder> {
        let id = self.option(&["--ladder"])?;
        catalog.entries().iter().map(|e| &e.ladder).find(|l| l.id == id)
    }
}

/// Options that take their value as the next word, so that it is not taken
/// for a positional argument.
const TAKES_VALUE: &[&str] = &["--dir", "--ladders", "--color", "--format", "-f", "--level", "-l"];

/// A word as the shell would pass it: one pair of surrounding quotes
/// removed, and a leading `~/` as the home folder. Shells hand completion
/// the words as typed, before their own expansion.
fn shell_word(word: &str) -> String {
    let unquoted =
        ['\'', '"'].iter().find_map(|q| word.strip_prefix(*q).and_then(|w| w.strip_suffix(*q))).unwrap_or(word);
    match (unquoted.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest).to_string_lossy().into_owned(),
        _ => unquoted.to_owned(),
    }
}

/// Whether `value` starts with `current`, ignoring case.
fn starts_with(value: &str, current: &str) -> bool {
    value.to_lowercase().starts_with(&current.to_lowercase())
}

/// Whether the word being typed is a path rather than a name: the shell's
/// own path completion serves it better.
pub fn looks_like_path(current: &str) -> bool {
    current.starts_with(['.', '/', '~']) || current.contains('/')
}

/// The ladder ids: `--ladder`, `ladder show LADDER`.
pub fn ladders(context: &Context, current: &str) -> Vec<Candidate> {
    let catalog = context.catalog();
    let ladders = catalog.entries().iter().map(|e| &e.ladder);
    ladders.filter(|l| starts_with(&l.id, current)).map(|l| Candidate::new(&l.id, Some(&l.title))).collect()
}

/// The levels of every ladder, for `--current`, `--target` and `ladder compare`.
///
/// A bare level id is offered when one ladder alone has it; `LADDER:LEVEL`
/// when several share it, once a `:` is typed, or when the word names a
/// ladder and no bare id matches (`tech` → `tech-lead:TL1` …).
pub fn levels(context: &Context, current: &str) -> Vec<Candidate> {
    levels_among(&context.catalog(), None, current)
}

/// The levels of the ladder shown: `ladder show LADDER --level`. Every
/// ladder's when it is not typed yet or not loaded.
pub fn shown_levels(context: &Context, current: &str) -> Vec<Candidate> {
    let catalog = context.catalog();
    let shown = context.positional_after("show");
    let ladder = catalog.entries().iter().map(|e| &e.ladder).find(|l| Some(l.id.as_str()) == shown);
    levels_among(&catalog, ladder, current)
}

fn levels_among(catalog: &Catalog, only: Option<&Ladder>, current: &str) -> Vec<Candidate> {
    let ladders: Vec<&Ladder> = match only {
        Some(ladder) => vec![ladder],
        None => catalog.entries().iter().map(|e| &e.ladder).collect(),
    };
    let shared = |id: &str| ladders.iter().filter(|l| l.level_index(id).is_some()).count() > 1;
    let mut bare = Vec::new();
    let mut qualified = Vec::new();
    for ladder in &ladders {
        for level in &ladder.levels {
            let full = format!("{}:{}", ladder.id, level.id);
            if !current.contains(':') && !shared(&level.id) && starts_with(&level.id, current) {
                bare.push(Candidate::new(&level.id, Some(&level.title)));
            } else if starts_with(&full, current) && (current.contains(':') || shared(&level.id)) {
                qualified.push(Candidate::new(full, Some(&level.title)));
            }
        }
    }
    if bare.is_empty() && qualified.is_empty() && !current.is_empty() {
        qualified = ladders
            .iter()
            .filter(|l| starts_with(&l.id, current))
            .flat_map(|l| l.levels.iter().map(|v| Candidate::new(format!("{}:{}", l.id, v.id), Some(&v.title))))
            .collect();
    }
    bare.extend(qualified);
    // Level ids may hold any character but space and `:`: offer none that
    // would reach the shell as a control or bidi character.
    bare.retain(|c| matches!(crate::untrusted::terminal(&c.value), std::borrow::Cow::Borrowed(_)));
    bare
}

/// The people of the store, as the folder names `report` and the other
/// commands accept for a name; `NAME@RELATIONSHIP` once `@` is typed.
///
/// Only folders whose name is a person's slug are offered: anything else
/// (a link, a file, a name rungs would never write) is not a person.
pub fn people(context: &Context, current: &str) -> Vec<Candidate> {
    let names = context.store().map(|s| person_names(&s)).unwrap_or_default();
    if let Some((name, view)) = current.rsplit_once('@') {
        if !names.contains(&crate::text::slug(name)) {
            // Not NAME@VIEW: an email, perhaps.
            return roster_people(context, current);
        }
        let views = Relationship::ALL.into_iter().map(Relationship::name);
        return views.filter(|v| starts_with(v, view)).map(|v| Candidate::new(format!("{name}@{v}"), None)).collect();
    }
    // `Robin Q` finds `robin-quill`, as `report 'Robin Q…'` would.
    let typed = if current.trim().is_empty() { String::new() } else { crate::text::slug(current) };
    let mut found: Vec<Candidate> =
        names.into_iter().filter(|n| n.starts_with(&typed)).map(|n| Candidate::new(n, None)).collect();
    found.extend(roster_people(context, current));
    found
}

/// The roster's names and emails that start with what is typed (any case).
fn roster_people(context: &Context, current: &str) -> Vec<Candidate> {
    let Some(roster) = context.store().and_then(|s| crate::store::people::load(&s).ok().flatten()) else {
        return Vec::new();
    };
    let typed = current.to_lowercase();
    let mut found = Vec::new();
    for p in &roster.people {
        if p.name.to_lowercase().starts_with(&typed) {
            found.push(Candidate::new(p.name.clone(), p.team.as_deref()));
        }
        if let Some(email) = p.email.as_ref().filter(|e| e.to_lowercase().starts_with(&typed)) {
            found.push(Candidate::new(email.clone(), Some(p.name.as_str())));
        }
    }
    found
}

/// The names of the real person folders of a store that hold assessments, sorted.
fn person_names(store: &Store) -> Vec<String> {
    let dirs = store.person_dirs().unwrap_or_default();
    // A person is a real folder with at least one assessment: not a draft alone, nor only notes.
    let real = dirs.into_iter().filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()));
    let real = real.filter(|d| store::json_files(d).is_ok_and(|files| !files.is_empty()));
    let names = real.filter_map(|d| d.file_name().and_then(|n| n.to_str()).map(str::to_owned));
    names.filter(|n| crate::text::slug(n) == *n).collect::<BTreeSet<_>>().into_iter().collect()
}

/// The relationships: `self`, `manager`, `peer`.
pub fn relationships(current: &str) -> Vec<Candidate> {
    let names = Relationship::ALL.into_iter().map(Relationship::name);
    names.filter(|n| starts_with(n, current)).map(|n| Candidate::new(n, None)).collect()
}

/// The competency ids: of the `--ladder` typed, else of every ladder.
pub fn competencies(context: &Context, current: &str) -> Vec<Candidate> {
    let catalog = context.catalog();
    let ladders: Vec<&Ladder> = match context.typed_ladder(&catalog) {
        Some(ladder) => vec![ladder],
        None => catalog.entries().iter().map(|e| &e.ladder).collect(),
    };
    let mut seen = BTreeSet::new();
    let all = ladders.into_iter().flat_map(|l| &l.competencies);
    all.filter(|c| starts_with(&c.id, current) && seen.insert(c.id.as_str()))
        .map(|c| Candidate::new(&c.id, Some(&c.title)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(candidates: &[Candidate]) -> Vec<&str> {
        candidates.iter().map(|c| c.value.as_str()).collect()
    }

    #[test]
    fn typed_options_are_read_in_both_spellings_and_the_last_wins() {
        let context = Context::from_words(["rungs", "--dir", "a", "report", "--dir=b", "--ladder", "'tech-lead'"]);
        assert_eq!(context.option(&["--dir"]).as_deref(), Some("b"));
        assert_eq!(context.option(&["--ladder"]).as_deref(), Some("tech-lead"));
        assert_eq!(context.option(&["--ladders"]), None);
    }

    #[test]
    fn process_arguments_start_after_the_escape() {
        let args = ["/bin/rungs", "--", "rungs", "ladder", "show", "-f", "json", "developer", ""];
        let context = Context::from_args(args.map(OsString::from));
        assert_eq!(context.positional_after("show"), Some("developer"));
    }

    #[test]
    fn bare_levels_match_ignoring_case_and_a_ladder_prefix_qualifies_them() {
        let catalog = Catalog::builtin();
        let tl = levels_among(&catalog, None, "t");
        assert!(!tl.is_empty() && tl.iter().all(|c| c.value.starts_with('T')), "{tl:?}");
        let qualified = levels_among(&catalog, None, "tech");
        assert!(values(&qualified).contains(&"tech-lead:TL4"), "{qualified:?}");
        assert_eq!(values(&levels_among(&catalog, None, "developer:D1")), ["developer:D1"]);
    }

    #[test]
    fn relationships_complete_from_their_start() {
        assert_eq!(values(&relationships("m")), ["manager"]);
        assert_eq!(values(&relationships("")), ["self", "manager", "peer"]);
    }
}
