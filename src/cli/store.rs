//! The flags of the commands that make and keep a store: `rungs init`,
//! `rungs keygen` and `rungs rekey`.

use std::path::PathBuf;

use clap::Args;

/// `rungs init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder [default: --dir, else $RUNGS_DIR, else the data folder]
    pub dir: Option<PathBuf>,
    /// Make it a git repository: every save is then one commit
    #[arg(long)]
    pub git: bool,
    /// With --git, the branch of a new repository [default: git's init.defaultBranch]
    #[arg(long, value_name = "NAME", requires = "git")]
    pub branch: Option<String>,
    /// Encrypt every record: each readable only by the people it concerns (see docs/security.md)
    #[arg(long)]
    pub encrypt: bool,
}

/// `rungs keygen`
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the identity [default: ~/.config/rungs/identity.txt]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `rungs rekey`
#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// Only this person's records
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Say what would be sealed again, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The examples of `rungs keygen --help`.
pub const KEYGEN_EXAMPLES: &str = "Examples:
  rungs keygen                          Writes ~/.config/rungs/identity.txt, prints its public key
  rungs keygen -o ~/keys/rungs.txt
  rungs roster set 'Jo Park' --key \"$(rungs keygen)\"";

/// The examples of `rungs encrypt --help`.
pub const ENCRYPT_EXAMPLES: &str =
    "Each record becomes an age file readable only by the people the roster says may read it
(see docs/security.md). Saves in the store are encrypted from then on.

Examples:
  rungs --dir ~/reviews encrypt";

/// The examples of `rungs rekey --help`.
pub const REKEY_EXAMPLES: &str =
    "Only records your key opens can be sealed again; rungs check names those whose readers
differ from the roster.

Examples:
  rungs rekey
  rungs rekey --person 'Jo Park' --dry-run";
