//! The arguments of `rungs harvest`: clap types only, as the rest of [`super`].

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{FormatArgs, candidates, names_or_paths};
use crate::complete;

/// Examples shown under `rungs harvest --help`.
pub const HARVEST_EXAMPLES: &str = "\
Examples:
  rungs harvest git ~/src/api ~/src/web --since 2026-01-01
  rungs harvest git ~/src --recursive --author jo@example.com --since 2026-01-01 --yes
  gh pr list -s merged -A @me --json number,title,url,mergedAt,labels > prs.json
  rungs harvest github prs.json --dry-run --format json";

/// `rungs harvest …`
#[derive(Debug, Subcommand)]
pub enum HarvestCommand {
    /// Your commits in local git repositories (never fetched: read as they are)
    Git(HarvestGitArgs),
    /// Merged pull requests or closed issues, from a file saved with `gh pr list --json …`
    Github(HarvestFileArgs),
    /// Merged merge requests or closed issues, from a file saved with `glab mr list --output json`
    Gitlab(HarvestFileArgs),
}

/// `rungs harvest git`
#[derive(Debug, Args)]
pub struct HarvestGitArgs {
    /// Repositories to read (with --recursive: folders to search for them)
    #[arg(required = true, value_name = "REPO")]
    pub repos: Vec<PathBuf>,
    /// Search each folder for repositories
    #[arg(long, short = 'r')]
    pub recursive: bool,
    /// Your email in the commits, after .mailmap (repeat for several) [default: git's user.email]
    #[arg(long, value_name = "EMAIL")]
    pub author: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: HarvestArgs,
}

/// `rungs harvest github` and `rungs harvest gitlab`
#[derive(Debug, Args)]
pub struct HarvestFileArgs {
    /// The saved JSON list; - reads it from stdin
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: HarvestArgs,
}

/// What every source of `rungs harvest` takes.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// Work done on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Work done on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Whose notes they become [default: $RUNGS_USER, else git's user.name, else $USER]
    #[arg(long, short = 'p', value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
    /// The ladder whose competency ids the rules name [default: that of the person's latest assessment]
    #[arg(long, value_name = "LADDER", add = names_or_paths(complete::ladders))]
    pub ladder: Option<String>,
    /// The rules file [default: rules.toml in the store, else ~/.config/rungs/rules.toml]
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Without asking: save the candidates that rules tagged, leave the rest for later
    #[arg(long, short = 'y', conflicts_with_all = ["all", "dry_run"])]
    pub yes: bool,
    /// Without asking: save every candidate, tagged or not
    #[arg(long, conflicts_with = "dry_run")]
    pub all: bool,
    /// Print the candidates, save nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,
    /// Offer again what earlier imports skipped
    #[arg(long)]
    pub reconsider: bool,
    /// Who writes the notes [default: $RUNGS_ASSESSOR, else git's user.name, else the person]
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}
