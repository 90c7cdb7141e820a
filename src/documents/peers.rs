//! The peers' aggregate as a document: `rungs report NAME --relationship
//! peer`, and a section of the promotion case and the 1:1 agenda. No peer's
//! name is ever shown: only counts, behind the anonymity floor.

use serde::Serialize;

use chrono::NaiveDate;

use crate::analysis::peers::{Aggregate, CompetencyCells, LevelCell, aggregate, from_shared};
use crate::assessment::Rating;
use crate::assessment::shared::SharedPeers;
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Table, Tone, View};
use crate::view::PeerViews;

/// The aggregate with the titles to show it by.
#[derive(Serialize)]
pub struct PeerReport {
    #[serde(flatten)]
    aggregate: Aggregate,
    /// When and by whom it was shared, for an aggregate read from a shared record.
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<SharedBy>,
    #[serde(skip)]
    titles: Titles,
}

/// Who shared a peer aggregate with the person, and on which day.
#[derive(Debug, Clone, Serialize)]
pub struct SharedBy {
    /// The day it was shared.
    pub date: NaiveDate,
    /// Who shared it.
    pub by: String,
}

impl PeerReport {
    /// Aggregates the peer views of a person.
    pub fn new(views: &PeerViews, min_raters: usize, titles: Titles) -> Self {
        let peers: Vec<&crate::assessment::Assessment> = views.peers.iter().map(|(_, a)| a).collect();
        PeerReport { aggregate: aggregate(&views.person, &views.ladder, &peers, min_raters), shared: None, titles }
    }

    /// A peer aggregate shared with the person, seen behind `min_raters` too.
    pub fn shared(shared: &SharedPeers, min_raters: usize, titles: Titles) -> Self {
        PeerReport {
            aggregate: from_shared(shared, min_raters),
            shared: Some(SharedBy { date: shared.date, by: shared.author.clone() }),
            titles,
        }
    }

    /// The aggregate itself.
    pub fn aggregate(&self) -> &Aggregate {
        &self.aggregate
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
        let said = match &self.shared {
            Some(shared) => format!(
                "Shared with {} by {} on {}: each peer's latest view on {}, counted together; \
                 only cells rated by at least {} peers are kept.",
                a.person, shared.by, shared.date, a.ladder, a.min_raters
            ),
            None => format!(
                "Each peer's latest view on {}, counted together. A cell rated by fewer than {} peers shows no counts.",
                a.ladder, a.min_raters
            ),
        };
        doc.text(Cell::new(said, Tone::Muted));
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
