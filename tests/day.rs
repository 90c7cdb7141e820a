//! A day with rungs: typed and kept evidence is never dropped, the person's
//! journal stays theirs, and the interview says whom it assesses.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Rungs, assess, json as parse};

/// Evidence of two lines, saved in an earlier assessment.
const KEPT: &str = "On-call owner for the billing service since June\nRan the incident reviews of the quarter";

/// `rungs ARGS --dir DIR` with today fixed; fails the test unless it succeeds.
fn ok(dir: &Path, args: &[&str]) -> String {
    let run =
        Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).env("RUNGS_TODAY", "2026-11-24").run();
    assert_eq!(run.code, 0, "rungs {args:?}: {run:#?}");
    run.stdout
}

/// Ada's self-assessment from TL4 to TL5 on `date`, System's evidence `system`.
fn answers(date: &str, system: Option<&str>) -> Value {
    let r = json!({ "current": "meets", "target": "developing", "evidence": "" });
    let mut system_entry = json!({ "current": "meets", "target": "developing" });
    if let Some(text) = system {
        system_entry["evidence"] = json!(text);
    }
    json!({ "person": "Ada Lovelace", "current": "TL4", "target": "TL5", "date": date,
        "ratings": { "technology": r, "system": system_entry, "people": { "current": "meets", "evidence": "" },
            "process": r, "influence": r } })
}

/// The only assessment file saved on `date` in Ada's folder.
fn saved_on(dir: &Path, date: &str) -> PathBuf {
    std::fs::read_dir(dir.join("ada-lovelace"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(date))
        .unwrap_or_else(|| panic!("no assessment of {date}"))
}

fn evidence_of(path: &Path, competency: &str) -> Value {
    let saved = parse(&std::fs::read_to_string(path).unwrap());
    saved["ratings"].as_array().unwrap().iter().find(|r| r["competency"] == competency).unwrap().clone()
}

/// An interview of Ada on 2026-11-24 that asks System's target rating and
/// evidence, after an earlier assessment with [`KEPT`] and a note on System.
fn second_interview(rungs: &Rungs) -> (Pty, PathBuf) {
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-06-01", Some(KEPT)));
    ok(
        &dir,
        &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-01", "Wrote the failover runbook"],
    );
    let mut now = answers("2026-11-24", None);
    now["ratings"]["system"] = json!({ "current": "meets" });
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, now.to_string()).unwrap();
    let mut command = Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).command();
    crate::support::isolate(&mut command, rungs.home());
    (Pty::spawn_sized(command, 100, 80), dir)
}

#[test]
fn taking_notes_after_a_prefilled_answer_adds_them_and_keeps_every_line() {
    let rungs = Rungs::new();
    let (mut pty, dir) = second_interview(&rungs);
    pty.expect("Assessing Ada Lovelace · self view · Tech Lead");
    pty.expect("Notes since the last assessment (1):");
    pty.expect("2026-08-01  Wrote the failover runbook");
    pty.answer("System: your rating at TL5", ENTER);
    // The earlier answer is shown whole, though the prompt holds its first line.
    pty.expect("Ran the incident reviews of the quarter");
    pty.answer(":n to take the note", &format!(" :n{ENTER}"));
    pty.answer("Evidence from notes", ENTER);
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let system = evidence_of(&saved_on(&dir, "2026-11-24"), "system");
    assert_eq!(system["evidence"], format!("{KEPT}\n2026-08-01: Wrote the failover runbook"), "{transcript}");
    assert_eq!(system["from_notes"].as_array().unwrap().len(), 1);
}

#[test]
fn kept_evidence_of_several_lines_is_kept_whole_by_enter() {
    let rungs = Rungs::new();
    let (mut pty, dir) = second_interview(&rungs);
    pty.answer("System: your rating at TL5", ENTER);
    pty.expect("Kept, 2 lines");
    pty.answer("2 lines kept", ENTER);
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert_eq!(evidence_of(&saved_on(&dir, "2026-11-24"), "system")["evidence"], KEPT);
}

#[test]
fn a_peers_save_prints_nothing_of_the_persons_notes_or_goals() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-06-01", Some("")));
    ok(
        &dir,
        &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-01", "Wrote the failover runbook"],
    );
    ok(&dir, &["goal", "add", "--person", "Ada Lovelace", "-c", "process", "Define the release process"]);
    let mut own = answers("2026-11-20", Some(""));
    let shown = ok(&dir, &["assess", "--answers", &write(&rungs, "own.json", &own)]);
    assert!(shown.contains("Define the release process"), "the person's own save lists their goals:\n{shown}");
    for (relationship, assessor) in [("peer", "Bo Peer"), ("manager", "Kim Park")] {
        own["relationship"] = json!(relationship);
        own["assessor"] = json!(assessor);
        let shown = ok(&dir, &["assess", "--answers", &write(&rungs, "other.json", &own)]);
        for private in ["Define the release process", "2026-08-01", "failover", "Goal", "Note"] {
            assert!(!shown.contains(private), "{relationship}'s save shows {private:?}:\n{shown}");
        }
    }
}

/// Writes `value` to a file in the test's home; returns its path.
fn write(rungs: &Rungs, name: &str, value: &Value) -> String {
    let path = rungs.home().join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}
