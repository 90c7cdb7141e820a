//! Sharing a store through git: when the store sits in a git work tree,
//! every saved record becomes one commit, authored by whoever wrote it.
//! rungs only runs the `git` command-line tool, and never pushes: sharing
//! is the team's `git pull --rebase` and `git push`.
//!
//! Concurrent saves in one clone take turns on a lock file inside the
//! repository's git folder, so they never meet on git's own index lock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Error, Result};

/// What became of a save's commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Committed {
    /// The store is not in a git work tree: nothing to do.
    NotShared,
    /// Committed.
    Yes,
    /// The store looks shared, but no commit was made; says why.
    No(String),
}

/// The ignore rules a store keeps so that drafts and temporary files never enter git.
pub const IGNORE: &str =
    "# rungs: unfinished interviews and interrupted saves stay on this machine\n.draft-*\n.tmp-*\n*.part\n";

/// A git command in `dir`, with no terminal prompts.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).env("GIT_TERMINAL_PROMPT", "0").stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> std::io::Result<Output> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped()).output()
}

/// The git folder of the work tree `root` sits in, if any.
fn git_dir(root: &Path) -> Option<PathBuf> {
    let out = run(git(root).args(["rev-parse", "--absolute-git-dir"])).ok()?;
    let text = String::from_utf8(out.stdout).ok().filter(|_| out.status.success())?;
    Some(PathBuf::from(text.trim()))
}

/// Whether a `.git` is in `root` or above it, looked for without git.
fn looks_shared(root: &Path) -> bool {
    root.ancestors().any(|dir| dir.join(".git").exists())
}

/// Commits `paths` (records of the store at `root`) as one commit by
/// `author`, with `message`. A store outside git is left alone; a failure
/// never undoes the save, it is only reported.
pub fn commit(root: &Path, paths: &[&Path], author: &str, message: &str) -> Committed {
    let Some(git_dir) = git_dir(root) else {
        return if looks_shared(root) {
            Committed::No("git could not be run (is it installed?), so the save was not committed".into())
        } else {
            Committed::NotShared
        };
    };
    let lock = match take_turn(&git_dir) {
        Ok(lock) => lock,
        Err(e) => return Committed::No(format!("cannot take the commit lock: {e}")),
    };
    let outcome = add_and_commit(root, paths, author, message);
    drop(lock);
    match outcome {
        Ok(()) => Committed::Yes,
        Err(why) => Committed::No(why),
    }
}

/// Waits for this clone's other rungs saves to finish committing.
fn take_turn(git_dir: &Path) -> std::io::Result<std::fs::File> {
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(git_dir.join("rungs-commit.lock"))?;
    file.lock()?;
    Ok(file)
}

fn add_and_commit(root: &Path, paths: &[&Path], author: &str, message: &str) -> Result<(), String> {
    let mut add = git(root);
    add.args(["add", "--"]).args(paths);
    retry(&mut add)?;
    let mut commit = git(root);
    if !has_identity(root) {
        commit.args(["-c", &format!("user.name={author}"), "-c", "user.email="]);
    }
    commit.args(["commit", "--quiet", "--no-verify", "-m", message, "--author", &author_field(root, author)]);
    commit.arg("--").args(paths);
    retry(&mut commit)
}

/// `Name <email>`: the email is git's own `user.email` when the author is
/// git's `user.name` here, else left empty (rungs knows no one else's).
fn author_field(root: &Path, author: &str) -> String {
    let config = |key: &str| {
        let out = run(git(root).args(["config", "--get", key])).ok()?;
        String::from_utf8(out.stdout).ok().filter(|_| out.status.success()).map(|s| s.trim().to_owned())
    };
    let email = match config("user.name") {
        Some(name) if crate::view::same_name(&name, author) => config("user.email").unwrap_or_default(),
        _ => String::new(),
    };
    let email: String = email.chars().filter(|c| !matches!(c, '<' | '>' | '\n' | '\r')).collect();
    format!("{} <{email}>", author_name(author))
}

/// A name git accepts as an author: no angle brackets or newlines.
fn author_name(author: &str) -> String {
    let name: String = author.chars().filter(|c| !matches!(c, '<' | '>' | '\n' | '\r')).collect();
    if name.trim().is_empty() { "rungs".to_owned() } else { name.trim().to_owned() }
}

/// Whether git knows who commits here; without it, the author commits.
fn has_identity(root: &Path) -> bool {
    run(git(root).args(["config", "--get", "user.email"])).is_ok_and(|o| o.status.success())
}

/// Runs a git command, trying again while another git process (not rungs)
/// holds the index lock.
fn retry(command: &mut Command) -> Result<(), String> {
    for attempt in 0..50 {
        let out = run(command).map_err(|e| format!("git could not be run: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !stderr.contains("index.lock") || attempt == 49 {
            return Err(format!("git said: {}", stderr.trim()));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    unreachable!("the loop returns")
}

/// Runs `git ARGS` inside the store, with the terminal, and returns its exit code.
///
/// # Errors
/// When git cannot be run at all.
pub fn passthrough(root: &Path, args: &[std::ffi::OsString]) -> Result<i32> {
    let status = Command::new("git").arg("-C").arg(root).args(args).status().map_err(|e| {
        Error::Other(format!("cannot run git in {}: {e}\n  install git to share the store", root.display()))
    })?;
    // A reader that went away (`rungs git log | head`) is a normal end.
    const SIGPIPE_EXIT: i32 = 128 + 13;
    match status.code() {
        Some(SIGPIPE_EXIT) | None => Ok(0),
        Some(code) => Ok(code),
    }
}

/// Makes `root` a git repository (unless it already sits in one) and
/// commits the store's README and ignore rules.
///
/// # Errors
/// When git cannot be run or fails.
pub fn init(root: &Path, files: &[&Path]) -> Result<bool> {
    if git_dir(root).is_some() {
        // Already in a work tree: the ignore rules must reach teammates too.
        return match commit(root, files, "rungs", "Add a rungs store") {
            Committed::No(why) => Err(Error::Other(why)),
            _ => Ok(false),
        };
    }
    let out = run(git(root).args(["init", "--quiet", "--initial-branch=main"])).map_err(|e| {
        Error::Other(format!("cannot run git in {}: {e}\n  install git, or leave out --git", root.display()))
    })?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "git init failed in {}: {}",
            root.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    // The repository holds review data too: private like the rest of the store.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(root.join(".git"), std::fs::Permissions::from_mode(0o700));
    }
    match commit(root, files, "rungs", "Start a rungs store") {
        Committed::No(why) => Err(Error::Other(why)),
        _ => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_names_never_break_the_author_field() {
        assert_eq!(author_name("Kim <kim@x> Park"), "Kim kim@x Park");
        assert_eq!(author_name("  "), "rungs");
    }

    #[test]
    fn the_ignore_rules_cover_drafts_and_temporary_files() {
        for pattern in [".draft-*", ".tmp-*", "*.part"] {
            assert!(IGNORE.lines().any(|l| l == pattern), "{pattern}");
        }
    }
}
