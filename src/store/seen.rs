//! What this clone last saw of an encrypted store's roster. In an encrypted
//! store, `people.toml` decides who can read every record saved from now on:
//! a key, an `hr` role or a manager added there is a new reader of future
//! records. So each clone keeps what it last saw of the roster (per person:
//! keys, roles, manager; and the git commit it was at) and says what was
//! added since, and by which commits, the first time a command meets the
//! roster again.
//!
//! - **Outside the store**, in the user's private data folder
//!   (`$XDG_DATA_HOME/rungs/seen`, else the platform's data folder), one JSON
//!   file per store named by a hash of the store's canonical path: a change
//!   pulled into the store cannot change what the clone remembers. Written
//!   private (0600, in a 0700 folder) and atomically.
//! - **Untrusted itself**: read bounded, as a regular file only; a file that
//!   cannot be read or names another store is said once and replaced.
//! - **Said once, recorded when said.** Before each command, the store's
//!   roster is reviewed ([`review`], once per store and run) and what was
//!   added is queued; the command layer takes the notices ([`take`]) and
//!   prints them, and only then is the new roster recorded, so a review
//!   whose notice is never shown leaves it for the next command. The first sight of a roster is
//!   recorded silently: there is nothing to compare. Removals reduce the
//!   readers: they are recorded, not said.
//! - A roster that rungs itself saves ([`saved`]) is the user's own change:
//!   recorded at once, never said back.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::Store;
use crate::roster::Roster;

/// The most additions named one by one; the rest are counted.
const MAX_NAMED: usize = 40;
/// The most commits named one by one; the rest are counted.
const MAX_COMMITS: usize = 20;

/// What a clone saw of a store's roster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Seen {
    /// The store's canonical path: a file of another store is not used.
    store: String,
    /// The git commit the store was at, when it is in git.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
    /// Each person's readers, by name.
    people: BTreeMap<String, Readers>,
}

/// What of a person decides who reads records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Readers {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    keys: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    roles: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    manager: Option<String>,
}

/// A review that waits for its notice to be said before it is recorded.
struct Review {
    /// The store's root, for git.
    root: PathBuf,
    /// The file it is recorded in.
    path: PathBuf,
    /// What the roster says now.
    now: Seen,
    /// What to say, if anything.
    notice: Option<String>,
}

/// The stores whose roster this run has reviewed, by canonical path.
static WATCHED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
/// The reviews waiting to be said and recorded.
static PENDING: Mutex<Vec<Review>> = Mutex::new(Vec::new());

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The store's canonical root and the file of what was seen of it.
fn place(store: &Store) -> Option<(PathBuf, PathBuf)> {
    store.private_file("seen", "json")
}

/// Compares the roster of `store`, when the store is encrypted, with what
/// this clone last saw of it, once per store and run, and queues what was
/// added for [`take`]. A roster that cannot be read is left to the commands
/// that need it to name.
pub fn review(store: &Store) {
    if !store.is_sealed() {
        return;
    }
    let Some((root, path)) = place(store) else { return };
    if !lock(&WATCHED).insert(root.clone()) {
        return;
    }
    let Ok(Some(roster)) = super::people::load(store) else { return };
    let roster = &roster;
    let mut now = state(&root, roster);
    let before = read(&path, &now.store);
    if matches!(&before, Ok(Some(before)) if before.people == now.people) {
        return;
    }
    // Something is to be recorded: the commit it was seen at too.
    now.commit = head(&root);
    let notice = match &before {
        Err(why) => Some(format!(
            "what this clone last saw of the roster {} could not be used ({why}); what it says now is recorded, \
             and changes from here on will be named",
            roster.path
        )),
        Ok(None) => None,
        Ok(Some(before)) => notice(&root, roster, before, &now),
    };
    lock(&PENDING).push(Review { root, path, now, notice });
}

/// The notices of the reviews waiting, in the order they were made; each
/// review is recorded as it is taken, so the next run is quiet.
pub fn take() -> Vec<String> {
    let reviews = std::mem::take(&mut *lock(&PENDING));
    reviews
        .into_iter()
        .filter_map(|review| {
            let _ = write(&review.path, &review.now);
            review.notice
        })
        .collect()
}

/// Records `roster`, just saved by rungs into the encrypted `store`, as
/// seen: the user's own change is not said back to them.
pub fn saved(store: &Store, roster: &Roster) {
    if !store.is_sealed() {
        return;
    }
    let Some((root, path)) = place(store) else { return };
    lock(&WATCHED).insert(root.clone());
    lock(&PENDING).retain(|review| review.root != root);
    let mut now = state(&root, roster);
    now.commit = head(&root);
    let _ = write(&path, &now);
}

/// What `roster` says of who reads.
fn state(root: &Path, roster: &Roster) -> Seen {
    let people = roster
        .people
        .iter()
        .map(|p| {
            let readers = Readers {
                keys: p.keys.iter().map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect(),
                roles: p.roles.iter().map(|r| r.trim().to_owned()).collect(),
                manager: p.manager.clone(),
            };
            (p.name.clone(), readers)
        })
        .collect();
    Seen { store: root.display().to_string(), commit: None, people }
}

/// The file of what was seen, when there is one; an error says why it
/// cannot be used.
fn read(path: &Path, store: &str) -> Result<Option<Seen>, String> {
    let text = match crate::file::read_text(path) {
        Ok(text) => text,
        Err(crate::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let seen: Seen = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if seen.store != store {
        return Err(format!("{} is of another store, {}", path.display(), seen.store));
    }
    Ok(Some(seen))
}

/// Writes `seen` to `path`, private and whole.
fn write(path: &Path, seen: &Seen) -> crate::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::file::create_private_dir(dir)?;
    let text = serde_json::to_string_pretty(seen).map_err(|e| crate::Error::Other(e.to_string()))?;
    let temp = crate::file::write_temp(dir, text.as_bytes())?;
    temp.persist(path).map_err(|e| crate::Error::io("cannot write", path, e.error))?;
    Ok(())
}

/// The additions from `before` to `now`, one line each: keys, roles, and
/// managers (a new manager and their chain read the person's records).
fn additions(before: &Seen, now: &Seen) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, readers) in &now.people {
        let Some(was) = before.people.get(name) else {
            if readers.keys.is_empty() && readers.roles.is_empty() {
                continue;
            }
            let mut with: Vec<String> = readers.keys.iter().map(|k| format!("key {}", short(k))).collect();
            with.extend(readers.roles.iter().map(|r| format!("role {r}")));
            lines.push(format!("{name}: added to the roster, with {}", with.join(", ")));
            continue;
        };
        for key in readers.keys.difference(&was.keys) {
            lines.push(format!("{name}: key {} added", short(key)));
        }
        for role in readers.roles.difference(&was.roles) {
            lines.push(format!("{name}: role {role} added"));
        }
        if let Some(manager) = &readers.manager
            && readers.manager != was.manager
        {
            let from = was.manager.as_deref().map_or_else(|| "none".to_owned(), |m| format!("was {m}"));
            lines.push(format!("{name}: manager now {manager} ({from})"));
        }
    }
    lines
}

/// A key shortened to what tells it apart: an age recipient's start, an SSH
/// key's type, the end of its body and its comment.
fn short(key: &str) -> String {
    let mut parts = key.split_whitespace();
    let first = parts.next().unwrap_or("");
    if first.starts_with("ssh-") {
        let body = parts.next().unwrap_or("");
        let tail: String = body.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
        let comment: Vec<&str> = parts.collect();
        let comment = if comment.is_empty() { String::new() } else { format!(" {}", comment.join(" ")) };
        return format!("{first} …{tail}{comment}").chars().take(80).collect();
    }
    let start: String = key.chars().take(16).collect();
    if start.len() < key.len() { format!("{start}…") } else { start }
}

/// The notice for what was added to the roster, and by which commits; `None`
/// when nothing was (only removals).
fn notice(root: &Path, roster: &Roster, before: &Seen, now: &Seen) -> Option<String> {
    let lines = additions(before, now);
    if lines.is_empty() {
        return None;
    }
    let mut text = format!(
        "the roster {} has new readers since this clone last saw it; records saved from now on are sealed to them too:",
        roster.path
    );
    for line in lines.iter().take(MAX_NAMED) {
        let _ = write!(text, "\n  - {line}");
    }
    if lines.len() > MAX_NAMED {
        let _ = write!(text, "\n  - and {} more", lines.len() - MAX_NAMED);
    }
    if let Some(commits) = commits(root, before.commit.as_deref(), now.commit.as_deref()) {
        text.push('\n');
        text.push_str(&commits);
    }
    text.push_str(
        "\n  if this is not expected, see what changed (rungs git log -p -- people.toml) and put people.toml back \
         before saving anything",
    );
    Some(text)
}

/// The commit the store's repository is at, when the store is in one.
fn head(root: &Path) -> Option<String> {
    if !crate::share::looks_shared(root) {
        return None;
    }
    let out = crate::share::output(crate::share::git(root).args(["rev-parse", "--verify", "-q", "HEAD^{commit}"]))
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned()).filter(|c| is_commit_id(c))
}

/// Whether `text` is a full commit id: the file it came from is untrusted,
/// and nothing else may reach git's command line.
fn is_commit_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What git says of the commits that changed `people.toml` since `old`:
/// those after it, or, when `old` is unknown or not behind the current
/// commit, the last one that changed it. `None` outside git.
fn commits(root: &Path, old: Option<&str>, now: Option<&str>) -> Option<String> {
    let now = now?;
    const FORMAT: &str = "--format=%h %an <%ae> %s";
    let log = |range: &[&str]| -> Option<Vec<String>> {
        let mut git = crate::share::git(root);
        git.args(["log", "--no-color", "--no-decorate", FORMAT]).args(range).args(["--", crate::roster::FILE]);
        let out = crate::share::output(&mut git).ok().filter(|o| o.status.success())?;
        Some(String::from_utf8_lossy(&out.stdout).lines().map(crate::share::one_line).collect())
    };
    let behind = old.filter(|old| is_commit_id(old)).filter(|old| {
        crate::share::output(crate::share::git(root).args(["merge-base", "--is-ancestor", old, now]))
            .is_ok_and(|o| o.status.success())
    });
    let Some(old) = behind else {
        let last = log(&["-1", now])?;
        return Some(match last.first() {
            Some(line) => {
                format!("  this clone's earlier commit is not known; people.toml last changed in:\n    {line}")
            }
            None => "  people.toml is in no commit: the change is not committed".to_owned(),
        });
    };
    let lines = log(&[&format!("{old}..{now}")])?;
    if lines.is_empty() {
        return Some(format!(
            "  no commit since {} changed people.toml: the change is not committed",
            &old[..old.len().min(12)]
        ));
    }
    let mut text = "  changed by:".to_owned();
    for line in lines.iter().take(MAX_COMMITS) {
        let _ = write!(text, "\n    {line}");
    }
    if lines.len() > MAX_COMMITS {
        let _ = write!(text, "\n    and {} more", lines.len() - MAX_COMMITS);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A person: name, keys, roles, manager.
    type Person<'a> = (&'a str, &'a [&'a str], &'a [&'a str], Option<&'a str>);

    fn seen(people: &[Person<'_>]) -> Seen {
        let people = people
            .iter()
            .map(|(name, keys, roles, manager)| {
                let readers = Readers {
                    keys: keys.iter().map(|k| (*k).to_owned()).collect(),
                    roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                    manager: manager.map(str::to_owned),
                };
                ((*name).to_owned(), readers)
            })
            .collect();
        Seen { store: "/s".into(), commit: None, people }
    }

    #[test]
    fn additions_name_keys_roles_managers_and_new_people_never_removals() {
        let before = seen(&[("Ann", &["age1aaa"], &[], Some("Kim")), ("Bo", &["age1bbb"], &["hr"], None)]);
        let now = seen(&[
            ("Ann", &["age1aaa", "age1ccc"], &["hr"], Some("Eve")),
            ("Bo", &[], &[], None),
            ("Cy", &[], &[], Some("Ann")),
            (
                "Eve",
                &["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0l+CWq4LVD/vUeUjjxNcayfajh4XzhLk4urV9XltoS eve@x"],
                &[],
                None,
            ),
        ]);
        assert_eq!(
            additions(&before, &now),
            [
                "Ann: key age1ccc added",
                "Ann: role hr added",
                "Ann: manager now Eve (was Kim)",
                "Eve: added to the roster, with key ssh-ed25519 …4urV9XltoS eve@x",
            ]
        );
        // People and keys removed are not named; what comes back is.
        assert_eq!(
            additions(&now, &before),
            ["Ann: manager now Kim (was Eve)", "Bo: key age1bbb added", "Bo: role hr added"]
        );
    }

    #[test]
    fn a_file_of_another_store_or_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let mut s = seen(&[("Ann", &["age1aaa"], &[], None)]);
        s.commit = Some("a".repeat(40));
        write(&path, &s).unwrap();
        assert_eq!(read(&path, "/s").unwrap(), Some(s));
        assert!(read(&path, "/other").is_err());
        std::fs::write(&path, "{\"store\": \"/s\", \"people\": {}, \"extra\": 1}").unwrap();
        assert!(read(&path, "/s").is_err());
        assert_eq!(read(&dir.path().join("none.json"), "/s").unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            write(&path, &seen(&[])).unwrap();
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn only_full_commit_ids_reach_git() {
        assert!(is_commit_id(&"0f".repeat(20)));
        assert!(!is_commit_id("--output=/tmp/x"));
        assert!(!is_commit_id("HEAD"));
    }
}
