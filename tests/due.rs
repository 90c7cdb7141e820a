//! `rungs due`: who is due for which review, against dates computed here,
//! with today fixed by `RUNGS_TODAY`.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::support::{Rungs, assess, json};

const TODAY: &str = "2026-07-01";
const CYCLE: i64 = 90;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Days a view given on `last` is past the cycle on [`TODAY`].
fn past_cycle(last: &str) -> i64 {
    (day(TODAY) - day(last)).num_days() - CYCLE
}

fn run_in(dir: &Path, args: &[&str]) -> Rungs {
    Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).env("RUNGS_TODAY", TODAY)
}

fn answers(person: &str, date: &str, assessor: &str, relationship: &str) -> Value {
    let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
        .iter()
        .map(|c| ((*c).to_owned(), json!({ "current": "meets", "target": "meets" })))
        .collect();
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "ladder": "tech-lead",
            "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

const ROSTER: &str = r#"
[[person]]
name = "Ada Director"

[[person]]
name = "Kim Park"
manager = "Ada Director"

[[person]]
name = "Jo Park"
manager = "Kim Park"

[[person]]
name = "Sam Lee"
manager = "Kim Park"

[[person]]
name = "Ann Bo"
manager = "Kim Park"

[[person]]
name = "Old Timer"
manager = "Kim Park"
left = 2026-05-01

[[person]]
name = "Eve Deep"
manager = "Jo Park"
"#;

/// Kim's team with known dates: Jo is up to date but for an old manager
/// view; Sam has an old self view, one peer and an overdue goal; Ann has
/// nothing but a draft; Old Timer left; Eve is one level further down.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.toml"), ROSTER).unwrap();
    let store = dir.path();
    assess(store, &answers("Jo Park", "2026-06-15", "Jo Park", "self"));
    assess(store, &answers("Jo Park", "2026-02-01", "Kim Park", "manager"));
    for (peer, date) in [("P One", "2026-05-01"), ("P Two", "2026-06-01"), ("P Three", "2026-04-10")] {
        assess(store, &answers("Jo Park", date, peer, "peer"));
    }
    assess(store, &answers("Sam Lee", "2026-01-01", "Sam Lee", "self"));
    assess(store, &answers("Sam Lee", "2026-06-20", "P One", "peer"));
    // A peer from before the cycle does not count toward the floor.
    assess(store, &answers("Sam Lee", "2026-02-01", "P Two", "peer"));
    assess(store, &answers("Old Timer", "2025-01-01", "Old Timer", "self"));
    let goal = Rungs::new()
        .args([
            "goal",
            "add",
            "--person",
            "Sam Lee",
            "-c",
            "technology",
            "--due",
            "2026-05-15",
            "Run a design review",
            "--dir",
        ])
        .args([store])
        .env("RUNGS_TODAY", "2026-04-01")
        .ok();
    let _ = goal;
    let ann = store.join("ann-bo");
    std::fs::create_dir_all(&ann).unwrap();
    let draft = ann.join(".draft-tech-lead-self.json");
    std::fs::write(&draft, r#"{"person":"Ann Bo"}"#).unwrap();
    // Noon UTC: the same day in every time zone within twelve hours of it.
    let noon = day("2026-06-21").and_hms_opt(12, 0, 0).unwrap().and_utc();
    let file = std::fs::File::options().write(true).open(&draft).unwrap();
    file.set_modified(std::time::SystemTime::from(noon)).unwrap();
    dir
}

fn item(kind: &str, view: &str, last: Option<&str>, days: Option<i64>) -> Value {
    json!({ "kind": kind, "view": view, "last": last, "days_overdue": days })
}

#[test]
fn due_under_a_manager_lists_exactly_the_overdue_items_most_overdue_first() {
    let dir = fixture();
    let out = run_in(dir.path(), &["due", "--under", "Kim Park", "--format", "json"]).ok();
    let sam_goal = (day(TODAY) - day("2026-05-15")).num_days();
    let ann_draft = (day(TODAY) - day("2026-06-21")).num_days();
    let expected = json!([
        {
            "person": "Ann Bo", "manager": "Kim Park",
            "due": [
                item("self", "self", None, None),
                item("manager", "manager", None, None),
                item("peer", "peer: 0 of 3 raters", None, None),
                item("draft", "tech-lead-self", Some("2026-06-21"), Some(ann_draft)),
            ],
        },
        {
            "person": "Sam Lee", "manager": "Kim Park",
            "due": [
                item("manager", "manager", None, None),
                item("self", "self", Some("2026-01-01"), Some(past_cycle("2026-01-01"))),
            ],
        },
        {
            "person": "Jo Park", "manager": "Kim Park",
            "due": [item("manager", "manager", Some("2026-02-01"), Some(past_cycle("2026-02-01")))],
        },
    ]);
    // Sam's goal and single peer are checked apart: their order among Sam's items is by days.
    let got = json(&out);
    let sam = got.as_array().unwrap().iter().find(|p| p["person"] == "Sam Lee").unwrap().clone();
    let mut sam_items = sam["due"].as_array().unwrap().clone();
    let goal = sam_items.iter().position(|i| i["kind"] == "goal").expect("Sam's overdue goal");
    let goal = sam_items.remove(goal);
    assert_eq!((goal["last"].as_str(), goal["days_overdue"].as_i64()), (Some("2026-05-15"), Some(sam_goal)));
    assert!(goal["view"].as_str().unwrap().starts_with('g'));
    let peer = sam_items.iter().position(|i| i["kind"] == "peer").expect("Sam has one peer in the cycle");
    let peer = sam_items.remove(peer);
    assert_eq!(peer, item("peer", "peer: 1 of 3 raters", Some("2026-06-20"), Some(0)));
    let mut trimmed = got.clone();
    trimmed.as_array_mut().unwrap().iter_mut().find(|p| p["person"] == "Sam Lee").unwrap()["due"] = json!(sam_items);
    assert_eq!(trimmed, expected, "{out}");
    // Most overdue first within Sam's items too: never, then 91 days, then 47, then 0.
    let days: Vec<Option<i64>> = sam["due"].as_array().unwrap().iter().map(|i| i["days_overdue"].as_i64()).collect();
    assert_eq!(days, [None, Some(past_cycle("2026-01-01")), Some(sam_goal), Some(0)]);
}

#[test]
fn due_takes_the_whole_roster_the_depth_and_the_cycle() {
    let dir = fixture();
    let everyone = json(&run_in(dir.path(), &["due", "--format", "json"]).ok());
    let people: Vec<&str> = everyone.as_array().unwrap().iter().map(|p| p["person"].as_str().unwrap()).collect();
    assert!(people.contains(&"Ada Director") && people.contains(&"Eve Deep"), "{people:?}");
    assert!(!people.contains(&"Old Timer"), "someone who left is no longer due");
    let deep = json(&run_in(dir.path(), &["due", "--under", "Kim Park", "--depth", "all", "--format", "json"]).ok());
    assert_eq!(deep.as_array().unwrap().len(), 4, "Eve reports to Jo");
    // A cycle of 200 days: Jo's manager view (150 days old) is no longer due.
    let long = json(&run_in(dir.path(), &["due", "--under", "Kim Park", "--every", "200d", "--format", "json"]).ok());
    assert!(long.as_array().unwrap().iter().all(|p| p["person"] != "Jo Park"), "{long}");
    // The roster's own cycle.
    let text = format!("cycle = \"26w\"\n{ROSTER}");
    std::fs::write(dir.path().join("people.toml"), text).unwrap();
    let roster_cycle = json(&run_in(dir.path(), &["due", "--under", "Kim Park", "--format", "json"]).ok());
    assert_eq!(roster_cycle, long, "26 weeks is 182 days: the same as 200 for these dates");
    let run = run_in(dir.path(), &["due", "--every", "soon"]).fails(2);
    assert!(run.stderr.contains("--every"), "{}", run.stderr);
    let table = run_in(dir.path(), &["due", "--under", "Kim Park"]).ok();
    assert!(table.contains("Ann Bo") && table.contains("never done"), "{table}");
}

#[test]
fn due_without_a_roster_looks_at_everyone_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    assess(dir.path(), &answers("Jo Park", "2026-06-15", "Jo Park", "self"));
    let out = json(&run_in(dir.path(), &["due", "--format", "json"]).ok());
    assert_eq!(out[0]["person"], "Jo Park");
    assert_eq!(out[0]["manager"], Value::Null);
    let kinds: Vec<&str> = out[0]["due"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["manager", "peer"]);
}
