//! The file layer under every record kind of a store: bounded reads of
//! regular files only, never through a symbolic link, and atomic, private,
//! locked writes. Nothing here knows what a record holds.
//!
//! A file is first looked at with `symlink_metadata`, so a FIFO, socket,
//! device, folder or link is refused without being opened; the file is then
//! opened with `O_NOFOLLOW | O_NONBLOCK` and checked again on the open handle,
//! so swapping it between the look and the open cannot make rungs hang or
//! follow a link.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The largest file rungs reads: 16 MiB. A larger one is refused unread.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file is refused before its content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link: links found in a store or ladders folder are never followed.
    Link,
    /// Not a regular file; the kind is named (`a folder`, `a FIFO`, …).
    NotRegular(&'static str),
    /// Larger than [`MAX_FILE_BYTES`]; the size in bytes.
    TooLarge(u64),
}

impl Refusal {
    /// A short, stable name for scripts: `link`, `not-regular` or `too-large`.
    pub fn kind(self) -> &'static str {
        match self {
            Refusal::Link => "link",
            Refusal::NotRegular(_) => "not-regular",
            Refusal::TooLarge(_) => "too-large",
        }
    }

    /// The refusal as an error naming `path`.
    pub fn error(self, path: &Path) -> Error {
        Error::InvalidFile { path: path.to_owned(), message: self.to_string() }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Link => f.write_str("a symbolic link; rungs does not follow links found in a folder it reads"),
            Refusal::NotRegular(kind) => write!(f, "{kind}, not a regular file; rungs reads only regular files"),
            Refusal::TooLarge(size) => {
                write!(f, "{size} bytes, over the limit of {MAX_FILE_BYTES} bytes (16 MiB); rungs does not read it")
            }
        }
    }
}

/// What `metadata` (not following links) says is wrong with a file, if anything.
pub fn refusal(metadata: &Metadata) -> Option<Refusal> {
    let kind = metadata.file_type();
    if kind.is_symlink() {
        Some(Refusal::Link)
    } else if !kind.is_file() {
        Some(Refusal::NotRegular(kind_name(metadata)))
    } else if metadata.len() > MAX_FILE_BYTES {
        Some(Refusal::TooLarge(metadata.len()))
    } else {
        None
    }
}

/// Looks at a path without following a link or opening it.
///
/// # Errors
/// When the path cannot be looked at (it does not exist, say).
pub fn inspect(path: &Path) -> Result<Option<Refusal>> {
    let metadata = look(path).map_err(|e| Error::io("cannot read", path, e))?;
    Ok(refusal(&metadata))
}

/// What `path` is, without following a link at it: how a command looks at
/// an entry of a store before it decides to open it.
///
/// # Errors
/// When there is nothing at `path`, or it cannot be looked at.
pub fn look(path: &Path) -> std::io::Result<Metadata> {
    std::fs::symlink_metadata(path)
}

fn kind_name(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        } else if kind.is_socket() {
            return "a socket";
        } else if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if metadata.is_dir() { "a folder" } else { "a special file" }
}

/// Opens a file for reading if, and only if, it is a regular file reached
/// without a link, and not over [`MAX_FILE_BYTES`].
///
/// # Errors
/// A [`Refusal`] as [`Error::InvalidFile`], or the I/O error, naming the file.
pub fn open_regular(path: &Path) -> Result<File> {
    open(path, true)
}

fn open(path: &Path, bounded: bool) -> Result<File> {
    let refused = |r: Refusal| bounded || !matches!(r, Refusal::TooLarge(_));
    if let Some(r) = inspect(path)?.filter(|&r| refused(r)) {
        return Err(r.error(path));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => Refusal::Link.error(path),
        _ => Error::io("cannot read", path, e),
    })?;
    let metadata = file.metadata().map_err(|e| Error::io("cannot read", path, e))?;
    match refusal(&metadata).filter(|&r| refused(r)) {
        Some(r) => Err(r.error(path)),
        None => Ok(file),
    }
}

/// Reads a whole regular file as text, into `text` (cleared first); a
/// sealed record is opened with the user's key (see [`crate::seal`]).
///
/// # Errors
/// As [`open_regular`], text that is not UTF-8, or as [`crate::seal::open`].
pub fn read_text_into(path: &Path, text: &mut String) -> Result<()> {
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.clear();
    let file = open_regular(path)?;
    read_bytes(file, path, &mut bytes)?;
    *text = into_text(bytes, path)?.text;
    Ok(())
}

/// Reads a whole regular file of plain text; see [`open_regular`] for what
/// is refused. A sealed file is refused too: records are read with
/// [`read_record`] or [`read_text_into`].
///
/// # Errors
/// As [`read_text_into`].
pub fn read_text(path: &Path) -> Result<String> {
    let opened = read_record_or_plain(path, false)?;
    Ok(opened.text)
}

/// Reads a record of a store: its text, and when it is sealed, the readers
/// it names.
///
/// # Errors
/// As [`read_text_into`].
pub fn read_record(path: &Path) -> Result<crate::seal::Opened> {
    read_record_or_plain(path, true)
}

/// Reads a file as [`read_record`] does; a sealed one is opened only when
/// `sealed` allows it (records), and is refused otherwise: a store's own
/// files (the roster, the marker, ladders) are plain text, so that a review
/// of their changes sees them.
fn read_record_or_plain(path: &Path, sealed: bool) -> Result<crate::seal::Opened> {
    let file = open_regular(path)?;
    // Sized from the file: a 4 KB file is then one read and one at the end,
    // where an empty buffer takes a probe and a read per doubling.
    let size = file.metadata().map_or(0, |m| m.len().min(MAX_FILE_BYTES));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    read_bytes(file, path, &mut bytes)?;
    if !sealed && crate::seal::is_sealed(&bytes) {
        return Err(Error::InvalidFile {
            path: path.to_owned(),
            message: "an encrypted (age) file where rungs reads only plain text; this file is never encrypted".into(),
        });
    }
    into_text(bytes, path)
}

/// A file's bytes as text: opened when sealed, else checked as UTF-8.
fn into_text(bytes: Vec<u8>, path: &Path) -> Result<crate::seal::Opened> {
    if crate::seal::is_sealed(&bytes) {
        return crate::seal::open(&bytes, path);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(crate::seal::Opened { text, sealed: false, readers: None }),
        Err(_) => Err(Error::io(
            "cannot read",
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"),
        )),
    }
}

/// Reads at most [`MAX_FILE_BYTES`] bytes from `reader`; more is refused.
fn read_bytes(reader: impl Read, path: &Path, bytes: &mut Vec<u8>) -> Result<()> {
    reader.take(MAX_FILE_BYTES + 1).read_to_end(bytes).map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bytes.clear();
        return Err(Refusal::TooLarge(MAX_FILE_BYTES + 1).error(path));
    }
    Ok(())
}

/// Reads a file the user named on the command line: links are followed and
/// any readable file will do (`--answers <(…)`), but never more than
/// [`MAX_FILE_BYTES`].
///
/// # Errors
/// When it cannot be opened or read, is too large, or is not UTF-8.
pub fn read_named(path: &Path) -> Result<String> {
    let file = File::open(path).map_err(|e| Error::io("cannot read", path, e))?;
    let mut text = String::new();
    read_bounded(file, path, &mut text)?;
    Ok(text)
}

/// Reads at most [`MAX_FILE_BYTES`] from any reader; more is refused, so a
/// file that grows while read, or a device, cannot exhaust memory.
///
/// # Errors
/// More than the limit, or text that is not UTF-8.
pub fn read_bounded(reader: impl Read, path: &Path, text: &mut String) -> Result<()> {
    reader.take(MAX_FILE_BYTES + 1).read_to_string(text).map_err(|e| Error::io("cannot read", path, e))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        text.clear();
        return Err(Refusal::TooLarge(MAX_FILE_BYTES + 1).error(path));
    }
    Ok(())
}

/// Refuses a folder to write into unless it is a real folder, not a link:
/// a link in a shared store could send a save anywhere.
///
/// # Errors
/// [`Error::InvalidFile`] naming the folder.
pub fn check_real_dir(dir: &Path) -> Result<()> {
    let metadata = std::fs::symlink_metadata(dir).map_err(|e| Error::io("cannot read folder", dir, e))?;
    if metadata.file_type().is_symlink() {
        let message = "a symbolic link; rungs does not save through links, which could lead out of the store".into();
        return Err(Error::InvalidFile { path: dir.to_owned(), message });
    }
    if !metadata.is_dir() {
        return Err(Error::InvalidFile { path: dir.to_owned(), message: "not a folder".into() });
    }
    Ok(())
}

/// Creates a folder (and its parents) private to the user: 0700 on unix.
///
/// # Errors
/// When it cannot be created.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io("cannot create folder", dir, e))
}

/// The prefix and suffix of the temporary files that saves write.
pub const TEMP_PREFIX: &str = ".tmp-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".part";

/// Whether a file name is that of a save's temporary file.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Writes `text` to a new private temporary file in `dir`, flushed to disk,
/// and holds an exclusive lock on it until it is dropped, so that
/// `rungs check --fix` never takes it for the leftover of a killed save.
///
/// The one write path holds the one bound: a text over [`MAX_FILE_BYTES`],
/// which no reader would read, is never written.
///
/// # Errors
/// [`Error::TooLarge`] for a text over the bound; when the file cannot be
/// created or written.
pub fn write_temp(dir: &Path, text: &[u8]) -> Result<tempfile::NamedTempFile> {
    let size = text.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            what: format!("a file in {}", dir.display()),
            size,
            limit: MAX_FILE_BYTES,
            cause: None,
        });
    }
    let mut temp = locked_temp(dir)?;
    temp.write_all(text)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", temp.path().to_owned(), e))?;
    Ok(temp)
}

/// A new temporary file, locked. `check --fix` may remove an unlocked one
/// between its creation and the lock: then it is no longer at its path, and
/// another is made.
fn locked_temp(dir: &Path) -> Result<tempfile::NamedTempFile> {
    loop {
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io("cannot create a file in", dir, e))?;
        temp.as_file().lock().map_err(|e| Error::io("cannot lock", temp.path().to_owned(), e))?;
        if still_linked(&temp) {
            return Ok(temp);
        }
    }
}

/// Whether the temporary file's path still names the open file.
fn still_linked(temp: &tempfile::NamedTempFile) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(open), Ok(named)) = (temp.as_file().metadata(), std::fs::symlink_metadata(temp.path())) else {
            return false;
        };
        open.dev() == named.dev() && open.ino() == named.ino()
    }
    #[cfg(not(unix))]
    temp.path().exists()
}

/// What [`remove_if_abandoned`] did with a temporary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leftover {
    /// No save holds it: it was removed.
    Removed,
    /// A save still running holds its lock: it was left alone.
    InUse,
}

/// Removes a save's temporary file unless a running save holds its lock.
///
/// # Errors
/// When it is not a regular file, or cannot be opened or removed.
pub fn remove_if_abandoned(path: &Path) -> Result<Leftover> {
    let file = open_regular_any_size(path)?;
    match file.try_lock() {
        Ok(()) => {
            std::fs::remove_file(path).map_err(|e| Error::io("cannot remove", path, e))?;
            Ok(Leftover::Removed)
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(Leftover::InUse),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io("cannot lock", path, e)),
    }
}

/// Whether a running save holds the lock of a temporary file.
///
/// # Errors
/// When it is not a regular file or cannot be opened.
pub fn is_in_use(path: &Path) -> Result<bool> {
    let file = open_regular_any_size(path)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(false),
        Err(std::fs::TryLockError::WouldBlock) => Ok(true),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io("cannot lock", path, e)),
    }
}

/// As [`open_regular`], but a temporary file may be of any size.
fn open_regular_any_size(path: &Path) -> Result<File> {
    open(path, false)
}

/// Flushes a folder's entries to disk, so a rename survives a crash.
///
/// # Errors
/// When the folder cannot be opened or synced.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Error::io("cannot sync folder", dir, e))?;
    Ok(())
}

/// A checksum against damage (a torn or mangled file), not against forgery:
/// a forged cache can only claim stamps, which are checked against the files.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        h = (h ^ u64::from_le_bytes(word.try_into().expect("eight bytes"))).wrapping_mul(K).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 31)
}
