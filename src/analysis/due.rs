//! What is due for a person: a self view and a manager view no older than
//! the review cycle, peer feedback from at least the anonymity floor of
//! raters within the cycle, goals done by their day, and no interview left
//! unfinished. Pure: a person's folder in brief and today in, the items out.

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::Relationship;
use crate::journal::Goal;

/// One assessment, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// Whose view.
    pub relationship: Relationship,
    /// Who gave it.
    pub assessor: String,
    /// Its day.
    pub date: NaiveDate,
}

/// An unfinished interview's draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its view, from its file name: `LADDER-RELATIONSHIP[-ASSESSOR]`.
    pub view: String,
    /// The day it was last written (local time).
    pub touched: NaiveDate,
}

/// A person's folder in brief.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    /// The person's name as their assessments give it, if any do.
    pub name: Option<String>,
    /// Their assessments.
    pub assessments: Vec<Dated>,
    /// Their goals.
    pub goals: Vec<Goal>,
    /// Their drafts.
    pub drafts: Vec<Draft>,
}

/// What kind of thing is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// The person's own view.
    #[serde(rename = "self")]
    Myself,
    /// Their manager's view.
    Manager,
    /// Peer feedback, from too few raters in the cycle.
    Peer,
    /// An open goal past its day.
    Goal,
    /// An interview left unfinished.
    Draft,
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What kind of thing.
    pub kind: DueKind,
    /// Which: `self`, `manager`, `peer` (with how many raters of how many),
    /// the goal's id, or the draft's view.
    pub view: String,
    /// The day of the last such view, the goal's due day or the draft's
    /// last save; `null` when there never was a view.
    pub last: Option<NaiveDate>,
    /// Days past due on today; `null` when there never was a view.
    pub days_overdue: Option<i64>,
}

/// One person and what is due for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonDue {
    /// The person.
    pub person: String,
    /// Their manager, from the roster.
    pub manager: Option<String>,
    /// What is due, most overdue first.
    pub due: Vec<Item>,
}

/// The rules: today, the cycle and the peer floor.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// The day to judge on.
    pub today: NaiveDate,
    /// The review cycle, in days.
    pub cycle: u32,
    /// The fewest peer raters within the cycle.
    pub floor: usize,
}

/// Whether `date` falls within the cycle ending today.
fn within(date: NaiveDate, rules: Rules) -> bool {
    (rules.today - date).num_days() <= i64::from(rules.cycle)
}

/// Days past the cycle of a view last given on `last`; `None` when never given.
fn past_cycle(last: Option<NaiveDate>, rules: Rules) -> Option<i64> {
    last.map(|last| ((rules.today - last).num_days() - i64::from(rules.cycle)).max(0))
}

/// What is due for one person, most overdue first.
pub fn due(person: &str, manager: Option<&str>, brief: &Brief, rules: Rules) -> PersonDue {
    let mut items = Vec::new();
    let latest = |relationship: Relationship| {
        brief
            .assessments
            .iter()
            .filter(|a| a.relationship == relationship && a.date <= rules.today)
            .map(|a| a.date)
            .max()
    };
    for (kind, relationship) in [(DueKind::Myself, Relationship::Myself), (DueKind::Manager, Relationship::Manager)] {
        let last = latest(relationship);
        if last.is_none_or(|last| !within(last, rules)) {
            let view = relationship.to_string();
            items.push(Item { kind, view, last, days_overdue: past_cycle(last, rules) });
        }
    }
    let mut raters: Vec<&str> = brief
        .assessments
        .iter()
        .filter(|a| a.relationship == Relationship::Peer && a.date <= rules.today && within(a.date, rules))
        .map(|a| a.assessor.as_str())
        .collect();
    raters.sort_unstable();
    raters.dedup();
    if raters.len() < rules.floor {
        let last = latest(Relationship::Peer);
        let view = format!("peer: {} of {} raters", raters.len(), rules.floor);
        items.push(Item { kind: DueKind::Peer, view, last, days_overdue: past_cycle(last, rules) });
    }
    for goal in brief.goals.iter().filter(|g| g.is_overdue(rules.today)) {
        let due = goal.due.expect("an overdue goal has a due day");
        let days = (rules.today - due).num_days();
        items.push(Item { kind: DueKind::Goal, view: goal.id.clone(), last: Some(due), days_overdue: Some(days) });
    }
    for draft in &brief.drafts {
        let days = (rules.today - draft.touched).num_days().max(0);
        items.push(Item {
            kind: DueKind::Draft,
            view: draft.view.clone(),
            last: Some(draft.touched),
            days_overdue: Some(days),
        });
    }
    items.sort_by(|a, b| urgency(b).cmp(&urgency(a)).then(a.kind.cmp(&b.kind)).then(a.view.cmp(&b.view)));
    PersonDue { person: person.to_owned(), manager: manager.map(str::to_owned), due: items }
}

/// How overdue an item is: never given comes first, then the most days.
fn urgency(item: &Item) -> (bool, i64) {
    (item.days_overdue.is_none(), item.days_overdue.unwrap_or(0))
}

/// Keeps the people with something due, most overdue first, then by name.
pub fn sort(people: &mut Vec<PersonDue>) {
    people.retain(|p| !p.due.is_empty());
    people.sort_by(|a, b| {
        let top = |p: &PersonDue| p.due.first().map(urgency);
        top(b).cmp(&top(a)).then_with(|| a.person.cmp(&b.person))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn dated(relationship: Relationship, assessor: &str, date: &str) -> Dated {
        Dated { relationship, assessor: assessor.into(), date: day(date) }
    }

    const RULES: fn() -> Rules = || Rules { today: day("2026-06-30"), cycle: 90, floor: 3 };

    #[test]
    fn a_view_older_than_the_cycle_is_due_by_the_days_past_it() {
        let brief = Brief {
            assessments: vec![
                dated(Relationship::Myself, "Jo", "2026-03-01"),
                dated(Relationship::Manager, "Kim", "2026-06-01"),
                dated(Relationship::Peer, "A", "2026-06-01"),
                dated(Relationship::Peer, "B", "2026-06-02"),
                dated(Relationship::Peer, "C", "2026-01-01"),
            ],
            ..Brief::default()
        };
        let due = due("Jo", Some("Kim"), &brief, RULES());
        // 121 days since the self view: 31 past a 90-day cycle.
        assert_eq!(
            due.due[0],
            Item { kind: DueKind::Myself, view: "self".into(), last: Some(day("2026-03-01")), days_overdue: Some(31) }
        );
        assert_eq!(due.due[1].kind, DueKind::Peer, "C rated before the cycle: two raters within it");
        assert_eq!(due.due[1].days_overdue, Some(0));
        assert_eq!(due.due.len(), 2, "the manager's view is recent: {due:?}");
    }

    #[test]
    fn never_given_comes_first_and_drafts_and_goals_count_their_days() {
        let brief = Brief {
            drafts: vec![Draft { view: "tech-lead-self".into(), touched: day("2026-06-20") }],
            ..Brief::default()
        };
        let due = due("Jo", None, &brief, RULES());
        let kinds: Vec<DueKind> = due.due.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [DueKind::Myself, DueKind::Manager, DueKind::Peer, DueKind::Draft]);
        assert_eq!(due.due[3].days_overdue, Some(10));
        let mut people = vec![due, PersonDue { person: "Al".into(), manager: None, due: Vec::new() }];
        sort(&mut people);
        assert_eq!(people.len(), 1, "nothing due is left out");
    }
}
