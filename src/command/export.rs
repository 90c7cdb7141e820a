//! `rungs export`: documents for people to keep and share. A promotion case
//! (the verdict, the radar chart, then each competency's expectation,
//! rating, evidence and gap), or with `--agenda` a 1:1 agenda that sets two
//! views of one person side by side.

use std::path::{Path, PathBuf};

use super::chart::radar;
use super::peers::PeerReport;
use super::report::tone;
use super::{Titles, skipped, write_out};
use crate::assessment::Assessment;
use crate::assessment::calibrate::{Calibration, Point, Topic, calibrate};
use crate::chart::svg;
use crate::cli::ExportArgs;
use crate::collection::{peer_views, resolve};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::render::{Block, Cell, Document, DocumentFormat, Table, Tone, html, render_markdown};
use crate::scoring::{CompetencyScore, Status, score};
use crate::store::Store;
use crate::store::slug;
use crate::view::Filter;

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
    let by = if a.relationship == crate::assessment::Relationship::Myself {
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

/// The calibration of two views of one person: the ratings side by side,
/// the disagreements (those that change a status first) with both sides'
/// evidence, and the gaps that remain.
pub fn agenda(first: &Assessment, second: &Assessment, calibration: &Calibration, titles: &Titles) -> Document {
    let mut doc = Document::default();
    doc.heading(1, format!("1:1 agenda: {}", second.person));
    doc.text(format!("{} beside {}, {} → {}.", label(first), label(second), second.current, second.target));
    doc.text(Cell::new(headline(calibration), Tone::Strong));
    doc.table(side_by_side(first, second, calibration, titles));
    doc.heading(2, "Talking points");
    let points: Vec<Cell> = calibration.agenda.iter().map(|p| point(p, first, second, titles)).collect();
    if points.is_empty() {
        doc.text("Nothing to settle: the views agree and the target is met.");
        return doc;
    }
    doc.text(Cell::new(
        "For each disagreement, say what you have each seen, and agree on what would settle it.",
        Tone::Muted,
    ));
    doc.numbered(points);
    let disagreements = calibration.agenda.iter().filter(|p| p.topic == Topic::Disagreement);
    for (n, p) in disagreements.enumerate() {
        evidence_of(&mut doc, n + 1, p, [first, second], titles);
    }
    doc
}

/// `5 disagreements, 1 of them changes a status.`
fn headline(calibration: &Calibration) -> String {
    match (calibration.marks.len(), calibration.status_changes) {
        _ if !calibration.rows.iter().any(|r| r.first.is_some() && r.second.is_some()) => {
            "Nothing could be compared: the two views rate different levels.".to_owned()
        }
        (0, _) => "The two views agree on every rating.".to_owned(),
        (n, changes) => {
            let n = if n == 1 { "1 disagreement".to_owned() } else { format!("{n} disagreements") };
            let changes = match changes {
                0 => "none changes a status".to_owned(),
                1 => "1 changes a status".to_owned(),
                c => format!("{c} change a status"),
            };
            format!("{n}; {changes} (ready, growing, below).")
        }
    }
}

fn side_by_side(first: &Assessment, second: &Assessment, calibration: &Calibration, titles: &Titles) -> Table {
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
    table
}

/// One talking point, in a line of its own words.
fn point(p: &Point, first: &Assessment, second: &Assessment, titles: &Titles) -> Cell {
    let title = titles.get(&p.competency);
    let status = |s: Option<Status>| s.map_or("unrated", Status::name);
    match p.topic {
        Topic::Disagreement if p.changes_status => Cell::new(
            format!(
                "{title}: {} for {}, {} for {}",
                status(p.first_status),
                first.assessor,
                status(p.second_status),
                second.assessor
            ),
            Tone::Bad,
        ),
        Topic::Disagreement => {
            let apart = if p.apart == 1 { "one rating".to_owned() } else { format!("{} ratings", p.apart) };
            Cell::new(format!("{title}: {apart} apart, {} in both views", status(p.second_status)), Tone::Warn)
        }
        Topic::Gap => Cell::new(
            format!(
                "{title}: {} toward {} in {}'s view; what would show it?",
                status(p.status),
                second.target,
                second.assessor
            ),
            Tone::Plain,
        ),
    }
}

/// A disagreement in detail: the ratings that differ and both sides' evidence.
fn evidence_of(doc: &mut Document, n: usize, p: &Point, sides: [&Assessment; 2], titles: &Titles) {
    doc.heading(3, format!("{n}. {}", titles.get(&p.competency)));
    for side in sides {
        let ratings: Vec<String> =
            side.ratings_of(&p.competency).map(|e| format!("{} at {}", e.rating, e.level)).collect();
        doc.text(Cell::new(format!("{} ({}): {}", side.assessor, side.relationship, ratings.join(", ")), Tone::Strong));
        match side.ratings_of(&p.competency).map(|e| e.evidence.as_str()).find(|e| !e.is_empty()) {
            Some(text) => doc.quote(text),
            None => doc.text(Cell::new("No evidence recorded.", Tone::Muted)),
        };
    }
}

/// The closing section of an exported agenda, for the 1:1 to fill in.
fn decisions(doc: &mut Document, calibration: &Calibration, titles: &Titles) {
    doc.heading(2, "Decisions and actions");
    let mut items: Vec<String> = calibration
        .agenda
        .iter()
        .map(|p| match p.topic {
            Topic::Disagreement => format!("{}: agreed rating and why:", titles.get(&p.competency)),
            Topic::Gap => format!("{}: next step, owner and date:", titles.get(&p.competency)),
        })
        .collect();
    items.push("Other action, owner and date:".to_owned());
    items.push("Next 1:1:".to_owned());
    doc.checklist(items);
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
    let filter = args.view.filter();
    let found = resolve(&store, args.assessment.as_deref(), &filter)?;
    let (first, mut problems) = (found.assessment, found.problems);
    let format = format_of(args);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let peers = peer_section(&store, &catalog, &first, args.floor.min_raters as usize);
    let (title, mut doc) = match &args.agenda {
        Some(other) => {
            let other = super::diff::beside(other, &first.person);
            let second = resolve(&store, Some(&other), &super::diff::on_ladder_of(&args.view.filter(), &first))?;
            problems.extend(second.problems);
            let second = second.assessment;
            same_person(&first, &second)?;
            let titles = Titles::of(&catalog, &second.ladder.id);
            let calibration = calibrate(&first, &second);
            let mut doc = agenda(&first, &second, &calibration, &titles);
            if let Some(peers) = &peers {
                peers.section(&mut doc, 2);
            }
            decisions(&mut doc, &calibration, &titles);
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
    if args.agenda.is_none()
        && let Some(peers) = &peers
    {
        peers.section(&mut doc, 2);
    }
    let text = match format {
        DocumentFormat::Markdown => render_markdown(&doc),
        DocumentFormat::Html => html::page(&title, &doc),
    };
    write_out(output, &text)?;
    problems.dedup_by(|a, b| a.to_string() == b.to_string());
    skipped(settings, &problems)
}

/// The peers' aggregate of the person, when any peer has assessed them on
/// the ladder of `a`.
fn peer_section(store: &Store, catalog: &Catalog, a: &Assessment, min_raters: usize) -> Option<PeerReport> {
    let filter = Filter { ladder: Some(a.ladder.id.clone()), ..Filter::default() };
    let views = peer_views(store, &a.person, &filter).ok()?;
    let report = PeerReport::new(&views, min_raters, Titles::of(catalog, &views.ladder));
    (!report.is_empty()).then_some(report)
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
