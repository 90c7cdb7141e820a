//! A day with rungs: typed and kept evidence is never dropped, the person's
//! journal stays theirs, the interview says whom it assesses, no name means
//! you, the promotion case covers the whole period with honest dates and
//! prints compactly, and the agenda's notes run since the manager view before.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Rungs, assess, json as parse};

/// Evidence of two lines, saved in an earlier assessment.
const KEPT: &str = "On-call owner for the billing service since June\nRan the incident reviews of the quarter";

/// `rungs ARGS --dir DIR` with today fixed; fails the test unless it succeeds.
fn ok(dir: &Path, args: &[&str]) -> String {
    // A day after every assessment the tests save (the latest is 2026-11-25).
    let run =
        Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).env("RUNGS_TODAY", "2026-11-26").run();
    assert_eq!(run.code, 0, "rungs {args:?}: {run:#?}");
    run.stdout
}

/// Ada's self-assessment from TL4 to TL5 on `date`, System's evidence `system`.
fn answers(date: &str, system: Option<&str>) -> Value {
    let r = json!({ "current": "meets", "target": "developing", "evidence": "" });
    let mut system_entry = json!({ "current": "meets", "target": "developing" });
    if let Some(text) = system {
        system_entry["evidence"] = json!(text);
    }
    json!({ "person": "Ada Lovelace", "current": "TL4", "target": "TL5", "date": date,
        "ratings": { "technology": r, "system": system_entry, "people": { "current": "meets", "evidence": "" },
            "process": r, "influence": r } })
}

/// The only assessment file saved on `date` in Ada's folder.
fn saved_on(dir: &Path, date: &str) -> PathBuf {
    std::fs::read_dir(dir.join("ada-lovelace"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(date))
        .unwrap_or_else(|| panic!("no assessment of {date}"))
}

fn evidence_of(path: &Path, competency: &str) -> Value {
    let saved = parse(&std::fs::read_to_string(path).unwrap());
    saved["ratings"].as_array().unwrap().iter().find(|r| r["competency"] == competency).unwrap().clone()
}

/// An interview of Ada on 2026-11-24 that asks System's target rating and
/// evidence, after an earlier assessment with [`KEPT`] and a note on System.
fn second_interview(rungs: &Rungs) -> (Pty, PathBuf) {
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-06-01", Some(KEPT)));
    ok(
        &dir,
        &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-01", "Wrote the failover runbook"],
    );
    let mut now = answers("2026-11-24", None);
    now["ratings"]["system"] = json!({ "current": "meets" });
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, now.to_string()).unwrap();
    let mut command = Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).command();
    crate::support::isolate(&mut command, rungs.home());
    (Pty::spawn_sized(&command, 100, 80), dir)
}

#[test]
fn taking_notes_after_a_prefilled_answer_adds_them_and_keeps_every_line() {
    let rungs = Rungs::new();
    let (mut pty, dir) = second_interview(&rungs);
    pty.expect("Assessing Ada Lovelace · self view · Tech Lead");
    pty.expect("Notes since the last assessment (1):");
    pty.expect("2026-08-01  Wrote the failover runbook");
    pty.answer("System: your rating at TL5", ENTER);
    // The earlier answer is shown whole, though the prompt holds its first line.
    pty.expect("Ran the incident reviews of the quarter");
    pty.answer(":n to take the note", &format!(" :n{ENTER}"));
    pty.answer("Evidence from notes", ENTER);
    pty.expect("Review your answers");
    let confirmed = confirmation(&pty.transcript, "Evidence (optional");
    assert!(confirmed.contains("): On-call owner for the billing") && !confirmed.ends_with(":n"), "{confirmed}");
    pty.answer("", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let system = evidence_of(&saved_on(&dir, "2026-11-24"), "system");
    assert_eq!(system["evidence"], format!("{KEPT}\n2026-08-01: Wrote the failover runbook"), "{transcript}");
    assert_eq!(system["from_notes"].as_array().unwrap().len(), 1);
}

/// The rows of the screen drawn by `transcript` (100 × 80) from the one
/// that starts with `prompt` up to a blank row or the next text the
/// interview shows, joined.
fn confirmation(transcript: &str, prompt: &str) -> String {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(80), size(100), 0);
    parser.process(transcript.as_bytes());
    let screen = parser.screen();
    let rows: Vec<String> = screen.rows(0, 100).map(|r| r.trim_end().to_owned()).collect();
    let start = rows.iter().position(|r| r.starts_with(prompt)).unwrap_or_else(|| panic!("{}", rows.join("\n")));
    let rest =
        rows[start + 1..].iter().take_while(|r| !(r.is_empty() || r.starts_with("Kept") || r.starts_with("Evidence")));
    std::iter::once(&rows[start]).chain(rest).cloned().collect::<Vec<_>>().join(" ")
}

#[test]
fn kept_evidence_of_several_lines_is_kept_whole_by_enter() {
    let rungs = Rungs::new();
    let (mut pty, dir) = second_interview(&rungs);
    pty.answer("System: your rating at TL5", ENTER);
    pty.expect("Kept, 2 lines");
    pty.answer("2 lines kept", ENTER);
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert_eq!(evidence_of(&saved_on(&dir, "2026-11-24"), "system")["evidence"], KEPT);
}

/// Ada's self-assessment of 2026-06-01 and a note on System of 2026-08-01.
fn ada_with_a_note(dir: &Path) {
    assess(dir, &answers("2026-06-01", Some("")));
    let note = "Wrote the failover runbook";
    ok(dir, &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-01", note]);
}

#[test]
fn a_peers_save_prints_nothing_of_the_persons_notes_or_goals() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    ada_with_a_note(&dir);
    ok(&dir, &["goal", "add", "--person", "Ada Lovelace", "-c", "process", "Define the release process"]);
    let mut own = answers("2026-11-20", Some(""));
    let shown = ok(&dir, &["assess", "--answers", &write(&rungs, "own.json", &own)]);
    assert!(shown.contains("Define the release process"), "the person's own save lists their goals:\n{shown}");
    for (relationship, assessor) in [("peer", "Bo Peer"), ("manager", "Kim Park")] {
        own["relationship"] = json!(relationship);
        own["assessor"] = json!(assessor);
        let shown = ok(&dir, &["assess", "--answers", &write(&rungs, "other.json", &own)]);
        for private in ["Define the release process", "2026-08-01", "failover", "Goal", "Note"] {
            assert!(!shown.contains(private), "{relationship}'s save shows {private:?}:\n{shown}");
        }
    }
}

/// Writes `value` to a file in the test's home; returns its path.
fn write(rungs: &Rungs, name: &str, value: &Value) -> String {
    let path = rungs.home().join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

/// Jo Park's assessment from TL4 to TL5 by `assessor`, where the
/// competencies in `met` meet TL5, with two lines of evidence each.
fn jo_view(date: &str, relationship: &str, assessor: &str, met: &[&str]) -> Value {
    let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
        .iter()
        .map(|c| {
            let evidence = format!(
                "{assessor} on {c}: led the work across two teams, wrote the design doc and ran the review.\n\
                 Second line on {c}: the follow-up, with the numbers."
            );
            let target = if met.contains(c) { "meets" } else { "developing" };
            let entry = if *c == "people" {
                json!({ "current": "meets", "evidence": evidence })
            } else {
                json!({ "current": "meets", "target": target, "evidence": evidence })
            };
            ((*c).to_owned(), entry)
        })
        .collect();
    json!({ "person": "Jo Park", "relationship": relationship, "assessor": assessor, "current": "TL4",
        "target": "TL5", "date": date, "ratings": ratings })
}

/// A case's store: Jo Park's self views of 2026-09-30 and 2026-11-20 (every
/// competency ready at the latest) with two lines of evidence each, the
/// manager's view of 2026-11-25 (two ready), nine notes of the summer before
/// the first assessment, and four goals.
fn case_store(dir: &Path) {
    let all = ["technology", "system", "people", "process", "influence"];
    assess(dir, &jo_view("2026-09-30", "self", "Jo Park", &all[..3]));
    assess(dir, &jo_view("2026-11-20", "self", "Jo Park", &all));
    assess(dir, &jo_view("2026-11-25", "manager", "Kim Park", &["technology", "people"]));
    let tags = ["technology", "system", "people", "process", "influence", "technology", "system", "people", "process"];
    for (i, tag) in tags.iter().enumerate() {
        let date = format!("2026-{:02}-{:02}", 7 + i % 3, 10 + i);
        let text = format!("Summer note {i}: shipped the work on {tag}, with what it changed for the team");
        let link = format!("https://example.com/pr/{i}");
        ok(dir, &["note", "--person", "Jo Park", "-c", tag, "--date", &date, "--link", &link, &text]);
    }
    for tag in ["system", "process", "influence", "technology"] {
        ok(dir, &["goal", "add", "--person", "Jo Park", "-c", tag, "--due", "2027-03-01", &format!("Next on {tag}")]);
    }
}

#[test]
fn the_case_cites_notes_from_the_year_before_the_first_assessment_or_since_a_day() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    case_store(&dir);
    ok(&dir, &["note", "--person", "Jo Park", "-c", "people", "--date", "2025-08-01", "Too old a note"]);
    let case = ok(&dir, &["export", "Jo Park"]);
    assert!(case.contains("Note, 2026-07-10: Summer note 0"), "a note before the first assessment:\n{case}");
    assert!(case.contains("Evidence since 2025-09-30:"), "{case}");
    assert!(!case.contains("Too old a note"), "{case}");
    let since = ok(&dir, &["export", "Jo Park", "--since", "2025-01-01"]);
    assert!(since.contains("Too old a note") && since.contains("Evidence since 2025-01-01:"), "{since}");
    let run = Rungs::new().args(["export", "Jo Park", "--since", "last year", "--dir"]).args([&dir]).fails(2);
    assert!(run.stderr.contains("--since: `last year` is not a date"), "{}", run.stderr);
}

#[test]
fn a_case_with_a_manager_view_heads_with_both_verdicts_and_keeps_every_quoted_line() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    case_store(&dir);
    let case = ok(&dir, &["export", "Jo Park"]);
    assert!(case.contains("**Verdict for TL5: Self: 5 of 5 ready · Kim Park, manager: 2 of 5 ready.**"), "{case}");
    let quote = "> Jo Park on system: led the work across two teams, wrote the design doc and ran the review.\\\n\
                 > Second line on system: the follow-up, with the numbers.\n";
    assert!(case.contains(quote), "a hard break keeps the quote's lines apart:\n{case}");
}

#[test]
fn evidence_taken_from_notes_is_cited_once_under_its_source() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    ada_with_a_note(&dir);
    ok(&dir, &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-02", "Paged for the outage"]);
    let mut taken = answers("2026-11-24", Some(""));
    taken["ratings"]["system"] = json!({ "current": "meets", "target": "developing" });
    let path = write(&rungs, "taken.json", &taken);
    ok(&dir, &["assess", "--answers", &path, "--evidence-from-notes"]);
    let case = ok(&dir, &["export", "Ada Lovelace"]);
    assert_eq!(case.matches("Wrote the failover runbook").count(), 1, "{case}");
    assert!(case.contains("> 2026-08-01: Wrote the failover runbook"), "quoted under its source:\n{case}");
    assert_eq!(case.matches("Paged for the outage").count(), 1, "{case}");
}

#[test]
fn a_case_of_five_competencies_nine_notes_and_four_goals_prints_on_at_most_five_pages() {
    let browser = crate::export::chromium()
        .expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)");
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("D");
    case_store(&dir);
    let page = home.join("case.html");
    ok(&dir, &["export", "Jo Park", "-o", page.to_str().unwrap()]);
    let pdf = home.join("case.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    let (log, _) = crate::export::headless(&browser, &home.join("profile"), &page, &[&print, "--no-pdf-header-footer"]);
    let pdf = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF ({e}):\n{log}"));
    let pages = pdf.windows(12).filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's').count();
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("Summer note").count(), 9, "every note is in the case");
    assert!((2..=5).contains(&pages), "{pages} pages");
}

#[test]
fn back_filled_goals_show_their_own_dates_in_the_case() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-09-01", Some("")));
    let add = ["goal", "add", "--person", "Ada Lovelace", "-c", "process", "--format", "json"];
    let set = |extra: &[&str]| {
        let out = ok(&dir, &[&add[..], extra].concat());
        parse(&out)[0]["id"].as_str().unwrap().to_owned()
    };
    let id = set(&["--date", "2026-09-10", "Run the incident review"]);
    ok(&dir, &["goal", "done", &id, "--date", "2026-11-02"]);
    let case = ok(&dir, &["export", "Ada Lovelace"]);
    assert!(case.contains("Goal done, 2026-11-02: Run the incident review (set 2026-09-10)."), "{case}");

    let refused = |args: &[&str], words: &str| {
        let run = Rungs::new().args(args.iter().copied()).args(["--dir"]).args([&dir]).env("RUNGS_TODAY", "2026-11-24");
        let run = run.fails(2);
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    };
    let past = [&add[..], &["--due", "2026-10-01", "Late already"]].concat();
    refused(&past, "--due: 2026-10-01 is in the past (today is 2026-11-24); add --allow-past if you mean it");
    set(&["--due", "2026-10-01", "--allow-past", "Late already"]);
    refused(&[&add[..], &["--date", "2026-12-01", "Not yet"]].concat(), "--date: 2026-12-01 is in the future");
    let other = set(&["Another"]);
    refused(&["goal", "drop", &other, "--date", "2026-12-01"], "--date: 2026-12-01 is in the future");
    refused(&["goal", "done", &other, "--date", "2026-01-01"], "--date: 2026-01-01 is before goal");
}

#[test]
fn no_name_means_you_by_rungs_user_or_git_user_name_else_the_only_person() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut bo = answers("2026-10-01", Some(""));
    bo["person"] = json!("Bo Lee");
    assess(&dir, &answers("2026-09-01", Some("")));
    ok(
        &dir,
        &["note", "--person", "Ada Lovelace", "-c", "system", "--date", "2026-08-01", "Wrote the failover runbook"],
    );
    let commands: [&[&str]; 5] = [&["report"], &["export"], &["history"], &["notes"], &["goals", "--format", "json"]];
    for args in commands {
        ok(&dir, args);
    }
    assess(&dir, &bo);
    let run = |args: &[&str], env: (&str, &str)| {
        Rungs::new().args(args.iter().copied()).args(["--dir"]).args([&dir]).env(env.0, env.1).run()
    };
    let several = run(&["report"], ("RUNGS_TODAY", "2026-11-24"));
    assert!(several.stderr.contains("several people have assessments; name one"), "{several:#?}");
    let gitconfig = rungs.home().join("gitconfig");
    std::fs::write(&gitconfig, "[user]\n\tname = Bo Lee\n").unwrap();
    for (env, who) in [
        (("RUNGS_USER", "Ada Lovelace"), "Ada Lovelace"),
        (("GIT_CONFIG_GLOBAL", gitconfig.to_str().unwrap()), "Bo Lee"),
    ] {
        for args in commands {
            let out = run(args, env);
            assert_eq!(out.code, 0, "{args:?} as {who}: {out:#?}");
            if args[0] != "notes" && args[0] != "goals" {
                assert!(out.stdout.contains(who), "{args:?} is about {who}:\n{}", out.stdout);
            }
        }
    }
    let notes = run(&["notes"], ("RUNGS_USER", "Ada Lovelace"));
    assert!(notes.stdout.contains("Wrote the failover runbook"), "{notes:#?}");
    let unknown = run(&["report"], ("RUNGS_USER", "Cy Ray"));
    assert_eq!(unknown.code, 2, "{unknown:#?}");
}

#[test]
fn an_agenda_built_right_after_the_manager_view_lists_the_notes_since_the_one_before() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    case_store(&dir);
    let agenda = ok(&dir, &["export", "Jo Park", "--agenda", "@manager"]);
    let notes = |agenda: &str| agenda.lines().filter(|l| l.starts_with("- Note, ")).count();
    assert_eq!(notes(&agenda), 9, "no earlier manager view: every note\n{agenda}");
    let later = jo_view("2026-12-01", "manager", "Kim Park", &["technology"]);
    let path = write(&rungs, "later.json", &later);
    Rungs::new().args(["assess", "--answers", &path, "--allow-future", "--dir"]).args([&dir]).ok();
    ok(
        &dir,
        &[
            "note",
            "--person",
            "Jo Park",
            "-c",
            "people",
            "--date",
            "2026-11-26",
            "--allow-future",
            "After the first manager view",
        ],
    );
    let agenda = ok(&dir, &["export", "Jo Park", "--agenda", "@manager"]);
    assert!(agenda.contains("Dated after the previous manager view: Kim Park (manager), 2026-11-25."), "{agenda}");
    assert_eq!(notes(&agenda), 1, "{agenda}");
    assert!(agenda.contains("After the first manager view"), "{agenda}");
}

#[test]
fn a_streak_outlives_a_target_change_that_expects_the_same_step() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let all_met = |date: &str, target: &str| {
        let r = json!({ "current": "meets", "target": "meets" });
        json!({ "person": "Ada Lovelace", "current": "TL4", "target": target, "date": date,
            "ratings": { "technology": r, "system": r, "people": { "current": "meets" }, "process": r, "influence": r } })
    };
    for date in ["2026-03-01", "2026-06-01", "2026-09-01"] {
        assess(&dir, &all_met(date, "TL5"));
    }
    assess(&dir, &all_met("2026-11-01", "TL6"));
    let history = parse(&ok(&dir, &["history", "Ada Lovelace", "--format", "json"]));
    let streak =
        |id: &str| (history["sustained"][id]["since"].clone(), history["sustained"][id]["assessments"].clone());
    // TL5 and TL6 both expect 5 Defines of Process and 4 Coordinates of People.
    assert_eq!(streak("process"), (json!("2026-03-01"), json!(4)), "{history}");
    assert_eq!(streak("people"), (json!("2026-03-01"), json!(4)), "{history}");
    // Technology rises from 3 Evangelizes to 4 Masters: a new run starts.
    assert_eq!(streak("technology"), (json!("2026-11-01"), json!(1)), "{history}");
}

#[test]
fn a_hint_on_a_narrow_terminal_breaks_between_words() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-09-01", Some("")));
    let mut command = Rungs::new()
        .args(["goal", "add", "--person", "Ada Lovelace", "-c", "process", "--format", "json", "Ship it", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs.home());
    let pty = Pty::spawn_sized(&command, 40, 30);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    let hint: Vec<&str> = transcript.lines().map(str::trim_end).take_while(|l| !l.starts_with('[')).collect();
    for line in &hint {
        assert!(line.chars().count() <= 40, "a line wider than the terminal, which breaks it mid-word: {line:?}");
    }
    let words = hint.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    let id = words.split(' ').nth(1).unwrap_or_default();
    assert_eq!(words, format!("Goal {id} set for Ada Lovelace. When it is reached: rungs goal done {id}"));
}

#[test]
fn man_page_synopses_name_each_options_value() {
    let home = Rungs::new();
    let dir = home.home().join("man1");
    Rungs::new().args(["man", "--dir"]).args([&dir]).ok();
    let synopsis = |page: &str| {
        let roff = std::fs::read_to_string(dir.join(page)).unwrap();
        let plain = roff.replace("\\fB", "").replace("\\fR", "").replace("\\fI", "").replace("\\-", "-");
        plain
            .split(".SH SYNOPSIS\n")
            .nth(1)
            .and_then(|s| s.split("\n.SH ").next())
            .unwrap_or_default()
            .trim_end()
            .to_owned()
    };
    let goal = synopsis("rungs-goal-add.1");
    assert!(goal.starts_with("rungs goal add [-p|--person NAME] "), "{goal}");
    assert!(goal.contains(" [--due YYYY-MM-DD] [--allow-past] "), "{goal}");
    assert!(goal.ends_with(" -c|--competency ID TEXT"), "{goal}");
    let export = synopsis("rungs-export.1");
    assert!(
        export.contains("[-f|--format FORMAT] [-o|--output FILE]") && export.ends_with(" [ASSESSMENT]"),
        "{export}"
    );
    assert!(synopsis("rungs-goal.1").ends_with(" COMMAND"), "a command of subcommands ends with one");
}

#[test]
fn the_chart_on_its_own_names_the_person_and_the_date() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    assess(&dir, &answers("2026-09-01", Some("")));
    let chart = ok(&dir, &["chart"]);
    let doc = roxmltree::Document::parse(&chart).unwrap_or_else(|e| panic!("{e}: {chart}"));
    let heading = doc.descendants().find(|n| n.attribute("class") == Some("heading")).and_then(|n| n.text());
    assert_eq!(heading, Some("Ada Lovelace: TL4 → TL5 (2026-09-01, self view on tech-lead)"), "{chart}");
    let case = ok(&dir, &["export"]);
    assert!(!case.contains("class=\"heading\""), "in a case, the document names the person around the chart");
}
