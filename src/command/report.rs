//! `rungs report`: the gap report of one assessment, also printed after
//! every `rungs assess`.

use crate::cli::ReportArgs;
use crate::collection::{journal_or_skip, peer_views, resolve};
use crate::config::Settings;
use crate::documents::peers::PeerReport;
use crate::documents::report::Report;
use crate::error::Result;
use crate::ladder::catalog::Titles;
use crate::output::{show, skipped};
use crate::render::Format;
use crate::view::PeerViews;

/// Runs `rungs report`.
///
/// # Errors
/// An unknown person or unreadable file; exit 1 after the report when
/// other files of the person were skipped.
pub fn run(settings: &Settings, args: &ReportArgs) -> Result<()> {
    let store = settings.store()?;
    let filter = args.view.filter();
    let name = crate::who::named_or_you(&store, args.assessment.as_deref());
    if let Some(person) = crate::collection::peer_aggregate(&store, name.as_deref(), &filter)? {
        let views = peer_views(&store, &person, &filter)?;
        return peers(settings, &views, args.floor.min_raters as usize, args.output.format);
    }
    let catalog = settings.catalog()?;
    let found = resolve(&store, name.as_deref(), &filter)?;
    let mut report = Report::new(found.path, &found.assessment, &catalog);
    report.dir_suffix = settings.dir_suffix();
    report.with_ladder(&catalog, &found.assessment);
    report.view = found.view.as_ref().map(ToString::to_string);
    report.carried_over(&found.assessment, &found.series);
    let mut problems = found.problems;
    let (journal, more) = journal_or_skip(&store, &found.assessment.person);
    report.with_read_journal(journal, settings.today);
    problems.extend(more);
    show(&report, args.output.format, settings)?;
    skipped(settings, &problems)
}

/// Prints the aggregate of a person's peer views (`--relationship peer`).
///
/// # Errors
/// When stdout cannot be written; exit 1 after it when files were skipped.
fn peers(settings: &Settings, views: &PeerViews, min_raters: usize, format: Format) -> Result<()> {
    let catalog = settings.catalog()?;
    let report = PeerReport::new(views, min_raters, Titles::of(&catalog, &views.ladder));
    show(&report, format, settings)?;
    skipped(settings, &views.problems)
}
