//! A saved assessment: who rated whom, on which ladder, at which levels, and
//! every rating with the expectation text it was given against, so that an
//! old file stays readable after its ladder changes.
//!
//! The on-disk format is documented in `docs/assessment-format.md` and
//! versioned by [`SCHEMA`]. Reading and writing files is the store's job;
//! this module only converts.

pub mod answers;
mod glance;
pub mod shared;

pub use glance::{Glance, GlanceEntry, GlanceStamp};

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The schema version written into every new assessment.
pub const SCHEMA: u32 = 1;

/// The highest step rank a rating may name: ranks run from 1 to the most
/// steps a competency may have.
pub const MAX_RANK: usize = crate::ladder::parse::MAX_STEPS;
/// The longest id (ladder, ladder version, level, competency), in characters.
pub const MAX_ID_CHARS: usize = crate::ladder::parse::MAX_ID_CHARS;
/// The longest name (person, assessor, step), in characters.
pub const MAX_NAME_CHARS: usize = crate::ladder::parse::MAX_NAME_CHARS;
/// The most items one cell of several expectations may hold.
pub const MAX_ITEMS: usize = crate::ladder::MAX_ITEMS;
/// The most ratings one assessment may hold: two levels of every competency, with room to spare.
pub const MAX_RATINGS: usize = 256;

/// One saved assessment. Field order is the on-disk key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Format version; see [`SCHEMA`].
    pub schema: u32,
    /// When the file was written (RFC 3339, with offset).
    pub created_at: DateTime<FixedOffset>,
    /// The day the assessment is about; may be back-filled.
    pub date: NaiveDate,
    /// The person assessed, as typed.
    pub person: String,
    /// Who gave the ratings.
    pub assessor: String,
    /// The assessor's relationship to the person.
    pub relationship: Relationship,
    /// The ladder of the current level, with its version at the time.
    pub ladder: LadderStamp,
    /// The current level's id.
    pub current: String,
    /// The target level's id.
    pub target: String,
    /// The target level's ladder when it differs from `ladder` (D4 → TL4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ladder: Option<LadderStamp>,
    /// On a ladder of tracks, the track of the target level (`ic`, `em`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// One entry per level asked about, competency by competency.
    pub ratings: Vec<RatingEntry>,
    /// Free text.
    #[serde(default)]
    pub notes: String,
}

/// A ladder's id and version, as recorded in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderStamp {
    /// The ladder id.
    pub id: String,
    /// The ladder's version when the assessment was made.
    pub version: String,
}

/// A rating of one competency at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingEntry {
    /// The competency id.
    pub competency: String,
    /// The level id the expectation belongs to.
    pub level: String,
    /// The expected step's name, when the competency has steps.
    #[serde(default)]
    pub step: Option<String>,
    /// The step's 1-based position, so cumulative steps compare without the ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// The level's text for this competency at the time of rating; for a
    /// cell of several expectations, its items joined with `; `.
    pub expectation: String,
    /// The items of a cell of several expectations, one string each; empty
    /// for a cell of one text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectation_items: Vec<String>,
    /// The rating given.
    pub rating: Rating,
    /// Evidence for the rating, possibly several lines; empty when none was given.
    #[serde(default)]
    pub evidence: String,
    /// The ids of the journal notes the evidence was taken from, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from_notes: Vec<String>,
}

/// The rating scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// No evidence of this yet.
    NotYet,
    /// Shows it sometimes, or with help.
    Developing,
    /// Does it consistently, on their own.
    Meets,
    /// Does it consistently and is a model for others.
    Exceeds,
}

impl Rating {
    /// Every rating, lowest first.
    pub const ALL: [Rating; 4] = [Rating::NotYet, Rating::Developing, Rating::Meets, Rating::Exceeds];

    /// Whether the rating meets the expectation (`meets` or `exceeds`).
    pub fn is_met(self) -> bool {
        self >= Rating::Meets
    }

    /// The name used in files and flags.
    pub fn name(self) -> &'static str {
        match self {
            Rating::NotYet => "not-yet",
            Rating::Developing => "developing",
            Rating::Meets => "meets",
            Rating::Exceeds => "exceeds",
        }
    }

    /// What the rating means, in a few words.
    pub fn meaning(self) -> &'static str {
        match self {
            Rating::NotYet => "no evidence of this yet",
            Rating::Developing => "shows it sometimes, or with help",
            Rating::Meets => "does it consistently, on their own",
            Rating::Exceeds => "does it consistently and is a model for others",
        }
    }

    /// Parses a rating name.
    pub fn from_name(name: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The assessor's relationship to the person assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    /// A self-assessment.
    #[serde(rename = "self")]
    Myself,
    /// The person's manager.
    Manager,
    /// A peer.
    Peer,
}

impl Relationship {
    /// Every relationship.
    pub const ALL: [Relationship; 3] = [Relationship::Myself, Relationship::Manager, Relationship::Peer];

    /// The name used in files, flags and file names.
    pub fn name(self) -> &'static str {
        match self {
            Relationship::Myself => "self",
            Relationship::Manager => "manager",
            Relationship::Peer => "peer",
        }
    }

    /// Parses a relationship name, ignoring case.
    pub fn from_name(name: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.name().eq_ignore_ascii_case(name))
    }
}

impl crate::render::Choice for Relationship {
    const VALUES: &'static [(&'static str, Self)] =
        &[("self", Relationship::Myself), ("manager", Relationship::Manager), ("peer", Relationship::Peer)];
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Assessment {
    /// The file's text: pretty-printed, keys in a stable order, final newline.
    pub fn to_json(&self) -> String {
        crate::render::json(self)
    }

    /// Reads an assessment from its text; `path` names the file in errors.
    ///
    /// # Errors
    /// Invalid JSON (with line and column), a schema this version cannot
    /// read, or a value out of bounds (see [`Assessment::validate`]).
    pub fn from_json(text: &str, path: &Path) -> Result<Self> {
        #[derive(Deserialize)]
        struct Version {
            schema: Option<u32>,
        }
        let invalid = |message: String| Error::InvalidFile { path: path.to_owned(), message };
        let version: Version = serde_json::from_str(text).map_err(|e| invalid(json_error(&e)))?;
        match version.schema {
            Some(SCHEMA) => {
                let assessment: Assessment = serde_json::from_str(text).map_err(|e| invalid(json_error(&e)))?;
                assessment.validate(path)?;
                Ok(assessment)
            }
            Some(other) => Err(invalid(format!("schema version {other} is not supported (this rungs reads {SCHEMA})"))),
            None => Err(invalid("missing `schema`; this is not a rungs assessment".into())),
        }
    }

    /// Checks the bounds that keep every command linear and small: ranks
    /// from 1 to [`MAX_RANK`], ids of at most [`MAX_ID_CHARS`], names of at
    /// most [`MAX_NAME_CHARS`], at most [`MAX_RATINGS`] ratings. `path`
    /// names the file in the error, which also names the field.
    ///
    /// # Errors
    /// [`Error::InvalidFile`] for the first value out of bounds.
    pub fn validate(&self, path: &Path) -> Result<()> {
        let target_ladder = self.target_ladder.as_ref().unwrap_or(&self.ladder);
        let texts = [
            ("person", self.person.as_str(), MAX_NAME_CHARS),
            ("assessor", &self.assessor, MAX_NAME_CHARS),
            ("ladder.id", &self.ladder.id, MAX_ID_CHARS),
            ("ladder.version", &self.ladder.version, MAX_ID_CHARS),
            ("target_ladder.id", &target_ladder.id, MAX_ID_CHARS),
            ("target_ladder.version", &target_ladder.version, MAX_ID_CHARS),
            ("current", &self.current, MAX_ID_CHARS),
            ("target", &self.target, MAX_ID_CHARS),
            ("track", self.track.as_deref().unwrap_or_default(), MAX_ID_CHARS),
        ];
        if let Some((i, r)) = self.ratings.iter().enumerate().find(|(_, r)| r.expectation_items.len() > MAX_ITEMS) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                message: format!(
                    "`ratings[{i}].expectation_items` holds {} items; a cell holds at most {MAX_ITEMS}",
                    r.expectation_items.len()
                ),
            });
        }
        let ratings = self.ratings.iter().map(|r| (r.competency.as_str(), r.level.as_str(), r.step.as_deref(), r.rank));
        check_bounds(path, &texts, self.ratings.len(), ratings)
    }

    /// The ratings of one competency, in the order they were asked.
    pub fn ratings_of<'a>(&'a self, competency: &'a str) -> impl Iterator<Item = &'a RatingEntry> + 'a {
        self.ratings.iter().filter(move |r| r.competency == competency)
    }

    /// The competency ids, in the order first rated.
    pub fn competencies(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for entry in &self.ratings {
            if !ids.contains(&entry.competency.as_str()) {
                ids.push(&entry.competency);
            }
        }
        ids
    }

    /// The target ladder's id: `target_ladder`, else `ladder`.
    pub fn target_ladder_id(&self) -> &str {
        self.target_ladder.as_ref().unwrap_or(&self.ladder).id.as_str()
    }
}

/// An assessment and the file it was read from.
pub type Found = (PathBuf, Assessment);

#[cfg(test)]
/// A minimal assessment for unit tests: person `P` on ladder `l`.
pub(crate) fn sample(current: &str, target: &str, ratings: Vec<RatingEntry>) -> Assessment {
    Assessment {
        schema: SCHEMA,
        created_at: "2026-11-24T10:00:00+00:00".parse().unwrap(),
        date: "2026-11-24".parse().unwrap(),
        person: "P".into(),
        assessor: "P".into(),
        relationship: Relationship::Myself,
        ladder: LadderStamp { id: "l".into(), version: "1".into() },
        current: current.into(),
        target: target.into(),
        target_ladder: None,
        track: None,
        ratings,
        notes: String::new(),
    }
}

/// A rating for unit tests, at a ranked step.
#[cfg(test)]
pub(crate) fn sample_entry(competency: &str, level: &str, rank: usize, rating: Rating) -> RatingEntry {
    RatingEntry {
        competency: competency.into(),
        level: level.into(),
        step: Some(format!("step {rank}")),
        rank: Some(rank),
        expectation: String::new(),
        expectation_items: Vec::new(),
        rating,
        evidence: String::new(),
        from_notes: Vec::new(),
    }
}

/// A serde_json error as `line L, column C: message`.
pub fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    format!("line {}, column {}: {message}", error.line(), error.column())
}

/// A rating's fields that have bounds: competency, level, step and rank.
pub(crate) type Bounded<'a> = (&'a str, &'a str, Option<&'a str>, Option<usize>);

/// The one bounds check of an assessment, for full and glance reads alike.
/// Field names are only formatted when a check fails, so listings stay fast.
pub(crate) fn check_bounds<'a>(
    path: &Path,
    texts: &[(&str, &str, usize)],
    count: usize,
    ratings: impl Iterator<Item = Bounded<'a>>,
) -> Result<()> {
    let invalid = |message: String| Err(Error::InvalidFile { path: path.to_owned(), message });
    if count > MAX_RATINGS {
        return invalid(format!("`ratings` holds {count} entries; an assessment holds at most {MAX_RATINGS}"));
    }
    for &(field, value, max) in texts {
        if let Some(message) = too_long(field, value, max) {
            return invalid(message);
        }
    }
    for (i, (competency, level, step, rank)) in ratings.enumerate() {
        let texts = [("competency", competency, MAX_ID_CHARS), ("level", level, MAX_ID_CHARS)];
        let step = step.map(|step| ("step", step, MAX_NAME_CHARS));
        for (field, value, max) in texts.into_iter().chain(step) {
            if let Some(message) = too_long(&format!("ratings[{i}].{field}"), value, max) {
                return invalid(message);
            }
        }
        if let Some(rank) = rank.filter(|rank| !(1..=MAX_RANK).contains(rank)) {
            return invalid(format!("`ratings[{i}].rank` is {rank}; a rank runs from 1 to {MAX_RANK}"));
        }
    }
    Ok(())
}

/// A message when `value` has more than `max` characters.
fn too_long(field: &str, value: &str, max: usize) -> Option<String> {
    // Bytes bound characters from above: count only when it may matter.
    if value.len() <= max {
        return None;
    }
    let chars = value.chars().count();
    (chars > max).then(|| format!("`{field}` is {chars} characters long; the limit is {max}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_met_from_meets_up() {
        let met: Vec<bool> = Rating::ALL.iter().map(|r| r.is_met()).collect();
        assert_eq!(met, [false, false, true, true]);
    }

    #[test]
    fn names_round_trip() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_name(r.name()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.name()));
        }
        for r in Relationship::ALL {
            assert_eq!(Relationship::from_name(r.name()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.name()));
        }
    }

    #[test]
    fn unknown_schema_is_refused_with_the_path() {
        let error = Assessment::from_json(r#"{"schema": 9}"#, Path::new("a.json")).unwrap_err();
        assert_eq!(error.to_string(), "a.json: schema version 9 is not supported (this rungs reads 1)");
        let error = Assessment::from_json("{", Path::new("b.json")).unwrap_err();
        assert!(error.to_string().starts_with("b.json: line 1, column 1: EOF"), "{error}");
    }
}
