//! Views: whose assessment it is. Assessors, blind interviews, series per
//! view, calibration, peers behind a floor, and team rows.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Rungs, assess, json as parse};

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

/// TL4 → TL5 answers: every competency rated `now` at TL4 and `next` at TL5
/// (People, one step for both levels, takes `now` alone), with `evidence`.
fn answers(person: &str, date: &str, now: &str, next: &str, evidence: &str) -> Value {
    let ratings: serde_json::Map<String, Value> = COMPETENCIES
        .iter()
        .map(|c| {
            let entry = if *c == "people" {
                json!({ "current": now, "evidence": format!("{evidence} {c}") })
            } else {
                json!({ "current": now, "target": next, "evidence": format!("{evidence} {c}") })
            };
            ((*c).to_owned(), entry)
        })
        .collect();
    json!({ "person": person, "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

/// The same answers given by `assessor` as `relationship`.
fn by(mut answers: Value, assessor: &str, relationship: &str) -> Value {
    answers["assessor"] = json!(assessor);
    answers["relationship"] = json!(relationship);
    answers
}

fn read(path: &Path) -> Value {
    parse(&std::fs::read_to_string(path).unwrap())
}

fn run_in(dir: &Path, args: &[&str]) -> crate::support::Run {
    Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).run()
}

#[test]
fn a_manager_interview_never_shows_the_persons_own_ratings_or_evidence() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada Lovelace", "2026-05-01", "exceeds", "exceeds", "SELF-EVIDENCE"));
    let mut command = Rungs::new()
        .args(["assess", "--person", "Ada Lovelace", "--relationship", "Manager", "--assessor", "Kim Park"])
        .args(["--current", "TL4", "--target", "TL5", "--date", "2026-06-01", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = Pty::spawn(command);
    pty.expect("Competency 1 of 5: Technology");
    for competency in ["Technology", "System", "People", "Process", "Influence"] {
        pty.answer(&format!("{competency}: their rating at TL4"), ENTER);
        if competency != "People" {
            pty.answer(&format!("{competency}: their rating at TL5"), ENTER);
        }
        pty.answer("Evidence", &format!("MANAGER-SAW {competency}{ENTER}"));
    }
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert!(!transcript.contains("SELF-EVIDENCE"), "the person's evidence leaked:\n{transcript}");
    assert!(!transcript.contains("earlier answer"), "another view's ratings were offered:\n{transcript}");
    assert!(transcript.contains("rungs diff"), "says how to compare the views:\n{transcript}");
    let file = std::fs::read_dir(dir.join("ada-lovelace"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-manager.json"))
        .expect("the manager's file");
    let file = read(&file);
    assert_eq!((file["assessor"].as_str(), file["relationship"].as_str()), (Some("Kim Park"), Some("manager")));
    // Enter took the first rating, never the person's "exceeds".
    assert!(file["ratings"].as_array().unwrap().iter().all(|r| r["rating"] == "not-yet"), "{file}");
    assert_eq!(file["ratings"][0]["evidence"], "MANAGER-SAW Technology");
}

#[test]
fn the_interview_asks_about_the_person_in_the_third_person() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut command = Rungs::new()
        .args(["assess", "--person", "Sam Lee", "--relationship", "manager", "--assessor", "Kim Park", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = Pty::spawn(command);
    pty.expect("Sam Lee's current level");
    pty.send(crate::pty::CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    assert!(!transcript.contains("Your current level"), "{transcript}");
}

#[test]
fn a_manager_view_without_any_assessor_and_no_terminal_exits_2_naming_the_flag() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let answers = answers("Sam Lee", "2026-06-01", "meets", "meets", "x");
    let path = rungs.home().join("a.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let run = Rungs::new()
        .args(["assess", "--person", "Sam Lee", "--relationship", "manager", "--answers"])
        .args([&path])
        .args(["--dir"])
        .args([&dir])
        .fails(2);
    assert!(run.stderr.contains("--assessor"), "{}", run.stderr);
    assert!(!dir.join("sam-lee").exists(), "nothing was saved");
}

#[test]
fn the_assessor_comes_from_the_environment_or_git_and_is_never_the_person() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let manager = by(answers("Sam Lee", "2026-06-01", "meets", "meets", "x"), "", "MANAGER");
    let mut manager = manager;
    manager.as_object_mut().unwrap().remove("assessor");
    let save = |extra: &[(&str, &str)]| {
        let mut rungs = Rungs::new().args(["assess", "--format", "json", "--answers", "-", "--dir"]).args([&dir]);
        for (k, v) in extra {
            rungs = rungs.env(k, v);
        }
        rungs.stdin(manager.to_string()).run()
    };
    let run = save(&[("RUNGS_ASSESSOR", "Kim Park")]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(read(Path::new(parse(&run.stdout)["path"].as_str().unwrap()))["assessor"], "Kim Park");

    let gitconfig = rungs.home().join("git-global");
    std::fs::write(&gitconfig, "[user]\n\tname = Lee Git\n").unwrap();
    let run = save(&[("GIT_CONFIG_GLOBAL", gitconfig.to_str().unwrap())]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(read(Path::new(parse(&run.stdout)["path"].as_str().unwrap()))["assessor"], "Lee Git");

    let run = save(&[("RUNGS_ASSESSOR", "sam lee")]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("cannot give a manager view of themselves"), "{}", run.stderr);
}

#[test]
fn a_self_assessment_by_someone_else_is_refused() {
    let rungs = Rungs::new();
    let answers = by(answers("Sam Lee", "2026-06-01", "meets", "meets", "x"), "Kim Park", "self");
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([rungs.home().join("D")])
        .stdin(answers.to_string())
        .fails(2);
    assert!(run.stderr.contains("--relationship manager"), "{}", run.stderr);
}

/// A store with Ada's self view on tech-lead (with two saves on one day),
/// a self view on another ladder in between, and Kim's manager view.
fn store_with_views(dir: &Path) {
    assess(dir, &answers("Ada", "2026-01-10", "meets", "meets", "q1"));
    let mut developer =
        json!({ "ladder": "developer", "person": "Ada", "current": "D3", "target": "D4", "date": "2026-04-12" });
    developer["ratings"] =
        COMPETENCIES.iter().map(|c| ((*c).to_owned(), json!({ "current": "not-yet", "target": "not-yet" }))).collect();
    assess(dir, &developer);
    assess(dir, &answers("Ada", "2026-05-01", "not-yet", "not-yet", "morning"));
    assess(dir, &answers("Ada", "2026-05-01", "meets", "meets", "afternoon"));
    assess(dir, &answers("Ada", "2026-08-01", "meets", "meets", "q3"));
    assess(dir, &by(answers("Ada", "2026-03-01", "meets", "not-yet", "m1"), "Kim Park", "manager"));
    assess(dir, &by(answers("Ada", "2026-07-01", "meets", "meets", "m2"), "Kim Park", "manager"));
}

#[test]
fn history_counts_streaks_within_one_view_one_save_a_day_across_other_ladders() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store_with_views(&dir);
    let own = parse(&run_in(&dir, &["history", "Ada", "--format", "json"]).stdout);
    assert_eq!((own["relationship"].as_str(), own["ladder"].as_str()), (Some("self"), Some("tech-lead")));
    assert_eq!(own["assessor"], "Ada");
    let dates: Vec<&str> = own["assessments"].as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-01-10", "2026-05-01", "2026-08-01"]);
    assert_eq!(own["sustained"]["technology"], json!({ "since": "2026-01-10", "assessments": 3 }));

    let manager = parse(&run_in(&dir, &["history", "Ada", "--relationship", "manager", "--format", "json"]).stdout);
    assert_eq!(manager["assessor"], "Kim Park");
    assert_eq!(manager["sustained"]["technology"], json!({ "since": "2026-07-01", "assessments": 1 }));

    let developer = parse(&run_in(&dir, &["history", "Ada", "--ladder", "developer", "--format", "json"]).stdout);
    assert_eq!(developer["assessments"].as_array().unwrap().len(), 1);

    let table = run_in(&dir, &["history", "Ada"]).stdout;
    assert!(table.starts_with("Ada: self view on tech-lead, 3 assessments"), "{table}");
    assert!(
        table.contains("rungs history Ada --relationship manager --assessor 'Kim Park' --ladder tech-lead"),
        "{table}"
    );
    assert!(table.contains("rungs history Ada --relationship self --ladder developer"), "{table}");
}

#[test]
fn a_name_and_its_earlier_ones_stay_within_one_view() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store_with_views(&dir);
    let report = |args: &[&str]| parse(&run_in(&dir, &[&["report", "--format", "json"], args].concat()).stdout);
    assert_eq!(report(&["Ada"])["date"], "2026-08-01");
    assert_eq!(report(&["Ada~1"])["date"], "2026-05-01");
    assert_eq!(report(&["Ada~2"])["date"], "2026-01-10");
    assert_eq!(report(&["Ada", "--relationship", "manager"])["date"], "2026-07-01");
    assert_eq!(report(&["Ada@manager~1"])["date"], "2026-03-01");
    assert_eq!(report(&["Ada@Kim Park"])["assessor"], "Kim Park");
    let run = run_in(&dir, &["report", "Ada~3"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("only 3 assessments in the self view on tech-lead"), "{}", run.stderr);
    let run = run_in(&dir, &["report", "Ada", "--relationship", "peer"]);
    assert!(run.stdout.contains("No peer has assessed"), "{run:#?}");
}

#[test]
fn diff_of_ladders_with_nothing_in_common_exits_2() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let ladders = crate::support::fixture("ladders/custom");
    let tl = assess(&dir, &answers("Ada", "2026-01-10", "meets", "meets", "q1"));
    let custom = std::fs::read_to_string(ladders.join("three.toml")).unwrap();
    let id = custom.lines().find_map(|l| l.strip_prefix("id = ")).unwrap().trim_matches('"').to_owned();
    let first_level =
        custom.lines().skip_while(|l| !l.starts_with("[[levels]]")).find_map(|l| l.strip_prefix("id = ")).unwrap();
    let other = Rungs::new()
        .args(["--ladders"])
        .args([&ladders])
        .args([
            "assess",
            "--format",
            "json",
            "--answers",
            "-",
            "--ladder",
            &id,
            "--current",
            first_level.trim_matches('"'),
            "--dir",
        ])
        .args([&dir])
        .stdin(json!({ "person": "Ada", "date": "2026-02-01", "ratings": three_ratings(&custom) }).to_string())
        .run();
    assert_eq!(other.code, 0, "{other:#?}");
    let other = PathBuf::from(parse(&other.stdout)["path"].as_str().unwrap());
    let run = Rungs::new().args(["--ladders"]).args([&ladders]).args(["diff"]).args([&tl, &other]).fails(2);
    assert!(run.stderr.contains("share no competency"), "{}", run.stderr);
}

/// Every competency of a custom ladder file rated `meets` at both levels.
fn three_ratings(toml: &str) -> Value {
    let ids = toml
        .split("[[competencies]]")
        .skip(1)
        .filter_map(|block| block.lines().find_map(|l| l.trim().strip_prefix("id = ")))
        .map(|id| (id.trim_matches('"').to_owned(), json!({ "current": "meets", "target": "meets" })));
    Value::Object(ids.collect())
}

#[test]
fn the_agenda_puts_the_status_change_first_and_shows_both_sides_evidence() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    // One rating apart everywhere at TL4; only People (one step for both levels) changes status.
    let mine = answers("Ada", "2026-06-01", "exceeds", "meets", "MINE");
    let mut theirs = by(answers("Ada", "2026-06-02", "meets", "meets", "THEIRS"), "Kim Park", "manager");
    theirs["ratings"]["people"]["current"] = json!("developing");
    let (me, boss) = (assess(&dir, &mine), assess(&dir, &theirs));
    let out =
        Rungs::new().args(["export"]).args([&me]).args(["--agenda"]).args([&boss]).args(["--format", "markdown"]).ok();
    assert!(out.contains("5 disagreements; 1 changes a status"), "{out}");
    let points: Vec<&str> =
        out.lines().filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". ")).collect();
    assert!(points[0].starts_with("1. People: ready for Ada, below for Kim Park"), "{points:?}");
    for c in COMPETENCIES {
        assert!(out.contains(&format!("MINE {c}")) && out.contains(&format!("THEIRS {c}")), "evidence of {c}:\n{out}");
    }
    assert_eq!(out.matches("For each disagreement").count(), 1, "advice is given once:\n{out}");
    let detail = out.find("### 1. People").expect("People's detail comes first");
    assert!(detail < out.find("### 2.").unwrap(), "{out}");
    assert!(out.contains("## Decisions and actions\n\n- [ ] People: agreed rating and why:"), "{out}");
    let html = Rungs::new()
        .args(["export"])
        .args([&me])
        .args(["--agenda", "@manager", "--format", "html", "--dir"])
        .args([&dir])
        .ok();
    assert!(html.contains("<ul class=\"checklist\"><li") && html.contains("type=\"checkbox\""), "{html}");
    let json = parse(&Rungs::new().args(["diff", "Ada", "Ada@manager", "--format", "json", "--dir"]).args([&dir]).ok());
    assert_eq!(json["calibration"]["agenda"][0]["competency"], "people");
    assert_eq!(json["calibration"]["status_changes"], 1);
}

/// Peers `names` each rate Ada on TL4 → TL5.
fn peers(dir: &Path, names: &[&str]) {
    for (i, name) in names.iter().enumerate() {
        let rating = if i % 2 == 0 { "meets" } else { "exceeds" };
        assess(dir, &by(answers("Ada", "2026-06-01", rating, "developing", &format!("peer note {i}")), name, "peer"));
    }
}

#[test]
fn two_peers_show_no_counts_and_three_do_and_no_peer_is_named() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada", "2026-05-01", "meets", "meets", "own"));
    peers(&dir, &["Pat Quinn", "Rae Sun"]);
    let names = ["Pat Quinn", "Rae Sun", "Tor Vale", "Quinn", "Vale", "Sun"];
    let two = run_in(&dir, &["report", "Ada", "--relationship", "peer"]);
    assert_eq!(two.code, 0, "{two:#?}");
    assert!(two.stdout.contains("fewer than 3 peers"), "{}", two.stdout);
    assert!(!two.stdout.contains("1 meets"), "{}", two.stdout);
    let json = parse(&run_in(&dir, &["report", "Ada", "--relationship", "peer", "--format", "json"]).stdout);
    assert_eq!((json["raters"].as_u64(), json["min_raters"].as_u64()), (Some(2), Some(3)));
    assert_eq!(json["relationship"], "peer");
    assert!(json["competencies"][0]["levels"][0]["ratings"].is_null(), "{json}");
    assert!(json["competencies"][0]["evidence"].as_array().unwrap().is_empty(), "no evidence below the floor: {json}");

    peers(&dir, &["Tor Vale"]);
    let three = run_in(&dir, &["report", "Ada@peer"]);
    assert!(three.stdout.contains("2 meets, 1 exceeds"), "{}", three.stdout);
    let json = parse(&run_in(&dir, &["report", "Ada", "--relationship", "peer", "--format", "json"]).stdout);
    assert_eq!(
        json["competencies"][0]["levels"][0]["ratings"],
        json!({ "not-yet": 0, "developing": 0, "meets": 2, "exceeds": 1 })
    );
    let case = run_in(&dir, &["export", "Ada", "--format", "markdown"]).stdout;
    assert!(case.contains("Peer feedback: 3 peers"), "{case}");
    for text in [three.stdout.as_str(), &json.to_string(), &case] {
        for name in names {
            assert!(!text.contains(name), "{name} appears in:\n{text}");
        }
    }
    let two_floor = run_in(&dir, &["report", "Ada", "--relationship", "peer", "--min-raters", "4"]).stdout;
    assert!(two_floor.contains("fewer than 4 peers"), "{two_floor}");
}

#[test]
fn team_shows_the_managers_view_says_which_and_counts_disagreements() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada", "2026-05-01", "meets", "meets", "own"));
    let mut manager = by(answers("Ada", "2026-05-02", "meets", "meets", "mgr"), "Kim Park", "manager");
    manager["ratings"]["people"]["current"] = json!("developing");
    manager["ratings"]["technology"]["target"] = json!("developing");
    assess(&dir, &manager);
    assess(&dir, &answers("Bo", "2026-05-01", "meets", "meets", "own"));
    let rows = parse(&run_in(&dir, &["team", "--format", "json"]).stdout);
    let row = |person: &str| rows.as_array().unwrap().iter().find(|r| r["person"] == person).unwrap().clone();
    assert_eq!(
        (row("Ada")["relationship"].as_str(), row("Ada")["assessor"].as_str()),
        (Some("manager"), Some("Kim Park"))
    );
    assert_eq!(row("Ada")["disagreements"], 2);
    assert_eq!(row("Bo")["relationship"], "self");
    assert!(row("Bo")["disagreements"].is_null());
    let own = parse(&run_in(&dir, &["team", "--relationship", "self", "--format", "json"]).stdout);
    assert!(own.as_array().unwrap().iter().all(|r| r["relationship"] == "self"), "{own}");
    let table = run_in(&dir, &["team"]).stdout;
    assert!(table.contains("manager") && table.contains("Differ"), "{table}");
}

#[test]
fn an_answers_target_that_contradicts_the_one_rating_is_an_error_naming_the_key() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut contradicting = answers("Ada", "2026-05-01", "meets", "meets", "x");
    contradicting["ratings"]["people"]["target"] = json!("developing");
    let run =
        Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([&dir]).stdin(contradicting.to_string()).fails(2);
    assert!(run.stderr.contains("ratings.people.target"), "{}", run.stderr);
    let mut agreeing = answers("Ada", "2026-05-01", "meets", "meets", "x");
    agreeing["ratings"]["people"]["target"] = json!("meets");
    assess(&dir, &agreeing);
}

#[test]
fn team_falls_back_to_the_latest_readable_assessment_and_names_the_broken_one() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada", "2026-05-01", "meets", "meets", "own"));
    let broken = dir.join("ada/2026-09-01-tech-lead-self.json");
    std::fs::write(&broken, "").unwrap();
    let run = run_in(&dir, &["team", "--format", "json"]);
    assert_eq!(run.code, 1, "a skipped file makes the exit code 1: {run:#?}");
    let rows = parse(&run.stdout);
    assert_eq!(rows[0]["date"], "2026-05-01", "{rows}");
    assert!(run.stderr.contains("2026-09-01-tech-lead-self.json"), "{}", run.stderr);
}

#[test]
fn relationship_flags_ignore_case_everywhere() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    store_with_views(&dir);
    for args in [
        &["report", "Ada", "--relationship", "MANAGER"][..],
        &["history", "Ada", "--relationship", "Manager"],
        &["team", "--relationship", "Self"],
    ] {
        let run = run_in(&dir, args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
    }
}

#[test]
fn one_peers_view_is_never_shown_on_its_own() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada", "2026-05-01", "meets", "meets", "own"));
    peers(&dir, &["Pat Quinn"]);
    let attempts: [&[&str]; 5] = [
        &["chart", "Ada", "--relationship", "peer"],
        &["export", "Ada", "--relationship", "peer"],
        &["diff", "Ada", "Ada@peer"],
        &["export", "Ada", "--agenda", "@peer"],
        &["history", "Ada", "--relationship", "peer", "--assessor", "Pat Quinn"],
    ];
    for args in attempts {
        let run = run_in(&dir, args);
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains("peer views are shown only together") && !run.stdout.contains("Pat Quinn"),
            "{run:#?}"
        );
    }
}

#[test]
fn list_never_names_a_peer_and_a_peer_file_is_not_shown_alone() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    peers(&dir, &["Pat Quinn"]);
    let table = run_in(&dir, &["list"]);
    let json = run_in(&dir, &["list", "--format", "json"]);
    assert!(!table.stdout.contains("Pat") && !json.stdout.contains("Pat"), "{table:#?}\n{json:#?}");
    assert!(parse(&json.stdout)[0]["assessor"].is_null());
    let file = std::fs::read_dir(dir.join("ada")).unwrap().map(|e| e.unwrap().path()).next().unwrap();
    let run = Rungs::new().args(["report"]).args([&file]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(!run.stdout.contains("Pat"));
}

#[test]
fn the_other_view_is_taken_on_the_first_ones_ladder() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Ada", "2026-05-01", "meets", "meets", "own"));
    assess(&dir, &by(answers("Ada", "2026-05-02", "meets", "meets", "mgr"), "Kim Park", "manager"));
    let mut later =
        json!({ "ladder": "developer", "person": "Ada", "current": "D3", "target": "D4", "date": "2026-06-01" });
    later["ratings"] =
        COMPETENCIES.iter().map(|c| ((*c).to_owned(), json!({ "current": "meets", "target": "meets" }))).collect();
    later["assessor"] = json!("Kim Park");
    later["relationship"] = json!("manager");
    assess(&dir, &later);
    // The latest manager view is on developer; beside the self view on tech-lead, the tech-lead one counts.
    let diff = parse(&run_in(&dir, &["diff", "Ada@self", "@manager", "--format", "json"]).stdout);
    assert_eq!(diff["sides"]["new"]["ladder"], "tech-lead", "{diff}");
    let rows = parse(&run_in(&dir, &["team", "--format", "json"]).stdout);
    assert_eq!(rows[0]["ladder"], "developer");
    assert!(rows[0]["disagreements"].is_null(), "no self view on the manager's ladder to compare with: {rows}");
    let same = run_in(&dir, &["diff", "Ada@manager", "@manager"]);
    assert_eq!(same.code, 2, "{same:#?}");
    assert!(same.stderr.contains("the same assessment"), "{}", same.stderr);
}

#[test]
fn json_on_stdout_carries_hidden_characters_as_escapes_and_decodes_exactly() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let name = "Ada\u{85}\u{202e}\u{7f}";
    assess(&dir, &answers(name, "2026-05-01", "meets", "meets", "x"));
    let out = run_in(&dir, &["list", "--format", "json"]).stdout;
    assert!(!out.contains('\u{85}') && !out.contains('\u{202e}') && !out.contains('\u{7f}'), "{out}");
    assert_eq!(parse(&out)[0]["person"], name);
}
