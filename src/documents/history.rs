//! The history document: a view's assessments in date order, each
//! competency's status, the streaks, and the person's other views.

use serde::Serialize;

use crate::analysis::Scored;
use crate::analysis::history::{Sustained, ready_since};
use crate::assessment::{Found, Relationship};
use crate::documents::status::{glyph as status_glyph, tone};
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Ordered, Table, Tone, View};
use crate::scoring::Status;
use crate::text::{plural, shell_quote};
use crate::view::{ViewId, listing, views};

#[derive(Serialize)]
pub(crate) struct HistoryView {
    pub(crate) person: String,
    pub(crate) relationship: Relationship,
    pub(crate) assessor: String,
    pub(crate) ladder: String,
    pub(crate) assessments: Vec<Scored>,
    pub(crate) sustained: Ordered<Sustained>,
    pub(crate) other_views: Vec<OtherView>,
    #[serde(skip)]
    pub(crate) view: ViewId,
    #[serde(skip)]
    pub(crate) competencies: Vec<String>,
    #[serde(skip)]
    pub(crate) titles: Titles,
}

/// Another view of the same person, and the command that shows it.
#[derive(Serialize)]
pub(crate) struct OtherView {
    pub(crate) view: String,
    pub(crate) command: String,
}

/// The person's other views; peers are counted together, never named.
pub(crate) fn other_views(found: &[Found], shown: &ViewId) -> Vec<OtherView> {
    let others: Vec<ViewId> = views(found).into_iter().filter(|v| v != shown).collect();
    let person = shell_quote(&shown.person);
    listing(&others)
        .into_iter()
        .map(|line| {
            let (view, flags) = line.split_once(": ").unwrap_or((line.as_str(), ""));
            let command = if view.contains("peer view") {
                format!("rungs report {person} {flags}")
            } else {
                format!("rungs history {person} {flags}")
            };
            OtherView { view: view.to_owned(), command }
        })
        .collect()
}

fn glyph(status: Option<Status>) -> (&'static str, Tone) {
    status.map_or(("·", Tone::Muted), |s| (status_glyph(s), tone(s)))
}

impl View for HistoryView {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let count = plural(self.assessments.len(), "assessment");
        doc.heading(1, format!("{}: {}, {count}", self.person, self.view));
        let titles = self.competencies.iter().map(|c| self.titles.get(c).to_owned());
        let mut table =
            Table::new(["Date".to_owned(), "Levels".to_owned()].into_iter().chain(titles).chain(["Ready".to_owned()]));
        for e in &self.assessments {
            // One view: the heading names its assessor, so rows need not repeat it.
            let mut cells = vec![e.date.to_string().into(), e.levels().into()];
            for id in &self.competencies {
                let status = e.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s);
                let (mark, tone) = glyph(status);
                cells.push(Cell::new(format!("{mark} {}", status.map_or("", Status::name)), tone));
            }
            cells.push(e.ready_cell().into());
            table.row(cells);
        }
        doc.table(table);
        let lines = self.competencies.iter().map(|id| {
            let trail: String = self
                .assessments
                .iter()
                .map(|e| glyph(e.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s)).0)
                .collect();
            let title = self.titles.get(id);
            match self.sustained.0.iter().find(|(c, _)| c == id) {
                Some((_, s)) => Cell::new(
                    format!(
                        "{title}: {trail}  target met since {}, {} in a row",
                        s.since,
                        plural(s.assessments, "assessment")
                    ),
                    Tone::Good,
                ),
                None => Cell::new(format!("{title}: {trail}  target not met in the latest assessment"), Tone::Plain),
            }
        });
        doc.heading(2, "Sustained").list(lines.collect::<Vec<_>>());
        if let Some(line) = ready_since(&self.assessments) {
            doc.text(Cell::new(line, Tone::Good));
        }
        if !self.other_views.is_empty() {
            let others = self.other_views.iter().map(|o| format!("{}:\n  {}", o.view, o.command));
            doc.heading(2, "Other views").list(others.collect::<Vec<_>>());
        }
        doc
    }
}
