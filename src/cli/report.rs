//! The flags of `rungs report`.

use clap::Args;

use super::{FloorArgs, FormatArgs, ViewArgs, names_or_paths};
use crate::complete;

/// The examples under `rungs report --help`.
pub const REPORT_EXAMPLES: &str = "Examples:
  rungs report                     Your latest assessment ($RUNGS_USER, else git user.name)
  rungs report 'Robin Quill'       Robin's latest
  rungs report 'Robin Quill~1'     The one before it
  rungs report 'Sam Lee' --relationship manager
  rungs report 'Sam Lee' --relationship peer    Peers together, behind an anonymity floor
  rungs report 'Sam Lee' --relationship peer --share
                                   Save that aggregate for Sam to read (cells at the floor only, no names)
  rungs report 'Sam Lee' --relationship peer --share --with-evidence
                                   The same, with the peers' evidence, unattributed
  rungs report path/to/file.json --format json";

/// `rungs report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A file, a person's name (their latest), NAME~N (N before the latest), NAME@manager [default: you, else the only person]
    #[arg(add = names_or_paths(complete::people))]
    pub assessment: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub floor: FloorArgs,
    /// With --relationship peer: save the aggregate for the person to read (cells at the floor only, no names, no evidence)
    #[arg(long)]
    pub share: bool,
    /// With --share: keep the peers' evidence, unattributed, where at least the floor of peers rated the competency
    #[arg(long, requires = "share")]
    pub with_evidence: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}
