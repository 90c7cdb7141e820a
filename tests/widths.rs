//! Every table fits: each command's output at 60, 80 and 120 columns has no
//! line wider than the limit and splits no word that fits its cell, on the
//! shipped examples and on a store with people on four ladders, one of them
//! a custom ladder of twelve competencies.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Rungs, fixture, json as parse, repo};

const WIDTHS: [usize; 3] = [60, 80, 120];

/// A long piece of evidence whose words must come out whole.
const EVIDENCE: &str =
    "Led the incident review on 2026-08-14 and wrote self-explanatory runbooks for the on-call rota.";

fn ladders() -> PathBuf {
    fixture("ladders/wide")
}

/// Runs `rungs` on `dir` at `columns`, expecting success.
fn run(dir: &Path, columns: usize, args: &[&str]) -> String {
    let run = Rungs::new()
        .args(args.iter().copied())
        .args(["--dir"])
        .args([dir])
        .args(["--ladders"])
        .args([ladders()])
        .env("COLUMNS", columns.to_string())
        // The goal's due date stays ahead of "today", whenever this runs.
        .env("RUNGS_TODAY", "2026-12-01")
        .run();
    assert_eq!(run.code, 0, "rungs {args:?} at {columns} columns: {run:#?}");
    run.stdout
}

/// Ratings of `current` at both levels, with the evidence.
fn ratings(ids: &[&str], current: &str) -> Value {
    ids.iter()
        .map(|id| ((*id).to_owned(), json!({ "current": current, "target": current, "evidence": EVIDENCE })))
        .collect()
}

/// Ada on tech-lead (two self views, a manager's and three peers'),
/// Bartholomew on developer, Eve on engineering-manager and Wendy on the
/// twelve-competency ladder, with a note and a goal.
fn store(dir: &Path) {
    const FIVE: [&str; 5] = ["technology", "system", "people", "process", "influence"];
    const TWELVE: [&str; 12] = [
        "communication",
        "community",
        "architecture",
        "delivery",
        "quality",
        "operations",
        "security",
        "mentoring",
        "planning",
        "strategy",
        "hiring",
        "documentation",
    ];
    let mut all = vec![
        json!({ "person": "Ada Lovelace", "current": "TL4", "target": "TL5", "date": "2026-05-15", "ratings": ratings(&FIVE, "developing") }),
        json!({ "person": "Ada Lovelace", "current": "TL4", "target": "TL5", "date": "2026-08-14", "ratings": ratings(&FIVE, "meets") }),
        json!({ "person": "Ada Lovelace", "assessor": "Kim Park", "relationship": "manager", "current": "TL4", "target": "TL5",
                "date": "2026-08-20", "ratings": ratings(&FIVE, "developing") }),
        json!({ "person": "Bartholomew Featherstonehaugh", "ladder": "developer", "current": "D3", "target": "D4",
                "date": "2026-06-01", "ratings": ratings(&FIVE, "meets") }),
        json!({ "person": "Eve Manager", "ladder": "engineering-manager", "current": "EM5", "target": "EM6",
                "date": "2026-04-04", "ratings": ratings(&FIVE, "exceeds") }),
        json!({ "person": "Wendy Wide", "ladder": "wide-platform", "current": "PE1", "target": "PE2",
                "date": "2026-03-02", "ratings": ratings(&TWELVE, "developing") }),
        json!({ "person": "Wendy Wide", "ladder": "wide-platform", "current": "PE1", "target": "PE2",
                "date": "2026-07-09", "ratings": ratings(&TWELVE, "meets") }),
    ];
    for peer in ["Pat Oak", "Quinn Ash", "Rae Elm"] {
        all.push(json!({ "person": "Ada Lovelace", "assessor": peer, "relationship": "peer", "current": "TL4",
                         "target": "TL5", "date": "2026-08-21", "ratings": ratings(&FIVE, "meets") }));
    }
    for answers in &all {
        let run = Rungs::new()
            .args(["assess", "--format", "json", "--answers", "-", "--dir"])
            .args([dir])
            .args(["--ladders"])
            .args([ladders()])
            .stdin(answers.to_string())
            .run();
        assert_eq!(run.code, 0, "{run:#?}");
        parse(&run.stdout);
    }
    let note = "Ran the community-of-practice meeting and wrote self-contained notes for everyone";
    run(
        dir,
        80,
        &["note", "--person", "Wendy Wide", "-c", "communication", "-c", "community", "--date", "2026-08-01", note],
    );
    let goal = "Write the platform onboarding documentation and have it reviewed";
    let due = ["--due", "2026-12-31", goal];
    run(
        dir,
        80,
        &[&["goal", "add", "--person", "Wendy Wide", "--competency", "documentation", "--level", "PE2"][..], &due]
            .concat(),
    );
}

/// Fails when a line of `out` is wider than `columns`, or when one of
/// `words` (each narrower than any cell it stands in) is not shown whole.
fn fits(out: &str, columns: usize, words: &[&str], command: &[&str]) {
    for line in out.lines() {
        let width = console::measure_text_width(line);
        assert!(width <= columns, "rungs {command:?} at {columns} columns: a line of {width}:\n{line}\n\n{out}");
    }
    for word in words {
        assert!(out.contains(word), "rungs {command:?} at {columns} columns: `{word}` is not whole:\n{out}");
    }
}

/// Each command with the words it must show whole.
fn commands<'a>() -> Vec<(Vec<&'a str>, Vec<&'a str>)> {
    vec![
        (vec!["list"], vec!["2026-05-15", "2026-08-21", "Featherstonehaugh", "engineering-manager", "wide-platform"]),
        (vec!["report", "Ada Lovelace"], vec!["2026-08-14", "Lovelace", "Coordinates"]),
        (vec!["report", "Wendy Wide"], vec!["2026-07-09", "Communication", "Documentation"]),
        (
            vec!["report", "Ada Lovelace", "--relationship", "peer"],
            vec!["self-explanatory", "2026-08-14", "unattributed"],
        ),
        (vec!["history", "Ada Lovelace"], vec!["2026-05-15", "2026-08-14", "Technology", "Influence"]),
        (vec!["history", "Wendy Wide"], vec!["2026-03-02", "2026-07-09", "Communication", "Documentation"]),
        (vec!["team"], vec!["Featherstonehaugh", "2026-08-20", "2026-04-04", "Communication", "Community"]),
        (vec!["diff", "Wendy Wide~1", "Wendy Wide"], vec!["2026-03-02", "Documentation", "Practices", "developing"]),
        (vec!["diff", "Ada Lovelace~1", "Ada Lovelace"], vec!["2026-05-15", "Specializes", "developing"]),
        (vec!["ladders"], vec!["technical-program-manager", "wide-platform", "Platform"]),
        (vec!["ladder", "show", "tech-lead"], vec!["Coordinates", "Evangelizes", "organization."]),
        (vec!["ladder", "show", "wide-platform"], vec!["Communication", "Documentation", "Establishes"]),
        (vec!["ladder", "compare", "PE1", "PE2"], vec!["Communication", "Documentation", "Practices", "Improves"]),
        (vec!["ladder", "compare", "TL4", "TL5"], vec!["Technology", "Evangelizes"]),
        (vec!["notes", "Wendy Wide"], vec!["2026-08-01", "community-of-practice", "self-contained"]),
        (vec!["goals", "Wendy Wide"], vec!["2026-12-31", "onboarding", "documentation"]),
        (vec!["check"], vec![]),
    ]
}

#[test]
fn every_command_fits_60_80_and_120_columns_on_several_ladders_without_splitting_words() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    store(&dir);
    for columns in WIDTHS {
        for (command, words) in commands() {
            fits(&run(&dir, columns, &command), columns, &words, &command);
        }
    }
    // The legend gives every competency its own abbreviation.
    let legend = run(&dir, 120, &["team"]).split_whitespace().collect::<Vec<_>>().join(" ");
    // Issue 21: titles with a long shared start keep their ends apart.
    assert!(legend.contains("(Comm…ion Communication, Comm…ity Community, Arc Architecture"), "{legend}");
    assert!(legend.contains("Tec Technology"), "{legend}");
}

#[test]
fn every_command_fits_60_80_and_120_columns_on_the_shipped_examples() {
    let dir = repo("assessments");
    let robin = "Robin Quill";
    let commands: [(&[&str], &[&str]); 11] = [
        (&["list"], &["2026-05-15", "2026-08-14", "tech-lead"]),
        (&["report", robin], &["2026-08-14", "Evangelizes", "developing"]),
        (&["history", robin], &["2026-05-15", "2026-08-14", "Technology"]),
        (&["team"], &["2026-08-14", "Technology", "Influence"]),
        (&["diff", "Robin Quill~1", robin], &["2026-05-15", "2026-08-14", "developing"]),
        (&["ladders"], &["technical-program-manager", "engineering-manager"]),
        (&["ladder", "show", "tech-lead"], &["Coordinates", "Evangelizes"]),
        (&["ladder", "compare", "TL4", "TL5"], &["Specializes", "Evangelizes"]),
        (&["notes", robin], &[]),
        (&["goals", robin], &[]),
        (&["check"], &[]),
    ];
    for columns in WIDTHS {
        for (command, words) in commands {
            fits(&run(&dir, columns, command), columns, words, command);
        }
    }
}
