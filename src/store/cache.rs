//! The summary cache: what `list` and `team` need of each assessment file
//! ([`crate::analysis::summary::Summary`]), kept between runs so that an unchanged file costs one
//! `stat` instead of a read and a parse. It works like git's index:
//!
//! - **Validated, never trusted.** Each summary is kept with its file's
//!   [`Stamp`] (size, modification and change times in nanoseconds, inode,
//!   device, mode) and used only while one `stat` of the file gives the same
//!   stamp. Writing a file always moves its change time (`ctime`), which no
//!   program can set back, so an edit is seen even when the size is the same
//!   and the modification time was reset. A person folder's list of files is
//!   reused only while the folder's own stamp is unchanged (adding, removing
//!   or renaming a file changes it).
//! - **Racy entries are not kept.** A file or folder changed less than
//!   [`RACY_NS`] before the run started could change again within the same
//!   timestamp tick and keep its stamp; its summary is not written.
//! - **Untrusted input itself.** A versioned header names the store's
//!   canonical path; each folder's record is length-checked, bounded and
//!   carries a checksum, and every field is bounds-checked as it is decoded.
//!   At the first doubt the rest of the cache is ignored and the files are read.
//! - **Outside the store**, in the user's cache folder (`RUNGS_CACHE_DIR`,
//!   else `$XDG_CACHE_HOME/rungs`, else the platform's cache folder), named by
//!   a hash of the store's canonical path: never committed or shared with
//!   the store, and a read-only store still benefits. Written private
//!   (0600, in a 0700 folder) to a temporary file, then renamed over the old
//!   one, so two runs at once never leave a torn cache. Safe to delete.
//! - **Only the user's own.** The stamps say whether a summary is of the
//!   file as it is now, not who wrote the summary. So the cache folder and
//!   file are used only when owned by the current user and writable by no
//!   one else ([`Distrust`]): a folder that is not is neither read nor
//!   written, a file that is not is not read (and is replaced by the user's
//!   own), and the command says so once.
//! - **Not for the key, remembered.** In an encrypted store the cache is
//!   one identity's own (see [`Cache::open`]), so it also keeps, against its
//!   stamp, each sealed file that identity's keys do not open: while the
//!   stamp holds, the file is neither opened nor decrypted again, only
//!   counted as not for the key ([`crate::seal::not_for_you`]). A plain
//!   store's cache, shared by every identity, keeps no such entry.
//! - **Optional.** `RUNGS_CACHE=off` neither reads nor writes it. It never
//!   changes what a command prints; a cache that cannot be written is skipped
//!   silently.
//!
//! The file: a header (magic, version, store path, checksum), then one record
//! per person folder in the folders' sorted order, each `[length][body][checksum]`,
//! then a zero length. A run reads the records in step with the folders it
//! walks, so memory stays flat, and rewrites the file only when a record changed.

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io::{BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

mod record;

use record::{Decoder, MAX_TEXT, bytes};
pub use record::{FileRecord, FolderRecord, Held, Kept, checksum, decode, encode, summary};

/// `RUNGS_CACHE=off` (or `0`, `no`, `false`) turns the cache off.
pub const ENV: &str = "RUNGS_CACHE";
/// The folder the cache files go to, instead of the platform's cache folder.
pub const DIR_ENV: &str = "RUNGS_CACHE_DIR";
/// Changes this recent (2 s, the coarsest common timestamp tick) are not cached.
pub const RACY_NS: i64 = 2_000_000_000;

const MAGIC: &[u8; 8] = b"rungs\x00ix";
const VERSION: u32 = 4;

/// The largest record read: a larger length means a damaged cache.
const MAX_RECORD: usize = 64 << 20;
/// Where each record's length goes before its body: the end marker is a zero length.
const END: u32 = 0;

/// How a file or folder looked, from one `stat`: what must not change for a
/// cached summary of it to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i64,
    /// Change time (of content or metadata), nanoseconds since the epoch; set by the kernel only.
    pub ctime: i64,
    /// Inode number.
    pub ino: u64,
    /// Device.
    pub dev: u64,
    /// Type and permission bits.
    pub mode: u32,
}

impl Stamp {
    /// The stamp of `metadata` (taken without following links).
    #[cfg(unix)]
    pub fn of(metadata: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| s.checked_mul(1_000_000_000)?.checked_add(n);
        Some(Stamp {
            size: metadata.size(),
            mtime: ns(metadata.mtime(), metadata.mtime_nsec())?,
            ctime: ns(metadata.ctime(), metadata.ctime_nsec())?,
            ino: metadata.ino(),
            dev: metadata.dev(),
            mode: metadata.mode(),
        })
    }

    /// The stamp of a `stat` taken without following links: the same as
    /// [`Stamp::of`] its metadata.
    #[cfg(unix)]
    pub fn of_stat(stat: &rustix::fs::Stat) -> Option<Stamp> {
        let ns = |s: i64, n: i64| s.checked_mul(1_000_000_000)?.checked_add(n);
        // The field types differ between platforms (`dev_t` is signed on
        // macOS, where std's `MetadataExt::dev` casts it the same way).
        #[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions, clippy::unnecessary_cast)]
        let stamp = Stamp {
            size: u64::try_from(stat.st_size).ok()?,
            mtime: ns(i64::from(stat.st_mtime), i64::try_from(stat.st_mtime_nsec).ok()?)?,
            ctime: ns(i64::from(stat.st_ctime), i64::try_from(stat.st_ctime_nsec).ok()?)?,
            ino: u64::from(stat.st_ino),
            dev: stat.st_dev as u64,
            mode: u32::from(stat.st_mode),
        };
        Some(stamp)
    }

    /// Without unix metadata there is nothing to validate with: no stamp, no cache.
    #[cfg(not(unix))]
    pub fn of(_: &Metadata) -> Option<Stamp> {
        None
    }

    /// Whether it last changed long enough before `now` (ns) that a later
    /// change must give it a new change time.
    pub fn settled(&self, now: i64) -> bool {
        self.ctime < now.saturating_sub(RACY_NS)
    }
}

/// Why the cache is not used: its folder or file is not the user's own, so
/// another user could have planted summaries in it. Only the user's own
/// cache is trusted: its stamps are checked against the files, but nothing
/// checks who wrote the summaries beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Distrust {
    /// Owned by another user.
    Owner {
        /// The cache folder or file.
        path: PathBuf,
        /// Its owner's user id.
        uid: u32,
    },
    /// Writable by the group or by others.
    Writable {
        /// The cache folder or file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
}

impl Distrust {
    /// Whether `metadata` (of `path`) is the current user's own and writable
    /// by no one else.
    ///
    /// # Errors
    /// The reason it is not.
    #[cfg(unix)]
    pub fn of(metadata: &Metadata, path: &Path) -> Result<(), Distrust> {
        use std::os::unix::fs::MetadataExt;
        let path = path.to_owned();
        if metadata.uid() != rustix::process::geteuid().as_raw() {
            return Err(Distrust::Owner { path, uid: metadata.uid() });
        }
        match metadata.mode() & 0o7777 {
            mode if mode & 0o022 != 0 => Err(Distrust::Writable { path, mode }),
            _ => Ok(()),
        }
    }

    /// Without unix metadata there are no owners to check (and no cache, see [`Stamp::of`]).
    #[cfg(not(unix))]
    pub fn of(_: &Metadata, _: &Path) -> Result<(), Distrust> {
        Ok(())
    }
}

impl std::fmt::Display for Distrust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, why) = match self {
            Distrust::Owner { path, uid } => (path, format!("belongs to another user (uid {uid})")),
            Distrust::Writable { path, mode } => (path, format!("can be written by others (mode {mode:04o})")),
        };
        write!(
            f,
            "the summary cache is not used: {} {why}, so its summaries could be forged; \
             make it yours and private (0700 for the folder, 0600 for the file), or set {DIR_ENV} to another folder",
            path.display()
        )
    }
}

/// Where an old record was in the old cache file.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    start: u64,
    end: u64,
}

/// The previous cache file, read record by record in step with the folders.
struct Old {
    /// For copying an unchanged prefix into a new file (positioned reads).
    file: File,
    reader: BufReader<File>,
    /// The file's length when opened.
    size: u64,
    /// Where the reader is.
    pos: u64,
    /// The next record's body, read ahead (reused from record to record).
    body: Vec<u8>,
    /// The next record, read ahead into `body`: its folder name's place
    /// there, and its place in the file.
    next: Option<(Range<usize>, Slot)>,
    /// Whether the end marker was reached (not damage or a missing tail).
    ended: bool,
}

impl Old {
    /// The old cache file, when there is one to read: `Ok(None)` when there
    /// is none, or it is not a regular file, or not this store's, or damaged
    /// at its start; an error when it is not the user's own.
    fn open(path: &Path, header: &[u8]) -> Result<Option<Old>, Distrust> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
        let Ok(file) = options.open(path) else { return Ok(None) };
        let Ok(metadata) = file.metadata() else { return Ok(None) };
        if !metadata.is_file() {
            return Ok(None);
        }
        Distrust::of(&metadata, path)?;
        Ok(Old::read(file, metadata.len(), header))
    }

    fn read(file: File, size: u64, header: &[u8]) -> Option<Old> {
        let mut reader = BufReader::with_capacity(1 << 20, file.try_clone().ok()?);
        let mut head = vec![0; header.len()];
        reader.read_exact(&mut head).ok()?;
        if head != header {
            return None;
        }
        let mut old = Old { file, reader, size, pos: header.len() as u64, body: Vec::new(), next: None, ended: false };
        old.advance();
        Some(old)
    }

    /// Reads the next record ahead; at the end, or at any damage, there is none.
    fn advance(&mut self) {
        self.next = self.read_record();
    }

    fn read_record(&mut self) -> Option<(Range<usize>, Slot)> {
        let start = self.pos;
        let mut len = [0; 4];
        self.reader.read_exact(&mut len).ok()?;
        let len = u32::from_le_bytes(len);
        if len == END {
            self.ended = true;
            return None;
        }
        let len = len as usize;
        // A damaged length is refused before anything is made for it.
        if len > MAX_RECORD || start + 4 + len as u64 + 8 > self.size {
            return None;
        }
        self.body.resize(len, 0);
        self.reader.read_exact(&mut self.body).ok()?;
        let mut sum = [0; 8];
        self.reader.read_exact(&mut sum).ok()?;
        if u64::from_le_bytes(sum) != checksum(&self.body) {
            return None;
        }
        self.pos = start + 4 + len as u64 + 8;
        let mut d = Decoder { buf: &self.body, pos: 0 };
        let name = d.bytes(MAX_TEXT)?;
        let end = d.pos;
        Some((end - name.len()..end, Slot { start, end: self.pos }))
    }

    /// The folder name of the record read ahead.
    fn next_name(&self) -> Option<&[u8]> {
        self.next.as_ref().map(|(name, _)| &self.body[name.clone()])
    }
}

/// Where the new cache stands.
enum Out {
    /// Every record so far is the old one, up to this offset of the old file.
    Same(u64),
    /// A new file is being written.
    New(BufWriter<tempfile::NamedTempFile>),
    /// Nothing is written: the cache is off, or writing it failed.
    Off,
}

/// The summary cache of one store, for one run: the old file read in step
/// with the folders walked, and the new one written as records change.
pub struct Cache {
    path: Option<PathBuf>,
    header: Vec<u8>,
    old: Option<Old>,
    out: Out,
    /// When the run started, nanoseconds since the epoch.
    now: i64,
    /// Why the cache was not used, when its folder or file is not the user's own.
    distrust: Option<Distrust>,
    /// Whether the cache is one identity's own (an encrypted store's): only
    /// then may it keep that a file is not for the key.
    keyed: bool,
}

impl Cache {
    /// A cache that reads and writes nothing.
    pub fn off() -> Cache {
        Cache { path: None, header: Vec::new(), old: None, out: Out::Off, now: 0, distrust: None, keyed: false }
    }

    /// The cache of the store at `root`, unless `RUNGS_CACHE` turns it off or
    /// no cache folder is known; `now` is when the run started.
    pub fn open(root: &Path, now: std::time::SystemTime) -> Cache {
        let off = std::env::var(ENV).is_ok_and(|v| ["off", "0", "no", "false"].contains(&v.trim()));
        let folder = std::env::var_os(DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from).or_else(|| {
            use etcetera::BaseStrategy;
            etcetera::choose_base_strategy().ok().map(|b| b.cache_dir().join("rungs"))
        });
        let (Some(folder), Ok(root), false) = (folder, std::fs::canonicalize(root), off) else { return Cache::off() };
        let now = now.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(0));
        // An encrypted store's cache holds only what one identity opened:
        // another identity of the same user gets a cache of its own.
        let keyed = super::Store::new(&root).is_sealed();
        let root = if keyed {
            let keys = crate::seal::keyring().map_or_else(|_| "no identity".to_owned(), |k| k.public().join("\n"));
            let mut named = root.into_os_string();
            named.push(format!("\n{keys}"));
            PathBuf::from(named)
        } else {
            root
        };
        Cache { keyed, ..Cache::at(&folder, &root, now) }
    }

    /// The cache of the store whose canonical path is `root`, in `folder`.
    pub fn at(folder: &Path, root: &Path, now: i64) -> Cache {
        let root = root.as_os_str().as_encoded_bytes();
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&VERSION.to_le_bytes());
        bytes(&mut header, root);
        header.extend_from_slice(&checksum(&header).to_le_bytes());
        let path = folder.join(format!("{:016x}.summaries", checksum(root)));
        // A folder that is not the user's own is neither read nor written;
        // a file that is not is not read, and is replaced by the user's own.
        if let Err(why) = std::fs::metadata(folder).map_or(Ok(()), |m| Distrust::of(&m, folder)) {
            return Cache { distrust: Some(why), now, ..Cache::off() };
        }
        let (old, distrust) = match Old::open(&path, &header) {
            Ok(old) => (old, None),
            Err(why) => (None, Some(why)),
        };
        let out = Out::Same(header.len() as u64);
        Cache { path: Some(path), header, old, out, now, distrust, keyed: false }
    }

    /// Why the cache is not used, when its folder or file is not the user's
    /// own: to be said once, on stderr.
    pub fn distrust(&self) -> Option<&Distrust> {
        self.distrust.as_ref()
    }

    /// Whether the cache is one identity's own (an encrypted store's), so
    /// that it may keep that a file is not for the key.
    pub fn keyed(&self) -> bool {
        self.keyed
    }

    /// When the run started, nanoseconds since the epoch.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Where the cache file is, when the cache is on.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The old record of the folder named `name`, if the old cache has one,
    /// appended to `into`: its place in the file, and where it is in `into`.
    /// Records of folders before it (folders gone since) are passed over.
    /// Folders must be asked for in sorted order.
    pub fn take(&mut self, name: &OsStr, into: &mut Vec<u8>) -> Option<(Slot, Range<usize>)> {
        let name = name.as_encoded_bytes();
        let old = self.old.as_mut()?;
        loop {
            match old.next_name()?.cmp(name) {
                std::cmp::Ordering::Less => old.advance(),
                std::cmp::Ordering::Equal => {
                    let (_, slot) = old.next.take().expect("just seen");
                    let at = into.len();
                    into.extend_from_slice(&old.body);
                    old.advance();
                    return Some((slot, at..into.len()));
                }
                std::cmp::Ordering::Greater => return None,
            }
        }
    }

    /// Adds a folder's new record; `same` when it equals the old record at `slot`.
    pub fn put(&mut self, body: &[u8], slot: Option<Slot>, same: bool) {
        if let Out::Same(end) = self.out {
            match slot {
                Some(slot) if same && slot.start == end => {
                    self.out = Out::Same(slot.end);
                    return;
                }
                _ => self.start_new(),
            }
        }
        if let Out::New(writer) = &mut self.out {
            let written = writer
                .write_all(&u32::try_from(body.len()).unwrap_or(END).to_le_bytes())
                .and_then(|()| writer.write_all(body))
                .and_then(|()| writer.write_all(&checksum(body).to_le_bytes()));
            if written.is_err() || body.len() > MAX_RECORD {
                self.out = Out::Off;
            }
        }
    }

    /// Starts the new file with the old one's unchanged records.
    fn start_new(&mut self) {
        let Out::Same(end) = self.out else { return };
        self.out = self.new_file(end).map_or(Out::Off, Out::New);
    }

    fn new_file(&self, end: u64) -> Option<BufWriter<tempfile::NamedTempFile>> {
        let folder = self.path.as_deref()?.parent()?;
        crate::file::create_private_dir(folder).ok()?;
        let temp = tempfile::Builder::new().prefix(".tmp-").suffix(".part").tempfile_in(folder).ok()?;
        let mut writer = BufWriter::with_capacity(1 << 20, temp);
        writer.write_all(&self.header).ok()?;
        if let Some(old) = &self.old {
            let mut at = self.header.len() as u64;
            let mut chunk = vec![0; 1 << 20];
            while at < end {
                let n = usize::try_from((end - at).min(chunk.len() as u64)).ok()?;
                read_at(&old.file, &mut chunk[..n], at).ok()?;
                writer.write_all(&chunk[..n]).ok()?;
                at += n as u64;
            }
        }
        Some(writer)
    }

    /// Ends the run: writes the new file in place of the old when anything
    /// changed (a record, a folder gone, a damaged or missing file).
    pub fn finish(mut self) {
        if let Out::Same(_) = self.out {
            let unchanged = self.old.as_ref().is_some_and(|old| old.next.is_none() && old.ended);
            if unchanged {
                return;
            }
            self.start_new();
        }
        let (Out::New(writer), Some(path)) = (self.out, self.path) else { return };
        let Ok(mut temp) = writer.into_inner() else { return };
        if temp.write_all(&END.to_le_bytes()).is_ok() {
            // A cache needs no fsync: a torn or empty file fails its checks.
            let _ = temp.persist(&path);
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests;
