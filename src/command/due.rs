//! `rungs due`: for each current person in scope (everyone in the roster,
//! or `--under NAME`), what review is due, most overdue first. Without a
//! roster, everyone with a folder in the store. The rules are
//! [`crate::analysis::due`]; each folder is read in brief
//! ([`crate::collection::brief`]), walked on a few threads with the
//! summary cache, as `team` and `list` are.

use std::path::PathBuf;

use crate::analysis::due::{PersonDue, Rules, due, sort};
use crate::cli::DueArgs;
use crate::collection::brief::brief_of;
use crate::collection::{Folder, walk};
use crate::config::Settings;
use crate::documents::due::Due;
use crate::error::{Error, Result};
use crate::output::{show, skipped};

/// A person in scope: their folder, and from the roster their name and manager.
type InScope = (PathBuf, Option<(String, Option<String>)>);

/// Runs `rungs due`; exit 0 whatever is due (1 when files were skipped).
///
/// # Errors
/// A bad `--every`, an unknown `--under`, or an unreadable store.
pub fn run(settings: &Settings, args: &DueArgs) -> Result<()> {
    let store = settings.store()?;
    let roster = crate::who::roster(&store)?;
    let every = args
        .every
        .as_deref()
        .map(|e| crate::roster::cycle_days(e).map_err(|why| Error::Usage(format!("--every: {why}"))));
    let cycle = match every.transpose()? {
        Some(days) => days,
        None => roster.as_ref().map_or(crate::roster::DEFAULT_CYCLE_DAYS, crate::roster::Roster::cycle_days),
    };
    let rules = Rules { today: settings.today, cycle, floor: crate::view::PEER_FLOOR as usize };
    // Who is in scope: (their folder, their name, their manager), by folder as the walk wants them.
    let mut scope: Vec<InScope> = match (roster, args.under.scope()) {
        (Some(roster), Some(under)) => {
            let (_, people) = crate::who::under_in(&store, &roster, &under)?;
            in_scope(&store, &roster, people, rules)
        }
        (None, Some(under)) => {
            // No roster: this names what `--under` needs.
            let (roster, _, people) = crate::who::team_under(&store, &under)?;
            in_scope(&store, &roster, people, rules)
        }
        (Some(roster), None) => {
            let people = (0..roster.people.len()).collect();
            in_scope(&store, &roster, people, rules)
        }
        (None, None) => store.person_dirs()?.into_iter().map(|dir| (dir, None)).collect(),
    };
    scope.sort_by(|a, b| a.0.cmp(&b.0));
    let dirs: Vec<PathBuf> = scope.iter().map(|(dir, _)| dir.clone()).collect();
    let mut cache = crate::output::summary_cache(settings, &store);
    let mut people = Vec::with_capacity(scope.len());
    let mut problems = Vec::new();
    let mut who = scope.iter().map(|(_, who)| who);
    let person = |folder: &mut Folder<'_>, buffer: &mut String| -> Result<(crate::analysis::due::Brief, Vec<Error>)> {
        let name = folder.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        brief_of(&store, folder, &name, buffer)
    };
    walk(&dirs, &mut cache, person, |read| {
        let (brief, unread) = read??;
        problems.extend(unread);
        let (name, manager) = match who.next().and_then(Option::as_ref) {
            Some((name, manager)) => (name.clone(), manager.clone()),
            None => (brief.name.clone().unwrap_or_default(), None),
        };
        people.push(due(&name, manager.as_deref(), &brief, rules));
        Ok(())
    })?;
    cache.finish();
    let mut people: Vec<PersonDue> = people;
    sort(&mut people);
    show(&Due { people, cycle }, args.format, settings)?;
    skipped(settings, &problems)
}

/// The current people of `people`, each with their folder, name and manager.
fn in_scope(
    store: &crate::store::Store,
    roster: &crate::roster::Roster,
    people: Vec<usize>,
    rules: Rules,
) -> Vec<InScope> {
    let current = people.into_iter().map(|i| &roster.people[i]).filter(|p| p.is_current(rules.today));
    current.map(|p| (store.person_dir(&p.name), Some((p.name.clone(), p.manager.clone())))).collect()
}
