//! One module per subcommand. Each exposes `run(settings, args)`, builds a
//! [`crate::render::View`] from pure functions, and prints it with
//! [`emit`].

mod assess;
pub(crate) mod chart;
mod diff;
pub(crate) mod export;
mod history;
mod ladder;
mod ladders;
mod list;
mod meta;
pub(crate) mod report;
mod team;

use std::io::Write;

use crate::cli::{Command, LadderCommand};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Format, View, render};

/// Runs one subcommand.
///
/// # Errors
/// Whatever the subcommand failed with.
pub fn run(command: Command, settings: &Settings) -> Result<()> {
    match command {
        Command::Assess(args) => assess::run(settings, &args),
        Command::Report(args) => report::run(settings, &args),
        Command::List(args) => list::run(settings, &args),
        Command::Diff(args) => diff::run(settings, &args),
        Command::History(args) => history::run(settings, &args),
        Command::Export(args) => export::run(settings, &args),
        Command::Chart(args) => chart::run(settings, &args),
        Command::Team(args) => team::run(settings, args.format),
        Command::Ladders(args) => ladders::run(settings, args.format),
        Command::Ladder(LadderCommand::Show(args)) => ladder::show(settings, &args),
        Command::Ladder(LadderCommand::Compare(args)) => ladder::compare(settings, &args),
        Command::Ladder(LadderCommand::Check(args)) => ladder::check(settings, &args),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man => meta::man(),
    }
}

/// Renders a view on stdout in the chosen format.
///
/// # Errors
/// When stdout cannot be written (a closed pipe is not an error).
pub fn show(view: &impl View, format: Format, settings: &Settings) -> Result<()> {
    emit(&render(view, format, settings.stdout))
}

/// Writes to stdout. A closed pipe (`rungs … | head`) ends quietly.
///
/// # Errors
/// Any other write failure.
pub fn emit(text: &str) -> Result<()> {
    emit_open(text).map(|_| ())
}

/// Writes to stdout; returns `false` once the reader has gone, which is a
/// normal end (`rungs … | head`), not an error.
///
/// # Errors
/// Any other write failure.
pub fn emit_open(text: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(Error::io("cannot write", "stdout", e)),
    }
}

/// Prints a warning on stderr.
pub fn warn(settings: &Settings, message: &str) {
    let prefix = crate::render::paint("warning:", crate::render::Tone::Warn, settings.stderr);
    eprintln!("{prefix} {message}");
}

/// Warns about each problem; returns [`Error::Skipped`] when there were any.
///
/// # Errors
/// When `problems` is not empty.
pub fn skipped(settings: &Settings, problems: &[Error]) -> Result<()> {
    for problem in problems {
        warn(settings, &format!("skipped {problem}"));
    }
    match problems.len() {
        0 => Ok(()),
        count => Err(Error::Skipped { count }),
    }
}

/// Competency titles for an assessment's ladder, falling back to ids when
/// the ladder is not loaded (an old file still reports).
pub struct Titles(Vec<(String, String)>);

impl Titles {
    /// The titles of a ladder, if loaded.
    pub fn of(catalog: &crate::ladder::catalog::Catalog, ladder: &str) -> Self {
        let entry = catalog.entries().iter().find(|e| e.ladder.id == ladder);
        let pairs = entry.map(|e| e.ladder.competencies.iter().map(|c| (c.id.clone(), c.title.clone())).collect());
        Titles(pairs.unwrap_or_default())
    }

    /// The title of a competency, or its id.
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.iter().find(|(i, _)| i == id).map_or(id, |(_, t)| t.as_str())
    }
}

/// Writes `text` to `path`, or to stdout for `-` or no path.
///
/// # Errors
/// When the file cannot be written.
pub fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path.filter(|p| *p != std::path::Path::new("-")) {
        None => emit(text),
        Some(path) => {
            std::fs::write(path, text).map_err(|e| Error::io("cannot write", path, e))?;
            eprintln!("Wrote {}", path.display());
            Ok(())
        }
    }
}

/// One assessment, scored: a row of `history` and of `team`.
#[derive(Debug, serde::Serialize)]
pub struct Scored {
    path: std::path::PathBuf,
    date: chrono::NaiveDate,
    person: String,
    assessor: String,
    relationship: String,
    ladder: String,
    current: String,
    target: String,
    target_ladder: String,
    ready_count: usize,
    total: usize,
    statuses: crate::render::Ordered<crate::scoring::Status>,
}

impl Scored {
    /// Scores the assessment saved at `path`.
    pub fn new(path: std::path::PathBuf, a: &crate::assessment::Assessment) -> Self {
        let s = crate::scoring::score(a);
        Scored {
            path,
            date: a.date,
            person: a.person.clone(),
            assessor: a.assessor.clone(),
            relationship: a.relationship.to_string(),
            ladder: a.ladder.id.clone(),
            current: a.current.clone(),
            target: a.target.clone(),
            target_ladder: a.target_ladder_id().to_owned(),
            ready_count: s.ready_count,
            total: s.total,
            statuses: crate::render::Ordered(s.competencies.into_iter().map(|c| (c.id, c.status)).collect()),
        }
    }

    /// The status of one competency, if it was rated.
    pub fn status(&self, id: &str) -> Option<crate::scoring::Status> {
        self.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s)
    }

    /// `self`, or `ASSESSOR (relationship)`.
    pub fn by(&self) -> String {
        if self.relationship == "self" {
            "self".to_owned()
        } else {
            format!("{} ({})", self.assessor, self.relationship)
        }
    }
}
