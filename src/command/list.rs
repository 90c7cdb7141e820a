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

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::Relationship;
use crate::cli::ListArgs;
use crate::collection::{check_ladders, unknown_person, walk};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::output::{emit_open, skipped};
use crate::render::{
    Cell, Columns, Document, Format, ListFormat, Style, Table, Tone, json, markdown_row, render_markdown,
};
use crate::store::cache::Cache;
use crate::store::summary::Summary;
use crate::untrusted;

/// Files read per batch; large enough to keep the threads busy.
const BATCH: usize = 512;

/// One listed assessment; the pinned `list --format json` entry.
#[derive(Debug, Serialize)]
pub struct Row {
    path: PathBuf,
    date: NaiveDate,
    person: String,
    /// The assessor; `null` for a peer, whose name is never shown beside their ratings.
    assessor: Option<String>,
    relationship: Relationship,
    ladder: String,
    /// The current level; for the peers' row, `null` unless every peer gave the same.
    current: Option<String>,
    /// The target level; for the peers' row, as `current`.
    target: Option<String>,
    /// `null` for the peers' row: no peer's readiness is shown.
    ready_count: Option<usize>,
    /// `null` for the peers' row.
    total: Option<usize>,
    /// How many peers the peers' row counts; absent on every other row.
    #[serde(skip_serializing_if = "Option::is_none")]
    raters: Option<usize>,
    /// The competencies the target level expects that the file does not
    /// rate: counted in `total` and shown in the table, never a JSON key of
    /// its own (the keys of `list` are pinned).
    #[serde(skip)]
    not_rated: Vec<String>,
    #[serde(skip)]
    created_at: String,
    /// Who gave the ratings, by slug: peers are counted by it, never shown.
    #[serde(skip)]
    rater: String,
    /// The row as its format shows it, made on the worker thread that read
    /// it: JSON lines, a Markdown line, or the terminal cells joined by [`SEP`].
    #[serde(skip)]
    shown: String,
}

impl Row {
    fn new(path: PathBuf, mut s: Summary, catalog: &Catalog) -> Result<Row> {
        check_ladders(&s.ladder, &s.target_ladder, catalog, &path)?;
        let not_rated = s.not_rated(catalog);
        Ok(Row {
            path,
            date: s.date,
            ready_count: Some(s.ready_count()),
            total: Some(s.statuses.len() + not_rated.len()),
            raters: None,
            not_rated,
            person: s.person,
            rater: crate::text::slug(&s.assessor),
            assessor: (s.relationship != Relationship::Peer).then_some(s.assessor),
            relationship: s.relationship,
            ladder: s.ladder,
            current: Some(s.current),
            target: Some(s.target),
            created_at: s.created_at,
            shown: String::new(),
        })
    }

    /// One row for the peer views of one person on one ladder, `peers (N)`,
    /// dated by the latest; `None` below the anonymity floor, so that no
    /// peer's file is ever listed on its own ([`crate::view::peers_shown`]).
    fn peers(mut group: Vec<Row>) -> Option<Row> {
        let mut raters: Vec<&str> = group.iter().map(|r| r.rater.as_str()).collect();
        raters.sort_unstable();
        raters.dedup();
        let raters = raters.len();
        if !crate::view::peers_shown(raters, crate::view::PEER_FLOOR as usize) {
            return None;
        }
        let same = |level: fn(&Row) -> &Option<String>| {
            let first = level(&group[0]).clone();
            group.iter().all(|r| *level(r) == first).then_some(first).flatten()
        };
        let (current, target) = (same(|r| &r.current), same(|r| &r.target));
        group.sort_by_cached_key(|r| crate::view::order(r.date, r.created_at.parse().ok(), &r.path));
        let latest = group.pop()?;
        Some(Row {
            path: latest.path.parent().map(PathBuf::from).unwrap_or_default(),
            current,
            target,
            ready_count: None,
            total: None,
            raters: Some(raters),
            not_rated: Vec::new(),
            rater: String::new(),
            shown: String::new(),
            ..latest
        })
    }

    /// Whether every competency the target expects is ready.
    fn is_ready(&self) -> bool {
        self.ready_count.is_some() && self.ready_count == self.total
    }

    /// The row as `format` shows it (see [`Row::shown`]).
    fn show(&self, format: Format) -> String {
        let mut out = String::new();
        match format {
            Format::Json => {
                for (i, line) in json(self).trim_end().lines().enumerate() {
                    out.push_str(if i == 0 { "  " } else { "\n  " });
                    out.push_str(line);
                }
            }
            Format::Markdown => {
                out = markdown_row(&self.cells());
                out.push('\n');
            }
            Format::Table => {
                // Kept as shown on a terminal: escaped text never holds `SEP`.
                for (i, cell) in self.cells().iter().enumerate() {
                    if i > 0 {
                        out.push(SEP);
                    }
                    out.push_str(&untrusted::terminal(&cell.text));
                }
            }
        }
        out
    }

    fn cells(&self) -> [Cell; 6] {
        let by = match (&self.assessor, self.raters) {
            (_, Some(raters)) => format!("peers ({raters})"),
            (Some(assessor), _) if self.relationship == Relationship::Manager => format!("{assessor} (manager)"),
            _ => self.relationship.to_string(),
        };
        let tone = if self.is_ready() { Tone::Good } else { Tone::Plain };
        let level = |level: &Option<String>| level.clone().unwrap_or_else(|| "—".to_owned());
        let ready = match self.ready_count.zip(self.total) {
            Some((ready, total)) => crate::scoring::ready_cell(ready, total, self.not_rated.len()),
            None => "—".to_owned(),
        };
        [
            self.date.to_string().into(),
            Cell::new(&self.person, Tone::Strong),
            by.into(),
            self.ladder.as_str().into(),
            format!("{} → {}", level(&self.current), level(&self.target)).into(),
            Cell::new(ready, tone),
        ]
    }
}

const HEADER: [&str; 6] = ["Date", "Person", "Assessed by", "Ladder", "Levels", "Ready"];

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

/// Separates cells in a kept table row.
const SEP: char = '\u{1f}';

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
