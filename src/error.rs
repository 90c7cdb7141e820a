//! The one error type of rungs, and the exit code each kind of failure maps to.
//!
//! Every variant carries the data needed to say *where* things went wrong: the
//! file, the ladder, the level, the flag. `main` prints the error once and
//! exits with [`Error::exit_code`].

use std::fmt;
use std::path::PathBuf;

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a failure: invalid data, a missing file, a skipped file.
pub const EXIT_ERROR: i32 = 1;
/// Exit code for a usage error: a bad flag value, missing answers without a terminal.
pub const EXIT_USAGE: i32 = 2;
/// Exit code after Ctrl-C (128 + SIGINT), with the draft kept; SIGTERM
/// exits 143 and SIGHUP 129 (see [`crate::signal`]).
pub const EXIT_INTERRUPTED: i32 = 130;

/// A problem at a place in a file: `FILE:LINE:COL: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `built-in:ID` for embedded ladders).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

/// Everything that can go wrong in rungs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done: "cannot read", "cannot write", …
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A ladder file failed validation; each diagnostic names file, line and column.
    #[error("{}", join_lines(diagnostics))]
    InvalidLadder {
        /// One entry per problem found.
        diagnostics: Vec<Diagnostic>,
    },
    /// The roster (`people.toml`) cannot be read; each diagnostic names file, line and column.
    #[error("{}", join_lines(diagnostics))]
    InvalidRoster {
        /// One entry per problem found.
        diagnostics: Vec<Diagnostic>,
    },
    /// No loaded ladder has this id.
    #[error("unknown ladder `{name}`{}\n  known ladders: {}", suggest(suggestions), known.join(", "))]
    UnknownLadder {
        /// What the user typed.
        name: String,
        /// Close matches among the known ids.
        suggestions: Vec<String>,
        /// Every loaded ladder id.
        known: Vec<String>,
    },
    /// No loaded ladder has a level of this name.
    #[error("unknown level `{name}`{}{}", suggest(suggestions), scope_hint(ladder.as_deref()))]
    UnknownLevel {
        /// What the user typed.
        name: String,
        /// The ladder searched, when the search was limited to one.
        ladder: Option<String>,
        /// Close matches, already qualified where needed.
        suggestions: Vec<String>,
    },
    /// A bare level id that several loaded ladders share.
    #[error("level `{name}` is on several ladders: {}\n  name it as LADDER:LEVEL", candidates.join(", "))]
    AmbiguousLevel {
        /// What the user typed.
        name: String,
        /// The qualified names it could mean.
        candidates: Vec<String>,
    },
    /// A goal id that goals of several people (or several files) share.
    #[error(
        "goal `{id}` is set for several people; say whose:\n{}",
        commands.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n")
    )]
    AmbiguousGoal {
        /// What the user typed.
        id: String,
        /// The command that names each goal, with its `--person`.
        commands: Vec<String>,
    },
    /// Two levels cannot be compared because their ladders differ in shape.
    #[error("cannot compare `{from}` with `{to}`: {reason}")]
    Incompatible {
        /// The first level or assessment.
        from: String,
        /// The second level or assessment.
        to: String,
        /// Which competency or step differs.
        reason: String,
    },
    /// A file that is not what it should be (JSON, schema, values).
    #[error("{}: {message}", path.display())]
    InvalidFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A flag or argument value that cannot be used; exits 2.
    #[error("{0}")]
    Usage(String),
    /// A record that would be larger than rungs reads, so nothing was
    /// written; exits 2.
    #[error(
        "{what} would be {}, over the {} a file may hold, so nothing was written{}",
        crate::text::bytes(*size),
        crate::text::bytes(*limit),
        cause.as_deref().map_or_else(String::new, |c| format!("\n  {c}"))
    )]
    TooLarge {
        /// The record: "the assessment of Sam Lee", a file name.
        what: String,
        /// Its size in bytes.
        size: u64,
        /// The most a file may hold, in bytes.
        limit: u64,
        /// What makes it so large, and what to do.
        cause: Option<String>,
    },
    /// The user pressed Ctrl-C (or a signal came); their answers so far, if any, are in the draft.
    #[error("{}", interrupted(draft.as_deref(), resume, *signal))]
    Interrupted {
        /// Where the draft was written, once there was an answer to keep.
        draft: Option<PathBuf>,
        /// The command that resumes the interview.
        resume: String,
        /// What interrupted: it sets the exit code, 128 + the signal.
        signal: crate::signal::Signal,
    },
    /// A choice on the terminal (a harvest's triage) was interrupted, and
    /// nothing of it was kept; exits 128 + the signal.
    #[error("interrupted; {what}")]
    Abandoned {
        /// What became of the work: "nothing was saved; …".
        what: String,
        /// What interrupted.
        signal: crate::signal::Signal,
    },
    /// Some files could not be read, but everything else was shown.
    #[error("{} skipped; see the messages above", crate::text::plural(*count, "file"))]
    Skipped {
        /// How many files were skipped.
        count: usize,
    },
    /// A program rungs ran for the user (`rungs git …`) failed; rungs exits with its code.
    #[error("{program} exited with status {code}")]
    Child {
        /// The program.
        program: &'static str,
        /// Its exit code.
        code: i32,
    },
    /// A sealed record that no key of the user's opens: counted and said
    /// once ([`crate::seal::unopened_note`]), never shown one by one.
    #[error("{}: encrypted, and not for your key", path.display())]
    NotForYou {
        /// The record.
        path: PathBuf,
    },
    /// Any other failure, with a message that already says where.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The process exit code for this error, as documented in the README.
    pub fn exit_code(&self) -> i32 {
        match self {
            // Naming something that is not there is a mistake in the command line.
            Error::Usage(_)
            | Error::TooLarge { .. }
            | Error::UnknownLadder { .. }
            | Error::UnknownLevel { .. }
            | Error::AmbiguousLevel { .. }
            | Error::AmbiguousGoal { .. } => EXIT_USAGE,
            Error::Interrupted { signal, .. } | Error::Abandoned { signal, .. } => signal.exit_code(),
            Error::Child { code, .. } => *code,
            _ => EXIT_ERROR,
        }
    }

    /// Whether this is a record sealed to other people: skipped without a word.
    pub fn is_not_for_you(&self) -> bool {
        matches!(self, Error::NotForYou { .. })
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }
}

/// The result type used throughout rungs.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn join_lines(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

fn suggest(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("\n  did you mean `{one}`?"),
        many => format!("\n  did you mean one of: {}?", many.join(", ")),
    }
}

fn scope_hint(ladder: Option<&str>) -> String {
    ladder.map_or_else(String::new, |id| format!("\n  see the levels with: rungs ladder show {id}"))
}

fn interrupted(draft: Option<&std::path::Path>, resume: &str, signal: crate::signal::Signal) -> String {
    let by = match signal {
        crate::signal::Signal::Interrupt => String::new(),
        other => format!(" by {}", other.name()),
    };
    match draft {
        Some(draft) => {
            format!("interrupted{by}; your answers so far are saved in {}\n  continue with: {resume}", draft.display())
        }
        None => "interrupted before any answer was given; nothing was saved".to_owned(),
    }
}
