//! The journal between assessments: dated notes of evidence, tagged with
//! competencies, and goals tied to gaps. Pure: the records, their JSON,
//! their bounds and their selection. Files are the store's job
//! ([`crate::store::Store::create`] with [`crate::store::Kind`]).
//!
//! Each note and each goal is a file of its own, named by date and a random
//! id, so two clones of a store shared through git that add records never
//! touch the same file and merge without a conflict. The formats are
//! documented in `docs/journal.md`.

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::untrusted::is_web_link;

/// The schema version of note and goal files.
pub const SCHEMA: u32 = 1;

/// The longest note or goal text, in bytes.
pub const MAX_TEXT: usize = 64 * 1024;
/// The most competencies a note may be tagged with.
pub const MAX_TAGS: usize = 64;
/// The most links a note may carry.
pub const MAX_LINKS: usize = 32;
/// The longest id, name or level, in characters.
pub const MAX_NAME: usize = 200;
/// How old evidence may be before a report flags it.
pub const FRESH_DAYS: i64 = 90;

/// A dated note of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Format version; see [`SCHEMA`].
    pub schema: u32,
    /// A random id, unique in the store: `n` and [`ID_DIGITS`] hex digits
    /// (8 in files written before).
    pub id: String,
    /// The day the evidence is about.
    pub date: NaiveDate,
    /// When the note was written.
    pub created_at: DateTime<FixedOffset>,
    /// The person the evidence is about.
    pub person: String,
    /// Who wrote the note.
    pub author: String,
    /// The competency ids it is evidence for; may be empty.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// `http` or `https` links to the work itself.
    #[serde(default)]
    pub links: Vec<String>,
    /// What happened.
    pub text: String,
    /// Where an imported note came from (`rungs harvest`): one key per piece
    /// of work it stands for, `git:REPO@COMMIT` or a pull request's address.
    /// Absent from notes typed by hand, and from every note written before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// The most sources a note may record.
pub const MAX_SOURCES: usize = 256;

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalStatus {
    /// Being worked on.
    Open,
    /// Reached.
    Done,
    /// Given up.
    Dropped,
}

impl fmt::Display for GoalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GoalStatus::Open => "open",
            GoalStatus::Done => "done",
            GoalStatus::Dropped => "dropped",
        })
    }
}

/// A goal tied to a gap: a competency, and optionally the level it aims at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Format version; see [`SCHEMA`].
    pub schema: u32,
    /// A random id, unique in the store: `g` and [`ID_DIGITS`] hex digits
    /// (6 in files written before).
    pub id: String,
    /// The person whose goal it is.
    pub person: String,
    /// The competency id of the gap.
    pub competency: String,
    /// The level whose expectation it aims at, if named.
    pub level: Option<String>,
    /// What to do.
    pub text: String,
    /// The day it was set.
    pub created: NaiveDate,
    /// When it should be done, if said.
    pub due: Option<NaiveDate>,
    /// Open, done or dropped.
    pub status: GoalStatus,
    /// The day it was done or dropped.
    pub closed: Option<NaiveDate>,
    /// A word on how it ended.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
}

impl Goal {
    /// Whether it is open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == GoalStatus::Open && self.due.is_some_and(|due| due < today)
    }
}

/// How many hex digits a new id has: 64 random bits, so that among a million
/// records of a kind the chance of any two sharing an id is about 3 in 100
/// million (the arithmetic is in `docs/journal.md`). Older, shorter ids
/// stay valid: ids are compared whole, whatever their length.
pub const ID_DIGITS: usize = 16;

/// A new random id: `prefix` and [`ID_DIGITS`] hex digits, from the
/// operating system's random source.
pub fn new_id(prefix: char) -> String {
    let bits = getrandom::u64().unwrap_or_else(|_| clock_hash());
    format!("{prefix}{bits:0ID_DIGITS$x}")
}

/// 64 bits from the clock and the process id under a randomly keyed hash:
/// only where the operating system has no random source to give.
fn clock_hash() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.write_u32(std::process::id());
    hasher.finish()
}

/// Whether a source key is one `rungs harvest` writes: a web link, or
/// `git:` and a repository name, `@` and a commit hash; bounded, with no
/// spaces or control characters.
pub fn is_source(source: &str) -> bool {
    let git = source.strip_prefix("git:").and_then(|rest| rest.rsplit_once('@')).is_some_and(|(repo, hash)| {
        !repo.is_empty() && (4..=64).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit())
    });
    (git || is_web_link(source))
        && source.chars().count() <= crate::untrusted::MAX_LINK
        && !source.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn bound(path: &Path, field: &str, value: &str, limit: usize) -> Result<()> {
    if value.chars().count() > limit {
        return Err(Error::InvalidFile {
            path: path.to_owned(),
            message: format!("`{field}` is longer than {limit} characters"),
        });
    }
    Ok(())
}

fn invalid(path: &Path, message: String) -> Error {
    Error::InvalidFile { path: path.to_owned(), message }
}

impl Note {
    /// Reads a note file's text; `path` names it in errors.
    ///
    /// # Errors
    /// Invalid JSON, an unknown schema, or a value out of bounds.
    pub fn from_json(text: &str, path: &Path) -> Result<Self> {
        let note: Note = serde_json::from_str(text).map_err(|e| invalid(path, crate::assessment::json_error(&e)))?;
        note.validate(path)?;
        Ok(note)
    }

    /// Checks the bounds that reading and writing share.
    ///
    /// # Errors
    /// [`Error::InvalidFile`] naming the field.
    pub fn validate(&self, path: &Path) -> Result<()> {
        check_schema(self.schema, path)?;
        for (field, value) in [("id", &self.id), ("person", &self.person), ("author", &self.author)] {
            bound(path, field, value, MAX_NAME)?;
        }
        if self.text.len() > MAX_TEXT {
            return Err(invalid(path, format!("`text` is longer than {MAX_TEXT} bytes")));
        }
        if self.competencies.len() > MAX_TAGS || self.links.len() > MAX_LINKS {
            return Err(invalid(path, format!("at most {MAX_TAGS} competencies and {MAX_LINKS} links")));
        }
        for id in &self.competencies {
            bound(path, "competencies", id, MAX_NAME)?;
        }
        if self.sources.len() > MAX_SOURCES {
            return Err(invalid(path, format!("at most {MAX_SOURCES} sources")));
        }
        if let Some(source) = self.sources.iter().find(|s| !is_source(s)) {
            return Err(invalid(path, format!("`sources`: `{source}` is not a commit or web address")));
        }
        match self.links.iter().find(|l| !is_web_link(l)) {
            Some(link) => Err(invalid(path, format!("`links`: `{link}` is not an http or https address"))),
            None => Ok(()),
        }
    }

    /// The file's text: pretty-printed, stable key order, final newline.
    pub fn to_json(&self) -> String {
        crate::render::json(self)
    }
}

impl Goal {
    /// Reads a goal file's text; `path` names it in errors.
    ///
    /// # Errors
    /// Invalid JSON, an unknown schema, or a value out of bounds.
    pub fn from_json(text: &str, path: &Path) -> Result<Self> {
        let goal: Goal = serde_json::from_str(text).map_err(|e| invalid(path, crate::assessment::json_error(&e)))?;
        goal.validate(path)?;
        Ok(goal)
    }

    /// Checks the bounds that reading and writing share.
    ///
    /// # Errors
    /// [`Error::InvalidFile`] naming the field.
    pub fn validate(&self, path: &Path) -> Result<()> {
        check_schema(self.schema, path)?;
        let level = self.level.as_deref().unwrap_or("");
        for (field, value) in
            [("id", self.id.as_str()), ("person", &self.person), ("competency", &self.competency), ("level", level)]
        {
            bound(path, field, value, MAX_NAME)?;
        }
        if self.text.len() > MAX_TEXT || self.outcome.len() > MAX_TEXT {
            return Err(invalid(path, format!("`text` is longer than {MAX_TEXT} bytes")));
        }
        Ok(())
    }

    /// The file's text: pretty-printed, stable key order, final newline.
    pub fn to_json(&self) -> String {
        crate::render::json(self)
    }
}

fn check_schema(schema: u32, path: &Path) -> Result<()> {
    if schema == SCHEMA {
        Ok(())
    } else {
        Err(invalid(path, format!("schema version {schema} is not supported (this rungs reads {SCHEMA})")))
    }
}

/// Which notes to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFilter {
    /// Only notes tagged with this competency.
    pub competency: Option<String>,
    /// Only notes dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only notes dated on or before this day.
    pub until: Option<NaiveDate>,
}

impl NoteFilter {
    /// Whether a note passes.
    pub fn admits(&self, note: &Note) -> bool {
        self.competency.as_deref().is_none_or(|c| note.competencies.iter().any(|t| t == c))
            && self.since.is_none_or(|d| note.date >= d)
            && self.until.is_none_or(|d| note.date <= d)
    }
}

/// Notes sorted oldest first: by date, then by when they were written.
pub fn sort_notes(notes: &mut [Note]) {
    notes.sort_by(|a, b| (a.date, a.created_at, &a.id).cmp(&(b.date, b.created_at, &b.id)));
}

/// The most evidence taken from notes for one competency, in bytes of the
/// saved JSON (escapes counted): whole notes take up to [`WHOLE_NOTES`], the
/// citations of the rest fill the remainder, and a last line counts the
/// notes left out. A whole note of the longest kind ([`MAX_TEXT`]) fits; an
/// assessment of the most competencies a ladder has stays readable.
pub const MAX_NOTE_EVIDENCE: usize = 72 * 1024;

/// The part of [`MAX_NOTE_EVIDENCE`] that whole notes may take.
pub const WHOLE_NOTES: usize = MAX_TEXT + 1024;

/// The evidence an interview offers from notes: one paragraph per note,
/// dated. Notes are copied whole while they take at most [`WHOLE_NOTES`];
/// past that, a note is cited by its date, first line and id (the note
/// keeps the rest), and past [`MAX_NOTE_EVIDENCE`] the notes left out are
/// counted.
pub fn as_evidence(notes: &[&Note]) -> String {
    /// What a text takes in the saved JSON, escapes and all.
    fn weight(text: &str) -> usize {
        serde_json::to_string(text).map_or(text.len(), |s| s.len())
    }
    let mut out = String::new();
    let (mut used, mut left_out) = (0, 0);
    for note in notes {
        // A text weighs at least its length: a note too long for that is not weighed.
        let whole = (used + note.text.len() <= WHOLE_NOTES)
            .then(|| format!("{}: {}", note.date, note.text.trim()))
            .filter(|whole| used + weight(whole) <= WHOLE_NOTES);
        let entry = if let Some(whole) = whole {
            whole
        } else {
            let first: String = note.text.trim().lines().next().unwrap_or("").chars().take(120).collect();
            let cited = format!("{}: {first} … (the whole text is in note {})", note.date, note.id);
            if used + weight(&cited) > MAX_NOTE_EVIDENCE - 128 {
                left_out += 1;
                continue;
            }
            cited
        };
        if !out.is_empty() {
            out.push('\n');
        }
        used += weight(&entry);
        out.push_str(&entry);
    }
    if left_out > 0 {
        let more = crate::text::plural(left_out, "more note");
        out.push_str(&format!("\n… and {more} (rungs notes lists them all)"));
    }
    out
}

/// A person's notes and goals, as read from the store.
pub type Entries = (Vec<Note>, Vec<Goal>);

#[cfg(test)]
mod tests {
    use super::*;

    fn note(date: &str, tags: &[&str]) -> Note {
        Note {
            schema: SCHEMA,
            id: new_id('n'),
            date: date.parse().unwrap(),
            created_at: format!("{date}T10:00:00+00:00").parse().unwrap(),
            person: "Ada".into(),
            author: "Ada".into(),
            competencies: tags.iter().map(|t| (*t).to_owned()).collect(),
            links: vec!["https://example.com/pr/1".into()],
            text: format!("did a thing on {date}"),
            sources: Vec::new(),
        }
    }

    #[test]
    fn evidence_from_any_number_of_notes_stays_within_its_bound() {
        let mut notes: Vec<Note> = (0..1000).map(|i| note(&format!("2026-05-{:02}", i % 28 + 1), &["a"])).collect();
        for (i, n) in notes.iter_mut().enumerate() {
            n.text = format!("note {i} \u{1}\u{2}{}\n{}", "\u{7}".repeat(100), "x".repeat(60_000));
        }
        let refs: Vec<&Note> = notes.iter().collect();
        let evidence = as_evidence(&refs);
        let saved = serde_json::to_string(&evidence).unwrap().len();
        assert!(saved <= MAX_NOTE_EVIDENCE, "{saved}");
        assert!(evidence.contains("the whole text is in note") && evidence.contains("more notes"), "{evidence}");
        let few = as_evidence(&refs[..1]);
        assert!(few.contains(&"x".repeat(60_000)), "one long note is copied whole");
    }

    #[test]
    fn only_web_links_pass() {
        assert!(is_web_link("https://example.com/a?b=c#d"));
        assert!(is_web_link("HTTP://example.com"));
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://", "https://a b", "ftp://x", "https:///x"] {
            assert!(!is_web_link(bad), "{bad}");
        }
    }

    #[test]
    fn a_note_round_trips_and_a_bad_link_is_refused_naming_it() {
        let mut n = note("2026-03-01", &["people"]);
        assert_eq!(Note::from_json(&n.to_json(), Path::new("n.json")).unwrap(), n);
        n.links.push("javascript:alert(1)".into());
        let error = Note::from_json(&n.to_json(), Path::new("n.json")).unwrap_err().to_string();
        assert!(error.contains("n.json") && error.contains("javascript:alert(1)"), "{error}");
    }

    #[test]
    fn sources_are_commits_or_web_links_and_a_note_without_them_reads_as_before() {
        let mut n = note("2026-03-01", &["people"]);
        assert!(!n.to_json().contains("sources"), "a hand-written note is written as before");
        n.sources = vec!["git:api@0123456789abcdef0123456789abcdef01234567".into(), "https://x.example/pull/4".into()];
        assert_eq!(Note::from_json(&n.to_json(), Path::new("n.json")).unwrap(), n);
        for bad in ["git:@abcd", "git:api@xyz", "git:a b@abcd", "file:///x", "git:api@abcd\n"] {
            assert!(!is_source(bad), "{bad}");
        }
    }

    #[test]
    fn the_filter_takes_tags_and_dates() {
        let filter =
            NoteFilter { competency: Some("people".into()), since: Some("2026-02-01".parse().unwrap()), until: None };
        assert!(filter.admits(&note("2026-03-01", &["people", "process"])));
        assert!(!filter.admits(&note("2026-01-01", &["people"])));
        assert!(!filter.admits(&note("2026-03-01", &["process"])));
    }

    #[test]
    fn ids_are_64_random_bits_and_differ() {
        let (a, b) = (new_id('g'), new_id('g'));
        assert_eq!(a.len(), 1 + ID_DIGITS);
        assert!(a.starts_with('g') && a[1..].chars().all(|c| c.is_ascii_hexdigit()) && a != b);
    }

    #[test]
    fn an_open_goal_past_its_due_date_is_overdue() {
        let goal = Goal {
            schema: SCHEMA,
            id: "g1".into(),
            person: "Ada".into(),
            competency: "people".into(),
            level: None,
            text: "x".into(),
            created: "2026-01-01".parse().unwrap(),
            due: Some("2026-03-01".parse().unwrap()),
            status: GoalStatus::Open,
            closed: None,
            outcome: String::new(),
        };
        assert!(goal.is_overdue("2026-03-02".parse().unwrap()));
        assert!(!goal.is_overdue("2026-03-01".parse().unwrap()));
        assert!(!Goal { status: GoalStatus::Done, ..goal }.is_overdue("2026-04-01".parse().unwrap()));
    }
}
