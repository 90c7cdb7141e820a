//! CSV that is safe to open in a spreadsheet: the one writer of both CSV
//! outputs (`list --ratings --format csv` and `ladder export --format csv`),
//! and the one reader of the guard it adds (`ladder import`).
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a
//! formula, and some also one that begins with a tab or a carriage return,
//! so stored text could compute, fetch or link in the reader's spreadsheet.
//! Such a cell is written with a leading `'` (the OWASP rule), which
//! spreadsheets show as text. So that the guard can be taken off again
//! exactly, a cell that itself begins with `'` is guarded too: [`unguard`]
//! removes one `'` only where [`guard`] would have put it, and
//! `unguard(guard(x)) == x` for every text.
//!
//! A CSV written to a terminal has its control and bidi characters shown as
//! escapes, through [`crate::untrusted::terminal`], like every other output.
//! JSON and NDJSON never come here: they carry texts exactly.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

/// The first characters that make a spreadsheet read a cell as a formula,
/// and the guard itself.
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Serialized rows are collected up to this many bytes, then guarded.
const SCRATCH_BYTES: usize = 64 * 1024;

/// The cell as written: with a leading `'` when it begins with a character
/// a spreadsheet would act on, or with `'`.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(GUARDED) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The cell as read: without the `'` that [`guard`] put in front of it.
/// A `'` not followed by a guarded character was typed, and stays.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => cell,
    }
}

/// Where the cells go: a file or pipe gets them as they are, a terminal
/// with hidden characters escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A file or a pipe.
    File,
    /// A terminal.
    Terminal,
}

impl Target {
    /// A terminal when stdout is one, else a file.
    pub fn of_stdout() -> Target {
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) { Target::Terminal } else { Target::File }
    }
}

/// A CSV writer whose every cell passes through [`guard`] (and, for a
/// terminal, [`crate::untrusted::terminal`]).
pub struct Writer<W: Write> {
    out: csv::Writer<W>,
    target: Target,
    /// Rows serialized but not yet guarded and written (see [`Writer::serialize`]).
    scratch: csv::Writer<Vec<u8>>,
}

impl<W: Write> Writer<W> {
    /// A writer to `out`.
    pub fn new(out: W, target: Target) -> Self {
        Writer { out: csv::Writer::from_writer(out), target, scratch: csv::Writer::from_writer(Vec::new()) }
    }

    /// Writes one record, each cell guarded, after the rows serialized before it.
    ///
    /// # Errors
    /// When the output cannot be written.
    pub fn write_record<I, T>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.drain()?;
        self.put(cells)
    }

    /// Writes one record, each cell guarded, now.
    fn put<I, T>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let target = self.target;
        let cells = cells.into_iter().map(|cell| {
            let cell = guard(cell.as_ref()).into_owned();
            match target {
                Target::File => cell,
                Target::Terminal => crate::untrusted::terminal(&cell).into_owned(),
            }
        });
        self.out.write_record(cells).map_err(into_io)
    }

    /// Writes a row as its fields, with a header row of the field names
    /// before the first, as [`csv::Writer::serialize`] does.
    ///
    /// serde hands the cells straight to the CSV writer, with no place to
    /// guard them, so rows are serialized into a buffer and read back as
    /// records there (a batch at a time), then written through
    /// [`Writer::write_record`].
    ///
    /// # Errors
    /// A row serde cannot write as CSV (an other error), or an output that
    /// cannot be written.
    pub fn serialize(&mut self, row: &impl Serialize) -> io::Result<()> {
        self.scratch.serialize(row).map_err(into_io)?;
        if self.scratch.get_ref().len() >= SCRATCH_BYTES { self.drain() } else { Ok(()) }
    }

    /// Guards and writes the rows serialized so far.
    fn drain(&mut self) -> io::Result<()> {
        self.scratch.flush()?;
        if self.scratch.get_ref().is_empty() {
            return Ok(());
        }
        // The header row, if any, went with the first rows: no more of it.
        let fresh = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        let bytes =
            std::mem::replace(&mut self.scratch, fresh).into_inner().map_err(csv::IntoInnerError::into_error)?;
        let mut records = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        for record in records.records() {
            self.put(&record.map_err(into_io)?)?;
        }
        Ok(())
    }

    /// Writes everything held back, and flushes the output.
    ///
    /// # Errors
    /// When the output cannot be written.
    pub fn flush(&mut self) -> io::Result<()> {
        self.drain()?;
        self.out.flush()
    }

    /// Flushes, and gives back the output.
    ///
    /// # Errors
    /// When the output cannot be written.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        self.out.into_inner().map_err(csv::IntoInnerError::into_error)
    }
}

/// A CSV error as the I/O error it is (a closed pipe stays a closed pipe),
/// or as an other error.
fn into_io(error: csv::Error) -> io::Error {
    match error.kind() {
        csv::ErrorKind::Io(e) => io::Error::new(e.kind(), e.to_string()),
        _ => io::Error::other(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_and_the_guard_itself_are_guarded_and_come_back() {
        for cell in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'", "'=1", "''", "plain", "", "a=b", "'plain"] {
            let guarded = guard(cell);
            assert_eq!(unguard(&guarded), cell, "{cell:?}");
            assert!(!guarded.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} as {guarded:?}");
        }
        assert_eq!(guard("'plain"), "''plain", "a quote is guarded too, so that the guard is unambiguous");
        assert_eq!(unguard("'plain"), "'plain", "a quote typed before text is kept");
        assert_eq!(guard("'=1"), "''=1");
    }

    #[test]
    fn serialized_rows_are_guarded_like_records() {
        #[derive(Serialize)]
        struct Row<'a> {
            name: &'a str,
            count: u32,
        }
        let mut writer = Writer::new(Vec::new(), Target::File);
        writer.serialize(&Row { name: "=HYPERLINK(\"x\")", count: 3 }).unwrap();
        writer.write_record(["-2", "line\nbreak"]).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(text, "name,count\n\"'=HYPERLINK(\"\"x\"\")\",3\n'-2,\"line\nbreak\"\n");
    }
}
