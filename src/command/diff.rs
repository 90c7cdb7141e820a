//! `rungs diff OLD NEW`: what moved between two assessments of one person,
//! over time or between two assessors.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Titles, show, skipped};
use crate::assessment::Assessment;
use crate::assessment::calibrate::{Calibration, calibrate};
use crate::assessment::diff::{Diff, Direction, diff};
use crate::cli::DiffArgs;
use crate::collection::{resolve, split_back};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Cell, Document, Table, Tone, View};
use crate::view::{Filter, same_name};

/// One side of a diff, as JSON shows it.
#[derive(Serialize)]
struct Side {
    path: PathBuf,
    date: String,
    assessor: String,
    relationship: String,
    ladder: String,
    current: String,
    target: String,
}

impl Side {
    fn new(path: PathBuf, a: &Assessment) -> Self {
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
struct Sides {
    old: Side,
    new: Side,
}

#[derive(Serialize)]
struct DiffView {
    person: String,
    old: PathBuf,
    new: PathBuf,
    sides: Sides,
    #[serde(flatten)]
    diff: Diff,
    /// Present when the two assessments have different assessors: a 1:1 view.
    #[serde(skip_serializing_if = "Option::is_none")]
    calibration: Option<Calibration>,
    #[serde(skip)]
    agenda: Option<Document>,
    #[serde(skip)]
    titles: Titles,
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

/// Runs `rungs diff`.
///
/// # Errors
/// Unknown assessments, assessments of two different people, or of two
/// ladders with no competency in common (exit 2).
pub fn run(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let filter = args.view.filter();
    let (old_name, new_name) = sides(&args.old, args.new.as_deref())?;
    let old = resolve(&store, Some(&old_name), &filter)?;
    let new_name = beside(&new_name, &old.assessment.person);
    let new = resolve(&store, Some(&new_name), &on_ladder_of(&filter, &old.assessment))?;
    let (old_path, old, mut problems) = (old.path, old.assessment, old.problems);
    problems.extend(new.problems);
    let (new_path, new) = (new.path, new.assessment);
    if new_path == old_path {
        return Err(Error::Usage(format!(
            "both sides are the same assessment, {}\n  name two views, e.g. NAME@self NAME@manager, or NAME alone for what moved since the one before",
            old_path.display()
        )));
    }
    if !same_name(&old.person, &new.person) {
        return Err(Error::Incompatible {
            from: old_path.display().to_string(),
            to: new_path.display().to_string(),
            reason: format!("they assess different people (`{}` and `{}`)", old.person, new.person),
        });
    }
    let diff = diff(&old, &new);
    if diff.total.to == 0 {
        return Err(Error::Usage(format!(
            "{} ({}) and {} ({}) share no competency, so there is nothing to compare\n  compare assessments on one ladder, or on ladders with competencies in common",
            old_path.display(),
            old.ladder.id,
            new_path.display(),
            new.ladder.id
        )));
    }
    let titles = Titles::of(&catalog, &new.ladder.id);
    let (calibration, agenda) = if same_name(&old.assessor, &new.assessor) && old.relationship == new.relationship {
        (None, None)
    } else {
        let calibration = calibrate(&old, &new);
        let agenda = super::export::agenda(&old, &new, &calibration, &titles);
        (Some(calibration), Some(agenda))
    };
    let view = DiffView {
        person: new.person.clone(),
        diff,
        calibration,
        agenda,
        titles,
        sides: Sides { old: Side::new(old_path.clone(), &old), new: Side::new(new_path.clone(), &new) },
        old: old_path,
        new: new_path,
    };
    show(&view, args.output.format, settings)?;
    problems.dedup_by(|a, b| a.to_string() == b.to_string());
    skipped(settings, &problems)
}

/// The two names to compare: `diff NAME` alone means `NAME~1` against `NAME`.
fn sides(old: &str, new: Option<&str>) -> Result<(String, String)> {
    if let Some(new) = new {
        return Ok((old.to_owned(), new.to_owned()));
    }
    if Path::new(old).is_file() {
        return Err(Error::Usage(format!("`{old}` is a file: name the second assessment to compare it with")));
    }
    let (person, back) = split_back(old)?;
    Ok((format!("{person}~{}", back + 1), format!("{person}~{back}")))
}

/// The filter for the second side of a comparison: the first side's ladder
/// unless one was asked for, so that two views are set side by side on one ladder.
pub fn on_ladder_of(filter: &Filter, first: &Assessment) -> Filter {
    Filter { ladder: filter.ladder.clone().or_else(|| Some(first.ladder.id.clone())), ..filter.clone() }
}

/// `@VIEW` names another view of the person on the other side.
pub fn beside(name: &str, person: &str) -> String {
    if name.starts_with('@') { format!("{person}{name}") } else { name.to_owned() }
}
