//! A glance at an assessment file: the fields `list` needs, borrowed from
//! the text without building the whole assessment, bounded as the full
//! reader bounds them.

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Assessment, MAX_ID_CHARS, MAX_NAME_CHARS, Rating, Relationship, SCHEMA, check_bounds};
use crate::error::{Error, Result};

/// The parts of an assessment that listings need, borrowed from the file's
/// text where it has no escapes: evidence and expectation texts are skipped.
#[derive(Debug, Deserialize)]
pub struct Glance<'a> {
    /// Format version.
    pub schema: u32,
    /// When the file was written.
    #[serde(borrow)]
    pub created_at: Cow<'a, str>,
    /// The assessment's date.
    pub date: NaiveDate,
    /// The person assessed.
    #[serde(borrow)]
    pub person: Cow<'a, str>,
    /// Who gave the ratings.
    #[serde(borrow)]
    pub assessor: Cow<'a, str>,
    /// The assessor's relationship to the person.
    pub relationship: Relationship,
    /// The current level's ladder.
    #[serde(borrow)]
    pub ladder: GlanceStamp<'a>,
    /// The current level.
    #[serde(borrow)]
    pub current: Cow<'a, str>,
    /// The target level.
    #[serde(borrow)]
    pub target: Cow<'a, str>,
    /// The target's ladder, when it differs.
    #[serde(default, borrow)]
    pub target_ladder: Option<GlanceStamp<'a>>,
    /// The ratings, without their texts.
    #[serde(borrow)]
    pub ratings: Vec<GlanceEntry<'a>>,
}

/// A ladder id, borrowed.
#[derive(Debug, Deserialize)]
pub struct GlanceStamp<'a> {
    /// The ladder id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
}

/// A rating without its texts.
#[derive(Debug, Deserialize)]
pub struct GlanceEntry<'a> {
    /// The competency id.
    #[serde(borrow)]
    pub competency: Cow<'a, str>,
    /// The level.
    #[serde(borrow)]
    pub level: Cow<'a, str>,
    /// The step's position.
    #[serde(default)]
    pub rank: Option<usize>,
    /// The rating.
    pub rating: Rating,
}

impl<'a> Glance<'a> {
    /// Reads the listing fields of an assessment; `path` names the file in errors.
    ///
    /// # Errors
    /// As [`Assessment::from_json`].
    pub fn from_json(text: &'a str, path: &Path) -> Result<Self> {
        match serde_json::from_str::<Glance<'a>>(text) {
            Ok(glance) if glance.schema == SCHEMA => glance.validate(path).map(|()| glance),
            // The full reader gives the precise reason: schema, syntax or field.
            _ => Assessment::from_json(text, path).and_then(|_| {
                Err(Error::InvalidFile { path: path.to_owned(), message: "unreadable assessment".into() })
            }),
        }
    }

    /// The target ladder's id.
    pub fn target_ladder_id(&self) -> &str {
        self.target_ladder.as_ref().unwrap_or(&self.ladder).id.as_ref()
    }

    /// The same checks as [`Assessment::validate`], on the fields a glance reads.
    ///
    /// # Errors
    /// [`Error::InvalidFile`] for the first value out of bounds.
    pub fn validate(&self, path: &Path) -> Result<()> {
        let texts = [
            ("person", self.person.as_ref(), MAX_NAME_CHARS),
            ("assessor", &self.assessor, MAX_NAME_CHARS),
            ("ladder.id", &self.ladder.id, MAX_ID_CHARS),
            ("target_ladder.id", self.target_ladder_id(), MAX_ID_CHARS),
            ("current", &self.current, MAX_ID_CHARS),
            ("target", &self.target, MAX_ID_CHARS),
        ];
        let ratings = self.ratings.iter().map(|r| (r.competency.as_ref(), r.level.as_ref(), None, r.rank));
        check_bounds(path, &texts, self.ratings.len(), ratings)
    }
}
