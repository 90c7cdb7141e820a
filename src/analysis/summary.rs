//! What `list` and `team` need of one assessment file: its header fields and
//! each competency's status. Kept in the summary cache ([`crate::store::cache`]) so
//! an unchanged file is not read again; made from the file's text here, the
//! same way on every path, so a cached summary and a fresh one never differ.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::assessment::{Assessment, Glance, Relationship};
use crate::error::Result;
use crate::scoring::{Status, judge};

/// The listing fields of an assessment and its competencies' statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The assessment's date.
    pub date: NaiveDate,
    /// When the file was written, as written in it (listings sort by this text).
    pub created_at: String,
    /// The person assessed.
    pub person: String,
    /// Who gave the ratings.
    pub assessor: String,
    /// The assessor's relationship to the person.
    pub relationship: Relationship,
    /// The current level's ladder id.
    pub ladder: String,
    /// The target level's ladder id (the same as `ladder` unless it differs).
    pub target_ladder: String,
    /// The current level.
    pub current: String,
    /// The target level.
    pub target: String,
    /// Each competency's status, in first-rated order (see [`judge`]).
    pub statuses: Vec<(String, Status)>,
    /// The competencies rated only at the current level, the target being
    /// another (see [`crate::scoring::current_only`]).
    pub current_only: Vec<String>,
    /// Whether the full reader ([`Assessment::from_json`]) accepts the file
    /// too: commands that read whole assessments (`team`) use only these,
    /// and read the file again otherwise, to name its problem.
    pub whole: bool,
}

impl Summary {
    /// Summarises an assessment's text with the light reader; `path` names
    /// the file in errors, which are those of [`Glance::from_json`]. Not
    /// [`whole`](Summary::whole): only a command that reads whole
    /// assessments finds that out, and pays for it, once per file.
    ///
    /// # Errors
    /// As [`Glance::from_json`].
    pub fn read(text: &str, path: &Path) -> Result<Summary> {
        Ok(Summary::of(&Glance::from_json(text, path)?, false))
    }

    /// The summary of a glance.
    pub fn of(glance: &Glance<'_>, whole: bool) -> Summary {
        let statuses = judge(&glance.current, &glance.target, &glance.ratings)
            .into_iter()
            .map(|j| (j.id.to_owned(), j.status))
            .collect();
        let current_only = crate::scoring::current_only(&glance.current, &glance.target, &glance.ratings);
        Summary {
            date: glance.date,
            created_at: glance.created_at.clone().into_owned(),
            person: glance.person.clone().into_owned(),
            assessor: glance.assessor.clone().into_owned(),
            relationship: glance.relationship,
            ladder: glance.ladder.id.clone().into_owned(),
            target_ladder: glance.target_ladder_id().to_owned(),
            current: glance.current.clone().into_owned(),
            target: glance.target.clone().into_owned(),
            statuses,
            current_only,
            whole,
        }
    }

    /// The summary of a whole assessment, for the rare file that the full
    /// reader accepts and the light one does not; never cached.
    pub fn of_assessment(a: &Assessment) -> Summary {
        let statuses = judge(&a.current, &a.target, &a.ratings).into_iter().map(|j| (j.id.to_owned(), j.status));
        Summary {
            date: a.date,
            created_at: a.created_at.to_rfc3339(),
            person: a.person.clone(),
            assessor: a.assessor.clone(),
            relationship: a.relationship,
            ladder: a.ladder.id.clone(),
            target_ladder: a.target_ladder_id().to_owned(),
            current: a.current.clone(),
            target: a.target.clone(),
            statuses: statuses.collect(),
            current_only: crate::scoring::current_only(&a.current, &a.target, &a.ratings),
            whole: true,
        }
    }

    /// How many competencies are ready.
    pub fn ready_count(&self) -> usize {
        self.statuses.iter().filter(|(_, s)| *s == Status::Ready).count()
    }

    /// The competencies its target level expects in `catalog` that it does
    /// not rate, those rated only at the current level where the target
    /// asks more taken out of `statuses` first (see
    /// [`crate::ladder::catalog::Asks`]); worked out on every run, never
    /// cached, since the ladders loaded may change between runs.
    pub fn not_rated(&mut self, catalog: &crate::ladder::catalog::Catalog) -> Vec<String> {
        let asks = self.asks(catalog);
        let unrated = asks.unrated(&self.current_only);
        self.statuses.retain(|(id, _)| !unrated.contains(id));
        let rated = |id: &str| self.statuses.iter().any(|(c, _)| c == id);
        crate::scoring::not_rated(asks.expected.as_deref().unwrap_or_default(), rated)
    }

    /// What its levels ask, as `catalog` says (worked out once per pair of levels).
    pub fn asks(&self, catalog: &crate::ladder::catalog::Catalog) -> std::sync::Arc<crate::ladder::catalog::Asks> {
        catalog.asks((&self.ladder, &self.current), (&self.target_ladder, &self.target))
    }

    /// When the file was written, as an instant, as the full reader parses it.
    pub fn created(&self) -> Option<DateTime<FixedOffset>> {
        self.created_at.parse().ok()
    }
}
