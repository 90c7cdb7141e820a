//! The assessments folder: one sub-folder per person, dated file names,
//! crash-safe saves that never replace a file, drafts, and reading back.
//!
//! Layout: `ROOT/PERSON-SLUG/YYYY-MM-DD-LADDER-RELATIONSHIP[-N].json`, with
//! the unfinished interview's draft beside it as
//! `ROOT/PERSON-SLUG/.draft-LADDER-RELATIONSHIP.json`. Files are created
//! 0600 and folders 0700: this is personal review data.
//!
//! This module is the one file layer for every kind of record kept in a
//! store, and a shared store is untrusted input (see `docs/security.md`):
//!
//! - **Reading** ([`read_text`]) opens only regular files, never through a
//!   symbolic link, without blocking on a FIFO or device, and never more than
//!   [`MAX_FILE_BYTES`]. Anything else is refused with an error naming it.
//!   Links inside a store are never followed, even to a file in the store.
//! - **Writing** ([`Store::create`], [`Store::replace`]) goes through a
//!   locked temporary file `.tmp-*.part`, flushed to disk, then renamed; it
//!   refuses a person folder that is a symbolic link. The lock tells
//!   `rungs check --fix` which temporary files belong to a save still running.

pub mod cache;
pub mod people;
pub mod readers;
pub mod rekey;
pub mod seen;

use std::path::{Path, PathBuf};

pub use crate::file::{
    Leftover, MAX_FILE_BYTES, Refusal, TEMP_PREFIX, TEMP_SUFFIX, inspect, is_in_use, is_temp_name, look, open_regular,
    read_bounded, read_named, read_record, read_text, read_text_into, refusal, remove_if_abandoned,
};
pub use readers::Audience;

use crate::assessment::{Assessment, Relationship};
use crate::error::{Error, Result};
use crate::text::slug;

/// A refusal of a text too large to write, naming the file it was for.
fn naming(error: Error, path: &Path) -> Error {
    match error {
        Error::TooLarge { size, limit, cause, .. } => {
            Error::TooLarge { what: path.display().to_string(), size, limit, cause }
        }
        other => other,
    }
}

/// The refusal of an assessment too large to be read back, naming the
/// competency whose evidence weighs most.
fn too_large(assessment: &Assessment, size: u64) -> Error {
    let mut weights: Vec<(&str, usize)> = Vec::new();
    for rating in &assessment.ratings {
        match weights.iter_mut().find(|(id, _)| *id == rating.competency) {
            Some((_, weight)) => *weight += rating.evidence.len(),
            None => weights.push((&rating.competency, rating.evidence.len())),
        }
    }
    let cause =
        weights.into_iter().max_by_key(|&(_, weight)| weight).filter(|&(_, weight)| weight > 0).map(|(id, weight)| {
            format!(
                "the evidence of `ratings.{id}` holds {} (kept once for each level it is rated at); shorten it, \
                 and keep the long text in notes: rungs note --person NAME -c {id} -",
                crate::text::bytes(weight as u64)
            )
        });
    Error::TooLarge { what: format!("the assessment of {}", assessment.person), size, limit: MAX_FILE_BYTES, cause }
}

/// A kind of record kept in a person's folder: each kind has its place,
/// and every kind shares the one write and read path of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A dated assessment, in the person's folder itself.
    Assessment,
    /// A note of evidence, in `notes/`.
    Note,
    /// A goal, in `goals/`.
    Goal,
    /// What `rungs harvest` was told to skip, one file per import, in `harvest/`.
    Harvest,
    /// A peer aggregate shared with the person, in `shared/`.
    Shared,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [Kind::Assessment, Kind::Note, Kind::Goal, Kind::Harvest, Kind::Shared];

    /// The sub-folder of a person's folder that holds this kind, if any.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Assessment => None,
            Kind::Note => Some("notes"),
            Kind::Goal => Some("goals"),
            Kind::Harvest => Some("harvest"),
            Kind::Shared => Some("shared"),
        }
    }
}

/// The assessments folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// Whether it is encrypted, looked at once.
    sealed: std::sync::OnceLock<bool>,
}

impl Store {
    /// A store rooted at `root`; nothing is created until a save.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into(), sealed: std::sync::OnceLock::new() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one person's files.
    pub fn person_dir(&self, person: &str) -> PathBuf {
        self.root.join(slug(person))
    }

    /// The folder that holds one kind of a person's records.
    pub fn records_dir(&self, person: &str, kind: Kind) -> PathBuf {
        let dir = self.person_dir(person);
        match kind.folder() {
            Some(folder) => dir.join(folder),
            None => dir,
        }
    }

    /// The files of one kind of a person's records, sorted (see [`json_files`]).
    ///
    /// # Errors
    /// When the folder exists but cannot be read.
    pub fn records(&self, person: &str, kind: Kind) -> Result<Vec<PathBuf>> {
        json_files(&self.records_dir(person, kind))
    }

    /// Where the draft of an interview lives: one per view, so a manager's
    /// draft never meets the person's own.
    pub fn draft_path(&self, person: &str, ladder: &str, relationship: Relationship, assessor: &str) -> PathBuf {
        let name = match relationship {
            Relationship::Myself => format!(".draft-{ladder}-{relationship}.json"),
            _ => format!(".draft-{ladder}-{relationship}-{}.json", slug(assessor)),
        };
        self.person_dir(person).join(name)
    }

    /// Saves an assessment under a new dated name and returns its path.
    ///
    /// Nothing out of the bounds that reading checks is ever written.
    ///
    /// # Errors
    /// A value out of bounds (see [`Assessment::validate`]), or as [`Store::create`].
    pub fn save(&self, assessment: &Assessment) -> Result<PathBuf> {
        assessment.validate(&self.person_dir(&assessment.person))?;
        let stem = format!("{}-{}-{}", assessment.date, assessment.ladder.id, assessment.relationship);
        let json = assessment.to_json();
        if json.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(assessment, json.len() as u64));
        }
        let audience = Audience::of_view(&assessment.person, assessment.relationship, &assessment.assessor);
        self.create(&audience, Kind::Assessment, &stem, &json)
    }

    /// Whether the store says its records are encrypted ([`readers::MARKER`]).
    ///
    /// A clone that has seen the marker remembers it, in the user's own data
    /// folder: a store whose marker a commit removed stays encrypted here,
    /// and `rungs check` says the marker is gone ([`Store::lost_marker`]).
    pub fn is_sealed(&self) -> bool {
        *self.sealed.get_or_init(|| {
            let marked = self.has_marker();
            if marked {
                readers::remember(self);
            }
            marked || readers::remembered(self)
        })
    }

    /// Whether the marker file is there.
    fn has_marker(&self) -> bool {
        crate::file::look(&self.root.join(readers::MARKER)).is_ok_and(|m| m.is_file())
    }

    /// A file of this clone's own about the store, outside it, in the user's
    /// private data folder: `DATA/rungs/FOLDER/HASH-OF-ROOT.EXT`, with the
    /// store's canonical root; `None` when either cannot be known.
    pub fn private_file(&self, folder: &str, ext: &str) -> Option<(PathBuf, PathBuf)> {
        use etcetera::BaseStrategy;
        let root = std::fs::canonicalize(&self.root).ok()?;
        let data = etcetera::choose_base_strategy().ok()?.data_dir().join("rungs").join(folder);
        let name = format!("{:016x}.{ext}", crate::file::checksum(root.as_os_str().as_encoded_bytes()));
        Some((root, data.join(name)))
    }

    /// Whether this clone saw the store encrypted and its marker is gone.
    pub fn lost_marker(&self) -> bool {
        self.is_sealed() && !self.has_marker()
    }

    /// Refuses, before any work is asked for, a record that could not be
    /// sealed: in an encrypted store, a reader without a key, a person not
    /// in the roster, or (when there will be `drafts`) no identity to seal
    /// them to.
    ///
    /// # Errors
    /// As [`Store::encode`].
    pub fn check_sealable(&self, audience: &Audience<'_>, drafts: bool) -> Result<()> {
        self.encode(Some(audience), "")?;
        if drafts {
            self.encode(None, "")?;
        }
        Ok(())
    }

    /// A record's bytes as they go to disk: in an encrypted store, sealed to
    /// the readers the roster gives `audience` today ([`readers::readers`]),
    /// or to the user alone for `None` (a draft); else the text itself.
    ///
    /// # Errors
    /// As [`readers::readers`]; a draft without an identity to seal it to.
    pub fn encode<'t>(&self, audience: Option<&Audience<'_>>, text: &'t str) -> Result<std::borrow::Cow<'t, [u8]>> {
        if !self.is_sealed() {
            // A clone that never saw the marker, in a store whose marker a
            // commit removed: the person's sealed records say what it is.
            if let Some(dir) = audience.map(|a| self.person_dir(a.person)).filter(|d| holds_sealed(d)) {
                return Err(Error::Usage(format!(
                    "not saved: {} holds encrypted records, but the store has no {} marker (did a commit remove it?), \
                     and rungs never writes a record in plain text beside sealed ones\n  \
                     restore the marker with: rungs encrypt",
                    dir.display(),
                    readers::MARKER
                )));
            }
            return Ok(std::borrow::Cow::Borrowed(text.as_bytes()));
        }
        let own = crate::seal::keyring().map(|k| k.public().to_vec());
        let readers = match audience {
            Some(audience) => {
                let roster = people::load(self)?;
                readers::readers(roster.as_ref(), audience, own.as_deref().unwrap_or_default())?
            }
            None => {
                let own = own.map_err(|why| {
                    Error::Usage(format!("this store is encrypted, and a draft is sealed to your own key: {why}"))
                })?;
                own.into_iter().map(|key| crate::seal::Reader { name: "you".to_owned(), key }).collect()
            }
        };
        crate::seal::seal(text, &readers).map(std::borrow::Cow::Owned).map_err(|e| match e {
            Error::Usage(why) => Error::Usage(format!(
                "not saved: {why}\n  in {}; rungs roster check names the line",
                people::path(self).display()
            )),
            other => other,
        })
    }

    /// Writes a new record of `person` of `kind` as `STEM.json`, or the first
    /// free `STEM-N.json`, and returns its path: the write path of every record kind.
    ///
    /// The text goes to a locked temporary file in the same folder, is
    /// flushed to disk, then linked under the free name; an existing file is
    /// never replaced, and a crash leaves either nothing or a whole file.
    ///
    /// # Errors
    /// When the person's folder is a symbolic link, or cannot be written.
    pub fn create(&self, audience: &Audience<'_>, kind: Kind, stem: &str, text: &str) -> Result<PathBuf> {
        let dir = self.records_dir(audience.person, kind);
        let bytes = self.encode(Some(audience), text)?;
        self.private_dir(&dir)?;
        let mut temp =
            crate::file::write_temp(&dir, &bytes).map_err(|e| naming(e, &dir.join(format!("{stem}.json"))))?;
        for n in 1.. {
            let name = if n == 1 { format!("{stem}.json") } else { format!("{stem}-{n}.json") };
            let path = dir.join(name);
            match temp.persist_noclobber(&path) {
                Ok(_) => {
                    crate::file::sync_dir(&dir)?;
                    return Ok(path);
                }
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(Error::io("cannot save", path, e.error)),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// Writes a draft, replacing the previous one atomically; in an
    /// encrypted store it is sealed to the user's own key alone.
    ///
    /// # Errors
    /// As [`Store::replace`] and [`Store::encode`].
    pub fn write_draft(&self, path: &Path, text: &str) -> Result<()> {
        let bytes = self.encode(None, text)?;
        self.replace_bytes(path, &bytes)
    }

    /// Replaces a record that changes in place (a goal), sealed as
    /// [`Store::encode`] seals it for `audience`.
    ///
    /// # Errors
    /// As [`Store::replace`] and [`Store::encode`].
    pub fn replace_record(&self, path: &Path, audience: &Audience<'_>, text: &str) -> Result<()> {
        let bytes = self.encode(Some(audience), text)?;
        self.replace_bytes(path, &bytes)
    }

    /// Removes a draft once its assessment is saved; a draft already gone is
    /// no error.
    ///
    /// # Errors
    /// When the draft exists but cannot be removed.
    pub fn remove_draft(&self, path: &Path) -> Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("cannot remove draft", path, e)),
            _ => Ok(()),
        }
    }

    /// Replaces the file at `path`, in the store, atomically, as plain
    /// text: the write path of the store's own files (README, roster).
    ///
    /// # Errors
    /// When the folder is a symbolic link, or cannot be written.
    pub fn replace(&self, path: &Path, text: &str) -> Result<()> {
        self.replace_bytes(path, text.as_bytes())
    }

    /// Replaces the file at `path` with `bytes`, as [`Store::replace`].
    ///
    /// # Errors
    /// As [`Store::replace`].
    fn replace_bytes(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        self.private_dir(dir)?;
        let temp = crate::file::write_temp(dir, bytes).map_err(|e| naming(e, path))?;
        temp.persist(path).map_err(|e| Error::io("cannot write", path, e.error))?;
        crate::file::sync_dir(dir)
    }

    /// Creates a folder of the store, and refuses it when it, or any
    /// folder between it and the root, is a link.
    fn private_dir(&self, dir: &Path) -> Result<()> {
        crate::file::create_private_dir(dir)?;
        for folder in dir.ancestors().take_while(|d| *d != self.root && d.starts_with(&self.root)) {
            crate::file::check_real_dir(folder)?;
        }
        Ok(())
    }

    /// Every person's folder, sorted; also every visible link at the top of
    /// the store, so that reading it names it as refused.
    ///
    /// # Errors
    /// When the root exists but cannot be read.
    pub fn person_dirs(&self) -> Result<Vec<PathBuf>> {
        let entries = match std::fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("cannot read folder", &self.root, e)),
        };
        // The entry's own type (from the folder listing where the file system
        // gives it): at 50,000 people, a `stat` each was a tenth of a warm `list`.
        let mut dirs: Vec<(std::ffi::OsString, PathBuf)> = entries
            .filter_map(|e| {
                let e = e.ok()?;
                let kind = e.file_type().ok()?;
                (kind.is_dir() || kind.is_symlink()).then(|| (e.file_name(), e.path()))
            })
            .filter(|(_, p)| !is_hidden(p))
            .collect();
        // By name: the same order as by path, without comparing the shared
        // parent of 50,000 paths again and again.
        dirs.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let dirs = dirs.into_iter().map(|(_, path)| path).collect();
        Ok(dirs)
    }
}

/// Whether a person's folder holds a sealed record, of any kind: a look at
/// the first bytes of each, never a decryption.
pub fn holds_sealed(dir: &Path) -> bool {
    let folders = Kind::ALL.iter().map(|k| k.folder().map_or_else(|| dir.to_owned(), |f| dir.join(f)));
    folders.flat_map(|folder| json_files(&folder).unwrap_or_default()).any(|path| {
        let mut head = [0u8; 22];
        crate::file::open_regular(&path)
            .and_then(|mut f| {
                std::io::Read::read_exact(&mut f, &mut head).map_err(|e| Error::io("cannot read", &path, e))
            })
            .is_ok_and(|()| crate::seal::is_sealed(&head))
    })
}

/// Reads one assessment file of a store: a regular file, not a link.
///
/// # Errors
/// The file is refused (see [`read_text`]), is not JSON, or is not a valid assessment.
pub fn read(path: &Path) -> Result<Assessment> {
    Assessment::from_json(&read_record(path)?.text, path)
}

/// Reads a draft, or `None` when there is none; it must be a regular file,
/// not a link, like every file of a store.
///
/// # Errors
/// As [`read_text`].
pub fn read_draft(path: &Path) -> Result<Option<String>> {
    match read_record(path) {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        other => other.map(|opened| Some(opened.text)),
    }
}

/// The visible `*.json` entries of a folder, sorted; none when it does not
/// exist. Entries that are not regular files are listed too, so that reading
/// them names each as refused. A folder that is itself a link is not
/// listed through: it is returned alone, for the same reason.
///
/// # Errors
/// When the folder exists but cannot be read.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(vec![dir.to_owned()]);
    }
    let mut files: Vec<PathBuf> =
        read_dir(dir)?.into_iter().filter(|p| !is_hidden(p) && p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    Ok(files)
}

/// The paths in a folder, unsorted; none when it does not exist.
///
/// # Errors
/// When the folder exists but cannot be read.
pub fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io("cannot read folder", dir, e)),
    }
}

/// The view a draft's file name stands for (`.draft-VIEW.json` gives
/// `VIEW`), or `None` for any other name.
pub fn draft_view(name: &str) -> Option<&str> {
    name.strip_prefix(".draft-")?.strip_suffix(".json")
}

/// Whether a path's name starts with a dot: drafts, temporary files, `.git`.
pub fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}
