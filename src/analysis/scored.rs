//! One assessment, scored: a row of `history`, `team` and the promotion case.

/// One assessment, scored: a row of `history` and of `team`.
#[derive(Debug, serde::Serialize)]
pub struct Scored {
    pub(crate) path: std::path::PathBuf,
    pub(crate) date: chrono::NaiveDate,
    pub(crate) person: String,
    pub(crate) assessor: String,
    pub(crate) relationship: String,
    pub(crate) ladder: String,
    pub(crate) current: String,
    pub(crate) target: String,
    pub(crate) target_ladder: String,
    /// The track followed, on a ladder of tracks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) track: Option<String>,
    pub(crate) ready_count: usize,
    pub(crate) total: usize,
    /// The competencies the target level expects that the assessment does not rate.
    /// Present only when some are: the pinned output of a full file is unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) not_rated: Vec<String>,
    pub(crate) statuses: crate::render::Ordered<crate::scoring::Status>,
    /// Whether the assessment is ready for its target: by the level's
    /// promotion rule where it has one, else every competency ready.
    #[serde(skip)]
    pub ready: bool,
    /// How the ratings stand against the target level's promotion rule,
    /// where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) promotion: Option<crate::scoring::RuleCheck>,
    /// What the target expects of each competency (its step, else its
    /// text), so that a streak can outlive a target change that leaves a
    /// competency's expectation as it was; empty where only statuses are known.
    #[serde(skip)]
    pub(crate) expects: Vec<(String, String)>,
}

impl Scored {
    /// Scores the assessment saved at `path` against every competency its
    /// target level expects in `catalog`.
    pub fn new(
        path: std::path::PathBuf,
        a: &crate::assessment::Assessment,
        catalog: &crate::ladder::catalog::Catalog,
    ) -> Self {
        let s = crate::scoring::score_on(a, catalog);
        let expects = s
            .competencies
            .iter()
            .map(|c| (c.id.clone(), c.target.step.clone().unwrap_or_else(|| c.target.expectation.clone())))
            .collect();
        // Collected in place, the statuses would keep the scores' larger
        // allocation: over a kilobyte a row, which `team` keeps per person.
        let mut statuses: Vec<_> = s.competencies.into_iter().map(|c| (c.id, c.status)).collect();
        statuses.shrink_to_fit();
        Scored {
            path,
            date: a.date,
            person: a.person.clone(),
            assessor: a.assessor.clone(),
            relationship: a.relationship.to_string(),
            ladder: a.ladder.id.clone(),
            current: a.current.clone(),
            target: a.target.clone(),
            target_ladder: a.target_ladder_id().to_owned(),
            track: a.track.clone(),
            ready_count: s.ready_count,
            total: s.total,
            not_rated: s.not_rated,
            statuses: crate::render::Ordered(statuses),
            ready: s.ready,
            promotion: s.rule,
            expects,
        }
    }

    /// `3/5`, or `3/5, 1 not rated`; `3/5, ready by rule` where the target
    /// level's promotion rule is met without every competency, or what the
    /// rule still wants (`4/5, rule wants technical`).
    pub fn ready_cell(&self) -> String {
        let cell = crate::scoring::ready_cell(self.ready_count, self.total, self.not_rated.len());
        match &self.promotion {
            Some(rule) if !rule.met && !rule.missing.is_empty() => {
                format!("{cell}, rule wants {}", crate::text::join_names(&rule.missing))
            }
            Some(rule) if !rule.met => format!("{cell}, rule wants {} more", rule.at_least - rule.others_ready),
            _ if self.ready && self.ready_count < self.total => format!("{cell}, ready by rule"),
            _ => cell,
        }
    }

    /// `senior1 → senior2-em`, with the track where there is one: `(em)`.
    pub fn levels(&self) -> String {
        let track = self.track.as_ref().map_or_else(String::new, |t| format!(" ({t})"));
        format!("{} → {}{track}", self.current, self.target)
    }

    /// Whether `other` aims at the same target level.
    pub fn same_target(&self, other: &Scored) -> bool {
        self.target == other.target && self.target_ladder == other.target_ladder
    }

    /// Whether the assessment is ready for its target level: every
    /// competency it expects, or its promotion rule, met.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The status of one competency, if it was rated.
    pub fn status(&self, id: &str) -> Option<crate::scoring::Status> {
        self.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s)
    }

    /// Whether this assessment's target expects of competency `id` what
    /// `other`'s does: the same step (else text) where both say, else the
    /// same target level.
    pub fn expects_as(&self, other: &Scored, id: &str) -> bool {
        let expected = |s: &Scored| s.expects.iter().find(|(c, _)| c == id).map(|(_, e)| e.clone());
        match (expected(self), expected(other)) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => self.target == other.target && self.target_ladder == other.target_ladder,
        }
    }
}
