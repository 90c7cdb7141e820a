//! One answer to every mistake: naming something that is not there exits 2
//! with a message that names the flag, and suggests what is near.

use serde_json::json;

use crate::support::{Rungs, assess, json as parse, repo};

fn answers(date: &str, evidence: &str) -> serde_json::Value {
    let r = |e: &str| json!({ "current": "meets", "target": "meets", "evidence": e });
    json!({ "person": "Ada", "current": "TL4", "target": "TL5", "date": date,
        "ratings": { "technology": r(evidence), "system": r(evidence), "people": { "current": "meets", "evidence": evidence },
                     "process": r(evidence), "influence": r(evidence) } })
}

#[test]
fn every_unknown_name_exits_2_naming_the_flag_with_a_near_match() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-05-01", "x"));
    let cases: [(&[&str], &str); 11] = [
        (&["notes", "Ada", "--competency", "peple"], "did you mean `people`?"),
        (&["goal", "done", "g000000"], "no goal `g000000`"),
        (&["report", "Ada~5"], "has only 1 assessment"),
        (&["assess", "--ladder", "tech-led", "--current", "TL4"], "--ladder: unknown ladder `tech-led`"),
        (&["assess", "--current", "TL9"], "--current: unknown level `TL9`"),
        (&["assess", "--current", "TL4", "--target", "TL55"], "--target: unknown level `TL55`"),
        (&["report", "Adda"], "did you mean: ada?"),
        (&["report", "Ada", "--relationship", "boss"], "--relationship"),
        (&["report", "Ada", "--relationship", "manager"], "relationship manager"),
        (&["note", "--person", "Ada", "-c", "peple", "x"], "--competency: `peple`"),
        (&["ladder", "show", "tech-led"], "did you mean `tech-lead`?"),
    ];
    for (args, expected) in cases {
        let run = Rungs::new().args(args.iter().copied()).args(["--dir"]).args([&dir]).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_date_in_the_future_is_refused_unless_allowed() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let ahead = answers("2030-01-01", "x");
    let run = Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([&dir]).stdin(ahead.to_string()).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("2030-01-01 is in the future") && run.stderr.contains("--allow-future"),
        "{}",
        run.stderr
    );
    let run = Rungs::new()
        .args(["assess", "--allow-future", "--answers", "-", "--dir"])
        .args([&dir])
        .stdin(ahead.to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let run = Rungs::new().args(["note", "--person", "Ada", "--date", "2030-01-01", "x", "--dir"]).args([&dir]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("--date"), "{}", run.stderr);
}

#[test]
fn a_person_with_only_a_draft_is_not_a_person_yet_and_the_draft_is_named() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    std::fs::create_dir_all(dir.join("bo")).unwrap();
    std::fs::write(dir.join("bo/.draft-tech-lead-self.json"), r#"{ "person": "Bo", "current": "TL4" }"#).unwrap();
    assess(&dir, &answers("2026-05-01", "x"));
    let report = Rungs::new().args(["report", "--format", "json", "--dir"]).args([&dir]).run();
    assert_eq!(report.code, 0, "only Ada has assessments: {report:#?}");
    assert_eq!(parse(&report.stdout)["person"], "Ada");
    let run = Rungs::new().args(["report", "bo", "--dir"]).args([&dir]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains(".draft-tech-lead-self.json"), "{}", run.stderr);
    assert!(run.stderr.contains("rungs assess --resume --person bo --ladder tech-lead"), "{}", run.stderr);
}

#[test]
fn counts_read_naturally() {
    let examples = repo("assessments");
    let out = Rungs::new().args(["history", "Robin Quill", "--dir"]).args([&examples]).ok();
    assert!(out.contains("2 assessments") && out.contains("1 assessment in a row"), "{out}");
    assert!(!out.contains("(s)"), "{out}");
}

#[test]
fn diff_reports_removed_evidence() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-05-01", "was here"));
    assess(&dir, &answers("2026-08-01", ""));
    let out = Rungs::new().args(["diff", "Ada", "--dir"]).args([&dir]).ok();
    assert!(out.contains("Technology (removed): was here"), "{out}");
    let json = parse(&Rungs::new().args(["diff", "Ada", "--format", "json", "--dir"]).args([&dir]).ok());
    assert_eq!(json["evidence"][0]["to"], "");
    assert_eq!(json["evidence"][0]["from"], "was here");
}
