//! What every command does at its edges: print a document or a message,
//! write a file the user asked for, report skipped files and a save's
//! commit. No command logic lives here, only the ways out.

use std::io::Write;
use std::path::Path;

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Format, View, render};
use crate::untrusted;

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

/// Commits a record just saved when the store is shared through git, and
/// says so; a commit that fails never undoes the save, it is only reported.
pub fn commit(
    settings: &Settings,
    store: &crate::store::Store,
    path: &std::path::Path,
    author: crate::share::Author<'_>,
    message: &str,
) {
    let relative = path.strip_prefix(store.root()).unwrap_or(path);
    commit_all(settings, store, &[relative], author, message);
}

/// Commits several records just saved, relative to the store, as one
/// commit when the store is shared through git, and says so.
pub fn commit_all(
    settings: &Settings,
    store: &crate::store::Store,
    relative: &[&std::path::Path],
    author: crate::share::Author<'_>,
    message: &str,
) {
    // An encrypted store's history names nobody: the message says what, not whom.
    let nameless;
    let message = if store.is_sealed() {
        let roster = relative.iter().all(|p| *p == std::path::Path::new(crate::roster::FILE));
        nameless = if roster {
            "Update the roster".to_owned()
        } else {
            format!("Save {}", crate::text::plural(relative.len(), "encrypted record"))
        };
        nameless.as_str()
    } else {
        message
    };
    commit_said(settings, store, relative, author, message);
}

/// Commits records with a message that names nobody (`Rekey 12 records`),
/// as [`commit_all`] does, keeping the message in an encrypted store too.
pub fn commit_said(
    settings: &Settings,
    store: &crate::store::Store,
    relative: &[&std::path::Path],
    author: crate::share::Author<'_>,
    message: &str,
) {
    use crate::share::Committed;
    match crate::share::commit(store.root(), relative, author, message) {
        Committed::NotShared | Committed::Unchanged => {}
        Committed::Yes => say(&format!("Committed: {}", crate::share::one_line(message))),
        Committed::Declined(why) => say(&why),
        Committed::Unstaged(why) => warn(settings, &why),
        Committed::No(why) => warn(settings, &format!("saved, but not committed: {why}")),
    }
}

/// Prints one line on stderr as it is, hidden characters made visible but
/// never wrapped: for lines that tools read, such as `FILE:LINE:COL: problem`.
pub fn line(message: &str) {
    eprintln!("{}", untrusted::terminal(message));
}

/// Prints a warning on stderr, shown as [`untrusted::terminal`] shows text:
/// warnings name files and quote what they hold.
pub fn warn(settings: &Settings, message: &str) {
    let prefix = crate::render::paint("warning:", crate::render::Tone::Warn, settings.stderr);
    eprintln!("{}", for_stderr(&format!("{prefix} {}", untrusted::terminal(message))));
}

/// In an encrypted store, what was added to the roster since this clone
/// last saw it: the store's roster is read (once a run) before the command
/// runs, so the notice comes before anything is saved to new readers.
pub fn review_roster(settings: &Settings) {
    if let Ok(store) = settings.store() {
        crate::store::seen::review(&store);
    }
    roster_changes(settings);
}

/// Says each roster notice waiting (see [`crate::store::seen`]), which
/// records what was said as seen.
pub fn roster_changes(settings: &Settings) {
    for notice in crate::store::seen::take() {
        warn(settings, &notice);
    }
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
    // Records sealed to other people are no problem: counted once, at the end.
    let problems: Vec<&Error> = problems.iter().filter(|p| !p.is_not_for_you()).collect();
    for problem in &problems {
        warn(settings, &format!("skipped {problem}"));
    }
    match problems.len() {
        0 => Ok(()),
        count => Err(Error::Skipped { count }),
    }
}

/// Writes a document made from a store's records, as [`write_out`]; from an
/// encrypted store, a file written says that it is plain text: an export
/// is the user's own act, and leaves the store's protection behind.
///
/// # Errors
/// As [`write_out`].
pub fn export_out(settings: &Settings, store: &crate::store::Store, path: Option<&Path>, text: &str) -> Result<()> {
    write_out(path, text)?;
    if let Some(path) = path.filter(|p| *p != Path::new("-") && store.is_sealed()) {
        warn(
            settings,
            &format!(
                "{} is plain text: the store is encrypted, this file is not; whoever can read it reads what it holds",
                path.display()
            ),
        );
    }
    Ok(())
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
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "cannot write {}: there is no folder {}",
            untrusted::terminal(&path.display().to_string()),
            untrusted::terminal(&dir.display().to_string())
        )));
    }
    // tempfile's own message names the temporary file; the folder is what matters.
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a file in", dir, std::io::Error::new(e.kind(), e.kind().to_string())))?;
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
