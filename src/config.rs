//! The boundary where command-line values become settings: colour, terminal
//! width, and the folders for ladders and assessments (flag, then
//! environment, then the platform default).

use std::path::PathBuf;

use etcetera::BaseStrategy;

use crate::cli::Cli;
use crate::error::Result;
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

/// Settings shared by every command.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Folder of custom ladders, and whether the user named it (so it must exist).
    pub ladders: Option<(PathBuf, bool)>,
    /// Folder of assessments, from `--dir`, `RUNGS_DIR` or the platform data folder.
    pub assessments: Option<PathBuf>,
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
    /// Builds settings from the parsed command line and the environment.
    pub fn from_cli(cli: &Cli) -> Self {
        let base = etcetera::choose_base_strategy().ok();
        let ladders = match (&cli.ladders, &base) {
            (Some(dir), _) => Some((dir.clone(), true)),
            (None, Some(base)) => Some((base.config_dir().join("rungs").join("ladders"), false)),
            (None, None) => None,
        };
        let assessments =
            cli.dir.clone().or_else(|| base.as_ref().map(|b| b.data_dir().join("rungs").join("assessments")));
        Settings {
            ladders,
            assessments,
            stdout: style(cli.color, &console::Term::stdout()),
            stderr: style(cli.color, &console::Term::stderr()),
            today: today(),
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

/// `RUNGS_TODAY` when it is a date, else the local date.
fn today() -> chrono::NaiveDate {
    let fixed = std::env::var("RUNGS_TODAY").ok().and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    fixed.unwrap_or_else(|| chrono::Local::now().date_naive())
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
