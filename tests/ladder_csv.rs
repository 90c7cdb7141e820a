//! `rungs ladder export --format csv` and `rungs ladder import`: the
//! spreadsheet round trip end to end, and spreadsheets that must be refused
//! with their row and column named.

use crate::support::{Rungs, fixture, json};

/// The tech-lead ladder as CSV, as `ladder export` writes it.
fn tech_lead_csv() -> String {
    Rungs::new().args(["ladder", "export", "tech-lead", "--format", "csv"]).ok()
}

/// `ladder show --format json` without the fields an import may change.
fn shown(ladder: &str) -> serde_json::Value {
    let mut shown = json(&Rungs::new().args(["ladder", "show", ladder, "--format", "json"]).ok());
    let object = shown.as_object_mut().unwrap();
    object.remove("id");
    object.remove("source");
    shown
}

/// Imports `csv` as `team.csv` and expects it refused; returns stderr.
fn refused(csv: &str) -> String {
    let rungs = Rungs::new().args(["ladder", "import", "team.csv", "-o", "team.toml"]);
    std::fs::write(rungs.home().join("team.csv"), csv).unwrap();
    let run = rungs.fails(2);
    assert!(!rungs.home().join("team.toml").exists(), "a refused import must write nothing");
    run.stderr
}

/// The spreadsheet row (header = 1) of the first line starting with `start`;
/// tech-lead's texts hold no line breaks, so lines are rows.
fn row_of(csv: &str, start: &str) -> usize {
    csv.lines().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line starts with {start:?}")) + 1
}

#[test]
fn csv_export_import_check_and_show_give_back_the_same_ladder() {
    let ladders = [
        "tech-lead".to_owned(),
        "developer".to_owned(),
        fixture("ladders/real/points-style.toml").display().to_string(),
        fixture("ladders/real/lists-style.toml").display().to_string(),
    ];
    for ladder in ladders {
        let rungs = Rungs::new().args(["ladder", "export", &ladder, "-o", "out.csv"]);
        rungs.ok();
        let csv = std::fs::read_to_string(rungs.home().join("out.csv")).unwrap();
        assert!(csv.starts_with("kind,level,competency,step,title,"), "{ladder}: not CSV by extension:\n{csv}");
        let rungs = Rungs::new().args(["ladder", "import", "out.csv", "--id", "ours", "-o", "ours.toml"]);
        std::fs::write(rungs.home().join("out.csv"), &csv).unwrap();
        let run = rungs.run();
        assert_eq!(run.code, 0, "{ladder}: {run:#?}");
        let toml = rungs.home().join("ours.toml");
        let check = Rungs::new().args(["ladder", "check", toml.to_str().unwrap()]).ok();
        assert!(check.contains("ok"), "{check}");
        let imported = toml.display().to_string();
        assert_eq!(shown(&imported), shown(&ladder), "{ladder}");
        let again = Rungs::new().args(["ladder", "export", &imported, "--format", "csv"]).ok();
        assert_eq!(again, csv.replacen(&ladder_id_cell(&csv), ",ours,", 1), "{ladder}: CSV → TOML → CSV changed");
    }
}

/// The `,ID,` of the ladder row's `ladder` column.
fn ladder_id_cell(csv: &str) -> String {
    let record = csv::ReaderBuilder::new().from_reader(csv.as_bytes()).records().next().unwrap().unwrap();
    format!(",{},", &record[13])
}

#[test]
fn csv_import_reads_stdin_and_takes_its_id_from_the_sheet() {
    let toml = Rungs::new().args(["ladder", "import", "-"]).stdin(tech_lead_csv()).ok();
    assert!(toml.contains("\nid = \"tech-lead\"\n"), "{toml}");
    assert!(toml.contains("technology = { step = \"Specializes\", text = "), "{toml}");
}

#[test]
fn csv_import_takes_a_spreadsheet_saved_by_excel() {
    let excel = format!("\u{feff}{}", tech_lead_csv().replace('\n', "\r\n"));
    let toml = Rungs::new().args(["ladder", "import", "-"]).stdin(excel.clone()).ok();
    assert_eq!(toml, Rungs::new().args(["ladder", "import", "-"]).stdin(tech_lead_csv()).ok());
    // With no id in the sheet, the file's name gives one.
    let no_id = excel.replacen(&ladder_id_cell(&tech_lead_csv()), ",,", 1);
    let rungs = Rungs::new().args(["ladder", "import", "Tech Lead (Excel).csv"]);
    std::fs::write(rungs.home().join("Tech Lead (Excel).csv"), no_id).unwrap();
    let toml = rungs.ok();
    assert!(toml.contains("\nid = \"tech-lead-excel\"\n"), "{toml}");
}

#[test]
fn csv_import_names_the_row_and_column_of_a_bad_yes_no_value() {
    let csv = tech_lead_csv();
    let row = row_of(&csv, "level,TL5,");
    let bad = csv.replacen("level,TL5,,,Tech Lead 5,,,,,yes,", "level,TL5,,,Tech Lead 5,,,,,maybe,", 1);
    assert_ne!(bad, csv);
    assert_eq!(
        refused(&bad),
        format!("error: team.csv: row {row}, column \"senior\": expected yes/no or true/false, found \"maybe\"\n")
    );
}

#[test]
fn csv_import_names_an_unknown_competency_with_a_suggestion() {
    let csv = tech_lead_csv();
    let row = row_of(&csv, "cell,TL6,technology,");
    let bad = csv.replacen("cell,TL6,technology,", "cell,TL6,technolgy,", 1);
    let stderr = refused(&bad);
    assert!(
        stderr.starts_with(&format!(
            "error: team.csv: row {row}, column \"competency\": no competency row has the id `technolgy` (did you mean \"technology\"?)\n"
        )),
        "{stderr}"
    );
    // And the level now lacks that cell, said at its own row.
    let level_row = row_of(&csv, "level,TL6,");
    assert!(
        stderr.contains(&format!(
            "team.csv: row {level_row}, column \"level\": level `TL6` has no cell for competency `technology`; add a cell row for it"
        )),
        "{stderr}"
    );
}

#[test]
fn csv_import_refuses_a_duplicate_cell_and_names_both_rows() {
    let csv = tech_lead_csv();
    let line = csv.lines().find(|l| l.starts_with("cell,TL5,people,")).unwrap();
    let first = row_of(&csv, line);
    let bad = format!("{csv}{line}\n");
    let last = bad.lines().count();
    assert_eq!(
        refused(&bad),
        format!(
            "error: team.csv: row {last}, column \"competency\": a second cell for level `TL5` and competency `people`; the first is row {first}\n"
        )
    );
}

#[test]
fn csv_import_refuses_a_missing_cell_at_its_level_row() {
    let csv = tech_lead_csv();
    let line = csv.lines().find(|l| l.starts_with("cell,TL7,influence,")).unwrap();
    let bad = csv.replacen(&format!("{line}\n"), "", 1);
    let row = row_of(&csv, "level,TL7,");
    assert_eq!(
        refused(&bad),
        format!(
            "error: team.csv: row {row}, column \"level\": level `TL7` has no cell for competency `influence`; add a cell row for it\n"
        )
    );
}

#[test]
fn csv_import_tells_the_ladders_own_findings_by_row_and_column() {
    let csv = tech_lead_csv();
    let row = row_of(&csv, "cell,TL5,system,");
    let bad = csv.replacen("cell,TL5,system,Evolves,", "cell,TL5,system,Evolve,", 1);
    let stderr = refused(&bad);
    assert_eq!(
        stderr,
        format!(
            "error: team.csv: row {row}, column \"step\": competency `system` has no step `Evolve`; its steps are: Enhances, Designs, Owns, Evolves, Leads\n"
        )
    );
    let row = row_of(&csv, "competency,,people,");
    let stderr = refused(&csv.replace(",people,", ",People,"));
    assert!(
        stderr
            .starts_with(&format!("error: team.csv: row {row}, column \"competency\": competency id `People` must be")),
        "{stderr}"
    );
}

// Issue 21 adds the columns and kinds of tracks, promotion rules, inherited
// cells and described groups to the lists these messages give.
#[test]
fn csv_import_refuses_unknown_and_missing_columns() {
    let csv = tech_lead_csv();
    let stderr = refused(&csv.replacen("kind,level,", "kind,levels,", 1));
    assert_eq!(
        stderr,
        "error: team.csv: row 1, column \"levels\": unknown column (did you mean \"level\"?); the columns are: kind, level, competency, step, title, description, text, items, none, senior, min_points, points, group, ladder, version, inherit, required, at_least, track\n\
         team.csv: row 1: no column \"level\"; the header must name it\n"
    );
}

#[test]
fn csv_import_refuses_values_in_columns_a_row_does_not_use_and_unknown_kinds() {
    let csv = tech_lead_csv();
    let row = row_of(&csv, "competency,,system,");
    let bad = csv.replacen("competency,,system,", "competency,,system,Owns", 1).replacen("cell,TL5,", "cel,TL5,", 1);
    let stderr = refused(&bad);
    assert!(
        stderr.starts_with(&format!(
            "error: team.csv: row {row}, column \"step\": a competency row does not use this column (it uses: competency, title, description, group); empty it\n"
        )),
        "{stderr}"
    );
    let cell = row_of(&csv, "cell,TL5,");
    assert!(
        stderr.contains(&format!(
            "team.csv: row {cell}, column \"kind\": expected one of ladder, competency, step, level, cell, group, track, found \"cel\"\n"
        )),
        "{stderr}"
    );
}

#[test]
fn csv_import_keeps_quotes_line_breaks_and_control_characters_exactly() {
    let nasty = "He said \"\"\"no\"\"\" \\ then 'yes'\nsecond line\r\nthird\ttab \u{1}\u{7f} é";
    let csv = tech_lead_csv();
    let line = csv.lines().find(|l| l.starts_with("cell,TL5,technology,")).unwrap();
    let cell = format!("cell,TL5,technology,Evangelizes,,,\"{}\",,,,,,,,", nasty.replace('"', "\"\""));
    let hostile = csv.replacen(line, &cell, 1);
    let rungs = Rungs::new().args(["ladder", "import", "team.csv", "-o", "team.toml"]);
    std::fs::write(rungs.home().join("team.csv"), &hostile).unwrap();
    rungs.ok();
    let path = rungs.home().join("team.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    assert_eq!(toml.lines().filter(|l| l.starts_with("technology = ")).count(), 4, "one line per cell:\n{toml}");
    let shown = json(&Rungs::new().args(["ladder", "show", path.to_str().unwrap(), "--format", "json"]).ok());
    let text = shown["levels"][1]["expectations"]["technology"]["text"].as_str();
    assert_eq!(text, Some(nasty), "{shown:#}");
}

#[test]
fn csv_import_refuses_stdin_over_the_size_limit() {
    let huge = "x".repeat(16 * 1024 * 1024 + 1);
    let run = Rungs::new().args(["ladder", "import", "-"]).stdin(huge).fails(1);
    assert!(run.stderr.starts_with("error: stdin: 16777217 bytes, over the limit of 16777216 bytes"), "{run:#?}");
}

#[test]
fn csv_import_without_a_header_or_rows_says_what_is_missing() {
    let stderr = refused("");
    assert_eq!(stderr, "error: team.csv: the file is empty; it needs a header row naming the columns\n");
    let header = tech_lead_csv().lines().next().unwrap().to_owned();
    let stderr = refused(&format!("{header}\n"));
    assert!(stderr.contains("team.csv: no ladder row: add a row whose kind is `ladder`"), "{stderr}");
}

#[test]
fn csv_import_of_a_hand_made_sheet_matches_its_golden_ladder_file() {
    // Reordered, capitalised headers; optional columns left out; CRLF line
    // ends; an empty row; items over three lines, one blank; no ladder id.
    let csv = fixture("csv/hand-made.csv");
    let toml = Rungs::new().args(["ladder", "import", csv.to_str().unwrap()]).ok();
    assert_eq!(toml, std::fs::read_to_string(fixture("csv/hand-made.toml")).unwrap());
}

#[test]
fn csv_import_names_a_row_and_column_in_every_message_about_a_value() {
    let csv = tech_lead_csv();
    let mistakes = [
        ("level,TL6,,,Tech Lead 6,,,,,yes,", "level,TL6,,,Tech Lead 6,,,,,si,"),
        ("level,TL6,,,Tech Lead 6,,,,,yes,,", "level,TL6,,,Tech Lead 6,,,,,yes,many,"),
        ("step,,system,Owns,", "step,,sytem,Owns,"),
        ("step,,people,Mentors,", "step,,people,Learns,"),
        ("level,TL7,", "level,TL4,"),
        ("cell,TL4,process,", "cell,TL9,process,"),
        ("cell,TL4,people,Coordinates,,,", "cell,TL4,people,Coordinates,,,x,y,yes,"),
        ("ladder,,,,Tech Lead,", "ladder,,,,Tech Lead,,,,,,,,,,,extra"),
        ("competency,,process,,Process,", "competency,,process,,Process,,x,"),
        ("level,TL5,,,Tech Lead 5,,", "level,TL5,,,Tech Lead 5,,surplus"),
    ];
    for (from, to) in mistakes {
        let bad = csv.replacen(from, to, 1);
        assert_ne!(bad, csv, "{from}");
        let stderr = refused(&bad);
        for line in stderr.lines() {
            let rest = line.strip_prefix("error: ").unwrap_or(line);
            let rest = rest.strip_prefix("team.csv: row ").unwrap_or_else(|| panic!("{from}: {line}"));
            let (row, rest) = rest.split_once(", column ").unwrap_or_else(|| panic!("{from}: {line}"));
            assert!(row.parse::<usize>().is_ok_and(|r| r > 1), "{from}: {line}");
            let named = rest.starts_with('"') && rest.contains("\": ");
            assert!(named || rest.starts_with("16 (no header): "), "{from}: {line}");
        }
    }
}

#[test]
fn csv_import_names_the_flag_of_an_id_it_cannot_use() {
    let run = Rungs::new().args(["ladder", "import", "-", "--id", "Our Ladder"]).stdin(tech_lead_csv()).fails(2);
    assert!(run.stderr.starts_with("error: stdin: --id: ladder id `Our Ladder` must be lowercase letters"), "{run:#?}");
}

#[test]
fn csv_export_escapes_hidden_characters_on_a_terminal_but_keeps_them_in_a_file() {
    let home = tempfile::tempdir().unwrap();
    let ladder = std::fs::read_to_string(fixture("ladders/custom/three.toml")).unwrap().replacen(
        "title = \"Data Engineer\"",
        "title = \"Data \\u001b[2J\\u202eEngineer\"",
        1,
    );
    let path = home.path().join("hidden.toml");
    std::fs::write(&path, ladder).unwrap();
    let mut command = std::process::Command::new(crate::support::binary());
    crate::support::isolate(&mut command, home.path());
    command.args(["ladder", "export", path.to_str().unwrap(), "--format", "csv"]);
    let (code, shown) = crate::pty::Pty::spawn(command).finish();
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Data \\u{1b}[2J\\u{202e}Engineer"), "{shown:?}");
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    let file = Rungs::new().args(["ladder", "export", path.to_str().unwrap(), "--format", "csv"]).ok();
    assert!(file.contains("Data \u{1b}[2J\u{202e}Engineer"), "{file:?}");
    // The ladder file made from it writes them as escapes, and reads back the same.
    let toml = Rungs::new().args(["ladder", "import", "-"]).stdin(file).ok();
    assert!(toml.contains("title = \"Data \\u001B[2J\\u202eEngineer\""), "{toml}");
}

#[test]
fn csv_import_says_how_to_save_a_sheet_that_is_not_utf8() {
    // As Excel's plain "CSV" saves it in Windows-1252: the em dash is one byte, 0x97.
    let csv = tech_lead_csv();
    let dash = csv.find('—').unwrap();
    let bytes = [&csv.as_bytes()[..dash], &[0x97], &csv.as_bytes()[dash + '—'.len_utf8()..]].concat();
    let rungs = Rungs::new().args(["ladder", "import", "team.csv"]);
    std::fs::write(rungs.home().join("team.csv"), bytes).unwrap();
    let run = rungs.fails(1);
    assert_eq!(
        run.stderr,
        "error: team.csv: not UTF-8 text; save the sheet as \"CSV UTF-8\" (Excel) or \"Text CSV\" with the UTF-8 character set (LibreOffice)\n"
    );
}
