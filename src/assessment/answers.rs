//! The answers file: some or all of an interview's answers, given up front
//! (`--answers FILE`, or `-` for stdin). A draft is an answers file too, so
//! resuming an interrupted interview is loading its draft.
//!
//! Every field is optional. Values stay strings here and are checked against
//! the ladder by the caller, so that an error can name the key and list the
//! allowed values.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::json_error;
use crate::error::{Error, Result};

/// Answers to an interview; the pinned answers-file format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// A ladder id or a path to a ladder file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder: Option<String>,
    /// The person assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Who gives the ratings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// `self`, `manager` or `peer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// The current level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The target level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// On a ladder of tracks, the track the person is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The assessment's date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Ratings by competency id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<String, RatingAnswers>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The answers for one competency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingAnswers {
    /// The rating at the current level's expectation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The rating at the target level's expectation, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Evidence for the ratings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The ids of the journal notes the evidence was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_notes: Option<Vec<String>>,
}

impl Answers {
    /// Reads answers from a file, or from stdin when `path` is `-`.
    ///
    /// At most [`crate::file::MAX_FILE_BYTES`] are read.
    ///
    /// # Errors
    /// The file cannot be read, is too large, is not JSON, or has an unknown key.
    pub fn load(path: &Path) -> Result<Self> {
        let text = if path == Path::new("-") {
            let mut text = String::new();
            crate::file::read_bounded(std::io::stdin(), Path::new("stdin"), &mut text)?;
            text
        } else {
            crate::file::read_named(path)?
        };
        // What the user handed in is a usage mistake (exit 2), like a bad flag.
        Self::parse(&text, path).map_err(|e| Error::Usage(e.to_string()))
    }

    /// Parses answers; `path` names the source in errors.
    ///
    /// # Errors
    /// Invalid JSON or an unknown key, with line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::InvalidFile { path: path.to_owned(), message: json_error(&e) })
    }

    /// Fills every field that `self` lacks from `under` (`self` wins).
    #[must_use]
    pub fn over(mut self, under: Answers) -> Answers {
        fn keep(mine: &mut Option<String>, theirs: Option<String>) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        keep(&mut self.ladder, under.ladder);
        keep(&mut self.person, under.person);
        keep(&mut self.assessor, under.assessor);
        keep(&mut self.relationship, under.relationship);
        keep(&mut self.current, under.current);
        keep(&mut self.target, under.target);
        keep(&mut self.track, under.track);
        keep(&mut self.date, under.date);
        keep(&mut self.notes, under.notes);
        for (id, theirs) in under.ratings {
            let mine = self.ratings.entry(id).or_default();
            keep(&mut mine.current, theirs.current);
            keep(&mut mine.target, theirs.target);
            keep(&mut mine.evidence, theirs.evidence);
            if mine.from_notes.is_none() {
                mine.from_notes = theirs.from_notes;
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_example_parses() {
        let text = r#"{ "ladder": "tech-lead", "person": "Ada Lovelace", "assessor": "Ada Lovelace", "relationship": "self",
          "current": "TL4", "target": "TL5", "date": "2026-11-24",
          "ratings": { "technology": { "current": "meets", "target": "developing", "evidence": "Led the move to ..." } },
          "notes": "free text" }"#;
        let answers = Answers::parse(text, Path::new("a.json")).unwrap();
        assert_eq!(answers.ratings["technology"].target.as_deref(), Some("developing"));
    }

    #[test]
    fn unknown_keys_name_the_file_and_line() {
        let error = Answers::parse("{\n \"persn\": \"x\"}", Path::new("a.json")).unwrap_err().to_string();
        assert!(error.starts_with("a.json: line 2, column 8: unknown field `persn`"), "{error}");
    }

    #[test]
    fn the_upper_layer_wins_field_by_field() {
        let flags = Answers { person: Some("flag".into()), ..Answers::default() };
        let mut file = Answers { person: Some("file".into()), current: Some("TL4".into()), ..Answers::default() };
        file.ratings.insert("people".into(), RatingAnswers { current: Some("meets".into()), ..Default::default() });
        let merged = flags.over(file);
        assert_eq!(merged.person.as_deref(), Some("flag"));
        assert_eq!(merged.current.as_deref(), Some("TL4"));
        assert_eq!(merged.ratings["people"].current.as_deref(), Some("meets"));
    }
}
