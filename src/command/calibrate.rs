//! `rungs calibrate`: rater agreement, leniency, self against manager and
//! coverage across the people in scope. Reads the store, selects the views
//! ([`crate::analysis::scope`]), computes ([`crate::analysis::calibration`])
//! and shows ([`crate::documents::calibration`]).

use std::path::{Path, PathBuf};

use crate::analysis::calibration::{Options, Scope, calibrate};
use crate::analysis::scope::{Period, latest_views, most_used_ladder};
use crate::assessment::{Assessment, Found};
use crate::cli::CalibrateArgs;
use crate::collection::{batches, scan, unknown_person};
use crate::config::{Settings, day};
use crate::documents::calibration::{Report, pack};
use crate::error::{Error, Result};
use crate::output::skipped;
use crate::render::{TeamFormat, render};

/// Runs `rungs calibrate`.
///
/// # Errors
/// A bad flag, an unknown person, nothing in scope (exit 2); exit 1 after
/// the output when files were skipped.
pub fn run(settings: &Settings, args: &CalibrateArgs) -> Result<()> {
    let since = args.since.as_deref().map(|d| day("--since", d)).transpose()?;
    let until = args.until.as_deref().map(|d| day("--until", d)).transpose()?;
    let period = Period::new(since, until, settings.today);
    if period.since > period.until {
        return Err(Error::Usage(format!("--since {} is after --until {}", period.since, period.until)));
    }
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let folders = match args.person.as_slice() {
        [] => store.person_dirs()?,
        people => people.iter().map(|p| folder(&store, p)).collect::<Result<Vec<_>>>()?,
    };
    let folders = crate::who::dirs_under(&store, folders, args.under.scope().as_ref())?;
    let (found, problems) = read(&folders, period);
    let ladder = match &args.ladder {
        Some(name) => catalog
            .entries()
            .iter()
            .map(|e| e.ladder.id.clone())
            .find(|id| id.eq_ignore_ascii_case(name))
            .unwrap_or_else(|| name.clone()),
        None => most_used_ladder(&found, period).ok_or_else(|| nothing(&period, None))?,
    };
    let views = latest_views(found, &ladder, period, &args.person);
    if views.is_empty() {
        return Err(nothing(&period, Some(&ladder)));
    }
    let entry = catalog.entries().iter().find(|e| e.ladder.id == ladder);
    let competencies: Vec<(String, String)> = entry
        .map(|e| e.ladder.competencies.iter().map(|c| (c.id.clone(), c.title.clone())).collect())
        .unwrap_or_default();
    let floor = usize::try_from(args.floor.min_raters).unwrap_or(usize::MAX);
    let scope = Scope {
        ladder,
        since: period.since,
        until: period.until,
        people: 0,
        views: 0,
        floor,
        exclude_self: args.exclude_self,
        seed: args.seed,
        resamples: args.resamples as usize,
    };
    let options =
        Options { floor, exclude_self: args.exclude_self, seed: args.seed, resamples: args.resamples as usize };
    let calibration = calibrate(&views, &competencies, scope, options);
    if calibration.peers_left_out > 0 {
        eprintln!(
            "note: {} left out: fewer than {floor} peers rated them; peers count only together, behind the anonymity floor",
            crate::text::plural(calibration.peers_left_out, "peer rating")
        );
    }
    let text = match args.format {
        TeamFormat::Plain(format) => render(&Report(&calibration), format, settings.stdout),
        TeamFormat::Html => pack(&calibration),
    };
    crate::output::export_out(settings, &store, args.output.as_deref(), &text)?;
    skipped(settings, &problems)
}

/// The folder of a person named with `--person`.
fn folder(store: &crate::store::Store, person: &str) -> Result<PathBuf> {
    let dir = store.person_dir(person);
    if dir.is_dir() { Ok(dir) } else { Err(unknown_person(store, person)) }
}

/// Every readable assessment dated in `period`, without its texts (which
/// no figure needs), and the files that could not be read.
fn read(folders: &[PathBuf], period: Period) -> (Vec<Found>, Vec<Error>) {
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for (batch, unlisted) in batches(folders) {
        problems.extend(unlisted);
        for result in scan(&batch, light) {
            match result {
                Ok(item) if period.holds(item.1.date) => found.push(item),
                Ok(_) => {}
                Err(e) => problems.push(e),
            }
        }
    }
    (found, problems)
}

/// An assessment read from `text`, without the texts no figure needs.
fn light(path: &Path, text: &str) -> Result<Found> {
    let mut a = Assessment::from_json(text, path)?;
    a.notes = String::new();
    for entry in &mut a.ratings {
        (entry.evidence, entry.expectation, entry.expectation_items) = (String::new(), String::new(), Vec::new());
    }
    Ok((path.to_owned(), a))
}

/// Nothing in scope, said with the period and ladder.
fn nothing(period: &Period, ladder: Option<&str>) -> Error {
    let on = ladder.map_or_else(String::new, |l| format!(" on {l}"));
    Error::Usage(format!(
        "no assessments{on} dated {} to {}; widen the period with --since and --until, or choose another --ladder",
        period.since, period.until
    ))
}
