//! The peers' aggregate shared with the person it is about: a record kept
//! in their folder (`shared/`), written by someone who can read the peer
//! views (`rungs report NAME --relationship peer --share`). Pure: the
//! record, its JSON and its bounds. It holds counts only, cells rated by at
//! least the floor's number of peers, and never a peer's name.
//!
//! The cells are those of the aggregate itself ([`Counts`], [`LevelCell`],
//! [`CompetencyCells`]), so that a shared aggregate reads as the one
//! `rungs report NAME --relationship peer` prints.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{MAX_ID_CHARS, MAX_NAME_CHARS, MAX_RATINGS, Rating};
use crate::error::{Error, Result};

/// The schema version of shared aggregate files.
pub const SCHEMA: u32 = 1;

/// The most peers one aggregate may count.
pub const MAX_RATERS: usize = 10_000;
/// The most levels one competency's cells may hold.
pub const MAX_LEVELS: usize = 64;

/// How many peers gave each rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// `not-yet` ratings.
    #[serde(rename = "not-yet")]
    pub not_yet: usize,
    /// `developing` ratings.
    pub developing: usize,
    /// `meets` ratings.
    pub meets: usize,
    /// `exceeds` ratings.
    pub exceeds: usize,
}

impl Counts {
    /// Counts one more `rating`.
    pub(crate) fn add(&mut self, rating: Rating) {
        match rating {
            Rating::NotYet => self.not_yet += 1,
            Rating::Developing => self.developing += 1,
            Rating::Meets => self.meets += 1,
            Rating::Exceeds => self.exceeds += 1,
        }
    }

    /// The counts, `not-yet` first.
    pub fn all(&self) -> [usize; 4] {
        [self.not_yet, self.developing, self.meets, self.exceeds]
    }

    /// The count of one rating.
    pub fn of(&self, rating: Rating) -> usize {
        match rating {
            Rating::NotYet => self.not_yet,
            Rating::Developing => self.developing,
            Rating::Meets => self.meets,
            Rating::Exceeds => self.exceeds,
        }
    }

    /// How many ratings in all (saturating: a file may say anything).
    pub fn total(&self) -> usize {
        self.all().iter().fold(0usize, |sum, n| sum.saturating_add(*n))
    }
}

/// One level's expectation of a competency, as the peers rated it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelCell {
    /// The level id.
    pub level: String,
    /// How many peers rated it.
    pub raters: usize,
    /// The counts, or `None` when fewer peers than the floor rated it.
    pub ratings: Option<Counts>,
}

/// One competency across the peers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyCells {
    /// The competency id.
    pub id: String,
    /// Its levels, in the order first rated.
    pub levels: Vec<LevelCell>,
    /// The peers' evidence, unattributed and sorted; empty below the floor.
    pub evidence: Vec<String>,
}

/// A peer aggregate shared with the person. Field order is the on-disk key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedPeers {
    /// Format version; see [`SCHEMA`].
    pub schema: u32,
    /// A random id, unique in the store: `p` and hex digits.
    pub id: String,
    /// The day it was shared.
    pub date: NaiveDate,
    /// When it was written.
    pub created_at: DateTime<FixedOffset>,
    /// The person the peers assessed.
    pub person: String,
    /// Who shared it.
    pub author: String,
    /// The ladder the peers rated on.
    pub ladder: String,
    /// The anonymity floor it was written behind: every cell has at least this many raters.
    pub floor: usize,
    /// How many peers' views were counted (each peer's latest).
    pub raters: usize,
    /// The cells that passed the floor, per competency; evidence only when shared with it.
    pub competencies: Vec<CompetencyCells>,
}

fn invalid(path: &Path, message: String) -> Error {
    Error::InvalidFile { path: path.to_owned(), message }
}

impl SharedPeers {
    /// Reads a shared aggregate file's text; `path` names it in errors.
    ///
    /// # Errors
    /// Invalid JSON, an unknown field or schema, or a value out of bounds.
    pub fn from_json(text: &str, path: &Path) -> Result<Self> {
        let shared: SharedPeers = serde_json::from_str(text).map_err(|e| invalid(path, super::json_error(&e)))?;
        shared.validate(path)?;
        Ok(shared)
    }

    /// Checks the bounds that reading and writing share: names and ids
    /// bounded, and no cell below the floor, without counts, or with counts
    /// that do not add up to its raters.
    ///
    /// # Errors
    /// [`Error::InvalidFile`] naming the field.
    pub fn validate(&self, path: &Path) -> Result<()> {
        if self.schema != SCHEMA {
            return Err(invalid(path, format!("unknown `schema` {}; this rungs reads {SCHEMA}", self.schema)));
        }
        let texts = [
            ("id", self.id.as_str(), MAX_ID_CHARS),
            ("person", &self.person, MAX_NAME_CHARS),
            ("author", &self.author, MAX_NAME_CHARS),
            ("ladder", &self.ladder, MAX_ID_CHARS),
        ];
        for (field, value, limit) in texts {
            if value.chars().count() > limit {
                return Err(invalid(path, format!("`{field}` is longer than {limit} characters")));
            }
        }
        if self.floor == 0 || self.raters > MAX_RATERS {
            return Err(invalid(path, format!("`floor` must be at least 1 and `raters` at most {MAX_RATERS}")));
        }
        if self.competencies.len() > MAX_RATINGS {
            return Err(invalid(path, format!("at most {MAX_RATINGS} competencies")));
        }
        for c in &self.competencies {
            self.check_competency(c, path)?;
        }
        Ok(())
    }

    fn check_competency(&self, c: &CompetencyCells, path: &Path) -> Result<()> {
        let at = format!("competencies.{}", c.id);
        if c.id.chars().count() > MAX_ID_CHARS {
            return Err(invalid(path, format!("a competency id is longer than {MAX_ID_CHARS} characters")));
        }
        if c.levels.len() > MAX_LEVELS || c.evidence.len() > self.raters {
            return Err(invalid(
                path,
                format!("`{at}`: at most {MAX_LEVELS} levels, and no more evidence than `raters`"),
            ));
        }
        for cell in &c.levels {
            if cell.level.chars().count() > MAX_ID_CHARS {
                return Err(invalid(path, format!("`{at}`: a level id is longer than {MAX_ID_CHARS} characters")));
            }
            let counted = cell.ratings.map(|r| r.total());
            if counted != Some(cell.raters) || cell.raters < self.floor || cell.raters > self.raters {
                return Err(invalid(
                    path,
                    format!(
                        "`{at}.{}`: a shared cell holds counts adding up to its raters, at least `floor` ({}) \
                         and at most `raters` ({})",
                        cell.level, self.floor, self.raters
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The file's text: pretty-printed, stable key order, final newline.
    pub fn to_json(&self) -> String {
        crate::render::json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SharedPeers {
        let counts = Counts { meets: 2, exceeds: 1, ..Counts::default() };
        SharedPeers {
            schema: SCHEMA,
            id: "p0123456789abcdef".into(),
            date: "2026-06-01".parse().unwrap(),
            created_at: "2026-06-01T09:00:00+00:00".parse().unwrap(),
            person: "Eng".into(),
            author: "Mgr".into(),
            ladder: "tech-lead".into(),
            floor: 3,
            raters: 3,
            competencies: vec![CompetencyCells {
                id: "people".into(),
                levels: vec![LevelCell { level: "TL4".into(), raters: 3, ratings: Some(counts) }],
                evidence: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_shared_aggregate_reads_back_as_written() {
        let shared = sample();
        assert_eq!(SharedPeers::from_json(&shared.to_json(), Path::new("s.json")).unwrap(), shared);
    }

    #[test]
    fn a_cell_below_the_floor_or_without_counts_or_an_unknown_field_is_refused() {
        let mut below = sample();
        below.floor = 4;
        assert!(SharedPeers::from_json(&below.to_json(), Path::new("s.json")).is_err());
        let mut hidden = sample();
        hidden.competencies[0].levels[0].ratings = None;
        assert!(SharedPeers::from_json(&hidden.to_json(), Path::new("s.json")).is_err());
        let text = sample().to_json().replacen("\"floor\"", "\"assessors\": [\"Ann\"],\n  \"floor\"", 1);
        let error = SharedPeers::from_json(&text, Path::new("s.json")).unwrap_err();
        assert!(error.to_string().contains("assessors"), "{error}");
    }
}
