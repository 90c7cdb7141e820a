//! The journal as documents: the notes of `rungs notes` and the goals of
//! `rungs goals`, and a goal as the report lists it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::journal::{Goal, GoalStatus, Note};
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Table, Tone, View};

/// A person's notes: the pinned JSON, and a table.
#[derive(Serialize)]
#[serde(transparent)]
pub(crate) struct Notes {
    pub(crate) notes: Vec<Note>,
    #[serde(skip)]
    pub(crate) person: String,
    #[serde(skip)]
    pub(crate) titles: Titles,
}

impl View for Notes {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let count = crate::text::plural(self.notes.len(), "note");
        doc.heading(1, format!("{}: {count}", self.person));
        if self.notes.is_empty() {
            doc.text(Cell::new("No notes yet; add one with: rungs note --competency ID 'what happened'", Tone::Muted));
            return doc;
        }
        let mut table = Table::new(["Date", "Id", "Evidence for", "Note"]);
        for n in &self.notes {
            let tags: Vec<&str> = n.competencies.iter().map(|c| self.titles.get(c)).collect();
            let mut text = n.text.clone();
            if !crate::view::same_name(&n.author, &n.person) {
                text.push_str(&format!("\n— {}", n.author));
            }
            for link in &n.links {
                text.push('\n');
                text.push_str(link);
            }
            table.row([n.date.to_string().into(), Cell::new(&n.id, Tone::Muted), tags.join(", ").into(), text.into()]);
        }
        doc.table(table);
        doc
    }
}

/// A goal as listed: the pinned keys and whether it is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// The goal.
    #[serde(flatten)]
    pub goal: Goal,
    /// Whether it is open and past its due date.
    pub overdue: bool,
}

/// A goal with its overdue mark on `today`.
pub fn listed(goal: Goal, today: NaiveDate) -> Listed {
    Listed { overdue: goal.is_overdue(today), goal }
}

#[derive(Serialize)]
#[serde(transparent)]
pub(crate) struct Goals {
    pub(crate) goals: Vec<Listed>,
    #[serde(skip)]
    pub(crate) person: String,
    #[serde(skip)]
    pub(crate) titles: Titles,
}

impl View for Goals {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let count = crate::text::plural(self.goals.len(), "goal");
        doc.heading(1, format!("{}: {count}", self.person));
        if self.goals.is_empty() {
            doc.text(Cell::new("No goals; set one with: rungs goal add --competency ID 'what to do'", Tone::Muted));
            return doc;
        }
        let mut table = Table::new(["Id", "Competency", "Goal", "Due", "Status"]);
        for l in &self.goals {
            let g = &l.goal;
            let competency = match &g.level {
                Some(level) => format!("{} ({level})", self.titles.get(&g.competency)),
                None => self.titles.get(&g.competency).to_owned(),
            };
            let status = match g.status {
                GoalStatus::Open if l.overdue => Cell::new("overdue", Tone::Bad),
                GoalStatus::Open => Cell::new("open", Tone::Warn),
                GoalStatus::Done => {
                    Cell::new(format!("done {}", g.closed.map(|d| d.to_string()).unwrap_or_default()), Tone::Good)
                }
                GoalStatus::Dropped => Cell::new("dropped", Tone::Muted),
            };
            let due = g.due.map(|d| d.to_string()).unwrap_or_default();
            table.row([Cell::new(&g.id, Tone::Strong), competency.into(), g.text.as_str().into(), due.into(), status]);
        }
        doc.table(table);
        doc
    }
}

/// Open goals first, overdue before the rest, then by due date and age.
pub fn sort_goals(goals: &mut [Listed]) {
    goals.sort_by_key(|l| {
        (l.goal.status != GoalStatus::Open, !l.overdue, l.goal.due.is_none(), l.goal.due, l.goal.created)
    });
}
