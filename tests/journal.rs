//! The journal: notes of evidence and goals between assessments, what the
//! interview and the report make of them, and sharing them through git.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Run, Rungs, assess, git, json as parse};

/// `rungs ARGS --dir DIR` as Ada, with today fixed.
fn rungs(dir: &Path, args: &[&str]) -> Run {
    Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).env("RUNGS_TODAY", "2026-11-24").run()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let run = rungs(dir, args);
    assert_eq!(run.code, 0, "rungs {args:?}: {run:#?}");
    run.stdout
}

fn answers(person: &str, date: &str, evidence: &str) -> Value {
    let r = |target: bool| {
        if target {
            json!({ "current": "meets", "target": "developing", "evidence": evidence })
        } else {
            json!({ "current": "meets", "evidence": evidence })
        }
    };
    json!({ "person": person, "current": "TL4", "target": "TL5", "date": date,
        "ratings": { "technology": r(true), "system": r(true), "people": r(false), "process": r(true), "influence": r(true) } })
}

#[test]
fn notes_are_tagged_checked_listed_oldest_first_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = Rungs::new();
    let dir = home.home().join("D");
    let run = rungs(&dir, &["note", "--person", "Ada", "-c", "peple", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("did you mean `people`?"), "{}", run.stderr);
    let run = rungs(&dir, &["note", "--person", "Ada", "-c", "people", "--link", "javascript:alert(1)", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--link"), "{}", run.stderr);
    ok(
        &dir,
        &[
            "note",
            "--person",
            "Ada",
            "-c",
            "people",
            "--date",
            "2026-09-01",
            "--link",
            "https://example.com/1",
            "Ran the retro",
        ],
    );
    ok(
        &dir,
        &["note", "--person", "Ada", "-c", "process", "-c", "people", "--date", "2026-07-01", "Wrote the runbook"],
    );
    ok(&dir, &["note", "--person", "Ada", "-c", "technology", "--date", "2026-10-01", "Led the migration"]);
    let all = parse(&ok(&dir, &["notes", "Ada", "--format", "json"]));
    let dates: Vec<&str> = all.as_array().unwrap().iter().map(|n| n["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-07-01", "2026-09-01", "2026-10-01"]);
    for key in ["id", "date", "person", "author", "competencies", "links", "text"] {
        assert!(all[0].get(key).is_some(), "{key} in {}", all[0]);
    }
    assert_eq!(all[1]["links"], json!(["https://example.com/1"]));
    let people = parse(&ok(&dir, &["notes", "Ada", "-c", "people", "--since", "2026-08-01", "--format", "json"]));
    assert_eq!(people.as_array().unwrap().len(), 1, "{people}");
    let until = parse(&ok(&dir, &["notes", "Ada", "--until", "2026-07-31", "--format", "json"]));
    assert_eq!(until[0]["text"], "Wrote the runbook");
    for entry in std::fs::read_dir(dir.join("ada/notes")).unwrap() {
        let mode = entry.unwrap().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn goals_are_set_listed_open_first_marked_overdue_and_closed() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    assess(&dir, &answers("Ada", "2026-08-01", "x"));
    let made = |args: &[&str]| {
        parse(&ok(&dir, &[&["goal", "add", "--person", "Ada", "--format", "json"], args].concat()))[0]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let late =
        made(&["-c", "process", "--level", "tl5", "--due", "2026-10-01", "--allow-past", "Define the release process"]);
    let later = made(&["-c", "system", "--due", "2027-03-01", "Own the SLOs"]);
    let gone = made(&["-c", "technology", "Try the new queue"]);
    let open = parse(&ok(&dir, &["goals", "Ada", "--format", "json"]));
    let ids: Vec<&str> = open.as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], late, "overdue first: {open}");
    assert_eq!(open[0]["overdue"], true);
    assert_eq!(open[0]["level"], "TL5");
    for key in ["id", "person", "competency", "level", "text", "created", "due", "status", "closed"] {
        assert!(open[0].get(key).is_some(), "{key} in {}", open[0]);
    }
    ok(&dir, &["goal", "done", &later, "--note", "SLOs published"]);
    ok(&dir, &["goal", "drop", &gone]);
    let run = rungs(&dir, &["goal", "done", &later]);
    assert_eq!(run.code, 1, "a goal is closed once: {run:#?}");
    let run = rungs(&dir, &["goal", "done", "g000000"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no goal `g000000`"), "{}", run.stderr);
    let open = parse(&ok(&dir, &["goals", "Ada", "--format", "json"]));
    assert_eq!(open.as_array().unwrap().len(), 1);
    let all = parse(&ok(&dir, &["goals", "Ada", "--all", "--format", "json"]));
    let status = |id: &str| all.as_array().unwrap().iter().find(|g| g["id"] == id).unwrap()["status"].clone();
    assert_eq!((status(&later), status(&gone)), (json!("done"), json!("dropped")));
    let table = ok(&dir, &["goals", "Ada"]);
    assert!(table.contains("overdue"), "{table}");
}

#[test]
fn report_lists_each_gaps_goals_or_the_command_and_flags_stale_evidence() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    assess(&dir, &answers("Ada", "2026-06-01", ""));
    ok(&dir, &["note", "--person", "Ada", "-c", "people", "--date", "2026-11-01", "Coached two new leads"]);
    ok(&dir, &["note", "--person", "Ada", "-c", "system", "--date", "2026-07-01", "Drew the target architecture"]);
    let goal = parse(&ok(
        &dir,
        &["goal", "add", "--person", "Ada", "-c", "process", "--format", "json", "Define the release process"],
    ));
    let goal = goal[0]["id"].as_str().unwrap().to_owned();
    let report = parse(&ok(&dir, &["report", "Ada", "--format", "json"]));
    let competency =
        |id: &str| report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(competency("people")["evidence_date"], "2026-11-01");
    assert_eq!(competency("system")["evidence_date"], "2026-07-01");
    assert!(competency("technology")["evidence_date"].is_null());
    assert_eq!(competency("process")["goals"], json!([goal]));
    let table = ok(&dir, &["report", "Ada"]);
    assert!(table.contains(&format!("goal {goal}: Define the release process")), "{table}");
    assert!(table.contains("rungs goal add --person Ada --competency technology --level TL5"), "{table}");
    assert!(table.contains("2026-07-01: System, over 90 days old"), "{table}");
    assert!(table.contains("2026-11-01: People\n"), "{table}");
    assert!(table.contains("none yet: Technology"), "{table}");
}

#[test]
fn a_notes_folder_that_cannot_be_read_still_leaves_the_goals_in_the_report() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    assess(&dir, &answers("Ada", "2026-06-01", ""));
    ok(&dir, &["note", "--person", "Ada", "-c", "people", "Coached two new leads"]);
    let goal = parse(&ok(
        &dir,
        &["goal", "add", "--person", "Ada", "-c", "process", "--format", "json", "Define the release process"],
    ));
    let notes = dir.join("ada").join("notes");
    std::fs::remove_dir_all(&notes).unwrap();
    std::fs::write(&notes, "not a folder").unwrap();
    let run = rungs(&dir, &["report", "Ada", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("notes"), "{run:#?}");
    let report = parse(&run.stdout);
    let process = report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == "process").unwrap().clone();
    assert_eq!(process["goals"], json!([goal[0]["id"]]), "{run:#?}");
}

#[test]
fn evidence_kept_from_an_earlier_assessment_is_dated_by_it() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    assess(&dir, &answers("Ada", "2026-01-10", "kept since January"));
    let mut later = answers("Ada", "2026-09-01", "kept since January");
    later["ratings"]["system"]["evidence"] = json!("new in September");
    assess(&dir, &later);
    let report = parse(&ok(&dir, &["report", "Ada", "--format", "json"]));
    let date = |id: &str| {
        report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["evidence_date"].clone()
    };
    assert_eq!(date("technology"), "2026-01-10");
    assert_eq!(date("system"), "2026-09-01");
}

#[test]
fn without_a_terminal_evidence_can_come_from_the_notes() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    assess(&dir, &answers("Ada", "2026-06-01", "old"));
    ok(&dir, &["note", "--person", "Ada", "-c", "people", "--date", "2026-05-01", "Before the last assessment"]);
    ok(&dir, &["note", "--person", "Ada", "-c", "people", "--date", "2026-08-01", "Mentored the new hire"]);
    let mut next = answers("Ada", "2026-09-01", "");
    for c in ["technology", "system", "people", "process", "influence"] {
        next["ratings"][c].as_object_mut().unwrap().remove("evidence");
    }
    let run = Rungs::new()
        .args(["assess", "--evidence-from-notes", "--format", "json", "--answers", "-", "--dir"])
        .args([&dir])
        .stdin(next.to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let saved = parse(&std::fs::read_to_string(parse(&run.stdout)["path"].as_str().unwrap()).unwrap());
    let people = saved["ratings"].as_array().unwrap().iter().find(|r| r["competency"] == "people").unwrap().clone();
    assert_eq!(people["evidence"], "2026-08-01: Mentored the new hire");
    assert_eq!(people["from_notes"].as_array().unwrap().len(), 1);
}

#[test]
fn the_interview_offers_a_competencys_notes_and_takes_them_into_the_evidence() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("D");
    ok(&dir, &["note", "--person", "Ada Lovelace", "-c", "people", "--date", "2026-08-01", "Mentored the new hire"]);
    ok(&dir, &["note", "--person", "Ada Lovelace", "-c", "people", "--date", "2026-09-01", "Ran the hiring loop"]);
    let mut command = Rungs::new()
        .args([
            "assess",
            "--person",
            "Ada Lovelace",
            "--current",
            "TL4",
            "--target",
            "TL5",
            "--date",
            "2026-11-24",
            "--dir",
        ])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs_home.home());
    let mut pty = Pty::spawn(command);
    for competency in ["Technology", "System"] {
        pty.answer(&format!("{competency}: your rating at TL4"), ENTER);
        pty.answer(&format!("{competency}: your rating at TL5"), ENTER);
        pty.answer("Evidence", ENTER);
    }
    pty.answer("People: your rating at TL4", ENTER);
    pty.expect("Mentored the new hire");
    pty.answer(":n to take the 2 notes", &format!(":n{ENTER}"));
    pty.answer("Evidence from notes", ENTER);
    for competency in ["Process", "Influence"] {
        pty.answer(&format!("{competency}: your rating at TL4"), ENTER);
        pty.answer(&format!("{competency}: your rating at TL5"), ENTER);
        pty.answer("Evidence", ENTER);
    }
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let file = std::fs::read_dir(dir.join("ada-lovelace"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let saved = parse(&std::fs::read_to_string(file).unwrap());
    let people = saved["ratings"].as_array().unwrap().iter().find(|r| r["competency"] == "people").unwrap().clone();
    assert_eq!(people["evidence"], "2026-08-01: Mentored the new hire\n2026-09-01: Ran the hiring loop");
    assert_eq!(people["from_notes"].as_array().unwrap().len(), 2);
}

#[test]
fn hostile_notes_are_escaped_and_a_broken_one_is_named_and_skipped() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    let evil = "\u{1b}]0;pwned\u{7}<script>alert(1)</script>\u{202e}";
    ok(&dir, &["note", "--person", "Ada", "-c", "people", evil]);
    std::fs::write(dir.join("ada/notes/2026-01-01-nbroken.json"), "{").unwrap();
    std::fs::write(dir.join("ada/goals/gbroken.json"), "[]").ok();
    let run = rungs(&dir, &["notes", "Ada"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("2026-01-01-nbroken.json"), "{}", run.stderr);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'), "{text}");
    }
    let markdown = rungs(&dir, &["notes", "Ada", "--format", "markdown"]).stdout;
    assert!(!markdown.contains("<script>"), "{markdown}");
    let json = parse(&rungs(&dir, &["notes", "Ada", "--format", "json"]).stdout);
    assert_eq!(json[0]["text"], evil, "JSON keeps the exact text");
    let check = rungs(&dir, &["check"]);
    assert_eq!(check.code, 1);
    assert!(check.stdout.contains("nbroken.json"), "{check:#?}");
}

#[test]
fn two_clones_of_a_git_shared_store_merge_notes_goals_and_assessments_without_a_conflict() {
    let home = Rungs::new();
    let root = home.home();
    let remote = root.join("remote.git");
    git(root, &["init", "--bare", "-q", remote.to_str().unwrap()]);
    let clone = |name: &str| -> PathBuf {
        git(root, &["clone", "-q", remote.to_str().unwrap(), name]);
        root.join(name)
    };
    let (mine, theirs) = (clone("engineer"), clone("manager"));
    git(&mine, &["commit", "-q", "--allow-empty", "-m", "start"]);
    git(&mine, &["push", "-q", "origin", "HEAD:main"]);
    git(&theirs, &["pull", "-q", "origin", "main"]);
    for (dir, who) in [(&mine, "engineer"), (&theirs, "manager")] {
        assess(dir, &answers("Ada", if who == "engineer" { "2026-09-01" } else { "2026-09-02" }, who));
        ok(dir, &["note", "--person", "Ada", "-c", "people", &format!("noted by the {who}")]);
        ok(dir, &["goal", "add", "--person", "Ada", "-c", "process", &format!("goal of the {who}")]);
        // The store sits in a git work tree: every save was committed already.
        assert_eq!(git(dir, &["status", "--porcelain"]), "");
    }
    git(&mine, &["push", "-q", "origin", "HEAD:main"]);
    git(&theirs, &["pull", "-q", "--rebase", "origin", "main"]);
    git(&theirs, &["push", "-q", "origin", "HEAD:main"]);
    git(&mine, &["pull", "-q", "--rebase", "origin", "main"]);
    let listed = |dir: &Path, what: &str| ok(dir, &[what, "Ada", "--format", "json"]);
    assert_eq!(listed(&mine, "notes"), listed(&theirs, "notes"));
    assert_eq!(listed(&mine, "goals"), listed(&theirs, "goals"));
    assert_eq!(parse(&listed(&mine, "notes")).as_array().unwrap().len(), 2);
    assert_eq!(parse(&listed(&mine, "goals")).as_array().unwrap().len(), 2);
    let dates = |dir: &Path| -> Vec<String> {
        let list = parse(&ok(dir, &["list", "--format", "json"]));
        list.as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(dates(&mine), ["2026-09-01", "2026-09-02"]);
    assert_eq!(dates(&mine), dates(&theirs));
}

/// Adds a goal for `person` and returns its id and file.
fn goal_of(dir: &Path, person: &str) -> (String, PathBuf) {
    let shown =
        parse(&ok(dir, &["goal", "add", "--person", person, "-c", "system", "--format", "json", "Own the SLOs"]));
    let id = shown[0]["id"].as_str().unwrap().to_owned();
    let file = dir.join(person.to_lowercase()).join("goals").join(format!("{id}.json"));
    assert!(file.is_file(), "{}", file.display());
    (id, file)
}

/// Writes a copy of the goal `file` as `person`'s goal `id`.
fn copy_goal(dir: &Path, file: &Path, person: &str, id: &str) {
    let mut goal: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    goal["person"] = json!(person);
    goal["id"] = json!(id);
    let folder = dir.join(person.to_lowercase()).join("goals");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("{id}.json")), goal.to_string()).unwrap();
}

#[test]
fn new_ids_carry_64_random_bits_and_old_short_ids_still_work() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    let (id, file) = goal_of(&dir, "Ada");
    assert!(id.len() == 17 && id.starts_with('g') && id[1..].chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let note = parse(&ok(&dir, &["note", "--person", "Ada", "--format", "json", "Ran the retro"]));
    let note = note[0]["id"].as_str().unwrap();
    assert!(note.len() == 17 && note.starts_with('n') && note[1..].chars().all(|c| c.is_ascii_hexdigit()), "{note}");
    copy_goal(&dir, &file, "Ada", "g1a2b3c");
    ok(&dir, &["goal", "done", "g1a2b3c"]);
    let all = parse(&ok(&dir, &["goals", "Ada", "--all", "--format", "json"]));
    assert!(all.as_array().unwrap().iter().any(|g| g["id"] == "g1a2b3c" && g["status"] == "done"), "{all}");
}

#[test]
fn a_goal_id_that_several_people_share_is_refused_naming_the_person_to_add() {
    let home = Rungs::new();
    let dir = home.home().join("D");
    let (id, file) = goal_of(&dir, "Ada");
    copy_goal(&dir, &file, "Bo", &id);
    let run = rungs(&dir, &["goal", "done", &id]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains(&format!("goal `{id}` is set for several people")), "{}", run.stderr);
    for person in ["ada", "bo"] {
        let command = format!("rungs goal done {id} --person {person}");
        assert!(run.stderr.contains(&command), "{command} in:\n{}", run.stderr);
    }
    let open = |person: &str| parse(&ok(&dir, &["goals", person, "--format", "json"])).as_array().unwrap().len();
    assert_eq!((open("Ada"), open("Bo")), (1, 1), "neither goal was closed");
    ok(&dir, &["goal", "done", &id, "--person", "Bo"]);
    assert_eq!((open("Ada"), open("Bo")), (1, 0));
}
