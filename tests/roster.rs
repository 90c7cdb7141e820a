//! The roster (`people.toml`): made by `roster add` or `roster import`,
//! checked all at once, and used by `team`, `list` and `assess`.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Rungs, assess, json};

/// The director, two managers and six engineers: (name, email, manager, ladder, level, team).
const ORG: [(&str, &str, &str, &str, &str, &str); 9] = [
    ("Ada Director", "ada@example.com", "", "engineering-manager", "EM7", ""),
    ("Kim Park", "kim@example.com", "Ada Director", "engineering-manager", "EM6", "Core"),
    ("Lee Chen", "lee@example.com", "Ada Director", "engineering-manager", "EM5", "Edge"),
    ("Jo Park", "jo@example.com", "Kim Park", "developer", "D3", "Core"),
    ("Sam Lee", "sam@example.com", "Kim Park", "developer", "D2", "Core"),
    ("Ann Bo", "ann@example.com", "Kim Park", "tech-lead", "TL4", "Core"),
    ("Raj Iyer", "raj@example.com", "Lee Chen", "developer", "D4", "Edge"),
    ("Mia Wong", "mia@example.com", "Lee Chen", "developer", "D3", "Edge"),
    ("Tom Ruiz", "tom@example.com", "Lee Chen", "tech-lead", "TL5", "Edge"),
];

fn run_in(dir: &Path, args: &[&str]) -> Rungs {
    Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir])
}

/// The organisation made one `roster add` at a time.
fn added(dir: &Path) {
    for (name, email, manager, ladder, level, team) in ORG {
        let mut args = vec!["roster", "add", name, "--email", email, "--ladder", ladder, "--level", level];
        if !manager.is_empty() {
            args.extend(["--manager", manager]);
        }
        if !team.is_empty() {
            args.extend(["--team", team]);
        }
        run_in(dir, &args).ok();
    }
}

fn names(value: &Value, key: &str) -> Vec<String> {
    let mut names: Vec<String> =
        value.as_array().unwrap().iter().map(|p| p[key].as_str().unwrap().to_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_roster_made_with_add_equals_the_one_imported_from_an_hr_export() {
    let home = tempfile::tempdir().unwrap();
    let (by_hand, imported) = (home.path().join("a"), home.path().join("b"));
    added(&by_hand);
    // Columns in another order, managers by email, the engineers before their managers,
    // and a column the roster does not read.
    let mut csv = String::from("Team,level,email,manager,name,ladder,employee_id\n");
    for (n, (name, email, manager, ladder, level, team)) in ORG.iter().rev().enumerate() {
        let manager = ORG.iter().find(|p| p.0 == *manager).map_or("", |p| p.1);
        csv.push_str(&format!("{team},{level},{email},{manager},{name},{ladder},{n}\n"));
    }
    let file = home.path().join("people.csv");
    std::fs::write(&file, &csv).unwrap();
    let dry = run_in(&imported, &["roster", "import"]).args([&file]).arg_dry().ok();
    assert!(dry.contains("added 9"), "{dry}");
    assert!(!imported.join("people.toml").exists(), "a dry run saves nothing");
    let out = run_in(&imported, &["roster", "import"]).args([&file]).ok();
    assert!(out.contains("added 9") && out.contains("employee_id"), "{out}");
    let again = run_in(&imported, &["roster", "import"]).args([&file]).ok();
    assert!(again.contains("nothing to change"), "the same export twice changes nothing: {again}");

    let a = json(&run_in(&by_hand, &["roster", "--format", "json"]).ok());
    let b = json(&run_in(&imported, &["roster", "--format", "json"]).ok());
    assert_eq!(a, b);
    assert_eq!(a.as_array().unwrap().len(), 9);
    let kim = a.as_array().unwrap().iter().find(|p| p["name"] == "Kim Park").unwrap();
    assert_eq!(kim["manager"], "Ada Director");
    assert_eq!(kim["reports"], 3);

    // The CSV listing reads back as the same roster.
    let listed = run_in(&by_hand, &["roster", "--format", "csv"]).ok();
    let third = home.path().join("c");
    let again = home.path().join("again.csv");
    std::fs::write(&again, listed).unwrap();
    run_in(&third, &["roster", "import"]).args([&again]).ok();
    assert_eq!(json(&run_in(&third, &["roster", "--format", "json"]).ok()), a);
}

/// `--dry-run` as an extension of the builder, for readability.
trait DryRun {
    fn arg_dry(self) -> Self;
}

impl DryRun for Rungs {
    fn arg_dry(self) -> Self {
        self.args(["--dry-run"])
    }
}

#[test]
fn an_import_updates_by_email_and_removes_only_with_prune() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    added(&dir);
    let file = home.path().join("hr.csv");
    std::fs::write(&file, "email,level,name\njo@example.com,D4,\nnew@example.com,D1,New Person\n").unwrap();
    let out = run_in(&dir, &["roster", "import"]).args([&file]).ok();
    assert!(out.contains("added 1: New Person") && out.contains("updated 1: Jo Park (level)"), "{out}");
    let roster = json(&run_in(&dir, &["roster", "--format", "json"]).ok());
    assert_eq!(roster.as_array().unwrap().len(), 10, "nobody removed without --prune");
    // Pruning to Jo and the new person would leave Jo's manager out: refused, nothing changed.
    let run = run_in(&dir, &["roster", "import", "--prune"]).args([&file]).fails(1);
    assert!(run.stderr.contains("unknown manager `Kim Park` of Jo Park"), "{run:?}");
    assert_eq!(json(&run_in(&dir, &["roster", "--format", "json"]).ok()), roster);
    let everyone: String = ORG.iter().map(|p| format!("{}\n", p.1)).collect();
    std::fs::write(&file, format!("email\n{everyone}")).unwrap();
    let out = run_in(&dir, &["roster", "import", "--prune"]).args([&file]).ok();
    assert!(out.contains("removed 1: New Person"), "{out}");
    let roster = json(&run_in(&dir, &["roster", "--format", "json"]).ok());
    assert_eq!(roster.as_array().unwrap().len(), 9);
}

#[test]
fn roster_check_names_every_problem_at_once_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"cycle = "90d"

[[person]]
name = "Ada"
email = "ada@example.com"
manager = "Cy"

[[person]]
name = "Bo"
email = "ada@example.com"
manager = "Ada"

[[person]]
name = "Cy"
manager = "Bo"
ladder = "developer"
level = "D9"

[[person]]
name = "Di"
manager = "Nobody Here"
keys = ["ssh-ed25519 AAAA-not-a-key"]
"#;
    std::fs::write(dir.path().join("people.toml"), text).unwrap();
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let run = run_in(dir.path(), &["roster", "check"]).fails(1);
    let expected = [
        (line("manager = \"Cy\""), "a cycle in the reporting lines: Ada → Cy → Bo → Ada"),
        (line("email = \"ada@example.com\"") + 5, "duplicate email `ada@example.com`"),
        (line("level = \"D9\""), "unknown level `D9` on developer"),
        (line("manager = \"Nobody Here\""), "unknown manager `Nobody Here`"),
        (line("keys = "), "a key of Di"),
    ];
    for (line, message) in expected {
        let found = run.stdout.lines().any(|l| l.contains(&format!("people.toml:{line}:")) && l.contains(message));
        assert!(found, "no `{message}` at line {line}:\n{}", run.stdout);
    }
    assert!(run.stderr.contains("5 problems"), "{}", run.stderr);
    // `rungs check` checks the roster too.
    let run = run_in(dir.path(), &["check", "--format", "json"]).fails(1);
    assert_eq!(run.stdout.matches("\"roster\"").count(), 5, "{}", run.stdout);
    // The same as JSON, each with its line.
    let listed = json(&run_in(dir.path(), &["roster", "check", "--format", "json"]).fails(1).stdout);
    assert_eq!(listed.as_array().unwrap().len(), 5);
    assert_eq!(listed[0]["line"], line("manager = \"Cy\""));
}

#[test]
fn a_roster_that_is_not_toml_is_named_at_its_line_and_no_command_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.toml"), "[[person]]\nname = \"A\"\nshoe = 1\n").unwrap();
    let run = run_in(dir.path(), &["roster", "check"]).fails(1);
    assert!(run.stdout.contains("people.toml:3:1: unknown field `shoe`"), "{run:?}");
    let run = run_in(dir.path(), &["team", "--under", "A"]).fails(1);
    assert!(run.stderr.contains("people.toml:3:1"), "{run:?}");
}

/// A store with the organisation's roster and a self-assessment of each of them.
fn organisation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    added(dir.path());
    for (name, ..) in ORG {
        // The roster's ladder and levels would apply; these answers name their own.
        let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
            .iter()
            .map(|c| ((*c).to_owned(), json!({ "current": "meets", "target": "meets" })))
            .collect();
        let answers = json!({ "person": name, "ladder": "tech-lead", "current": "TL4", "target": "TL5", "date": "2026-05-01", "ratings": ratings });
        assess(dir.path(), &answers);
    }
    dir
}

#[test]
fn team_and_list_under_a_manager_show_their_reports_or_the_whole_subtree() {
    let dir = organisation();
    let team = |args: &[&str]| {
        names(&json(&run_in(dir.path(), &[&["team", "--format", "json"], args].concat()).ok()), "person")
    };
    let kims = ["Ann Bo", "Jo Park", "Sam Lee"];
    assert_eq!(team(&["--under", "Kim Park"]), kims);
    assert_eq!(team(&["--under", "kim@example.com", "--depth", "1"]), kims);
    let mut all: Vec<&str> = ORG.iter().map(|p| p.0).filter(|n| *n != "Ada Director").collect();
    all.sort_unstable();
    assert_eq!(team(&["--under", "Ada Director", "--depth", "all"]), all);
    assert_eq!(team(&["--under", "Ada Director"]), ["Kim Park", "Lee Chen"]);
    assert_eq!(team(&[]).len(), 9, "without --under, everyone");
    // `me` is RUNGS_USER, a name or an email in the roster.
    let mine =
        run_in(dir.path(), &["team", "--format", "json", "--under", "me"]).env("RUNGS_USER", "kim@example.com").ok();
    assert_eq!(names(&json(&mine), "person"), kims);

    let list = json(&run_in(dir.path(), &["list", "--format", "json", "--under", "Kim Park"]).ok());
    assert_eq!(names(&list, "person"), kims);
    let ratings = run_in(dir.path(), &["list", "--ratings", "--format", "csv", "--under", "Kim Park"]).ok();
    let people: std::collections::BTreeSet<&str> =
        ratings.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(people.into_iter().collect::<Vec<_>>(), kims);
    let html = run_in(dir.path(), &["team", "--format", "html", "--under", "Kim Park"]).ok();
    for (name, ..) in ORG {
        assert_eq!(html.contains(name), kims.contains(&name), "{name} in the page");
    }
    let run = run_in(dir.path(), &["team", "--under", "Kim Prk"]).fails(2);
    assert!(run.stderr.contains("did you mean `Kim Park`?"), "{}", run.stderr);
}

#[test]
fn assess_takes_names_and_emails_from_the_roster_and_refuses_strangers() {
    let dir = tempfile::tempdir().unwrap();
    added(dir.path());
    // D3 → D4 on the developer ladder: process and influence ask the same step at both.
    let ratings = json!({
        "technology": { "current": "meets", "target": "not-yet" },
        "system": { "current": "meets", "target": "not-yet" },
        "people": { "current": "meets", "target": "not-yet" },
        "process": { "current": "meets" },
        "influence": { "current": "meets" },
    });
    let answers = json!({ "date": "2026-05-01", "ratings": ratings }).to_string();
    let run = run_in(dir.path(), &["assess", "--person", "Jo Prk", "--answers", "-"]).stdin(answers.clone()).fails(2);
    assert!(
        run.stderr.contains("did you mean `Jo Park`?") && run.stderr.contains("rungs roster add"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("jo-prk").exists(), "nothing saved for a typo");

    let out = run_in(dir.path(), &["assess", "--person", "jo@example.com", "--answers", "-", "--format", "json"])
        .stdin(answers.clone())
        .ok();
    let saved = json(&std::fs::read_to_string(json(&out)["path"].as_str().unwrap()).unwrap());
    assert!(json(&out)["path"].as_str().unwrap().contains("/jo-park/"));
    assert_eq!(saved["person"], "Jo Park");
    assert_eq!(saved["ladder"]["id"], "developer");
    assert_eq!((saved["current"].as_str(), saved["target"].as_str()), (Some("D3"), Some("D4")));

    // A manager view by someone outside Jo's management chain needs saying so.
    let manager = |assessor: &str, extra: &[&str]| {
        run_in(
            dir.path(),
            &[&["assess", "--person", "Jo Park", "--relationship", "manager", "--answers", "-"], extra].concat(),
        )
        .env("RUNGS_ASSESSOR", assessor)
        .stdin(answers.clone())
        .run()
    };
    let refused = manager("Lee Chen", &[]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--assessor-not-manager"), "{}", refused.stderr);
    assert_eq!(manager("Lee Chen", &["--assessor-not-manager"]).code, 0);
    assert_eq!(manager("ada@example.com", &[]).code, 0, "Ada manages Kim, who manages Jo");
    let views = json(&run_in(dir.path(), &["list", "--person", "jo@example.com", "--format", "json"]).ok());
    assert_eq!(names(&views, "assessor"), ["Ada Director", "Jo Park", "Lee Chen"]);
}

#[test]
fn without_a_roster_everything_works_as_before_and_under_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
        .iter()
        .map(|c| ((*c).to_owned(), json!({ "current": "meets", "target": "meets" })))
        .collect();
    assess(
        dir.path(),
        &json!({ "person": "Jo Prk", "current": "TL4", "target": "TL5", "date": "2026-05-01", "ratings": ratings }),
    );
    assert_eq!(names(&json(&run_in(dir.path(), &["team", "--format", "json"]).ok()), "person"), ["Jo Prk"]);
    let run = run_in(dir.path(), &["team", "--under", "Kim"]).fails(2);
    assert!(run.stderr.contains("--under needs a roster"), "{}", run.stderr);
    let run = run_in(dir.path(), &["roster"]).run();
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("rungs roster add"), "{}", run.stderr);
}

#[test]
fn roster_set_changes_fields_and_a_save_never_adds_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    added(dir.path());
    run_in(dir.path(), &["roster", "set", "jo@example.com", "--level", "D4", "--team", ""]).ok();
    let roster = json(&run_in(dir.path(), &["roster", "--format", "json"]).ok());
    let jo = roster.as_array().unwrap().iter().find(|p| p["name"] == "Jo Park").unwrap();
    assert_eq!((jo["level"].as_str(), jo["team"].as_str()), (Some("D4"), None));
    let run = run_in(dir.path(), &["roster", "set", "Ada Director", "--manager", "Jo Park"]).fails(2);
    assert!(run.stderr.contains("a cycle in the reporting lines"), "{}", run.stderr);
    let run = run_in(dir.path(), &["roster", "set", "Jo Park", "--key", "ssh-rsa nope"]).fails(2);
    assert!(run.stderr.contains("ssh-rsa"), "{}", run.stderr);
    let key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    run_in(dir.path(), &["roster", "set", "Jo Park", "--key", key, "--role", "hr"]).ok();
    let run = run_in(dir.path(), &["roster", "add", "Jo Park"]).fails(2);
    assert!(run.stderr.contains("already in the roster"), "{}", run.stderr);
    let tree = run_in(dir.path(), &["roster", "tree", "Kim Park"]).ok();
    assert!(tree.contains("Kim Park") && tree.contains("├─ Sam Lee") && !tree.contains("Lee Chen"), "{tree}");
}

#[test]
fn a_save_in_a_git_store_is_one_commit() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    run_in(&dir, &["roster", "add", "Kim Park"]).ok();
    run_in(&dir, &["roster", "set", "Kim Park", "--team", "Core"]).ok();
    let log = crate::support::git(&dir, &["log", "--format=%s", "--", "people.toml"]);
    assert_eq!(log.lines().collect::<Vec<_>>(), ["Roster: change Kim Park", "Roster: add Kim Park"]);
    assert_eq!(crate::support::git(&dir, &["status", "--porcelain"]), "", "nothing is left uncommitted");
}

#[test]
fn completion_offers_the_roster_names_and_emails() {
    let dir = tempfile::tempdir().unwrap();
    added(dir.path());
    let offered = |word: &str| {
        let out = Rungs::new()
            .args(["--", "rungs", "team", "--under", word])
            .env("COMPLETE", "fish")
            .env("RUNGS_DIR", dir.path())
            .ok();
        out.lines().map(|l| l.split('\t').next().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(offered("Ki"), ["Kim Park", "kim@example.com"]);
    assert_eq!(offered("Kim "), ["Kim Park"]);
    assert_eq!(offered("kim@"), ["kim@example.com"]);
    let everyone = offered("");
    assert!(
        everyone.contains(&"Tom Ruiz".to_owned()) && everyone.contains(&"ada@example.com".to_owned()),
        "{everyone:?}"
    );
}

#[test]
fn every_command_that_names_a_person_takes_an_email_and_refuses_a_stranger() {
    let dir = organisation();
    let report = json(&run_in(dir.path(), &["report", "kim@example.com", "--format", "json"]).ok());
    assert_eq!(report["person"], "Kim Park");
    let report = json(&run_in(dir.path(), &["report", "KIM PARK", "--format", "json"]).ok());
    assert_eq!(report["person"], "Kim Park");
    run_in(dir.path(), &["history", "kim@example.com"]).ok();
    for args in [
        &["report", "Kim Prk"][..],
        &["history", "Kim Prk"],
        &["notes", "Kim Prk"],
        &["goals", "Kim Prk"],
        &["list", "--person", "Kim Prk"],
        &["note", "--person", "Kim Prk", "-c", "people", "Paired on the rota"],
    ] {
        let run = run_in(dir.path(), args).fails(2);
        assert!(run.stderr.contains("did you mean `Kim Park`?"), "{args:?}: {}", run.stderr);
    }
    assert!(!dir.path().join("kim-prk").exists(), "a typo never starts a new person");
    run_in(dir.path(), &["note", "--person", "kim@example.com", "-c", "people", "Paired on the rota"]).ok();
    let notes = json(&run_in(dir.path(), &["notes", "kim@example.com", "--format", "json"]).ok());
    assert_eq!(notes[0]["person"], "Kim Park", "{notes}");
}

#[test]
fn the_documented_example_roster_is_valid() {
    let doc = std::fs::read_to_string(crate::support::repo("docs/roster.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.toml"), example).unwrap();
    let out = run_in(dir.path(), &["roster", "check"]).ok();
    assert!(out.contains("no problems"), "{out}");
    let roster = json(&run_in(dir.path(), &["roster", "--format", "json"]).ok());
    assert_eq!(names(&roster, "name"), ["Ada Director", "Jo Park", "Kim Park", "Old Timer"]);
    // Old Timer has left: not due; the other three are.
    let due = json(&run_in(dir.path(), &["due", "--format", "json"]).env("RUNGS_TODAY", "2026-07-01").ok());
    assert_eq!(names(&due, "person"), ["Ada Director", "Jo Park", "Kim Park"]);
}

/// `rungs assess` of a manager view of Jo by `assessor`, on a pseudo-terminal.
fn manager_view_on_a_terminal(dir: &Path, home: &Path, assessor: &str) -> crate::pty::Pty {
    let mut command = Rungs::new()
        .args(["assess", "--person", "Jo Park", "--relationship", "manager", "--assessor", assessor, "--dir"])
        .args([dir])
        .command();
    crate::support::isolate(&mut command, home);
    crate::pty::Pty::spawn(command)
}

#[test]
fn a_manager_view_from_outside_the_chain_asks_on_a_terminal() {
    use crate::pty::{CTRL_C, ENTER};
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    added(&dir);
    let mut pty = manager_view_on_a_terminal(&dir, rungs.home(), "Lee Chen");
    pty.answer("not in Jo Park's management chain in the roster", &format!("no{ENTER}"));
    let (code, transcript) = pty.finish();
    assert_eq!(code, 2, "{transcript}");
    assert!(transcript.contains("nothing was saved"), "{transcript}");
    let mut pty = manager_view_on_a_terminal(&dir, rungs.home(), "Lee Chen");
    pty.answer("Give a manager view all the same?", &format!("yes{ENTER}"));
    // On: the roster gave the ladder and levels, so the first rating is asked.
    pty.expect("Competency 1 of 5");
    pty.send(CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    // Kim manages Jo: nothing is asked.
    let mut pty = manager_view_on_a_terminal(&dir, rungs.home(), "Kim Park");
    pty.expect("Competency 1 of 5");
    pty.send(CTRL_C);
    let (_, transcript) = pty.finish();
    assert!(!transcript.contains("management chain"), "{transcript}");
}

#[test]
fn under_me_is_git_s_user_email_in_the_roster() {
    let dir = organisation();
    let rungs = run_in(dir.path(), &["team", "--format", "json", "--under", "me"]);
    std::fs::write(rungs.home().join("gitconfig"), "[user]\n\tname = Someone Else\n\temail = lee@example.com\n")
        .unwrap();
    assert_eq!(names(&json(&rungs.ok()), "person"), ["Mia Wong", "Raj Iyer", "Tom Ruiz"]);
    let stranger = run_in(dir.path(), &["team", "--under", "me"]);
    std::fs::write(stranger.home().join("gitconfig"), "[user]\n\temail = nobody@example.com\n").unwrap();
    let run = stranger.fails(2);
    assert!(run.stderr.contains("you are not in the roster") && run.stderr.contains("RUNGS_USER"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_roster_that_is_a_link_is_refused_and_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere.toml");
    std::fs::write(&elsewhere, "[[person]]\nname = \"Kim Park\"\n").unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    std::os::unix::fs::symlink(&elsewhere, store.join("people.toml")).unwrap();
    let run = run_in(&store, &["roster"]).fails(1);
    assert!(run.stderr.contains("a symbolic link"), "{}", run.stderr);
    let run = run_in(&store, &["roster", "add", "Jo Park"]).fails(1);
    assert!(run.stderr.contains("a symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "[[person]]\nname = \"Kim Park\"\n");
    run_in(&store, &["check"]).fails(1);
}

#[test]
fn an_import_that_renames_by_email_moves_the_reports_and_a_dry_run_checks_as_the_import_does() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    added(&dir);
    let file = home.path().join("hr.csv");
    std::fs::write(&file, "email,name\nkim@example.com,Kim Park-Lee\n").unwrap();
    let out = run_in(&dir, &["roster", "import", "--dry-run"]).args([&file]).ok();
    assert!(out.contains("updated 1: Kim Park-Lee (name)"), "{out}");
    run_in(&dir, &["roster", "import"]).args([&file]).ok();
    let roster = json(&run_in(&dir, &["roster", "--format", "json"]).ok());
    let jo = roster.as_array().unwrap().iter().find(|p| p["name"] == "Jo Park").unwrap().clone();
    assert_eq!(jo["manager"], "Kim Park-Lee", "{roster:#}");
    // A row whose manager is nobody: the dry run refuses it as the import would.
    std::fs::write(&file, "name,manager\nNew Person,Ghost Boss\n").unwrap();
    let dry = run_in(&dir, &["roster", "import", "--dry-run"]).args([&file]).fails(1);
    assert!(dry.stderr.contains("Ghost Boss"), "{dry:?}");
}

#[test]
fn the_tree_of_a_chain_thousands_deep_stays_narrow() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    std::fs::create_dir_all(&dir).unwrap();
    let chain: String = (0..3000)
        .map(|i| {
            let manager = if i > 0 { format!("manager = \"P{}\"\n", i - 1) } else { String::new() };
            format!("[[person]]\nname = \"P{i}\"\n{manager}\n")
        })
        .collect();
    std::fs::write(dir.join("people.toml"), chain).unwrap();
    let tree = run_in(&dir, &["roster", "tree"]).ok();
    assert!(tree.contains("P2999"), "every person is drawn");
    let widest = tree.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 200, "a row {widest} characters wide");
}

#[test]
fn a_wrong_field_does_not_hide_the_problems_between_people() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "[[person]]\nname = \"Ann\"\nladder = \"nope\"\nmanager = \"Ghost\"\nroles = [\"admin\"]\n\n\
                [[person]]\nname = \"Bo\"\nleft = \"soon\"\n";
    std::fs::write(dir.join("people.toml"), text).unwrap();
    let run = run_in(&dir, &["roster", "check"]).fails(1);
    for said in ["unknown role `admin`", "`left` must be a day", "Ghost", "nope"] {
        assert!(run.stdout.contains(said) || run.stderr.contains(said), "{said}: {run:?}");
    }
}
