//! The flags of `rungs ladder …`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{FormatArgs, candidates, choice, names_or_paths};
use crate::complete;
use crate::render::LadderFormat;

/// `rungs ladder …`
#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Show a ladder's levels and the step each expects, or one level in full
    #[command(
        after_help = "Examples:\n  rungs ladder show tech-lead\n  rungs ladder show tech-lead --level TL4\n  rungs ladder show ./my-ladder.toml --format markdown"
    )]
    Show(ShowArgs),
    /// Show what changes, competency by competency, between two levels
    #[command(
        after_help = "Examples:\n  rungs ladder compare TL4 TL5\n  rungs ladder compare developer:D4 tech-lead:TL4 --format json"
    )]
    Compare(CompareArgs),
    /// Validate ladder files, reporting every problem in one run as FILE:LINE:COL
    #[command(
        after_help = "Examples:\n  rungs ladder check ladders/*.toml\n  rungs ladder check my-ladder.toml --format json   One array of {file, line, column, message}"
    )]
    Check(CheckArgs),
    /// Write a ladder as a spreadsheet (CSV) or as one page to publish (HTML, Markdown)
    #[command(
        after_help = "Examples:\n  rungs ladder export tech-lead --format csv -o tech-lead.csv\n  rungs ladder export tech-lead --format html -o tech-lead.html"
    )]
    Export(LadderExportArgs),
    /// Write a ladder file from a spreadsheet (CSV) in the layout `ladder export` writes
    #[command(after_help = "Example:\n  rungs ladder import our-ladder.csv --id our-ladder -o our-ladder.toml")]
    Import(LadderImportArgs),
}

/// `rungs ladder export`
#[derive(Debug, Args)]
pub struct LadderExportArgs {
    /// A ladder id (see `rungs ladders`) or a path to a ladder file
    #[arg(add = names_or_paths(complete::ladders))]
    pub ladder: String,
    /// What to write [default: from the -o extension, else markdown]
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = choice::<LadderFormat>())]
    pub format: Option<LadderFormat>,
    /// Where to write; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `rungs ladder import`
#[derive(Debug, Args)]
pub struct LadderImportArgs {
    /// The CSV file to read; - is stdin
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The new ladder's id [default: the id in the file, else from the file name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// How the sheet is laid out: rows (as `ladder export` writes), or matrix (levels as columns, competencies as rows)
    #[arg(long, value_name = "LAYOUT", value_parser = ["rows", "matrix"], default_value = "rows")]
    pub layout: String,
    /// With --layout matrix, the ladder's title [default: its id]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Where to write the ladder file; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE.toml")]
    pub output: Option<PathBuf>,
}

/// `rungs ladder show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A ladder id (see `rungs ladders`) or a path to a ladder file
    #[arg(add = names_or_paths(complete::ladders))]
    pub ladder: String,
    /// Show this level in full, with its texts
    #[arg(long, short = 'l', value_name = "LEVEL", add = candidates(complete::shown_levels))]
    pub level: Option<String>,
    /// On a ladder of tracks, only the levels of this track
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs ladder compare`
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The level to start from: LEVEL or LADDER:LEVEL
    #[arg(add = candidates(complete::levels))]
    pub from: String,
    /// The level to compare with: LEVEL or LADDER:LEVEL
    #[arg(add = candidates(complete::levels))]
    pub to: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs ladder check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The ladder files to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}
