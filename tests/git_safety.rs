//! git run safely (issue 20): a save commits only into the store's own
//! repository, never runs what the repository configures (hooks, fsmonitor,
//! filters, signing), never stages during a merge or rebase, and writes
//! commit text that is one plain line. Also git's own defaults for sharing
//! through a bare remote, and a neutral author for peer feedback.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{Rungs, git};

fn answers(person: &str, assessor: &str, relationship: &str) -> Value {
    let r = || json!({ "current": "meets", "target": "developing" });
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "current": "TL4", "target": "TL5",
        "date": "2026-06-01", "ratings": { "technology": r(), "system": r(), "people": { "current": "meets" }, "process": r(), "influence": r() } })
}

fn save(dir: &Path, answers: &Value) -> crate::support::Run {
    Rungs::new().args(["assess", "--answers", "-", "--dir"]).args([dir]).stdin(answers.to_string()).run()
}

/// A store made with `rungs init --git` in a fresh home.
fn shared_store(rungs: &Rungs) -> PathBuf {
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git", "--branch", "main"]).ok();
    dir
}

/// git with no configuration but what the arguments say, whatever its exit.
fn git_raw(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(["-c", "user.name=Tester", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
}

/// The branch git itself starts a repository on, with the configuration of `home`.
pub fn default_branch(home: &Path) -> String {
    let probe = tempfile::tempdir().unwrap();
    let out = Command::new("git")
        .args(["init", "-q"])
        .arg(probe.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let head = std::fs::read_to_string(probe.path().join(".git/HEAD")).unwrap();
    head.trim().trim_start_matches("ref: refs/heads/").to_owned()
}

fn note(dir: &Path, text: &str) -> crate::support::Run {
    Rungs::new().args(["note", "--person", "Sam Lee", "-c", "people", text, "--dir"]).args([dir]).run()
}

fn executable(path: &Path, script: &str) {
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn commits(dir: &Path) -> usize {
    git(dir, &["rev-list", "--count", "HEAD"]).trim().parse().unwrap()
}

#[test]
fn a_save_runs_no_hook_fsmonitor_filter_or_signing_program_planted_in_the_repository() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let marks = rungs.home().join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let plant = |name: &str| {
        let script = rungs.home().join(format!("{name}.sh"));
        executable(&script, &format!("#!/bin/sh\ntouch '{}/{name}'\ncat\n", marks.display()));
        script.display().to_string()
    };
    for hook in
        ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "reference-transaction", "post-index-change"]
    {
        executable(&dir.join(".git/hooks").join(hook), &format!("#!/bin/sh\ntouch '{}/{hook}'\n", marks.display()));
    }
    git(&dir, &["config", "core.fsmonitor", &plant("fsmonitor")]);
    git(&dir, &["config", "filter.evil.clean", &plant("filter")]);
    git(&dir, &["config", "commit.gpgSign", "true"]);
    git(&dir, &["config", "gpg.program", &plant("gpg")]);
    std::fs::write(dir.join(".git/info/attributes"), "* filter=evil\n").unwrap();
    let before = commits(&dir);

    let run = note(&dir, "pairs well");
    assert_eq!(run.code, 0, "{run:#?}");
    let planted: Vec<_> = std::fs::read_dir(&marks).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(planted.is_empty(), "ran {planted:?}");
    assert_eq!(commits(&dir), before + 1, "{run:#?}");
    assert!(git(&dir, &["log", "-1", "--format=%s"]).starts_with("Note on Sam Lee"));
    assert!(git(&dir, &["ls-files"]).contains("sam-lee/notes/"));
}

/// A store with a merge stopped on a conflict in its README.
fn stopped_merge(dir: &Path) {
    git(dir, &["checkout", "-q", "-b", "other"]);
    std::fs::write(dir.join("README.md"), "theirs\n").unwrap();
    git(dir, &["commit", "-q", "-am", "theirs"]);
    git(dir, &["checkout", "-q", "main"]);
    std::fs::write(dir.join("README.md"), "ours\n").unwrap();
    git(dir, &["commit", "-q", "-am", "ours"]);
}

fn notes_listed(dir: &Path) -> usize {
    let out = Rungs::new().args(["notes", "Sam Lee", "--format", "json", "--dir"]).args([dir]).ok();
    crate::support::json(&out).as_array().unwrap().len()
}

#[test]
fn a_note_saved_during_a_stopped_merge_survives_the_abort() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    stopped_merge(&dir);
    assert!(!git_raw(&dir, &["merge", "other"]).status.success(), "the merge stops on the conflict");
    let run = note(&dir, "kept through the abort");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("a merge is under way") && run.stderr.contains("rungs git add"), "{}", run.stderr);
    assert!(!git(&dir, &["diff", "--cached", "--name-only"]).contains("notes/"), "nothing staged");
    git(&dir, &["merge", "--abort"]);
    assert_eq!(notes_listed(&dir), 1);
}

#[test]
fn a_note_saved_during_a_stopped_rebase_survives_the_abort() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    stopped_merge(&dir);
    assert!(!git_raw(&dir, &["rebase", "other"]).status.success(), "the rebase stops on the conflict");
    let head = git_raw(&dir, &["rev-parse", "HEAD"]).stdout;
    let run = note(&dir, "kept through the abort");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("a rebase is under way"), "{}", run.stderr);
    assert_eq!(git_raw(&dir, &["rev-parse", "HEAD"]).stdout, head, "nothing committed on the detached HEAD");
    git(&dir, &["rebase", "--abort"]);
    assert_eq!(notes_listed(&dir), 1);
}

#[test]
fn commit_text_is_plain_and_carries_no_forged_trailer() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let assessor = "Eve\u{1b}]0;owned\u{7} \u{202e}Evil\u{9b}\n\nCo-authored-by: Mallory <m@example.com>";
    let run = save(&dir, &answers("Sam\u{1b}[31m Lee", assessor, "manager"));
    assert_eq!(run.code, 0, "{run:#?}");
    let raw = git(&dir, &["log", "-1", "--format=%B%x00%an%x00%ae%x00%cn"]);
    let hidden: Vec<char> = raw
        .trim_end()
        .chars()
        .filter(|&c| {
            !matches!(c, '\0' | '\n')
                && (c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        })
        .collect();
    assert!(hidden.is_empty(), "raw {hidden:?} in {raw:?}");
    let message = git(&dir, &["log", "-1", "--format=%B"]);
    assert_eq!(message.trim_end().lines().count(), 1, "{message:?}");
    let trailers = Command::new("git")
        .args(["interpret-trailers", "--parse"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(message.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&trailers.stdout), "", "{message:?}");
    assert!(!git(&dir, &["log", "-1", "--format=%an"]).trim().contains('\n'));
}

#[test]
fn peer_feedback_is_committed_by_nobody_in_particular() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    git(&dir, &["config", "user.name", "Ann Peer"]);
    git(&dir, &["config", "user.email", "ann@example.com"]);
    let run = save(&dir, &answers("Sam Lee", "Ann Peer", "peer"));
    assert_eq!(run.code, 0, "{run:#?}");
    let log = git(&dir, &["log", "-1", "--format=%an <%ae>%n%cn <%ce>%n%B"]);
    assert!(log.starts_with("rungs <rungs@localhost>\nrungs <rungs@localhost>\n"), "{log}");
    assert!(log.contains("peer feedback for Sam Lee"), "{log}");
    assert!(!log.contains("Ann") && !log.contains("view by"), "{log}");
}

#[test]
fn git_dir_pointing_elsewhere_commits_nothing_anywhere() {
    let rungs = Rungs::new();
    let other = rungs.home().join("other");
    std::fs::create_dir_all(&other).unwrap();
    git(&other, &["init", "-q"]);
    git(&other, &["commit", "-q", "--allow-empty", "-m", "start"]);
    let dir = rungs.home().join("store");
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .env("GIT_DIR", other.join(".git"))
        .env("GIT_WORK_TREE", &other)
        .stdin(answers("Ada", "Ada", "self").to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(dir.join("ada/2026-06-01-tech-lead-self.json").is_file());
    assert_eq!(commits(&other), 1, "nothing committed into the other repository");
    assert!(git(&other, &["status", "--porcelain"]).is_empty(), "nothing staged there");
    assert!(!run.stderr.contains("Committed"), "{}", run.stderr);
    assert!(run.stderr.contains("GIT_DIR") && run.stderr.contains("not committed"), "{}", run.stderr);
}

#[test]
fn a_store_inside_a_git_tracked_home_is_never_committed_into_it() {
    let rungs = Rungs::new();
    let home = rungs.home();
    git(home, &["init", "-q"]);
    git(home, &["commit", "-q", "--allow-empty", "-m", "dotfiles"]);
    let run = Rungs::new()
        .args(["assess", "--answers", "-"])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .stdin(answers("Ada", "Ada", "self").to_string())
        .run();
    // The run's own home is another folder: point rungs at this one.
    assert_eq!(run.code, 0, "{run:#?}");
    let saved = crate::support::json(
        &Rungs::new().args(["list", "--format", "json"]).env("XDG_DATA_HOME", home.join("data")).ok(),
    );
    assert_eq!(saved.as_array().map(Vec::len), Some(1), "{saved}");
    assert_eq!(commits(home), 1, "nothing committed into the home repository");
    assert!(!git(home, &["status", "--porcelain", "--untracked-files=no"]).contains("ada"));
    assert!(run.stderr.contains("not committed") && run.stderr.contains("not made to share"), "{}", run.stderr);
}

#[test]
fn rungs_git_killed_by_a_signal_fails_with_128_plus_the_signal() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let bin = rungs.home().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    executable(&bin.join("git"), "#!/bin/sh\nkill -TERM $$\n");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let run = Rungs::new().args(["--dir"]).args([&dir]).args(["git", "status"]).env("PATH", path).run();
    assert_eq!(run.code, 128 + 15, "{run:#?}");
}

#[test]
fn sharing_through_a_bare_remote_works_with_git_s_defaults() {
    let rungs = Rungs::new();
    let root = rungs.home();
    let plain = |dir: &Path, args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", root.join("gitconfig"))
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    plain(root, &["init", "-q", "--bare", "r.git"]);
    let store = root.join("s");
    let init = Rungs::new().args(["init"]).args([&store]).args(["--git"]).env("HOME", root).run();
    assert_eq!(init.code, 0, "{init:#?}");
    let author = git(&store, &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), "rungs <rungs@localhost>", "the first commit has a real author");
    assert_eq!(save(&store, &answers("Ada", "Ada", "self")).code, 0);
    plain(&store, &["remote", "add", "origin", "../r.git"]);
    plain(&store, &["push", "-q", "-u", "origin", "HEAD"]);
    plain(root, &["clone", "-q", "r.git", "c"]);
    let list = Rungs::new().args(["--dir"]).args([root.join("c")]).args(["list", "--format", "json"]).ok();
    assert_eq!(crate::support::json(&list).as_array().map(Vec::len), Some(1), "{list}");
}

#[test]
fn the_first_commit_is_by_the_user_when_git_knows_them() {
    let rungs = Rungs::new();
    std::fs::write(rungs.home().join("gitconfig"), "[user]\n\tname = Kim Park\n\temail = kim@example.com\n").unwrap();
    let dir = rungs.home().join("store");
    let run = Rungs::new()
        .args(["init"])
        .args([&dir])
        .args(["--git", "--branch", "trunk"])
        .env("GIT_CONFIG_GLOBAL", rungs.home().join("gitconfig"))
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("branch trunk"), "{}", run.stderr);
    assert_eq!(git(&dir, &["branch", "--show-current"]).trim(), "trunk");
    assert_eq!(git(&dir, &["log", "-1", "--format=%an <%ae>"]).trim(), "Kim Park <kim@example.com>");
}

#[test]
fn a_planted_partial_clone_remote_is_never_fetched_from() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let mark = rungs.home().join("fetched");
    // The tree of HEAD goes missing, and a "promisor" remote would fetch it through a planted ssh command.
    let tree = git(&dir, &["rev-parse", "HEAD^{tree}"]).trim().to_owned();
    std::fs::remove_file(dir.join(".git/objects").join(&tree[..2]).join(&tree[2..])).unwrap();
    for (key, value) in [
        ("core.repositoryformatversion", "1".to_owned()),
        ("extensions.partialClone", "origin".to_owned()),
        ("remote.origin.promisor", "true".to_owned()),
        ("remote.origin.url", "ssh://example.invalid/r".to_owned()),
        ("core.sshCommand", format!("touch '{}'; false", mark.display())),
    ] {
        git(&dir, &["config", key, &value]);
    }
    let run = note(&dir, "no fetch");
    assert!(!mark.exists(), "the planted ssh command ran: {run:#?}");
    assert!(dir.join("sam-lee/notes").is_dir(), "the note is saved all the same");
}

#[test]
fn a_git_file_pointing_at_another_repository_is_not_the_store_s_own() {
    let rungs = Rungs::new();
    let home = rungs.home().join("home");
    std::fs::create_dir_all(&home).unwrap();
    git(&home, &["init", "-q"]);
    git(&home, &["commit", "-q", "--allow-empty", "-m", "dotfiles"]);
    let store = home.join("Downloads/store");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::write(store.join(".git"), format!("gitdir: {}\n", home.join(".git").display())).unwrap();
    let run = note(&store, "stays out of the home repository");
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(commits(&home), 1, "{run:#?}");
    assert!(run.stderr.contains("not made to share"), "{}", run.stderr);
}

#[test]
fn a_marked_store_copied_elsewhere_is_not_committed_where_it_lands() {
    let rungs = Rungs::new();
    let team = rungs.home().join("team");
    std::fs::create_dir_all(&team).unwrap();
    git(&team, &["init", "-q"]);
    git(&team, &["commit", "-q", "--allow-empty", "-m", "team"]);
    let reviews = team.join("reviews");
    Rungs::new().args(["init"]).args([&reviews]).args(["--git"]).ok();
    assert_eq!(note(&reviews, "in place").code, 0);
    let marked = commits(&team);
    // The same folder, copied into another repository at another place.
    let home = rungs.home().join("home");
    std::fs::create_dir_all(home.join("Downloads")).unwrap();
    git(&home, &["init", "-q"]);
    git(&home, &["commit", "-q", "--allow-empty", "-m", "dotfiles"]);
    let copy = home.join("Downloads/reviews");
    let status = Command::new("cp").arg("-a").arg(&reviews).arg(&copy).status().unwrap();
    assert!(status.success());
    let run = note(&copy, "copied");
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(commits(&home), 1, "nothing committed where the copy landed: {run:#?}");
    assert_eq!(commits(&team), marked);
}

#[test]
fn a_detached_head_in_a_reftable_repository_is_seen() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    std::fs::create_dir_all(&dir).unwrap();
    let made = git_raw(&dir, &["init", "-q", "--ref-format=reftable"]);
    if !made.status.success() {
        return; // a git without reftable has no such repository to get wrong
    }
    git(&dir, &["commit", "-q", "--allow-empty", "-m", "one"]);
    git(&dir, &["commit", "-q", "--allow-empty", "-m", "two"]);
    git(&dir, &["checkout", "-q", "--detach", "HEAD~1"]);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let run = note(&dir, "not on a detached head");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("detached HEAD"), "{}", run.stderr);
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head);
}

#[test]
fn a_planted_lock_that_is_a_link_or_a_fifo_neither_hangs_nor_writes_elsewhere() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let target = rungs.home().join("elsewhere");
    let _ = std::fs::remove_file(dir.join(".git/rungs-commit.lock"));
    std::os::unix::fs::symlink(&target, dir.join(".git/rungs-commit.lock")).unwrap();
    let run = note(&dir, "through a link");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!target.exists(), "the lock link was followed");
    assert!(run.stderr.contains("rungs-commit.lock"), "{}", run.stderr);
    std::fs::remove_file(dir.join(".git/rungs-commit.lock")).unwrap();
    let fifo = Command::new("mkfifo").arg(dir.join(".git/rungs-commit.lock")).status().unwrap();
    assert!(fifo.success());
    let run = Rungs::new()
        .args(["note", "--person", "Sam Lee", "fifo", "--dir"])
        .args([&dir])
        .timeout(std::time::Duration::from_secs(20))
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("not committed"), "{}", run.stderr);
}

#[test]
fn a_commit_whose_index_is_locked_says_it_was_committed_and_how_to_mend_the_index() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let before = commits(&dir);
    std::fs::write(dir.join(".git/index.lock"), "").unwrap();
    let run = note(&dir, "committed all the same");
    std::fs::remove_file(dir.join(".git/index.lock")).unwrap();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(commits(&dir), before + 1);
    assert!(run.stderr.contains("committed, but") && run.stderr.contains("rungs git reset -q --"), "{}", run.stderr);
    let file = run.stderr.split("rungs git reset -q -- ").nth(1).unwrap().split_whitespace().next().unwrap();
    git(&dir, &["reset", "-q", "--", file.trim_matches('\'')]);
    assert_eq!(git(&dir, &["status", "--porcelain"]), "", "the advice mends the index");
}

#[test]
fn a_repository_git_refuses_is_named_with_git_s_reason() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let chown = Command::new("chown").args(["-R", "65534"]).arg(dir.join(".git")).status().unwrap();
    if !chown.success() {
        return; // not root: no repository of another owner to make
    }
    let run = note(&dir, "refused");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("git refused the repository") && run.stderr.contains("ownership"), "{}", run.stderr);
    assert!(!run.stderr.contains("installed"), "{}", run.stderr);
}

#[test]
fn twenty_thousand_records_are_one_commit_however_long_their_names() {
    let rungs = Rungs::new();
    let dir = shared_store(&rungs);
    let folder = dir.join("jo-park").join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let names: Vec<PathBuf> = (0..20_000)
        .map(|n| {
            let name =
                PathBuf::from(format!("jo-park/notes/2026-03-01-a-rather-long-note-name-of-an-import-{n:05}.json"));
            std::fs::write(dir.join(&name), format!("{{\"n\": {n}}}\n")).unwrap();
            name
        })
        .collect();
    let paths: Vec<&Path> = names.iter().map(PathBuf::as_path).collect();
    let committed = rungs::share::commit(&dir, &paths, rungs::share::Author::Anonymous, "Harvest: 20000 notes");
    assert_eq!(committed, rungs::share::Committed::Yes);
    let listed = git_raw(&dir, &["ls-tree", "-r", "--name-only", "HEAD"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(listed.lines().filter(|l| l.starts_with("jo-park/notes/")).count(), 20_000);
    let status = git_raw(&dir, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "the work tree's index learns every file");
}
