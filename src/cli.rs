//! The command-line interface, as clap derive types. Only this module
//! knows clap (but for `rungs man` and `rungs completions`, which print
//! clap's own model of it); the argument structs here are plain data that
//! the command modules read, and [`crate::config::Settings`] is built from
//! the global flags.

mod calibrate;
mod journal;
mod ladder;
mod report;
mod roster;
mod store;

pub use calibrate::CalibrateArgs;
pub use journal::{GoalAddArgs, GoalCloseArgs, GoalCommand, GoalsArgs, NoteArgs, NotesArgs};
pub use ladder::{CheckArgs, CompareArgs, LadderCommand, LadderExportArgs, LadderImportArgs, ShowArgs};
pub use report::{REPORT_EXAMPLES, ReportArgs};
pub use roster::{Depth, DueArgs, PersonArgs, RosterArgs, RosterCommand, RosterImportArgs, RosterTreeArgs, UnderArgs};
pub use store::{InitArgs, KeygenArgs, RekeyArgs};

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter};

use crate::assessment::Relationship;
use crate::complete::{self, Candidate, Context};
use crate::config::{self, ColorChoice};
use crate::render::{Choice, DocumentFormat, Format, ListFormat, TeamFormat};
use crate::view::Filter;

mod harvest;
pub use harvest::{HARVEST_EXAMPLES, HarvestArgs, HarvestCommand, HarvestFileArgs, HarvestGitArgs};

/// A parser that accepts exactly `T::NAMES` and lists them in `--help`.
fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    let names = T::VALUES.iter().map(|(name, _)| *name);
    PossibleValuesParser::new(names).map(|name| {
        // With `ignore_case`, the name arrives as typed.
        let found = T::VALUES.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name));
        found.expect("the parser only accepts listed names").1
    })
}

/// A candidate function of [`crate::complete`], as its completion glue sees it.
type Find = fn(&Context, &str) -> Vec<Candidate>;

/// Completes an argument from the store and ladders (see [`crate::complete`]).
fn candidates(find: Find) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| {
        let Some(current) = current.to_str() else { return Vec::new() };
        let context = Context::from_args(std::env::args_os());
        let found = find(&context, current).into_iter();
        found.map(|c| CompletionCandidate::new(c.value).help(c.help.map(Into::into))).collect()
    })
}

/// Like [`candidates`], for an argument that may also be a file: a word
/// that looks like a path completes as one.
fn names_or_paths(find: Find) -> ArgValueCompleter {
    let names = candidates(find);
    ArgValueCompleter::new(move |current: &OsStr| {
        if current.to_str().is_some_and(complete::looks_like_path) {
            PathCompleter::any().complete(current)
        } else {
            names.complete(current)
        }
    })
}

/// Completes a relationship: `self`, `manager` or `peer`.
fn relationships() -> ArgValueCompleter {
    candidates(|_, current| complete::relationships(current))
}

const ABOUT: &str = "Honest career-ladder self-assessment: rate yourself against each competency, \
see the gaps to the next level, and track them over time.";

const EXAMPLES: &str = "\
Examples:
  rungs assess                       Assess yourself on the Tech Lead ladder
  rungs ladders                      List the ladders
  rungs ladder show tech-lead        Show a ladder's levels and steps
  rungs ladder compare TL4 TL5       See what changes from one level to the next
  rungs report                       The gap report of your latest assessment
  rungs history 'Robin Quill'        Since when each target has been met
  rungs export --format html -o case.html   A promotion case to share";

/// The `rungs` command line.
#[derive(Debug, Parser)]
#[command(name = "rungs", version, about = ABOUT, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Folder of custom ladder files (*.toml), loaded beside the built-ins
    #[arg(long, global = true, env = config::LADDERS_ENV, value_name = "DIR", help_heading = "Global options")]
    pub ladders: Option<PathBuf>,

    /// Folder that holds the assessments
    #[arg(long, global = true, env = config::DIR_ENV, value_name = "DIR", help_heading = "Global options")]
    pub dir: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto", help_heading = "Global options", value_parser = choice::<ColorChoice>())]
    pub color: ColorChoice,

    /// Your identity, to open encrypted records [default: ~/.config/rungs/identity.txt, else ~/.ssh/id_ed25519, id_rsa]
    #[arg(long, global = true, env = crate::seal::IDENTITY_ENV, value_name = "FILE", help_heading = "Global options")]
    pub identity: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess yourself (or someone) against a ladder, competency by competency
    #[command(after_help = ASSESS_EXAMPLES)]
    Assess(AssessArgs),
    /// Show the gap report of an assessment: what stands between it and the target
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// List every assessment: date, person, levels and ready count
    #[command(
        after_help = "Examples:\n  rungs list\n  rungs list --person 'Robin Quill' --format json\n  rungs list --ratings --format csv > ratings.csv      One row per rating, for DuckDB or a spreadsheet"
    )]
    List(ListArgs),
    /// Compare two assessments of one person: over time, or self against manager
    #[command(
        after_help = "Examples:\n  rungs diff 'Robin Quill'                     What moved since the assessment before\n  rungs diff 'Robin Quill~1' 'Robin Quill'\n  rungs diff 'Sam Lee' @manager                Self view beside the manager's\n  rungs diff self.json manager.json"
    )]
    Diff(DiffArgs),
    /// Show a person's assessments over time, and since when each target has been met
    #[command(
        after_help = "Examples:\n  rungs history 'Robin Quill'\n  rungs history 'Sam Lee' --relationship manager"
    )]
    History(HistoryArgs),
    /// Write a promotion case (or, with --agenda, a 1:1 agenda) as Markdown or HTML
    #[command(
        after_help = "Examples:\n  rungs export 'Robin Quill' --format html -o case.html\n  rungs export 'Robin Quill' -o case.md            Also writes case.svg beside it\n  rungs export self.json --agenda manager.json -o 1on1.md"
    )]
    Export(ExportArgs),
    /// Draw an assessment as an SVG radar chart
    #[command(after_help = "Example:\n  rungs chart 'Robin Quill' -o robin.svg")]
    Chart(ChartArgs),
    /// One row per person from their latest assessment: where everybody stands
    #[command(
        after_help = "Examples:\n  rungs team\n  rungs team --relationship self\n  rungs team --format markdown > team.md\n  rungs team --format html -o team.html     A heatmap page: sortable, filterable, offline"
    )]
    Team(TeamArgs),
    /// Calibrate a team's ratings: rater agreement, leniency, self against manager, coverage
    #[command(after_help = calibrate::EXAMPLES)]
    Calibrate(CalibrateArgs),
    /// Check a whole store and the custom ladders: broken files, links, leftovers of killed saves
    #[command(
        after_help = "Exit status: 0 when no problem is found, 1 otherwise.\n\nExamples:\n  rungs check --dir assessments\n  rungs check --fix                Remove the leftovers of interrupted saves\n  rungs check --format json"
    )]
    Check(StoreCheckArgs),
    /// Write down evidence as it happens: a dated note, tagged with competencies
    #[command(
        after_help = "Examples:\n  rungs note --competency people 'Paired with Jo on the on-call rota; she now runs it'\n  rungs note -c technology --link https://example.com/pr/42 'Led the queue migration'\n  rungs note --person 'Sam Lee' -c process -                Text from stdin\n  rungs note -c influence                                  Write it in $EDITOR"
    )]
    Note(NoteArgs),
    /// List a person's notes of evidence, oldest first
    #[command(
        after_help = "Examples:\n  rungs notes\n  rungs notes 'Sam Lee' --competency people --since 2026-07-01\n  rungs notes --format json"
    )]
    Notes(NotesArgs),
    /// Set a goal for a gap, or mark one done or dropped
    #[command(
        subcommand,
        after_help = "Examples:\n  rungs goal add --competency process --level TL5 --due 2026-12-31 'Define the release process'\n  rungs goal done g1a2b3c --note 'Adopted by both teams'\n  rungs goal drop g1a2b3c"
    )]
    Goal(GoalCommand),
    /// Import your commits and merged pull requests as notes, tagged to competencies by rules
    #[command(subcommand, after_help = HARVEST_EXAMPLES)]
    Harvest(HarvestCommand),
    /// List a person's goals: the open ones, or every one with --all
    #[command(after_help = "Examples:\n  rungs goals\n  rungs goals 'Sam Lee' --all --format json")]
    Goals(GoalsArgs),
    /// Create a store: a private folder, with a README and ignore rules, optionally a git repository
    #[command(
        after_help = "Examples:\n  rungs init ~/reviews --git        A store shared through git: every save is one commit\n  rungs init                         The default store, without git"
    )]
    Init(InitArgs),
    /// Make an identity: the key that opens the encrypted records meant for you
    #[command(after_help = crate::cli::store::KEYGEN_EXAMPLES)]
    Keygen(KeygenArgs),
    /// Encrypt the store: every record sealed to the people it concerns, one commit
    #[command(after_help = crate::cli::store::ENCRYPT_EXAMPLES)]
    Encrypt,
    /// Seal records again to their readers as the roster says today (a new manager, key or leaver)
    #[command(after_help = crate::cli::store::REKEY_EXAMPLES)]
    Rekey(RekeyArgs),
    /// Run git inside the store (rungs never pushes: pull and push with this)
    #[command(
        after_help = "Examples:\n  rungs git log --oneline\n  rungs git pull --rebase && rungs git push\n  rungs --dir ~/reviews git status"
    )]
    Git {
        /// The arguments for git
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
        args: Vec<std::ffi::OsString>,
    },
    /// List the available ladders
    #[command(after_help = "Example:\n  rungs ladders --format json")]
    Ladders(FormatArgs),
    /// Show, compare and check ladders
    #[command(
        subcommand,
        after_help = "Examples:\n  rungs ladder show tech-lead --level TL5\n  rungs ladder compare D4 TL4\n  rungs ladder check my-ladder.toml"
    )]
    Ladder(LadderCommand),
    /// Who is who: the roster (people.toml) of people, managers, ladders and keys
    #[command(
        after_help = "Examples:\n  rungs roster                                   The roster as a table\n  rungs roster add 'Jo Park' --manager 'Kim Park' --ladder developer --level D3 --email jo@example.com\n  rungs roster set 'Jo Park' --level D4\n  rungs roster import people.csv --dry-run        An HR system's export\n  rungs roster tree                              The reporting lines\n  rungs roster check"
    )]
    Roster(RosterArgs),
    /// Who is due for which review: views older than the cycle, too few peers, overdue goals, drafts
    #[command(
        after_help = "Examples:\n  rungs due                                      Everyone current in the roster\n  rungs due --under me --depth all               Your whole organisation\n  rungs due --every 180d --format json"
    )]
    Due(DueArgs),
    /// Print the script that registers completions (ladders, levels, people) with a shell
    #[command(
        after_help = "Completion asks rungs itself on each Tab, so it knows your ladders, levels and people.\n\nExamples:\n  rungs completions bash > ~/.local/share/bash-completion/completions/rungs\n  echo 'source <(rungs completions zsh)' >> ~/.zshrc     After compinit\n  rungs completions fish > ~/.config/fish/completions/rungs.fish"
    )]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff), or write every page into a folder
    #[command(
        after_help = "Examples:\n  rungs man | man -l -                          The top page\n  rungs man ladder show | man -l -              The page of `rungs ladder show`\n  rungs man --dir ~/.local/share/man/man1       Install every page for `man rungs-assess`"
    )]
    Man {
        /// The command whose page to print, e.g. `assess` or `ladder show` [default: the top page]
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
        /// Write rungs.1 and a page per command (rungs-assess.1, rungs-ladder-show.1, …) into DIR
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

const ASSESS_EXAMPLES: &str = "\
Examples:
  rungs assess                                   Interview on the Tech Lead ladder
  rungs assess --current TL4 --target TL5        Skip the level questions
  rungs assess --person 'Sam Lee' --relationship manager
  rungs assess --answers answers.json            No prompts when every answer is given
  rungs assess --resume                          Continue after Ctrl-C";

/// `rungs assess`
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Ladder id or path to a ladder file [default: tech-lead]
    #[arg(long, value_name = "LADDER", add = names_or_paths(complete::ladders))]
    pub ladder: Option<String>,
    /// The person assessed [default: $RUNGS_USER, else git's user.name, else $USER]
    #[arg(long, value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
    /// Who gives the ratings: the person for self; for manager or peer [default: $RUNGS_ASSESSOR, else git's user.name]
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    /// The assessor's relationship to the person: self, manager or peer [default: self]
    #[arg(long, value_name = "RELATIONSHIP", add = relationships())]
    pub relationship: Option<String>,
    /// The person's current level: LEVEL or LADDER:LEVEL
    #[arg(long, value_name = "LEVEL", add = candidates(complete::levels))]
    pub current: Option<String>,
    /// The level aimed for; may be on another ladder with the same competencies [default: the next level]
    #[arg(long, value_name = "LEVEL", add = candidates(complete::levels))]
    pub target: Option<String>,
    /// On a ladder of tracks, the track to follow from a fork (see `rungs ladder show LADDER`)
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// The assessment's date, for back-filling [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Free-text notes saved with the assessment
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Read some or all answers from a JSON file, or - for stdin (see docs/assessment-format.md)
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Continue the interview saved as a draft when it was interrupted
    #[arg(long)]
    pub resume: bool,
    /// Fill empty evidence from the journal notes since the last assessment
    #[arg(long)]
    pub evidence_from_notes: bool,
    /// Accept a --date after today
    #[arg(long)]
    pub allow_future: bool,
    /// Give a manager view of someone whose management chain in the roster you are not in
    #[arg(long)]
    pub assessor_not_manager: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// Which of a person's views to show: flags shared by report, history,
/// diff, export and chart.
#[derive(Debug, Clone, Default, Args)]
pub struct ViewArgs {
    /// Whose view: self, manager or peer [default: self, else the latest view]
    #[arg(long, value_name = "RELATIONSHIP", ignore_case = true, value_parser = choice::<Relationship>(), help_heading = "View")]
    pub relationship: Option<Relationship>,
    /// The assessor whose view to show [default: the latest of that relationship]
    #[arg(long, value_name = "NAME", help_heading = "View")]
    pub assessor: Option<String>,
    /// The ladder of the view [default: the ladder of the latest assessment]
    #[arg(long, value_name = "LADDER", help_heading = "View", add = names_or_paths(complete::ladders))]
    pub ladder: Option<String>,
}

impl ViewArgs {
    /// The view filter these flags ask for.
    pub fn filter(&self) -> Filter {
        Filter { relationship: self.relationship, assessor: self.assessor.clone(), ladder: self.ladder.clone() }
    }
}

/// The anonymity floor of aggregated peer views.
#[derive(Debug, Clone, Args)]
pub struct FloorArgs {
    /// Show a peer aggregate cell only when at least N peers rated it (3 or more: the floor can be raised, never lowered)
    #[arg(long, value_name = "N", default_value_t = crate::view::PEER_FLOOR, value_parser = clap::value_parser!(u32).range(i64::from(crate::view::PEER_FLOOR)..), help_heading = "View")]
    pub min_raters: u32,
}

/// `rungs list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this person's assessments
    #[arg(long, short = 'p', value_name = "NAME", add = candidates(complete::people))]
    pub person: Option<String>,
    /// One row per assessment, competency and level, for analytics (csv, json or ndjson)
    #[arg(long)]
    pub ratings: bool,
    /// Output format; csv and ndjson go with --ratings
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<ListFormat>())]
    pub format: ListFormat,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub under: UnderArgs,
}

/// `rungs diff`
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier (or self) assessment: a file, NAME, NAME~N or NAME@VIEW
    #[arg(add = names_or_paths(complete::people))]
    pub old: String,
    /// The later (or other) assessment: a file, NAME, NAME~N, NAME@VIEW, or @VIEW for the same person [default: OLD~1 → OLD]
    #[arg(add = names_or_paths(complete::people))]
    pub new: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs history`
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The person [default: you, else the only person]
    #[arg(add = candidates(complete::people))]
    pub person: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// `rungs export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A file, a person's name (their latest), or NAME~N [default: you, else the only person]
    #[arg(add = names_or_paths(complete::people))]
    pub assessment: Option<String>,
    /// Document format [default: from the -o extension, else markdown]
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = choice::<DocumentFormat>())]
    pub format: Option<DocumentFormat>,
    /// Where to write; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a 1:1 agenda: this assessment beside another view of the same person (a file, NAME@VIEW or @VIEW)
    #[arg(long, value_name = "OTHER", add = names_or_paths(complete::people))]
    pub agenda: Option<String>,
    /// Cite the notes and goals done since this day [default: 12 months before the view's first assessment]
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "agenda")]
    pub since: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub floor: FloorArgs,
}

/// `rungs chart`
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// A file, a person's name (their latest), or NAME~N [default: you, else the only person]
    #[arg(add = names_or_paths(complete::people))]
    pub assessment: Option<String>,
    /// Where to write the SVG; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
}

/// `rungs team`
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Whose view each row shows: self or manager [default: the manager's where there is one, else self]
    #[arg(long, value_name = "RELATIONSHIP", ignore_case = true, value_parser = choice::<Relationship>())]
    pub relationship: Option<Relationship>,
    /// Output format; html is a heatmap page, one table per ladder
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<TeamFormat>())]
    pub format: TeamFormat,
    /// Where to write; - is stdout [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub under: UnderArgs,
}

/// `rungs check`
#[derive(Debug, Args)]
pub struct StoreCheckArgs {
    /// Remove the temporary files of saves that were interrupted (and nothing else)
    #[arg(long)]
    pub fix: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: FormatArgs,
}

/// Just `--format`.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "table", value_parser = choice::<Format>())]
    pub format: Format,
}

/// Parses the process's command line, exiting with clap's message on a
/// usage error.
///
/// `rungs man --dir DIR` shares its id with the global `--dir` (so that
/// the store's flag does not reach `man` beside it), and clap hands the
/// global's value, `RUNGS_DIR` included, down to it: here only a `--dir`
/// typed on the command line counts as the folder for the pages, so that
/// `RUNGS_DIR` never turns `rungs man` into writing files.
pub fn parse_command_line() -> Cli {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Command::Man { dir, .. } = &mut cli.command {
        let source = matches.subcommand_matches("man").and_then(|m| m.value_source("dir"));
        if source != Some(ValueSource::CommandLine) {
            *dir = None;
        }
    }
    cli
}
