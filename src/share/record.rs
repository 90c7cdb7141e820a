//! The commit itself, made with git's plumbing so that nothing configured
//! in the repository runs, and who it is by.

use std::path::Path;
use std::process::Command;

use super::{Author, NOBODY, WorkTree, answer, checked, checked_fed, git, one_line, retry};

/// The lock file that orders this clone's saves, in its git folder.
pub(super) const LOCK: &str = "rungs-commit.lock";

/// What became of the plumbing commit.
pub(super) enum Recorded {
    /// A new commit on the branch, and the index knows it.
    Committed,
    /// The files are already as the branch has them.
    Unchanged,
    /// A new commit on the branch, but the index could not be updated.
    Unstaged(String),
}

/// Waits for this clone's other rungs saves to finish committing. The lock
/// is opened without following a link or blocking on a FIFO, and must be a
/// regular file.
pub(super) fn take_turn(git_dir: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(git_dir.join(LOCK))?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    file.lock()?;
    Ok(file)
}

/// Makes the commit with git's plumbing, so that nothing configured in the
/// repository runs: the files become blobs without filters, a private
/// index builds the tree from `HEAD`'s, `commit-tree` makes the commit and
/// `update-ref` moves the branch only if no one else moved it meanwhile.
/// The work tree's own index then learns the new blobs, so `git status`
/// stays clean.
pub(super) fn record(
    root: &Path,
    tree: &WorkTree,
    paths: &[&Path],
    author: Author<'_>,
    message: &str,
) -> Result<Recorded, String> {
    // Every path through standard input, one a line: an import of thousands
    // of notes would not fit on one command line.
    let names: Vec<String> = paths.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect();
    if let Some(name) = names.iter().find(|n| n.contains(['\n', '\r', '\t'])) {
        return Err(format!("the file name {} holds a line break or a tab", one_line(name)));
    }
    // git reads paths on standard input from the top of the work tree.
    let listed: String = names.iter().map(|n| format!("{}{n}\n", tree.prefix)).collect();
    let blobs =
        checked_fed(git(root).args(["hash-object", "-w", "--no-filters", "--stdin-paths"]), Some(listed.into_bytes()))?;
    let blobs: Vec<&str> = blobs.lines().collect();
    if blobs.len() != names.len() {
        return Err(format!("git hashed {} of {} files", blobs.len(), names.len()));
    }
    // As `update-index --index-info` reads them: mode, blob, a tab, the path.
    let entries: String =
        blobs.iter().zip(&names).map(|(blob, name)| format!("100644 {blob}\t{}{name}\n", tree.prefix)).collect();
    let head = answer(git(root).args(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]));
    let index = tree.git_dir.join(format!("rungs-index-{}", std::process::id()));
    let built = build_tree(root, &index, head.as_deref(), &entries);
    let _ = std::fs::remove_file(&index);
    let new_tree = built?;
    if let Some(head) = &head
        && answer(git(root).args(["rev-parse", &format!("{head}^{{tree}}")])).as_deref() == Some(new_tree.as_str())
    {
        return Ok(Recorded::Unchanged);
    }
    let anonymous = author == Author::Anonymous;
    let (author, committer) = identities(root, author);
    let mut make = git(root);
    make.args(["commit-tree", "--no-gpg-sign", &new_tree, "-m", &one_line(message)]);
    if let Some(head) = &head {
        make.args(["-p", head]);
    }
    make.env("GIT_AUTHOR_NAME", &author.0).env("GIT_AUTHOR_EMAIL", &author.1);
    make.env("GIT_COMMITTER_NAME", &committer.0).env("GIT_COMMITTER_EMAIL", &committer.1);
    if anonymous {
        // Nobody in particular has no time zone either.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let date = format!("@{now} +0000");
        make.env("GIT_AUTHOR_DATE", &date).env("GIT_COMMITTER_DATE", &date);
    }
    let new = checked(&mut make)?;
    let old = head.unwrap_or_default();
    checked(git(root).args(["update-ref", "-m", "rungs: save", "HEAD", &new, &old]))?;
    let mut stage = git(root);
    stage.args(["update-index", "--add", "--index-info"]);
    Ok(retry(&mut stage, entries.as_bytes()).map_or_else(Recorded::Unstaged, |()| Recorded::Committed))
}

/// The tree of `head` with `entries` added, built in the private `index`.
fn build_tree(root: &Path, index: &Path, head: Option<&str>, entries: &str) -> Result<String, String> {
    let with_index = |command: &mut Command| {
        command.env("GIT_INDEX_FILE", index);
    };
    let mut read = git(root);
    with_index(&mut read);
    match head {
        Some(head) => read.args(["read-tree", head]),
        None => read.args(["read-tree", "--empty"]),
    };
    checked(&mut read)?;
    let mut add = git(root);
    with_index(&mut add);
    add.args(["update-index", "--add", "--index-info"]);
    checked_fed(&mut add, Some(entries.as_bytes().to_vec()))?;
    let mut write = git(root);
    with_index(&mut write);
    checked(write.arg("write-tree"))
}

/// Author and committer of a commit by `author`, as (name, email).
///
/// A named author gets git's `user.email` when git's `user.name` here is
/// that name, else no email (rungs knows no one else's); the committer is
/// git's own identity when it has one, else the author. Nobody in
/// particular is `rungs` throughout.
fn identities(root: &Path, author: Author<'_>) -> ((String, String), (String, String)) {
    let config = |key: &str| answer(git(root).args(["config", "--get", key])).filter(|v| !v.is_empty());
    let nobody = (NOBODY.0.to_owned(), NOBODY.1.to_owned());
    let user = config("user.name").zip(config("user.email")).map(|(n, e)| (name(&n), email(&e)));
    match author {
        Author::Anonymous => (nobody.clone(), nobody),
        Author::User => {
            let user = user.unwrap_or(nobody);
            (user.clone(), user)
        }
        Author::Named(author) => {
            let own = user.as_ref().filter(|(n, _)| crate::view::same_name(n, author));
            let author = (name(author), own.map(|(_, e)| e.clone()).unwrap_or_default());
            (author.clone(), user.unwrap_or(author))
        }
    }
}

/// A name git accepts as an author, on one line: no angle brackets, no
/// control characters; `rungs` when nothing is left.
pub(super) fn name(text: &str) -> String {
    let name: String = one_line(text).chars().filter(|c| !matches!(c, '<' | '>')).collect();
    let name = name.trim();
    if name.is_empty() { NOBODY.0.to_owned() } else { name.to_owned() }
}

/// An email git accepts: no angle brackets, spaces or control characters.
pub(super) fn email(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '<' | '>') && !c.is_whitespace() && !c.is_control()).collect()
}
