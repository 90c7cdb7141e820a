//! Finding ladders and levels by name: the built-ins, a folder of custom
//! ladder files, and ladder files named by path.
//!
//! A custom ladder with a built-in's id replaces the built-in. Broken custom
//! files do not stop other commands: they are kept as [`Catalog::problems`]
//! for the caller to report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Ladder, LevelRef, Source, builtin, parse};
use crate::error::{Error, Result};
use crate::text::near_matches;

/// A loaded ladder, and what it replaced.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The ladder.
    pub ladder: Ladder,
    /// The source of the ladder with the same id that this one replaced.
    pub replaced: Option<Source>,
}

/// Where a level sits in a catalog: `(ladder index, level index)`.
pub type LevelAt = (usize, usize);

/// Every ladder available to a command.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// Custom ladder files that could not be loaded.
    pub problems: Vec<Error>,
    /// What assessing between two levels asks, worked out once per pair:
    /// listings ask it for every file.
    asked: Mutex<HashMap<[String; 4], Arc<Asks>>>,
}

/// What an assessment from one level to another is scored against, as the
/// loaded ladders say.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Asks {
    /// The competencies the target level expects, in the ladder's order;
    /// `None` when its ladder or the level is not loaded.
    pub expected: Option<Vec<String>>,
    /// The competencies whose target expectation needs a rating of its own
    /// (both levels expect something, but not the same ask).
    pub own_target: Vec<String>,
    /// The target level's promotion rule, if it has one.
    pub rule: Option<super::Promotion>,
}

impl Asks {
    /// The competencies of `current_only` (rated only at the current level)
    /// whose target expectation needs a rating of its own: they do not rate
    /// the target, so they are not rated for readiness.
    pub fn unrated(&self, current_only: &[String]) -> Vec<String> {
        current_only.iter().filter(|id| self.own_target.contains(id)).cloned().collect()
    }
}

impl Catalog {
    /// The built-in ladders alone.
    pub fn builtin() -> Self {
        let mut catalog = Catalog::default();
        for (id, text) in builtin::LADDERS {
            let ladder = parse::parse(text, &format!("built-in:{id}"), Source::BuiltIn)
                .unwrap_or_else(|d| unreachable!("built-in ladder {id} is invalid: {d:?}"));
            catalog.insert(ladder);
        }
        catalog
    }

    /// The built-ins plus every `*.toml` in `folder`, when given and present.
    /// Only regular files are read, never through a link: anything else
    /// named `*.toml` becomes a problem naming it, unopened.
    ///
    /// `required` says whether a missing folder is an error (it was named by
    /// the user) or normal (the default config folder).
    ///
    /// # Errors
    /// When a required folder cannot be read.
    pub fn load(folder: Option<&Path>, required: bool) -> Result<Self> {
        let mut catalog = Catalog::builtin();
        let Some(folder) = folder else { return Ok(catalog) };
        let listing = match std::fs::read_dir(folder) {
            Ok(listing) => listing,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(catalog),
            Err(e) => return Err(Error::io("cannot read ladder folder", folder, e)),
        };
        let mut files: Vec<PathBuf> = listing
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        for file in files {
            match read_listed_file(&file) {
                Ok(ladder) => {
                    catalog.insert(ladder);
                }
                Err(problem) => catalog.problems.push(problem),
            }
        }
        Ok(catalog)
    }

    /// What assessing from `current` (of ladder `ladder`) to `target` (of
    /// `target_ladder`) asks; each pair is worked out once.
    pub fn asks(&self, (ladder, current): (&str, &str), (target_ladder, target): (&str, &str)) -> Arc<Asks> {
        let key = [ladder, current, target_ladder, target].map(str::to_owned);
        let mut asked = self.asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(
            asked.entry(key).or_insert_with(|| Arc::new(self.work_out((ladder, current), (target_ladder, target)))),
        )
    }

    fn work_out(&self, (ladder, current): (&str, &str), (target_ladder, target): (&str, &str)) -> Asks {
        let find = |id: &str| self.entries.iter().find(|e| e.ladder.id == id).map(|e| &e.ladder);
        let Some((to, next)) = find(target_ladder).and_then(|l| Some((l, &l.levels[l.level_index(target)?]))) else {
            return Asks::default();
        };
        let expects = to.competencies.iter().zip(&next.expectations).filter(|(_, e)| e.is_expected());
        let expected = Some(expects.map(|(c, _)| c.id.clone()).collect());
        let own_target = find(ladder)
            .and_then(|from| Some((from, &from.levels[from.level_index(current)?])))
            .map(|(from, now)| {
                let asks = from.competencies.iter().zip(&now.expectations).filter_map(|(c, a)| {
                    let b = &next.expectations[to.competencies.iter().position(|t| t.id == c.id)?];
                    (a.is_expected() && b.is_expected() && !a.same_ask(b, c)).then(|| c.id.clone())
                });
                asks.collect()
            })
            .unwrap_or_default();
        Asks { expected, own_target, rule: next.promotion.clone() }
    }

    fn insert(&mut self, ladder: Ladder) -> usize {
        self.asked.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        if let Some(i) = self.entries.iter().position(|e| e.ladder.id == ladder.id) {
            let old = std::mem::replace(&mut self.entries[i].ladder, ladder);
            self.entries[i].replaced = Some(old.source);
            i
        } else {
            self.entries.push(Entry { ladder, replaced: None });
            self.entries.len() - 1
        }
    }

    /// Every ladder, built-ins first in their fixed order, then custom ones.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The ladder at an index returned by [`Catalog::find_ladder`].
    pub fn get(&self, index: usize) -> &Ladder {
        &self.entries[index].ladder
    }

    /// The level at a place returned by [`Catalog::find_level`].
    pub fn level(&self, (ladder, index): LevelAt) -> LevelRef<'_> {
        LevelRef { ladder: self.get(ladder), index }
    }

    /// Finds a ladder by id, or loads it when `name` is a path to a `.toml` file.
    ///
    /// # Errors
    /// An unknown id (with near matches), or a file that cannot be read or is invalid.
    pub fn find_ladder(&mut self, name: &str) -> Result<usize> {
        if is_path(name) {
            let ladder = read_file(Path::new(name))?;
            return Ok(self.insert(ladder));
        }
        if let Some(i) = self.entries.iter().position(|e| e.ladder.id == name) {
            return Ok(i);
        }
        let known: Vec<&str> = self.entries.iter().map(|e| e.ladder.id.as_str()).collect();
        Err(Error::UnknownLadder {
            name: name.to_owned(),
            suggestions: near_matches(name, known.iter().copied()).into_iter().map(String::from).collect(),
            known: known.into_iter().map(String::from).collect(),
        })
    }

    /// Finds a level named `LEVEL` (unique across ladders) or `LADDER:LEVEL`.
    ///
    /// # Errors
    /// An unknown level (with near matches) or a bare id that several ladders share.
    pub fn find_level(&mut self, name: &str) -> Result<LevelAt> {
        if let Some((ladder, level)) = name.rsplit_once(':') {
            let ladder = self.find_ladder(ladder)?;
            return self.find_level_in(ladder, level);
        }
        let found: Vec<LevelAt> =
            self.entries.iter().enumerate().filter_map(|(i, e)| e.ladder.level_index(name).map(|l| (i, l))).collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(self.unknown_level(name, None)),
            many => Err(Error::AmbiguousLevel {
                name: name.to_owned(),
                candidates: many.iter().map(|&at| self.level(at).qualified()).collect(),
            }),
        }
    }

    /// Finds a level of one ladder; a `LADDER:LEVEL` name may point elsewhere.
    ///
    /// # Errors
    /// A level the ladder lacks, with near matches from that ladder.
    pub fn find_level_in(&mut self, ladder: usize, name: &str) -> Result<LevelAt> {
        if name.contains(':') {
            return self.find_level(name);
        }
        match self.get(ladder).level_index(name) {
            Some(level) => Ok((ladder, level)),
            None => Err(self.unknown_level(name, Some(ladder))),
        }
    }

    fn unknown_level(&self, name: &str, ladder: Option<usize>) -> Error {
        let ladders: Vec<&Ladder> = match ladder {
            Some(i) => vec![self.get(i)],
            None => self.entries.iter().map(|e| &e.ladder).collect(),
        };
        let ids = ladders.iter().flat_map(|l| l.levels.iter().map(|level| level.id.as_str()));
        Error::UnknownLevel {
            name: name.to_owned(),
            ladder: ladder.map(|i| self.get(i).id.clone()),
            suggestions: near_matches(name, ids).into_iter().map(String::from).collect(),
        }
    }
}

/// Whether a ladder name is a file path rather than an id.
fn is_path(name: &str) -> bool {
    name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR) || name.contains('/')
}

/// Reads and validates one ladder file named by the user; links are
/// followed, and at most [`crate::file::MAX_FILE_BYTES`] are read.
///
/// # Errors
/// The file cannot be read, or it has problems (each with line and column).
pub fn read_file(path: &Path) -> Result<Ladder> {
    parse_file(&crate::file::read_named(path)?, path)
}

/// Reads and validates a ladder file found by listing a folder: a regular
/// file, not a link, of at most [`crate::file::MAX_FILE_BYTES`].
///
/// # Errors
/// The file is refused or cannot be read, or it has problems.
pub fn read_listed_file(path: &Path) -> Result<Ladder> {
    parse_file(&crate::file::read_text(path)?, path)
}

fn parse_file(text: &str, path: &Path) -> Result<Ladder> {
    let shown = path.display().to_string();
    parse::parse(text, &shown, Source::File(path.to_owned()))
        .map_err(|diagnostics| Error::InvalidLadder { diagnostics })
}

/// Competency titles for an assessment's ladder, falling back to ids when
/// the ladder is not loaded (an old file still reports).
pub struct Titles(pub(crate) Vec<(String, String)>);

impl Titles {
    /// The titles of a ladder, if loaded.
    pub fn of(catalog: &Catalog, ladder: &str) -> Self {
        let entry = catalog.entries().iter().find(|e| e.ladder.id == ladder);
        let pairs = entry.map(|e| e.ladder.competencies.iter().map(|c| (c.id.clone(), c.title.clone())).collect());
        Titles(pairs.unwrap_or_default())
    }

    /// The title of a competency, or its id.
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.iter().find(|(i, _)| i == id).map_or(id, |(_, t)| t.as_str())
    }
}

/// Checks that the ladders an assessment names (its `ladder` and its
/// target's) are still loaded.
///
/// # Errors
/// [`Error::InvalidFile`] naming the missing ladder.
pub fn check_ladders(ladder: &str, target_ladder: &str, catalog: &Catalog, path: &Path) -> Result<()> {
    for id in [ladder, target_ladder] {
        if !catalog.entries().iter().any(|e| e.ladder.id == id) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                message: format!("its ladder `{id}` is not loaded (add the ladder file with --ladders DIR)"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_and_qualified_levels_resolve_ignoring_case() {
        let mut catalog = Catalog::builtin();
        let at = catalog.find_level("tl5").unwrap();
        assert_eq!(catalog.level(at).qualified(), "tech-lead:TL5");
        let at = catalog.find_level("developer:D4").unwrap();
        assert_eq!(catalog.level(at).level().title, "Developer 4");
    }

    #[test]
    fn unknown_level_suggests_near_matches() {
        let mut catalog = Catalog::builtin();
        let error = catalog.find_level("TL8").unwrap_err().to_string();
        assert!(error.starts_with("unknown level `TL8`"), "{error}");
        assert!(error.contains("TL7"), "{error}");
    }

    #[test]
    fn unknown_ladder_lists_known_ones() {
        let mut catalog = Catalog::builtin();
        let error = catalog.find_ladder("tech-led").unwrap_err().to_string();
        assert!(error.contains("did you mean `tech-lead`?"), "{error}");
        assert!(error.contains("known ladders: developer, tech-lead"), "{error}");
    }
}
