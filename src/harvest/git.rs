//! A person's commits in local repositories, read through the `git`
//! command made by [`crate::share::git`]: git's local environment cleared,
//! no hooks, no fsmonitor, no transport, so nothing is ever fetched. One
//! `git log` per repository, in a machine format, `.mailmap` applied; when
//! rules look at paths, a second one lists the files of the person's
//! commits only.
//!
//! The `git` command rather than a crate: it reads every repository format
//! the user's git writes (packs, reftable, partial clones, worktrees), and
//! its `.mailmap` and trailer parsing are git's own.
//!
//! Grouping: the first-parent line from `HEAD` is the history of the
//! branch; a merge on it becomes one candidate with the commits it brought
//! in, and every other commit on it (a squash-merged pull request, `…
//! (#123)`, included) is one candidate of its own.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Candidate;
use super::forge::Web;
use crate::error::{Error, Result};

/// The longest commit subject kept, in characters.
const MAX_SUBJECT: usize = 500;
/// How deep `--recursive` looks for repositories.
const MAX_DEPTH: usize = 8;
/// How many identities one `git check-mailmap` is given.
const MAILMAP_BATCH: usize = 500;

/// What to read from each repository.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The person's email addresses; a commit is theirs when it is
    /// authored, or co-authored (`Co-authored-by:`), under one of them
    /// after `.mailmap`.
    pub authors: Vec<String>,
    /// Whether to read the files each commit changed (for path rules).
    pub paths: bool,
}

/// The repositories to read: each path given, or with `recursive` every
/// repository found under it (not through links, not in hidden folders).
///
/// # Errors
/// A path that does not exist, or a folder without any repository.
pub fn repositories(given: &[PathBuf], recursive: bool) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in given {
        if !path.is_dir() {
            let what = if path.exists() { "a file, not a folder" } else { "no such folder" };
            return Err(Error::Usage(format!("{}: {what}; give a git repository", path.display())));
        }
        if !recursive {
            found.push(path.clone());
            continue;
        }
        let before = found.len();
        walk(path, 0, &mut found);
        if found.len() == before {
            return Err(Error::Usage(format!(
                "{}: no git repository in it (looked {MAX_DEPTH} folders deep)",
                path.display()
            )));
        }
    }
    Ok(found)
}

/// Collects the repositories at and under `dir`.
fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if dir.join(".git").exists() || (dir.join("HEAD").is_file() && dir.join("objects").is_dir()) {
        found.push(dir.to_owned());
    }
    if depth >= MAX_DEPTH {
        return;
    }
    let mut folders: Vec<PathBuf> = crate::store::read_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !crate::store::is_hidden(p) && std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
        .collect();
    folders.sort();
    for folder in folders {
        walk(&folder, depth + 1, found);
    }
}

/// One commit as `git log` printed it.
#[derive(Debug)]
struct Commit<'a> {
    hash: &'a str,
    parents: Vec<&'a str>,
    email: &'a str,
    date: NaiveDate,
    subject: &'a str,
    coauthors: Vec<&'a str>,
    body: &'a str,
}

/// The format of one commit: fields apart by US, records begun by RS.
const FORMAT: &str =
    "--format=%x1e%H%x1f%P%x1f%aE%x1f%as%x1f%s%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)%x1f%b%x1f";

/// The candidates of the person's work in the repository at `dir`.
///
/// # Errors
/// git cannot be run, or refuses the folder (not a repository, owned by
/// someone else), naming it.
pub fn read(dir: &Path, query: &Query) -> Result<Vec<Candidate>> {
    let name = repo_name(dir);
    let web = super::forge::remote_web(dir);
    let text = log(dir)?;
    let commits: Vec<Commit<'_>> = text.split('\x1e').filter_map(parse).collect();
    let people = people(dir, query, &commits)?;
    let groups: Vec<Vec<usize>> =
        groups(&commits).into_iter().filter(|g| g.iter().any(|&i| people.wrote(&commits[i]))).collect();
    let listed =
        if query.paths { files(dir, groups.iter().flatten().map(|&i| commits[i].hash))? } else { String::new() };
    let mut changed: HashMap<&str, Vec<&str>> = HashMap::new();
    for record in listed.split('\x1e') {
        if let Some((hash, rest)) = record.split_once('\x1f') {
            changed
                .insert(hash, rest.split('\0').map(|f| f.trim_start_matches('\n')).filter(|f| !f.is_empty()).collect());
        }
    }
    let candidates = groups.iter().map(|group| candidate(&commits, group, &changed, &name, web.as_ref())).collect();
    Ok(candidates)
}

/// The files each of `hashes` changed, as `git log --no-walk --name-only`
/// prints them: read only for the person's commits, since working out a
/// commit's files is most of what git spends on a long log.
fn files<'a>(dir: &Path, hashes: impl Iterator<Item = &'a str>) -> Result<String> {
    let mut input = Vec::new();
    for hash in hashes {
        input.extend_from_slice(hash.as_bytes());
        input.push(b'\n');
    }
    if input.is_empty() {
        return Ok(String::new());
    }
    let mut command = crate::share::git(dir);
    command.args(["log", "--no-walk=unsorted", "--stdin", "--name-only", "--no-renames", "-z", "--format=%x1e%H%x1f"]);
    printed(dir, &mut command, Some(input), &[])?.map_err(|stderr| refused(dir, stderr.trim()))
}

/// What `git log` printed for the query.
fn log(dir: &Path) -> Result<String> {
    let mut command = crate::share::git(dir);
    command.args(["log", "--use-mailmap", "--no-color", "-z", FORMAT]);
    // The whole history, never `--since`: git would drop the commits of a
    // branch merged within the range but written before it, and the work
    // they are belongs to the merge. Candidates are dated and picked later.
    if !has_commits(dir)? {
        return Ok(String::new());
    }
    printed(dir, &mut command, None, &["HEAD", "--"])?.map_err(|stderr| refused(dir, stderr.trim()))
}

/// Whether the repository at `dir` has a commit checked out; asked by exit
/// codes, not by git's messages, which may be in any language.
///
/// # Errors
/// When `dir` is no repository git will read.
fn has_commits(dir: &Path) -> Result<bool> {
    let mut head = crate::share::git(dir);
    head.args(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    if crate::share::output(&mut head).map_err(|e| git_failed(dir, &e.to_string()))?.status.success() {
        return Ok(true);
    }
    let mut repository = crate::share::git(dir);
    repository.args(["rev-parse", "--git-dir"]);
    let out = crate::share::output(&mut repository).map_err(|e| git_failed(dir, &e.to_string()))?;
    if out.status.success() { Ok(false) } else { Err(refused(dir, String::from_utf8_lossy(&out.stderr).trim())) }
}

/// What a `git log` printed, or (inside) what git said when it refused. It
/// writes into a private temporary folder (`--output`) when one can be
/// made: through a pipe, git's many small writes cost as much again as the
/// log itself. `tail` ends the command line (revisions, `--`), after the
/// options.
///
/// # Errors
/// When git cannot be run, or what it wrote cannot be read back.
fn printed(
    dir: &Path,
    command: &mut std::process::Command,
    input: Option<Vec<u8>>,
    tail: &[&str],
) -> Result<std::result::Result<String, String>> {
    let folder = tempfile::Builder::new().prefix(".rungs-harvest-").tempdir().ok();
    let file = folder.as_ref().map(|f| f.path().join("log"));
    if let Some(file) = &file {
        command.arg(format!("--output={}", file.display()));
    }
    command.args(tail);
    let out = match input {
        Some(input) => crate::share::output_fed(command, input),
        None => crate::share::output(command),
    };
    let out = out.map_err(|e| git_failed(dir, &e.to_string()))?;
    if !out.status.success() {
        return Ok(Err(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let bytes = match &file {
        // git makes the file only once it has something to write.
        Some(file) => match std::fs::read(file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            read => read.map_err(|e| Error::io("cannot read what git wrote to", file, e))?,
        },
        None => out.stdout,
    };
    Ok(Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())))
}

fn git_failed(dir: &Path, why: &str) -> Error {
    Error::Other(format!("{}: git could not be run: {why}", dir.display()))
}

/// git refused the folder: the message says why, in one line.
fn refused(dir: &Path, stderr: &str) -> Error {
    let said = crate::share::one_line(stderr);
    if stderr.contains("not a git repository") {
        return Error::Usage(format!(
            "{}: not a git repository; give one, or a folder of them with --recursive",
            dir.display()
        ));
    }
    Error::Other(format!("{}: git refused the repository: {said}", dir.display()))
}

/// One record of the log, or `None` when it is not whole.
fn parse(record: &str) -> Option<Commit<'_>> {
    let end = record.rfind('\x1f')?;
    let mut fields = record[..end].splitn(7, '\x1f');
    let hash = fields.next()?;
    let parents = fields.next()?.split_whitespace().collect();
    let email = fields.next()?;
    let date = NaiveDate::parse_from_str(fields.next()?, "%Y-%m-%d").ok()?;
    let subject = fields.next()?;
    let coauthors = fields.next()?.split('\x1d').map(str::trim).filter(|a| !a.is_empty()).collect();
    let body = fields.next().unwrap_or("");
    (hash.len() >= 4).then_some(Commit { hash, parents, email, date, subject, coauthors, body })
}

/// The email of a contact `Name <email>` (or a bare address), lowercase.
fn email_of(contact: &str) -> String {
    let inner = match (contact.rfind('<'), contact.rfind('>')) {
        (Some(open), Some(close)) if open < close => &contact[open + 1..close],
        _ => contact,
    };
    inner.trim().to_lowercase()
}

/// Who the person is, after `.mailmap`.
#[derive(Debug, Default)]
struct People {
    /// Their addresses, lowercase.
    emails: HashSet<String>,
    /// Each co-author contact met (lowercase) and its address after `.mailmap`.
    coauthors: HashMap<String, String>,
}

impl People {
    /// Whether the person wrote or co-wrote `commit`.
    fn wrote(&self, commit: &Commit<'_>) -> bool {
        self.emails.contains(&commit.email.to_lowercase())
            || commit.coauthors.iter().any(|contact| {
                let contact = contact.to_lowercase();
                let email = self.coauthors.get(&contact).cloned().unwrap_or_else(|| email_of(&contact));
                self.emails.contains(&email)
            })
    }
}

/// The person's addresses and the co-authors' after `.mailmap`: one `git
/// check-mailmap` per few hundred identities, not one per commit.
fn people(dir: &Path, query: &Query, commits: &[Commit<'_>]) -> Result<People> {
    let mut contacts: Vec<String> = query.authors.iter().map(|a| format!("<{}>", a.trim())).collect();
    let coauthors: HashSet<&str> = commits.iter().flat_map(|c| c.coauthors.iter().copied()).collect();
    let mut coauthors: Vec<&str> = coauthors.into_iter().filter(|c| c.contains('<') && c.contains('>')).collect();
    coauthors.sort_unstable();
    contacts.extend(coauthors.iter().map(|c| (*c).to_owned()));
    let mapped = check_mailmap(dir, &contacts)?;
    let (own, theirs) = mapped.split_at(query.authors.len());
    let mut emails: HashSet<String> = query.authors.iter().map(|a| a.trim().to_lowercase()).collect();
    emails.extend(own.iter().map(|m| email_of(m)));
    let coauthors = coauthors.iter().zip(theirs).map(|(c, m)| (c.to_lowercase(), email_of(m))).collect();
    Ok(People { emails, coauthors })
}

/// Each contact as `.mailmap` maps it (itself when it maps to nothing).
fn check_mailmap(dir: &Path, contacts: &[String]) -> Result<Vec<String>> {
    let mut mapped = Vec::with_capacity(contacts.len());
    for batch in contacts.chunks(MAILMAP_BATCH) {
        let mut command = crate::share::git(dir);
        command.arg("check-mailmap").args(batch);
        let out = crate::share::output(&mut command).map_err(|e| git_failed(dir, &e.to_string()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        if !out.status.success() || lines.len() != batch.len() {
            // An older git that wants `Name <email>`: take the contacts as they are.
            mapped.extend(batch.iter().cloned());
        } else {
            mapped.extend(lines.into_iter().map(str::to_owned));
        }
    }
    Ok(mapped)
}

/// The commits as candidates: the first-parent line from `HEAD`, each
/// merge on it with the commits it brought in (not on the line, not
/// claimed by an earlier merge), and any commit left over alone. Each
/// group is indices into `commits`, its head first.
fn groups(commits: &[Commit<'_>]) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = commits.iter().enumerate().map(|(i, c)| (c.hash, i)).collect();
    let mut chain = Vec::new();
    let mut on_chain = vec![false; commits.len()];
    let mut at = (!commits.is_empty()).then_some(0);
    while let Some(i) = at.filter(|&i| !on_chain[i]) {
        on_chain[i] = true;
        chain.push(i);
        at = commits[i].parents.first().and_then(|p| index.get(p).copied());
    }
    let mut claimed = on_chain.clone();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &head in chain.iter().rev() {
        let mut group = vec![head];
        let mut stack: Vec<&str> = commits[head].parents.iter().skip(1).copied().collect();
        let mut inner = Vec::new();
        while let Some(hash) = stack.pop() {
            if let Some(&i) = index.get(hash).filter(|&&i| !claimed[i]) {
                claimed[i] = true;
                inner.push(i);
                stack.extend(commits[i].parents.iter().copied());
            }
        }
        inner.sort_unstable();
        group.extend(inner);
        groups.push(group);
    }
    groups.extend((0..commits.len()).filter(|&i| !claimed[i]).map(|i| vec![i]));
    groups
}

/// One group as a candidate; `changed` holds the files of its commits when
/// they were read.
fn candidate(
    commits: &[Commit<'_>],
    group: &[usize],
    changed: &HashMap<&str, Vec<&str>>,
    repo: &str,
    web: Option<&Web>,
) -> Candidate {
    let head = &commits[group[0]];
    let title = title_of(head);
    let details: Vec<String> = group[1..].iter().rev().map(|&i| bounded(commits[i].subject)).collect();
    let files = group.iter().filter_map(|&i| changed.get(commits[i].hash)).flatten();
    let mut paths: Vec<String> = files.map(|f| (*f).to_owned()).collect();
    paths.sort_unstable();
    paths.dedup();
    Candidate {
        key: format!("git:{repo}@{}", head.hash),
        date: head.date,
        repo: repo.to_owned(),
        links: web.map(|w| vec![w.link(head.hash, head.subject)]).unwrap_or_default(),
        competencies: Vec::new(),
        commits: group.iter().map(|&i| commits[i].hash.to_owned()).collect(),
        details,
        paths,
        labels: Vec::new(),
        title,
    }
}

/// What a commit says it did: its subject, or for a pull request's merge
/// commit (`Merge pull request #12 from …`) the first line of its body,
/// which is the pull request's title.
fn title_of(commit: &Commit<'_>) -> String {
    let first = commit.body.lines().map(str::trim).find(|l| !l.is_empty());
    match first {
        Some(line) if commit.subject.starts_with("Merge pull request #") => bounded(line),
        _ => bounded(commit.subject),
    }
}

/// A subject cut to [`MAX_SUBJECT`] characters.
fn bounded(subject: &str) -> String {
    let subject = subject.trim();
    if subject.chars().count() <= MAX_SUBJECT {
        return subject.to_owned();
    }
    let cut: String = subject.chars().take(MAX_SUBJECT - 1).collect();
    format!("{cut}…")
}

/// A repository's name: its folder's, without `.git`, spaces made hyphens.
fn repo_name(dir: &Path) -> String {
    // The repository's own top folder, whatever folder inside it was given.
    let mut top = crate::share::git(dir);
    top.args(["rev-parse", "--show-toplevel"]);
    let top = crate::share::output(&mut top)
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|t| PathBuf::from(t.trim_end_matches(['\n', '\r'])))
        .filter(|t| !t.as_os_str().is_empty());
    let dir = top.as_deref().unwrap_or(dir);
    let full = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    let name = full.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "repository".into());
    let name = name.strip_suffix(".git").unwrap_or(&name);
    let name: String =
        name.chars().map(|c| if c.is_whitespace() || c.is_control() || c == '@' { '-' } else { c }).take(100).collect();
    if name.is_empty() { "repository".into() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit<'a>(hash: &'a str, parents: &[&'a str], subject: &'a str) -> Commit<'a> {
        Commit {
            hash,
            parents: parents.to_vec(),
            email: "jo@example.com",
            date: "2026-03-02".parse().unwrap(),
            subject,
            coauthors: Vec::new(),
            body: "",
        }
    }

    #[test]
    fn a_merge_holds_the_commits_it_brought_in_and_the_line_the_rest() {
        // m merges b2 (b2 → b1 → a) into c (→ a); log order, newest first.
        let commits = vec![
            commit("m", &["c", "b2"], "Merge branch 'x'"),
            commit("b2", &["b1"], "two"),
            commit("c", &["a"], "other"),
            commit("b1", &["a"], "one"),
            commit("a", &[], "root"),
        ];
        let groups = groups(&commits);
        assert_eq!(groups, vec![vec![4], vec![2], vec![0, 1, 3]]);
        let changed = HashMap::from([("b1", vec!["a.rs", "b.rs"]), ("m", vec![]), ("b2", vec!["a.rs"])]);
        let c = candidate(&commits, &groups[2], &changed, "api", None);
        assert_eq!(c.paths, ["a.rs", "b.rs"]);
        assert_eq!(c.details, ["one", "two"]);
        assert_eq!(c.commits, ["m", "b2", "b1"]);
    }

    #[test]
    fn log_records_parse_with_their_co_authors() {
        let record =
            "abcd\x1fp1 p2\x1fjo@example.com\x1f2026-03-02\x1fSubject\x1fBo <bo@x>\x1dAl <al@y>\x1fbody\nmore\x1f\0";
        let c = parse(record).unwrap();
        assert_eq!((c.hash, c.parents.len(), c.subject, c.body), ("abcd", 2, "Subject", "body\nmore"));
        assert_eq!(c.coauthors, ["Bo <bo@x>", "Al <al@y>"]);
        assert!(parse("garbage").is_none());
    }

    #[test]
    fn a_contact_s_email_is_between_its_angle_brackets() {
        assert_eq!(email_of("Bo Li <Bo@X.org>"), "bo@x.org");
        assert_eq!(email_of("bo@x.org"), "bo@x.org");
    }
}
