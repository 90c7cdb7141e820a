//! `rungs completions` and `rungs man`: the command line describing itself.

use clap::CommandFactory;

use super::emit;
use crate::cli::Cli;
use crate::error::Result;

/// Prints a completion script for `shell`.
///
/// # Errors
/// When stdout cannot be written.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rungs", &mut script);
    emit(&String::from_utf8_lossy(&script))
}

/// Prints the man page as roff.
///
/// # Errors
/// When stdout cannot be written.
pub fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page).expect("rendering into memory cannot fail");
    emit(&String::from_utf8_lossy(&page))
}
