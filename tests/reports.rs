//! `rungs report`, `list`, `diff` and `history`: scoring rules end to end,
//! broken files, and output hygiene.

use std::io::Read;
use std::path::PathBuf;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::support::{Rungs, assess, json as parse, repo};

/// Answers for TL4 → TL5 from `(competency, current, target)` ratings. Both
/// levels expect the same People step, so People takes `current` alone.
fn tl4(person: &str, date: &str, ratings: &[(&str, &str, &str)]) -> Value {
    let entry = |c: &str, now: &str, next: &str| {
        if c == "people" { json!({ "current": now }) } else { json!({ "current": now, "target": next }) }
    };
    let ratings: serde_json::Map<String, Value> =
        ratings.iter().map(|(c, now, next)| ((*c).to_owned(), entry(c, now, next))).collect();
    json!({ "person": person, "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

fn statuses(report: &Value) -> Vec<(String, String)> {
    report["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c["status"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

fn examples() -> PathBuf {
    repo("assessments")
}

#[test]
fn the_example_assessments_score_by_the_product_rules() {
    let latest =
        parse(&Rungs::new().args(["report", "Robin Quill", "--format", "json", "--dir"]).args([examples()]).ok());
    // technology: target meets → ready; system: target developing, current exceeds → growing;
    // people: one step, meets → ready; process: growing; influence: target meets → ready.
    let expected = [
        ("technology", "ready"),
        ("system", "growing"),
        ("people", "ready"),
        ("process", "growing"),
        ("influence", "ready"),
    ];
    assert_eq!(statuses(&latest), pairs(&expected));
    assert_eq!(
        (latest["ready"].as_bool(), latest["ready_count"].as_u64(), latest["total"].as_u64()),
        (Some(false), Some(3), Some(5))
    );
    assert_eq!(latest["gaps"], json!(["system", "process"]));
    assert_eq!(
        latest["competencies"][0]["current"],
        json!({ "level": "TL4", "step": "Specializes", "rank": 2, "rating": "exceeds", "met": true })
    );

    let earlier =
        parse(&Rungs::new().args(["report", "Robin Quill~1", "--format", "json", "--dir"]).args([examples()]).ok());
    // people: developing on the shared step → below, and blocking gaps come first.
    let expected = [
        ("technology", "growing"),
        ("system", "growing"),
        ("people", "below"),
        ("process", "growing"),
        ("influence", "growing"),
    ];
    assert_eq!(statuses(&earlier), pairs(&expected));
    assert_eq!(earlier["gaps"], json!(["people", "technology", "system", "process", "influence"]));
    assert_eq!(earlier["ready_count"], 0);
}

#[test]
fn report_table_shows_the_verdict_and_each_gap_with_its_text() {
    let out = Rungs::new().args(["report", "--dir"]).args([examples()]).ok();
    assert!(out.contains("3 of 5 competencies ready for TL5"), "{out}");
    assert!(out.contains("System (growing): TL5 expects 4 Evolves: evolves the architecture"), "{out}");
    assert!(out.find("System (growing)").unwrap() < out.find("Process (growing)").unwrap());
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn a_fully_met_target_says_ready() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let all = ["technology", "system", "people", "process", "influence"].map(|c| (c, "exceeds", "meets"));
    assess(&dir, &tl4("Ada", "2026-11-24", &all));
    let out = Rungs::new().args(["report", "Ada", "--dir"]).args([&dir]).ok();
    assert!(out.contains("Ready for TL5"), "{out}");
    let report = parse(&Rungs::new().args(["report", "Ada", "--format", "json", "--dir"]).args([&dir]).ok());
    assert_eq!((report["ready"].as_bool(), report["gaps"].clone()), (Some(true), json!([])));
}

#[test]
fn a_cross_ladder_target_shows_surplus_and_gaps() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    // System expects step 3 at both D4 and TL4, so it takes one rating.
    let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
        .iter()
        .map(|c| {
            let entry = if *c == "system" {
                json!({ "current": "meets" })
            } else {
                json!({ "current": "meets", "target": "developing" })
            };
            ((*c).to_owned(), entry)
        })
        .collect();
    let path = assess(
        &dir,
        &json!({ "ladder": "developer", "person": "Dev", "current": "D4", "target": "TL4", "date": "2026-11-24", "ratings": ratings }),
    );
    let report = parse(&Rungs::new().args(["report", "--format", "json", "--dir"]).args([&dir]).args([&path]).ok());
    // D4 3/3/3/3/2 against TL4 2/3/4/4/1: technology and influence need less (surplus, met
    // through the higher step), system is the same step, people and process need more.
    let expected = [
        ("technology", "ready"),
        ("system", "ready"),
        ("people", "growing"),
        ("process", "growing"),
        ("influence", "ready"),
    ];
    assert_eq!(statuses(&report), pairs(&expected));
    let surplus: Vec<bool> =
        report["competencies"].as_array().unwrap().iter().map(|c| c["surplus"].as_bool().unwrap()).collect();
    assert_eq!(surplus, [true, false, false, false, true]);
    let table = Rungs::new().args(["report", "--dir"]).args([&dir]).args([&path]).ok();
    let technology = table.lines().find(|l| l.contains("Technology")).unwrap();
    assert!(technology.contains("surplus"), "{table}");
}

#[test]
fn diff_of_two_assessments_differing_in_two_ratings_lists_those_two() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let base = [
        ("technology", "meets", "developing"),
        ("system", "meets", "developing"),
        ("people", "meets", "meets"),
        ("process", "meets", "developing"),
        ("influence", "meets", "meets"),
    ];
    let old = assess(&dir, &tl4("Ada", "2026-05-01", &base));
    let mut moved = base;
    moved[0].2 = "meets"; // technology at TL5: developing → meets
    moved[2].1 = "developing"; // people at TL4: meets → developing
    let new = assess(&dir, &tl4("Ada", "2026-08-01", &moved));
    let out = parse(&Rungs::new().args(["diff", "--format", "json", "--dir"]).args([&dir]).args([&old, &new]).ok());
    let changes: Vec<(String, String, String, String)> = out["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_owned();
            (s("competency"), s("level"), s("from"), s("to"))
        })
        .collect();
    let expected = [("technology", "TL5", "developing", "meets"), ("people", "TL4", "meets", "developing")]
        .map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()));
    assert_eq!(changes, expected);
    assert_eq!(out["ready_count"], json!({ "from": 2, "to": 2 }));
    let table = Rungs::new().args(["diff", "Ada~1", "Ada", "--dir"]).args([&dir]).ok();
    assert_eq!(table.matches("↑ up").count() + table.matches("↓ down").count(), 2, "{table}");
}

#[test]
fn diff_refuses_two_different_people() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let full = ["technology", "system", "people", "process", "influence"].map(|c| (c, "meets", "meets"));
    assess(&dir, &tl4("Ada", "2026-05-01", &full));
    assess(&dir, &tl4("Grace", "2026-05-01", &full));
    let run = Rungs::new().args(["diff", "Ada", "Grace", "--dir"]).args([&dir]).fails(1);
    assert!(run.stderr.contains("they assess different people (`Ada` and `Grace`)"), "{}", run.stderr);
}

#[test]
fn diff_across_ladders_compares_shared_competencies_and_says_what_it_left_out() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let ladders = rungs.home().join("ladders");
    std::fs::create_dir(&ladders).unwrap();
    let custom = std::fs::read_to_string(repo("ladders/tech-lead.toml"))
        .unwrap()
        .replace("id = \"tech-lead\"", "id = \"lead-plus\"")
        .replace("id = \"influence\"", "id = \"impact\"")
        .replace("\ninfluence = {", "\nimpact = {");
    std::fs::write(ladders.join("plus.toml"), custom).unwrap();
    let full = ["technology", "system", "people", "process", "influence"].map(|c| (c, "meets", "meets"));
    let old = assess(&dir, &tl4("Ada", "2026-05-01", &full));
    let mut answers =
        tl4("Ada", "2026-08-01", &full.map(|(c, a, b)| (if c == "influence" { "impact" } else { c }, a, b)));
    answers["ladder"] = json!("lead-plus");
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--format", "json", "--ladders"])
        .args([&ladders])
        .args(["--dir"])
        .args([&dir])
        .stdin(answers.to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let new = parse(&run.stdout)["path"].as_str().unwrap().to_owned();
    let out = parse(
        &Rungs::new()
            .args(["diff", "--format", "json", "--ladders"])
            .args([&ladders])
            .args(["--dir"])
            .args([&dir])
            .args([old.to_str().unwrap(), &new])
            .ok(),
    );
    assert_eq!(out["left_out"], json!(["influence", "impact"]));
    assert_eq!(out["ready_count"], json!({ "from": 4, "to": 4 }));
}

#[test]
fn history_of_three_quarters_gives_sustained_since_per_competency() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let q = |date, ratings: [(&'static str, &'static str, &'static str); 5]| {
        assess(&dir, &tl4("Ada Lovelace", date, &ratings))
    };
    // technology: met in all three; system: from the second on; people: only the first;
    // process: never; influence: the first and third (broken in the second).
    q(
        "2026-02-15",
        [
            ("technology", "meets", "meets"),
            ("system", "meets", "developing"),
            ("people", "meets", "meets"),
            ("process", "meets", "developing"),
            ("influence", "meets", "meets"),
        ],
    );
    q(
        "2026-05-15",
        [
            ("technology", "meets", "exceeds"),
            ("system", "meets", "meets"),
            ("people", "developing", "developing"),
            ("process", "meets", "not-yet"),
            ("influence", "meets", "developing"),
        ],
    );
    q(
        "2026-08-15",
        [
            ("technology", "exceeds", "meets"),
            ("system", "meets", "meets"),
            ("people", "developing", "developing"),
            ("process", "developing", "developing"),
            ("influence", "meets", "meets"),
        ],
    );
    let out = parse(&Rungs::new().args(["history", "Ada Lovelace", "--format", "json", "--dir"]).args([&dir]).ok());
    assert_eq!(out["person"], "Ada Lovelace");
    let dates: Vec<&str> = out["assessments"].as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-02-15", "2026-05-15", "2026-08-15"]);
    assert_eq!(
        out["sustained"],
        json!({
            "technology": { "since": "2026-02-15", "assessments": 3 },
            "system": { "since": "2026-05-15", "assessments": 2 },
            "influence": { "since": "2026-08-15", "assessments": 1 }
        })
    );
    let keys: Vec<&String> = out["assessments"][0].as_object().unwrap().keys().collect();
    for key in ["path", "date", "current", "target", "ready_count", "total"] {
        assert!(keys.iter().any(|k| *k == key), "{key} missing from {keys:?}");
    }
    let table = Rungs::new().args(["history", "Ada Lovelace", "--dir"]).args([&dir]).ok();
    assert!(table.contains("Technology: ●●●  target met since 2026-02-15, 3 assessments in a row"), "{table}");
}

#[test]
fn list_sorts_by_person_then_date_with_the_pinned_keys() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let full = ["technology", "system", "people", "process", "influence"].map(|c| (c, "meets", "developing"));
    assess(&dir, &tl4("Zed", "2026-01-01", &full));
    assess(&dir, &tl4("Ada", "2026-09-01", &full));
    assess(&dir, &tl4("Ada", "2026-03-01", &full));
    let out = parse(&Rungs::new().args(["list", "--format", "json", "--dir"]).args([&dir]).ok());
    let rows: Vec<(&str, &str)> =
        out.as_array().unwrap().iter().map(|r| (r["person"].as_str().unwrap(), r["date"].as_str().unwrap())).collect();
    assert_eq!(rows, [("Ada", "2026-03-01"), ("Ada", "2026-09-01"), ("Zed", "2026-01-01")]);
    let mut keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["assessor", "current", "date", "ladder", "path", "person", "ready_count", "relationship", "target", "total"]
    );
    assert_eq!((out[0]["ready_count"].as_u64(), out[0]["total"].as_u64()), (Some(1), Some(5)));
    let only = parse(&Rungs::new().args(["list", "--person", "zed", "--format", "json", "--dir"]).args([&dir]).ok());
    assert_eq!(only.as_array().unwrap().len(), 1);
    let md = Rungs::new().args(["list", "--format", "markdown", "--dir"]).args([&dir]).ok();
    assert_eq!(md.lines().count(), 5, "{md}");
}

#[test]
fn a_corrupt_file_is_named_and_the_rest_still_listed() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let full = ["technology", "system", "people", "process", "influence"].map(|c| (c, "meets", "developing"));
    let good = assess(&dir, &tl4("Ada", "2026-01-01", &full));
    assess(&dir, &tl4("Grace", "2026-01-01", &full));
    let folder = good.parent().unwrap();
    std::fs::write(folder.join("2026-02-01-tech-lead-self.json"), "{ \"schema\": 1, \"date\": ").unwrap();
    let mut future = parse(&std::fs::read_to_string(&good).unwrap());
    future["schema"] = json!(7);
    std::fs::write(folder.join("2026-03-01-tech-lead-self.json"), future.to_string()).unwrap();
    let mut orphan = parse(&std::fs::read_to_string(&good).unwrap());
    orphan["ladder"]["id"] = json!("retired-ladder");
    std::fs::write(folder.join("2026-04-01-retired-ladder-self.json"), orphan.to_string()).unwrap();

    let run = Rungs::new().args(["list", "--format", "json", "--dir"]).args([&dir]).fails(1);
    let listed = parse(&run.stdout);
    let people: Vec<&str> = listed.as_array().unwrap().iter().map(|r| r["person"].as_str().unwrap()).collect();
    assert_eq!(people, ["Ada", "Grace"]);
    for (file, reason) in [
        ("2026-02-01-tech-lead-self.json", "EOF while parsing"),
        ("2026-03-01-tech-lead-self.json", "schema version 7 is not supported"),
        ("2026-04-01-retired-ladder-self.json", "its ladder `retired-ladder` is not loaded"),
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named:\n{}", run.stderr));
        assert!(line.contains(reason), "{line}");
    }
    assert!(run.stderr.contains("3 files skipped"), "{}", run.stderr);
    let table = Rungs::new().args(["list", "--dir"]).args([&dir]).fails(1);
    assert!(table.stdout.contains("Grace"), "{}", table.stdout);
}

#[test]
fn report_into_a_closed_pipe_ends_quietly() {
    let mut child = Rungs::new()
        .args(["report", "Robin Quill", "--dir"])
        .args([examples()])
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before anything is written
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(stderr, "");
    assert_eq!(status.code(), Some(0));

    let shell = format!(
        "'{}' report 'Robin Quill' --dir '{}' | head -1",
        crate::support::binary().display(),
        examples().display()
    );
    let out = std::process::Command::new("sh").args(["-c", &shell]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Robin Quill: TL4 → TL5 (2026-08-14, self)\n");
}

#[test]
fn an_unknown_person_gets_near_matches() {
    let run = Rungs::new().args(["report", "Robin Quil", "--dir"]).args([examples()]).fails(2);
    assert!(run.stderr.contains("did you mean: robin-quill?"), "{}", run.stderr);
    let run = Rungs::new().args(["report", "Robin Quill~5", "--dir"]).args([examples()]).fails(2);
    assert!(run.stderr.contains("Robin Quill has only 2 assessments"), "{}", run.stderr);
}

#[test]
fn report_needs_a_name_when_several_people_have_assessments() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let full = ["technology", "system", "people", "process", "influence"].map(|c| (c, "meets", "meets"));
    assess(&dir, &tl4("Ada", "2026-05-01", &full));
    assess(&dir, &tl4("Grace", "2026-05-01", &full));
    let run = Rungs::new().args(["report", "--dir"]).args([&dir]).fails(2);
    assert!(run.stderr.contains("several people have assessments; name one: ada, grace"), "{}", run.stderr);
}

/// Runs a command on the shipped examples and hides the checkout's path.
fn on_examples(args: &[&str]) -> String {
    let out = Rungs::new()
        .args(args.iter().copied())
        .args(["--dir"])
        .args([examples()])
        .env("RUNGS_TODAY", "2026-11-24")
        .ok();
    out.replace(&examples().display().to_string(), "[examples]")
}

#[test]
fn every_report_format_is_pinned() {
    for format in ["table", "markdown", "json"] {
        insta::assert_snapshot!(
            format!("report_{format}"),
            on_examples(&["report", "Robin Quill", "--format", format])
        );
    }
}

#[test]
fn list_history_and_diff_tables_are_pinned() {
    insta::assert_snapshot!("list_table", on_examples(&["list"]));
    insta::assert_snapshot!("history_table", on_examples(&["history", "Robin Quill"]));
    insta::assert_snapshot!(
        "diff_markdown",
        on_examples(&["diff", "Robin Quill~1", "Robin Quill", "--format", "markdown"])
    );
}

#[test]
fn an_empty_folder_lists_nothing_and_says_how_to_start() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("empty");
    for command in ["list", "team"] {
        let run = Rungs::new().args([command, "--dir"]).args([&dir]).run();
        assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{command}");
        assert!(run.stderr.contains("start with: rungs assess"), "{command}: {}", run.stderr);
        assert_eq!(Rungs::new().args([command, "--format", "json", "--dir"]).args([&dir]).ok(), "[]\n", "{command}");
    }
    let run = Rungs::new().args(["report", "--dir"]).args([&dir]).fails(1);
    assert!(run.stderr.contains("start with: rungs assess"), "{}", run.stderr);
}

/// Each folder under `tests/fixtures/scoring` is one rule: `answers.json` is
/// assessed, and the report must give `expected.json`'s statuses and gaps.
#[test]
fn scoring_fixtures_give_their_expected_statuses() {
    let root = crate::support::fixture("scoring");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 6, "fixtures went missing: {cases:?}");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let answers = parse(&std::fs::read_to_string(case.join("answers.json")).unwrap());
        let expected = parse(&std::fs::read_to_string(case.join("expected.json")).unwrap());
        let rungs = Rungs::new();
        let path = assess(&rungs.home().join("D"), &answers);
        let report = parse(
            &Rungs::new()
                .args(["report", "--format", "json", "--dir"])
                .args([rungs.home().join("D")])
                .args([&path])
                .ok(),
        );
        let statuses: serde_json::Map<String, Value> = report["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap().to_owned(), c["status"].clone()))
            .collect();
        assert_eq!(Value::Object(statuses), expected["statuses"], "{name}: statuses");
        assert_eq!(report["gaps"], expected["gaps"], "{name}: gaps, blocking first");
        assert_eq!(report["ready"], expected["ready"], "{name}: ready");
        assert_eq!(report["ready_count"], expected["ready_count"], "{name}: ready count");
        if let Some(surplus) = expected.get("surplus") {
            let found: Vec<&str> = report["competencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["surplus"] == true)
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            assert_eq!(json!(found), *surplus, "{name}: surplus");
        }
    }
}
