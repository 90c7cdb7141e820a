//! `rungs git ARGS…`: git run inside the store with the user's own
//! arguments.

use std::path::Path;
use std::process::Command;

use super::{NOBODY, clear_local_env};
use crate::error::{Error, Result};

/// Runs `git ARGS` inside the store, with the terminal, and returns its exit
/// code. The command is the user's own, hooks and all; only git's local
/// environment is cleared, so that it works on the store's repository.
///
/// A git killed by a signal is a failure, `128 + SIGNAL`, as a shell says,
/// except a closed pipe (`rungs git log | head`), which is a normal end.
///
/// # Errors
/// When git cannot be run at all.
pub fn passthrough(root: &Path, args: &[std::ffi::OsString]) -> Result<i32> {
    let mut command = Command::new("git");
    clear_local_env(&mut command);
    // A rebase (or a pull that rebases) commits each local commit again,
    // with whoever runs it as committer: a peer's view would then carry the
    // peer's name. Commits made again here are committed by nobody in
    // particular; their authors are kept.
    let rewrites = args.first().and_then(|a| a.to_str()).is_some_and(|a| REWRITING.contains(&a));
    if rewrites {
        command.env("GIT_COMMITTER_NAME", NOBODY.0).env("GIT_COMMITTER_EMAIL", NOBODY.1);
    }
    let status = command.arg("-C").arg(root).args(args).status().map_err(|e| {
        Error::Other(format!("cannot run git in {}: {e}\n  install git to share the store", root.display()))
    })?;
    const SIGPIPE: i32 = 13;
    match (status.code(), signal_of(status)) {
        (Some(code), _) if code == 128 + SIGPIPE => Ok(0),
        (Some(code), _) => Ok(code),
        (None, Some(SIGPIPE)) => Ok(0),
        (None, Some(signal)) => Ok(128 + signal),
        (None, None) => Ok(crate::error::EXIT_ERROR),
    }
}

/// The git commands that commit local commits again.
const REWRITING: &[&str] = &["pull", "rebase", "cherry-pick", "am", "merge", "revert"];

/// The signal that ended a process, where the platform has them.
fn signal_of(status: std::process::ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal()
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        None
    }
}
