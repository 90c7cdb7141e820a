//! The assessments folder: one sub-folder per person, dated file names,
//! crash-safe saves that never replace a file, drafts, and reading back.
//!
//! Layout: `ROOT/PERSON-SLUG/YYYY-MM-DD-LADDER-RELATIONSHIP[-N].json`, with
//! the unfinished interview's draft beside it as
//! `ROOT/PERSON-SLUG/.draft-LADDER-RELATIONSHIP.json`. Files are created
//! 0600 and folders 0700: this is personal review data.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::assessment::{Assessment, Relationship};
use crate::error::{Error, Result};

/// The longest slug, in characters.
const MAX_SLUG: usize = 60;

/// A folder name for a person: lowercase letters and digits of any script,
/// joined by single hyphens. Never empty, never `.` or `..`, never a path.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(MAX_SLUG).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() { "unnamed".to_owned() } else { out.to_owned() }
}

/// The assessments folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// A store rooted at `root`; nothing is created until a save.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one person's files.
    pub fn person_dir(&self, person: &str) -> PathBuf {
        self.root.join(slug(person))
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
    /// The text goes to a temporary file in the same folder, is flushed to
    /// disk, then linked under the first free name; an existing file is
    /// never replaced, and a crash leaves either nothing or a whole file.
    ///
    /// # Errors
    /// When the folder or file cannot be written.
    pub fn save(&self, assessment: &Assessment) -> Result<PathBuf> {
        let dir = self.person_dir(&assessment.person);
        create_private_dir(&dir)?;
        let stem = format!("{}-{}-{}", assessment.date, assessment.ladder.id, assessment.relationship);
        let mut temp = write_temp(&dir, &assessment.to_json())?;
        for n in 1.. {
            let name = if n == 1 { format!("{stem}.json") } else { format!("{stem}-{n}.json") };
            let path = dir.join(name);
            match temp.persist_noclobber(&path) {
                Ok(_) => {
                    sync_dir(&dir)?;
                    return Ok(path);
                }
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(Error::io("cannot save", path, e.error)),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// Writes a draft, replacing the previous one atomically.
    ///
    /// # Errors
    /// When the folder or file cannot be written.
    pub fn write_draft(&self, path: &Path, text: &str) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        let temp = write_temp(dir, text)?;
        temp.persist(path).map_err(|e| Error::io("cannot write draft", path, e.error))?;
        sync_dir(dir)
    }

    /// Every person's folder, sorted.
    ///
    /// # Errors
    /// When the root exists but cannot be read.
    pub fn person_dirs(&self) -> Result<Vec<PathBuf>> {
        let mut dirs: Vec<PathBuf> =
            read_dir(&self.root)?.into_iter().filter(|p| p.is_dir() && !is_hidden(p)).collect();
        dirs.sort();
        Ok(dirs)
    }
}

/// Reads one assessment file.
///
/// # Errors
/// The file cannot be read, is not JSON, or has an unknown schema.
pub fn read(path: &Path) -> Result<Assessment> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("cannot read", path, e))?;
    Assessment::from_json(&text, path)
}

/// The visible `*.json` files in a folder, sorted; none when it does not exist.
///
/// # Errors
/// When the folder exists but cannot be read.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| !is_hidden(p) && p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io("cannot read folder", dir, e)),
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

fn write_temp(dir: &Path, text: &str) -> Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a file in", dir, e))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", temp.path().to_owned(), e))?;
    Ok(temp)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io("cannot create folder", dir, e))
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Error::io("cannot sync folder", dir, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_keep_letters_of_any_script() {
        assert_eq!(slug("Zoë O'Brien"), "zoë-o-brien");
        assert_eq!(slug("李雷"), "李雷");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("../.."), "unnamed");
        assert_eq!(slug("  Ada   Lovelace "), "ada-lovelace");
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
    }

    proptest::proptest! {
        #[test]
        fn a_slug_is_always_one_plain_path_component(name in ".*") {
            let s = slug(&name);
            proptest::prop_assert!(!s.is_empty() && s != "." && s != "..");
            proptest::prop_assert!(!s.contains(['/', '\\', '\0', '.']));
            proptest::prop_assert_eq!(Path::new(&s).components().count(), 1);
        }
    }
}
