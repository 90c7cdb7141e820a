//! `rungs history PERSON`: a person's assessments in date order (up to the
//! `N`th before the latest with `PERSON~N`), each
//! competency's status against the target, and since when each target has
//! been met without a break. Reads only that person's folder.

use crate::analysis::Scored;
use crate::analysis::history::sustained;
use crate::cli::HistoryArgs;
use crate::collection::{back_in, parse_name, person_history, unknown_person};
use crate::config::Settings;
use crate::documents::history::{HistoryView, other_views};
use crate::error::Result;
use crate::ladder::catalog::Titles;
use crate::output::{show, skipped};
use crate::view::{choose, series, shown_alone};

/// Runs `rungs history`.
///
/// # Errors
/// An unknown person or view; exit 1 after the history when files were skipped.
pub fn run(settings: &Settings, args: &HistoryArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let person = crate::who::person_or_only(&store, args.person.as_deref())?;
    let named = parse_name(&person, &args.view.filter())?;
    let dir = store.person_dir(named.person);
    if !dir.is_dir() {
        return Err(unknown_person(&store, named.person));
    }
    let (found, problems) = person_history(&dir)?;
    if found.is_empty() {
        return Err(crate::collection::no_assessments(&dir, named.person));
    }
    let view = choose(&found, &named.filter)?;
    shown_alone(&view)?;
    let other_views = other_views(&found, &view);
    let mut series = series(found, &view);
    // `NAME~N`: the history up to that assessment, as `~N` means everywhere.
    series.truncate(back_in(&series, named.back, named.person, &view)? + 1);
    let assessments: Vec<Scored> = series.iter().map(|(path, a)| Scored::new(path.clone(), a, &catalog)).collect();
    let mut competencies: Vec<String> = Vec::new();
    for (_, a) in &series {
        for id in a.competencies() {
            if !competencies.iter().any(|c| c == id) {
                competencies.push(id.to_owned());
            }
        }
    }
    let titles = Titles::of(&catalog, &view.ladder);
    let history = HistoryView {
        person: view.person.clone(),
        relationship: view.relationship,
        assessor: view.assessor.clone(),
        ladder: view.ladder.clone(),
        sustained: sustained(&assessments, &competencies),
        assessments,
        other_views,
        view,
        competencies,
        titles,
    };
    show(&history, args.output.format, settings)?;
    skipped(settings, &problems)
}
