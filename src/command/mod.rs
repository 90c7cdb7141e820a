//! One module per subcommand, and this dispatcher. Each command is thin:
//! it reads through the store ([`crate::store`], [`crate::collection`]),
//! computes with [`crate::analysis`] and [`crate::scoring`], builds its
//! document with [`crate::documents`], and prints it through
//! [`crate::output`]. A command never imports another command: what two
//! commands share lives one layer down (docs/ARCHITECTURE.md).

mod assess;
mod calibrate;
mod chart;
mod check;
mod diff;
mod due;
mod export;
mod harvest;
mod history;
mod init;
mod journal;
mod ladder;
mod ladder_check;
mod ladder_export;
mod ladders;
mod list;
mod meta;
mod report;
mod roster;
mod seal;
mod team;

use crate::cli::{Command, GoalCommand, LadderCommand};
use crate::config::Settings;
use crate::error::Result;
use crate::journal::GoalStatus;

/// Runs one subcommand.
///
/// # Errors
/// Whatever the subcommand failed with.
pub fn run(command: Command, settings: &Settings) -> Result<()> {
    match command {
        Command::Assess(args) => assess::run(settings, &args),
        Command::Report(args) => report::run(settings, &args),
        Command::List(args) => list::run(settings, &args),
        Command::Diff(args) => diff::run(settings, &args),
        Command::History(args) => history::run(settings, &args),
        Command::Export(args) => export::run(settings, &args),
        Command::Chart(args) => chart::run(settings, &args),
        Command::Team(args) => team::run(settings, &args),
        Command::Calibrate(args) => calibrate::run(settings, &args),
        Command::Check(args) => check::run(settings, &args),
        Command::Init(args) => init::run(settings, &args),
        Command::Git { args } => init::git(settings, &args),
        Command::Keygen(args) => seal::keygen(settings, &args),
        Command::Encrypt => seal::encrypt(settings),
        Command::Rekey(args) => seal::rekey(settings, &args),
        Command::Note(args) => journal::note(settings, &args),
        Command::Notes(args) => journal::notes(settings, &args),
        Command::Goal(GoalCommand::Add(args)) => journal::goal_add(settings, &args),
        Command::Goal(GoalCommand::Done(args)) => journal::goal_close(settings, &args, GoalStatus::Done),
        Command::Goal(GoalCommand::Drop(args)) => journal::goal_close(settings, &args, GoalStatus::Dropped),
        Command::Goals(args) => journal::goals(settings, &args),
        Command::Harvest(source) => harvest::run(settings, &source),
        Command::Ladders(args) => ladders::run(settings, args.format),
        Command::Ladder(LadderCommand::Show(args)) => ladder::show(settings, &args),
        Command::Ladder(LadderCommand::Compare(args)) => ladder::compare(settings, &args),
        Command::Ladder(LadderCommand::Check(args)) => ladder_check::run(settings, &args),
        Command::Ladder(LadderCommand::Export(args)) => ladder_export::run(settings, &args),
        Command::Ladder(LadderCommand::Import(args)) => ladder_export::import(settings, &args),
        Command::Roster(args) => roster::run(settings, &args),
        Command::Due(args) => due::run(settings, &args),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man { command, dir } => meta::man(&command, dir.as_deref()),
    }
}
