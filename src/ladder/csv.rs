//! A ladder as a spreadsheet (CSV), and a spreadsheet back as a ladder file.
//!
//! Every fact has exactly one row, so an edit in a spreadsheet can never
//! disagree with itself: a `ladder` row, a `competency` row for each
//! competency followed by a `step` row for each of its steps, then for each
//! level a `level` row followed by one `cell` row per competency. The `kind`
//! column says which a row is; columns are found by their header name, so a
//! spreadsheet may reorder them. The layout is documented in
//! `docs/ladder-format.md` ("Spreadsheets (CSV)").
//!
//! [`write()`] makes the CSV (the rows come from `export`), every cell
//! guarded against formulas by [`crate::spreadsheet`], whose guard `sheet`
//! takes off again. [`import`] reads
//! one (`sheet`, then `rows` to gather them), writes the ladder file's TOML
//! (`emit`) and checks it with [`super::parse::parse`], naming every problem
//! by its spreadsheet row and column. `layout` holds what both directions
//! share. Nothing here touches files: the command reads and writes them.

mod emit;
mod export;
mod layout;
mod limits;
mod matrix;
mod rows;
mod sheet;

use std::path::Path;

use super::parse::MAX_ID_CHARS;
use super::{Ladder, Source};
use crate::error::{Error, Result};
use crate::spreadsheet::{Target, Writer};

pub use limits::{MAX_ITEMS, MAX_ROWS};

/// The most problems listed before the rest are counted.
const MAX_PROBLEMS: usize = 40;

/// The ladder as CSV: a header, then one row per fact (see the module
/// docs), each cell guarded against formulas ([`crate::spreadsheet`]) and,
/// for a terminal, its hidden characters escaped.
///
/// # Errors
/// A cell whose items a spreadsheet cell cannot hold one per line: an empty
/// list, a blank item, or an item with a line break.
pub fn write(ladder: &Ladder, target: Target) -> Result<String> {
    let mut out = Writer::new(Vec::new(), target);
    let failed = |e: std::io::Error| Error::Other(format!("cannot write `{}` as CSV: {e}", ladder.id));
    let columns = export::columns(ladder);
    out.write_record(columns.iter().map(|c| c.name())).map_err(failed)?;
    for row in export::rows(ladder)? {
        out.write_record(columns.iter().map(|c| &row[c.index()])).map_err(failed)?;
    }
    let bytes = out.into_inner().map_err(failed)?;
    String::from_utf8(bytes).map_err(|e| Error::Other(format!("cannot write `{}` as CSV: {e}", ladder.id)))
}

/// A ladder file (TOML) from CSV text in the layout [`write()`] makes.
///
/// `path` names the spreadsheet in messages and gives the ladder its id
/// when neither `flag` (the `--id` value) nor the `ladder` column does.
///
/// # Errors
/// A usage error (exit 2) listing every problem found, each as
/// `FILE: row N, column "NAME": message`.
pub fn import(text: &str, path: &Path, flag: Option<&str>) -> Result<String> {
    let name = if path == Path::new("-") { "stdin".to_owned() } else { path.display().to_string() };
    bounded(&name, text)?;
    let sheet = rows::read(text).map_err(|problems| refuse(&name, &problems))?;
    let Some(id) = flag.map(str::to_owned).or_else(|| sheet.id().map(str::to_owned)).or_else(|| id_from(path)) else {
        let problem = "no ladder id: fill the \"ladder\" column of the ladder row, or pass --id";
        return Err(refuse(&name, &[problem.to_owned()]));
    };
    checked(&sheet, &id, flag, &name, path)
}

/// A ladder file (TOML) from a matrix sheet: levels as columns,
/// competencies as rows (see the `matrix` module). The ladder's id is
/// `flag` (`--id`), else made from the file's name; its title `title`, else
/// its id.
///
/// # Errors
/// A usage error (exit 2) listing every problem found, each as
/// `FILE: row N, column L: message`.
pub fn import_matrix(text: &str, path: &Path, flag: Option<&str>, title: Option<&str>) -> Result<String> {
    let name = if path == Path::new("-") { "stdin".to_owned() } else { path.display().to_string() };
    bounded(&name, text)?;
    let Some(id) = flag.map(str::to_owned).or_else(|| id_from(path)) else {
        return Err(refuse(&name, &["no ladder id: pass --id".to_owned()]));
    };
    let sheet = matrix::read(text, &id, title.unwrap_or(&id)).map_err(|problems| refuse(&name, &problems))?;
    checked(&sheet, &id, flag, &name, path)
}

/// The ladder file for `sheet`, checked as every ladder file is, each
/// finding told by the sheet's row and column.
fn checked(sheet: &sheet::Sheet, id: &str, flag: Option<&str>, name: &str, path: &Path) -> Result<String> {
    let toml = emit::toml(sheet, id, flag.is_some().then_some("--id"));
    match super::parse::parse(&toml.text, name, Source::File(path.to_owned())) {
        Ok(_) => Ok(toml.text),
        Err(found) => Err(refuse(name, &found.iter().map(|d| toml.problem(d)).collect::<Vec<_>>())),
    }
}

/// Refuses a sheet over the size every reader keeps to.
fn bounded(name: &str, text: &str) -> Result<()> {
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > crate::file::MAX_FILE_BYTES {
        return Err(Error::Usage(format!(
            "{name}: {} bytes, over the limit of {} bytes (16 MiB); rungs does not read it",
            text.len(),
            crate::file::MAX_FILE_BYTES
        )));
    }
    Ok(())
}

/// An id made from the file's name: `Our Ladder.csv` gives `our-ladder`.
fn id_from(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(MAX_ID_CHARS).collect();
    let id = id.trim_end_matches('-');
    (!id.is_empty()).then(|| id.to_owned())
}

/// The usage error listing `problems`, each prefixed with the file's name.
fn refuse(name: &str, problems: &[String]) -> Error {
    let mut lines: Vec<String> = problems.iter().take(MAX_PROBLEMS).map(|p| format!("{name}: {p}")).collect();
    if problems.len() > MAX_PROBLEMS {
        lines.push(format!("{name}: and {} more problems", problems.len() - MAX_PROBLEMS));
    }
    Error::Usage(lines.join("\n"))
}

#[cfg(test)]
mod tests;
