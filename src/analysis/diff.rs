//! What changed between two assessments of one person. Pure.
//!
//! Ratings are matched by competency and level. Assessments on different
//! ladders are compared on the competencies they share; what could not be
//! matched is listed, never silently dropped.

use serde::Serialize;

use crate::assessment::{Assessment, Rating};
use crate::scoring::score;

/// Which way a rating moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A higher rating.
    Up,
    /// A lower rating.
    Down,
}

/// A rating that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The competency id.
    pub competency: String,
    /// The level rated.
    pub level: String,
    /// The step at that level.
    pub step: Option<String>,
    /// The old rating.
    pub from: Rating,
    /// The new rating.
    pub to: Rating,
    /// Up or down.
    pub direction: Direction,
}

/// Evidence that was added, changed or removed for a competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceChange {
    /// The competency id.
    pub competency: String,
    /// The old evidence (empty when added).
    pub from: String,
    /// The new evidence (empty when removed).
    pub to: String,
}

impl EvidenceChange {
    /// `added`, `changed` or `removed`.
    pub fn kind(&self) -> &'static str {
        match (self.from.is_empty(), self.to.is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "changed",
        }
    }
}

/// A rating present on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// The competency id.
    pub competency: String,
    /// The level.
    pub level: String,
    /// `old` or `new`.
    pub side: &'static str,
}

/// Ready counts before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Before.
    pub from: usize,
    /// After.
    pub to: usize,
}

/// The difference between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Every rating that differs, in the old assessment's order.
    pub changes: Vec<Change>,
    /// Every rating that stayed the same, as `(competency, level, rating)`.
    #[serde(skip)]
    pub same: Vec<(String, String, Rating)>,
    /// Ready counts before and after.
    pub ready_count: Counts,
    /// Competencies in both, by number.
    pub total: Counts,
    /// Evidence added, changed or removed (`to` empty).
    pub evidence: Vec<EvidenceChange>,
    /// Competencies only one side has (different ladders).
    pub left_out: Vec<String>,
    /// Ratings at a level only one side asked about (a changed current or target level).
    pub unmatched: Vec<Unmatched>,
}

/// Compares `old` with `new`.
pub fn diff(old: &Assessment, new: &Assessment) -> Diff {
    let (mine, theirs) = (old.competencies(), new.competencies());
    let shared: Vec<&str> = mine.iter().copied().filter(|c| theirs.contains(c)).collect();
    let mut left_out: Vec<String> =
        mine.iter().chain(&theirs).filter(|c| !shared.contains(c)).map(|c| (*c).to_owned()).collect();
    left_out.dedup();
    let mut result = Diff {
        changes: Vec::new(),
        same: Vec::new(),
        ready_count: Counts { from: 0, to: 0 },
        total: Counts { from: 0, to: 0 },
        evidence: Vec::new(),
        left_out,
        unmatched: Vec::new(),
    };
    for id in &shared {
        compare_ratings(old, new, id, &mut result);
        let evidence =
            |a: &Assessment| a.ratings_of(id).map(|e| e.evidence.clone()).find(|e| !e.is_empty()).unwrap_or_default();
        let (before, after) = (evidence(old), evidence(new));
        if before != after {
            result.evidence.push(EvidenceChange { competency: (*id).to_owned(), from: before, to: after });
        }
    }
    let count = |a: &Assessment| {
        let s = score(a);

        s.competencies
            .iter()
            .filter(|c| shared.contains(&c.id.as_str()) && c.status == crate::scoring::Status::Ready)
            .count()
    };
    result.ready_count = Counts { from: count(old), to: count(new) };
    result.total = Counts { from: shared.len(), to: shared.len() };
    result
}

fn compare_ratings(old: &Assessment, new: &Assessment, id: &str, result: &mut Diff) {
    for before in old.ratings_of(id) {
        match new.ratings_of(id).find(|e| e.level == before.level) {
            Some(after) if after.rating == before.rating => {
                result.same.push((id.to_owned(), before.level.clone(), before.rating));
            }
            Some(after) => result.changes.push(Change {
                competency: id.to_owned(),
                level: before.level.clone(),
                step: before.step.clone(),
                from: before.rating,
                to: after.rating,
                direction: if after.rating > before.rating { Direction::Up } else { Direction::Down },
            }),
            None => {
                result.unmatched.push(Unmatched {
                    competency: id.to_owned(),
                    level: before.level.clone(),
                    side: "old",
                });
            }
        }
    }
    for after in new.ratings_of(id).filter(|e| !old.ratings_of(id).any(|b| b.level == e.level)) {
        result.unmatched.push(Unmatched { competency: id.to_owned(), level: after.level.clone(), side: "new" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::RatingEntry;

    fn assessment(ratings: &[(&str, &str, Rating, &str)]) -> Assessment {
        let entries = ratings
            .iter()
            .map(|(c, l, r, e)| RatingEntry {
                competency: (*c).into(),
                level: (*l).into(),
                step: None,
                rank: None,
                expectation: String::new(),
                expectation_items: Vec::new(),
                rating: *r,
                evidence: (*e).into(),
                from_notes: Vec::new(),
            })
            .collect();
        crate::assessment::sample("A", "B", entries)
    }

    use Rating::{Developing, Meets, NotYet};

    #[test]
    fn lists_exactly_the_changed_ratings_with_their_direction() {
        let old = assessment(&[("x", "A", Meets, ""), ("x", "B", NotYet, ""), ("y", "A", Meets, "")]);
        let new = assessment(&[("x", "A", Meets, ""), ("x", "B", Developing, ""), ("y", "A", NotYet, "")]);
        let d = diff(&old, &new);
        let summary: Vec<_> =
            d.changes.iter().map(|c| (c.competency.as_str(), c.level.as_str(), c.direction)).collect();
        assert_eq!(summary, [("x", "B", Direction::Up), ("y", "A", Direction::Down)]);
        assert_eq!((d.ready_count.from, d.ready_count.to), (1, 0));
    }

    #[test]
    fn competencies_on_one_side_only_are_left_out_and_named() {
        let old = assessment(&[("x", "A", Meets, ""), ("gone", "A", Meets, "")]);
        let new = assessment(&[("x", "A", Meets, ""), ("added", "A", Meets, "")]);
        let d = diff(&old, &new);
        assert_eq!(d.left_out, ["gone", "added"]);
        assert!(d.changes.is_empty());
        assert_eq!(d.total.from, 1);
    }

    #[test]
    fn evidence_removed_is_reported_with_what_it_said() {
        let old = assessment(&[("x", "A", Meets, "was here")]);
        let new = assessment(&[("x", "A", Meets, "")]);
        assert_eq!(
            diff(&old, &new).evidence,
            [EvidenceChange { competency: "x".into(), from: "was here".into(), to: String::new() }]
        );
    }

    #[test]
    fn evidence_added_or_changed_is_reported() {
        let old = assessment(&[("x", "A", Meets, ""), ("y", "A", Meets, "old")]);
        let new = assessment(&[("x", "A", Meets, "new"), ("y", "A", Meets, "old")]);
        let d = diff(&old, &new);
        assert_eq!(d.evidence, [EvidenceChange { competency: "x".into(), from: String::new(), to: "new".into() }]);
    }

    #[test]
    fn a_level_asked_on_one_side_only_is_unmatched() {
        let old = assessment(&[("x", "A", Meets, "")]);
        let new = assessment(&[("x", "A", Meets, ""), ("x", "B", Meets, "")]);
        assert_eq!(diff(&old, &new).unmatched, [Unmatched { competency: "x".into(), level: "B".into(), side: "new" }]);
    }
}
