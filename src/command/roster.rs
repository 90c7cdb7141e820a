//! `rungs roster …`: list the roster, draw its tree, add and change people,
//! import an HR export, and check it. The model is [`crate::roster`]; the
//! file is read and written through [`crate::store::people`]; every save
//! is checked first (a save never adds a problem) and is one commit in a
//! git store.

mod edit;

use serde::Serialize;

use crate::cli::{RosterArgs, RosterCommand, RosterTreeArgs};
use crate::config::Settings;
use crate::documents::roster::{RosterFormat, listing, tree};
use crate::error::{Error, Result};
use crate::output::{emit, show};
use crate::render::{Cell, Document, Format, Tone, View};
use crate::roster::Roster;
use crate::spreadsheet::{Target, Writer};
use crate::store::{Store, people};

/// Runs `rungs roster` and its subcommands.
///
/// # Errors
/// As each subcommand.
pub fn run(settings: &Settings, args: &RosterArgs) -> Result<()> {
    match &args.command {
        None => list(settings, args.format),
        Some(RosterCommand::Tree(tree_args)) => draw(settings, tree_args),
        Some(RosterCommand::Add(person)) => edit::add(settings, person),
        Some(RosterCommand::Set(person)) => edit::set(settings, person),
        Some(RosterCommand::Import(import)) => edit::import(settings, import),
        Some(RosterCommand::Check(output)) => check(settings, output.format),
    }
}

/// The store's roster, or a message on stderr when it has none.
fn loaded(store: &Store) -> Result<Option<Roster>> {
    let roster = crate::who::roster(store)?;
    if roster.is_none() {
        let root = crate::untrusted::terminal(&store.root().display().to_string()).into_owned();
        eprintln!("No roster in {root} yet; start one with: rungs roster add NAME (or rungs roster import FILE.csv)");
    }
    Ok(roster)
}

fn list(settings: &Settings, format: RosterFormat) -> Result<()> {
    let store = settings.store()?;
    let roster = loaded(&store)?.unwrap_or_default();
    let listing = listing(&roster);
    match format {
        RosterFormat::Plain(format) => show(&listing, format, settings),
        RosterFormat::Csv => {
            let mut out = Writer::new(Vec::new(), Target::of_stdout());
            for row in listing.csv_rows() {
                out.write_record(row).map_err(|e| Error::io("cannot write", "stdout", e))?;
            }
            let bytes = out.into_inner().map_err(|e| Error::io("cannot write", "stdout", e))?;
            emit(&String::from_utf8_lossy(&bytes))
        }
    }
}

fn draw(settings: &Settings, args: &RosterTreeArgs) -> Result<()> {
    let store = settings.store()?;
    let roster = loaded(&store)?.unwrap_or_default();
    let top = match &args.name {
        Some(name) => {
            let person = crate::who::in_roster(&roster, name)?;
            roster.index_of(&person.name)
        }
        None => None,
    };
    show(&tree(&roster, top), args.output.format, settings)
}

/// The problems `rungs roster check` found.
#[derive(Serialize)]
#[serde(transparent)]
struct Problems(Vec<Problem>);

#[derive(Serialize)]
struct Problem {
    path: String,
    line: usize,
    column: usize,
    message: String,
}

impl View for Problems {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        if self.0.is_empty() {
            doc.text(Cell::new("The roster has no problems.", Tone::Good));
        }
        for p in &self.0 {
            doc.text(Cell::new(format!("{}:{}:{}: {}", p.path, p.line, p.column, p.message), Tone::Bad));
        }
        doc
    }
}

fn check(settings: &Settings, format: Format) -> Result<()> {
    let store = settings.store()?;
    let Some(found) = people::problems(&store, &settings.catalog()?)? else {
        loaded(&store)?;
        return show(&Problems(Vec::new()), format, settings);
    };
    let count = found.len();
    let list = found.into_iter().map(|d| Problem { path: d.path, line: d.line, column: d.column, message: d.message });
    show(&Problems(list.collect()), format, settings)?;
    match count {
        0 => Ok(()),
        count => Err(Error::Other(format!(
            "{} in {}",
            crate::text::plural(count, "problem"),
            people::path(&store).display()
        ))),
    }
}
