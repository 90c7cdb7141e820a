//! `rungs report`: the gap report of one assessment, also printed after
//! every `rungs assess`; with `--relationship peer`, the peers together,
//! and with `--share`, that aggregate saved for the person to read.

use std::path::Path;

use crate::analysis::peers::shared_cells;
use crate::assessment::shared::{SCHEMA, SharedPeers};
use crate::cli::ReportArgs;
use crate::collection::{journal_or_skip, peer_views, resolve, shared_of};
use crate::config::Settings;
use crate::documents::peers::PeerReport;
use crate::documents::report::Report;
use crate::error::{Error, Result};
use crate::ladder::catalog::Titles;
use crate::output::{show, skipped};
use crate::render::Format;
use crate::share::Author;
use crate::store::{Audience, Kind, Store};
use crate::view::PeerViews;

/// Runs `rungs report`.
///
/// # Errors
/// An unknown person or unreadable file; `--share` with nothing to share
/// (exit 2); exit 1 after the report when other files of the person were skipped.
pub fn run(settings: &Settings, args: &ReportArgs) -> Result<()> {
    let store = settings.store()?;
    let filter = args.view.filter();
    let name = crate::who::named_or_you(&store, args.assessment.as_deref());
    let min_raters = args.floor.min_raters as usize;
    if let Some(person) = crate::collection::peer_aggregate(&store, name.as_deref(), &filter)? {
        let views = peer_views(&store, &person, &filter)?;
        if args.share {
            return share(settings, &store, &views, min_raters, args);
        }
        if views.peers.is_empty() {
            // Peer views not for the user's key: the person sees what was shared with them.
            let (latest, mut problems) = shared_of(&store, &person, filter.ladder.as_deref())?;
            if let Some(shared) = latest {
                let catalog = settings.catalog()?;
                let report = PeerReport::shared(&shared, min_raters, Titles::of(&catalog, &shared.ladder));
                show(&report, args.output.format, settings)?;
                problems.extend(views.problems);
                return skipped(settings, &problems);
            }
            if crate::seal::unopened() > 0 && args.output.format == Format::Table {
                crate::output::say(&format!(
                    "No peer view of {person} your key opens, and none was shared with you \
                     (their manager can: rungs report NAME --relationship peer --share)"
                ));
                return skipped(settings, &views.problems);
            }
        }
        return peers(settings, &views, min_raters, args.output.format);
    }
    if args.share {
        return Err(Error::Usage(
            "--share saves the peers' aggregate: rungs report NAME --relationship peer --share".to_owned(),
        ));
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

/// Saves the aggregate of the peer views the user can open as a record for
/// the person (`--share`): the cells at the floor, no names, evidence only
/// `--with-evidence`; sealed to the person, their chain and `hr` in an
/// encrypted store, and committed with a message that names nobody there.
///
/// # Errors
/// No peer view the user can open, or none passing the floor (exit 2); no
/// one to name as its author; a failed save.
fn share(settings: &Settings, store: &Store, views: &PeerViews, min_raters: usize, args: &ReportArgs) -> Result<()> {
    let person = &views.person;
    if views.peers.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to share: you can open no peer view of {person} on {}; \
             only their management chain and hr read peer views",
            views.ladder
        )));
    }
    let catalog = settings.catalog()?;
    let report = PeerReport::new(views, min_raters, Titles::of(&catalog, &views.ladder));
    let aggregate = report.aggregate();
    let competencies = shared_cells(aggregate, args.with_evidence);
    if competencies.iter().all(|c| c.levels.is_empty()) {
        return Err(Error::Usage(format!(
            "nothing to share: no cell of {person}'s {} on {} was rated by at least {} peers",
            crate::text::plural(aggregate.raters, "peer view"),
            views.ladder,
            aggregate.min_raters
        )));
    }
    let author = sharer(store)?;
    let shared = SharedPeers {
        schema: SCHEMA,
        id: crate::journal::new_id('p'),
        date: settings.today,
        created_at: chrono::Local::now().fixed_offset(),
        person: person.clone(),
        author,
        ladder: views.ladder.clone(),
        floor: aggregate.min_raters,
        raters: aggregate.raters,
        competencies,
    };
    shared.validate(Path::new("the shared aggregate"))?;
    let stem = format!("{}-{}", shared.date, shared.id);
    let path = store.create(&Audience::of(person, &shared.author), Kind::Shared, &stem, &shared.to_json())?;
    crate::output::say(&format!("Shared the peer aggregate of {person} with them: {}", path.display()));
    crate::output::commit(
        settings,
        store,
        &path,
        Author::Named(&shared.author),
        &format!("Share the peer aggregate of {person} on {}, {}", shared.ladder, shared.date),
    );
    let titles = Titles::of(&catalog, &views.ladder);
    show(&PeerReport::shared(&shared, min_raters, titles), args.output.format, settings)?;
    skipped(settings, &views.problems)
}

/// Who shares: `RUNGS_ASSESSOR`, else git's `user.name`, else you in the roster.
///
/// # Errors
/// None of them says who.
fn sharer(store: &Store) -> Result<String> {
    if let Some(name) = crate::who::default_assessor(store.root()) {
        return Ok(crate::who::known_as(store, &name).unwrap_or(name));
    }
    if let Some(roster) = crate::who::roster(store)? {
        return crate::who::me(store, &roster).map(|p| p.name.clone());
    }
    Err(Error::Usage("who is sharing? set RUNGS_ASSESSOR (or git's user.name) to your name".to_owned()))
}
