//! `rungs init --git`: a store made a repository, or marked as shared
//! inside a larger one.

use std::path::{Path, PathBuf};

use super::{Author, Committed, MARKER, answer, checked, commit, git, marker_text, work_tree};
use crate::error::{Error, Result};

/// What `rungs init --git` made of the store's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Init {
    /// A new repository, on this branch.
    Made {
        /// The branch checked out.
        branch: String,
    },
    /// The store is the top of an existing repository.
    Existing,
    /// The store sits inside a larger repository, now marked as shared there.
    Inside {
        /// The top of that repository's work tree.
        top: PathBuf,
    },
}

/// Makes the store a git repository (unless it already sits in one), on
/// `branch` or git's own default branch, and commits the store's `files`
/// (its README and ignore rules, and the [`MARKER`] inside a larger
/// repository).
///
/// # Errors
/// When git cannot be run or fails.
pub fn init(store: &crate::store::Store, files: &[&Path], branch: Option<&str>) -> Result<Init> {
    let root = store.root();
    let mut files = files.to_vec();
    let made = match work_tree(root).map_err(Error::Other)? {
        Some(tree) if tree.prefix.is_empty() => Init::Existing,
        Some(tree) => {
            store.replace(&root.join(MARKER), &marker_text(&tree.prefix))?;
            files.push(Path::new(MARKER));
            Init::Inside { top: tree.top }
        }
        None => {
            let mut init = git(root);
            init.args(["init", "--quiet"]);
            if let Some(branch) = branch {
                init.arg(format!("--initial-branch={branch}"));
            }
            let cannot = |why: String| Error::Other(format!("git init failed in {}: {why}", root.display()));
            checked(&mut init).map_err(cannot)?;
            // The repository holds review data too: private like the rest of the store.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(root.join(".git"), std::fs::Permissions::from_mode(0o700));
            }
            let head = answer(git(root).args(["symbolic-ref", "--short", "HEAD"])).unwrap_or_default();
            Init::Made { branch: head }
        }
    };
    let message = if matches!(made, Init::Made { .. }) { "Start a rungs store" } else { "Add a rungs store" };
    match commit(root, &files, Author::User, message) {
        Committed::No(why) | Committed::Declined(why) => Err(Error::Other(why)),
        Committed::Yes | Committed::Unchanged | Committed::Unstaged(_) | Committed::NotShared => Ok(made),
    }
}
