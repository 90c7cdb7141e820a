//! `rungs assess`: answers files, the pseudo-terminal interview, drafts,
//! Ctrl-C and resume, safe names and never overwriting.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{CTRL_C, ENTER, Pty};
use crate::support::{Rungs, json as parse};

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

/// A complete answers file for TL4 → TL5 (People has the same step at both).
fn full_answers() -> Value {
    json!({
        "ladder": "tech-lead", "person": "Ada Lovelace", "relationship": "self",
        "current": "TL4", "target": "TL5", "date": "2026-11-24",
        "ratings": {
            "technology": { "current": "meets", "target": "developing", "evidence": "Led the move to async IO" },
            "system": { "current": "exceeds", "target": "meets" },
            "people": { "current": "meets" },
            "process": { "current": "meets", "target": "developing" },
            "influence": { "current": "exceeds", "target": "meets", "evidence": "Line one\nLine two" }
        },
        "notes": "free text"
    })
}

fn write(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

/// Writes `answers` to a file in `home`, saves it into `home/D` through
/// `--answers FILE` (plus `extra` flags), and returns that folder.
fn save_file(home: &Path, answers: &Value, extra: &[&str]) -> PathBuf {
    let path = write(home, "answers.json", answers);
    let dir = home.join("D");
    Rungs::new()
        .args(["assess", "--answers"])
        .args([&path])
        .args(["--dir"])
        .args([&dir])
        .args(extra.iter().copied())
        .ok();
    dir
}

/// Every saved assessment under `dir`, sorted.
fn saved(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for person in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(person.path()).into_iter().flatten().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && !name.starts_with('.') {
                found.push(file.path());
            }
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> Value {
    parse(&std::fs::read_to_string(path).unwrap())
}

fn ratings(file: &Value) -> Vec<(String, String, String)> {
    file["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (s("competency"), s("level"), s("rating"))
        })
        .collect()
}

#[test]
fn a_complete_answers_file_saves_without_a_terminal() {
    let rungs = Rungs::new();
    let answers = write(rungs.home(), "answers.json", &full_answers());
    let dir = rungs.home().join("D");
    let run = Rungs::new().args(["assess", "--answers"]).args([&answers]).args(["--dir"]).args([&dir]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    let files = saved(&dir);
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("ada-lovelace/2026-11-24-tech-lead-self.json"), "{files:?}");
    assert!(run.stderr.contains(&files[0].display().to_string()), "saved path on stderr: {}", run.stderr);
    assert!(run.stdout.contains("3 of 5 competencies ready for TL5"), "{}", run.stdout);

    let file = read(&files[0]);
    assert_eq!(file["schema"], 1);
    assert_eq!(file["ladder"], json!({ "id": "tech-lead", "version": "1" }));
    assert_eq!(ratings(&file).len(), 9, "one entry per level asked about: People is asked once");
    assert_eq!(file["ratings"][0]["step"], "Specializes");
    assert_eq!(file["ratings"][0]["evidence"], "Led the move to async IO");
    assert!(file["ratings"][0]["expectation"].as_str().unwrap().starts_with("is the go-to person"));
    assert_eq!(file["notes"], "free text");
}

#[test]
fn the_saved_file_has_a_stable_key_order_and_a_final_newline() {
    let rungs = Rungs::new();
    let dir = save_file(rungs.home(), &full_answers(), &[]);
    let text = std::fs::read_to_string(&saved(&dir)[0]).unwrap();
    assert!(text.ends_with("}\n"));
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("    "))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    let expected = [
        "schema",
        "created_at",
        "date",
        "person",
        "assessor",
        "relationship",
        "ladder",
        "current",
        "target",
        "ratings",
        "notes",
    ];
    assert_eq!(keys, expected);
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let dir = save_file(rungs.home(), &full_answers(), &[]);
    let file = &saved(&dir)[0];
    assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(file.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
}

#[test]
fn answers_come_from_stdin_and_flags_win_over_the_file() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let stdin = serde_json::to_string(&full_answers()).unwrap();
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--person", "Grace Hopper", "--date", "2026-01-02", "--dir"])
        .args([&dir])
        .stdin(stdin)
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let file = read(&saved(&dir)[0]);
    assert_eq!(file["person"], "Grace Hopper");
    assert_eq!(file["date"], "2026-01-02");
    assert!(saved(&dir)[0].ends_with("grace-hopper/2026-01-02-tech-lead-self.json"));
}

#[test]
fn a_missing_rating_without_a_terminal_exits_2_and_names_it() {
    let rungs = Rungs::new();
    let mut answers = full_answers();
    answers["ratings"].as_object_mut().unwrap().remove("people");
    let path = write(rungs.home(), "answers.json", &answers);
    let dir = rungs.home().join("D");
    // stdin stays an open, silent pipe: a prompt would hang until the builder's timeout.
    let mut child = Rungs::new()
        .args(["assess", "--answers"])
        .args([&path])
        .args(["--dir"])
        .args([&dir])
        .command()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _keep_stdin_open = child.stdin.take();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ratings.people.current: People at TL4 · 4 Coordinates"), "{stderr}");
    assert!(!stderr.contains("ratings.technology"), "{stderr}");
    assert!(saved(&dir).is_empty());
}

#[test]
fn a_missing_current_level_names_the_flag() {
    let rungs = Rungs::new();
    let mut answers = full_answers();
    answers.as_object_mut().unwrap().remove("current");
    let path = write(rungs.home(), "answers.json", &answers);
    let run = Rungs::new().args(["assess", "--answers"]).args([&path]).fails(2);
    assert!(run.stderr.contains("--current LEVEL"), "{}", run.stderr);
}

#[test]
fn wrong_values_name_the_key_and_the_allowed_values() {
    let cases: [(&str, Value, &str); 5] = [
        (
            "ratings",
            json!({ "ratings": { "technolgy": { "current": "meets" } } }),
            "ratings.technolgy: unknown competency; the tech-lead ladder has: technology, system, people, process, influence",
        ),
        (
            "ratings",
            json!({ "ratings": { "people": { "current": "great" } } }),
            "ratings.people.current: unknown rating `great`; expected one of: not-yet, developing, meets, exceeds",
        ),
        ("current", json!("TL9"), "current: unknown level `TL9`"),
        ("relationship", json!("boss"), "relationship: unknown value `boss`; expected one of: self, manager, peer"),
        ("date", json!("24/11/2026"), "date: `24/11/2026` is not a date; use YYYY-MM-DD"),
    ];
    for (key, value, expected) in cases {
        let rungs = Rungs::new();
        let mut answers = full_answers();
        if key == "ratings" {
            answers["ratings"].as_object_mut().unwrap().extend(value["ratings"].as_object().unwrap().clone());
        } else {
            answers[key] = value;
        }
        let path = write(rungs.home(), "answers.json", &answers);
        let run = Rungs::new().args(["assess", "--answers"]).args([&path]).fails(2);
        assert!(run.stderr.contains(expected), "{key}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_key_in_the_answers_file_names_file_and_line() {
    let rungs = Rungs::new();
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, "{\n  \"persn\": \"Ada\"\n}\n").unwrap();
    let run = Rungs::new().args(["assess", "--answers"]).args([&path]).fails(2);
    assert!(
        run.stderr.contains(&format!("{}: line 2, column 9: unknown field `persn`", path.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn two_assessments_on_one_date_make_two_files() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    for _ in 0..3 {
        save_file(rungs.home(), &full_answers(), &[]);
    }
    let names: Vec<String> =
        saved(&dir).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        ["2026-11-24-tech-lead-self-2.json", "2026-11-24-tech-lead-self-3.json", "2026-11-24-tech-lead-self.json"]
    );
    let created: Vec<Value> = saved(&dir).iter().map(|p| read(p)["created_at"].clone()).collect();
    assert!(created[0] != created[1] && created[1] != created[2], "three distinct saves: {created:?}");
}

#[test]
fn a_hostile_name_stays_inside_the_assessments_folder() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    for name in ["../../x", "Zoë O'Brien", "李雷", "/etc/passwd", ".."] {
        save_file(rungs.home(), &full_answers(), &["--person", name]);
    }
    let files = saved(&dir);
    assert_eq!(files.len(), 5, "{files:?}");
    for file in &files {
        assert!(file.starts_with(&dir), "{file:?}");
        assert_eq!(file.strip_prefix(&dir).unwrap().components().count(), 2, "{file:?}");
    }
    let people: Vec<String> = files.iter().map(|f| read(f)["person"].as_str().unwrap().to_owned()).collect();
    assert!(people.contains(&"../../x".to_owned()) && people.contains(&"李雷".to_owned()), "{people:?}");
    assert!(!rungs.home().join("x").exists());
}

/// `rungs assess` on a pseudo-terminal, with the person and assessments folder fixed.
fn interview(rungs: &Rungs, dir: &Path, extra: &[&str]) -> Pty {
    let mut command = Rungs::new()
        .args(["assess", "--person", "Ada Lovelace", "--date", "2026-11-24", "--dir"])
        .args([dir])
        .args(extra.iter().copied())
        .command();
    crate::support::isolate(&mut command, rungs.home());
    Pty::spawn(command)
}

#[test]
fn an_interview_on_a_terminal_saves_what_was_typed() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut pty = interview(&rungs, &dir, &[]);
    pty.answer("Your current level", ENTER); // TL4, the first
    pty.answer("Target level", ENTER); // TL5, the next
    pty.expect("Competency 1 of 5: Technology");
    pty.pick("your rating at TL4 · 2 Specializes", 2); // meets
    pty.pick("your rating at TL5 · 3 Evangelizes", 1); // developing
    pty.answer("Evidence", &format!("Ran the async IO migration{ENTER}"));
    pty.expect("Competency 2 of 5: System");
    pty.pick("your rating at TL4 · 3 Owns", 3); // exceeds
    pty.pick("your rating at TL5 · 4 Evolves", 2);
    pty.answer("Evidence", ENTER);
    pty.expect("Competency 3 of 5: People");
    pty.pick("your rating at TL4 · 4 Coordinates", 2);
    pty.answer("Evidence", &format!("Runs our retros{ENTER}"));
    pty.pick("your rating at TL4 · 4 Adjusts", 2);
    pty.pick("your rating at TL5 · 5 Defines", 0); // not-yet
    pty.answer("Evidence", ENTER);
    pty.expect("Competency 5 of 5: Influence");
    pty.pick("your rating at TL4 · 1 Subsystem", 3);
    pty.pick("your rating at TL5 · 2 Team", 2);
    pty.answer("Evidence", ENTER);
    pty.answer("Review your answers", ENTER); // Save
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");

    let files = saved(&dir);
    assert_eq!(files.len(), 1, "{transcript}");
    let file = read(&files[0]);
    let expected = [
        ("technology", "TL4", "meets"),
        ("technology", "TL5", "developing"),
        ("system", "TL4", "exceeds"),
        ("system", "TL5", "meets"),
        ("people", "TL4", "meets"),
        ("process", "TL4", "meets"),
        ("process", "TL5", "not-yet"),
        ("influence", "TL4", "exceeds"),
        ("influence", "TL5", "meets"),
    ]
    .map(|(c, l, r)| (c.to_owned(), l.to_owned(), r.to_owned()));
    assert_eq!(ratings(&file), expected);
    assert_eq!(file["ratings"][0]["evidence"], "Ran the async IO migration");
    assert_eq!(file["ratings"][4]["evidence"], "Runs our retros");
    assert_eq!(file["ratings"][2]["evidence"], "");
    assert!(!dir.join("ada-lovelace/.draft-tech-lead-self.json").exists(), "a finished save removes the draft");
}

#[test]
fn ctrl_c_keeps_the_draft_and_resume_asks_only_the_rest() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let draft = dir.join("ada-lovelace/.draft-tech-lead-self.json");
    let mut pty = interview(&rungs, &dir, &["--current", "TL4", "--target", "TL5"]);
    pty.pick("your rating at TL4 · 2 Specializes", 2);
    pty.pick("your rating at TL5 · 3 Evangelizes", 1);
    pty.answer("Evidence", &format!("Ran the async IO migration{ENTER}"));
    pty.pick("your rating at TL4 · 3 Owns", 3);
    pty.pick("your rating at TL5 · 4 Evolves", 2);
    pty.answer("Evidence", ENTER);
    pty.answer("your rating at TL4 · 4 Coordinates", CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    let hidden = transcript.rfind("\x1b[?25l").expect("the select prompt hides the cursor");
    let shown = transcript.rfind("\x1b[?25h").expect("the cursor is shown again");
    assert!(shown > hidden, "cursor left hidden:\n{transcript:?}");
    assert!(transcript.contains("continue with: rungs assess --resume --person 'Ada Lovelace'"), "{transcript}");

    let kept = read(&draft);
    let rated: Vec<&String> = kept["ratings"].as_object().unwrap().keys().collect();
    assert_eq!(rated, ["system", "technology"], "{kept:#}");
    assert_eq!(kept["ratings"]["technology"]["evidence"], "Ran the async IO migration");
    assert!(saved(&dir).is_empty());

    let mut pty = interview(&rungs, &dir, &["--resume"]);
    pty.expect("Competency 3 of 5: People");
    pty.pick("your rating at TL4 · 4 Coordinates", 2);
    pty.answer("Evidence", ENTER);
    pty.pick("your rating at TL4 · 4 Adjusts", 2);
    pty.pick("your rating at TL5 · 5 Defines", 1);
    pty.answer("Evidence", ENTER);
    pty.pick("your rating at TL4 · 1 Subsystem", 2);
    pty.pick("your rating at TL5 · 2 Team", 2);
    pty.answer("Evidence", ENTER);
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert!(!transcript.contains("Competency 1 of 5") && !transcript.contains("Competency 2 of 5"), "{transcript}");

    let file = read(&saved(&dir)[0]);
    let competencies: Vec<String> = ratings(&file).into_iter().map(|(c, _, _)| c).collect();
    for id in COMPETENCIES {
        assert!(competencies.contains(&id.to_owned()), "{id} missing: {competencies:?}");
    }
    assert_eq!(ratings(&file).len(), 9);
    assert_eq!(file["ratings"][0]["evidence"], "Ran the async IO migration");
    assert!(!draft.exists());
}

#[test]
fn an_existing_draft_is_never_overwritten_by_a_new_interview() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let draft = dir.join("ada-lovelace/.draft-tech-lead-self.json");
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    std::fs::write(&draft, r#"{"current": "TL4"}"#).unwrap();
    let pty = interview(&rungs, &dir, &[]);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 2, "{transcript}");
    assert!(transcript.contains("continue it with: rungs assess --resume"), "{transcript}");
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), r#"{"current": "TL4"}"#);
}

#[test]
fn without_a_known_name_the_interview_asks_for_it() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut command =
        Rungs::new().args(["assess", "--current", "TL4", "--date", "2026-11-24", "--dir"]).args([&dir]).command();
    crate::support::isolate(&mut command, rungs.home());
    command.env_remove("USER").env_remove("USERNAME");
    let mut pty = Pty::spawn(command);
    pty.answer("Who is assessed?", &format!("Zoë O'Brien{ENTER}"));
    pty.answer("your rating at TL4 · 2 Specializes", CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    assert!(transcript.contains("continue with: rungs assess --resume --person 'Zoë O'\\''Brien'"), "{transcript}");
}

#[test]
fn ctrl_c_before_any_answer_saves_nothing_and_says_so() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut pty = interview(&rungs, &dir, &[]);
    pty.answer("Your current level", CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    assert!(transcript.contains("interrupted before any answer was given; nothing was saved"), "{transcript}");
    assert!(!dir.join("ada-lovelace").exists() || saved(&dir).is_empty());
}

#[test]
fn resume_without_a_draft_says_where_it_looked() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let run = Rungs::new().args(["assess", "--resume", "--person", "Ada", "--dir"]).args([&dir]).fails(2);
    assert!(run.stderr.contains("there is no draft to resume at"), "{}", run.stderr);
    assert!(run.stderr.contains(".draft-tech-lead-self.json"), "{}", run.stderr);
}

#[test]
fn an_earlier_assessment_gives_marked_defaults() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut earlier = full_answers();
    earlier["date"] = json!("2026-05-01");
    save_file(rungs.home(), &earlier, &[]);

    let mut pty = interview(&rungs, &dir, &["--current", "TL4", "--target", "TL5"]);
    pty.expect("Competency 1 of 5: Technology");
    // The earlier rating is marked, and preselected: Enter keeps it.
    pty.answer("meets       does it consistently, on their own  (earlier answer)", ENTER);
    pty.answer("Technology: your rating at TL5", ENTER);
    pty.answer("Evidence (optional, earlier answer shown", ENTER);
    for competency in ["System", "People", "Process", "Influence"] {
        pty.answer(&format!("{competency}: your rating at TL4"), ENTER);
        if competency != "People" {
            pty.answer(&format!("{competency}: your rating at TL5"), ENTER);
        }
        pty.answer("Evidence", ENTER);
    }
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let newest = saved(&dir).into_iter().find(|p| p.to_string_lossy().contains("2026-11-24")).unwrap();
    let before = read(&saved(&dir).into_iter().find(|p| p.to_string_lossy().contains("2026-05-01")).unwrap());
    let after = read(&newest);
    assert_eq!(ratings(&after), ratings(&before), "Enter kept every earlier rating");
    assert_eq!(after["ratings"][0]["evidence"], "Led the move to async IO");
    assert_eq!(after["ratings"][7]["evidence"], "Line one\nLine two", "multi-line evidence is kept whole");
}

#[cfg(unix)]
#[test]
fn evidence_can_be_written_in_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let editor = rungs.home().join("fake-editor");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'First paragraph.\\n\\nSecond, after a blank line.\\n' > \"$1\"\n")
        .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut answers = full_answers();
    answers["ratings"]["influence"] = json!({ "current": "meets" });
    let path = write(rungs.home(), "answers.json", &answers);
    let mut command = Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).command();
    crate::support::isolate(&mut command, rungs.home());
    command.env("EDITOR", &editor);
    let mut pty = Pty::spawn(command);
    pty.pick("Influence: your rating at TL5 · 2 Team", 2);
    pty.answer("Evidence", &format!(":e{ENTER}"));
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let file = read(&saved(&dir)[0]);
    assert_eq!(file["ratings"][8]["evidence"], "First paragraph.\n\nSecond, after a blank line.");
    assert_eq!(file["ratings"][0]["evidence"], "Led the move to async IO", "answers from the file are kept");
}

#[test]
fn without_a_terminal_every_missing_answer_is_named_at_once() {
    let run = Rungs::new().env("USER", "").args(["assess", "--answers", "-"]).stdin("{}").fails(2);
    assert!(run.stderr.contains("the person: --person NAME"), "{}", run.stderr);
    assert!(run.stderr.contains("the current level: --current LEVEL"), "{}", run.stderr);
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--current", "TL4"])
        .stdin(r#"{"ratings": {"people": {"current": "meets"}}}"#)
        .fails(2);
    assert_eq!(run.stderr.matches("  - ratings.").count(), 8, "{}", run.stderr);
    assert!(!run.stderr.contains("ratings.people"), "{}", run.stderr);
}
