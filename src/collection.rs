//! Reading many assessments: a parallel, order-keeping scan of files,
//! resolving `PATH`, `NAME` and `NAME~N` to one assessment, and reporting
//! broken files without stopping.
//!
//! Listings read only what they show ([`Glance`]), on a few threads, and
//! keep nothing of a file once its row is made, so memory stays flat as the
//! folder grows.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::assessment::{Assessment, Glance};
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::store::{self, Store};
use crate::text::near_matches;

/// Maps every file through `f` on a few threads; results keep the files' order.
pub fn scan<T: Send>(files: &[PathBuf], f: impl Fn(&Path, &str) -> Result<T> + Sync) -> Vec<Result<T>> {
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).clamp(2, 4);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                scope.spawn(move || {
                    let mut text = String::new();
                    part.iter()
                        .map(|path| {
                            text.clear();
                            store::read_text_into(path, &mut text)?;
                            f(path, &text)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a scan worker panicked")).collect()
    })
}

/// Checks that the ladders an assessment names are still loaded.
///
/// # Errors
/// [`Error::InvalidFile`] naming the missing ladder.
pub fn check_ladders(glance: &Glance<'_>, catalog: &Catalog, path: &Path) -> Result<()> {
    for id in [glance.ladder.id.as_ref(), glance.target_ladder_id()] {
        if !catalog.entries().iter().any(|e| e.ladder.id == id) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                message: format!("its ladder `{id}` is not loaded (add the ladder file with --ladders DIR)"),
            });
        }
    }
    Ok(())
}

/// An assessment and the file it was read from.
pub type Found = (PathBuf, Assessment);

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

/// The most recent readable assessment of `person` on `ladder` dated on or
/// before `date`: the defaults of a new interview.
pub fn latest_on(store: &Store, person: &str, ladder: &str, date: NaiveDate) -> Option<Assessment> {
    let (found, _) = person_history(&store.person_dir(person)).ok()?;
    found.into_iter().rev().map(|(_, a)| a).find(|a| a.ladder.id == ladder && a.person == person && a.date <= date)
}

/// Resolves the `ASSESSMENT` argument: a file path, a person's name (their
/// latest assessment), `NAME~N` (the Nth before the latest), or nothing
/// (the only person in the folder).
///
/// # Errors
/// An unknown person (with near matches), too few assessments, or an
/// unreadable file. Problems with other files of the person are returned
/// beside the answer, to be reported as warnings.
pub fn resolve(store: &Store, name: Option<&str>) -> Result<((PathBuf, Assessment), Vec<Error>)> {
    if let Some(path) = name.map(Path::new).filter(|p| p.is_file()) {
        return Ok(((path.to_owned(), store::read(path)?), Vec::new()));
    }
    let (dir, back, shown) = match name {
        Some(name) => {
            let (person, back) = split_back(name)?;
            (store.person_dir(person), back, person.to_owned())
        }
        None => match store.person_dirs()?.as_slice() {
            [one] => (one.clone(), 0, dir_name(one)),
            [] => {
                return Err(Error::Other(format!(
                    "no assessments in {} yet; start with: rungs assess",
                    store.root().display()
                )));
            }
            many => {
                let names: Vec<String> = many.iter().map(|d| dir_name(d)).collect();
                return Err(Error::Usage(format!("several people have assessments; name one: {}", names.join(", "))));
            }
        },
    };
    if !dir.is_dir() {
        return Err(unknown_person(store, &shown));
    }
    let (mut history, problems) = person_history(&dir)?;
    let count = history.len();
    if back >= count {
        let what =
            if count == 0 { "no readable assessments".to_owned() } else { format!("only {count} assessment(s)") };
        return Err(Error::Other(format!("{shown} has {what} in {}", dir.display())));
    }
    Ok((history.swap_remove(count - 1 - back), problems))
}

/// `NAME~N` → (NAME, N); a plain name → (NAME, 0).
fn split_back(name: &str) -> Result<(&str, usize)> {
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

/// An error for a person with no folder, suggesting near matches.
pub fn unknown_person(store: &Store, name: &str) -> Error {
    let known: Vec<String> = store.person_dirs().unwrap_or_default().iter().map(|d| dir_name(d)).collect();
    let wanted = store::slug(name);
    let near = near_matches(&wanted, known.iter().map(String::as_str));
    let hint = match near.as_slice() {
        [] if known.is_empty() => String::new(),
        [] => format!("\n  people with assessments: {}", known.join(", ")),
        some => format!("\n  did you mean: {}?", some.join(", ")),
    };
    Error::Other(format!("no assessments of `{name}` in {}{hint}", store.root().display()))
}
