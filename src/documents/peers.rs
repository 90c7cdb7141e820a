//! The peers' aggregate as a document: `rungs report NAME --relationship
//! peer`, and a section of the promotion case and the 1:1 agenda. No peer's
//! name is ever shown: only counts, behind the anonymity floor.

use serde::Serialize;

use crate::analysis::peers::{Aggregate, CompetencyCells, LevelCell, aggregate};
use crate::assessment::Rating;
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Table, Tone, View};
use crate::view::PeerViews;

/// The aggregate with the titles to show it by.
#[derive(Serialize)]
#[serde(transparent)]
pub struct PeerReport {
    aggregate: Aggregate,
    #[serde(skip)]
    titles: Titles,
}

impl PeerReport {
    /// Aggregates the peer views of a person.
    pub fn new(views: &PeerViews, min_raters: usize, titles: Titles) -> Self {
        let peers: Vec<&crate::assessment::Assessment> = views.peers.iter().map(|(_, a)| a).collect();
        PeerReport { aggregate: aggregate(&views.person, &views.ladder, &peers, min_raters), titles }
    }

    /// Whether any peer rated the person.
    pub fn is_empty(&self) -> bool {
        self.aggregate.raters == 0
    }

    /// Adds the aggregate to a document under a heading of `level`.
    pub fn section(&self, doc: &mut Document, level: u8) {
        let a = &self.aggregate;
        let peers = if a.raters == 1 { "1 peer".to_owned() } else { format!("{} peers", a.raters) };
        doc.heading(level, format!("Peer feedback: {peers}"));
        doc.text(Cell::new(
            format!(
                "Each peer's latest view on {}, counted together. A cell rated by fewer than {} peers shows no counts.",
                a.ladder, a.min_raters
            ),
            Tone::Muted,
        ));
        let mut table = Table::new(["Competency", "Level", "Peers", "Ratings"]);
        for c in &a.competencies {
            for (i, cell) in c.levels.iter().enumerate() {
                let title = if i == 0 { self.titles.get(&c.id) } else { "" };
                table.row([
                    Cell::new(title, Tone::Strong),
                    cell.level.as_str().into(),
                    cell.raters.to_string().into(),
                    counts(cell, a.min_raters),
                ]);
            }
        }
        doc.table(table);
        for c in a.competencies.iter().filter(|c| !c.evidence.is_empty()) {
            evidence(doc, c, self.titles.get(&c.id), level + 1);
        }
    }
}

impl View for PeerReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.heading(1, format!("{}: peer view on {}", self.aggregate.person, self.aggregate.ladder));
        if self.is_empty() {
            doc.text(Cell::new("No peer has assessed this person on this ladder yet.", Tone::Muted));
            return doc;
        }
        self.section(&mut doc, 2);
        doc
    }
}

/// `2 meets, 1 exceeds`, or why nothing is shown.
fn counts(cell: &LevelCell, floor: usize) -> Cell {
    let Some(counts) = cell.ratings else {
        return Cell::new(format!("fewer than {floor} peers"), Tone::Muted);
    };
    let parts: Vec<String> =
        Rating::ALL.iter().filter(|r| counts.of(**r) > 0).map(|r| format!("{} {}", counts.of(*r), r.name())).collect();
    parts.join(", ").into()
}

fn evidence(doc: &mut Document, c: &CompetencyCells, title: &str, level: u8) {
    doc.heading(level, format!("{title}: what peers wrote (unattributed)"));
    for text in &c.evidence {
        doc.quote(text.as_str());
    }
}
