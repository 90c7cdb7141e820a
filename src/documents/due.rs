//! What is due, as the user reads it: one row per item, people most
//! overdue first; as JSON, `[ { person, manager, due: [ { kind, view, last,
//! days_overdue } ] } ]` (a contract: see docs/roster.md).

use serde::Serialize;

use crate::analysis::due::{DueKind, PersonDue};
use crate::render::{Cell, Document, Table, Tone, View};

/// What is due for the people in scope.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Due {
    /// The people with something due, most overdue first.
    pub people: Vec<PersonDue>,
    /// The cycle, for the table's note.
    #[serde(skip)]
    pub cycle: u32,
}

impl View for Due {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        if self.people.is_empty() {
            doc.text(Cell::new(
                format!("Nothing is due: every review is within the {}-day cycle.", self.cycle),
                Tone::Good,
            ));
            return doc;
        }
        let mut table = Table::new(["Person", "Manager", "Due", "Last", "Overdue"]);
        for p in &self.people {
            for (n, item) in p.due.iter().enumerate() {
                let (person, manager) = if n == 0 {
                    (Cell::new(&p.person, Tone::Strong), p.manager.clone().unwrap_or_default().into())
                } else {
                    (Cell::default(), Cell::default())
                };
                let what = match item.kind {
                    DueKind::Goal => format!("goal {}", item.view),
                    DueKind::Draft => format!("draft {}", item.view),
                    DueKind::Peer => item.view.clone(),
                    _ => format!("{} view", item.view),
                };
                let last = item.last.map_or_else(|| "never".to_owned(), |d| d.to_string());
                let overdue = match item.days_overdue {
                    None => Cell::new("never done", Tone::Bad),
                    Some(0) => Cell::new("due", Tone::Warn),
                    Some(days) => Cell::new(crate::text::plural(days.unsigned_abs() as usize, "day"), Tone::Bad),
                };
                table.row([person, manager, what.into(), last.into(), overdue]);
            }
        }
        doc.table(table).text(Cell::new(
            format!(
                "{} {} something due · a {}-day cycle",
                self.people.len(),
                if self.people.len() == 1 { "person has" } else { "people have" },
                self.cycle
            ),
            Tone::Muted,
        ));
        doc
    }
}
