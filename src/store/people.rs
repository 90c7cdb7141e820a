//! The roster of a store, `people.toml` at its root: read bounded like
//! every file of a store, written through the store's one atomic write path.

use std::path::PathBuf;

use super::Store;
use crate::error::{Error, Result};
use crate::roster::{FILE, Roster};

/// Where the roster of `store` lives.
pub fn path(store: &Store) -> PathBuf {
    store.root().join(FILE)
}

/// The roster of `store`, or `None` when it has none.
///
/// # Errors
/// The file is refused (a link, too large), or cannot be parsed: every
/// problem as `FILE:LINE:COL`.
pub fn load(store: &Store) -> Result<Option<Roster>> {
    let path = path(store);
    let text = match super::read_text(&path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    crate::roster::parse(&text, &path.display().to_string())
        .map(Some)
        .map_err(|diagnostics| Error::InvalidRoster { diagnostics })
}

/// Writes `roster` as the store's `people.toml`, replacing it atomically;
/// returns its path.
///
/// # Errors
/// When the store's folder cannot be written, or the text would be too large.
pub fn save(store: &Store, roster: &Roster) -> Result<PathBuf> {
    let path = path(store);
    let text = crate::roster::write(roster);
    if text.len() as u64 > super::MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            what: path.display().to_string(),
            size: text.len() as u64,
            limit: super::MAX_FILE_BYTES,
            cause: None,
        });
    }
    store.replace(&path, &text)?;
    Ok(path)
}

/// The problems of the store's roster: those that keep it from being read,
/// else those between its people (see [`crate::roster::check()`]); `None`
/// when there is no roster.
///
/// # Errors
/// The roster is refused before it is read: a link, a file too large.
pub fn problems(
    store: &Store,
    catalog: &crate::ladder::catalog::Catalog,
) -> Result<Option<Vec<crate::error::Diagnostic>>> {
    let path = path(store);
    let text = match super::read_text(&path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // Every problem in one run: those of single fields, and those between
    // the people that could be read.
    let (roster, mut problems) = crate::roster::read(&text, &path.display().to_string());
    if let Some(roster) = roster {
        problems.extend(crate::roster::check(&roster, catalog));
    }
    problems.sort_by_key(|d| (d.line, d.column));
    Ok(Some(problems))
}
