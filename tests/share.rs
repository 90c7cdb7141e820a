//! A store shared through git: one commit per save, authored by the
//! assessor; drafts never committed; concurrent saves; two clones that
//! push and pull without conflicts.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Rungs, git, json as parse};

fn answers(person: &str, date: &str, assessor: &str, relationship: &str) -> Value {
    let r = || json!({ "current": "meets", "target": "developing", "evidence": format!("by {assessor}") });
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "current": "TL4", "target": "TL5",
        "date": date, "ratings": { "technology": r(), "system": r(), "people": { "current": "meets" }, "process": r(), "influence": r() } })
}

fn save(dir: &Path, answers: &Value) -> crate::support::Run {
    Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([dir]).stdin(answers.to_string()).run()
}

#[test]
fn init_makes_a_private_store_and_every_save_is_one_commit_by_the_assessor() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    assert!(dir.join(".git").is_dir() && dir.join("README.md").is_file());
    assert!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().contains(".draft-*"));
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    let run = save(&dir, &answers("Sam Lee", "2026-06-01", "Kim Park", "manager"));
    assert_eq!(run.code, 0, "{run:#?}");
    let log = git(&dir, &["log", "--format=%an%x09%s", "-1"]);
    assert!(log.starts_with("Kim Park\t") && log.contains("Sam Lee") && log.contains("tech-lead"), "{log}");
    assert!(log.contains("manager view") && log.contains("2026-06-01"), "{log}");
    Rungs::new().args(["note", "--person", "Sam Lee", "-c", "people", "pairs well", "--dir"]).args([&dir]).ok();
    assert!(git(&dir, &["log", "--format=%s", "-1"]).starts_with("Note on Sam Lee"));
    assert_eq!(git(&dir, &["status", "--porcelain"]), "", "nothing is left uncommitted");
    let out = Rungs::new().args(["--dir"]).args([&dir]).args(["git", "log", "--oneline"]).ok();
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(!git(&dir, &["remote"]).contains("origin"), "nothing is pushed anywhere");
    // Issue 26: the branch is git's own default (here, with no configuration, git's built-in one).
    let default = crate::git_safety::default_branch(rungs.home());
    assert_eq!(git(&dir, &["branch", "--show-current"]).trim(), default);
}

#[test]
fn a_store_inside_a_team_repository_commits_its_ignore_rules_there() {
    let rungs = Rungs::new();
    let repo = rungs.home().join("team");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    let dir = repo.join("reviews");
    let run = Rungs::new().args(["init"]).args([&dir]).args(["--git"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("sits in the git work tree"), "{}", run.stderr);
    let files = git(&repo, &["ls-files"]);
    assert!(files.contains("reviews/.gitignore") && files.contains("reviews/README.md"), "{files}");
    // Issue 20: the marker says the store is meant to be shared there, so saves commit there.
    assert!(files.contains("reviews/.rungs-shared"), "{files}");
    assert_eq!(save(&dir, &answers("Ada", "2026-06-01", "Ada", "self")).code, 0);
    assert!(git(&repo, &["ls-files"]).contains("reviews/ada/2026-06-01-tech-lead-self.json"));
}

#[test]
fn the_author_is_git_s_own_identity_when_it_names_the_assessor_and_a_closed_pipe_is_quiet() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    git(&dir, &["config", "user.name", "Ada"]);
    git(&dir, &["config", "user.email", "ada@example.com"]);
    assert_eq!(save(&dir, &answers("Ada", "2026-06-01", "Ada", "self")).code, 0);
    assert_eq!(git(&dir, &["log", "--format=%an <%ae>", "-1"]).trim(), "Ada <ada@example.com>");
    let log = Rungs::new().args(["--dir"]).args([&dir]).args(["git", "log"]);
    let mut command = log.command();
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn drafts_and_temporary_files_are_never_committed() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    let mut command = Rungs::new()
        .args(["assess", "--person", "Ada", "--current", "TL4", "--target", "TL5", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = crate::pty::Pty::spawn(command);
    pty.answer("Technology: your rating at TL4", crate::pty::ENTER);
    pty.expect("Technology: your rating at TL5");
    pty.send(crate::pty::CTRL_C);
    assert_eq!(pty.finish().0, 130);
    assert!(dir.join("ada/.draft-tech-lead-self.json").is_file());
    std::fs::write(dir.join("ada/.tmp-x.part"), "half").unwrap();
    assert_eq!(save(&dir, &answers("Bo", "2026-06-01", "Bo", "self")).code, 0);
    let files = git(&dir, &["ls-files"]);
    assert!(!files.contains(".draft-") && !files.contains(".tmp-") && !files.contains(".part"), "{files}");
    assert!(files.contains("bo/2026-06-01-tech-lead-self.json"), "{files}");
    assert!(!git(&dir, &["status", "--porcelain"]).contains("ada/"), "drafts are ignored, not left untracked");
}

#[test]
fn concurrent_saves_in_one_clone_all_commit() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    let saves: Vec<_> = (1..=8)
        .map(|day| {
            let dir = dir.clone();
            std::thread::spawn(move || save(&dir, &answers("Ada", &format!("2026-06-{day:02}"), "Ada", "self")))
        })
        .collect();
    for save in saves {
        let run = save.join().unwrap();
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(!run.stderr.contains("not committed"), "{}", run.stderr);
    }
    assert_eq!(git(&dir, &["rev-list", "--count", "HEAD"]).trim(), "9");
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
}

#[test]
fn without_git_a_save_still_works_and_says_why_nothing_was_committed() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    let empty = rungs.home().join("no-git");
    std::fs::create_dir_all(&empty).unwrap();
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .env("PATH", &empty)
        .stdin(answers("Ada", "2026-06-01", "Ada", "self").to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("not committed") && run.stderr.contains("git could not be run"), "{}", run.stderr);
    assert!(dir.join("ada/2026-06-01-tech-lead-self.json").is_file());
}

/// `history` JSON with the clone's own folder taken out of the paths.
fn history(dir: &Path) -> String {
    let out = Rungs::new().args(["history", "Sam Lee", "--format", "json", "--dir"]).args([dir]).ok();
    out.replace(&dir.display().to_string(), "")
}

#[test]
fn two_clones_save_in_parallel_then_pull_and_push_without_conflicts() {
    let rungs = Rungs::new();
    let root = rungs.home();
    let remote = root.join("remote.git");
    git(root, &["init", "--bare", "-q", remote.to_str().unwrap()]);
    let seed = root.join("seed");
    Rungs::new().args(["init"]).args([&seed]).args(["--git"]).ok();
    git(&seed, &["push", "-q", remote.to_str().unwrap(), "HEAD:main"]);
    let clone = |name: &str| -> PathBuf {
        git(root, &["clone", "-q", remote.to_str().unwrap(), name]);
        root.join(name)
    };
    let (engineer, manager) = (clone("engineer"), clone("manager"));
    let work = |dir: PathBuf, who: &'static str, relationship: &'static str, day: u32| {
        std::thread::spawn(move || {
            for q in 0..3 {
                let date = format!("2026-0{}-{day:02}", 3 * q + 3);
                assert_eq!(save(&dir, &answers("Sam Lee", &date, who, relationship)).code, 0);
            }
            Rungs::new().args(["note", "--person", "Sam Lee", "-c", "people", who, "--dir"]).args([&dir]).ok();
            Rungs::new().args(["goal", "add", "--person", "Sam Lee", "-c", "process", who, "--dir"]).args([&dir]).ok();
        })
    };
    let a = work(engineer.clone(), "Sam Lee", "self", 1);
    let b = work(manager.clone(), "Kim Park", "manager", 2);
    a.join().unwrap();
    b.join().unwrap();
    git(&engineer, &["push", "-q", "origin", "HEAD:main"]);
    git(&manager, &["pull", "-q", "--rebase", "origin", "main"]);
    git(&manager, &["push", "-q", "origin", "HEAD:main"]);
    git(&engineer, &["pull", "-q", "--rebase", "origin", "main"]);
    for dir in [&engineer, &manager] {
        let files = git(dir, &["ls-files"]);
        assert_eq!(files.lines().filter(|l| l.ends_with(".json")).count(), 10, "{files}");
    }
    assert_eq!(history(&engineer), history(&manager));
    let own = parse(&history(&engineer));
    assert_eq!(own["assessments"].as_array().unwrap().len(), 3);
    let notes = |dir: &Path| Rungs::new().args(["notes", "Sam Lee", "--format", "json", "--dir"]).args([dir]).ok();
    assert_eq!(notes(&engineer), notes(&manager));
}
