//! `rungs harvest`: commits and pull requests as notes, tagged by rules,
//! idempotent, offline. The repositories are built here with real `git`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Rungs, isolate, json};

/// Runs git in `dir` with the isolated home, as `who` at `date`.
fn git(home: &Path, dir: &Path, who: (&str, &str), date: &str, args: &[&str]) -> String {
    let mut command = std::process::Command::new("git");
    isolate(&mut command, home);
    let stamp = format!("{date}T10:00:00+0000");
    command
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp);
    let out = command.output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

const JO: (&str, &str) = ("Jo Park", "jo@example.com");
const JO_OLD: (&str, &str) = ("J. Park", "jpark@old.example");
const SAM: (&str, &str) = ("Sam Lee", "sam@example.com");
const ANA: (&str, &str) = ("Ana Ruiz", "ana@example.com");

/// A repository with commits made by `commit`.
struct Repo<'a> {
    home: &'a Path,
    dir: PathBuf,
}

impl<'a> Repo<'a> {
    fn new(home: &'a Path, name: &str) -> Self {
        let dir = home.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        git(home, &dir, SAM, "2026-01-01", &["init", "-q", "-b", "main"]);
        Repo { home, dir }
    }

    /// Writes `file` and commits it; returns the commit's hash.
    fn commit(&self, who: (&str, &str), date: &str, file: &str, message: &str) -> String {
        let path = self.dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{message}\n")).unwrap();
        git(self.home, &self.dir, who, date, &["add", "--", file]);
        git(self.home, &self.dir, who, date, &["commit", "-q", "-m", message]);
        self.head()
    }

    fn git(&self, who: (&str, &str), date: &str, args: &[&str]) -> String {
        git(self.home, &self.dir, who, date, args)
    }

    fn head(&self) -> String {
        git(self.home, &self.dir, SAM, "2026-01-01", &["rev-parse", "HEAD"])
    }
}

const RULES: &str = r#"# rules for the tech-lead ladder
ladder = "tech-lead"

[[rule]]
competency = "technology"
paths = ["src/**", "*.tsx"]

[[rule]]
competency = "process"
paths = [".github/**"]

[[rule]]
competency = "people"
paths = ["docs/**"]

[[rule]]
competency = "influence"
words = ["guide"]
"#;

/// The fixture of the issue: three repositories, three authors, a
/// `.mailmap` joining two of Jo's addresses, a co-authored commit, a merge
/// of a branch of five commits and a squash merge `(#42)`. Returns the
/// hashes of Jo's work by name.
fn fixture(home: &Path) -> Vec<(&'static str, String)> {
    let api = Repo::new(home, "api");
    std::fs::write(api.dir.join(".mailmap"), "Jo Park <jo@example.com> <jpark@old.example>\n").unwrap();
    api.commit(SAM, "2026-03-02", "README.md", "Initial commit");
    api.git(SAM, "2026-03-02", &["add", ".mailmap"]);
    api.git(SAM, "2026-03-02", &["commit", "-q", "-m", "Add the mailmap"]);
    let limiter = api.commit(JO_OLD, "2026-03-03", "src/limiter.rs", "Add rate limiter");
    let paired = api.commit(
        SAM,
        "2026-03-04",
        ".github/workflows/ci.yml",
        "Pair on the flaky CI job\n\nCo-authored-by: Jo Park <jo@example.com>",
    );
    api.commit(ANA, "2026-03-05", "src/log.rs", "Tune logging");
    api.git(JO, "2026-03-05", &["checkout", "-q", "-b", "feature/onboarding"]);
    for (n, day) in ["06", "07", "08", "09", "10"].iter().enumerate() {
        let file = format!("docs/onboarding/part{}.md", n + 1);
        api.commit(JO, &format!("2026-03-{day}"), &file, &format!("Onboarding: part {}", n + 1));
    }
    api.git(JO, "2026-03-10", &["checkout", "-q", "main"]);
    api.commit(SAM, "2026-03-09", "VERSION", "Bump version");
    api.git(
        JO,
        "2026-03-11",
        &["merge", "-q", "--no-ff", "-m", "Merge branch 'feature/onboarding'", "feature/onboarding"],
    );
    let merge = api.head();

    let web = Repo::new(home, "web");
    web.commit(JO, "2026-02-10", "src/old.tsx", "Old work before the range");
    web.git(JO, "2026-03-01", &["remote", "add", "origin", "git@github.com:acme/web.git"]);
    let banner = web.commit(JO, "2026-03-03", "ui/banner.tsx", "Add rate limit banner (#42)");
    web.commit(SAM, "2026-03-12", "ui/footer.tsx", "Footer");

    let handbook = Repo::new(home, "handbook");
    let guide = handbook.commit(JO, "2026-03-04", "review.md", "Write the review guide");
    handbook.commit(ANA, "2026-03-05", "hiring.md", "Hiring notes");
    handbook.commit(JO, "2026-03-06", "review.md", "Fix typo");
    vec![("limiter", limiter), ("banner", banner), ("paired", paired), ("guide", guide), ("merge", merge)]
}

fn harvest(home: &Path, store: &Path, extra: &[&str]) -> Rungs {
    let mut args: Vec<String> = vec!["harvest".into(), "git".into()];
    args.extend(["api", "web", "handbook"].map(|r| home.join(r).display().to_string()));
    args.extend(["--person", "Jo Park"].map(str::to_owned));
    args.extend(["--author", "jo@example.com", "--since", "2026-03-01", "--rules"].map(str::to_owned));
    args.push(home.join("rules.toml").display().to_string());
    args.extend(["--dir".to_owned(), store.display().to_string()]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    Rungs::new().args(args).env("RUNGS_TODAY", "2026-03-20")
}

fn rungs_in(args: &[&str]) -> Rungs {
    Rungs::new().args(args.iter().copied()).env("RUNGS_TODAY", "2026-03-20")
}

/// The notes of Jo Park as `(date, competencies, text, sources)`.
fn notes(store: &Path) -> Vec<Value> {
    let out = rungs_in(&["notes", "Jo Park", "--format", "json", "--dir", store.to_str().unwrap()]).ok();
    let notes = json(&out);
    notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| json!([n["date"], n["competencies"], n["text"], n["sources"], n["links"]]))
        .collect()
}

#[test]
fn commits_become_the_expected_notes_once_merges_grouped_and_a_second_run_saves_none() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let work = fixture(home);
    let hash = |name: &str| work.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let store = home.join("store");
    rungs_in(&["init", store.to_str().unwrap(), "--git"]).ok();
    let commits_before = git(home, &store, JO, "2026-03-20", &["rev-list", "--count", "HEAD"]);

    // The dry run lists every candidate, the untagged one too, and the merge with its five commits.
    let dry = harvest(home, &store, &["--dry-run", "--format", "json"]).ok();
    let dry = json(&dry);
    let keys: Vec<&str> = dry.as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    let expected_keys: Vec<String> = [
        format!("git:api@{}", hash("limiter")),
        format!("git:web@{}", hash("banner")),
        format!("git:api@{}", hash("paired")),
        format!("git:handbook@{}", hash("guide")),
        keys.iter().find(|k| k.starts_with("git:handbook@") && !k.ends_with(&hash("guide"))).unwrap().to_string(),
        format!("git:api@{}", hash("merge")),
    ]
    .into();
    assert_eq!(keys, expected_keys);
    let merge = &dry[5];
    assert_eq!(merge["commits"].as_array().unwrap().len(), 6, "the merge and its five commits: {merge}");
    assert_eq!(merge["commits"][0], hash("merge"));
    assert_eq!(dry[4]["title"], "Fix typo");
    assert_eq!(dry[4]["competencies"], json!([]));
    for candidate in dry.as_array().unwrap() {
        let mut fields: Vec<&str> = candidate.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["commits", "competencies", "date", "key", "links", "repo", "title"]);
    }

    let run = harvest(home, &store, &["--yes"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Saved 5 notes for Jo Park; 1 left for later"), "{}", run.stderr);
    let expected = vec![
        json!(["2026-03-03", ["technology"], "Add rate limiter", [format!("git:api@{}", hash("limiter"))], []]),
        json!([
            "2026-03-03",
            ["technology"],
            "Add rate limit banner (#42)",
            [format!("git:web@{}", hash("banner"))],
            ["https://github.com/acme/web/pull/42"]
        ]),
        json!(["2026-03-04", ["process"], "Pair on the flaky CI job", [format!("git:api@{}", hash("paired"))], []]),
        json!(["2026-03-04", ["influence"], "Write the review guide", [format!("git:handbook@{}", hash("guide"))], []]),
        json!([
            "2026-03-11",
            ["people"],
            "Merge branch 'feature/onboarding'\n- Onboarding: part 1\n- Onboarding: part 2\n- Onboarding: part 3\n- Onboarding: part 4\n- Onboarding: part 5",
            [format!("git:api@{}", hash("merge"))],
            []
        ]),
    ];
    let mut saved = notes(&store);
    saved.sort_by_key(|n| (n[0].as_str().unwrap().to_owned(), n[2].as_str().unwrap().to_owned()));
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by_key(|n| (n[0].as_str().unwrap().to_owned(), n[2].as_str().unwrap().to_owned()));
    assert_eq!(saved, expected_sorted);
    let commits_after = git(home, &store, JO, "2026-03-20", &["rev-list", "--count", "HEAD"]);
    assert_eq!(
        commits_after.parse::<u32>().unwrap(),
        commits_before.parse::<u32>().unwrap() + 1,
        "one commit per import"
    );
    let files = git(home, &store, JO, "2026-03-20", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.lines().count(), 5, "{files}");

    let again = harvest(home, &store, &["--yes"]).run();
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(again.stderr.contains("Saved 0 notes for Jo Park; 1 left for later"), "{}", again.stderr);
    assert_eq!(notes(&store).len(), 5);
    let left = json(&harvest(home, &store, &["--dry-run", "--format", "json"]).ok());
    assert_eq!(left.as_array().unwrap().len(), 1, "only the untagged one is still offered: {left}");
}

#[test]
fn the_old_address_alone_finds_the_work_through_the_mailmap_and_all_takes_the_untagged() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let store = home.join("store");
    let api = home.join("api");
    let run = Rungs::new()
        .args(["harvest", "git", api.to_str().unwrap(), "--author", "jpark@old.example", "--person", "Jo Park"])
        .args(["--since", "2026-03-01", "--all", "--dir", store.to_str().unwrap(), "--format", "json"])
        .args(["--rules", home.join("rules.toml").to_str().unwrap()])
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let saved = json(&run.stdout);
    let texts: Vec<&str> =
        saved.as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap().lines().next().unwrap()).collect();
    assert_eq!(texts, ["Add rate limiter", "Pair on the flaky CI job", "Merge branch 'feature/onboarding'"]);
}

#[test]
fn recursive_finds_every_repository_and_bad_input_is_named() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    Repo::new(home, "empty"); // a repository without a commit yet gives nothing, and no error
    let store = home.join("store");
    let dry = Rungs::new()
        .args(["harvest", "git", home.to_str().unwrap(), "--recursive", "--author", "jo@example.com"])
        .args(["--person", "Jo Park", "--since", "2026-03-01", "--dry-run", "--format", "json"])
        .args(["--dir", store.to_str().unwrap()])
        .ok();
    let repos: Vec<String> =
        json(&dry).as_array().unwrap().iter().map(|c| c["repo"].as_str().unwrap().to_owned()).collect();
    assert_eq!(repos.len(), 6, "{repos:?}");
    for repo in ["api", "web", "handbook"] {
        assert!(repos.iter().any(|r| r == repo), "{repos:?}");
    }

    let not_repo = home.join("plain");
    std::fs::create_dir_all(&not_repo).unwrap();
    let run = Rungs::new()
        .args(["harvest", "git", not_repo.to_str().unwrap(), "--author", "jo@example.com", "--person", "Jo"])
        .args(["--dry-run", "--dir", store.to_str().unwrap()])
        .fails(2);
    assert!(run.stderr.contains("plain: not a git repository"), "{}", run.stderr);

    std::fs::write(home.join("bad.toml"), "[[rule]]\ncompetency = \"tech\"\npaths = [\"src/**\"]\n").unwrap();
    let run = Rungs::new()
        .args(["harvest", "git", home.join("api").to_str().unwrap(), "--author", "jo@example.com", "--person", "Jo"])
        .args(["--rules", home.join("bad.toml").to_str().unwrap(), "--dry-run", "--dir", store.to_str().unwrap()])
        .fails(1);
    assert!(run.stderr.contains("bad.toml:2:14: `tech` is not a competency of the tech-lead ladder"), "{}", run.stderr);

    let run = Rungs::new()
        .args(["harvest", "git", home.join("api").to_str().unwrap(), "--author", "jo@example.com", "--person", "Jo"])
        .args(["--dir", store.to_str().unwrap()])
        .fails(2);
    assert!(run.stderr.contains("no terminal to ask on; add --yes"), "{}", run.stderr);
}

#[test]
fn without_author_it_is_git_s_user_email_and_without_one_the_flag_is_named() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    let api = home.join("api");
    let store = home.join("store");
    let dry =
        |rungs: Rungs| rungs.args(["--person", "Jo Park", "--since", "2026-03-01", "--dry-run", "--format", "json"]);
    let command = || Rungs::new().args(["harvest", "git", api.to_str().unwrap(), "--dir", store.to_str().unwrap()]);
    let run = dry(command()).fails(2);
    assert!(run.stderr.contains("git's user.email is not set; name your email with --author EMAIL"), "{}", run.stderr);
    git(home, &api, JO, "2026-03-20", &["config", "user.email", "jo@example.com"]);
    let found = json(&dry(command()).ok());
    assert_eq!(found.as_array().unwrap().len(), 3, "{found}");
}

const PRS: &str = r#"[
  {"number": 42, "title": "Add rate limiter", "url": "https://github.com/acme/api/pull/42",
   "mergedAt": "2026-03-03T17:30:00Z", "labels": [{"id": "L1", "name": "performance", "color": "f00"}],
   "additions": 120, "deletions": 4, "body": "Closes #40"},
  {"number": 43, "title": "Never merged", "url": "https://github.com/acme/api/pull/43", "mergedAt": null,
   "labels": [], "additions": 1, "deletions": 1, "body": ""},
  {"number": 44, "title": "Mentoring guide", "url": "https://github.com/acme/handbook/pull/44",
   "mergedAt": "2026-03-05T09:00:00Z", "labels": [{"name": "docs"}, {"name": "mentoring"}],
   "additions": 30, "deletions": 0, "body": ""},
  {"number": 45, "title": "Bump deps", "url": "https://github.com/acme/api/pull/45",
   "mergedAt": "2026-03-06T09:00:00Z", "labels": [], "additions": 3, "deletions": 3, "body": ""}
]"#;

const LABEL_RULES: &str = r#"
[[rule]]
competency = "technology"
labels = ["performance"]

[[rule]]
competency = "people"
labels = ["mentoring"]

[[rule]]
competency = "influence"
words = ["guide"]
"#;

#[test]
fn a_github_list_gives_one_candidate_per_merged_pull_request_tagged_by_its_labels() {
    let rungs = Rungs::new();
    let home = rungs.home();
    std::fs::write(home.join("prs.json"), PRS).unwrap();
    std::fs::write(home.join("rules.toml"), LABEL_RULES).unwrap();
    let out = Rungs::new()
        .args(["harvest", "github", home.join("prs.json").to_str().unwrap(), "--person", "Jo Park"])
        .args(["--rules", home.join("rules.toml").to_str().unwrap(), "--dry-run", "--format", "json"])
        .args(["--dir", home.join("store").to_str().unwrap()])
        .ok();
    let expected = json!([
        {"key": "https://github.com/acme/api/pull/42", "date": "2026-03-03", "repo": "acme/api",
         "title": "Add rate limiter", "links": ["https://github.com/acme/api/pull/42"],
         "competencies": ["technology"], "commits": []},
        {"key": "https://github.com/acme/handbook/pull/44", "date": "2026-03-05", "repo": "acme/handbook",
         "title": "Mentoring guide", "links": ["https://github.com/acme/handbook/pull/44"],
         "competencies": ["people"], "commits": []},
        {"key": "https://github.com/acme/api/pull/45", "date": "2026-03-06", "repo": "acme/api",
         "title": "Bump deps", "links": ["https://github.com/acme/api/pull/45"],
         "competencies": [], "commits": []}
    ]);
    assert_eq!(json(&out), expected);

    // glab's shape, through `harvest gitlab`, with --since and --until bounding the dates.
    let mrs = r#"[{"iid": 3, "title": "Split the monolith", "web_url": "https://gitlab.com/g/app/-/merge_requests/3",
        "merged_at": "2026-03-05T09:00:00.000Z", "labels": ["performance"], "state": "merged"},
        {"iid": 4, "title": "Later", "web_url": "https://gitlab.com/g/app/-/merge_requests/4",
        "merged_at": "2026-04-05T09:00:00.000Z", "labels": [], "state": "merged"}]"#;
    std::fs::write(home.join("mrs.json"), mrs).unwrap();
    let out = Rungs::new()
        .args(["harvest", "gitlab", home.join("mrs.json").to_str().unwrap(), "--person", "Jo Park"])
        .args(["--rules", home.join("rules.toml").to_str().unwrap(), "--dry-run", "--format", "json"])
        .args(["--since", "2026-03-01", "--until", "2026-03-31", "--dir", home.join("store").to_str().unwrap()])
        .ok();
    let expected = json!([{"key": "https://gitlab.com/g/app/-/merge_requests/3", "date": "2026-03-05", "repo": "g/app",
        "title": "Split the monolith", "links": ["https://gitlab.com/g/app/-/merge_requests/3"],
        "competencies": ["technology"], "commits": []}]);
    assert_eq!(json(&out), expected);
}

/// Six merged pull requests over two weeks, for the triage.
const TRIAGE_PRS: &str = r#"[
  {"title": "Add rate limiter", "url": "https://github.com/acme/api/pull/1", "mergedAt": "2026-03-02T10:00:00Z", "labels": [{"name": "performance"}]},
  {"title": "Fix the thing", "url": "https://github.com/acme/api/pull/2", "mergedAt": "2026-03-03T10:00:00Z", "labels": []},
  {"title": "Review process doc", "url": "https://github.com/acme/api/pull/3", "mergedAt": "2026-03-04T10:00:00Z", "labels": []},
  {"title": "Pair with Sam on alerts", "url": "https://github.com/acme/api/pull/4", "mergedAt": "2026-03-05T10:00:00Z", "labels": [{"name": "mentoring"}]},
  {"title": "Alert runbook", "url": "https://github.com/acme/api/pull/5", "mergedAt": "2026-03-06T10:00:00Z", "labels": []},
  {"title": "Bump deps", "url": "https://github.com/acme/api/pull/6", "mergedAt": "2026-03-10T10:00:00Z", "labels": []}
]"#;

#[test]
fn triage_accepts_edits_retags_merges_and_skips_and_notes_shows_exactly_that() {
    let rungs = Rungs::new();
    let home = rungs.home().to_owned();
    std::fs::write(home.join("prs.json"), TRIAGE_PRS).unwrap();
    std::fs::write(home.join("rules.toml"), LABEL_RULES).unwrap();
    let store = home.join("store");
    let mut command = rungs.command();
    command.args(["harvest", "github", "prs.json", "--person", "Jo Park", "--rules", "rules.toml", "--dir", "store"]);
    let mut pty = Pty::spawn(command);
    pty.expect("Week of 2026-03-02: 5 candidates");
    pty.pick("1 of 5 this week", 0); // accept
    pty.pick("2 of 5 this week", 1); // edit
    pty.answer("Text", &format!("{}Fixed the login timeout{ENTER}", "\x7f".repeat("Fix the thing".len())));
    pty.pick("2 of 5 this week", 0);
    pty.pick("3 of 5 this week", 2); // retag
    pty.answer("Competencies", &format!("process{ENTER}"));
    pty.pick("3 of 5 this week", 0);
    pty.pick("4 of 5 this week", 3); // merge 5 into 4
    pty.answer("Merge which into it", &format!("5{ENTER}"));
    pty.pick("4 of 5 this week", 0);
    pty.expect("Week of 2026-03-09: 1 candidate");
    pty.pick("1 of 1 this week", 4); // skip
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert!(transcript.contains("Saved 4 notes for Jo Park; skipped 1"), "{transcript}");

    let listed = Rungs::new().args(["notes", "Jo Park", "--format", "json", "--dir", store.to_str().unwrap()]).ok();
    let shown: Vec<Value> = json(&listed)
        .as_array()
        .unwrap()
        .iter()
        .map(|n| json!([n["date"], n["competencies"], n["text"], n["links"]]))
        .collect();
    let pr = |n: u32| format!("https://github.com/acme/api/pull/{n}");
    assert_eq!(
        shown,
        vec![
            json!(["2026-03-02", ["technology"], "Add rate limiter", [pr(1)]]),
            json!(["2026-03-03", [], "Fixed the login timeout", [pr(2)]]),
            json!(["2026-03-04", ["process"], "Review process doc", [pr(3)]]),
            json!(["2026-03-06", ["people"], "Pair with Sam on alerts\nAlert runbook", [pr(4), pr(5)]]),
        ]
    );
    let table = Rungs::new().args(["notes", "Jo Park", "--dir", store.to_str().unwrap()]).env("COLUMNS", "200").ok();
    assert!(
        table.contains("Fixed the login timeout") && table.contains("https://github.com/acme/api/pull/5"),
        "{table}"
    );

    // Nothing is offered again: the accepted are notes, the skipped one is remembered…
    let again = Rungs::new()
        .args(["harvest", "github", home.join("prs.json").to_str().unwrap(), "--person", "Jo Park", "--dry-run"])
        .args(["--format", "json", "--dir", store.to_str().unwrap()])
        .ok();
    assert_eq!(json(&again), json!([]));
    // …until --reconsider brings it back.
    let back = Rungs::new()
        .args(["harvest", "github", home.join("prs.json").to_str().unwrap(), "--person", "Jo Park", "--dry-run"])
        .args(["--reconsider", "--format", "json", "--dir", store.to_str().unwrap()])
        .ok();
    assert_eq!(json(&back).as_array().unwrap().len(), 1, "{back}");
    assert_eq!(json(&back)[0]["key"], pr(6));

    // The skip record is a record of the store: `rungs check` reads it, and names it when broken.
    Rungs::new().args(["check", "--dir", store.to_str().unwrap()]).ok();
    let record = std::fs::read_dir(store.join("jo-park/harvest")).unwrap().next().unwrap().unwrap().path();
    std::fs::write(&record, "{ \"schema\": 1 }").unwrap();
    let run = Rungs::new().args(["check", "--dir", store.to_str().unwrap()]).fails(1);
    assert!(run.stdout.contains(record.file_name().unwrap().to_str().unwrap()), "{run:#?}");
}

#[test]
fn ctrl_c_in_the_triage_saves_nothing_and_exits_130() {
    let rungs = Rungs::new();
    let home = rungs.home().to_owned();
    std::fs::write(home.join("prs.json"), TRIAGE_PRS).unwrap();
    let mut command = rungs.command();
    command.args(["harvest", "github", "prs.json", "--person", "Jo Park", "--dir", "store"]);
    let mut pty = Pty::spawn(command);
    pty.pick("1 of 5 this week", 0);
    pty.answer("2 of 5 this week", crate::pty::CTRL_C);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 130, "{transcript}");
    assert!(transcript.contains("interrupted; nothing was saved; run the same import again"), "{transcript}");
    assert!(!home.join("store/jo-park/notes").exists(), "the accepted one is not saved either");
}

/// Whether this machine can run a program without a network (`unshare -rn`).
fn can_unshare() -> bool {
    std::process::Command::new("unshare").args(["-rn", "true"]).status().is_ok_and(|s| s.success())
}

#[test]
fn harvest_works_with_networking_off_and_never_runs_a_transport() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let work = fixture(home);
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let store = home.join("store");
    let command = harvest(home, &store, &["--dry-run", "--format", "json"]).command();
    let output = if can_unshare() {
        let mut wrapped = std::process::Command::new("unshare");
        wrapped.arg("-rn").arg(command.get_program()).args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => wrapped.env(key, value),
                None => wrapped.env_remove(key),
            };
        }
        wrapped.current_dir(home).output().unwrap()
    } else {
        eprintln!("unshare is not available here: this run keeps the network; the transport check below still holds");
        let mut command = command;
        command.current_dir(home).output().unwrap()
    };
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let found = json(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(found.as_array().unwrap().len(), 6);

    // A partial clone missing the tree that the path rules need, whose
    // "promisor" remote would fetch it through a planted ssh command.
    let api = home.join("api");
    let limiter = &work.iter().find(|(n, _)| *n == "limiter").unwrap().1;
    let tree = git(home, &api, JO, "2026-03-20", &["rev-parse", &format!("{limiter}^{{tree}}")]);
    std::fs::remove_file(api.join(".git/objects").join(&tree[..2]).join(&tree[2..])).unwrap();
    let mark = home.join("fetched");
    for (key, value) in [
        ("core.repositoryformatversion", "1".to_owned()),
        ("extensions.partialClone", "origin".to_owned()),
        ("remote.origin.promisor", "true".to_owned()),
        ("remote.origin.url", "ssh://example.invalid/r".to_owned()),
        ("core.sshCommand", format!("touch '{}'; false", mark.display())),
    ] {
        git(home, &api, JO, "2026-03-20", &["config", key, &value]);
    }
    let run = harvest(home, &store, &["--dry-run", "--format", "json"]).run();
    assert!(!mark.exists(), "the planted ssh command ran: {run:#?}");
    assert_eq!(run.code, 1, "the missing tree is reported, not fetched: {run:#?}");
    assert!(run.stderr.contains("api: git refused the repository"), "{}", run.stderr);
}

#[test]
fn imported_notes_date_the_report_s_evidence_and_the_case_cites_their_links() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("store");
    let answers = json!({ "person": "Jo Park", "current": "TL4", "target": "TL5", "date": "2026-02-01",
        "ratings": { "technology": { "current": "meets", "target": "developing" }, "system": { "current": "meets", "target": "meets" },
                     "people": { "current": "meets" }, "process": { "current": "meets", "target": "meets" },
                     "influence": { "current": "meets", "target": "meets" } } });
    crate::support::assess(&dir, &answers);
    std::fs::write(home.join("prs.json"), PRS).unwrap();
    std::fs::write(home.join("rules.toml"), LABEL_RULES).unwrap();
    Rungs::new()
        .args(["harvest", "github", home.join("prs.json").to_str().unwrap(), "--person", "Jo Park", "--yes"])
        .args(["--rules", home.join("rules.toml").to_str().unwrap(), "--dir", dir.to_str().unwrap()])
        .ok();
    let report =
        json(&Rungs::new().args(["report", "Jo Park", "--format", "json", "--dir", dir.to_str().unwrap()]).ok());
    let date = |id: &str| {
        report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["evidence_date"].clone()
    };
    assert_eq!((date("technology"), date("people")), (json!("2026-03-03"), json!("2026-03-05")));
    let case = Rungs::new().args(["export", "Jo Park", "--dir", dir.to_str().unwrap()]).ok();
    assert!(case.contains("Add rate limiter") && case.contains("https://github.com/acme/api/pull/42"), "{case}");
}

/// The TOML block of docs/journal.md that follows `(rules for the LADDER ladder)`.
fn documented_rules(ladder: &str) -> String {
    let docs = std::fs::read_to_string(crate::support::repo("docs/journal.md")).unwrap();
    let at =
        docs.find(&format!("(rules for the {ladder} ladder)")).unwrap_or_else(|| panic!("no example for {ladder}"));
    let block = &docs[at..];
    let start = block.find("```toml\n").unwrap() + "```toml\n".len();
    block[start..start + block[start..].find("```").unwrap()].to_owned()
}

#[test]
fn every_built_in_ladder_has_a_documented_rules_example_that_checks() {
    let rungs = Rungs::new();
    let home = rungs.home();
    std::fs::write(home.join("none.json"), "[]").unwrap();
    for ladder in ["developer", "tech-lead", "technical-program-manager", "engineering-manager"] {
        let path = home.join(format!("{ladder}.toml"));
        std::fs::write(&path, documented_rules(ladder)).unwrap();
        Rungs::new()
            .args(["harvest", "github", home.join("none.json").to_str().unwrap(), "--person", "Jo", "--dry-run"])
            .args(["--ladder", ladder, "--rules", path.to_str().unwrap(), "--dir", home.join("s").to_str().unwrap()])
            .ok();
    }
    // A rules file for another ladder than the person's is refused, naming both.
    let path = home.join("developer.toml");
    let run = Rungs::new()
        .args(["harvest", "github", home.join("none.json").to_str().unwrap(), "--person", "Jo", "--dry-run"])
        .args(["--ladder", "tech-lead", "--rules", path.to_str().unwrap(), "--dir", home.join("s").to_str().unwrap()])
        .fails(1);
    assert!(run.stderr.contains("developer.toml:1:10: these rules are for the developer ladder"), "{}", run.stderr);
}

#[test]
fn a_planted_signature_checker_never_runs() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let api = home.join("api");
    // A signed commit of Jo's on top of the repository, and a configuration
    // that shows signatures in every log through a planted program.
    let head = git(home, &api, JO, "2026-03-19", &["rev-parse", "HEAD"]);
    let tree = git(home, &api, JO, "2026-03-19", &["rev-parse", "HEAD^{tree}"]);
    let stamp = "1773914400 +0000";
    let object = format!(
        "tree {tree}\nparent {head}\nauthor Jo Park <jo@example.com> {stamp}\ncommitter Jo Park <jo@example.com> {stamp}\n\
         gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nSign the release\n"
    );
    let mut hash = std::process::Command::new("git");
    isolate(&mut hash, home);
    let mut child = hash
        .current_dir(&api)
        .args(["hash-object", "-t", "commit", "-w", "--stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), object.as_bytes()).unwrap();
    let signed = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap().trim().to_owned();
    git(home, &api, JO, "2026-03-19", &["update-ref", "HEAD", &signed]);
    let mark = home.join("checked");
    let program = home.join("gpg.sh");
    std::fs::write(&program, format!("#!/bin/sh\ntouch '{}'\nexit 1\n", mark.display())).unwrap();
    std::fs::set_permissions(&program, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    for (key, value) in [("log.showSignature", "true".to_owned()), ("gpg.program", program.display().to_string())] {
        git(home, &api, JO, "2026-03-19", &["config", key, &value]);
    }
    let run = harvest(home, &home.join("store"), &["--dry-run", "--format", "json"]).run();
    assert!(!mark.exists(), "the planted signature program ran: {run:#?}");
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("Sign the release"), "{}", run.stdout);
}

#[test]
fn a_branch_written_before_since_and_merged_after_it_is_one_candidate_with_its_commits() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let repo = Repo::new(home, "late");
    repo.commit(SAM, "2025-11-20", "README.md", "Initial commit");
    repo.git(JO, "2025-12-01", &["checkout", "-q", "-b", "feature/export"]);
    repo.commit(JO, "2025-12-01", "src/export.rs", "Export: the writer");
    repo.commit(JO, "2025-12-02", "src/export.rs", "Export: the tests");
    repo.git(SAM, "2026-02-04", &["checkout", "-q", "main"]);
    repo.git(
        SAM,
        "2026-02-04",
        &["merge", "-q", "--no-ff", "-m", "Merge pull request #5 from jo/feature/export", "feature/export"],
    );
    let run = Rungs::new()
        .args(["harvest", "git", repo.dir.to_str().unwrap(), "--person", "Jo Park", "--author", "jo@example.com"])
        .args(["--since", "2026-01-01", "--dry-run", "--format", "json"])
        .args(["--dir", home.join("store").to_str().unwrap()])
        .env("RUNGS_TODAY", "2026-03-20")
        .ok();
    let found = json(&run);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{run}");
    assert_eq!(found[0]["date"], "2026-02-04", "{run}");
    assert_eq!(found[0]["commits"].as_array().unwrap().len(), 3, "{run}");
}

#[test]
fn a_pull_request_imported_from_git_is_not_offered_again_from_github_nor_the_other_way() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let prs = r#"[
      {"number": 42, "title": "Add rate limit banner", "url": "https://github.com/acme/web/pull/42",
       "mergedAt": "2026-03-03T17:30:00Z", "labels": [], "additions": 9, "deletions": 1, "body": ""},
      {"number": 50, "title": "Another change", "url": "https://github.com/acme/web/pull/50",
       "mergedAt": "2026-03-07T17:30:00Z", "labels": [], "additions": 9, "deletions": 1, "body": ""}
    ]"#;
    std::fs::write(home.join("prs.json"), prs).unwrap();
    let github = |store: &Path, extra: &[&str]| {
        rungs_in(&["harvest", "github", home.join("prs.json").to_str().unwrap(), "--person", "Jo Park"])
            .args(["--dir", store.to_str().unwrap()])
            .args(extra.iter().copied())
            .ok()
    };
    let urls = |text: &str| -> Vec<String> {
        json(text).as_array().unwrap().iter().map(|c| c["links"][0].as_str().unwrap_or_default().to_owned()).collect()
    };

    // From git first: the squash merge `(#42)` is saved, linked to its pull request.
    let first = home.join("first");
    harvest(home, &first, &["--yes"]).ok();
    assert_eq!(urls(&github(&first, &["--dry-run", "--format", "json"])), ["https://github.com/acme/web/pull/50"]);

    // From GitHub first: the pull request is saved; git no longer offers its squash commit.
    let second = home.join("second");
    github(&second, &["--all"]);
    let offered = harvest(home, &second, &["--dry-run", "--format", "json"]).ok();
    assert!(!offered.contains("Add rate limit banner"), "{offered}");
    assert!(offered.contains("Write the review guide"), "{offered}");
}

#[test]
fn with_no_rule_that_tags_yes_saves_nothing_and_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    std::fs::write(home.join("rules.toml"), "# no rules yet\n").unwrap();
    let run = harvest(home, &home.join("store"), &["--yes"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Saved 0 notes for Jo Park; 6 left for later: none was tagged"), "{}", run.stderr);
    assert!(run.stderr.contains("--all"), "{}", run.stderr);
}

#[test]
fn since_after_until_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let run = harvest(home, &home.join("store"), &["--until", "2026-02-01", "--dry-run"]).fails(2);
    assert!(run.stderr.contains("--since 2026-03-01 is after --until 2026-02-01"), "{}", run.stderr);
}

#[test]
fn a_folder_inside_a_repository_is_named_by_the_repository_and_a_file_is_named_a_file() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    fixture(home);
    let store = home.join("store");
    let inside = home.join("api").join("src");
    let run = rungs_in(&["harvest", "git", inside.to_str().unwrap(), "--person", "Jo Park"])
        .args(["--author", "jo@example.com", "--dry-run", "--format", "json", "--dir", store.to_str().unwrap()])
        .ok();
    let found = json(&run);
    let repos: std::collections::BTreeSet<&str> =
        found.as_array().unwrap().iter().map(|c| c["repo"].as_str().unwrap()).collect();
    assert_eq!(repos.into_iter().collect::<Vec<_>>(), ["api"], "{run}");
    std::fs::write(home.join("rules.toml"), RULES).unwrap();
    let file = rungs_in(&["harvest", "git", home.join("rules.toml").to_str().unwrap(), "--person", "Jo Park"])
        .args(["--author", "jo@example.com", "--dry-run", "--dir", store.to_str().unwrap()])
        .fails(2);
    assert!(file.stderr.contains("a file, not a folder"), "{}", file.stderr);
}
