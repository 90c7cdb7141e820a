//! The flags of `rungs calibrate`.

use std::path::PathBuf;

use clap::Args;

use super::{FloorArgs, UnderArgs, candidates, choice};
use crate::complete;
use crate::render::TeamFormat;

pub(super) const EXAMPLES: &str = "\
Examples:
  rungs calibrate                                  Everyone, the most used ladder, the last 90 days
  rungs calibrate --since 2026-07-01 --until 2026-09-30
  rungs calibrate --person 'Sam Lee' --person 'Ann Kay' --ladder developer
  rungs calibrate --format json --seed 7           The same seed gives the same intervals
  rungs calibrate --format html -o pack.html       The calibration pack for the committee

The figures are defined in docs/calibration.md; peers appear only as `peers (N)`.";

/// `rungs calibrate`
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Only these people (repeat the flag, or give several names after it) [default: everyone]
    #[arg(long, short = 'p', value_name = "NAME", num_args = 1.., add = candidates(complete::people))]
    pub person: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub under: UnderArgs,
    /// The ladder [default: the one with the most views in the period]
    #[arg(long, value_name = "LADDER", add = candidates(complete::ladders))]
    pub ladder: Option<String>,
    /// The first day of the period [default: 90 days before --until]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// The last day of the period [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Leave self ratings out of the agreement figures (alpha overall and per competency)
    #[arg(long)]
    pub exclude_self: bool,
    /// The bootstrap's seed: the same seed and data give the same intervals
    #[arg(long, value_name = "N", default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Bootstrap resamples per interval (1000 to 100000)
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1000..=100_000))]
    pub resamples: u32,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub floor: FloorArgs,
    /// Output format; html is the calibration pack, with charts
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<TeamFormat>())]
    pub format: TeamFormat,
    /// Where to write; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
