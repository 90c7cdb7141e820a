//! `rungs due`: for each current person in scope (everyone in the roster,
//! or `--under NAME`), what review is due, most overdue first. Without a
//! roster, everyone with a folder in the store. The rules are
//! [`crate::analysis::due`]; each folder is read in brief
//! ([`crate::collection::brief`]), on a few threads.

use crate::analysis::due::{PersonDue, Rules, due, sort};
use crate::cli::DueArgs;
use crate::collection::brief::{brief, brief_of};
use crate::config::Settings;
use crate::documents::due::Due;
use crate::error::{Error, Result};
use crate::output::{show, skipped};
use crate::parallel::in_parallel;

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
    let results: Vec<Result<(PersonDue, Vec<Error>)>> = match (&roster, args.under.scope()) {
        (_, Some(under)) => {
            let (roster, _, people) = crate::who::team_under(&store, &under)?;
            let people: Vec<usize> = people.into_iter().filter(|&i| roster.people[i].is_current(rules.today)).collect();
            in_parallel(&people, String::new, |buffer, &i| {
                let p = &roster.people[i];
                let (brief, problems) = brief(&store, &p.name, buffer)?;
                Ok((due(&p.name, p.manager.as_deref(), &brief, rules), problems))
            })
        }
        (Some(roster), None) => {
            let people: Vec<usize> =
                (0..roster.people.len()).filter(|&i| roster.people[i].is_current(rules.today)).collect();
            in_parallel(&people, String::new, |buffer, &i| {
                let p = &roster.people[i];
                let (brief, problems) = brief(&store, &p.name, buffer)?;
                Ok((due(&p.name, p.manager.as_deref(), &brief, rules), problems))
            })
        }
        (None, None) => {
            let dirs = store.person_dirs()?;
            in_parallel(&dirs, String::new, |buffer, dir| {
                let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let (brief, problems) = brief_of(&store, dir, &folder, buffer)?;
                let name = brief.name.clone().unwrap_or(folder);
                Ok((due(&name, None, &brief, rules), problems))
            })
        }
    };
    let mut people = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        let (person, unread) = result?;
        people.push(person);
        problems.extend(unread);
    }
    sort(&mut people);
    show(&Due { people, cycle }, args.format, settings)?;
    skipped(settings, &problems)
}
