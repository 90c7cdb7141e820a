//! rungs: career-ladder self-assessment.
//!
//! The crate is cut into layers, each using only those below it; the map,
//! the table the tests hold it to, and the invariants of each boundary are
//! in docs/ARCHITECTURE.md. From the bottom:
//!
//! - base: [`error`], [`text`], [`file`](mod@file) (bounded reads, atomic writes),
//!   [`signal`], [`parallel`].
//! - render: [`render`] (documents and their formats), [`untrusted`] (the
//!   one escaping boundary), [`spreadsheet`], [`chart`] (SVG).
//! - model: [`ladder`], [`assessment`], [`journal`], [`roster`] (who is who:
//!   `people.toml`, its parser and checks).
//! - analysis, pure: [`scoring`], [`view`] (which assessments a command
//!   looks at), [`analysis`].
//! - store, the one door to the disk: [`store`], [`share`] (git),
//!   [`collection`] (many records at once, names resolved), [`who`],
//!   [`harvest`] (commits and pull requests read as candidate notes).
//! - documents: [`documents`], what the user reads.
//! - commands: [`cli`] (the only module that knows clap), [`config`],
//!   [`command`], [`output`], [`interview`], [`complete`], and `fuzz`
//!   (hidden), the fuzz targets driven by `tests/fuzz.rs`.

#![warn(missing_docs)]

pub mod analysis;
pub mod assessment;
pub mod chart;
pub mod cli;
pub mod collection;
pub mod command;
pub mod complete;
pub mod config;
pub mod documents;
pub mod error;
pub mod file;
#[doc(hidden)]
pub mod fuzz;
pub mod harvest;
pub mod interview;
pub mod journal;
pub mod ladder;
pub mod output;
pub mod parallel;
pub mod render;
pub mod roster;
pub mod scoring;
pub mod seal;
pub mod share;
pub mod signal;
pub mod spreadsheet;
pub mod store;
pub mod text;
pub mod untrusted;
pub mod view;
pub mod who;

pub use error::{Error, Result};

/// Runs the command line: the whole program but for printing the error and exiting.
///
/// # Errors
/// Whatever the command failed with; [`Error::exit_code`] says how to exit.
pub fn run(cli: cli::Cli) -> Result<()> {
    let settings = config::Settings::new(cli.ladders.clone(), cli.dir.clone(), cli.color);
    seal::choose(cli.identity.clone());
    // An identity named on purpose that cannot be used is a mistake to say
    // at once, not a quiet "not for your key" on every record.
    // (Its keys are read only when a sealed file needs them: a protected
    // SSH key asks for its passphrase then, and only then.)
    let makes_one = matches!(cli.command, cli::Command::Keygen(_));
    if let (Some(path), false) = (&cli.identity, makes_one)
        && !path.is_file()
    {
        let why = if path.exists() { "not a regular file" } else { "no such file" };
        return Err(Error::Usage(format!("--identity {}: {why}; make an identity with: rungs keygen", path.display())));
    }
    // New readers in an encrypted store's roster: said before the command runs.
    output::review_roster(&settings);
    let result = command::run(cli.command, &settings);
    // Records sealed to other people: one line, whatever else happened.
    if let Some(note) = seal::unopened_note() {
        output::say(&note);
    }
    result
}
