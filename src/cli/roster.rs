//! The flags of `rungs roster …`, `rungs due`, and `--under` of `team` and `list`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{FormatArgs, candidates, choice};
use crate::complete;
use crate::documents::roster::RosterFormat;
use crate::render::Format;

/// `rungs roster`: with no subcommand, the roster as a table.
#[derive(Debug, Args)]
pub struct RosterArgs {
    /// What to do [default: list the roster]
    #[command(subcommand)]
    pub command: Option<RosterCommand>,
    /// Output format of the listing
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<RosterFormat>())]
    pub format: RosterFormat,
}

/// `rungs roster …`
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// The reporting lines as a tree, from the top or from one person
    Tree(RosterTreeArgs),
    /// Add a person to the roster
    Add(PersonArgs),
    /// Change a person's fields; an empty value clears one
    Set(PersonArgs),
    /// Add and update people from an HR system's CSV export (nothing removed unless --prune)
    Import(RosterImportArgs),
    /// Check the roster: unknown managers, cycles, duplicates, unknown ladders or levels, malformed keys
    #[command(after_help = "Exit status: 0 when no problem is found, 1 otherwise.")]
    Check(FormatArgs),
}

/// `rungs roster tree`
#[derive(Debug, Args)]
pub struct RosterTreeArgs {
    /// The person at the top of the tree, a name or an email [default: everyone without a manager]
    #[arg(value_name = "NAME", add = candidates(complete::people))]
    pub name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs roster add` and `rungs roster set`
#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The person's name (for `set`, a name or an email)
    #[arg(value_name = "NAME", add = candidates(complete::people))]
    pub name: String,
    /// Their manager, a name (or email) in the roster
    #[arg(long, value_name = "NAME", add = candidates(complete::people))]
    pub manager: Option<String>,
    /// Their ladder
    #[arg(long, value_name = "LADDER", add = candidates(complete::ladders))]
    pub ladder: Option<String>,
    /// Their current level
    #[arg(long, value_name = "LEVEL", add = candidates(complete::levels))]
    pub level: Option<String>,
    /// The level they aim for
    #[arg(long, value_name = "LEVEL", add = candidates(complete::levels))]
    pub target: Option<String>,
    /// Their email address
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Their team
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// A public key: `age1…`, `ssh-ed25519 …` or `ssh-rsa …` (repeat for several; for `set`, replaces them)
    #[arg(long, value_name = "KEY")]
    pub key: Vec<String>,
    /// A role: hr (repeat for several; for `set`, replaces them)
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<String>,
    /// The day they left (YYYY-MM-DD): kept for history, no longer due
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub left: Option<String>,
    /// With `set`, a new name
    #[arg(long, value_name = "NAME")]
    pub rename: Option<String>,
}

/// `rungs roster import`
#[derive(Debug, Args)]
pub struct RosterImportArgs {
    /// The CSV file: headers name,email,manager,ladder,level,team (and target), in any order
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Say what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Remove the people no row names
    #[arg(long)]
    pub prune: bool,
}

/// How far down `--under` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth(pub Option<usize>);

/// Parses `--depth`: a number of levels, or `all`.
fn depth(text: &str) -> Result<Depth, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(Depth(None));
    }
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(Depth(Some(n))),
        _ => Err(format!("`{text}` is not a depth: write a number of levels (1 or more) or `all`")),
    }
}

/// `--under NAME [--depth N|all]`: only the people under someone in the roster.
#[derive(Debug, Clone, Args)]
pub struct UnderArgs {
    /// Only the people under NAME in the roster (a name, an email, or `me`): their direct reports, or deeper with --depth
    #[arg(long, value_name = "NAME", add = candidates(complete::people), help_heading = "Team")]
    pub under: Option<String>,
    /// How many levels under --under: a number, or `all` for the whole subtree
    #[arg(long, value_name = "N|all", default_value = "1", value_parser = depth, requires = "under", help_heading = "Team")]
    pub depth: Depth,
}

impl UnderArgs {
    /// The scope these flags ask for, if any.
    pub fn scope(&self) -> Option<crate::who::Under> {
        self.under.as_ref().map(|name| crate::who::Under { name: name.clone(), depth: self.depth.0 })
    }
}

/// `rungs due`
#[derive(Debug, Args)]
pub struct DueArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub under: UnderArgs,
    /// The review cycle: `90d` or `13w` [default: `cycle` in people.toml, else 90d]
    #[arg(long, value_name = "DAYS")]
    pub every: Option<String>,
    /// Output format
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<Format>())]
    pub format: Format,
}
