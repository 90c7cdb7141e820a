//! The diff document: what moved between two assessments of one person,
//! over time or between two assessors.

use std::path::PathBuf;

use serde::Serialize;

use crate::analysis::calibrate::Calibration;
use crate::analysis::diff::{Diff, Direction};
use crate::assessment::Assessment;
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Table, Tone, View};

/// One side of a diff, as JSON shows it.
#[derive(Serialize)]
pub(crate) struct Side {
    pub(crate) path: PathBuf,
    pub(crate) date: String,
    pub(crate) assessor: String,
    pub(crate) relationship: String,
    pub(crate) ladder: String,
    pub(crate) current: String,
    pub(crate) target: String,
}

impl Side {
    pub(crate) fn new(path: PathBuf, a: &Assessment) -> Self {
        Side {
            path,
            date: a.date.to_string(),
            assessor: a.assessor.clone(),
            relationship: a.relationship.to_string(),
            ladder: a.ladder.id.clone(),
            current: a.current.clone(),
            target: a.target.clone(),
        }
    }

    fn label(&self) -> String {
        if self.relationship == "self" {
            format!("{} (self)", self.date)
        } else {
            format!("{} ({}, {})", self.date, self.assessor, self.relationship)
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Sides {
    pub(crate) old: Side,
    pub(crate) new: Side,
}

#[derive(Serialize)]
pub(crate) struct DiffView {
    pub(crate) person: String,
    pub(crate) old: PathBuf,
    pub(crate) new: PathBuf,
    pub(crate) sides: Sides,
    #[serde(flatten)]
    pub(crate) diff: Diff,
    /// Present when the two assessments have different assessors: a 1:1 view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) calibration: Option<Calibration>,
    #[serde(skip)]
    pub(crate) agenda: Option<Document>,
    #[serde(skip)]
    pub(crate) titles: Titles,
}

impl View for DiffView {
    fn document(&self) -> Document {
        if let Some(agenda) = &self.agenda {
            let mut doc = agenda.clone();
            let ready = format!(
                "Ready: {} of {} in the first view, {} of {} in the second",
                self.diff.ready_count.from, self.diff.total.from, self.diff.ready_count.to, self.diff.total.to
            );
            doc.text(Cell::new(ready, Tone::Muted));
            return doc;
        }
        let d = &self.diff;
        let mut doc = Document::default();
        doc.heading(1, format!("{}: {} → {}", self.person, self.sides.old.label(), self.sides.new.label()));
        if d.changes.is_empty() && d.same.is_empty() {
            doc.text(Cell::new("No rating could be compared: the two assessments rate different levels.", Tone::Muted));
        } else if d.changes.is_empty() {
            doc.text(Cell::new("No rating changed.", Tone::Muted));
        } else {
            let mut table = Table::new(["Competency", "Level", "Before", "After", "Change"]);
            for c in &d.changes {
                let (mark, tone) = match c.direction {
                    Direction::Up => ("↑ up", Tone::Good),
                    Direction::Down => ("↓ down", Tone::Bad),
                };
                let level = c.step.as_ref().map_or_else(|| c.level.clone(), |s| format!("{} · {s}", c.level));
                table.row([
                    Cell::new(self.titles.get(&c.competency), Tone::Strong),
                    level.into(),
                    c.from.name().into(),
                    c.to.name().into(),
                    Cell::new(mark, tone),
                ]);
            }
            doc.table(table);
        }
        doc.text(format!("Ready: {} of {} → {} of {}", d.ready_count.from, d.total.from, d.ready_count.to, d.total.to));
        let evidence = d.evidence.iter().map(|e| {
            let shown = if e.to.is_empty() { &e.from } else { &e.to };
            format!("{} ({}): {shown}", self.titles.get(&e.competency), e.kind())
        });
        let evidence: Vec<String> = evidence.collect();
        if !evidence.is_empty() {
            doc.heading(2, "Evidence").list(evidence);
        }
        if !d.left_out.is_empty() {
            doc.text(Cell::new(format!("Left out, on one ladder only: {}", d.left_out.join(", ")), Tone::Muted));
        }
        if !d.unmatched.is_empty() {
            let levels: Vec<String> =
                d.unmatched.iter().map(|u| format!("{} at {} ({} only)", u.competency, u.level, u.side)).collect();
            doc.text(Cell::new(format!("Not compared, asked on one side only: {}", levels.join(", ")), Tone::Muted));
        }
        doc
    }
}
