//! Pull requests and issues from a file the user saved with the forge's own
//! command line, so rungs never talks to a forge:
//!
//! - `gh pr list --state merged --author @me --json number,title,url,mergedAt,labels,additions,deletions,body`
//! - `gh issue list --state closed --assignee @me --json number,title,url,closedAt,labels,body`
//! - `glab mr list --merged --author=@me --output json` and `glab issue list --closed --output json`,
//!   whose fields are named `web_url`, `merged_at`, `closed_at`, and whose labels are plain names.
//!
//! One candidate per merged pull request (or closed issue); its address is
//! its key and its link; its labels are what the rules' `labels` match.
//! Other fields are read past, as both tools add fields over time.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::Candidate;
use crate::error::{Error, Result};

/// One entry of the file, in either tool's words.
#[derive(Debug, Deserialize)]
struct Item {
    /// Its title.
    #[serde(default)]
    title: String,
    /// Its web address.
    #[serde(alias = "web_url")]
    url: String,
    /// When a pull request was merged (`null` when it was not).
    #[serde(default, rename = "mergedAt", alias = "merged_at")]
    merged_at: Option<String>,
    /// When an issue was closed.
    #[serde(default, rename = "closedAt", alias = "closed_at")]
    closed_at: Option<String>,
    /// Its labels.
    #[serde(default)]
    labels: Vec<Label>,
}

/// A label: `{ "name": … }` from gh, a plain name from glab.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Label {
    Named { name: String },
    Plain(String),
}

impl Label {
    fn name(self) -> String {
        match self {
            Label::Named { name } | Label::Plain(name) => name,
        }
    }
}

/// Reads a saved list; `path` names it in errors.
///
/// # Errors
/// Not a JSON list of this shape, or an entry whose address is not http(s),
/// naming the file and the entry.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Candidate>> {
    let items: Vec<Item> = serde_json::from_str(text).map_err(|e| Error::InvalidFile {
        path: path.to_owned(),
        message: format!(
            "{}; expected the output of `gh pr list --json number,title,url,mergedAt,labels` (or glab's)",
            crate::assessment::json_error(&e)
        ),
    })?;
    let mut candidates = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let bad = |message: String| Error::InvalidFile {
            path: path.to_owned(),
            message: format!("entry {}: {message}", n + 1),
        };
        if !crate::untrusted::is_web_link(&item.url) {
            return Err(bad(format!("`url` `{}` is not an http or https address", item.url)));
        }
        let pull = is_pull(&item.url);
        let done = if pull { item.merged_at.as_deref() } else { item.closed_at.as_deref() };
        let Some(done) = done.filter(|d| !d.is_empty()) else { continue };
        let date = day(done).ok_or_else(|| bad(format!("`{done}` is not a time such as 2026-03-02T10:00:00Z")))?;
        let title = item.title.trim();
        if title.is_empty() {
            return Err(bad("`title` is empty".into()));
        }
        candidates.push(Candidate {
            key: item.url.clone(),
            date,
            repo: repo_of(&item.url),
            title: title.chars().take(500).collect(),
            links: vec![item.url],
            labels: item.labels.into_iter().map(Label::name).take(crate::journal::MAX_TAGS).collect(),
            ..Candidate::default()
        });
    }
    Ok(candidates)
}

/// Whether an address is a pull or merge request's (else an issue's).
fn is_pull(url: &str) -> bool {
    url.contains("/pull/") || url.contains("/merge_requests/")
}

/// The day of an RFC 3339 time, in the offset it was written with.
fn day(time: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(time).ok().map(|t| t.date_naive())
}

/// `OWNER/NAME` of a forge address: the path before `/pull/`, `/issues/`
/// or GitLab's `/-/`.
fn repo_of(url: &str) -> String {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let end = ["/-/", "/pull/", "/issues/"].iter().filter_map(|m| path.find(m)).min().unwrap_or(path.len());
    path[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gh_and_glab_lists_both_read_and_unmerged_entries_are_passed_over() {
        let gh = r#"[
          {"number": 42, "title": "Add rate limiter", "url": "https://github.com/acme/api/pull/42",
           "mergedAt": "2026-03-03T17:30:00Z", "labels": [{"id": "x", "name": "performance"}], "additions": 3},
          {"number": 43, "title": "Draft", "url": "https://github.com/acme/api/pull/43", "mergedAt": null, "labels": []},
          {"number": 7, "title": "Flaky test", "url": "https://github.com/acme/api/issues/7", "closedAt": "2026-03-04T08:00:00+02:00"}
        ]"#;
        let found = parse(gh, Path::new("prs.json")).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].repo.as_str(), found[0].labels.as_slice()),
            ("acme/api", ["performance".to_owned()].as_slice())
        );
        assert_eq!(found[1].date, "2026-03-04".parse::<NaiveDate>().unwrap());
        let glab = r#"[{"iid": 3, "title": "Split the monolith", "web_url": "https://gitlab.com/g/sub/app/-/merge_requests/3",
            "merged_at": "2026-03-05T09:00:00.000Z", "labels": ["architecture"], "state": "merged"}]"#;
        let found = parse(glab, Path::new("mrs.json")).unwrap();
        assert_eq!((found[0].repo.as_str(), found[0].labels[0].as_str()), ("g/sub/app", "architecture"));
    }

    #[test]
    fn a_bad_entry_is_named_by_its_number_and_file() {
        let error = parse(r#"[{"title": "x", "url": "javascript:alert(1)"}]"#, Path::new("prs.json")).unwrap_err();
        assert_eq!(error.to_string(), "prs.json: entry 1: `url` `javascript:alert(1)` is not an http or https address");
        let error = parse("{}", Path::new("prs.json")).unwrap_err().to_string();
        assert!(
            error.starts_with("prs.json: line 1, column 0") || error.starts_with("prs.json: line 1, column 1"),
            "{error}"
        );
    }
}
