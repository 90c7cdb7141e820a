//! rungs: career-ladder self-assessment.
//!
//! The crate map, from the edges in:
//!
//! - [`cli`]: the clap types, and nothing else knows clap.
//! - [`config`]: turns flags and environment into [`config::Settings`].
//! - [`command`]: one module per subcommand, all of the same shape.
//! - [`complete`]: shell completion candidates from the real store and ladders.
//! - [`ladder`]: the ladder model, its parser and validator, the built-ins,
//!   lookup by name, and level comparison.
//! - [`chart`]: pure; the SVG radar chart.
//! - [`assessment`]: the saved-assessment model and the answers-file format.
//! - [`interview`]: the question flow, behind a small prompter trait.
//! - [`journal`]: pure; notes of evidence and goals between assessments.
//! - [`scoring`]: pure; an assessment in, its gaps toward the target out.
//! - [`collection`]: reading many assessments at once, and naming one.
//! - [`share`]: a store in git: one commit per save, never a push.
//! - [`store`]: the assessments folder, dated names, crash-safe saves, drafts,
//!   and the one file layer that reads only bounded regular files.
//! - [`signal`]: Ctrl-C, SIGTERM and SIGHUP during an interview.
//! - [`spreadsheet`]: CSV safe to open in a spreadsheet: the one writer of
//!   both CSV outputs, every cell guarded against formulas.
//! - [`render`]: the document model and the terminal, Markdown and JSON renderers.
//! - [`untrusted`]: the one boundary where stored or typed text becomes
//!   terminal, Markdown or XML text.
//! - [`text`]: small pure text helpers.
//! - [`roster`]: who is who: `people.toml`, its parser and checks.
//! - [`view`]: pure; whose assessment it is, and which ones a command looks at.
//! - [`error`]: the error type and exit codes.
//! - `fuzz` (hidden): the fuzz targets, one per untrusted input; the driver
//!   is in `tests/fuzz.rs`.

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
pub mod interview;
pub mod journal;
pub mod ladder;
pub mod output;
pub mod parallel;
pub mod render;
pub mod roster;
pub mod scoring;
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
    command::run(cli.command, &settings)
}
