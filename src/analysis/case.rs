//! What a promotion case cites beside its assessment: the view's series
//! up to it, the period its notes and goals come from, the manager's view,
//! and the person's notes and goals. Pure: the command reads the notes and
//! goals, [`Case::gather`] picks what the case cites.

use chrono::NaiveDate;

use crate::assessment::{Assessment, Found, Relationship};
use crate::journal::{Goal, GoalStatus, Note};
use crate::view::{Filter, Resolved, choose, series};

/// How many months before a view's first assessment its case reaches back
/// for notes and goals done, unless `--since` says otherwise: the work that
/// first assessment stood on.
pub const WINDOW_MONTHS: u32 = 12;

/// The days whose notes and closed goals a case cites, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// [`WINDOW_MONTHS`] before the view's first assessment, or the day asked for.
    pub from: NaiveDate,
    /// Today for the latest assessment, else the day before the next one.
    pub to: NaiveDate,
    /// Whether it runs to today: the case is the view's latest assessment.
    pub ongoing: bool,
}

impl Period {
    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The period of the assessment at `index` of a view's `series`
    /// (oldest first), on `today`: from `since` when given, else from
    /// [`WINDOW_MONTHS`] before the view's first assessment.
    pub fn of(series: &[Found], index: usize, today: NaiveDate, since: Option<NaiveDate>) -> Period {
        let case = series[index].1.date;
        let first = series.first().map_or(case, |(_, a)| a.date);
        let window = first.checked_sub_months(chrono::Months::new(WINDOW_MONTHS)).unwrap_or(first);
        let from = since.unwrap_or(window);
        match series.get(index + 1) {
            Some((_, next)) => Period { from, to: next.date.pred_opt().unwrap_or(next.date).max(case), ongoing: false },
            None => Period { from, to: today.max(case), ongoing: true },
        }
    }
}

impl std::fmt::Display for Period {
    /// `since 2026-01-10` when it runs to today, else `2026-01-10 to 2026-04-09`:
    /// a document never states the day it was made.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ongoing { write!(f, "since {}", self.from) } else { write!(f, "{} to {}", self.from, self.to) }
    }
}

/// What a promotion case shows beside its assessment.
#[derive(Debug, Clone)]
pub struct Case {
    /// The view's assessments up to and including the case's, oldest first.
    pub series: Vec<Found>,
    /// Beside a self view: the latest manager view on its ladder by the period's end.
    pub manager: Option<Assessment>,
    /// The days the notes and goals come from.
    pub period: Period,
    /// The person's notes dated in the period, oldest first.
    pub notes: Vec<Note>,
    /// The person's goals done in the period, and their open goals.
    pub goals: Vec<Goal>,
}

impl Case {
    /// A case of one assessment alone: no series, no manager, no journal.
    pub fn alone(a: &Assessment) -> Case {
        let period = Period { from: a.date, to: a.date, ongoing: false };
        let series = vec![(std::path::PathBuf::new(), a.clone())];
        Case { series, manager: None, period, notes: Vec::new(), goals: Vec::new() }
    }

    /// What the case of a resolved assessment cites, on `today`: its view's
    /// series, the manager's view, and those of the person's `notes` and
    /// `goals` that belong to its [`Period`], which starts at `since` when
    /// given.
    pub fn gather(
        found: &Resolved,
        (notes, goals): (Vec<Note>, Vec<Goal>),
        today: NaiveDate,
        since: Option<NaiveDate>,
    ) -> Case {
        let a = &found.assessment;
        let mut all = found.series.clone();
        let index = all.iter().position(|(path, _)| *path == found.path).unwrap_or_else(|| {
            all = vec![(found.path.clone(), a.clone())];
            0
        });
        let period = Period::of(&all, index, today, since);
        all.truncate(index + 1);
        let notes = notes.into_iter().filter(|n| period.contains(n.date)).collect();
        let goals = goals.into_iter().filter(|g| cited(g, period)).collect();
        let manager = manager_beside(&found.history, a, period.to);
        Case { series: all, manager, period, notes, goals }
    }
}

/// Whether a case cites a goal: done in the period, or still open.
fn cited(goal: &Goal, period: Period) -> bool {
    match goal.status {
        GoalStatus::Open => true,
        GoalStatus::Done => goal.closed.is_some_and(|d| period.contains(d)),
        GoalStatus::Dropped => false,
    }
}

/// The latest manager view on the ladder of a self view `a`, by `until`.
fn manager_beside(history: &[Found], a: &Assessment, until: NaiveDate) -> Option<Assessment> {
    if a.relationship != Relationship::Myself {
        return None;
    }
    let earlier: Vec<Found> = history.iter().filter(|(_, m)| m.date <= until).cloned().collect();
    let filter =
        Filter { relationship: Some(Relationship::Manager), assessor: None, ladder: Some(a.ladder.id.clone()) };
    let view = choose(&earlier, &filter).ok()?;
    series(earlier, &view).pop().map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::collection::sample_found as found;

    #[test]
    fn the_period_runs_from_a_year_before_the_first_assessment_to_today_or_the_next_one() {
        let series = [found("2026-01-10"), found("2026-04-10"), found("2026-07-10")];
        let today = "2026-11-25".parse().unwrap();
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let latest = Period::of(&series, 2, today, None);
        assert_eq!(latest, Period { from: day("2025-01-10"), to: today, ongoing: true });
        assert_eq!(latest.to_string(), "since 2025-01-10");
        let earlier = Period::of(&series, 1, today, None);
        assert_eq!(earlier, Period { from: day("2025-01-10"), to: day("2026-07-09"), ongoing: false });
        assert_eq!(earlier.to_string(), "2025-01-10 to 2026-07-09");
        let asked = Period::of(&series, 2, today, Some(day("2025-10-01")));
        assert_eq!(asked.from, day("2025-10-01"));
    }

    #[test]
    fn a_case_cites_open_goals_and_those_done_in_its_period_only() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let period = Period { from: day("2026-01-01"), to: day("2026-06-30"), ongoing: false };
        let goal = |status, closed: Option<&str>| Goal {
            schema: crate::journal::SCHEMA,
            id: "g1".into(),
            person: "Ada".into(),
            competency: "people".into(),
            level: None,
            text: "x".into(),
            created: day("2026-01-01"),
            due: None,
            status,
            closed: closed.map(day),
            outcome: String::new(),
        };
        assert!(cited(&goal(GoalStatus::Open, None), period));
        assert!(cited(&goal(GoalStatus::Done, Some("2026-03-01")), period));
        assert!(!cited(&goal(GoalStatus::Done, Some("2026-07-01")), period));
        assert!(!cited(&goal(GoalStatus::Dropped, Some("2026-03-01")), period));
    }
}
