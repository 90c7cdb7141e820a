//! Fuzz targets: one function per untrusted input, taking raw bytes and
//! running them through the same code a command would, in-process.
//!
//! Each target must never panic, never print and never stall, whatever the
//! bytes. It returns whether the input got past the loader, which the
//! driver uses as a cheap signal of an input worth mutating further. The
//! driver itself (mutation, timing, panic capture) lives in `tests/fuzz.rs`;
//! this module owns only what to run, not how to choose inputs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::analysis::Scored;
use crate::analysis::calibrate::calibrate;
use crate::analysis::case::Case;
use crate::analysis::diff::diff;
use crate::assessment::answers::Answers;
use crate::assessment::{Assessment, Glance};
use crate::chart::svg;
use crate::documents::agenda::agenda;
use crate::documents::case::promotion_case;
use crate::documents::radar::radar;
use crate::documents::report::Report;
use crate::ladder::catalog::{Catalog, Titles};
use crate::ladder::{LevelRef, Source, compare, parse};
use crate::render::{Document, Format, Style, View, html, render, render_markdown};

/// One fuzz target.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The name used on the command line and for its output folder.
    pub name: &'static str,
    /// The extension of the files it reads, which picks its seed corpus.
    pub extension: &'static str,
    /// Runs one input; `true` when the loader accepted it.
    pub run: fn(&[u8]) -> bool,
}

/// Every target, in the order the driver runs them.
pub const TARGETS: [Target; 5] = [
    Target { name: "assessment", extension: "json", run: assessment },
    Target { name: "ladder", extension: "toml", run: ladder },
    Target { name: "answers", extension: "json", run: answers },
    Target { name: "ladder-csv", extension: "csv", run: ladder_csv },
    Target { name: "roster", extension: "toml", run: roster },
];

/// The text of an input: invalid UTF-8 is replaced, since the loaders only
/// ever see text and a panic on the replaced text is reproducible with it.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The built-in ladders, parsed once.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

/// The example assessment of `docs/assessment-format.md`, which ships with
/// the crate: the other side of every diff and calibration.
fn example() -> &'static Assessment {
    static EXAMPLE: OnceLock<Assessment> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let doc = include_str!("../docs/assessment-format.md");
        let json = doc.split("```json").nth(1).and_then(|block| block.split("```").next()).unwrap_or_default();
        Assessment::from_json(json, Path::new("docs/assessment-format.md"))
            .unwrap_or_else(|e| unreachable!("the documented example is invalid: {e}"))
    })
}

/// The assessment loader, then the read path of every command on what it
/// accepted: report in every format, chart, export, diff, calibration,
/// history and team rows.
pub fn assessment(data: &[u8]) -> bool {
    let text = text(data);
    let path = Path::new("fuzz.json");
    let _ = Glance::from_json(&text, path).map(|g| g.target_ladder_id().len());
    let Ok(a) = Assessment::from_json(&text, path) else { return false };
    let _ = a.to_json();
    report(&a);
    export(&a);
    let example = example();
    for (first, second) in [(&a, &a), (&a, example), (example, &a)] {
        let _ = crate::render::json(&diff(first, second));
        let calibration = calibrate(first, second);
        let titles = Titles::of(catalog(), &second.ladder.id);
        let _ = render_markdown(&agenda(first, second, &calibration, &titles));
        let _ = crate::render::json(&calibration);
    }
    let _ = crate::render::json(&Scored::new(PathBuf::from("fuzz.json"), &a, catalog()));
    true
}

/// `rungs report` in every format, and as an HTML page.
fn report(a: &Assessment) {
    let view = Report::new(PathBuf::from("fuzz.json"), a, catalog());
    for format in [Format::Table, Format::Markdown, Format::Json] {
        let _ = render(&view, format, Style { color: true, width: 80 });
    }
    let _ = html::page("report", &view.document());
}

/// `rungs chart`, and `rungs export` around it in Markdown and HTML.
fn export(a: &Assessment) {
    let chart = svg(&radar(a, &crate::scoring::score(a), catalog()));
    let doc: Document = promotion_case(a, catalog(), chart, Some("chart.svg".into()), &Case::alone(a));
    let _ = render_markdown(&doc);
    let _ = html::page("case", &doc);
}

/// The ladder parser and validator, then a comparison of each level with
/// the next when the ladder is valid.
pub fn ladder(data: &[u8]) -> bool {
    let text = text(data);
    let ladder = match parse::parse(&text, "fuzz.toml", Source::File(PathBuf::from("fuzz.toml"))) {
        Ok(ladder) => ladder,
        Err(diagnostics) => {
            let _ = crate::Error::InvalidLadder { diagnostics }.to_string();
            return false;
        }
    };
    for index in 1..ladder.levels.len() {
        let from = LevelRef { ladder: &ladder, index: index - 1 };
        let _ = compare::compare(from, LevelRef { ladder: &ladder, index });
    }
    true
}

/// `rungs ladder import`: the spreadsheet read into a checked ladder file;
/// then, for a sheet it accepts of up to 64 KiB (larger ones would only
/// time the TOML parser three times over), that ladder exported and
/// imported again, which must give the same file.
pub fn ladder_csv(data: &[u8]) -> bool {
    let text = text(data);
    let path = Path::new("fuzz.csv");
    let Ok(toml) = crate::ladder::csv::import(&text, path, None) else { return false };
    if text.len() > 64 * 1024 {
        return true;
    }
    let round = parse::parse(&toml, "fuzz.toml", Source::BuiltIn)
        .ok()
        .and_then(|ladder| crate::ladder::csv::write(&ladder, crate::spreadsheet::Target::File).ok())
        .and_then(|csv| crate::ladder::csv::import(&csv, path, None).ok());
    assert_eq!(round.as_deref(), Some(toml.as_str()), "the imported ladder does not round-trip");
    true
}

/// The answers-file parser, and the draft written back from what it read.
pub fn answers(data: &[u8]) -> bool {
    let text = text(data);
    let Ok(parsed) = Answers::parse(&text, Path::new("answers.json")) else { return false };
    let _ = crate::render::json(&parsed.over(Answers::default()));
    true
}

/// A roster file (`people.toml`): parsed, checked against the built-in
/// ladders, walked as a tree and written back, which must read back the same.
pub fn roster(data: &[u8]) -> bool {
    let text = text(data);
    let roster = match crate::roster::parse(&text, "people.toml") {
        Ok(roster) => roster,
        Err(diagnostics) => {
            let _ = crate::Error::InvalidRoster { diagnostics }.to_string();
            return false;
        }
    };
    let _ = crate::roster::check(&roster, catalog());
    let _ = render(&crate::documents::roster::tree(&roster, None), Format::Table, Style { color: false, width: 80 });
    for top in 0..roster.people.len().min(8) {
        let _ = roster.under(top, None);
        let _ = roster.chain(top);
    }
    let again =
        crate::roster::parse(&crate::roster::write(&roster), "people.toml").expect("a written roster reads back");
    assert_eq!(again.people.len(), roster.people.len(), "the written roster does not round-trip");
    true
}
