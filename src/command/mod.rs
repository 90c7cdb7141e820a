//! One module per subcommand. Each exposes `run(settings, args)`, builds a
//! [`View`](crate::render::View) from pure functions, and prints it with
//! [`emit`].

mod assess;
mod ladder;
mod ladders;
mod meta;

use std::io::Write;

use crate::cli::{Command, LadderCommand};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Format, View, render};

/// Runs one subcommand.
///
/// # Errors
/// Whatever the subcommand failed with.
pub fn run(command: Command, settings: &Settings) -> Result<()> {
    match command {
        Command::Assess(args) => assess::run(settings, &args),
        Command::Ladders(args) => ladders::run(settings, args.format),
        Command::Ladder(LadderCommand::Show(args)) => ladder::show(settings, &args),
        Command::Ladder(LadderCommand::Compare(args)) => ladder::compare(settings, &args),
        Command::Ladder(LadderCommand::Check(args)) => ladder::check(settings, &args),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man => meta::man(),
    }
}

/// Renders a view on stdout in the chosen format.
///
/// # Errors
/// When stdout cannot be written (a closed pipe is not an error).
pub fn show(view: &impl View, format: Format, settings: &Settings) -> Result<()> {
    emit(&render(view, format, settings.stdout))
}

/// Writes to stdout. A closed pipe (`rungs … | head`) ends quietly.
///
/// # Errors
/// Any other write failure.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("cannot write", "stdout", e)),
        _ => Ok(()),
    }
}

/// Prints a warning on stderr.
pub fn warn(settings: &Settings, message: &str) {
    let prefix = crate::render::paint("warning:", crate::render::Tone::Warn, settings.stderr);
    eprintln!("{prefix} {message}");
}
