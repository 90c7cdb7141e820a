//! The boundary where command-line values become settings: colour, terminal
//! width, and the folders for ladders and assessments (flag, then
//! environment, then the platform default).

use std::path::PathBuf;

use etcetera::BaseStrategy;

use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::render::{Choice, Style};

/// `--color`: when to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Choice for ColorChoice {
    const VALUES: &'static [(&'static str, Self)] =
        &[("auto", ColorChoice::Auto), ("always", ColorChoice::Always), ("never", ColorChoice::Never)];
}

/// The variable that names the assessments folder when `--dir` is not given.
pub const DIR_ENV: &str = "RUNGS_DIR";
/// The variable that names the custom ladders folder when `--ladders` is not given.
pub const LADDERS_ENV: &str = "RUNGS_LADDERS";
/// The variable that asks for completions: the shell scripts call
/// `COMPLETE=SHELL rungs -- WORDS…` (see `rungs completions`).
pub const COMPLETE_ENV: &str = "COMPLETE";

/// The two folders rungs reads, before anything is read from them: the one
/// rule (flag, then environment, then the platform default) for a run and
/// for shell completion alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// Folder of custom ladders, and whether the user named it (so it must exist).
    pub ladders: Option<(PathBuf, bool)>,
    /// Folder of assessments.
    pub assessments: Option<PathBuf>,
}

impl Folders {
    /// The folders from `--ladders` and `--dir` as parsed, where clap has
    /// already put [`LADDERS_ENV`] and [`DIR_ENV`] in for a missing flag;
    /// the platform's config and data folders otherwise.
    pub fn new(ladders: Option<PathBuf>, dir: Option<PathBuf>) -> Self {
        let base = etcetera::choose_base_strategy().ok();
        let ladders = match (ladders, &base) {
            (Some(dir), _) => Some((dir, true)),
            (None, Some(base)) => Some((base.config_dir().join("rungs").join("ladders"), false)),
            (None, None) => None,
        };
        let assessments = dir.or_else(|| base.as_ref().map(|b| b.data_dir().join("rungs").join("assessments")));
        Folders { ladders, assessments }
    }

    /// The folders from flags found in typed words (no clap parse ran, as
    /// when completing): a missing flag falls back to its variable, as clap
    /// does, then to the platform default.
    pub fn from_typed(ladders: Option<PathBuf>, dir: Option<PathBuf>) -> Self {
        let from_env = |name: &str| std::env::var_os(name).map(PathBuf::from);
        Folders::new(ladders.or_else(|| from_env(LADDERS_ENV)), dir.or_else(|| from_env(DIR_ENV)))
    }
}

/// Settings shared by every command.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Folder of custom ladders, and whether the user named it (so it must exist).
    pub ladders: Option<(PathBuf, bool)>,
    /// Folder of assessments, from `--dir`, `RUNGS_DIR` or the platform data folder.
    pub assessments: Option<PathBuf>,
    /// The folder `--dir` named on the command line, if it did: commands
    /// that rungs suggests name it too, so they work on the same store.
    pub dir_flag: Option<PathBuf>,
    /// How stdout output looks.
    pub stdout: Style,
    /// How stderr output (prompts, messages) looks.
    pub stderr: Style,
    /// Today: `RUNGS_TODAY` (`YYYY-MM-DD`, for scripts and reproducible
    /// output), else the local date. Overdue goals and stale evidence are
    /// judged against it.
    pub today: chrono::NaiveDate,
}

impl Settings {
    /// Builds settings from the global flags (`--ladders`, `--dir`,
    /// `--color`) as parsed, and the environment.
    pub fn new(ladders: Option<PathBuf>, dir: Option<PathBuf>, color: ColorChoice) -> Self {
        let Folders { ladders, assessments } = Folders::new(ladders, dir.clone());
        Settings {
            ladders,
            assessments,
            dir_flag: dir,
            stdout: style(color, &console::Term::stdout()),
            stderr: style(color, &console::Term::stderr()),
            today: crate::text::today(),
        }
    }

    /// What a suggested command ends with so that it works on the same
    /// store: ` --dir DIR` when the store was named on the command line,
    /// else nothing.
    pub fn dir_suffix(&self) -> String {
        match &self.dir_flag {
            Some(dir) => format!(" --dir {}", crate::text::shell_quote(&dir.display().to_string())),
            None => String::new(),
        }
    }

    /// The assessments folder.
    ///
    /// # Errors
    /// When no folder was given and the platform has none.
    pub fn store(&self) -> Result<crate::store::Store> {
        self.assessments
            .clone()
            .map(crate::store::Store::new)
            .ok_or_else(|| crate::Error::Usage("no assessments folder: pass --dir DIR or set RUNGS_DIR".into()))
    }

    /// Loads the built-in ladders and the custom folder.
    ///
    /// # Errors
    /// When a folder named by the user cannot be read.
    pub fn catalog(&self) -> Result<Catalog> {
        match &self.ladders {
            Some((dir, required)) => Catalog::load(Some(dir), *required),
            None => Ok(Catalog::builtin()),
        }
    }
}

fn style(choice: ColorChoice, term: &console::Term) -> Style {
    let is_term = term.is_term();
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_term
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").is_ok_and(|t| t != "dumb")
        }
    };
    // Off a terminal, COLUMNS (when set) says how wide the output may be.
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let width = if is_term { term.size_checked().map(|(_, w)| w).or(columns) } else { columns }.unwrap_or(100);
    Style { color, width: width.clamp(40, 160) }
}
/// A day given as `YYYY-MM-DD` to `flag`.
///
/// # Errors
/// A usage error naming the flag.
pub fn day(flag: &str, text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Usage(format!("{flag}: `{text}` is not a date; use YYYY-MM-DD, e.g. 2026-11-24")))
}

/// Refuses a day after `today` unless the user said it is meant: a date in
/// the future is nearly always a typo (2062 for 2026).
///
/// # Errors
/// A usage error naming the flag and `--allow-future`.
pub fn not_ahead(flag: &str, date: chrono::NaiveDate, today: chrono::NaiveDate, allowed: bool) -> Result<()> {
    if date <= today || allowed {
        return Ok(());
    }
    Err(Error::Usage(format!("{flag}: {date} is in the future (today is {today}); add --allow-future if you mean it")))
}

/// Refuses a `date` given to `flag` that is before `today`, unless `allowed`.
///
/// # Errors
/// A usage error naming the flag and `--allow-past`.
pub fn not_behind(flag: &str, date: chrono::NaiveDate, today: chrono::NaiveDate, allowed: bool) -> Result<()> {
    if date >= today || allowed {
        return Ok(());
    }
    Err(Error::Usage(format!("{flag}: {date} is in the past (today is {today}); add --allow-past if you mean it")))
}
