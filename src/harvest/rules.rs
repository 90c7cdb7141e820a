//! The rules file of `rungs harvest`: which competencies a piece of work is
//! evidence for, from its labels, the files it changed, the words of its
//! title and its repository. Plain TOML, checked against the person's
//! ladder, every mistake named with `FILE:LINE:COL`.
//!
//! ```toml
//! [[rule]]
//! competency = "technology"
//! paths = ["src/**/*.rs"]
//! labels = ["performance"]
//! words = ["refactor"]
//! repos = ["api"]
//! ```
//!
//! Precedence: the kinds of evidence are tried in the order
//! [`Evidence::ORDER`] (labels, paths, words, repositories). The first kind
//! that any rule matches decides: the candidate gets the competencies of
//! every rule that matches by that kind, in the file's order. A person's
//! own label outranks a guess from file names, which outranks a guess from
//! words; a repository is the broadest default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Candidate;
use crate::error::{Error, Result};
use crate::ladder::Ladder;

/// The most rules a file may hold, and the most patterns one rule may list.
pub const MAX_RULES: usize = 1000;

/// A kind of evidence a rule can match on, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A label of the pull request or issue, as written (case aside).
    Label,
    /// A file the work changed, by glob.
    Path,
    /// A word or phrase of the title, whole words, case aside.
    Word,
    /// The repository's name (or `OWNER/NAME`).
    Repo,
}

impl Evidence {
    /// The order of precedence.
    pub const ORDER: [Evidence; 4] = [Evidence::Label, Evidence::Path, Evidence::Word, Evidence::Repo];
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The competency id it tags with.
    pub competency: toml::Spanned<String>,
    /// Path globs (see [`super::glob`]).
    #[serde(default)]
    pub paths: Vec<String>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words or phrases of the title.
    #[serde(default)]
    pub words: Vec<String>,
    /// Repository names.
    #[serde(default)]
    pub repos: Vec<String>,
}

/// The rules file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The ladder whose ids the rules name, when the file says.
    #[serde(default)]
    pub ladder: Option<toml::Spanned<String>>,
    /// The rules, in the file's order.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    /// The file, for messages; empty when there is none.
    #[serde(skip)]
    pub path: PathBuf,
    /// Its text, for line and column numbers.
    #[serde(skip)]
    text: String,
}

impl Rules {
    /// Reads a rules file: a regular, bounded file.
    ///
    /// # Errors
    /// The file cannot be read, is not TOML of this shape, or holds too many rules.
    pub fn load(path: &Path) -> Result<Self> {
        let text = crate::store::read_text(path)?;
        Self::parse(&text, path)
    }

    /// Parses the text of a rules file; `path` names it in errors.
    ///
    /// # Errors
    /// Not TOML of this shape (`FILE:LINE:COL: …`), or too many rules.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut rules: Rules = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            Error::Other(format!("{}: {}", place(path, text, at), e.message().trim()))
        })?;
        let long =
            rules.rules.iter().any(|r| r.paths.len() + r.labels.len() + r.words.len() + r.repos.len() > MAX_RULES);
        if rules.rules.len() > MAX_RULES || long {
            return Err(Error::Other(format!("{}: more than {MAX_RULES} rules or patterns", path.display())));
        }
        rules.path = path.to_owned();
        rules.text = text.to_owned();
        Ok(rules)
    }

    /// Checks that every competency the rules name is one of `ladder`'s, and
    /// that the file's `ladder`, when it names one, is that ladder.
    ///
    /// # Errors
    /// The first id that is not, as `FILE:LINE:COL:` with the ladder's ids.
    pub fn check(&self, ladder: &Ladder) -> Result<()> {
        if let Some(named) = &self.ladder
            && !named.get_ref().eq_ignore_ascii_case(&ladder.id)
        {
            return Err(Error::Other(format!(
                "{}: these rules are for the {} ladder, and the person's ladder is {}; name it with --ladder",
                place(&self.path, &self.text, named.span().start),
                named.get_ref(),
                ladder.id
            )));
        }
        let ids: Vec<&str> = ladder.competencies.iter().map(|c| c.id.as_str()).collect();
        for rule in &self.rules {
            let id = rule.competency.get_ref();
            if !ids.iter().any(|known| known.eq_ignore_ascii_case(id)) {
                return Err(Error::Other(format!(
                    "{}: `{id}` is not a competency of the {} ladder\n  its competencies: {}",
                    place(&self.path, &self.text, rule.competency.span().start),
                    ladder.id,
                    ids.join(", ")
                )));
            }
        }
        Ok(())
    }

    /// Whether any rule looks at files: only then are a commit's files read.
    pub fn wants_paths(&self) -> bool {
        self.rules.iter().any(|r| !r.paths.is_empty())
    }

    /// The competencies a candidate is evidence for, by precedence; empty
    /// when no rule matches.
    pub fn tag(&self, candidate: &Candidate) -> Vec<String> {
        for evidence in Evidence::ORDER {
            let mut found: Vec<String> = Vec::new();
            for rule in self.rules.iter().filter(|r| r.matches(evidence, candidate)) {
                let id = rule.competency.get_ref();
                if !found.iter().any(|f| f.eq_ignore_ascii_case(id)) {
                    found.push(id.clone());
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// Tags every candidate, in place.
    pub fn tag_all(&self, candidates: &mut [Candidate]) {
        for candidate in candidates {
            candidate.competencies = self.tag(candidate);
        }
    }
}

impl Rule {
    /// Whether this rule matches `candidate` by one kind of evidence.
    fn matches(&self, evidence: Evidence, candidate: &Candidate) -> bool {
        match evidence {
            Evidence::Label => {
                self.labels.iter().any(|l| candidate.labels.iter().any(|c| c.trim().eq_ignore_ascii_case(l.trim())))
            }
            Evidence::Path => self.paths.iter().any(|g| candidate.paths.iter().any(|p| super::glob::matches(g, p))),
            Evidence::Word => self.words.iter().any(|w| has_words(&candidate.title, w)),
            Evidence::Repo => self.repos.iter().any(|r| same_repo(&candidate.repo, r)),
        }
    }
}

/// Whether `title` holds `words` as whole words, case aside.
fn has_words(title: &str, words: &str) -> bool {
    let words = words.trim().to_lowercase();
    if words.is_empty() {
        return false;
    }
    let title = title.to_lowercase();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    title
        .match_indices(&words)
        .any(|(at, _)| boundary(title[..at].chars().next_back()) && boundary(title[at + words.len()..].chars().next()))
}

/// Whether a candidate's repository is the one a rule names: the whole
/// name, or the last part of `OWNER/NAME`.
fn same_repo(repo: &str, named: &str) -> bool {
    let named = named.trim();
    repo.eq_ignore_ascii_case(named) || repo.rsplit('/').next().is_some_and(|last| last.eq_ignore_ascii_case(named))
}

/// `FILE:LINE:COL` of byte `at` of `text`.
fn place(path: &Path, text: &str, at: usize) -> String {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{}:{line}:{column}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[rule]]
competency = "technology"
paths = ["src/**/*.rs"]
words = ["refactor"]

[[rule]]
competency = "process"
labels = ["ci"]
paths = [".github/**"]

[[rule]]
competency = "people"
words = ["onboarding guide"]
repos = ["handbook"]
"#;

    fn candidate(title: &str, paths: &[&str], labels: &[&str], repo: &str) -> Candidate {
        Candidate {
            title: title.into(),
            paths: paths.iter().map(|p| (*p).to_owned()).collect(),
            labels: labels.iter().map(|p| (*p).to_owned()).collect(),
            repo: repo.into(),
            ..Candidate::default()
        }
    }

    #[test]
    fn labels_outrank_paths_which_outrank_words_which_outrank_repositories() {
        let rules = Rules::parse(RULES, Path::new("rules.toml")).unwrap();
        let tag = |c: Candidate| rules.tag(&c);
        assert_eq!(tag(candidate("Refactor x", &["src/a/b.rs"], &["CI"], "api")), ["process"]);
        assert_eq!(
            tag(candidate("Refactor x", &["src/a/b.rs", ".github/ci.yml"], &[], "api")),
            ["technology", "process"]
        );
        assert_eq!(tag(candidate("Refactoring done", &["README.md"], &[], "handbook")), ["people"]);
        assert_eq!(tag(candidate("Write the Onboarding Guide", &[], &[], "x")), ["people"]);
        assert!(tag(candidate("Bump deps", &["Cargo.lock"], &[], "api")).is_empty());
    }

    #[test]
    fn a_mistake_is_named_with_its_line_and_column() {
        let error = Rules::parse("[[rule]]\ncompetency = \"x\"\nlabel = [\"a\"]\n", Path::new("r.toml")).unwrap_err();
        assert!(error.to_string().starts_with("r.toml:3:1: unknown field `label`"), "{error}");
        let rules = Rules::parse("\n[[rule]]\ncompetency = \"tech\"\n", Path::new("r.toml")).unwrap();
        let mut catalog = crate::ladder::catalog::Catalog::builtin();
        let index = catalog.find_ladder("tech-lead").unwrap();
        let error = rules.check(catalog.get(index)).unwrap_err().to_string();
        assert!(error.starts_with("r.toml:3:14: `tech` is not a competency of the tech-lead ladder"), "{error}");
    }
}
