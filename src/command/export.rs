//! `rungs export`: documents for people to keep and share. A promotion case
//! (the verdict, the radar chart, then each competency's expectation,
//! rating, evidence and gap), or with `--agenda` a 1:1 agenda that sets two
//! views of one person side by side.

use std::path::{Path, PathBuf};

use super::chart::radar;
use super::report::tone;
use super::{Titles, skipped, write_out};
use crate::assessment::Assessment;
use crate::assessment::calibrate::{Calibration, Topic, calibrate};
use crate::chart::svg;
use crate::cli::ExportArgs;
use crate::collection::resolve;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::render::{Block, Cell, Document, DocumentFormat, Table, Tone, html, render_markdown};
use crate::scoring::{CompetencyScore, Status, score};
use crate::store::slug;

/// `2 Specializes` or the level alone for a competency without steps.
fn step(level: &str, rank: Option<usize>, step: Option<&str>) -> String {
    match (rank, step) {
        (Some(rank), Some(step)) => format!("{level} · {rank} {step}"),
        _ => level.to_owned(),
    }
}

/// The promotion case of one assessment, around its radar chart (`chart`),
/// which Markdown links to at `chart_link` when it was written to a file.
pub fn promotion_case(a: &Assessment, catalog: &Catalog, chart: String, chart_link: Option<String>) -> Document {
    let s = score(a);
    let titles = Titles::of(catalog, &a.ladder.id);
    let ladder = catalog
        .entries()
        .iter()
        .find(|e| e.ladder.id == a.ladder.id)
        .map_or(a.ladder.id.as_str(), |e| e.ladder.title.as_str());
    let mut doc = Document::default();
    doc.heading(1, format!("Promotion case: {}", a.person));
    let by = if a.assessor == a.person {
        "self-assessment".to_owned()
    } else {
        format!("assessed by {} ({})", a.assessor, a.relationship)
    };
    doc.text(format!("{ladder}: {} → {}. {}, {by}.", a.current, a.target, a.date));
    let verdict = if s.ready {
        Cell::new(format!("Verdict: ready for {}: every competency meets its expectation.", a.target), Tone::Good)
    } else {
        Cell::new(
            format!("Verdict: {} of {} competencies ready for {}.", s.ready_count, s.total, a.target),
            Tone::Strong,
        )
    };
    doc.text(verdict);
    let caption = format!("Expected at {} and {}, and shown by the ratings", a.current, a.target);
    doc.blocks.push(Block::Figure { svg: chart, caption, link: chart_link });
    let mut summary = Table::new(["Competency", "Required", "Rating", "Status"]);
    for c in &s.competencies {
        summary.row([
            Cell::new(titles.get(&c.id), Tone::Strong),
            step(&a.target, c.target.rank, c.target.step.as_deref()).into(),
            c.target.rating.name().into(),
            Cell::new(c.status.name(), tone(c.status)),
        ]);
    }
    doc.heading(2, "Summary").table(summary);
    for c in &s.competencies {
        competency(&mut doc, a, c, titles.get(&c.id));
    }
    if !a.notes.is_empty() {
        doc.heading(2, "Notes").quote(a.notes.as_str());
    }
    doc.text(Cell::new(
        format!("Made with rungs from the {} ladder, version {}.", a.ladder.id, a.ladder.version),
        Tone::Muted,
    ));
    doc
}

fn competency(doc: &mut Document, a: &Assessment, c: &CompetencyScore, title: &str) {
    doc.heading(2, title);
    // Where both levels expect the same step, the one rating was given at the current level.
    doc.text(format!(
        "Expected at {}: {}",
        step(&a.target, c.target.rank, c.target.step.as_deref()),
        c.target.expectation
    ));
    let rating = if c.current.level == c.target.level {
        format!("Rating: {} ({}).", c.target.rating, c.target.rating.meaning())
    } else {
        format!("Rating: {} at {}, {} at {}.", c.target.rating, c.target.level, c.current.rating, c.current.level)
    };
    doc.text(rating);
    let evidence = a.ratings_of(&c.id).map(|e| e.evidence.as_str()).find(|e| !e.is_empty());
    match evidence {
        Some(text) => doc.quote(text),
        None => doc.text(Cell::new("No evidence recorded.", Tone::Muted)),
    };
    let gap = match c.status {
        Status::Ready if c.surplus => {
            Some(Cell::new(format!("Surplus: {} asks for less than {}.", c.target.level, c.current.level), Tone::Good))
        }
        Status::Ready => None,
        Status::Growing => Some(Cell::new(
            format!("Gap: the {} expectation is met, the {} one not yet.", c.current.level, c.target.level),
            Tone::Warn,
        )),
        Status::Below => Some(Cell::new(
            format!("Gap, blocking: not even the {} expectation is met yet.", c.current.level),
            Tone::Bad,
        )),
    };
    if let Some(gap) = gap {
        doc.text(gap);
    }
}

/// How an assessment is named in a calibration: date, assessor, relationship.
pub fn label(a: &Assessment) -> String {
    format!("{} ({}, {})", a.assessor, a.relationship, a.date)
}

/// The calibration of two views of one person, with marks and talking points.
pub fn agenda(first: &Assessment, second: &Assessment, calibration: &Calibration, titles: &Titles) -> Document {
    let mut doc = Document::default();
    doc.heading(1, format!("1:1 agenda: {}", second.person));
    doc.text(format!("{} beside {}, {} → {}.", label(first), label(second), second.current, second.target));
    let mut table = Table::new(["", "Competency", "Expectation", first.assessor.as_str(), second.assessor.as_str()]);
    let mut last = "";
    for r in &calibration.rows {
        let mark = if r.apart > 0 { Cell::new("◆", Tone::Bad) } else { Cell::from("") };
        let title = if r.competency == last { "" } else { titles.get(&r.competency) };
        last = &r.competency;
        let rating = |x: Option<crate::assessment::Rating>| x.map_or("—", |r| r.name());
        let tone = if r.apart > 0 { Tone::Warn } else { Tone::Plain };
        table.row([
            mark,
            Cell::new(title, Tone::Strong),
            Cell::from(r.step.as_deref().map_or_else(|| r.level.clone(), |s| format!("{} · {s}", r.level))),
            Cell::new(rating(r.first), tone),
            Cell::new(rating(r.second), tone),
        ]);
    }
    doc.table(table);
    let marked = if calibration.marks.is_empty() {
        "The two views agree on every rating.".to_owned()
    } else {
        let names: Vec<&str> = calibration.marks.iter().map(|m| titles.get(m)).collect();
        format!("◆ The views differ on: {}.", names.join(", "))
    };
    doc.text(marked);
    let points = calibration.agenda.iter().map(|p| {
        let title = titles.get(&p.competency);
        match p.topic {
            Topic::Disagreement => {
                let apart = if p.apart == 1 { "one rating".to_owned() } else { format!("{} ratings", p.apart) };
                Cell::new(format!("{title}: the views are {apart} apart. What does each of you see?"), Tone::Warn)
            }
            Topic::Gap => {
                let status = p.status.map_or("open", Status::name);
                Cell::new(
                    format!("{title}: a gap toward {} ({status}). What would show it?", second.target),
                    Tone::Plain,
                )
            }
        }
    });
    let points: Vec<Cell> = points.collect();
    doc.heading(2, "Talking points");
    if points.is_empty() {
        doc.text("Nothing to settle: the views agree and the target is met.");
    } else {
        doc.numbered(points);
    }
    doc
}

/// The format to write: the flag, else the output's extension, else Markdown.
fn format_of(args: &ExportArgs) -> DocumentFormat {
    let by_extension = args.output.as_deref().and_then(Path::extension).is_some_and(|e| e == "html" || e == "htm");
    args.format.unwrap_or(if by_extension { DocumentFormat::Html } else { DocumentFormat::Markdown })
}

/// Runs `rungs export`.
///
/// # Errors
/// Unknown assessments, two different people, or a file that cannot be written.
pub fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let ((_, first), mut problems) = resolve(&store, args.assessment.as_deref())?;
    let format = format_of(args);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let (title, doc) = match &args.agenda {
        Some(other) => {
            let ((_, second), more) = resolve(&store, Some(other))?;
            problems.extend(more);
            same_person(&first, &second)?;
            let titles = Titles::of(&catalog, &second.ladder.id);
            let doc = agenda(&first, &second, &calibrate(&first, &second), &titles);
            (format!("1:1 agenda: {}", second.person), doc)
        }
        None => {
            let chart = svg(&radar(&first, &score(&first), &catalog));
            let link = match (format, output) {
                (DocumentFormat::Markdown, Some(path)) => Some(write_beside(path, &chart)?),
                _ => None,
            };
            (format!("Promotion case: {}", first.person), promotion_case(&first, &catalog, chart, link))
        }
    };
    let text = match format {
        DocumentFormat::Markdown => render_markdown(&doc),
        DocumentFormat::Html => html::page(&title, &doc),
    };
    write_out(output, &text)?;
    skipped(settings, &problems)
}

/// Refuses to set two different people side by side.
///
/// # Errors
/// [`Error::Incompatible`] naming both.
pub fn same_person(first: &Assessment, second: &Assessment) -> Result<()> {
    if slug(&first.person) == slug(&second.person) {
        return Ok(());
    }
    Err(Error::Incompatible {
        from: label(first),
        to: label(second),
        reason: format!("they assess different people (`{}` and `{}`)", first.person, second.person),
    })
}

/// Writes the chart as `FILE.svg` beside a Markdown file; returns the link.
fn write_beside(markdown: &Path, chart: &str) -> Result<String> {
    let path: PathBuf = markdown.with_extension("svg");
    write_out(Some(&path), chart)?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}
