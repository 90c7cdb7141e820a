//! Who is who when nothing says: the person (git's `user.name`, else the
//! login name) and the assessor or author (`RUNGS_ASSESSOR`, else git's
//! `user.name` as the store's repository sets it). The only place that asks
//! git or the environment for a name.

/// git's `user.name`, else `$USER` (or `%USERNAME%`).
pub fn default_person() -> Option<String> {
    git_user_name(None)
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
}

/// `RUNGS_ASSESSOR`, else git's `user.name` as seen from the store (its
/// repository's setting first, then the global one).
pub fn default_assessor(store: &std::path::Path) -> Option<String> {
    let from_env = std::env::var("RUNGS_ASSESSOR").ok().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    from_env.or_else(|| {
        let dir = store.ancestors().find(|d| d.is_dir())?;
        git_user_name(Some(dir))
    })
}

/// git's `user.name`, read in `dir` when given (so a repository's own setting wins).
pub fn git_user_name(dir: Option<&std::path::Path>) -> Option<String> {
    let mut git = match dir {
        Some(dir) => crate::share::git(dir),
        None => crate::share::git(std::path::Path::new(".")),
    };
    let output = git.args(["config", "user.name"]).stderr(std::process::Stdio::null()).output().ok()?;
    let name = String::from_utf8(output.stdout).ok().filter(|_| output.status.success())?;
    Some(name.trim().to_owned()).filter(|n| !n.is_empty())
}
