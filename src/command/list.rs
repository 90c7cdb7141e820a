//! `rungs list`: every assessment, one row each, sorted by person then date;
//! a person's peer views on one ladder are one row, `peers (N)`, and only
//! when N reaches the anonymity floor.
//!
//! Person folders are walked with the summary cache ([`walk`]): an
//! unchanged file is looked at, not read; the others are read through the
//! light [`Glance`](crate::assessment::Glance) reader, several threads at a
//! time. Rows are sorted and written in batches of whole person folders and
//! dropped before the next, so JSON and Markdown output use flat memory
//! however many files there are. The terminal table needs every row to size
//! its columns, so it keeps each as one compact line.

mod flat;

use crate::assessment::Relationship;
use crate::cli::ListArgs;
use crate::collection::{unknown_person, walk};
use crate::config::Settings;
use crate::documents::list::{HEADER, Row, SEP};
use crate::error::{Error, Result};
use crate::output::{emit_open, skipped};
use crate::render::{Cell, Columns, Document, Format, ListFormat, Style, Table, Tone, render_markdown};
use crate::store::cache::Cache;

/// Files read per batch; large enough to keep the threads busy.
const BATCH: usize = 512;

/// Where rows go as they are made.
enum Sink {
    Json {
        first: bool,
    },
    Markdown,
    /// The terminal table: columns must fit every row before the first is
    /// drawn, so each row is kept as one compact line of its cells.
    Table {
        columns: Columns,
        rows: Vec<(String, bool)>,
    },
}

impl Sink {
    fn new(format: Format, style: Style) -> (Sink, String) {
        match format {
            Format::Json => (Sink::Json { first: true }, "[".to_owned()),
            Format::Markdown => {
                let mut doc = Document::default();
                doc.table(Table::new(HEADER));
                (Sink::Markdown, render_markdown(&doc))
            }
            Format::Table => (Sink::Table { columns: Columns::new(&HEADER, style), rows: Vec::new() }, String::new()),
        }
    }

    fn row(&mut self, row: Row, out: &mut String) {
        match self {
            Sink::Json { first } => {
                out.push_str(if *first { "\n" } else { ",\n" });
                *first = false;
                out.push_str(&row.shown);
            }
            Sink::Markdown => out.push_str(&row.shown),
            Sink::Table { columns, rows } => {
                columns.fit(row.shown.split(SEP));
                let ready = row.is_ready();
                rows.push((row.shown, ready));
            }
        }
    }

    /// Writes what is left: the closing bracket, or the whole terminal table.
    fn finish(self, out: &mut Output) -> Result<()> {
        match self {
            Sink::Json { first: true } => out.buffer.push_str("]\n"),
            Sink::Json { first: false } => out.buffer.push_str("\n]\n"),
            Sink::Markdown => {}
            Sink::Table { rows, .. } if rows.is_empty() && crate::seal::unopened() > 0 => {
                eprintln!("No assessments your key opens");
            }
            Sink::Table { rows, .. } if rows.is_empty() => eprintln!("No assessments yet; start with: rungs assess"),
            Sink::Table { mut columns, rows } => {
                out.buffer.push_str(&columns.head());
                for (line, ready) in rows {
                    let mut cells: Vec<Cell> = line.split(SEP).map(Cell::from).collect();
                    cells[1].tone = Tone::Strong;
                    cells[5].tone = if ready { Tone::Good } else { Tone::Plain };
                    out.buffer.push_str(&columns.row(&cells));
                    if out.buffer.len() > 1 << 16 {
                        out.flush()?;
                    }
                }
                out.buffer.push_str(&columns.foot());
            }
        }
        out.flush()
    }
}

/// Runs `rungs list`.
///
/// # Errors
/// An unreadable folder; exit 1 after the listing when files were skipped.
pub fn run(settings: &Settings, args: &ListArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    // With a roster, a person may be named by email: the rows are matched by their name.
    let person = args.person.as_deref().map(|p| crate::who::resolve_person(&store, p)).transpose()?;
    let args = &ListArgs { person: person.clone(), under: args.under.clone(), ..*args };
    let folders = match &person {
        Some(person) if !store.person_dir(person).is_dir() => return Err(unknown_person(&store, person)),
        Some(person) => vec![store.person_dir(person)],
        None => crate::who::dirs_under(&store, store.person_dirs()?, args.under.scope().as_ref())?,
    };
    let format = match (args.ratings, args.format) {
        (true, format) => return flat::run(settings, &folders, format),
        (false, ListFormat::Plain(format)) => format,
        (false, _) => return Err(Error::Usage("--format csv and ndjson list ratings: add --ratings".into())),
    };
    let (mut sink, head) = Sink::new(format, settings.stdout);
    let mut out = Output::new(head);
    let mut problems = Vec::new();
    let mut batch: Vec<Result<Row>> = Vec::new();
    // One person's listing reads their few files: the cache would cost more than it saves.
    let mut cache = if args.person.is_some() { Cache::off() } else { crate::output::summary_cache(settings, &store) };
    let rows_of = |folder: &mut crate::collection::Folder<'_>, buffer: &mut String| -> Vec<Result<Row>> {
        let read: Vec<Result<()>> = folder.files.iter_mut().map(|k| k.summary(buffer).map(|_| ())).collect();
        // The cache has what it needs: the summaries become rows without a copy.
        folder.seal();
        let files = folder.files.iter_mut().zip(read);
        files
            .map(|(k, read)| {
                read?;
                let summary = k.summary.take().expect("read above");
                let mut row = Row::new(std::mem::take(&mut k.path), summary, &catalog)?;
                row.shown = row.show(format);
                Ok(row)
            })
            .collect()
    };
    walk(&folders, &mut cache, rows_of, |rows| {
        batch.extend(rows?);
        if batch.len() >= BATCH {
            emit(&mut batch, (args, format), &mut sink, &mut out, &mut problems)?;
        }
        Ok(())
    })?;
    cache.finish();
    emit(&mut batch, (args, format), &mut sink, &mut out, &mut problems)?;
    sink.finish(&mut out)?;
    if out.closed {
        return Ok(());
    }
    skipped(settings, &problems)
}

/// Sorts a batch of whole person folders' rows and writes them out; the
/// files that could not be read go to `problems`, in the files' order.
fn emit(
    batch: &mut Vec<Result<Row>>,
    (args, format): (&ListArgs, Format),
    sink: &mut Sink,
    out: &mut Output,
    problems: &mut Vec<Error>,
) -> Result<()> {
    let mut rows = Vec::with_capacity(batch.len());
    for result in batch.drain(..) {
        match result {
            Ok(row) if args.person.as_ref().is_none_or(|p| crate::text::slug(p) == crate::text::slug(&row.person)) => {
                rows.push(row);
            }
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    let mut rows = peers_together(rows, format);
    rows.sort_by(|a, b| (&a.person, a.date, &a.created_at).cmp(&(&b.person, b.date, &b.created_at)));
    for row in rows {
        sink.row(row, &mut out.buffer);
    }
    out.flush()
}

/// The rows of a batch of whole person folders with each person's peer
/// views on one ladder made one row ([`Row::peers`]), shown as `format` shows it.
fn peers_together(rows: Vec<Row>, format: Format) -> Vec<Row> {
    let (peers, mut rows): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(|r| r.relationship == Relationship::Peer);
    let mut groups: std::collections::BTreeMap<(String, String), Vec<Row>> = std::collections::BTreeMap::new();
    for row in peers {
        groups.entry((crate::text::slug(&row.person), row.ladder.clone())).or_default().push(row);
    }
    for group in groups.into_values() {
        if let Some(mut row) = Row::peers(group) {
            row.shown = row.show(format);
            rows.push(row);
        }
    }
    rows
}

/// Buffered stdout that ends quietly on a closed pipe.
struct Output {
    buffer: String,
    closed: bool,
}

impl Output {
    fn new(head: String) -> Self {
        Output { buffer: head, closed: false }
    }

    fn flush(&mut self) -> Result<()> {
        if !self.closed {
            self.closed = !emit_open(&self.buffer)?;
        }
        self.buffer.clear();
        Ok(())
    }
}
