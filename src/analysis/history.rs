//! Streaks over a view's history: since when each competency's target has
//! been met without a break, and since when the whole target. Pure; `history`
//! and the promotion case cite them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::Scored;
use crate::render::Ordered;
use crate::scoring::Status;
use crate::text::plural;

/// How long a competency's target has been met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sustained {
    /// The date of the first assessment of the unbroken run.
    pub since: NaiveDate,
    /// How many consecutive assessments the run spans.
    pub assessments: usize,
}

/// For each competency ready in the latest entry: the unbroken run of
/// `ready` back from it, among entries whose target expects of it what the
/// latest's does (a new target that expects the same step keeps the run).
/// Pure; the promotion case cites it too.
pub fn sustained(entries: &[Scored], competencies: &[String]) -> Ordered<Sustained> {
    let Some(latest) = entries.last() else { return Ordered(Vec::new()) };
    let runs = competencies.iter().filter_map(|id| {
        let run: Vec<&Scored> = entries
            .iter()
            .rev()
            .take_while(|e| e.expects_as(latest, id) && e.status(id) == Some(Status::Ready))
            .collect();
        let first = run.last()?;
        Some((id.clone(), Sustained { since: first.date, assessments: run.len() }))
    });
    Ordered(runs.collect())
}

/// `Ready for TL5 since 2026-06-01, 2 assessments in a row`: the unbroken
/// run back from the latest entry of entries ready for its target (by the
/// level's promotion rule where it has one); `None` when the latest is not.
pub fn ready_since(entries: &[Scored]) -> Option<String> {
    let latest = entries.last().filter(|e| e.is_ready())?;
    let run: Vec<&Scored> = entries.iter().rev().take_while(|e| e.is_ready() && e.same_target(latest)).collect();
    let first = run.last()?;
    Some(format!("Ready for {} since {}, {} in a row", latest.target, first.date, plural(run.len(), "assessment")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A scored assessment on `date` toward `target` whose competencies have `statuses`.
    fn at(date: &str, target: &str, statuses: &[Status]) -> Scored {
        at_step(date, target, 2, statuses)
    }

    /// The same, where `target` expects step `rank` of every competency.
    fn at_step(date: &str, target: &str, rank: usize, statuses: &[Status]) -> Scored {
        use crate::assessment::{Rating, sample, sample_entry};
        let entries = statuses.iter().enumerate().flat_map(|(i, s)| {
            let (now, next) = match s {
                Status::Ready => (Rating::Meets, Rating::Meets),
                Status::Growing => (Rating::Meets, Rating::NotYet),
                Status::Below => (Rating::NotYet, Rating::NotYet),
            };
            [sample_entry(&format!("c{i}"), "A", 1, now), sample_entry(&format!("c{i}"), target, rank, next)]
        });
        let mut a = sample("A", target, entries.collect());
        a.date = date.parse().unwrap();
        Scored::new(PathBuf::new(), &a, &crate::ladder::catalog::Catalog::builtin())
    }

    use Status::{Below, Growing, Ready};

    #[test]
    fn a_run_of_ready_counts_back_from_the_latest_until_a_break() {
        let entries = [
            at("2026-02-01", "B", &[Ready, Below, Ready]),
            at("2026-05-01", "B", &[Growing, Ready, Ready]),
            at("2026-08-01", "B", &[Ready, Ready, Ready]),
            at("2026-11-01", "B", &[Ready, Ready, Growing]),
        ];
        let ids: Vec<String> = (0..3).map(|i| format!("c{i}")).collect();
        let s = sustained(&entries, &ids);
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        assert_eq!(
            s.0,
            [
                ("c0".to_owned(), Sustained { since: day("2026-08-01"), assessments: 2 }),
                ("c1".to_owned(), Sustained { since: day("2026-05-01"), assessments: 3 }),
            ]
        );
    }

    #[test]
    fn a_new_target_that_expects_another_step_starts_a_new_run() {
        let entries = [at("2026-02-01", "B", &[Ready]), at_step("2026-05-01", "C", 3, &[Ready])];
        let s = sustained(&entries, &["c0".to_owned()]);
        assert_eq!(s.0[0].1.assessments, 1);
    }

    #[test]
    fn a_new_target_that_expects_the_same_step_keeps_the_run() {
        let entries = [at("2026-02-01", "B", &[Ready]), at("2026-05-01", "C", &[Ready])];
        let s = sustained(&entries, &["c0".to_owned()]);
        assert_eq!(s.0[0].1.assessments, 2);
    }
}
