//! What this clone last saw of an encrypted store's roster, which decides
//! who can read every record saved from now on: resolved, per person, the
//! keys that read their records (the current `hr` holders, their management
//! chain by name, themselves), and the git commit it was at. The first time
//! a command meets the roster again, it names each key added to a person's
//! readers since, and by which commits, whatever the edit (a key, a role, a
//! manager, a `left` day removed, emails swapped).
//!
//! - **Outside the store**, in the user's private data folder
//!   (`$XDG_DATA_HOME/rungs/seen`, else the platform's data folder), one JSON
//!   file per store named by a hash of the store's canonical path: a change
//!   pulled into the store cannot change what the clone remembers. Written
//!   private (0600, in a 0700 folder) and atomically; versioned (`VERSION`):
//!   a file of another version is taken as a first sight.
//! - **Untrusted itself**: read bounded, as a regular file only; a file that
//!   cannot be read or names another store is said once and replaced.
//! - **Said once, recorded when said.** Before each command, the store's
//!   roster is reviewed ([`review`], once per store and run) and what was
//!   added is queued; the command layer takes the notices ([`take`]) and
//!   prints them, and only then is the new roster recorded, so a review
//!   whose notice is never shown leaves it for the next command. The first
//!   sight of a roster is recorded silently; removals are recorded, not
//!   said. A roster gone or unreadable is said once; what was seen of it is
//!   kept, to compare with when it comes back.
//! - A roster that rungs itself saves ([`saved`]) is the user's own change:
//!   recorded at once, never said back.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::Store;
use crate::roster::Roster;

/// The version of the file's format; a file of another is a first sight.
const VERSION: u32 = 2;
/// The most additions named one by one; the rest are counted.
const MAX_NAMED: usize = 40;
/// The most people named in one addition; the rest are counted.
const MAX_PEOPLE: usize = 8;
/// The most commits named one by one; the rest are counted.
const MAX_COMMITS: usize = 20;

/// What a clone saw of a store's roster, resolved to who reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Seen {
    version: u32,
    /// The store's canonical path: a file of another store is not used.
    store: String,
    /// The git commit the store was at when the roster was last read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
    /// Why the roster could not be read since (gone, unreadable), when it
    /// could not: said once; the rest is what it said when it last could.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    missing: Option<String>,
    /// The `hr` holders still current: they read everyone's records.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    hr: BTreeSet<String>,
    /// Each person, by name.
    people: BTreeMap<String, Entry>,
}

/// What decides who reads a person's records, and what they read by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Their keys, by key id ([`crate::seal::key_id`]).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    keys: BTreeSet<String>,
    /// Their managers who read their records (current), nearest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    chain: Vec<String>,
}

/// A review that waits for its notice to be said before it is recorded.
struct Review {
    /// The store's root, for git, and the file it is recorded in.
    root: PathBuf,
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
/// added for [`take`]; a roster seen before that is gone or cannot be read
/// is said once (the commands that need it name why).
pub fn review(store: &Store) {
    if !store.is_sealed() {
        return;
    }
    let Some((root, path)) = place(store) else { return };
    if !lock(&WATCHED).insert(root.clone()) {
        return;
    }
    let file = super::people::path(store).display().to_string();
    let before = read(&path, &root.display().to_string());
    let roster = match super::people::load(store) {
        Ok(Some(roster)) => roster,
        lost => {
            // Only a roster this clone saw readable can be missed, once; the
            // commit stays the one it was last read at.
            let Ok(Some(mut was)) = before else { return };
            if was.missing.is_some() {
                return;
            }
            let why = lost.err().map_or_else(
                || "gone".to_owned(),
                |e| format!("unreadable ({})", e.to_string().lines().next().unwrap_or_default()),
            );
            let text = format!(
                "the roster {file} is {why} since this clone last saw it: who reads the records saved from now on \
                 no longer follows the roster it saw"
            );
            let notice = Some(ending(&root, was.commit.as_deref(), head(&root).as_deref(), text));
            was.missing = Some(why);
            lock(&PENDING).push(Review { root, path, now: was, notice });
            return;
        }
    };
    let mut now = state(&root, &roster);
    if matches!(&before, Ok(Some(before)) if before.missing.is_none() && before.hr == now.hr && before.people == now.people)
    {
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
        Ok(Some(before)) => notice(&root, &roster, before, &now),
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

/// Who reads, as `roster` says today: what a self view would be sealed to.
fn state(root: &Path, roster: &Roster) -> Seen {
    let today = crate::text::today();
    let hr = super::readers::hr_holders(roster, today).map(|p| p.name.clone()).collect();
    let mut people = BTreeMap::new();
    for person in &roster.people {
        if people.contains_key(&person.name) {
            continue; // the first of a name is the one `get` finds
        }
        let keys = person.keys.iter().map(|k| crate::seal::key_id(k)).filter(|k| !k.is_empty()).collect();
        // The managers by name, up to a cycle or a name nobody has: those who read.
        let chain = super::readers::chain(roster, person)
            .into_iter()
            .filter(|m| m.is_current(today))
            .map(|m| m.name.clone())
            .collect();
        people.insert(person.name.clone(), Entry { keys, chain });
    }
    Seen { version: VERSION, store: root.display().to_string(), commit: None, missing: None, hr, people }
}

/// The file of what was seen, when there is one of this version; an error
/// says why it cannot be used.
fn read(path: &Path, store: &str) -> Result<Option<Seen>, String> {
    let text = match crate::file::read_text(path) {
        Ok(text) => text,
        Err(crate::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let any: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if any.get("version").and_then(serde_json::Value::as_u64) != Some(VERSION.into()) {
        return Ok(None); // another rungs' file: nothing to compare with
    }
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

/// The keys that read `person`'s records in `seen`, by key id, each with
/// its reader's name: the person, their chain, `hr`.
fn readers_of<'s>(seen: &'s Seen, person: &'s str) -> BTreeMap<&'s str, &'s str> {
    let mut keys = BTreeMap::new();
    let Some(entry) = seen.people.get(person) else { return keys };
    let names =
        std::iter::once(person).chain(entry.chain.iter().map(String::as_str)).chain(seen.hr.iter().map(String::as_str));
    for name in names {
        for key in seen.people.get(name).into_iter().flat_map(|reader| &reader.keys) {
            keys.entry(key.as_str()).or_insert(name);
        }
    }
    keys
}

/// The keys added from `before` to `now` to whose records they read, one
/// line per reader and set of keys: their own records ("key … added for
/// Sam Lee"), then others' ("Kim Park now reads Sam Lee's records (key …)").
fn additions(before: &Seen, now: &Seen) -> Vec<String> {
    // reader → the keys added to their own records; reader → person → keys.
    let mut own: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut others: BTreeMap<&str, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    for person in now.people.keys() {
        let was = readers_of(before, person);
        for (key, reader) in readers_of(now, person) {
            if was.contains_key(key) {
                continue;
            }
            if reader == person {
                own.entry(reader).or_default().insert(key);
            } else {
                others.entry(reader).or_default().entry(person).or_default().insert(key);
            }
        }
    }
    let keys = |keys: &BTreeSet<&str>| {
        let list: Vec<String> = keys.iter().map(|k| short(k)).collect();
        format!("key{} {}", if list.len() == 1 { "" } else { "s" }, list.join(", "))
    };
    let readers: BTreeSet<&str> = own.keys().chain(others.keys()).copied().collect();
    let mut lines = Vec::new();
    for reader in readers {
        if let Some(added) = own.get(reader) {
            let new = if before.people.contains_key(reader) { "" } else { ", new to the roster" };
            lines.push(format!("{} added for {reader}{new}", keys(added)));
        }
        // The people whose records the same keys now read, together.
        let mut by_keys: BTreeMap<&BTreeSet<&str>, Vec<&str>> = BTreeMap::new();
        for (person, added) in others.get(reader).into_iter().flatten() {
            by_keys.entry(added).or_default().push(person);
        }
        for (added, people) in by_keys {
            let whose = match people.as_slice() {
                [one] => format!("{one}'s records"),
                _ if people.len() + 1 == now.people.len() => "everyone else's records".to_owned(),
                _ => {
                    let mut list = people.iter().take(MAX_PEOPLE).copied().collect::<Vec<_>>().join(", ");
                    if people.len() > MAX_PEOPLE {
                        let _ = write!(list, " and {} more", people.len() - MAX_PEOPLE);
                    }
                    format!("the records of {list}")
                }
            };
            lines.push(format!("{reader} now reads {whose} ({})", keys(added)));
        }
    }
    lines
}

/// A key id shortened to what tells it apart: an age recipient's start, an
/// SSH key's type and the end of its body (its start is the same for all).
fn short(key: &str) -> String {
    let mut parts = key.split_whitespace();
    let first = parts.next().unwrap_or("");
    if first.starts_with("ssh-") {
        let body = parts.next().unwrap_or("");
        let tail: String = body.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
        return format!("{first} …{tail}").chars().take(80).collect();
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
    Some(ending(root, before.commit.as_deref(), now.commit.as_deref(), text))
}

/// `text`, then the commits that changed `people.toml` from `old` to `now`
/// and what to do.
fn ending(root: &Path, old: Option<&str>, now: Option<&str>, mut text: String) -> String {
    if let Some(commits) = commits(root, old, now) {
        text.push('\n');
        text.push_str(&commits);
    }
    text + "\n  if this is not expected, see what changed (rungs git log -p -- people.toml) and put people.toml back \
            before saving anything"
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

    /// What `toml` says of who reads.
    fn seen(toml: &str) -> Seen {
        state(Path::new("/s"), &crate::roster::parse(toml, "people.toml").unwrap())
    }

    const SSH: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0l+CWq4LVD/vUeUjjxNcayfajh4XzhLk4urV9XltoS eve@x";

    #[test]
    fn additions_name_who_now_reads_whose_records_never_removals() {
        let before = seen(
            "[[person]]\nname = 'Ann'\nkeys = ['age1aaa']\nmanager = 'Kim'\n\
             [[person]]\nname = 'Kim'\nkeys = ['age1kkk']\nmanager = 'Ann'\n\
             [[person]]\nname = 'Bo'\nkeys = ['age1bbb']\nroles = ['hr']\nleft = 2000-01-01\n",
        );
        // Bo is back (no `left`), Ann has a new key and manager; Kim and Ann
        // are a cycle.
        let now = seen(&format!(
            "[[person]]\nname = 'Ann'\nkeys = ['age1aaa', 'age1ccc']\nmanager = 'Eve'\n\
             [[person]]\nname = 'Kim'\nkeys = ['age1kkk']\nmanager = 'Ann'\n\
             [[person]]\nname = 'Bo'\nkeys = ['age1bbb']\nroles = ['hr']\n\
             [[person]]\nname = 'Eve'\nkeys = ['{SSH}']\n"
        ));
        assert_eq!(
            additions(&before, &now),
            [
                "key age1ccc added for Ann",
                "Ann now reads Kim's records (key age1ccc)",
                "Bo now reads everyone else's records (key age1bbb)",
                "key ssh-ed25519 …4urV9XltoS added for Eve, new to the roster",
                "Eve now reads the records of Ann, Kim (key ssh-ed25519 …4urV9XltoS)",
            ]
        );
        // People and keys removed are not named; what comes back is.
        assert_eq!(additions(&now, &before), ["Kim now reads Ann's records (key age1kkk)"]);
        assert!(additions(&now, &now).is_empty());
    }

    #[test]
    fn a_file_of_another_store_or_version_or_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let mut s = seen("[[person]]\nname = 'Ann'\nkeys = ['age1aaa']\n");
        s.commit = Some("a".repeat(40));
        write(&path, &s).unwrap();
        assert_eq!(read(&path, "/s").unwrap(), Some(s));
        assert!(read(&path, "/other").is_err());
        std::fs::write(&path, "{\"version\": 2, \"store\": \"/s\", \"people\": {}, \"extra\": 1}").unwrap();
        assert!(read(&path, "/s").is_err());
        std::fs::write(&path, "{\"store\": \"/s\", \"people\": {\"Ann\": {\"keys\": [\"age1aaa\"]}}}").unwrap();
        assert_eq!(read(&path, "/s").unwrap(), None, "the first format is a first sight");
        std::fs::write(&path, "not json").unwrap();
        assert!(read(&path, "/s").is_err());
        assert_eq!(read(&dir.path().join("none.json"), "/s").unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            write(&path, &seen("")).unwrap();
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
