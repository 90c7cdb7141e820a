//! One module per subcommand. Each exposes `run(settings, args)`, builds a
//! [`crate::render::View`] from pure functions, and prints it with
//! [`emit`].

mod assess;
mod calibrate;
pub(crate) mod case;
pub(crate) mod chart;
mod check;
mod diff;
pub(crate) mod export;
mod flat;
mod history;
mod init;
mod journal;
mod ladder;
mod ladder_check;
mod ladder_export;
mod ladder_page;
mod ladders;
mod list;
mod meta;
mod peers;
pub(crate) mod report;
mod team;
mod who;

use std::io::Write;
use std::path::Path;

use crate::cli::{Command, GoalCommand, LadderCommand};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::journal::GoalStatus;
use crate::render::{Format, View, render};
use crate::untrusted;

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
        Command::Team(args) => team::run(settings, &args),
        Command::Calibrate(args) => calibrate::run(settings, &args),
        Command::Check(args) => check::run(settings, &args),
        Command::Init(args) => init::run(settings, &args),
        Command::Git { args } => init::git(settings, &args),
        Command::Note(args) => journal::note(settings, &args),
        Command::Notes(args) => journal::notes(settings, &args),
        Command::Goal(GoalCommand::Add(args)) => journal::goal_add(settings, &args),
        Command::Goal(GoalCommand::Done(args)) => journal::goal_close(settings, &args, GoalStatus::Done),
        Command::Goal(GoalCommand::Drop(args)) => journal::goal_close(settings, &args, GoalStatus::Dropped),
        Command::Goals(args) => journal::goals(settings, &args),
        Command::Ladders(args) => ladders::run(settings, args.format),
        Command::Ladder(LadderCommand::Show(args)) => ladder::show(settings, &args),
        Command::Ladder(LadderCommand::Compare(args)) => ladder::compare(settings, &args),
        Command::Ladder(LadderCommand::Check(args)) => ladder_check::run(settings, &args),
        Command::Ladder(LadderCommand::Export(args)) => ladder_export::run(settings, &args),
        Command::Ladder(LadderCommand::Import(args)) => ladder_export::import(settings, &args),
        Command::Completions { shell } => meta::completions(shell),
        Command::Man { command, dir } => meta::man(&command, dir.as_deref()),
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

/// Says something to the person on stderr, through the one boundary for
/// untrusted text.
pub fn say(message: &str) {
    eprintln!("{}", for_stderr(&untrusted::terminal(message)));
}

/// A message for stderr: on a terminal, its lines broken between words to
/// the terminal's width (the terminal would break them mid-word); elsewhere
/// as it is, one line per line, for logs and scripts.
pub fn for_stderr(message: &str) -> String {
    match console::Term::stderr().size_checked() {
        Some((_, columns)) => crate::text::fill_lines(message, usize::from(columns)),
        None => message.to_owned(),
    }
}

/// A day given as `YYYY-MM-DD` to `flag`.
///
/// # Errors
/// A usage error naming the flag.
pub fn day(flag: &str, text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Usage(format!("{flag}: `{text}` is not a date; use YYYY-MM-DD, e.g. 2026-11-24")))
}

/// Commits a record just saved when the store is shared through git, and
/// says so; a commit that fails never undoes the save, it is only reported.
pub fn commit(
    settings: &Settings,
    store: &crate::store::Store,
    path: &std::path::Path,
    author: crate::share::Author<'_>,
    message: &str,
) {
    use crate::share::Committed;
    let relative = path.strip_prefix(store.root()).unwrap_or(path);
    match crate::share::commit(store.root(), &[relative], author, message) {
        Committed::NotShared | Committed::Unchanged => {}
        Committed::Yes => say(&format!("Committed: {}", crate::share::one_line(message))),
        Committed::Declined(why) => say(&why),
        Committed::Unstaged(why) => warn(settings, &why),
        Committed::No(why) => warn(settings, &format!("saved, but not committed: {why}")),
    }
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

/// Prints a warning on stderr, shown as [`untrusted::terminal`] shows text:
/// warnings name files and quote what they hold.
pub fn warn(settings: &Settings, message: &str) {
    let prefix = crate::render::paint("warning:", crate::render::Tone::Warn, settings.stderr);
    eprintln!("{}", for_stderr(&format!("{prefix} {}", untrusted::terminal(message))));
}

/// The summary cache of `store`, for `list` and `team`; says once, on
/// stderr, why it is not used when it is not the user's own.
pub fn summary_cache(settings: &Settings, store: &crate::store::Store) -> crate::store::cache::Cache {
    let cache = crate::store::cache::Cache::open(store.root(), std::time::SystemTime::now());
    if let Some(why) = cache.distrust() {
        warn(settings, &why.to_string());
    }
    cache
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
/// A file is private (0600, whatever the umask) and whole: the text goes to
/// a temporary file beside it, is flushed, then renamed over `path`, so a
/// crash never leaves half a document. A path that is not a regular file (a
/// pipe, `/dev/stdout`) is written in place.
///
/// # Errors
/// When the file cannot be written.
pub fn write_out(path: Option<&Path>, text: &str) -> Result<()> {
    match path.filter(|p| *p != Path::new("-")) {
        None => emit(text),
        Some(path) if path.metadata().is_ok_and(|m| !m.is_file()) => {
            std::fs::write(path, text).map_err(|e| Error::io("cannot write", path, e))
        }
        Some(path) => {
            write_file(path, text, Access::Private)?;
            eprintln!("Wrote {}", untrusted::terminal(&path.display().to_string()));
            Ok(())
        }
    }
}

/// Who may read a file that rungs writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Owner read and write only (0600): exports hold personal review data.
    Private,
    /// Readable by everyone (0644): public documentation such as man pages.
    Public,
}

impl Access {
    /// The file's permission bits.
    #[cfg(unix)]
    fn mode(self) -> u32 {
        match self {
            Access::Private => 0o600,
            Access::Public => 0o644,
        }
    }
}

/// Replaces `path` with a regular file holding `text`, through a temporary
/// file in the same folder: a crash never leaves half a file, and a link
/// planted at `path` is replaced, never written through. The file gets the
/// permissions of `access` whatever the umask.
///
/// # Errors
/// When the temporary file cannot be made, written or renamed.
pub fn write_file(path: &Path, text: &str, access: Access) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-").suffix(".part");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io("cannot create a file in", dir, e))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| set_access(temp.as_file(), access))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", temp.path().to_owned(), e))?;
    temp.persist(path).map_err(|e| Error::io("cannot write", path, e.error))?;
    Ok(())
}

/// Sets a file's permissions to those of `access`, whatever the umask let
/// through when it was created (fchmod does not apply the umask).
fn set_access(file: &std::fs::File, access: Access) -> std::io::Result<()> {
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(access.mode()))?;
    #[cfg(not(unix))]
    let _ = (file, access);
    Ok(())
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
    /// The track followed, on a ladder of tracks.
    #[serde(skip_serializing_if = "Option::is_none")]
    track: Option<String>,
    ready_count: usize,
    total: usize,
    /// The competencies the target level expects that the assessment does not rate.
    /// Present only when some are: the pinned output of a full file is unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_rated: Vec<String>,
    statuses: crate::render::Ordered<crate::scoring::Status>,
    /// Whether the assessment is ready for its target: by the level's
    /// promotion rule where it has one, else every competency ready.
    #[serde(skip)]
    pub ready: bool,
    /// How the ratings stand against the target level's promotion rule,
    /// where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    promotion: Option<crate::scoring::RuleCheck>,
    /// What the target expects of each competency (its step, else its
    /// text), so that a streak can outlive a target change that leaves a
    /// competency's expectation as it was; empty where only statuses are known.
    #[serde(skip)]
    expects: Vec<(String, String)>,
}

impl Scored {
    /// Scores the assessment saved at `path` against every competency its
    /// target level expects in `catalog`.
    pub fn new(
        path: std::path::PathBuf,
        a: &crate::assessment::Assessment,
        catalog: &crate::ladder::catalog::Catalog,
    ) -> Self {
        let s = crate::scoring::score_on(a, catalog);
        let expects = s
            .competencies
            .iter()
            .map(|c| (c.id.clone(), c.target.step.clone().unwrap_or_else(|| c.target.expectation.clone())))
            .collect();
        // Collected in place, the statuses would keep the scores' larger
        // allocation: over a kilobyte a row, which `team` keeps per person.
        let mut statuses: Vec<_> = s.competencies.into_iter().map(|c| (c.id, c.status)).collect();
        statuses.shrink_to_fit();
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
            track: a.track.clone(),
            ready_count: s.ready_count,
            total: s.total,
            not_rated: s.not_rated,
            statuses: crate::render::Ordered(statuses),
            ready: s.ready,
            promotion: s.rule,
            expects,
        }
    }

    /// `3/5`, or `3/5, 1 not rated`; `3/5, ready by rule` where the target
    /// level's promotion rule is met without every competency, or what the
    /// rule still wants (`4/5, rule wants technical`).
    pub fn ready_cell(&self) -> String {
        let cell = crate::scoring::ready_cell(self.ready_count, self.total, self.not_rated.len());
        match &self.promotion {
            Some(rule) if !rule.met && !rule.missing.is_empty() => {
                format!("{cell}, rule wants {}", crate::text::join_names(&rule.missing))
            }
            Some(rule) if !rule.met => format!("{cell}, rule wants {} more", rule.at_least - rule.others_ready),
            _ if self.ready && self.ready_count < self.total => format!("{cell}, ready by rule"),
            _ => cell,
        }
    }

    /// `senior1 → senior2-em`, with the track where there is one: `(em)`.
    pub fn levels(&self) -> String {
        let track = self.track.as_ref().map_or_else(String::new, |t| format!(" ({t})"));
        format!("{} → {}{track}", self.current, self.target)
    }

    /// Whether `other` aims at the same target level.
    pub fn same_target(&self, other: &Scored) -> bool {
        self.target == other.target && self.target_ladder == other.target_ladder
    }

    /// Whether the assessment is ready for its target level: every
    /// competency it expects, or its promotion rule, met.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The status of one competency, if it was rated.
    pub fn status(&self, id: &str) -> Option<crate::scoring::Status> {
        self.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s)
    }

    /// Whether this assessment's target expects of competency `id` what
    /// `other`'s does: the same step (else text) where both say, else the
    /// same target level.
    pub fn expects_as(&self, other: &Scored, id: &str) -> bool {
        let expected = |s: &Scored| s.expects.iter().find(|(c, _)| c == id).map(|(_, e)| e.clone());
        match (expected(self), expected(other)) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => self.target == other.target && self.target_ladder == other.target_ladder,
        }
    }
}
