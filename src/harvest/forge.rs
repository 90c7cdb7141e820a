//! Links to the work on its forge, from a repository's `origin` remote as
//! its configuration names it: a pull request's page when the commit's
//! subject names one (`… (#42)`, `Merge pull request #42 from …`), else the
//! commit's page. GitHub and GitLab hosts only; nothing is asked of the
//! forge itself.

use std::path::Path;

/// A forge's web address of a repository, from its `origin` remote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Web {
    /// `https://HOST/OWNER/NAME`.
    base: String,
    /// Whether the host is a GitLab (its pages sit under `/-/`).
    gitlab: bool,
}

impl Web {
    /// The link of a candidate headed by the commit `hash` with `subject`:
    /// its pull request when the subject names one, else the commit.
    pub fn link(&self, hash: &str, subject: &str) -> String {
        let number = pull_number(subject).filter(|_| !self.gitlab);
        match (number, self.gitlab) {
            (Some(n), _) => format!("{}/pull/{n}", self.base),
            (None, true) => format!("{}/-/commit/{hash}", self.base),
            (None, false) => format!("{}/commit/{hash}", self.base),
        }
    }
}

/// The pull request a subject names: `… (#123)` at its end (a squash
/// merge) or `Merge pull request #123 from …`.
fn pull_number(subject: &str) -> Option<u64> {
    let digits = |s: &str| s.parse::<u64>().ok();
    if let Some(rest) = subject.strip_prefix("Merge pull request #") {
        return rest.split_whitespace().next().and_then(digits);
    }
    let inner = subject.trim_end().strip_suffix(')')?;
    let open = inner.rfind("(#")?;
    digits(&inner[open + 2..])
}

/// The web address of the `origin` remote, for GitHub and GitLab hosts;
/// read from the repository's configuration, never from the network.
pub fn remote_web(dir: &Path) -> Option<Web> {
    let mut command = crate::share::git(dir);
    command.args(["config", "--get", "remote.origin.url"]);
    let out = crate::share::output(&mut command).ok().filter(|o| o.status.success())?;
    web_of(String::from_utf8_lossy(&out.stdout).trim())
}

/// `https://HOST/PATH` of a remote address (`git@HOST:PATH.git`,
/// `ssh://git@HOST/PATH`, `https://HOST/PATH.git`) on a known forge.
fn web_of(url: &str) -> Option<Web> {
    let (host, path) = match url.split_once("://") {
        Some((_, rest)) => rest.split_once('/')?,
        None => url.split_once(':')?,
    };
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    let gitlab = host.contains("gitlab");
    let base = format!("https://{host}/{path}");
    let known = host == "github.com" || gitlab;
    (known && !path.is_empty() && crate::untrusted::is_web_link(&base)).then_some(Web { base, gitlab })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_forge_addresses_and_pull_requests_their_links() {
        let github = Web { base: "https://github.com/o/r".into(), gitlab: false };
        for url in [
            "git@github.com:o/r.git",
            "https://github.com/o/r.git",
            "ssh://git@github.com/o/r",
            "https://me@github.com/o/r/",
        ] {
            assert_eq!(web_of(url), Some(github.clone()), "{url}");
        }
        assert_eq!(web_of("git@example.org:o/r.git"), None);
        assert!(web_of("git@gitlab.example.org:g/s/r.git").is_some_and(|w| w.gitlab));
        assert_eq!(pull_number("Add limiter (#42)"), Some(42));
        assert_eq!(pull_number("Merge pull request #7 from o/x"), Some(7));
        assert_eq!(pull_number("Fix (#x)"), None);
        assert_eq!(github.link("abc", "Add (#42)"), "https://github.com/o/r/pull/42");
        assert_eq!(github.link("abc", "Add"), "https://github.com/o/r/commit/abc");
    }
}
