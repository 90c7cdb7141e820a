//! A ladder as a spreadsheet: one row per level and competency, and back.

use std::path::Path;

use super::Ladder;
use crate::error::{Error, Result};

/// The ladder as CSV.
///
/// # Errors
/// Never in practice; CSV writing into memory cannot fail.
pub fn write(ladder: &Ladder) -> Result<String> {
    Err(Error::Other(format!("exporting `{}` as CSV is not built yet", ladder.id)))
}

/// A ladder file (TOML) from CSV text.
///
/// # Errors
/// A CSV problem, naming its row and column, or a ladder that does not validate.
pub fn import(_text: &str, path: &Path, _id: Option<&str>) -> Result<String> {
    Err(Error::Other(format!("importing {} is not built yet", path.display())))
}
