//! Looking at a folder or file of the store (one `stat`, links never
//! followed) for its [`Stamp`]. A warm walk at organisation scale is mostly
//! these calls, and much of each is the kernel walking the path name by
//! name; so the store's folder is opened once ([`Root`]) and what is in it
//! is looked at by its path inside it: two names, not the whole path.

use std::path::Path;

use crate::file::MAX_FILE_BYTES;
use crate::store::cache::Stamp;

/// What a path must be for its stamp to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person folder.
    Folder,
    /// A regular file within the size bound (anything else is refused when read).
    File,
}

/// The store's folder, open, and the start its paths share.
#[derive(Debug)]
pub struct Root {
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
    /// The folder's path and a separator: what a path inside it starts with.
    prefix: Vec<u8>,
}

impl Root {
    /// Opens the folder `dir`; `None` where that cannot be done, and then
    /// paths are looked at whole.
    pub fn open(dir: &Path) -> Option<Root> {
        let mut prefix = dir.as_os_str().as_encoded_bytes().to_vec();
        if prefix.is_empty() {
            return None;
        }
        if !prefix.ends_with(b"/") {
            prefix.push(b'/');
        }
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let fd = rustix::fs::open(dir, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()?;
            Some(Root { fd, prefix })
        }
        #[cfg(not(unix))]
        {
            let _ = prefix;
            None
        }
    }

    /// The part of `path` inside the folder, when it starts there.
    #[cfg(unix)]
    fn inside<'p>(&self, path: &'p Path) -> Option<&'p [u8]> {
        let rest = path.as_os_str().as_encoded_bytes().strip_prefix(self.prefix.as_slice())?;
        (!rest.is_empty() && !rest.starts_with(b"/")).then_some(rest)
    }
}

/// The stamp of `path` when it is of `kind`, looked at inside `root` when
/// it lies there; `None` when it is not, or has gone.
pub fn stamp(root: Option<&Root>, path: &Path, kind: Kind) -> Option<Stamp> {
    #[cfg(unix)]
    if let Some((root, inside)) = root.and_then(|r| Some((r, r.inside(path)?))) {
        use rustix::fs::{AtFlags, FileType};
        use std::os::unix::ffi::OsStrExt;
        let inside = std::ffi::OsStr::from_bytes(inside);
        let stat = rustix::fs::statat(&root.fd, inside, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let size = u64::try_from(stat.st_size).ok()?;
        let fits = match (kind, FileType::from_raw_mode(stat.st_mode)) {
            (Kind::Folder, FileType::Directory) => true,
            (Kind::File, FileType::RegularFile) => size <= MAX_FILE_BYTES,
            _ => false,
        };
        return fits.then(|| Stamp::of_stat(&stat)).flatten();
    }
    #[cfg(not(unix))]
    let _ = root;
    let metadata = std::fs::symlink_metadata(path).ok()?;
    let fits = match kind {
        Kind::Folder => metadata.is_dir(),
        Kind::File => metadata.is_file() && metadata.len() <= MAX_FILE_BYTES,
    };
    fits.then(|| Stamp::of(&metadata)).flatten()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_path_inside_the_root_has_the_stamp_its_whole_path_gives() {
        let dir = tempfile::tempdir().unwrap();
        let person = dir.path().join("ada");
        std::fs::create_dir(&person).unwrap();
        let file = person.join("2026-01-01-tech-lead-self.json");
        std::fs::write(&file, "{}").unwrap();
        std::os::unix::fs::symlink(&file, person.join("link.json")).unwrap();
        let root = Root::open(dir.path()).expect("a folder opens");
        for (path, kind, other) in [(&person, Kind::Folder, Kind::File), (&file, Kind::File, Kind::Folder)] {
            let inside = stamp(Some(&root), path, kind);
            assert!(inside.is_some(), "{}", path.display());
            assert_eq!(inside, stamp(None, path, kind));
            assert_eq!(stamp(Some(&root), path, other), None);
        }
        assert_eq!(stamp(Some(&root), &person.join("link.json"), Kind::File), None, "a link is never followed");
        assert_eq!(stamp(Some(&root), &person.join("gone.json"), Kind::File), None);
        let outside = tempfile::NamedTempFile::new().unwrap();
        assert!(stamp(Some(&root), outside.path(), Kind::File).is_some());
    }
}
