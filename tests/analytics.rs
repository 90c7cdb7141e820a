//! The store as a data set: `list --ratings` in CSV, JSON and JSON lines,
//! read by DuckDB (the Python package, which `.ci/run` installs), and the
//! answers checked against `rungs team`.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{Rungs, assess, json as parse, repo};

const COLUMNS: &str =
    "date,person,assessor,relationship,ladder,ladder_version,current,target,competency,level,step,rating,status";

/// TL4 → TL5 answers where `ready` of the first competencies meet the target.
fn answers(person: &str, date: &str, ready: usize) -> Value {
    let ids = ["technology", "system", "process", "influence"];
    let mut ratings: serde_json::Map<String, Value> = ids
        .iter()
        .enumerate()
        .map(|(i, c)| {
            ((*c).to_owned(), json!({ "current": "meets", "target": if i < ready { "meets" } else { "developing" } }))
        })
        .collect();
    ratings.insert("people".into(), json!({ "current": "developing" }));
    json!({ "person": person, "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

fn store(dir: &Path) {
    assess(dir, &answers("Ada", "2026-03-01", 1));
    assess(dir, &answers("Ada", "2026-06-01", 3));
    assess(dir, &answers("Bo", "2026-05-01", 2));
    assess(dir, &answers("Cy", "2026-04-01", 4));
}

fn list(dir: &Path, format: &str) -> String {
    Rungs::new().args(["list", "--ratings", "--format", format, "--dir"]).args([dir]).ok()
}

#[test]
fn ratings_come_flat_with_the_pinned_columns_in_three_formats() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store(&dir);
    let csv = list(&dir, "csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(COLUMNS));
    assert_eq!(lines.count(), 4 * 9, "nine ratings an assessment:\n{csv}");
    let keys: Vec<&str> = COLUMNS.split(',').collect();
    let array = parse(&list(&dir, "json"));
    assert_eq!(array.as_array().unwrap().len(), 36);
    let first: Vec<&str> = array[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(first, sorted, "serde_json sorts keys; the set is the pinned one");
    let ndjson = list(&dir, "ndjson");
    assert_eq!(ndjson.lines().count(), 36);
    for line in ndjson.lines() {
        assert_eq!(parse(line).as_object().unwrap().len(), keys.len());
    }
    let run = Rungs::new().args(["list", "--format", "csv", "--dir"]).args([&dir]).run();
    assert_eq!(run.code, 2, "csv goes with --ratings: {run:#?}");
}

#[test]
fn a_peers_rows_are_left_out_and_said_so() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut peer = answers("Ada", "2026-03-01", 1);
    peer["assessor"] = json!("Pat Quinn");
    peer["relationship"] = json!("peer");
    assess(&dir, &peer);
    let run = Rungs::new().args(["list", "--ratings", "--format", "csv", "--dir"]).args([&dir]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!run.stdout.contains("Pat Quinn") && !run.stdout.contains(",peer,"), "{}", run.stdout);
    assert!(
        run.stderr.contains("note: 1 peer assessment left out: peer views are shown only together"),
        "{}",
        run.stderr
    );
}

/// The README's DuckDB queries over the store at `dir` and its ratings CSV
/// (written into `home`), and `team --format json` of the same store.
fn queries_and_team(home: &Path, dir: &Path) -> (Value, Value) {
    let ratings = home.join("ratings.csv");
    std::fs::write(&ratings, list(dir, "csv")).unwrap();
    let out = Command::new("python3")
        .arg(repo("tests/duckdb/queries.py"))
        .args([dir, &ratings])
        .output()
        .expect("python3 runs (bash .ci/run installs it and duckdb)");
    assert!(out.status.success(), "the queries failed (pip install duckdb): {}", String::from_utf8_lossy(&out.stderr));
    let answers = parse(&String::from_utf8(out.stdout).unwrap());
    let team = parse(&Rungs::new().args(["team", "--format", "json", "--dir"]).args([dir]).ok());
    (answers, team)
}

#[test]
fn duckdb_answers_from_the_export_and_from_the_json_files_match_team() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store(&dir);
    let (answers, team) = queries_and_team(rungs.home(), &dir);
    for row in team.as_array().unwrap() {
        let person = row["person"].as_str().unwrap();
        assert_eq!(answers["ready"][person], row["ready_count"], "{person}: {answers}");
        assert_eq!(answers["latest"][person], row["date"], "{person}: {answers}");
    }
    assert_eq!(team.as_array().unwrap().len(), 3);
}

/// Answers on `ladder` from `current` to `target` where the first `ready`
/// competencies meet the target; `same` are those the two levels expect
/// the same step of.
fn view(who: (&str, &str, &str), levels: (&str, &str, &str), date: &str, ready: usize) -> Value {
    let (person, relationship, assessor) = who;
    let (ladder, current, target) = levels;
    let same: &[&str] = if ladder == "developer" { &["process", "influence"] } else { &["people"] };
    let ids = ["technology", "system", "people", "process", "influence"];
    let ratings: serde_json::Map<String, Value> = ids
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let met = if i < ready { "meets" } else { "developing" };
            let rating =
                if same.contains(c) { json!({ "current": met }) } else { json!({ "current": "meets", "target": met }) };
            ((*c).to_owned(), rating)
        })
        .collect();
    json!({ "person": person, "relationship": relationship, "assessor": assessor, "ladder": ladder,
        "current": current, "target": target, "date": date, "ratings": ratings })
}

/// Self, manager and three peer views on two ladders over several dates,
/// where peers' views are the newest and the most generous.
fn store_of_views(dir: &Path) {
    let tl = ("tech-lead", "TL4", "TL5");
    let dev = ("developer", "D3", "D4");
    let saves = [
        (("Jo Park", "self", "Jo Park"), tl, "2026-03-01", 1),
        (("Jo Park", "self", "Jo Park"), tl, "2026-09-01", 4),
        (("Jo Park", "manager", "Kim Park"), tl, "2026-06-01", 2),
        (("Jo Park", "manager", "Kim Park"), tl, "2026-02-01", 5),
        (("Bo Lee", "self", "Bo Lee"), dev, "2026-04-01", 3),
        (("Bo Lee", "self", "Bo Lee"), dev, "2026-01-01", 0),
        (("Cy Ray", "manager", "Kim Park"), dev, "2026-02-01", 1),
        (("Cy Ray", "self", "Cy Ray"), tl, "2026-08-01", 5),
    ];
    for (who, levels, date, ready) in saves {
        assess(dir, &view(who, levels, date, ready));
    }
    for (person, levels) in [("Jo Park", tl), ("Bo Lee", dev), ("Cy Ray", tl), ("Di Fox", tl)] {
        for (peer, date) in [("Pat Quinn", "2026-10-01"), ("Rae Sun", "2026-10-02"), ("Sol Tan", "2026-10-03")] {
            assess(dir, &view((person, "peer", peer), levels, date, 5));
        }
    }
}

#[test]
fn readme_queries_pick_the_view_team_shows_and_never_count_peers() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store_of_views(&dir);
    let (answers, team) = queries_and_team(rungs.home(), &dir);
    let team = team.as_array().unwrap();
    let people: Vec<&str> = team.iter().map(|row| row["person"].as_str().unwrap()).collect();
    assert_eq!(people.len(), 3, "Di Fox has only peers' views: {people:?}");
    for row in team {
        let person = row["person"].as_str().unwrap();
        assert_eq!(answers["ready"][person], row["ready_count"], "{person}: {answers}");
        assert_eq!(answers["latest"][person], row["date"], "{person}: {answers}");
    }
    for (what, found) in answers.as_object().unwrap() {
        assert_eq!(found.as_object().unwrap().len(), people.len(), "{what}: one row a person of `team`: {answers}");
    }
}
