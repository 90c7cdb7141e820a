//! `rungs ladder compare`: what changes between two levels, as a document.

use super::print;
use crate::cli::CompareArgs;
use crate::config::Settings;
use crate::error::Result;
use crate::ladder::compare::{Change, Comparison, CompetencyChange, compare as compare_levels};
use crate::render::{Cell, Document, Table, Tone, View};

impl View for Comparison {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let qualified = self.from_ladder != self.to_ladder;
        let name = |ladder: &str, level: &str| if qualified { format!("{ladder}:{level}") } else { level.to_owned() };
        let (from, to) = (name(&self.from_ladder, &self.from), name(&self.to_ladder, &self.to));
        doc.heading(1, format!("{from} → {to}"));
        let mut table = Table::new(["Competency", from.as_str(), to.as_str(), "Change"]);
        for c in &self.competencies {
            let (mark, tone) = match c.change {
                Change::Up => ("↑ up", Tone::Good),
                Change::Same => ("= same", Tone::Muted),
                Change::Down => ("↓ down", Tone::Bad),
                Change::Dropped => ("∅ dropped", Tone::Muted),
                Change::Reworded => ("≈ reworded", Tone::Plain),
            };
            let step = |s: &Option<String>, expected: bool| match s {
                Some(step) => Cell::from(step),
                None if expected => Cell::default(),
                None => Cell::new("not expected", Tone::Muted),
            };
            table.row([
                Cell::new(&c.title, Tone::Strong),
                step(&c.from_step, c.expected[0]),
                step(&c.to_step, c.expected[1]),
                Cell::new(mark, tone),
            ]);
        }
        doc.table(table);
        let asks: Vec<&CompetencyChange> = self.competencies.iter().filter(|c| c.change == Change::Up).collect();
        if !asks.is_empty() {
            doc.heading(2, format!("What {to} asks for beyond {from}"));
            // Plain texts stay one list; a cell of items opens its own, with its items under it.
            let mut plain = Vec::new();
            for c in asks {
                if c.to_items.is_empty() {
                    plain.push(format!("{}: {}", c.title, c.to_text));
                } else {
                    doc.list(std::mem::take(&mut plain));
                    doc.list([format!("{}:", c.title)]).sublist(c.to_items.iter().map(String::as_str));
                }
            }
            doc.list(plain);
        }
        let reworded: Vec<String> = self
            .competencies
            .iter()
            .filter(|c| c.change == Change::Reworded)
            .map(|c| format!("{}: {}", c.title, c.to_text))
            .collect();
        if !reworded.is_empty() {
            doc.heading(2, format!("Same step at {to}, in new words"));
            doc.list(reworded);
        }
        let dropped: Vec<&str> =
            self.competencies.iter().filter(|c| c.change == Change::Dropped).map(|c| c.title.as_str()).collect();
        if !dropped.is_empty() {
            doc.heading(2, format!("No longer expected at {to}"));
            doc.list(dropped);
        }
        doc
    }
}

/// `rungs ladder compare`.
///
/// # Errors
/// Unknown levels, or ladders whose competencies or steps differ.
pub fn compare(settings: &Settings, args: &CompareArgs) -> Result<()> {
    let mut catalog = settings.catalog()?;
    let from = catalog.find_level(&args.from)?;
    let to = catalog.find_level(&args.to)?;
    let comparison = compare_levels(catalog.level(from), catalog.level(to))?;
    print(&comparison, args.output.format, settings)
}
