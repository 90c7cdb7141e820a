//! Sealing a store's records to their readers as the roster says today:
//! what `rungs encrypt` and `rungs rekey` do, and what `rungs check`
//! reports before they do it.
//!
//! Every record the user's key opens is looked at: a plain one is sealed,
//! a sealed one whose readers are no longer those the roster gives is
//! sealed again. A record the key does not open is left as it is (and
//! counted, see [`crate::seal::unopened_note`]): only its readers can move it.

use std::path::{Path, PathBuf};

use super::readers::{self, Audience};
use super::{Kind, Store};
use crate::error::{Error, Result};
use crate::roster::Roster;
use crate::seal::Reader;

/// Why a record must be sealed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// It is plain text in an encrypted store.
    Plain,
    /// Its readers are not those of today: who gains and who loses it.
    Readers {
        /// Names of the readers the roster adds.
        added: Vec<String>,
        /// Names of the readers it no longer gives.
        removed: Vec<String>,
    },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Plain => f.write_str("plain text in an encrypted store; rungs encrypt seals it"),
            Why::Readers { added, removed } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("adds {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    parts.push(format!("drops {}", removed.join(", ")));
                }
                if parts.is_empty() {
                    parts.push("gives other keys".to_owned());
                }
                write!(
                    f,
                    "sealed to other readers than the roster's, which {}; rungs rekey seals it again",
                    parts.join(" and ")
                )
            }
        }
    }
}

/// A record whose readers differ from what the roster says today.
#[derive(Debug)]
pub struct Change {
    /// The record.
    pub path: PathBuf,
    /// Why.
    pub why: Why,
    /// The record's text, and its readers today.
    text: String,
    readers: Vec<Reader>,
}

/// What a look at the store found.
#[derive(Debug, Default)]
pub struct Plan {
    /// The records to seal, in path order.
    pub changes: Vec<Change>,
    /// Records that could not be read, or whose readers cannot be given
    /// (a reader without a key): named, and left as they are.
    pub problems: Vec<Error>,
}

/// The records of the store (of `person` alone, when given) that must be
/// sealed, or sealed again, to have today's readers; `own` are the saving
/// identity's public keys, given to the author of each record.
///
/// # Errors
/// The roster or a folder cannot be read.
pub fn plan(store: &Store, person: Option<&str>, own: &[String]) -> Result<Plan> {
    let roster = super::people::load(store)?;
    let mut plan = Plan::default();
    let dirs = match person {
        Some(person) => vec![store.person_dir(person)],
        None => store.person_dirs()?,
    };
    for dir in dirs {
        for (kind, path) in records(&dir)? {
            let opened = match super::read_record(&path) {
                Ok(opened) => opened,
                Err(e) if e.is_not_for_you() => continue,
                Err(e) => {
                    plan.problems.push(e);
                    continue;
                }
            };
            match change(roster.as_ref(), kind, &path, opened, own) {
                Ok(Some(change)) => plan.changes.push(change),
                Ok(None) => {}
                Err(e) => plan.problems.push(e),
            }
        }
    }
    Ok(plan)
}

/// Seals each planned record to its readers of today, each file replaced
/// atomically; returns the paths written.
///
/// # Errors
/// A record that cannot be sealed or written; those before it are kept.
pub fn apply(store: &Store, plan: &Plan) -> Result<Vec<PathBuf>> {
    let mut written = Vec::with_capacity(plan.changes.len());
    for change in &plan.changes {
        let bytes = crate::seal::seal(&change.text, &change.readers)?;
        store.replace_bytes(&change.path, &bytes)?;
        written.push(change.path.clone());
    }
    Ok(written)
}

/// The change one opened record needs, if any.
fn change(
    roster: Option<&Roster>,
    kind: Kind,
    path: &Path,
    opened: crate::seal::Opened,
    own: &[String],
) -> Result<Option<Change>> {
    let (person, author, person_reads) = audience_of(kind, &opened.text, path)?;
    let audience = Audience { person: &person, author: &author, person_reads };
    // An author the roster gives no key keeps the keys they sealed it with;
    // a plain record's author, in a store without a roster, is the user.
    let author_name = roster.and_then(|r| r.find(&author)).map_or(author.as_str(), |p| p.name.as_str());
    let sealed_with: Vec<String> =
        opened.readers.iter().flatten().filter(|r| r.name == author_name).map(|r| r.key.clone()).collect();
    let stand_in = if sealed_with.is_empty() && (roster.is_none() || !opened.sealed) { own } else { &sealed_with };
    let today = readers::readers(roster, &audience, stand_in).map_err(|e| Error::InvalidFile {
        path: path.to_owned(),
        message: format!("its readers cannot be given: {e}"),
    })?;
    // A peer view is sealed again by those who read it as its chain or hr,
    // never by its author alone: a rekey (a commit, a line of check) by the
    // peer would name them.
    if !person_reads && opened.sealed {
        let others: std::collections::BTreeSet<String> = opened
            .readers
            .iter()
            .flatten()
            .filter(|r| r.name != author_name)
            .map(|r| crate::seal::key_id(&r.key))
            .collect();
        if !own.iter().any(|k| others.contains(&crate::seal::key_id(k))) {
            return Ok(None);
        }
    }
    let why = match &opened.readers {
        _ if !opened.sealed => Why::Plain,
        Some(was) if readers::same_keys(was, &today) => return Ok(None),
        Some(was) => Why::Readers { added: names_missing(&today, was), removed: names_missing(was, &today) },
        None => Why::Readers { added: today.iter().map(|r| r.name.clone()).collect(), removed: Vec::new() },
    };
    Ok(Some(Change { path: path.to_owned(), why, text: opened.text, readers: today }))
}

/// The names of readers in `a` whose keys `b` lacks, once each.
/// A reader who is in both lists with another key is named "NAME's new key".
fn names_missing(a: &[Reader], b: &[Reader]) -> Vec<String> {
    let keys: std::collections::BTreeSet<String> = b.iter().map(|r| crate::seal::key_id(&r.key)).collect();
    let mut names: Vec<String> = a
        .iter()
        .filter(|r| r.name != readers::NOBODY && !keys.contains(&crate::seal::key_id(&r.key)))
        .map(|r| if b.iter().any(|o| o.name == r.name) { format!("a key of {}", r.name) } else { r.name.clone() })
        .collect();
    names.dedup();
    names
}

/// Whom a record concerns, from its own text: the person, the author, and
/// whether the person reads it.
///
/// # Errors
/// A record that does not parse as its kind.
pub fn audience_of(kind: Kind, text: &str, path: &Path) -> Result<(String, String, bool)> {
    Ok(match kind {
        Kind::Assessment => {
            let a = crate::assessment::Assessment::from_json(text, path)?;
            let reads = Audience::of_view(&a.person, a.relationship, &a.assessor).person_reads;
            (a.person, a.assessor, reads)
        }
        Kind::Note => {
            let note = crate::journal::Note::from_json(text, path)?;
            (note.person, note.author, true)
        }
        Kind::Goal => {
            let goal = crate::journal::Goal::from_json(text, path)?;
            (goal.person.clone(), goal.person, true)
        }
        Kind::Harvest => {
            let skipped = crate::harvest::skipped::Skipped::from_json(text, path)?;
            (skipped.person.clone(), skipped.person, true)
        }
        Kind::Shared => {
            let shared = crate::assessment::shared::SharedPeers::from_json(text, path)?;
            (shared.person, shared.author, true)
        }
    })
}

/// Every record of a person's folder, of every kind, sorted by path.
///
/// # Errors
/// A folder that cannot be read.
pub fn records(dir: &Path) -> Result<Vec<(Kind, PathBuf)>> {
    let mut found: Vec<(Kind, PathBuf)> = Vec::new();
    for kind in Kind::ALL {
        let folder = kind.folder().map_or_else(|| dir.to_owned(), |f| dir.join(f));
        found.extend(super::json_files(&folder)?.into_iter().map(|p| (kind, p)));
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

/// Seals the plain drafts of every person folder to the user's own key
/// ([`Store::write_draft`]); returns how many. Drafts are never committed.
///
/// # Errors
/// A folder that cannot be listed, or a draft that cannot be written.
pub fn seal_drafts(store: &Store) -> Result<usize> {
    let mut sealed = 0;
    for dir in store.person_dirs()? {
        for path in super::read_dir(&dir)? {
            let draft = path.file_name().and_then(|n| n.to_str()).and_then(super::draft_view).is_some();
            if let Some(opened) = draft.then(|| super::read_record(&path).ok()).flatten().filter(|o| !o.sealed) {
                store.write_draft(&path, &opened.text)?;
                sealed += 1;
            }
        }
    }
    Ok(sealed)
}
