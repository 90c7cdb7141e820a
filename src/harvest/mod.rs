//! Evidence from the work itself: commits and merged pull requests read
//! from data the engineer already has, turned into candidate notes, tagged
//! by a rules file. This module owns the [`Candidate`] and what is already
//! done (imported or skipped); it reads, it never writes: the command saves
//! what the user accepts through the store's one write path.
//!
//! - [`git`]: a person's commits in local repositories, through the `git`
//!   command as [`crate::share::git`] makes it (no hooks, no network).
//! - [`forge`]: links to a commit's or pull request's page, from the `origin` remote.
//! - [`github`]: files saved with `gh pr list --json …`, `gh issue list` or
//!   `glab mr list --output json`.
//! - [`rules`]: the rules file that maps paths, labels, words and
//!   repositories to competency ids, with [`glob`] for the paths.
//! - [`skipped`]: the record of what an import was told to skip.
//!
//! Never imports a command or the command line.

pub mod forge;
pub mod git;
pub mod github;
pub mod glob;
pub mod rules;
pub mod skipped;

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::journal::Note;

/// The most commit subjects a note lists below its title.
pub const MAX_DETAILS: usize = 30;

/// A piece of work that could become a note: one commit, one merge with the
/// commits it brought in, or one pull request or issue. Its pinned JSON is
/// `{ key, date, repo, title, links, competencies, commits }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Where it comes from, and what a note records in `sources`:
    /// `git:REPO@COMMIT` (the merge's commit for a merge), or the pull
    /// request's or issue's address.
    pub key: String,
    /// The day of the work: the commit's author date, or the day the pull
    /// request was merged (the issue closed).
    pub date: NaiveDate,
    /// The repository's name (its folder), or `OWNER/NAME` from an address.
    pub repo: String,
    /// One line saying what it was.
    pub title: String,
    /// Web addresses of the work, which become the note's links.
    pub links: Vec<String>,
    /// Competency ids the rules gave it; empty when none matched.
    pub competencies: Vec<String>,
    /// The full hashes of its commits, the merge's first; empty for a pull
    /// request read from a file.
    pub commits: Vec<String>,
    /// The subjects of the commits inside a merge, oldest first.
    #[serde(skip)]
    pub details: Vec<String>,
    /// The files it changed, for the rules' path globs.
    #[serde(skip)]
    pub paths: Vec<String>,
    /// Its labels, for the rules.
    #[serde(skip)]
    pub labels: Vec<String>,
}

impl Candidate {
    /// The note's text: the title, then the subjects of the commits inside
    /// (at most [`MAX_DETAILS`], then a count of the rest).
    pub fn text(&self) -> String {
        let mut text = self.title.clone();
        for subject in self.details.iter().take(MAX_DETAILS) {
            text.push_str(&format!("\n- {subject}"));
        }
        if self.details.len() > MAX_DETAILS {
            let more = crate::text::plural(self.details.len() - MAX_DETAILS, "more commit");
            text.push_str(&format!("\n- … and {more}"));
        }
        text
    }

    /// The Monday of its week: triage goes week by week.
    pub fn week(&self) -> NaiveDate {
        self.date - chrono::Days::new(u64::from(self.date.weekday().num_days_from_monday()))
    }
}

/// What identifies a source across runs: a commit's hash (whatever the
/// repository's folder is called today), or the whole address.
pub fn identity(key: &str) -> &str {
    match key.strip_prefix("git:").and_then(|rest| rest.rsplit_once('@')) {
        Some((_, hash)) => hash,
        None => key,
    }
}

/// The identities already dealt with: the sources of a person's notes and
/// the keys an earlier import skipped (unless they are to be reconsidered).
pub fn done(notes: &[Note], skipped: &[String]) -> HashSet<String> {
    let noted = notes.iter().flat_map(|n| n.sources.iter());
    noted.chain(skipped).map(|key| identity(key).to_ascii_lowercase()).collect()
}

/// The candidates not yet dealt with, dated within `since..=until`, oldest
/// first (then by key, so the order never depends on the reader).
pub fn select(
    candidates: Vec<Candidate>,
    done: &HashSet<String>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Vec<Candidate> {
    let mut kept: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| since.is_none_or(|d| c.date >= d) && until.is_none_or(|d| c.date <= d))
        .filter(|c| !done.contains(&identity(&c.key).to_ascii_lowercase()))
        .collect();
    kept.sort_by(|a, b| (a.date, &a.key).cmp(&(b.date, &b.key)));
    kept.dedup_by(|a, b| identity(&a.key).eq_ignore_ascii_case(identity(&b.key)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(key: &str, date: &str) -> Candidate {
        Candidate { key: key.into(), date: date.parse().unwrap(), title: "t".into(), ..Candidate::default() }
    }

    #[test]
    fn a_commit_is_known_by_its_hash_whatever_its_folder_is_called() {
        assert_eq!(identity("git:api@abc123"), "abc123");
        assert_eq!(identity("git:a@b@abc123"), "abc123");
        assert_eq!(identity("https://github.com/o/r/pull/4"), "https://github.com/o/r/pull/4");
        let done: HashSet<String> = done(&[], &["git:old-name@ABC123".into()]);
        let kept = select(
            vec![candidate("git:api@abc123", "2026-03-02"), candidate("git:api@def", "2026-03-01")],
            &done,
            None,
            None,
        );
        assert_eq!(kept.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["git:api@def"]);
    }

    #[test]
    fn dates_bound_the_selection_and_weeks_start_on_monday() {
        let all = vec![candidate("a", "2026-03-01"), candidate("b", "2026-03-04"), candidate("c", "2026-03-09")];
        let kept =
            select(all, &HashSet::new(), Some("2026-03-02".parse().unwrap()), Some("2026-03-08".parse().unwrap()));
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].week(), "2026-03-02".parse::<NaiveDate>().unwrap());
    }

    #[test]
    fn a_merge_lists_its_commits_under_its_title_and_counts_the_rest() {
        let mut c = candidate("a", "2026-03-01");
        c.details = (0..32).map(|i| format!("c{i}")).collect();
        let text = c.text();
        assert!(text.starts_with("t\n- c0\n- c1\n"), "{text}");
        assert!(text.ends_with("- c29\n- … and 2 more commits"), "{text}");
    }
}
