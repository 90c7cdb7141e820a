//! `rungs harvest git|github|gitlab`: the person's own work, read offline,
//! offered as notes. The reading, tagging and what is already done belong
//! to [`crate::harvest`]; this module chooses, asks ([`triage`]) and saves
//! through the store's one write path, with one git commit per import.

mod triage;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{HarvestArgs, HarvestCommand};
use crate::collection::{notes_of, person_history};
use crate::config::Settings;
use crate::config::day;
use crate::error::{Error, Result};
use crate::harvest::rules::Rules;
use crate::harvest::skipped::Skipped;
use crate::harvest::{Candidate, git, github};
use crate::journal::{Note, SCHEMA, new_id};
use crate::ladder::builtin::DEFAULT_LADDER;
use crate::output::{say, show, skipped};
use crate::render::{Cell, Document, Format, Table, Tone, View};
use crate::who::{default_assessor, default_person};
use triage::{Decisions, Draft};

/// Runs `rungs harvest`.
///
/// # Errors
/// A bad flag, repository, file or rules file; no terminal without
/// `--yes`, `--all` or `--dry-run` (exit 2); a failed save.
pub fn run(settings: &Settings, source: &HarvestCommand) -> Result<()> {
    let common = match source {
        HarvestCommand::Git(args) => &args.common,
        HarvestCommand::Github(args) | HarvestCommand::Gitlab(args) => &args.common,
    };
    let since = common.since.as_deref().map(|d| day("--since", d)).transpose()?;
    let until = common.until.as_deref().map(|d| day("--until", d)).transpose()?;
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Error::Usage(format!("--since {since} is after --until {until}")));
    }
    let store = settings.store()?;
    let mut catalog = settings.catalog()?;
    let person = person(&store, common.person.as_deref())?;
    let ladder_id = common.ladder.clone().or_else(|| latest_ladder(&store, &person));
    let index = catalog
        .find_ladder(ladder_id.as_deref().unwrap_or(DEFAULT_LADDER))
        .map_err(|e| Error::Usage(format!("--ladder: {e}")))?;
    let ladder = catalog.get(index);
    let rules = rules(&store, common.rules.as_deref())?;
    rules.check(ladder)?;
    let mut candidates = match source {
        HarvestCommand::Git(args) => {
            let query = git::Query { authors: authors(&args.author, &args.repos)?, paths: rules.wants_paths() };
            let mut found = Vec::new();
            for repo in git::repositories(&args.repos, args.recursive)? {
                found.extend(git::read(&repo, &query)?);
            }
            found
        }
        HarvestCommand::Github(args) | HarvestCommand::Gitlab(args) => read_list(&args.file)?,
    };
    rules.tag_all(&mut candidates);
    let (notes, mut problems) = notes_of(&store, &person)?;
    let skipped_before = if common.reconsider {
        Vec::new()
    } else {
        let (keys, more) = crate::harvest::skipped::read_all(&store, &person)?;
        problems.extend(more);
        keys
    };
    let done = crate::harvest::done(&notes, &skipped_before);
    let fresh = crate::harvest::select(candidates, &done, since, until);
    if common.dry_run {
        show(&Listing { person, candidates: fresh }, common.output.format, settings)?;
        return skipped(settings, &problems);
    }
    let ids: Vec<String> = ladder.competencies.iter().map(|c| c.id.clone()).collect();
    let decisions = decide(settings, common, fresh, &ids)?;
    save(settings, &store, &person, common, decisions)?;
    skipped(settings, &problems)
}

/// What to save: by flag, or asked on the terminal.
fn decide(settings: &Settings, common: &HarvestArgs, fresh: Vec<Candidate>, ids: &[String]) -> Result<Decisions> {
    if common.yes || common.all {
        let (take, leave): (Vec<Candidate>, Vec<Candidate>) =
            fresh.into_iter().partition(|c| common.all || !c.competencies.is_empty());
        let accepted = take.iter().map(Draft::of).collect();
        return Ok(Decisions { accepted, skipped: Vec::new(), left: leave.len() });
    }
    if fresh.is_empty() {
        return Ok(Decisions::default());
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(format!(
            "{} to go through, and no terminal to ask on; add --yes (save the tagged ones), --all (save every \
             one) or --dry-run (list them)",
            crate::text::plural(fresh.len(), "candidate")
        )));
    }
    crate::signal::install_handler();
    let mut terminal = crate::interview::Terminal::new(settings.stderr);
    triage::triage(&mut terminal, &fresh, ids).map_err(|_| Error::Abandoned {
        what: "nothing was saved; run the same import again to start over".into(),
        signal: crate::signal::received(),
    })
}

/// Saves the accepted notes and the skip record, and commits them as one.
fn save(
    settings: &Settings,
    store: &crate::store::Store,
    person: &str,
    common: &HarvestArgs,
    decisions: Decisions,
) -> Result<()> {
    let now = chrono::Local::now().fixed_offset();
    let author =
        common.assessor.clone().or_else(|| default_assessor(store.root())).unwrap_or_else(|| person.to_owned());
    let mut paths: Vec<PathBuf> = Vec::new();
    // Every note is built and checked before the first is written: a
    // refusal leaves the store as it was.
    let notes: Vec<Note> = decisions
        .accepted
        .into_iter()
        .map(|draft| Note {
            schema: SCHEMA,
            id: new_id('n'),
            date: draft.date,
            created_at: now,
            person: person.to_owned(),
            author: author.clone(),
            competencies: draft.competencies,
            links: draft.links,
            text: draft.text,
            sources: draft.sources,
        })
        .collect();
    for note in &notes {
        let first = note.text.lines().next().unwrap_or("");
        note.validate(Path::new(first)).map_err(|e| Error::Usage(format!("nothing was saved: {e}")))?;
    }
    for note in &notes {
        let stem = format!("{}-{}", note.date, note.id);
        let audience = crate::store::Audience::of(person, &note.author);
        paths.push(store.create(&audience, crate::store::Kind::Note, &stem, &note.to_json())?);
    }
    let saved = notes;
    if !decisions.skipped.is_empty() {
        let record = Skipped {
            schema: crate::harvest::skipped::SCHEMA,
            id: new_id('s'),
            created_at: now,
            person: person.to_owned(),
            skipped: decisions.skipped.clone(),
        };
        paths.push(record.save(store)?);
    }
    let count = crate::text::plural(saved.len(), "note");
    let mut summary = format!("Saved {count} for {person}");
    if !decisions.skipped.is_empty() {
        summary.push_str(&format!("; skipped {}", decisions.skipped.len()));
    }
    if decisions.left > 0 {
        summary.push_str(&format!("; {} left for later", decisions.left));
        if saved.is_empty() && decisions.skipped.is_empty() {
            // Nothing was tagged: --yes takes only what the rules tag.
            summary.push_str(
                ": none was tagged to a competency; write rules (see docs/journal.md), \
                 triage them on a terminal, or take every one with --all",
            );
        }
    }
    say(&summary);
    if !paths.is_empty() {
        let relative: Vec<&Path> = paths.iter().map(|p| p.strip_prefix(store.root()).unwrap_or(p)).collect();
        let message = format!("Harvest: {count} for {person}");
        crate::output::commit_all(settings, store, &relative, crate::share::Author::Named(&author), &message);
    }
    if common.output.format == Format::Json {
        crate::output::emit(&crate::render::json(&saved))?;
    }
    Ok(())
}

/// `--person`, else you; written as the person's latest assessment writes
/// it when they have one.
fn person(store: &crate::store::Store, named: Option<&str>) -> Result<String> {
    let person = named
        .map(str::to_owned)
        .or_else(default_person)
        .ok_or_else(|| Error::Usage("whose work is it? name them with --person NAME".into()))?;
    let known = person_history(&store.person_dir(&person))
        .ok()
        .and_then(|(found, _)| found.last().map(|(_, a)| a.person.clone()));
    Ok(known.unwrap_or(person))
}

/// The ladder of a person's latest readable assessment.
fn latest_ladder(store: &crate::store::Store, person: &str) -> Option<String> {
    person_history(&store.person_dir(person)).ok()?.0.pop().map(|(_, a)| a.ladder.id)
}

/// `--author`, else git's `user.email` as the first repository sees it.
fn authors(given: &[String], repos: &[PathBuf]) -> Result<Vec<String>> {
    if let Some(bad) =
        given.iter().find(|a| a.trim().is_empty() || a.chars().any(|c| c.is_whitespace() || c == '<' || c == '>'))
    {
        return Err(Error::Usage(format!("--author: `{bad}` is not an email address")));
    }
    if !given.is_empty() {
        return Ok(given.iter().map(|a| a.trim().to_owned()).collect());
    }
    let first = repos.iter().find(|r| r.is_dir()).map_or(Path::new("."), PathBuf::as_path);
    crate::share::user_email(first).map(|e| vec![e]).ok_or_else(|| {
        Error::Usage("whose commits? git's user.email is not set; name your email with --author EMAIL".into())
    })
}

/// The rules: `--rules`, else `rules.toml` in the store, else in the
/// user's configuration folder, else none (every candidate untagged).
fn rules(store: &crate::store::Store, given: Option<&Path>) -> Result<Rules> {
    if let Some(path) = given {
        return Rules::load(path);
    }
    use etcetera::BaseStrategy;
    let config = etcetera::choose_base_strategy().ok().map(|b| b.config_dir().join("rungs").join("rules.toml"));
    let found = std::iter::once(store.root().join("rules.toml")).chain(config).find(|p| p.exists());
    found.map_or_else(|| Ok(Rules::default()), |path| Rules::load(&path))
}

/// A saved `gh` or `glab` list: the file, or stdin for `-`.
fn read_list(file: &Path) -> Result<Vec<Candidate>> {
    if file == Path::new("-") {
        let mut text = String::new();
        crate::store::read_bounded(std::io::stdin(), Path::new("stdin"), &mut text)?;
        return github::parse(&text, Path::new("stdin"));
    }
    github::parse(&crate::store::read_text(file)?, file)
}

/// The candidates of a dry run: the pinned JSON, and a table.
#[derive(Serialize)]
#[serde(transparent)]
struct Listing {
    candidates: Vec<Candidate>,
    #[serde(skip)]
    person: String,
}

impl View for Listing {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let count = crate::text::plural(self.candidates.len(), "candidate");
        doc.heading(1, format!("{}: {count}", self.person));
        if self.candidates.is_empty() {
            doc.text(Cell::new(
                "Nothing new: every piece of work found is a note already, or was skipped",
                Tone::Muted,
            ));
            return doc;
        }
        let mut table = Table::new(["Date", "Repository", "Work", "Evidence for", "Commits"]);
        for c in &self.candidates {
            let tags = if c.competencies.is_empty() {
                Cell::new("untagged", Tone::Muted)
            } else {
                c.competencies.join(", ").into()
            };
            let commits = if c.commits.is_empty() { String::new() } else { c.commits.len().to_string() };
            table.row([
                c.date.to_string().into(),
                c.repo.as_str().into(),
                c.title.as_str().into(),
                tags,
                commits.into(),
            ]);
        }
        doc.table(table);
        doc
    }
}
