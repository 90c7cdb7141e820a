//! Sharing a store through git: when the store is meant to be shared,
//! every saved record becomes one commit, authored by whoever wrote it.
//! rungs only runs the `git` command-line tool, and never pushes: sharing
//! is the team's `git pull --rebase` and `git push`.
//!
//! A store is shared when its folder is the top of its own git work tree
//! (its `.git` a folder of its own, not a file pointing elsewhere), or when
//! it carries the [`MARKER`] that `rungs init --git` writes into a store
//! inside a team's repository, naming the store's place in it. A store that
//! merely sits somewhere below a work tree (a home folder kept in git, say),
//! or a marked store copied to another place, is never committed into.
//!
//! The repository is as untrusted as the files in it: a store copied as a
//! folder brings its `.git/config` and hooks along. So every git that rungs
//! starts for a save runs through [`git`]: git's local environment cleared,
//! hooks, fsmonitor, signing and every transport (so no lazy fetch of a
//! planted "promisor" remote) off, each git given at most [`GIT_TIMEOUT`],
//! and the commit is made with plumbing
//! (`hash-object --no-filters`, a private index, `commit-tree`,
//! `update-ref`), so that no hook, filter or fsmonitor configured in the
//! repository runs. Nothing is staged or committed while a merge, rebase,
//! cherry-pick, revert or bisect is under way, or on a detached HEAD: the
//! record stays saved on disk, where an abort leaves it alone.
//!
//! Concurrent saves in one clone take turns on a lock file inside the
//! repository's git folder, so they never meet on git's own index lock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::Result;

mod init;
mod passthrough;
mod record;

pub use init::{Init, init};
pub use passthrough::passthrough;
use record::{LOCK, Recorded, record, take_turn};

/// What became of a save's commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Committed {
    /// The store is in no git work tree: nothing to do.
    NotShared,
    /// The store is in a git work tree that it is not meant to share, or
    /// git's environment pointed elsewhere: nothing committed; says why.
    Declined(String),
    /// Committed.
    Yes,
    /// Nothing to commit: the file's content is already the branch's.
    Unchanged,
    /// Committed, but the work tree's index could not learn it; says how
    /// to mend that.
    Unstaged(String),
    /// The store is shared, but no commit was made; says why and what to do.
    No(String),
}

/// Who a commit is by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author<'a> {
    /// The person who wrote the record, by name.
    Named(&'a str),
    /// Nobody in particular: a peer's feedback is committed as `rungs`,
    /// author and committer, so the history never says who gave it.
    Anonymous,
    /// Whoever runs rungs, as git knows them, else `rungs`.
    User,
}

/// The ignore rules a store keeps so that drafts and temporary files never enter git.
pub const IGNORE: &str =
    "# rungs: unfinished interviews and interrupted saves stay on this machine\n.draft-*\n.tmp-*\n*.part\n";

/// The file that marks a store inside a larger repository as shared there.
pub const MARKER: &str = ".rungs-shared";

/// What the [`MARKER`] says to whoever finds it; its `path:` line names
/// the store's folder in the repository, so a copy elsewhere is not shared.
fn marker_text(prefix: &str) -> String {
    format!(
        "# rungs: this store is shared through the git repository it sits in,\n\
         # so every save is one commit there. Delete this file to stop that.\n\
         path: {prefix}\n"
    )
}

/// The longest any git that rungs starts may take before it is stopped.
pub const GIT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The identity of commits that name nobody.
const NOBODY: (&str, &str) = ("rungs", "rungs@localhost");

/// git's variables that point it at another repository, index, work tree
/// or configuration: `git rev-parse --local-env-vars`. None reaches a git
/// that rungs starts.
pub const LOCAL_ENV: &[&str] = &[
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX",
    "GIT_SHALLOW_FILE",
    "GIT_COMMON_DIR",
];

/// Settings that keep a repository's configuration from running code: no
/// hooks, no fsmonitor, no signing or signature-checking program (a planted
/// `log.showSignature` would run `gpg.program` on every signed commit that
/// `harvest` reads), no transport (a planted partial-clone remote would
/// otherwise be fetched from, through its `core.sshCommand`).
const SAFE: &[&str] = &[
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "commit.gpgSign=false",
    "-c",
    "tag.gpgSign=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "gpg.program=false",
    "-c",
    "gpg.ssh.program=false",
    "-c",
    "gpg.x509.program=false",
    "-c",
    "protocol.allow=never",
];

/// git's local environment cleared from `command`, so it works on the
/// repository its folder is in, and on no other.
fn clear_local_env(command: &mut Command) -> &mut Command {
    for name in LOCAL_ENV {
        command.env_remove(name);
    }
    command
}

/// A git command in `dir` as every git rungs starts on its own: no terminal
/// prompts, git's local environment cleared, hooks, fsmonitor and signing
/// off. The one place such a command is made.
pub fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    clear_local_env(&mut command);
    command.args(SAFE).arg("-C").arg(dir).stdin(Stdio::null());
    command.env("GIT_TERMINAL_PROMPT", "0").env("GIT_NO_LAZY_FETCH", "1").env("GIT_ALLOW_PROTOCOL", "");
    command
}

/// Runs a git command to its end, or stops it after [`GIT_TIMEOUT`]: a
/// repository's configuration can name a FIFO, and a save must not hang.
fn run(command: &mut Command) -> std::io::Result<Output> {
    run_fed(command, None)
}

/// [`run`], with `input` written to the command's standard input.
fn run_fed(command: &mut Command, input: Option<Vec<u8>>) -> std::io::Result<Output> {
    use std::io::{Read, Write};
    if input.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    if let (Some(input), Some(mut pipe)) = (input, child.stdin.take()) {
        // Written from a thread of its own: git reads while it writes, and
        // a full pipe on either side must not stall the other.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let deadline = std::time::Instant::now() + GIT_TIMEOUT;
    let mut pause = std::time::Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            let limit = GIT_TIMEOUT.as_secs();
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("git did not finish within {limit} s"),
            ));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(std::time::Duration::from_millis(20));
    };
    let joined = |reader: std::thread::JoinHandle<Vec<u8>>| reader.join().unwrap_or_default();
    Ok(Output { status, stdout: joined(stdout), stderr: joined(stderr) })
}

/// Runs a command made by [`git`] to its end and returns what it printed,
/// stopped after [`GIT_TIMEOUT`] like every git rungs starts: for readers
/// of other repositories (`rungs harvest`), which never write.
///
/// # Errors
/// When git cannot be run, or did not finish in time.
pub fn output(command: &mut Command) -> std::io::Result<Output> {
    run(command)
}

/// [`output`], with `input` on the command's standard input (`git log
/// --stdin`): a list of commits too long for a command line.
///
/// # Errors
/// As [`output`].
pub fn output_fed(command: &mut Command, input: Vec<u8>) -> std::io::Result<Output> {
    run_fed(command, Some(input))
}

/// git's `user.email`, read in `dir` (its repository's setting first, then
/// the global one).
pub fn user_email(dir: &Path) -> Option<String> {
    answer(git(dir).args(["config", "user.email"])).filter(|e| !e.is_empty())
}

/// git's `user.name`, read in `dir` when given (so a repository's own
/// setting wins), else in the current folder.
pub fn user_name(dir: Option<&Path>) -> Option<String> {
    let name = answer(git(dir.unwrap_or(Path::new("."))).args(["config", "user.name"]))?;
    Some(name).filter(|n| !n.is_empty())
}

/// What `command` printed, trimmed, when it succeeded.
fn answer(command: &mut Command) -> Option<String> {
    let out = run(command).ok()?;
    String::from_utf8(out.stdout).ok().filter(|_| out.status.success()).map(|s| s.trim().to_owned())
}

/// The work tree a store sits in.
struct WorkTree {
    /// Its top folder.
    top: PathBuf,
    /// Its git folder (a linked work tree's own).
    git_dir: PathBuf,
    /// The store's folder relative to the top, with `/`, empty or ending in `/`.
    prefix: String,
}

/// The work tree `root` sits in: `None` outside any; an error when git
/// cannot be run or refuses the repository (say, one owned by someone else).
fn work_tree(root: &Path) -> Result<Option<WorkTree>, String> {
    let mut ask = git(root);
    ask.args(["rev-parse", "--show-toplevel", "--absolute-git-dir", "--show-prefix"]);
    let out = run(&mut ask).map_err(|e| format!("git could not be run: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return if stderr.contains("not a git repository") {
            Ok(None)
        } else {
            let why = if stderr.trim().is_empty() { format!("git {}", out.status) } else { one_line(stderr.trim()) };
            Err(format!("git refused the repository of {}: {why}", root.display()))
        };
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let (Some(top), Some(git_dir)) = (lines.next(), lines.next()) else {
        return Err(format!("git gave no work tree for {}", root.display()));
    };
    let prefix = lines.next().unwrap_or("").to_owned();
    Ok(Some(WorkTree { top: PathBuf::from(top), git_dir: PathBuf::from(git_dir), prefix }))
}

/// Whether a `.git` is in `root` or above it, looked for without git.
pub fn looks_shared(root: &Path) -> bool {
    root.ancestors().any(|dir| dir.join(".git").exists())
}

/// Whether the store at `root` is meant to be shared through `tree`: it is
/// the top of its own work tree, or carries the marker naming its place.
fn meant_for(root: &Path, tree: &WorkTree) -> bool {
    if tree.prefix.is_empty() {
        return owns(root, tree);
    }
    let Ok(text) = crate::store::read_text(&root.join(MARKER)) else { return false };
    text.lines().any(|line| line.strip_prefix("path: ") == Some(tree.prefix.as_str()))
}

/// Whether the store is the top of a repository of its own: its `.git` is
/// a real folder (not a file pointing at another repository's), and it is
/// the git folder git found for it (no `core.worktree` pointing elsewhere).
fn owns(root: &Path, tree: &WorkTree) -> bool {
    let Ok(root) = root.canonicalize() else { return false };
    let own = root.join(".git");
    let is_folder = std::fs::symlink_metadata(&own).is_ok_and(|m| m.is_dir());
    let same = |a: &Path, b: &Path| a.canonicalize().is_ok_and(|a| b.canonicalize().is_ok_and(|b| a == b));
    is_folder && same(&tree.top, &root) && same(&tree.git_dir, &own)
}

/// The names of git's local variables that are set here.
fn local_env_set() -> Vec<&'static str> {
    LOCAL_ENV.iter().copied().filter(|name| std::env::var_os(name).is_some()).collect()
}

/// Why the store at `root` is not committed into, when it is not shared.
fn not_shared(root: &Path) -> Committed {
    let set = local_env_set();
    if set.is_empty() {
        return Committed::NotShared;
    }
    Committed::Declined(format!(
        "not committed: {} is set, but rungs commits only into the store's own repository, and {} is in none",
        set.join(" and "),
        root.display()
    ))
}

/// What is under way in the repository that a commit must not cut into.
fn under_way(git_dir: &Path) -> Option<&'static str> {
    const STATES: [(&str, &str); 7] = [
        ("rebase-merge", "a rebase"),
        ("rebase-apply", "a rebase"),
        ("MERGE_HEAD", "a merge"),
        ("CHERRY_PICK_HEAD", "a cherry-pick"),
        ("REVERT_HEAD", "a revert"),
        ("BISECT_LOG", "a bisect"),
        ("sequencer", "a cherry-pick or revert"),
    ];
    STATES.iter().find(|(name, _)| git_dir.join(name).exists()).map(|&(_, what)| what)
}

/// Whether no branch is checked out, asked of git (a reftable repository's
/// `HEAD` file says nothing).
fn detached(root: &Path) -> bool {
    run(git(root).args(["symbolic-ref", "-q", "HEAD"])).is_ok_and(|out| !out.status.success())
}

/// The files of a save, quoted for a shell, and the message, for the
/// commands that commit them by hand.
fn by_hand(paths: &[&Path], message: &str) -> String {
    let files: Vec<String> = paths.iter().map(|p| crate::text::shell_quote(&p.display().to_string())).collect();
    format!("rungs git add {} && rungs git commit -m {}", files.join(" "), crate::text::shell_quote(&one_line(message)))
}

/// Commits `paths` (records of the store at `root`, relative to it) as one
/// commit by `author`, with `message`. A store that is not meant to be
/// shared is left alone; a failure never undoes the save, it is only
/// reported.
pub fn commit(root: &Path, paths: &[&Path], author: Author<'_>, message: &str) -> Committed {
    let tree = match work_tree(root) {
        Ok(Some(tree)) => tree,
        Ok(None) => return not_shared(root),
        Err(why) if looks_shared(root) => return Committed::No(format!("{why}; the save was not committed")),
        Err(_) => return not_shared(root),
    };
    if !meant_for(root, &tree) {
        return Committed::Declined(format!(
            "not committed: the store is inside the git work tree {}, which it was not made to share; to commit \
             its saves there, run: rungs init {} --git",
            tree.top.display(),
            crate::text::shell_quote(&root.display().to_string())
        ));
    }
    if let Some(what) = under_way(&tree.git_dir) {
        return Committed::No(format!(
            "{what} is under way in {}, so nothing was staged; the file stays on disk. Finish or abort it, then \
             run: {}",
            tree.top.display(),
            by_hand(paths, message)
        ));
    }
    if detached(root) {
        return Committed::No(format!(
            "no branch is checked out in {} (a detached HEAD), so nothing was staged; the file stays on disk. \
             Check out a branch, then run: {}",
            tree.top.display(),
            by_hand(paths, message)
        ));
    }
    let lock = match take_turn(&tree.git_dir) {
        Ok(lock) => lock,
        Err(e) => {
            return Committed::No(format!("cannot take the commit lock {}: {e}", tree.git_dir.join(LOCK).display()));
        }
    };
    let outcome = record(root, &tree, paths, author, message);
    drop(lock);
    match outcome {
        Ok(Recorded::Committed) => Committed::Yes,
        Ok(Recorded::Unchanged) => Committed::Unchanged,
        Ok(Recorded::Unstaged(why)) => {
            let files: Vec<String> = paths.iter().map(|p| crate::text::shell_quote(&p.display().to_string())).collect();
            Committed::Unstaged(format!(
                "committed, but git's index was not updated ({why}); so that `git status` agrees, run: rungs git \
                 reset -q -- {}",
                files.join(" ")
            ))
        }
        Err(why) => Committed::No(why),
    }
}

/// What a git command printed, trimmed, or what it said when it failed.
fn checked(command: &mut Command) -> Result<String, String> {
    checked_fed(command, None)
}

/// [`checked`], with `input` written to the command's standard input: many
/// paths at once never make a command line too long.
fn checked_fed(command: &mut Command, input: Option<Vec<u8>>) -> Result<String, String> {
    let out = run_fed(command, input).map_err(|e| format!("git could not be run: {e}"))?;
    if !out.status.success() {
        return Err(format!("git said: {}", one_line(String::from_utf8_lossy(&out.stderr).trim())));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Text for a commit message or author: one line, control, C1 and bidi
/// characters shown as visible escapes (as on a terminal), line breaks and
/// tabs as spaces. A one-line message has no body, so nothing in it can
/// become a trailer such as `Co-authored-by:`.
pub fn one_line(text: &str) -> String {
    let flat: String = text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    crate::untrusted::terminal(&flat).into_owned()
}

/// Runs a git command, trying again while another git process (not rungs)
/// holds the index lock.
fn retry(command: &mut Command, input: &[u8]) -> Result<(), String> {
    for attempt in 0..50 {
        let out = run_fed(command, Some(input.to_vec())).map_err(|e| format!("git could not be run: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !stderr.contains("index.lock") || attempt == 49 {
            return Err(format!("git said: {}", one_line(stderr.trim())));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests;
