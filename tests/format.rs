//! Pins the on-disk assessment format: a strict mirror of schema 1 that a
//! fresh save and the shipped examples must both fit exactly.

use serde::Deserialize;

use crate::support::{Rungs, repo};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct File {
    schema: u32,
    created_at: String,
    date: String,
    person: String,
    assessor: String,
    relationship: String,
    ladder: Stamp,
    current: String,
    target: String,
    #[serde(default)]
    target_ladder: Option<Stamp>,
    ratings: Vec<Entry>,
    notes: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Stamp {
    id: String,
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Entry {
    competency: String,
    level: String,
    step: Option<String>,
    #[serde(default)]
    rank: Option<u32>,
    expectation: String,
    rating: String,
    evidence: String,
}

fn pinned(text: &str) -> File {
    let file: File = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(file.schema, 1);
    assert!(chrono::DateTime::parse_from_rfc3339(&file.created_at).is_ok());
    assert!(["self", "manager", "peer"].contains(&file.relationship.as_str()));
    for entry in &file.ratings {
        assert!(["not-yet", "developing", "meets", "exceeds"].contains(&entry.rating.as_str()));
    }
    file
}

#[test]
fn shipped_examples_follow_the_pinned_format() {
    let dir = repo("assessments/robin-quill");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = pinned(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        assert_eq!(file.person, "Robin Quill");
        assert_eq!(file.ratings.len(), 9);
        count += 1;
    }
    assert_eq!(count, 2);
}

#[test]
fn a_fresh_save_follows_the_pinned_format() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let doc = std::fs::read_to_string(repo("docs/assessment-format.md")).unwrap();
    // The documented answers example, completed with the ratings it leaves out.
    let example = doc
        .split("## The answers file")
        .nth(1)
        .unwrap()
        .split("```json\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let mut answers: serde_json::Value = serde_json::from_str(example).unwrap();
    for (id, current, target) in [
        ("system", "meets", Some("meets")),
        ("people", "meets", None),
        ("process", "meets", Some("meets")),
        ("influence", "meets", Some("meets")),
    ] {
        answers["ratings"][id] = serde_json::json!({ "current": current, "target": target });
    }
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).ok();
    let saved = dir.join("ada-lovelace/2026-11-24-tech-lead-self.json");
    let file = pinned(&std::fs::read_to_string(saved).unwrap());
    assert_eq!(file.ratings[0].rank, Some(2));
    assert!(file.target_ladder.is_none());
}

#[test]
fn a_cross_ladder_target_records_its_ladder() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    // System expects step 3 at both D4 and TL4, so it takes one rating.
    let ratings = ["technology", "system", "people", "process", "influence"].map(|id| {
        let entry = if id == "system" {
            serde_json::json!({ "current": "meets" })
        } else {
            serde_json::json!({ "current": "meets", "target": "developing" })
        };
        (id.to_owned(), entry)
    });
    let answers = serde_json::json!({ "ladder": "developer", "person": "Dev", "current": "D4", "target": "TL4", "date": "2026-11-24",
        "ratings": serde_json::Map::from_iter(ratings) });
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let out = crate::support::json(
        &Rungs::new().args(["assess", "--format", "json", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).ok(),
    );
    let file = pinned(&std::fs::read_to_string(dir.join("dev/2026-11-24-developer-self.json")).unwrap());
    assert_eq!(file.target_ladder.map(|s| s.id), Some("tech-lead".to_owned()));
    // Technology: D4 expects step 3, TL4 step 2; meeting 3 covers 2, so it is ready despite "developing".
    assert_eq!(out["competencies"][0]["status"], "ready");
    assert_eq!(out["competencies"][0]["surplus"], true);
    // People: TL4 expects Coordinates (4) above D4's Mentors (3): a gap.
    assert_eq!(out["competencies"][2]["status"], "growing");
}
