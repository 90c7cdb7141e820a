//! The flags of `rungs note`, `notes`, `goal …` and `goals`.

use clap::{Args, Subcommand};

use super::{FormatArgs, candidates, names_or_paths};
use crate::complete;

/// `rungs note`
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// What happened; - reads it from stdin [default: write it in $EDITOR]
    pub text: Option<String>,
    /// The person the evidence is about [default: $RUNGS_USER, else git's user.name, else $USER]
    #[arg(long, short = 'p', value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
    /// A competency it is evidence for (repeat for several)
    #[arg(long, short = 'c', value_name = "ID", add = candidates(complete::competencies))]
    pub competency: Vec<String>,
    /// A link to the work itself, http or https (repeat for several)
    #[arg(long, short = 'l', value_name = "URL")]
    pub link: Vec<String>,
    /// The day it happened [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Accept a --date after today
    #[arg(long)]
    pub allow_future: bool,
    /// The ladder whose competency ids to check against [default: that of the person's latest assessment]
    #[arg(long, value_name = "LADDER", add = names_or_paths(complete::ladders))]
    pub ladder: Option<String>,
    /// Who writes the note [default: $RUNGS_ASSESSOR, else git's user.name, else the person]
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs notes`
#[derive(Debug, Args)]
pub struct NotesArgs {
    /// The person [default: you, else the only person]
    #[arg(add = candidates(complete::people))]
    pub person: Option<String>,
    /// Only notes tagged with this competency
    #[arg(long, short = 'c', value_name = "ID", add = candidates(complete::competencies))]
    pub competency: Option<String>,
    /// Only notes dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only notes dated on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs goal …`
#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// Set a goal for a gap: a competency, and optionally the level it aims at
    Add(GoalAddArgs),
    /// Mark a goal done
    Done(GoalCloseArgs),
    /// Drop a goal that no longer matters
    Drop(GoalCloseArgs),
}

/// `rungs goal add`
#[derive(Debug, Args)]
pub struct GoalAddArgs {
    /// What to do
    pub text: String,
    /// Whose goal [default: $RUNGS_USER, else git's user.name, else $USER]
    #[arg(long, short = 'p', value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
    /// The competency of the gap
    #[arg(long, short = 'c', value_name = "ID", required = true, add = candidates(complete::competencies))]
    pub competency: String,
    /// The level whose expectation it aims at
    #[arg(long, value_name = "LEVEL", add = candidates(complete::levels))]
    pub level: Option<String>,
    /// When it should be done
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    /// Accept a --due before today
    #[arg(long)]
    pub allow_past: bool,
    /// The day it was set, to back-fill [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Accept a --date after today
    #[arg(long)]
    pub allow_future: bool,
    /// The ladder of the competency [default: that of the person's latest assessment]
    #[arg(long, value_name = "LADDER", add = names_or_paths(complete::ladders))]
    pub ladder: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs goal done` and `rungs goal drop`
#[derive(Debug, Args)]
pub struct GoalCloseArgs {
    /// The goal's id, as `rungs goals` shows it
    pub id: String,
    /// A word on how it ended
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The day it ended, to back-fill [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Accept a --date after today
    #[arg(long)]
    pub allow_future: bool,
    /// Only look among this person's goals
    #[arg(long, short = 'p', value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
}

/// `rungs goals`
#[derive(Debug, Args)]
pub struct GoalsArgs {
    /// The person [default: you, else the only person]
    #[arg(add = candidates(complete::people))]
    pub person: Option<String>,
    /// Also list the goals done or dropped
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}
