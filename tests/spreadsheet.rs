//! CSV safe to open in a spreadsheet: in both CSV outputs a cell that a
//! spreadsheet would run as a formula is guarded with a leading `'`,
//! `ladder import` takes exactly that guard off, JSON stays raw, and CSV on
//! a terminal shows hidden characters as escapes.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Rungs, assess, binary, isolate, json as parse};

/// The first characters a spreadsheet acts on.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Every cell of `csv` that would start a formula, with its row and column.
fn unguarded(csv: &str) -> Vec<(usize, usize, String)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    let mut found = Vec::new();
    for (row, record) in reader.records().enumerate() {
        for (column, cell) in record.unwrap().iter().enumerate() {
            if cell.starts_with(FORMULA_STARTS) {
                found.push((row + 1, column + 1, cell.to_owned()));
            }
        }
    }
    found
}

/// A ladder whose texts start with every formula character, a typed quote
/// before a formula, and a typed quote before text.
const HOSTILE_LADDER: &str = r#"id = "evil"
title = "=HYPERLINK(\"http://x\",\"Evil\")"
summary = "-2+3"
version = "+1"

[[competencies]]
id = "c1"
title = "@SUM(A1)"
description = "\tTabbed"
steps = [{ name = "Low", description = "'=a typed quote before a formula" }, { name = "High", description = "'a typed quote" }]

[[competencies]]
id = "c2"
title = "\rReturn"
steps = [{ name = "Low" }, { name = "High" }]

[[competencies]]
id = "c3"
title = "Plain"
steps = [{ name = "Low" }, { name = "High" }]

[[levels]]
id = "L1"
title = "''"
[levels.expectations]
c1 = { step = "Low", text = "=1+1" }
c2 = { step = "Low", text = "-x" }
c3 = { step = "Low", text = "x" }

[[levels]]
id = "L2"
title = "Two"
[levels.expectations]
c1 = { step = "High", items = ["-first", "+second"] }
c2 = { step = "High", text = "@y" }
c3 = { step = "High", text = "y" }
"#;

/// `ladder show --format json` of a ladder file, without where it came from.
fn shown(rungs: &Rungs, file: &str) -> Value {
    let run = Rungs::new().args(["ladder", "show", &rungs.home().join(file).display().to_string(), "--format", "json"]);
    let mut shown = parse(&run.ok());
    shown.as_object_mut().unwrap().remove("source");
    shown
}

#[test]
fn the_ladder_csv_guards_every_formula_cell_and_import_takes_the_guard_off_exactly() {
    let rungs = Rungs::new().args(["ladder", "export", "./evil.toml", "-o", "evil.csv"]);
    std::fs::write(rungs.home().join("evil.toml"), HOSTILE_LADDER).unwrap();
    rungs.ok();
    let csv = std::fs::read_to_string(rungs.home().join("evil.csv")).unwrap();
    assert_eq!(unguarded(&csv), [], "{csv}");
    for cell in ["\"'=HYPERLINK(", ",'-2+3,", ",'+1\n", ",'@SUM(A1),", "''=a typed quote", "''a typed quote", ",''',"] {
        assert!(csv.contains(cell), "{cell:?} in:\n{csv}");
    }
    let import = Rungs::new().args(["ladder", "import", "evil.csv", "-o", "back.toml"]);
    std::fs::copy(rungs.home().join("evil.csv"), import.home().join("evil.csv")).unwrap();
    import.ok();
    assert_eq!(shown(&import, "back.toml"), shown(&rungs, "evil.toml"), "export → import changed the ladder");
    let back = import.home().join("back.toml").display().to_string();
    let again = Rungs::new().args(["ladder", "export", &back, "--format", "csv"]).ok();
    assert_eq!(again, csv, "export → import → export changed the bytes");
}

/// A manager's TL4 → TL5 assessment of `person` by `assessor`.
fn answers(person: &str, assessor: &str) -> Value {
    let r = json!({ "current": "meets", "target": "developing" });
    json!({
        "person": person, "assessor": assessor, "relationship": "manager", "current": "TL4", "target": "TL5",
        "date": "2026-05-01",
        "ratings": { "technology": r, "system": r, "people": { "current": "meets" }, "process": r, "influence": r }
    })
}

fn ratings(dir: &Path, format: &str) -> String {
    Rungs::new().args(["list", "--ratings", "--format", format, "--dir"]).args([dir]).ok()
}

#[test]
fn list_ratings_csv_guards_every_formula_cell_and_json_stays_raw() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    assess(&dir, &answers("@SUM(1+1)", "=HYPERLINK(\"http://x\",\"Mo\")"));
    assess(&dir, &answers("-Dash", "'=Quote"));
    let csv = ratings(&dir, "csv");
    assert_eq!(unguarded(&csv), [], "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let people: Vec<(String, String)> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[1].to_owned(), r[2].to_owned())).collect();
    assert!(people.contains(&("'@SUM(1+1)".into(), "'=HYPERLINK(\"http://x\",\"Mo\")".into())), "{csv}");
    assert!(people.contains(&("'-Dash".into(), "''=Quote".into())), "{csv}");
    let json = parse(&ratings(&dir, "json"));
    let rows = json.as_array().unwrap();
    assert!(rows.iter().any(|r| r["person"] == "@SUM(1+1)" && r["assessor"] == "=HYPERLINK(\"http://x\",\"Mo\")"));
    assert!(ratings(&dir, "ndjson").lines().map(parse).any(|r| r["person"] == "-Dash" && r["assessor"] == "'=Quote"));
}

#[test]
fn list_ratings_csv_on_a_terminal_shows_hidden_characters_as_escapes() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    assess(&dir, &answers("Eve\u{1b}]0;pwned\u{7}\u{85}\u{202e}", "Mo"));
    let mut command = std::process::Command::new(binary());
    isolate(&mut command, rungs.home());
    command.args(["list", "--ratings", "--format", "csv", "--dir"]).arg(&dir);
    let mut pty = crate::pty::Pty::spawn(command);
    pty.expect("date,person,");
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let raw: Vec<char> =
        transcript.chars().filter(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202e}')).collect();
    assert!(raw.is_empty(), "raw {raw:?} on the terminal:\n{transcript}");
    assert!(transcript.contains("Eve\\u{1b}]0;pwned\\u{7}\\u{85}\\u{202e}"), "{transcript}");
}
