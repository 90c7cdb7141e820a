//! `rungs ladders`: every available ladder, where it came from, and which
//! custom files could not be loaded.

use serde::Serialize;

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog::Entry;
use crate::output::{show, warn};
use crate::render::{Cell, Document, Format, Table, Tone, View};

#[derive(Serialize)]
struct Listed {
    id: String,
    title: String,
    version: String,
    levels: Vec<String>,
    source: String,
    replaces: Option<String>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct Listing(Vec<Listed>);

impl From<&Entry> for Listed {
    fn from(entry: &Entry) -> Self {
        let ladder = &entry.ladder;
        Listed {
            id: ladder.id.clone(),
            title: ladder.title.clone(),
            version: ladder.version.clone(),
            levels: ladder.levels.iter().map(|l| l.id.clone()).collect(),
            source: ladder.source.to_string(),
            replaces: entry.replaced.as_ref().map(ToString::to_string),
        }
    }
}

impl View for Listing {
    fn document(&self) -> Document {
        let mut table = Table::new(["Ladder", "Title", "Levels", "Source"]);
        for l in &self.0 {
            let source = match &l.replaces {
                Some(old) => Cell::new(format!("{} (replaces {old})", l.source), Tone::Warn),
                None => Cell::new(&l.source, Tone::Muted),
            };
            table.row([Cell::new(&l.id, Tone::Strong), l.title.as_str().into(), l.levels.join(" ").into(), source]);
        }
        let mut doc = Document::default();
        doc.table(table).text(Cell::new("Show one with: rungs ladder show LADDER", Tone::Muted));
        doc
    }
}

/// Lists the ladders; exits 1 when a custom ladder file could not be loaded.
///
/// # Errors
/// An unreadable ladder folder, or skipped files.
pub fn run(settings: &Settings, format: Format) -> Result<()> {
    let catalog = settings.catalog()?;
    for problem in &catalog.problems {
        warn(settings, &format!("skipped a custom ladder:\n{problem}"));
    }
    show(&Listing(catalog.entries().iter().map(Listed::from).collect()), format, settings)?;
    match catalog.problems.len() {
        0 => Ok(()),
        count => Err(Error::Skipped { count }),
    }
}
