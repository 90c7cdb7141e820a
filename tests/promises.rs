//! Every output keeps the promises: a partial file is never "ready", one
//! rule for "latest", `NAME~N` in history, peers never shown alone, and
//! stored text never becomes Markdown.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Rungs, assess, json as parse};

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

/// TL4 → TL5 answers of `person` on `date`, every competency rated
/// `rating` at both levels, with `evidence`.
fn answers(person: &str, date: &str, rating: &str, evidence: &str) -> Value {
    let ratings: serde_json::Map<String, Value> = COMPETENCIES
        .iter()
        .map(|c| {
            let entry = if *c == "people" {
                json!({ "current": rating, "evidence": evidence })
            } else {
                json!({ "current": rating, "target": rating, "evidence": evidence })
            };
            ((*c).to_owned(), entry)
        })
        .collect();
    json!({ "person": person, "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

fn run_in(dir: &Path, args: &[&str]) -> crate::support::Run {
    Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).run()
}

/// Rewrites a saved file as a collaborator with push rights could.
fn tamper(path: &Path, change: impl FnOnce(&mut Value)) {
    let mut file = parse(&std::fs::read_to_string(path).unwrap());
    change(&mut file);
    std::fs::write(path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
}

/// Keeps only the ratings of the competencies in `kept`.
fn keep_only(path: &Path, kept: &[&str]) {
    tamper(path, |file| {
        let ratings = file["ratings"].as_array_mut().unwrap();
        ratings.retain(|r| kept.contains(&r["competency"].as_str().unwrap()));
    });
}

/// A store holding one self assessment of Kai, all `exceeds`, cut down to `kept`.
fn partial(kept: &[&str]) -> (Rungs, PathBuf, PathBuf) {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let file = assess(&dir, &answers("Kai", "2026-05-01", "exceeds", "did it"));
    keep_only(&file, kept);
    (rungs, dir, file)
}

#[test]
fn a_file_rating_one_of_five_competencies_is_not_ready_in_report_list_team_or_the_case() {
    let (_rungs, dir, _) = partial(&["technology"]);
    let report = run_in(&dir, &["report", "Kai"]);
    assert_eq!(report.code, 0, "{report:#?}");
    assert!(!report.stdout.contains("Ready for TL5"), "{}", report.stdout);
    assert!(report.stdout.contains("1 of 5 competencies ready for TL5"), "{}", report.stdout);
    assert!(report.stdout.contains("Not rated: System, People, Process, Influence"), "{}", report.stdout);
    let json = parse(&run_in(&dir, &["report", "Kai", "--format", "json"]).stdout);
    assert_eq!(
        (json["ready"].as_bool(), json["ready_count"].as_u64(), json["total"].as_u64()),
        (Some(false), Some(1), Some(5))
    );
    assert_eq!(json["not_rated"], json!(["system", "people", "process", "influence"]));
    let list = run_in(&dir, &["list"]);
    assert!(list.stdout.contains("1/5, 4 not rated"), "{}", list.stdout);
    let listed = parse(&run_in(&dir, &["list", "--format", "json"]).stdout);
    assert_eq!((listed[0]["ready_count"].as_u64(), listed[0]["total"].as_u64()), (Some(1), Some(5)));
    let team = run_in(&dir, &["team"]);
    assert!(team.stdout.contains("1/5, 4 not rated"), "{}", team.stdout);
    let team = parse(&run_in(&dir, &["team", "--format", "json"]).stdout);
    assert_eq!((team[0]["ready_count"].as_u64(), team[0]["total"].as_u64()), (Some(1), Some(5)));
    let history = run_in(&dir, &["history", "Kai"]);
    assert!(history.stdout.contains("1/5, 4 not rated"), "{}", history.stdout);
    let case = run_in(&dir, &["export", "Kai"]);
    assert_eq!(case.code, 0, "{case:#?}");
    assert!(!case.stdout.contains("Verdict: ready"), "{}", case.stdout);
    assert!(case.stdout.contains("Verdict: 1 of 5 competencies ready for TL5."), "{}", case.stdout);
}

#[test]
fn a_file_with_no_ratings_is_not_ready_anywhere() {
    let (_rungs, dir, _) = partial(&[]);
    let report = run_in(&dir, &["report", "Kai"]);
    assert!(report.stdout.contains("0 of 5 competencies ready for TL5"), "{report:#?}");
    let list = run_in(&dir, &["list"]);
    assert!(list.stdout.contains("0/5, 5 not rated"), "{}", list.stdout);
}

#[test]
fn check_names_a_file_that_misses_competencies_its_target_level_expects() {
    let (_rungs, dir, file) = partial(&["technology"]);
    let run = Rungs::new().args(["check", "--format", "json", "--dir"]).args([&dir]).fails(1);
    let problems = parse(&run.stdout)["problems"].clone();
    let name = file.file_name().unwrap().to_str().unwrap();
    let found = problems.as_array().unwrap().iter().find(|p| p["kind"] == "incomplete").expect("an incomplete file");
    assert!(found["path"].as_str().unwrap().ends_with(name), "{problems}");
    assert_eq!(
        found["message"],
        "TL5 expects competencies it does not rate: system, people, process, influence (not rated counts as not ready)"
    );
    let table = Rungs::new().args(["check", "--dir"]).args([&dir]).fails(1);
    assert!(table.stdout.contains("incomplete"), "{}", table.stdout);
}

#[test]
fn check_passes_a_complete_file() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Kai", "2026-05-01", "exceeds", "did it"));
    Rungs::new().args(["check", "--dir"]).args([&dir]).ok();
}

#[test]
fn with_one_files_date_corrected_team_report_and_history_agree_on_the_latest() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let may = assess(&dir, &answers("Kai", "2026-05-01", "exceeds", "may"));
    let july = assess(&dir, &answers("Kai", "2026-07-01", "developing", "july"));
    // The May file's date is corrected inside it: it is the latest now, whatever its name says.
    tamper(&may, |file| file["date"] = json!("2026-08-01"));
    let report = parse(&run_in(&dir, &["report", "Kai", "--format", "json"]).stdout);
    let team = parse(&run_in(&dir, &["team", "--format", "json"]).stdout);
    let history = parse(&run_in(&dir, &["history", "Kai", "--format", "json"]).stdout);
    let last = history["assessments"].as_array().unwrap().last().unwrap().clone();
    let may = may.to_str().unwrap();
    assert_eq!(report["path"], may);
    assert_eq!(team[0]["path"], may, "{team}");
    assert_eq!(last["path"], may, "{history}");
    assert_eq!((team[0]["date"].as_str(), last["date"].as_str()), (Some("2026-08-01"), Some("2026-08-01")));
    assert_ne!(team[0]["path"], july.to_str().unwrap());
}

#[test]
fn history_name_tilde_n_is_the_history_up_to_that_assessment() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    for date in ["2026-01-01", "2026-04-01", "2026-07-01"] {
        assess(&dir, &answers("Kai", date, "meets", date));
    }
    let history = parse(&run_in(&dir, &["history", "Kai~1", "--format", "json"]).stdout);
    let dates: Vec<&str> =
        history["assessments"].as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-01-01", "2026-04-01"]);
    assert_eq!(history["sustained"]["technology"]["assessments"], 2, "{history}");
    let table = run_in(&dir, &["history", "Kai~2"]);
    assert!(table.stdout.contains("Kai: self view on tech-lead, 1 assessment"), "{}", table.stdout);
    let too_far = Rungs::new().args(["history", "Kai~3", "--dir"]).args([&dir]).fails(2);
    assert_eq!(
        too_far.stderr.trim_end(),
        "error: Kai has only 3 assessments in the self view on tech-lead; Kai~2 is the earliest"
    );
}

/// Sam's self view, and a peer view by each of `peers`, the first all
/// `exceeds` and the rest all `not-yet`, each with evidence naming its peer.
fn peer_store(peers: &[&str]) -> (Rungs, PathBuf) {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Sam Lee", "2026-05-01", "meets", "self"));
    for (i, peer) in peers.iter().enumerate() {
        let rating = if i == 0 { "exceeds" } else { "not-yet" };
        let mut view = answers("Sam Lee", "2026-05-02", rating, &format!("seen by {peer}"));
        view["assessor"] = json!(peer);
        view["relationship"] = json!("peer");
        assess(&dir, &view);
    }
    (rungs, dir)
}

#[test]
fn list_shows_peers_only_as_one_row_and_only_at_the_floor() {
    let (_rungs, dir) = peer_store(&["Ann Peer", "Bo Peer"]);
    for format in ["table", "markdown", "json"] {
        let out = run_in(&dir, &["list", "--format", format]).stdout;
        assert!(!out.contains("peer") && !out.contains("2026-05-02"), "two peers are below the floor:\n{out}");
    }
    let (_rungs, dir) = peer_store(&["Ann Peer", "Bo Peer", "Cy Peer"]);
    let table = run_in(&dir, &["list"]).stdout;
    assert!(table.contains("peers (3)"), "{table}");
    assert_eq!(table.matches("2026-05-02").count(), 1, "one row for the peers:\n{table}");
    let rows = parse(&run_in(&dir, &["list", "--format", "json"]).stdout);
    let peers: Vec<&Value> = rows.as_array().unwrap().iter().filter(|r| r["relationship"] == "peer").collect();
    assert_eq!(peers.len(), 1, "{rows}");
    assert_eq!(peers[0]["raters"], 3);
    assert_eq!((peers[0]["assessor"].is_null(), peers[0]["ready_count"].is_null()), (true, true), "{rows}");
    assert!(Path::new(peers[0]["path"].as_str().unwrap()).is_dir(), "no peer's file is named: {rows}");
}

#[test]
fn list_ratings_leaves_every_peer_rating_out_in_every_format() {
    let (_rungs, dir) = peer_store(&["Ann Peer", "Bo Peer"]);
    for format in ["csv", "json", "ndjson"] {
        let run = run_in(&dir, &["list", "--ratings", "--format", format]);
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(!run.stdout.contains("exceeds") && !run.stdout.contains("peer"), "{format}:\n{}", run.stdout);
        assert!(run.stderr.contains("2 peer assessments left out"), "{}", run.stderr);
    }
}

#[test]
fn the_anonymity_floor_can_be_raised_but_never_lowered() {
    let (_rungs, dir) = peer_store(&["Ann Peer", "Bo Peer"]);
    for command in [&["report", "Sam Lee", "--relationship", "peer"][..], &["export", "Sam Lee"]] {
        let run = Rungs::new().args(command.iter().copied()).args(["--min-raters", "2", "--dir"]).args([&dir]).fails(2);
        assert!(run.stderr.contains("--min-raters"), "{}", run.stderr);
        assert!(run.stderr.contains("2 is not in 3.."), "{}", run.stderr);
    }
    let raised = run_in(&dir, &["report", "Sam Lee", "--relationship", "peer", "--min-raters", "4"]);
    assert!(raised.stdout.contains("fewer than 4 peers"), "{raised:#?}");
}

#[test]
fn asking_for_one_peers_view_answers_the_same_whether_or_not_they_reviewed() {
    let (_rungs, dir) = peer_store(&["Ann Peer", "Bo Peer", "Cy Peer"]);
    let answer = |who: &str, args: &[&str]| {
        let named: Vec<String> = args.iter().map(|a| a.replace("WHO", who)).collect();
        let run = Rungs::new().args(&named).args(["--dir"]).args([&dir]).run();
        (run.code, run.stdout, run.stderr.replace(who, "WHO"))
    };
    let asks: [&[&str]; 6] = [
        &["report", "Sam Lee@WHO"],
        &["report", "Sam Lee", "--assessor", "WHO"],
        &["report", "Sam Lee", "--relationship", "peer", "--assessor", "WHO"],
        &["history", "Sam Lee@WHO"],
        &["diff", "Sam Lee", "Sam Lee@WHO"],
        &["export", "Sam Lee", "--agenda", "@WHO"],
    ];
    for args in asks {
        let reviewer = answer("Ann Peer", args);
        let stranger = answer("Zed Other", args);
        assert_eq!(reviewer, stranger, "{args:?}");
        assert_eq!(reviewer.0, 2, "{reviewer:?}");
        assert!(reviewer.2.contains("peer views are shown only together"), "{args:?}: {}", reviewer.2);
    }
}

/// Evidence that would be a heading, a table, a quote, a code block, lists,
/// HTML, links and a setext heading if it reached Markdown as markup.
const HOSTILE: &str = "## Verdict: approved by the committee\n| a | b |\n| --- | --- |\n> quote\n```\nx\n```\n1. item\n- item\n    indented code\n<b>bold</b> [link](https://evil.example) https://evil.example www.evil.example\n===";

/// The same lines as plain words: what `HOSTILE` must render like.
const PLAIN: &str = "Verdict approved by the committee\na b\nc d\nquote\nfence\nx\nfence\nitem\nitem\nindented code\nbold link evil example evil example\neq";

/// A store where `text` is every stored text: self, manager and three peers'
/// evidence, a note and a goal; returns the Markdown of every output.
fn every_markdown(text: &str) -> Vec<(String, String)> {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Kai", "2026-05-01", "exceeds", text));
    let mut manager = answers("Kai", "2026-05-02", "developing", text);
    manager["assessor"] = json!("Kim Park");
    manager["relationship"] = json!("manager");
    assess(&dir, &manager);
    for peer in ["Ann", "Bo", "Cy"] {
        let mut view = answers("Kai", "2026-05-03", "meets", text);
        view["assessor"] = json!(peer);
        view["relationship"] = json!("peer");
        assess(&dir, &view);
    }
    let journal: [&[&str]; 2] = [
        &["note", "--person", "Kai", "-c", "people", "--date", "2026-05-04", text],
        &["goal", "add", "--person", "Kai", "-c", "process", text],
    ];
    let outputs: [&[&str]; 11] = [
        &["report", "Kai", "--format", "markdown"],
        &["report", "Kai", "--relationship", "peer", "--format", "markdown"],
        &["history", "Kai", "--format", "markdown"],
        &["diff", "Kai", "Kai@manager", "--format", "markdown"],
        &["export", "Kai"],
        &["export", "Kai", "--agenda", "@manager"],
        &["list", "--format", "markdown"],
        &["team", "--format", "markdown"],
        &["notes", "Kai", "--format", "markdown"],
        &["goals", "Kai", "--format", "markdown"],
        &["ladder", "show", "tech-lead", "--format", "markdown"],
    ];
    let run = |args: &[&str]| {
        let run =
            Rungs::new().args(args.iter().copied()).args(["--dir"]).args([&dir]).env("RUNGS_TODAY", "2026-06-01").run();
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        run.stdout
    };
    for args in journal {
        run(args);
    }
    outputs.iter().map(|args| (args.join(" "), run(args))).collect()
}

/// The blocks and inline markup a CommonMark (GFM) renderer makes of `md`,
/// without their text, and the text it shows, lines joined by newlines.
fn rendered(md: &str) -> (Vec<String>, String) {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let (mut structure, mut text) = (Vec::new(), String::new());
    let kind = |debug: String| debug.split(['(', ' ', '{']).next().unwrap_or_default().to_owned();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => structure.push(format!("start {}", kind(format!("{tag:?}")))),
            Event::End(tag) => structure.push(format!("end {}", kind(format!("{tag:?}")))),
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            other => structure.push(kind(format!("{other:?}"))),
        }
    }
    (structure, text)
}

#[test]
fn stored_text_never_becomes_markup_in_any_markdown_output() {
    let hostile = every_markdown(HOSTILE);
    let plain = every_markdown(PLAIN);
    for ((command, md), (_, expected)) in hostile.iter().zip(&plain) {
        let (made, shown) = rendered(md);
        assert_eq!(made, rendered(expected).0, "{command}: stored text made markup:\n{md}");
        if command.starts_with("export") || command.contains("peer") || command.starts_with("notes") {
            for line in ["## Verdict: approved by the committee", "| a | b |", "> quote", "```", "1. item"] {
                assert!(shown.contains(line), "{command}: `{line}` is not shown as text:\n{shown}");
            }
        }
    }
}

/// Each rating a generated view may give.
const RATINGS: [&str; 4] = ["not-yet", "developing", "meets", "exceeds"];

/// A store of Kai's self view, a manager's view and one view per peer, each
/// peer rating every competency as generated, with evidence and a name no
/// other text holds.
fn store_with_peers(peers: &[Vec<usize>]) -> (Rungs, PathBuf) {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Kai", "2026-05-01", "meets", "self said"));
    let mut manager = answers("Kai", "2026-05-02", "developing", "manager said");
    manager["assessor"] = json!("Kim Park");
    manager["relationship"] = json!("manager");
    assess(&dir, &manager);
    for (i, ratings) in peers.iter().enumerate() {
        let mut view = answers("Kai", &format!("2026-05-0{}", 3 + i), "meets", &format!("Peerevidence{i}"));
        for (c, rating) in COMPETENCIES.iter().zip(ratings) {
            let entry = &mut view["ratings"][c];
            entry["current"] = json!(RATINGS[*rating]);
            if *c != "people" {
                entry["target"] = json!(RATINGS[*rating]);
            }
        }
        view["assessor"] = json!(format!("Peername{i}"));
        view["relationship"] = json!("peer");
        assess(&dir, &view);
    }
    (rungs, dir)
}

/// What every output of a store prints, stdout and stderr, by command.
fn every_output(dir: &Path) -> Vec<(String, String)> {
    let outputs: [&[&str]; 16] = [
        &["list"],
        &["list", "--format", "json"],
        &["list", "--ratings", "--format", "csv"],
        &["list", "--ratings", "--format", "json"],
        &["list", "--ratings", "--format", "ndjson"],
        &["report", "Kai"],
        &["report", "Kai", "--format", "json"],
        &["report", "Kai", "--relationship", "peer"],
        &["report", "Kai", "--relationship", "peer", "--format", "json"],
        &["history", "Kai", "--format", "json"],
        &["diff", "Kai", "Kai@manager", "--format", "json"],
        &["team", "--format", "json"],
        &["export", "Kai"],
        &["export", "Kai", "--agenda", "@manager", "--format", "html"],
        &["chart", "Kai"],
        &["history", "Kai"],
    ];
    outputs
        .iter()
        .map(|args| {
            let run = run_in(dir, args);
            assert_eq!(run.code, 0, "{args:?}: {run:#?}");
            (args.join(" "), format!("{}{}", run.stdout, run.stderr))
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 6, ..proptest::test_runner::Config::default() })]

    /// Below the floor no output holds a peer's rating or evidence, and no
    /// output ever names a peer.
    #[test]
    fn no_output_shows_one_peer(peers in proptest::collection::vec(proptest::collection::vec(0..4usize, 5), 1..=5)) {
        let (_rungs, dir) = store_with_peers(&peers);
        let below = peers.len() < 3;
        for (command, out) in every_output(&dir) {
            proptest::prop_assert!(!out.contains("Peername"), "{} names a peer:\n{}", command, out);
            proptest::prop_assert!(!below || !out.contains("Peerevidence"), "{} shows a peer's evidence:\n{}", command, out);
            let rows = command.contains("--ratings") || (below && command == "list --format json");
            proptest::prop_assert!(!rows || (!out.contains("\"peer\"") && !out.contains(",peer,")), "{}:\n{}", command, out);
            if command.ends_with("--relationship peer --format json") {
                let aggregate = parse(&out);
                for competency in aggregate["competencies"].as_array().unwrap() {
                    for cell in competency["levels"].as_array().unwrap() {
                        proptest::prop_assert_eq!(cell["ratings"].is_null(), below, "{}", aggregate);
                    }
                }
            }
        }
    }
}

#[test]
fn team_and_the_calibration_count_the_same_disagreements() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("Kai", "2026-05-01", "exceeds", "self"));
    let mut manager = answers("Kai", "2026-05-02", "meets", "manager");
    for (c, rating) in [("technology", "not-yet"), ("people", "developing")] {
        manager["ratings"][c]["current"] = json!(rating);
    }
    manager["assessor"] = json!("Kim Park");
    manager["relationship"] = json!("manager");
    assess(&dir, &manager);
    let diff = parse(&run_in(&dir, &["diff", "Kai", "Kai@manager", "--format", "json"]).stdout);
    let team = parse(&run_in(&dir, &["team", "--format", "json"]).stdout);
    assert_eq!(diff["calibration"]["status_changes"], 1, "only People changes a status: {diff}");
    assert_eq!(team[0]["disagreements"], diff["calibration"]["status_changes"], "{team}");
}

#[test]
fn check_names_a_file_whose_target_level_its_ladder_does_not_have() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let file = assess(&dir, &answers("Kai", "2026-05-01", "exceeds", "did it"));
    tamper(&file, |file| file["target"] = json!("TL9"));
    let run = Rungs::new().args(["check", "--format", "json", "--dir"]).args([&dir]).fails(1);
    let problems = parse(&run.stdout)["problems"].clone();
    assert_eq!(problems[0]["kind"], "unknown-level", "{problems}");
    assert_eq!(problems[0]["message"], "its target level `TL9` is not a level of `tech-lead`");
}

#[test]
fn a_file_that_rates_only_the_current_level_is_not_ready_where_the_target_asks_more() {
    // Every target-level entry removed: the TL4 ratings alone never rate TL5's higher steps.
    let (_rungs, dir, file) = partial(&COMPETENCIES);
    tamper(&file, |f| f["ratings"].as_array_mut().unwrap().retain(|r| r["level"] == "TL4"));
    let report = parse(&run_in(&dir, &["report", "Kai", "--format", "json"]).stdout);
    assert_eq!(report["ready"], false, "{report}");
    // People asks the same step at TL4 and TL5, so its one rating still counts; the others are not rated.
    let not_rated: Vec<&str> = report["not_rated"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(not_rated, ["technology", "system", "process", "influence"]);
    let list = run_in(&dir, &["list"]).stdout;
    assert!(list.contains("1/5, 4 not rated"), "{list}");
    let team = run_in(&dir, &["team", "--format", "json"]).stdout;
    assert_eq!(parse(&team)[0]["ready_count"], 1, "{team}");
    let case = run_in(&dir, &["export", "Kai"]).stdout;
    assert!(!case.contains("Verdict: ready"), "{case}");
    let check = run_in(&dir, &["check"]);
    assert_eq!(check.code, 1, "{check:#?}");
    assert!(check.stdout.contains("incomplete") || check.stderr.contains("incomplete"), "{check:#?}");
}

#[test]
fn a_rating_at_a_level_the_file_is_not_about_rates_nothing() {
    let (_rungs, dir, file) = partial(&COMPETENCIES);
    tamper(&file, |f| {
        for r in f["ratings"].as_array_mut().unwrap() {
            if r["competency"] == "people" {
                r["level"] = "TL9".into();
            }
        }
    });
    let report = parse(&run_in(&dir, &["report", "Kai", "--format", "json"]).stdout);
    assert_eq!(report["ready"], false, "{report}");
    assert_eq!(report["not_rated"], json!(["people"]), "{report}");
}
