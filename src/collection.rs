//! Reading many assessments: a parallel, order-keeping scan of files,
//! resolving `PATH`, `NAME` and `NAME~N` to one assessment, and reporting
//! broken files without stopping.
//!
//! Listings read only what they show ([`crate::assessment::Glance`]), on a few threads, and
//! keep nothing of a file once its row is made, so memory stays flat as the
//! folder grows.

pub mod brief;
mod walk;

pub use walk::{Folder, Known, walk};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::assessment::shared::SharedPeers;
use crate::assessment::{Assessment, Found, Relationship};
use crate::error::{Error, Result};
use crate::journal::{Goal, Note};
use crate::parallel::in_parallel;
use crate::store::{self, Store};
use crate::text::near_matches;
use crate::view::{Filter, PeerViews, Resolved, ViewId};

/// Maps every file through `f` on a few threads; results keep the files' order.
pub fn scan<T: Send>(files: &[PathBuf], f: impl Fn(&Path, &str) -> Result<T> + Sync) -> Vec<Result<T>> {
    in_parallel(files, String::new, |text, path| {
        store::read_text_into(path, text)?;
        f(path, text)
    })
}

/// Folders listed per group by [`listed`]: enough to keep the threads busy,
/// few enough that the paths held at once stay small.
const LISTED: usize = 256;

/// The `*.json` files of each folder (see [`store::json_files`]), in the
/// folders' order, listed a group of folders at a time on a few threads: at
/// 50,000 people, listing them one by one on one thread was a tenth of a
/// warm `list`, and far more of a cold one.
pub fn listed(folders: &[PathBuf]) -> impl Iterator<Item = Result<Vec<PathBuf>>> + '_ {
    folders.chunks(LISTED).flat_map(|group| in_parallel(group, || (), |(), dir| store::json_files(dir)))
}

/// Files read per batch by [`batches`]: enough to keep the reading threads busy.
pub const BATCH: usize = 512;

/// The `*.json` files of `folders` (as [`listed`]), gathered into batches
/// of at least [`BATCH`] files (the last may be smaller), each with the
/// folders that could not be listed meanwhile: a batch at a time keeps the
/// reading threads busy and memory flat.
pub fn batches(folders: &[PathBuf]) -> impl Iterator<Item = (Vec<PathBuf>, Vec<Error>)> + '_ {
    let mut listed = listed(folders).peekable();
    std::iter::from_fn(move || {
        let (mut batch, mut problems) = (Vec::new(), Vec::new());
        while let Some(files) = listed.next() {
            match files {
                Ok(files) => batch.extend(files),
                Err(e) => problems.push(e),
            }
            if batch.len() >= BATCH || listed.peek().is_none() {
                return Some((batch, problems));
            }
        }
        None
    })
}

/// One person's readable assessments, oldest first, and the problems met.
pub fn person_history(person_dir: &Path) -> Result<(Vec<Found>, Vec<Error>)> {
    let files = store::json_files(person_dir)?;
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for result in scan(&files, |path, text| Assessment::from_json(text, path).map(|a| (path.to_owned(), a))) {
        match result {
            Ok(item) => found.push(item),
            Err(e) => problems.push(e),
        }
    }
    found.sort_by_key(|(_, a)| (a.date, a.created_at));
    Ok((found, problems))
}

/// The most recent readable assessment of `person` in the view of
/// `assessor` (as `relationship`) on `ladder`, dated on or before `date`:
/// the defaults of a new interview. Another assessor's view is never
/// offered.
pub fn latest_on(store: &Store, view: &ViewId, date: NaiveDate) -> Option<Assessment> {
    let (found, _) = person_history(&store.person_dir(&view.person)).ok()?;
    let earlier: Vec<Found> = found.into_iter().filter(|(_, a)| a.date <= date).collect();
    crate::view::series(earlier, view).pop().map(|(_, a)| a)
}

/// Resolves the `ASSESSMENT` argument: a file path, a person's name (the
/// latest assessment of the view `filter` selects, see [`crate::view::choose`]),
/// `NAME~N` (the Nth before it in that view), `NAME@RELATIONSHIP` or
/// `NAME@ASSESSOR` (another view), or nothing (the only person in the folder).
///
/// # Errors
/// An unknown person (with near matches), no such view, too few
/// assessments, or an unreadable file.
pub fn resolve(store: &Store, name: Option<&str>, filter: &Filter) -> Result<Resolved> {
    if let Some(path) = name.map(Path::new).filter(|p| p.is_file()) {
        let assessment = store::read(path)?;
        crate::view::shown_alone(&ViewId::of(&assessment))?;
        return Ok(Resolved {
            path: path.to_owned(),
            assessment,
            view: None,
            history: Vec::new(),
            series: Vec::new(),
            problems: Vec::new(),
        });
    }
    let canonical = name.map(|name| roster_name(store, name)).transpose()?;
    let (dir, back, shown, filter) = match canonical.as_deref() {
        Some(name) => {
            let named = parse_name(name, filter)?;
            (store.person_dir(named.person), named.back, named.person.to_owned(), named.filter)
        }
        None => (only_person(store)?, 0, String::new(), filter.clone()),
    };
    if !dir.is_dir() {
        return Err(unknown_person(store, &shown));
    }
    let shown = if shown.is_empty() { dir_name(&dir) } else { shown };
    let (history, problems) = person_history(&dir)?;
    if history.is_empty() {
        return Err(no_assessments(&dir, &shown));
    }
    let view = crate::view::choose(&history, &filter)?;
    crate::view::shown_alone(&view)?;
    let series = crate::view::series(history.clone(), &view);
    let (path, assessment) = series[back_in(&series, back, &shown, &view)?].clone();
    Ok(Resolved { path, assessment, view: Some(view), history, series, problems })
}

/// The index in a view's `series` of `NAME~N`, the `back`th assessment
/// before the latest: the one meaning of `~N` for every command.
///
/// # Errors
/// [`Error::Usage`] when the view has no assessment that far back.
pub fn back_in(series: &[Found], back: usize, shown: &str, view: &ViewId) -> Result<usize> {
    let count = series.len();
    count.checked_sub(back + 1).ok_or_else(|| {
        Error::Usage(format!(
            "{shown} has only {} in the {view}; {shown}~{} is the earliest",
            crate::text::plural(count, "assessment"),
            count.saturating_sub(1)
        ))
    })
}

/// A person's name as typed on the command line, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named<'a> {
    /// The person.
    pub person: &'a str,
    /// How many assessments before the latest (`NAME~N`).
    pub back: usize,
    /// The view: the flags, with `@RELATIONSHIP` or `@ASSESSOR` on top.
    pub filter: Filter,
}

/// Takes `NAME[@VIEW][~N]` apart.
///
/// # Errors
/// A `~` not followed by a number.
pub fn parse_name<'a>(name: &'a str, filter: &Filter) -> Result<Named<'a>> {
    let (person, back) = split_back(name)?;
    let (person, filter) = qualified(person, filter);
    Ok(Named { person, back, filter })
}

/// `NAME@RELATIONSHIP` or `NAME@ASSESSOR` → the name and the filter it implies.
fn qualified<'a>(name: &'a str, filter: &Filter) -> (&'a str, Filter) {
    let mut filter = filter.clone();
    let Some((person, view)) = name.rsplit_once('@') else { return (name, filter) };
    match Relationship::from_name(view.trim()) {
        Some(relationship) => filter.relationship = Some(relationship),
        None => filter.assessor = Some(view.trim().to_owned()),
    }
    (person.trim_end(), filter)
}

/// The peer views of `person` that an aggregate counts.
///
/// # Errors
/// An unknown person, or a folder that cannot be read.
pub fn peer_views(store: &Store, person: &str, filter: &Filter) -> Result<PeerViews> {
    let dir = store.person_dir(person);
    if !dir.is_dir() {
        return Err(unknown_person(store, person));
    }
    let (history, problems) = person_history(&dir)?;
    let shown = history.last().map_or_else(|| person.to_owned(), |(_, a)| a.person.clone());
    let peer = Filter { relationship: Some(Relationship::Peer), assessor: None, ladder: filter.ladder.clone() };
    let ladder = match crate::view::choose(&history, &peer) {
        Ok(view) => view.ladder,
        Err(_) => filter
            .ladder
            .clone()
            .unwrap_or_else(|| history.last().map(|(_, a)| a.ladder.id.clone()).unwrap_or_default()),
    };
    let peers = crate::view::latest_per_assessor(&history, Relationship::Peer, &ladder);
    Ok(PeerViews { person: shown, ladder, peers, problems })
}

/// The folder of the only person in the store.
///
/// # Errors
/// No one, or several people, in the store.
pub fn only_person(store: &Store) -> Result<PathBuf> {
    // A folder with only a draft in it is not yet a person with assessments.
    let people: Vec<PathBuf> =
        store.person_dirs()?.into_iter().filter(|d| store::json_files(d).is_ok_and(|f| !f.is_empty())).collect();
    match people.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::Other(format!("no assessments in {} yet; start with: rungs assess", store.root().display()))),
        many => {
            let names: Vec<String> = many.iter().map(|d| dir_name(d)).collect();
            Err(Error::Usage(format!("several people have assessments; name one: {}", names.join(", "))))
        }
    }
}

/// Why a person's folder gave no assessment: none is readable, or only an
/// unfinished interview is there, with the command that resumes it.
pub fn no_assessments(dir: &Path, shown: &str) -> Error {
    if crate::seal::unopened() > 0 {
        return Error::Other(format!("{shown} has no assessment your key opens in {}", dir.display()));
    }
    let draft = store::read_dir(dir).unwrap_or_default().into_iter().find_map(|p| {
        let name = p.file_name()?.to_str()?.to_owned();
        store::draft_view(&name).map(|rest| (p.clone(), rest.to_owned()))
    });
    let Some((path, rest)) = draft else {
        // Files that could not be read are a problem with the data; none at all is a name with nothing behind it.
        if store::json_files(dir).is_ok_and(|files| !files.is_empty()) {
            return Error::Other(format!("{shown} has no readable assessments in {}", dir.display()));
        }
        return Error::Usage(format!("{shown} has no assessments yet in {}", dir.display()));
    };
    let person = crate::text::shell_quote(shown);
    let resume = match resumed_view(&rest) {
        Some((ladder, None)) => format!("rungs assess --resume --person {person} --ladder {ladder}"),
        Some((ladder, Some((relationship, assessor)))) => format!(
            "rungs assess --resume --person {person} --ladder {ladder} --relationship {relationship} --assessor {assessor}"
        ),
        None => format!("rungs assess --resume --person {person}"),
    };
    Error::Usage(format!(
        "{shown} has no saved assessment yet, only an unfinished interview in {}\n  continue it with: {resume}",
        path.display()
    ))
}

/// `LADDER-self` or `LADDER-RELATIONSHIP-ASSESSOR` from a draft's name.
fn resumed_view(rest: &str) -> Option<(String, Option<(Relationship, String)>)> {
    let quote = |s: &str| crate::text::shell_quote(s);
    if let Some(ladder) = rest.strip_suffix("-self") {
        return Some((quote(ladder), None));
    }
    [Relationship::Manager, Relationship::Peer].into_iter().find_map(|r| {
        let (ladder, assessor) = rest.split_once(&format!("-{r}-"))?;
        Some((quote(ladder), Some((r, quote(assessor)))))
    })
}

/// `NAME~N` → (NAME, N); a plain name → (NAME, 0).
///
/// # Errors
/// A `~` not followed by a number.
pub fn split_back(name: &str) -> Result<(&str, usize)> {
    match name.rsplit_once('~') {
        Some((person, n)) => n
            .parse()
            .map(|n| (person, n))
            .map_err(|_| Error::Usage(format!("`{name}`: after `~` comes how many assessments back, e.g. {person}~1"))),
        None => Ok((name, 0)),
    }
}

fn dir_name(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `NAME[~N]` or `EMAIL[~N]` as the roster names the person, when the
/// store has a roster that knows them; else as typed.
///
/// # Errors
/// A roster that cannot be read, or a `~` not followed by a number.
fn roster_name(store: &Store, name: &str) -> Result<String> {
    let Some(roster) = store::people::load(store)? else { return Ok(name.to_owned()) };
    let (person, back) = split_back(name)?;
    Ok(match roster.find(person) {
        Some(p) if back > 0 => format!("{}~{back}", p.name),
        Some(p) => p.name.clone(),
        None => name.to_owned(),
    })
}

/// An error for a person with no folder, suggesting near matches: from the
/// roster when the store has one that does not know the name.
pub fn unknown_person(store: &Store, name: &str) -> Error {
    if let Ok(Some(roster)) = store::people::load(store)
        && roster.find(name).is_none()
    {
        return roster.unknown(name);
    }
    let known: Vec<String> = store.person_dirs().unwrap_or_default().iter().map(|d| dir_name(d)).collect();
    let wanted = crate::text::slug(name);
    let near = near_matches(&wanted, known.iter().map(String::as_str));
    let hint = match near.as_slice() {
        [] if known.is_empty() => String::new(),
        [] => format!("\n  people with assessments: {}", known.join(", ")),
        some => format!("\n  did you mean: {}?", some.join(", ")),
    };
    Error::Usage(format!("no assessments of `{name}` in {}{hint}", store.root().display()))
}

/// Records read from a folder, each with its file, and the files that could not be read.
pub type Read<T> = (Vec<(PathBuf, T)>, Vec<Error>);

/// Reads every record of one kind of a person, keeping the readable ones
/// with their files and the problems met.
fn records<T: Send>(
    store: &Store,
    person: &str,
    kind: store::Kind,
    parse: impl Fn(&str, &Path) -> Result<T> + Sync,
) -> Result<Read<T>> {
    let files = store.records(person, kind)?;
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for result in scan(&files, |path, text| parse(text, path).map(|r| (path.to_owned(), r))) {
        match result {
            Ok(item) => found.push(item),
            Err(e) => problems.push(e),
        }
    }
    Ok((found, problems))
}

/// A person's readable notes, oldest first, and the problems met.
///
/// # Errors
/// When the notes folder exists but cannot be read.
pub fn notes_of(store: &Store, person: &str) -> Result<(Vec<Note>, Vec<Error>)> {
    let (found, problems) = records(store, person, store::Kind::Note, Note::from_json)?;
    let mut notes: Vec<Note> = found.into_iter().map(|(_, n)| n).collect();
    crate::journal::sort_notes(&mut notes);
    Ok((notes, problems))
}

/// A person's readable goals with their files, oldest first, and the problems met.
///
/// # Errors
/// When the goals folder exists but cannot be read.
pub fn goals_of(store: &Store, person: &str) -> Result<Read<Goal>> {
    let (mut found, problems) = records(store, person, store::Kind::Goal, Goal::from_json)?;
    found.sort_by(|(_, a), (_, b)| (a.created, &a.id).cmp(&(b.created, &b.id)));
    Ok((found, problems))
}

/// The person's notes and goals, for a document that cites them; files
/// that could not be read come back as problems.
///
/// # Errors
/// When the notes or goals folder exists but cannot be read.
pub fn journal_of(store: &Store, person: &str) -> Result<(crate::journal::Entries, Vec<Error>)> {
    let (notes, mut problems) = notes_of(store, person)?;
    let (goals, more) = goals_of(store, person)?;
    problems.extend(more);
    Ok(((notes, goals.into_iter().map(|(_, g)| g).collect()), problems))
}

/// The latest peer aggregate shared with `person` (on `ladder`, when
/// given), by date then time of writing, and the files that could not be read.
///
/// # Errors
/// When the shared folder exists but cannot be read.
pub fn shared_of(store: &Store, person: &str, ladder: Option<&str>) -> Result<(Option<SharedPeers>, Vec<Error>)> {
    let (found, problems) = records(store, person, store::Kind::Shared, SharedPeers::from_json)?;
    let latest = found
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| ladder.is_none_or(|l| l.eq_ignore_ascii_case(&s.ladder)))
        .max_by_key(|s| (s.date, s.created_at));
    Ok((latest, problems))
}

/// As [`journal_of`], for a document that shows the journal beside
/// something else: a notes or goals folder that cannot be read is one more
/// problem, and the other is still read.
pub fn journal_or_skip(store: &Store, person: &str) -> (crate::journal::Entries, Vec<Error>) {
    let (notes, mut problems) = notes_of(store, person).unwrap_or_else(|e| (Vec::new(), vec![e]));
    let (goals, more) = goals_of(store, person).unwrap_or_else(|e| (Vec::new(), vec![e]));
    problems.extend(more);
    ((notes, goals.into_iter().map(|(_, g)| g).collect()), problems)
}

/// An assessment of `P` on `date` with its file, for unit tests of series.
#[cfg(test)]
pub(crate) fn sample_found(date: &str) -> Found {
    let mut a = crate::assessment::sample("L1", "L2", Vec::new());
    a.date = date.parse().unwrap();
    (PathBuf::from(format!("{date}.json")), a)
}

/// The person whose peer views to aggregate, when that is what was asked:
/// the peer relationship with no one assessor named.
///
/// # Errors
/// `NAME~N` with peers: an aggregate has no earlier ones.
pub fn peer_aggregate(store: &Store, name: Option<&str>, filter: &Filter) -> Result<Option<String>> {
    if name.is_some_and(|n| std::path::Path::new(n).is_file()) {
        return Ok(None);
    }
    let only = || -> Result<String> {
        let dir = crate::collection::only_person(store)?;
        Ok(dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
    };
    let name = match name {
        Some(name) => name.to_owned(),
        None if filter.relationship == Some(Relationship::Peer) && filter.assessor.is_none() => only()?,
        None => return Ok(None),
    };
    let name = name.as_str();
    let named = parse_name(name, filter)?;
    if named.filter.relationship != Some(Relationship::Peer) || named.filter.assessor.is_some() {
        return Ok(None);
    }
    if named.back > 0 {
        return Err(Error::Usage(format!(
            "`{name}`: peer views are shown together, each peer's latest, so there is no earlier one to pick with ~N"
        )));
    }
    Ok(Some(named.person.to_owned()))
}
