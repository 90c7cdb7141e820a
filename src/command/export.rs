//! `rungs export`: documents for people to keep and share. A promotion case
//! (built in [`crate::documents::case`]), or with `--agenda` a 1:1 agenda that sets two
//! views of one person side by side, then lists the person's open goals and
//! the notes dated after the last manager view.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::analysis::calibrate::calibrate;
use crate::analysis::case::Case;
use crate::assessment::Assessment;
use crate::chart::svg;
use crate::cli::ExportArgs;
use crate::collection::{journal_of, peer_views, resolve};
use crate::config::Settings;
use crate::documents::agenda::{Journal, agenda, decisions, label};
use crate::documents::case::promotion_case;
use crate::documents::peers::PeerReport;
use crate::documents::radar::radar;
use crate::error::{Error, Result};
use crate::ladder::catalog::{Catalog, Titles};
use crate::output::{skipped, write_out};
use crate::render::{Document, DocumentFormat, html, render_markdown};
use crate::scoring::score;
use crate::store::Store;
use crate::text::slug;
use crate::view::{Filter, Resolved};

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
    let today = settings.today;
    let since = args.since.as_deref().map(|d| crate::config::day("--since", d)).transpose()?;
    let name = crate::who::named_or_you(&store, args.assessment.as_deref());
    let found = resolve(&store, name.as_deref(), &args.view.filter())?;
    let format = format_of(args);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if format == DocumentFormat::Markdown {
        markdown_not_svg(output)?;
    }
    let peers = peer_section(&store, &catalog, &found.assessment, args.floor.min_raters as usize);
    let (title, mut doc, mut problems) = match &args.agenda {
        Some(other) => one_on_one(&store, &catalog, &found, (other, &args.view.filter()), peers.as_ref(), today)?,
        None => {
            let first = &found.assessment;
            let chart = svg(&radar(first, &score(first), &catalog));
            let link = match (format, output) {
                (DocumentFormat::Markdown, Some(path)) => Some(write_beside(path, &chart)?),
                _ => None,
            };
            let (journal, problems) = journal_of(&store, &first.person)?;
            let case = Case::gather(&found, journal, today, since);
            let doc = promotion_case(first, &catalog, chart, link, &case);
            (format!("Promotion case: {}", first.person), doc, problems)
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
    crate::output::export_out(settings, &store, output, &text)?;
    problems.extend(found.problems);
    problems.dedup_by(|a, b| a.to_string() == b.to_string());
    skipped(settings, &problems)
}

/// The 1:1 agenda of `found` beside `other`, with the peers' aggregate and
/// the journal, closed by the decisions checklist.
fn one_on_one(
    store: &Store,
    catalog: &Catalog,
    found: &Resolved,
    other: (&str, &Filter),
    peers: Option<&PeerReport>,
    today: NaiveDate,
) -> Result<(String, Document, Vec<Error>)> {
    let first = &found.assessment;
    let (other, filter) = other;
    let other = crate::view::beside(other, &first.person);
    let second = resolve(store, Some(&other), &crate::view::on_ladder_of(filter, first))?;
    let mut problems = second.problems;
    let second = second.assessment;
    same_person(first, &second)?;
    let titles = Titles::of(catalog, &second.ladder.id);
    let calibration = calibrate(first, &second);
    let mut doc = agenda(first, &second, &calibration, &titles);
    if let Some(peers) = peers {
        peers.section(&mut doc, 2);
    }
    let (notes_and_goals, more) = journal_of(store, &second.person)?;
    problems.extend(more);
    let journal = Journal::gather([first, &second], &found.history, notes_and_goals, today);
    journal.section(&mut doc, &titles);
    decisions(&mut doc, &calibration, &titles);
    Ok((format!("1:1 agenda: {}", second.person), doc, problems))
}

/// The peers' aggregate of the person, when any peer has assessed them on
/// the ladder of `a`.
fn peer_section(store: &Store, catalog: &Catalog, a: &Assessment, min_raters: usize) -> Option<PeerReport> {
    let filter = Filter { ladder: Some(a.ladder.id.clone()), ..Filter::default() };
    let views = peer_views(store, &a.person, &filter).ok()?;
    let report = if views.peers.is_empty() {
        // Peer views not for the user's key: what was shared with the person.
        let (shared, _) = crate::collection::shared_of(store, &a.person, Some(&a.ladder.id)).ok()?;
        let shared = shared?;
        PeerReport::shared(&shared, min_raters, Titles::of(catalog, &shared.ladder))
    } else {
        PeerReport::new(&views, min_raters, Titles::of(catalog, &views.ladder))
    };
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

/// Refuses a Markdown output named `*.svg`: the chart, written beside the
/// Markdown as `NAME.svg` ([`write_beside`]), would be overwritten by it, and
/// an image viewer would be handed Markdown.
///
/// # Errors
/// A usage error naming `-o` and a name that works.
fn markdown_not_svg(output: Option<&Path>) -> Result<()> {
    let Some(path) = output.filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"))) else {
        return Ok(());
    };
    Err(Error::Usage(format!(
        "-o {}: the document is Markdown, and its chart is written beside it as NAME.svg; \
         name it {} (or pass --format html)",
        path.display(),
        path.with_extension("md").display()
    )))
}

/// Writes the chart as `FILE.svg` beside a Markdown file; returns the link.
fn write_beside(markdown: &Path, chart: &str) -> Result<String> {
    let path: PathBuf = markdown.with_extension("svg");
    // Beside the document, as plain as it (whose writing says so).
    write_out(Some(&path), chart)?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}
