//! `rungs report`: the gap report of one assessment, also printed after
//! every `rungs assess`.

use std::path::PathBuf;

use serde::Serialize;

use super::{Titles, show, skipped};
use crate::assessment::Assessment;
use crate::assessment::Relationship;
use crate::cli::ReportArgs;
use crate::collection::{parse_name, peer_views, resolve};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Cell, Document, Table, Tone, View};
use crate::scoring::{CompetencyScore, Score, Status, score};
use crate::view::Filter;

/// The gap report: the pinned JSON, and a table with a verdict and the gaps.
#[derive(Serialize)]
pub struct Report<'a> {
    path: PathBuf,
    person: &'a str,
    assessor: &'a str,
    relationship: &'a str,
    date: String,
    ladder: &'a str,
    target_ladder: &'a str,
    current: &'a str,
    target: &'a str,
    /// The view the assessment was taken from, when it was named by person.
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<String>,
    #[serde(flatten)]
    score: Score,
    #[serde(skip)]
    titles: Titles,
}

impl<'a> Report<'a> {
    /// The report of an assessment saved at `path`.
    pub fn new(path: PathBuf, assessment: &'a Assessment, titles: Titles) -> Self {
        Report {
            path,
            person: &assessment.person,
            assessor: &assessment.assessor,
            relationship: assessment.relationship.name(),
            date: assessment.date.to_string(),
            ladder: &assessment.ladder.id,
            target_ladder: assessment.target_ladder_id(),
            current: &assessment.current,
            target: &assessment.target,
            view: None,
            score: score(assessment),
            titles,
        }
    }
}

/// The tone of a status.
pub fn tone(status: Status) -> Tone {
    match status {
        Status::Ready => Tone::Good,
        Status::Growing => Tone::Warn,
        Status::Below => Tone::Bad,
    }
}

/// `2 Specializes`, or `—` for a competency without steps.
fn step(rank: Option<usize>, step: Option<&str>) -> String {
    match (rank, step) {
        (Some(rank), Some(step)) => format!("{rank} {step}"),
        (None, Some(step)) => step.to_owned(),
        _ => "—".to_owned(),
    }
}

/// The bar and the step held, then the step required when it is not held:
/// `■■■□ Owns → Evolves`.
fn progress(c: &CompetencyScore) -> String {
    let held = c.held.as_ref().map_or("—", |h| h.step.as_str());
    let required = c.target.step.as_deref().unwrap_or("—");
    let bar = bar(c);
    let shown = if c.target.met { held.to_owned() } else { format!("{held} → {required}") };
    if bar.is_empty() { shown } else { format!("{bar} {shown}") }
}

/// A bar of the step held against the step required: `■■■□` for 3 of 4.
fn bar(c: &CompetencyScore) -> String {
    let (Some(required), held) = (c.target.rank, c.held.as_ref().map_or(0, |h| h.rank)) else {
        return String::new();
    };
    let top = required.max(held);
    (1..=top).map(|i| if i <= held { '■' } else { '□' }).collect()
}

impl View for Report<'_> {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let relation = if self.relationship == "self" {
            "self".to_owned()
        } else {
            format!("by {}, {}", self.assessor, self.relationship)
        };
        doc.heading(1, format!("{}: {} → {} ({}, {relation})", self.person, self.current, self.target, self.date));
        if let Some(view) = &self.view {
            doc.text(Cell::new(format!("Showing the {view}."), Tone::Muted));
        }
        let ratings = format!("Rating {} → {}", self.current, self.target);
        let mut table = Table::new(["Competency", "Step held → required", ratings.as_str(), "Status"]);
        for c in &self.score.competencies {
            // A surplus is ready by definition: say the more telling word.
            let status = if c.surplus && c.status == Status::Ready { "surplus" } else { c.status.name() };
            let rating = if c.current.level == c.target.level {
                c.target.rating.name().to_owned()
            } else {
                format!("{} → {}", c.current.rating, c.target.rating)
            };
            table.row([
                Cell::new(self.titles.get(&c.id), Tone::Strong),
                progress(c).into(),
                rating.into(),
                Cell::new(status, tone(c.status)),
            ]);
        }
        doc.table(table);
        let verdict = if self.score.ready {
            Cell::new(format!("Ready for {}", self.target), Tone::Good)
        } else {
            let text =
                format!("{} of {} competencies ready for {}", self.score.ready_count, self.score.total, self.target);
            Cell::new(text, Tone::Strong)
        };
        doc.text(verdict);
        let gaps = self.score.gaps.iter().filter_map(|id| self.score.competency(id)).map(|c| {
            let text = format!(
                "{} ({}): {} expects {}: {}",
                self.titles.get(&c.id),
                c.status.name(),
                c.target.level,
                step(c.target.rank, c.target.step.as_deref()),
                c.target.expectation
            );
            Cell::new(text, tone(c.status))
        });
        let gaps: Vec<Cell> = gaps.collect();
        if !gaps.is_empty() {
            doc.heading(2, "Gaps, blocking first").list(gaps);
        }
        doc
    }
}

/// Runs `rungs report`.
///
/// # Errors
/// An unknown person or unreadable file; exit 1 after the report when
/// other files of the person were skipped.
pub fn run(settings: &Settings, args: &ReportArgs) -> Result<()> {
    let store = settings.store()?;
    let filter = args.view.filter();
    if let Some(person) = peer_aggregate(args.assessment.as_deref(), &filter)? {
        let views = peer_views(&store, person, &filter)?;
        return super::peers::run(settings, &views, args.floor.min_raters as usize, args.output.format);
    }
    let catalog = settings.catalog()?;
    let found = resolve(&store, args.assessment.as_deref(), &filter)?;
    let titles = Titles::of(&catalog, &found.assessment.ladder.id);
    let mut report = Report::new(found.path, &found.assessment, titles);
    report.view = found.view.as_ref().map(ToString::to_string);
    show(&report, args.output.format, settings)?;
    skipped(settings, &found.problems)
}

/// The person whose peer views to aggregate, when that is what was asked:
/// the peer relationship with no one assessor named.
///
/// # Errors
/// `NAME~N` with peers: an aggregate has no earlier ones.
pub fn peer_aggregate<'a>(name: Option<&'a str>, filter: &Filter) -> Result<Option<&'a str>> {
    let Some(name) = name.filter(|n| !std::path::Path::new(n).is_file()) else { return Ok(None) };
    let named = parse_name(name, filter)?;
    if named.filter.relationship != Some(Relationship::Peer) || named.filter.assessor.is_some() {
        return Ok(None);
    }
    if named.back > 0 {
        return Err(Error::Usage(format!(
            "`{name}`: peer views are shown together, each peer's latest; ~N picks an earlier assessment of one view (add --assessor NAME)"
        )));
    }
    Ok(Some(named.person))
}
