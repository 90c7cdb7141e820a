//! `rungs list --ratings`: the store as a flat data set for analytics, one
//! row per assessment, competency and level, as CSV, a JSON array or JSON
//! lines. DuckDB, pandas and any warehouse read these directly.
//!
//! Rows are written as files are read, a batch at a time, so memory stays
//! flat however large the store. Peer views are left out, and how many is
//! said on stderr: one peer's ratings never leave rungs
//! ([`crate::view::peers_shown`]); `rungs report NAME --relationship peer`
//! shows them together, behind the anonymity floor.

use std::io::Write;
use std::path::PathBuf;

use crate::assessment::{Assessment, Relationship};
use crate::collection::{batches, scan};
use crate::config::Settings;
use crate::documents::ratings::{FlatRow, json_line, rows};
use crate::error::{Error, Result};
use crate::output::skipped;
use crate::render::{Format, ListFormat};
use crate::spreadsheet::{Target, Writer as SheetWriter};

/// Where rows go.
enum Sink<W: Write> {
    Csv(Box<SheetWriter<W>>),
    Json { out: W, first: bool },
    Ndjson(W),
}

impl<W: Write> Sink<W> {
    fn write(&mut self, row: &FlatRow<'_>) -> std::io::Result<()> {
        match self {
            Sink::Csv(writer) => writer.serialize(row),
            Sink::Json { out, first } => {
                let sep = if *first { "[\n  " } else { ",\n  " };
                *first = false;
                write!(out, "{sep}{}", json_line(row))
            }
            Sink::Ndjson(out) => writeln!(out, "{}", json_line(row)),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut writer) => writer.flush(),
            Sink::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
                out.flush()
            }
            Sink::Ndjson(mut out) => out.flush(),
        }
    }
}

/// Runs `rungs list --ratings` over the given person folders.
///
/// # Errors
/// A table or Markdown format (exit 2), an unwritable stdout; exit 1 after
/// the rows when files were skipped.
pub fn run(settings: &Settings, folders: &[PathBuf], format: ListFormat) -> Result<()> {
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let sink = match format {
        ListFormat::Csv => Sink::Csv(Box::new(SheetWriter::new(out, Target::of_stdout()))),
        ListFormat::Plain(Format::Json) => Sink::Json { out, first: true },
        ListFormat::Ndjson => Sink::Ndjson(out),
        ListFormat::Plain(_) => {
            return Err(Error::Usage("--ratings gives rows for analytics: add --format csv, json or ndjson".into()));
        }
    };
    let (problems, peers) = match stream(folders, sink) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => return Err(Error::io("cannot write", "stdout", e)),
    };
    if peers > 0 {
        let views = crate::text::plural(peers, "peer assessment");
        eprintln!(
            "note: {views} left out: peer views are shown only together, behind an anonymity floor: rungs report NAME --relationship peer"
        );
    }
    skipped(settings, &problems)
}

/// Reads the folders a batch at a time and writes their rows; returns the
/// files that could not be read, and how many peer views were left out.
fn stream<W: Write>(folders: &[PathBuf], mut sink: Sink<W>) -> std::io::Result<(Vec<Error>, usize)> {
    let mut problems = Vec::new();
    let mut peers = 0;
    for (batch, unlisted) in batches(folders) {
        problems.extend(unlisted);
        let mut read: Vec<(PathBuf, Assessment)> = Vec::with_capacity(batch.len());
        for result in scan(&batch, |path, text| Assessment::from_json(text, path).map(|a| (path.to_owned(), a))) {
            match result {
                Ok(found) => read.push(found),
                Err(e) => problems.push(e),
            }
        }
        read.sort_by(|(p, a), (q, b)| (&a.person, a.date, a.created_at, p).cmp(&(&b.person, b.date, b.created_at, q)));
        peers += read.iter().filter(|(_, a)| a.relationship == Relationship::Peer).count();
        for (_, a) in &read {
            for row in rows(a) {
                sink.write(&row)?;
            }
        }
    }
    sink.finish()?;
    Ok((problems, peers))
}
