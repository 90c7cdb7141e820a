//! What an import was told to skip, so that the next import of the same
//! range does not offer it again: one small file per import that skipped
//! anything, `PERSON/harvest/YYYY-MM-DD-sXXXXXXXXXXXXXXXX.json`, written
//! through the store's one write path. A new file each time, never a file
//! changed in place, so clones that import on their own merge in git
//! without a conflict.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{Kind, Store};

/// The schema version of a skip record.
pub const SCHEMA: u32 = 1;
/// The most keys one record holds.
pub const MAX_KEYS: usize = 100_000;

/// The keys one import skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// Format version; see [`SCHEMA`].
    pub schema: u32,
    /// A random id: `s` and 16 hex digits.
    pub id: String,
    /// When the import ran.
    pub created_at: DateTime<FixedOffset>,
    /// Whose import it was.
    pub person: String,
    /// The candidates' keys (see [`super::Candidate::key`]).
    pub skipped: Vec<String>,
}

impl Skipped {
    /// Reads a record's text; `path` names it in errors.
    ///
    /// # Errors
    /// Invalid JSON, another schema, or a key that is not a source.
    pub fn from_json(text: &str, path: &Path) -> Result<Self> {
        let invalid = |message: String| Error::InvalidFile { path: path.to_owned(), message };
        let record: Skipped = serde_json::from_str(text).map_err(|e| invalid(crate::assessment::json_error(&e)))?;
        if record.schema != SCHEMA {
            return Err(invalid(format!(
                "schema version {} is not supported (this rungs reads {SCHEMA})",
                record.schema
            )));
        }
        if record.skipped.len() > MAX_KEYS {
            return Err(invalid(format!("more than {MAX_KEYS} keys")));
        }
        match record.skipped.iter().find(|k| !crate::journal::is_source(k)) {
            Some(key) => Err(invalid(format!("`skipped`: `{key}` is not a commit or web address"))),
            None => Ok(record),
        }
    }

    /// The file's text: pretty-printed, stable key order, final newline.
    pub fn to_json(&self) -> String {
        crate::render::json(self)
    }

    /// Writes the record into `person`'s folder and returns its path.
    ///
    /// # Errors
    /// As [`Store::create`].
    pub fn save(&self, store: &Store) -> Result<PathBuf> {
        let stem = format!("{}-{}", self.created_at.date_naive(), self.id);
        // What was skipped says nothing of anyone else: the person's own audience.
        let audience = crate::store::Audience::of(&self.person, &self.person);
        store.create(&audience, Kind::Harvest, &stem, &self.to_json())
    }
}

/// Every key that earlier imports of `person` skipped, and the problems met
/// (a broken record is named and passed over, as a broken note is).
///
/// # Errors
/// When the folder exists but cannot be read.
pub fn read_all(store: &Store, person: &str) -> Result<(Vec<String>, Vec<Error>)> {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for path in store.records(person, Kind::Harvest)? {
        match crate::store::read_record(&path).map(|o| o.text).and_then(|text| Skipped::from_json(&text, &path)) {
            Ok(record) => keys.extend(record.skipped),
            Err(e) => problems.push(e),
        }
    }
    Ok((keys, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skip_record_round_trips_and_refuses_a_key_that_is_no_source() {
        let mut record = Skipped {
            schema: SCHEMA,
            id: crate::journal::new_id('s'),
            created_at: "2026-03-09T10:00:00+00:00".parse().unwrap(),
            person: "Jo Park".into(),
            skipped: vec!["git:api@0123abcd".into(), "https://github.com/o/r/pull/4".into()],
        };
        assert_eq!(Skipped::from_json(&record.to_json(), Path::new("s.json")).unwrap(), record);
        record.skipped.push("rm -rf /".into());
        let error = Skipped::from_json(&record.to_json(), Path::new("s.json")).unwrap_err().to_string();
        assert!(error.starts_with("s.json: `skipped`: `rm -rf /`"), "{error}");
    }
}
