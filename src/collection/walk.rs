//! Walking a store's person folders with the summary cache
//! ([`crate::store::cache`]): each folder is looked at (one `stat`), its list
//! of files reused while it is unchanged, and each file a command asks for
//! is looked at (one `stat`) and its cached summary taken where the stamp
//! still holds; the command reads only the rest. Without a cache nothing is
//! `stat`'ed ([`look`]: inside the store's folder, opened once). Folders go
//! a group at a time, on several threads, in order: the next group's old
//! records are read while the workers walk this one, and each group's new
//! records are written before a third is read, so memory stays flat
//! however large the store.

mod look;

use std::ffi::OsStr;
use std::ops::Range;
use std::path::{Path, PathBuf};

use look::{Kind, Root};

use crate::analysis::summary::Summary;
use crate::error::Result;
use crate::store;
use crate::store::cache::{self, Cache, FolderRecord, Held, Kept, Slot, Stamp};

/// Folders per group: enough to keep the threads busy, few enough that the
/// records held at once stay small.
const GROUP: usize = 1024;

/// One `*.json` entry of a person folder, as the walk found it. It is
/// looked at (one `stat`) only when a command asks for its summary, so a
/// command that needs a few files of each folder pays only for those.
#[derive(Debug)]
pub struct Known<'a> {
    /// The file.
    pub path: PathBuf,
    /// Its stamp once looked at; `None` inside when it is not a regular file
    /// in bounds (it will be refused when read) or has gone.
    stamp: Option<Option<Stamp>>,
    /// What the old cache kept for it, still encoded, until it is looked at.
    old: Option<(Stamp, Held<'a>)>,
    /// Its summary: from the cache, or once read.
    pub summary: Option<Summary>,
    /// Whether `summary` may go to the cache: it came from there, or from the file.
    pub keep: bool,
    /// Whether `summary` was read from the file in this run.
    pub fresh: bool,
    /// Whether the file is sealed and not for the user's key: found when
    /// read, or from the cache (then it is not opened again).
    not_for_you: bool,
    /// Whether there is a cache to check and fill: without one, no `stat`.
    caching: bool,
    /// Whether the cache may keep that the file is not for the key (it is one identity's own).
    keyed: bool,
    /// The store's folder, open, to look at the file inside.
    root: Option<&'a Root>,
    /// Where the file's name starts in `path`.
    name_at: usize,
}

impl Known<'_> {
    /// The file's name, when it is UTF-8: found once, since a command may
    /// ask for it often.
    pub fn name(&self) -> Option<&str> {
        std::str::from_utf8(self.path.as_os_str().as_encoded_bytes().get(self.name_at..)?).ok()
    }

    /// Looks at the file, once: its summary from the cache if its stamp still holds.
    pub fn look(&mut self) {
        if self.stamp.is_some() {
            return;
        }
        if !self.caching {
            self.stamp = Some(None);
            return;
        }
        let stamp = look::stamp(self.root, &self.path, Kind::File);
        self.stamp = Some(stamp);
        if self.old.is_some_and(|(old, _)| stamp == Some(old)) {
            match self.old.take() {
                // A kept summary that does not decode is a doubt: the file is read.
                Some((_, Held::Summary(encoded))) => {
                    self.summary = cache::summary(encoded);
                    self.keep = self.summary.is_some();
                }
                // Unchanged since no key of the user's opened it: it is not opened again.
                // (Only one identity's own cache may say so: another's is read.)
                Some((_, Held::NotForYou)) if self.keyed => (self.not_for_you, self.keep) = (true, true),
                _ => {}
            }
        }
    }

    /// Reads the file's text into `buffer`, as [`store::read_text_into`]
    /// does, unless it is known not to be for the user's key: then it is
    /// counted as such ([`crate::seal::not_for_you`]) without being opened.
    /// A file found not to be for the key is remembered for the cache.
    ///
    /// # Errors
    /// As [`store::read_text_into`].
    pub fn read_text(&mut self, buffer: &mut String) -> Result<()> {
        if self.not_for_you {
            return Err(crate::seal::not_for_you(&self.path));
        }
        store::read_text_into(&self.path, buffer).inspect_err(|e| {
            if e.is_not_for_you() {
                (self.not_for_you, self.keep, self.fresh) = (true, self.keyed, true);
            }
        })
    }

    /// Whether the file was looked at and its cached summary no longer holds.
    fn lost(&self) -> bool {
        self.stamp.is_some() && self.old.is_some()
    }

    /// The file and its summary, read from the file unless the cache had
    /// it: the light reader's errors, as `list` has always given them.
    ///
    /// # Errors
    /// As [`store::read_text_into`] and [`Summary::read`].
    pub fn summary(&mut self, buffer: &mut String) -> Result<(&Path, &Summary)> {
        self.look();
        if self.summary.is_none() {
            self.read_text(buffer)?;
            self.summary = Some(Summary::read(buffer, &self.path)?);
            (self.keep, self.fresh) = (true, true);
        }
        Ok((&self.path, self.summary.as_ref().expect("just read")))
    }

    /// What goes to the cache: what was kept or read (unless racy), or
    /// what the old cache had, when the file was not looked at.
    fn record(&self, now: i64) -> Option<Kept<'_>> {
        match (self.stamp, self.old) {
            (None, Some((stamp, held))) => Some(Kept::Encoded(stamp, held)),
            (Some(stamp), _) => {
                let stamp = stamp.filter(|s| self.keep && s.settled(now))?;
                if self.not_for_you {
                    return Some(Kept::NotForYou(stamp));
                }
                self.summary.as_ref().map(|summary| Kept::Summary(stamp, summary))
            }
            (None, None) => None,
        }
    }
}

/// A person folder and its files, sorted by name.
#[derive(Debug)]
pub struct Folder<'a> {
    /// The folder.
    pub dir: PathBuf,
    /// Its `*.json` entries, as [`store::json_files`] lists them.
    pub files: Vec<Known<'a>>,
    stamp: Option<Stamp>,
    /// Whether the old record still says all there is: the same names, and
    /// a summary for exactly the files it kept one for.
    same: bool,
    /// The folder's new record, once sealed: `None` when it is the old one.
    sealed: Option<Option<Vec<u8>>>,
    now: i64,
}

impl<'a> Folder<'a> {
    /// Looks at a folder and its files, taking what `old` still holds.
    fn open(
        dir: &Path,
        old: Option<FolderRecord<'a>>,
        cache: (Option<i64>, bool),
        root: Option<&'a Root>,
    ) -> Result<Folder<'a>> {
        let (now, keyed) = cache;
        let stamp = now.and_then(|_| look::stamp(root, dir, Kind::Folder));
        let mut old = old.unwrap_or_default();
        let reused = stamp.is_some() && old.settled && old.stamp == stamp;
        let paths = if reused {
            // The same folder, unchanged since it was listed: the same names.
            old.files.iter().map(|f| joined(dir, f.name)).collect()
        } else {
            store::json_files(dir)?
        };
        let files: Vec<Known<'a>> = paths
            .into_iter()
            .map(|path| {
                let name_at = path.as_os_str().len() - name(&path).len();
                let old = old.take(&path.as_os_str().as_encoded_bytes()[name_at..]);
                let caching = now.is_some();
                let (summary, keep, fresh, not_for_you) = (None, false, false, false);
                Known { path, stamp: None, old, summary, keep, fresh, not_for_you, caching, keyed, root, name_at }
            })
            .collect();
        let same = reused && old.files.iter().all(|f| f.kept.is_none());
        // Without a cache there is no record to make: it is sealed as it stands.
        let sealed = now.is_none().then_some(None);
        Ok(Folder { dir: dir.to_owned(), files, stamp, same, sealed, now: now.unwrap_or(0) })
    }

    /// Settles the folder's record for the cache, from what was kept or
    /// read (unless racy): call it before taking summaries out of the files.
    pub fn seal(&mut self) {
        if self.sealed.is_some() {
            return;
        }
        if self.same && !self.files.iter().any(|k| (k.fresh && k.keep) || k.lost()) {
            self.sealed = Some(None);
            return;
        }
        let now = self.now;
        let settled = self.stamp.is_some_and(|s| s.settled(now));
        let files = self.files.iter().map(|k| (name(&k.path), k.record(now)));
        self.sealed = Some(Some(cache::encode(name(&self.dir), self.stamp, settled, files)));
    }
}

/// A path's last component as bytes.
fn name(path: &Path) -> &[u8] {
    path.file_name().map_or(&[][..], OsStr::as_encoded_bytes)
}

#[cfg(unix)]
fn joined(dir: &Path, name: &[u8]) -> PathBuf {
    dir.join(<OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name))
}

#[cfg(not(unix))]
fn joined(dir: &Path, name: &[u8]) -> PathBuf {
    dir.join(String::from_utf8_lossy(name).as_ref())
}

/// Walks `folders` (sorted, as [`store::Store::person_dirs`] gives them):
/// `f` makes each folder's result on a worker thread, with a reused text
/// buffer, reading what the cache did not have; `each` takes the results
/// in the folders' order and may stop the walk with an error. A folder that
/// cannot be listed gives its error. Call [`Cache::finish`] after a whole walk.
///
/// # Errors
/// The first error `each` returns.
pub fn walk<T: Send>(
    folders: &[PathBuf],
    cache: &mut Cache,
    f: impl Fn(&mut Folder<'_>, &mut String) -> T + Sync,
    mut each: impl FnMut(Result<T>) -> Result<()>,
) -> Result<()> {
    let now = cache.path().is_some().then(|| cache.now());
    let keyed = cache.keyed();
    // More threads than cores: a cold `stat` waits on the disk, not the CPU.
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).saturating_mul(2).clamp(4, 8);
    let f = &f;
    // Folders and files are looked at inside the store's folder, opened once.
    let root = now.and_then(|_| Root::open(folders.first()?.parent()?));
    let root = root.as_ref();
    let mut groups = folders.chunks(GROUP);
    // Each group's old records are read into one buffer: two take turns.
    let mut spare = Vec::new();
    let mut next = groups.next().map(|group| old_records(cache, group, Vec::new()));
    std::thread::scope(|scope| {
        while let Some((records, olds)) = next.take() {
            // The workers walk this group while the next group's old records are read.
            let work = scope.spawn(move || {
                let done = crate::parallel::on_threads(threads, &olds, String::new, |buffer, (dir, old)| {
                    let record = old.as_ref().and_then(|(_, at)| cache::decode(&records[at.clone()]));
                    let mut folder = match Folder::open(dir, record, (now, keyed), root) {
                        Ok(folder) => folder,
                        Err(e) => return (Err(e), None),
                    };
                    let made = f(&mut folder, buffer);
                    folder.seal();
                    (Ok(made), folder.sealed.take())
                });
                (records, olds, done)
            });
            next = groups.next().map(|group| old_records(cache, group, std::mem::take(&mut spare)));
            let (records, olds, done) = work.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for ((_, old), (made, new)) in olds.iter().zip(done) {
                let old = old.as_ref().map(|(slot, at)| (*slot, &records[at.clone()]));
                match (new, old) {
                    (Some(Some(body)), old) => {
                        let same = old.is_some_and(|(_, old)| old == body);
                        cache.put(&body, old.map(|(slot, _)| slot), same);
                    }
                    (Some(None), Some((slot, body))) => cache.put(body, Some(slot), true),
                    _ => {}
                }
                each(made)?;
            }
            spare = records;
        }
        Ok(())
    })
}

/// A folder to walk, and its record in the old cache: the record's place
/// in the file, and where it is in the group's buffer.
type Pending<'p> = (&'p PathBuf, Option<(Slot, Range<usize>)>);

/// The old cache's records of a group of folders, read into `records`
/// (emptied first), and each folder's.
fn old_records<'p>(cache: &mut Cache, group: &'p [PathBuf], mut records: Vec<u8>) -> (Vec<u8>, Vec<Pending<'p>>) {
    records.clear();
    let olds = group.iter().map(|dir| (dir, dir.file_name().and_then(|n| cache.take(n, &mut records)))).collect();
    (records, olds)
}
