//! One bound for writing and reading (issue 20): a save that rungs could not
//! read back is refused before anything is written, and evidence taken from
//! notes is made to fit, so every file rungs writes is one it reads.

use std::path::Path;

use serde_json::json;

use crate::support::Rungs;

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

fn files_of(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".json")).collect()
}

#[test]
fn an_assessment_too_large_to_read_back_is_refused_and_nothing_is_written() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let huge = "evidence ".repeat(10_000_000 / 9);
    let r = |evidence: &str| json!({ "current": "meets", "target": "developing", "evidence": evidence });
    let answers = json!({ "person": "Ada", "current": "TL4", "target": "TL5", "date": "2026-06-01",
        "ratings": { "technology": r(&huge), "system": r(""), "people": { "current": "meets" }, "process": r(""), "influence": r("") } });
    let run = Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([&dir]).stdin(answers.to_string()).fails(2);
    assert!(run.stderr.contains("nothing was written") && run.stderr.contains("ratings.technology"), "{}", run.stderr);
    assert!(run.stderr.contains("16 MiB"), "{}", run.stderr);
    assert_eq!(files_of(&dir.join("ada")), Vec::<String>::new());
}

#[test]
fn evidence_from_many_long_notes_is_made_to_fit_and_every_reader_reads_it() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let text = "x".repeat(63_000);
    for n in 0..32 {
        let mut note = Rungs::new().args(["note", "--person", "Ada", "--date", "2026-05-20", "--dir"]).args([&dir]);
        for id in COMPETENCIES {
            note = note.args(["-c", id]);
        }
        note.args(["-"]).stdin(format!("Note {n} first line\n{text}")).ok();
    }
    let answers = json!({ "person": "Ada", "current": "TL4", "target": "TL5", "date": "2026-06-01",
        "ratings": { "technology": { "current": "meets", "target": "developing" }, "system": { "current": "meets", "target": "developing" },
            "people": { "current": "meets" }, "process": { "current": "meets", "target": "developing" },
            "influence": { "current": "meets", "target": "developing" } } });
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--evidence-from-notes", "--dir"])
        .args([&dir])
        .stdin(answers.to_string())
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let saved = dir.join("ada/2026-06-01-tech-lead-self.json");
    let size = std::fs::metadata(&saved).unwrap().len();
    assert!(size < 16 * 1024 * 1024, "{size}");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("Note 31 first line"), "every note is cited");
    assert!(text.contains("the whole text is in note n"), "notes past the budget are cited by id");
    let later = answers.to_string().replace("2026-06-01", "2026-06-02");
    Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([&dir]).stdin(later).ok();
    for args in [
        vec!["report", "Ada"],
        vec!["list"],
        vec!["history", "Ada"],
        vec!["team"],
        vec!["diff", "Ada"],
        vec!["export", "Ada"],
    ] {
        let run = Rungs::new().args(&args).args(["--dir"]).args([&dir]).run();
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}
