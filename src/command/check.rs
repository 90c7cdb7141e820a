//! `rungs check`: looks over a whole store and the custom ladders folder and
//! names every problem: broken, oversize or unknown-schema files, unknown
//! ladders, entries that are not regular files, links, stale drafts,
//! leftovers of interrupted saves, files whose name disagrees with their
//! content, note or goal ids used twice, and files that leave out a
//! competency their target level expects. `--fix` removes the leftovers of
//! saves that are no longer running, and nothing else.
//!
//! It reads through the store's file layer, so it is as safe on a hostile
//! store as every other command: nothing is followed, nothing blocks.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::assessment::answers::Answers;
use crate::assessment::{Assessment, SCHEMA};
use crate::cli::StoreCheckArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::journal::{Goal, Note};
use crate::ladder::catalog::{self, Catalog};
use crate::output::show;
use crate::render::{Cell, Document, Table, Tone, View};
use crate::store::{self, Kind, Leftover};

/// A draft untouched for this many days is reported as stale.
pub const STALE_DRAFT_DAYS: u64 = 30;

/// One problem found.
#[derive(Debug, Serialize)]
struct Problem {
    path: PathBuf,
    kind: &'static str,
    message: String,
}

/// Everything `check` found and fixed.
#[derive(Debug, Default, Serialize)]
struct Checked {
    problems: Vec<Problem>,
    fixed: Vec<PathBuf>,
    #[serde(skip)]
    root: PathBuf,
    /// The first record seen with each id, by kind and lowercase id.
    #[serde(skip)]
    ids: std::collections::HashMap<(&'static str, String), PathBuf>,
}

impl Checked {
    fn add(&mut self, path: &Path, kind: &'static str, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_owned(), kind, message: message.into() });
    }

    /// Records a read error as the problem it is.
    fn add_error(&mut self, path: &Path, error: &Error) {
        // A record sealed to other people is as it should be: counted, not a problem.
        if error.is_not_for_you() {
            return;
        }
        let kind = match store::inspect(path) {
            Ok(Some(refusal)) => refusal.kind(),
            _ => "broken",
        };
        let message = match error {
            Error::InvalidFile { message, .. } => message.clone(),
            other => other.to_string(),
        };
        self.add(path, kind, message);
    }
}

/// Runs `rungs check`.
///
/// # Errors
/// An unreadable store folder; exit 1 when any problem remains.
pub fn run(settings: &Settings, args: &StoreCheckArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let mut checked = Checked { root: store.root().to_owned(), ..Checked::default() };
    if let Some((dir, _)) = &settings.ladders {
        check_ladders(dir, &mut checked)?;
    }
    let now = SystemTime::now();
    for path in sorted(store.root())? {
        match entry_kind(&path) {
            Entry::Folder => check_person(&path, &catalog, now, &mut checked)?,
            Entry::Refused(refusal) => checked.add(&path, refusal.kind(), describe(&path, refusal, store.root())),
            Entry::Other => {}
        }
    }
    if let Some(found) = store::people::problems(&store, &catalog)? {
        let roster = store::people::path(&store);
        for problem in found {
            checked.add(
                &roster,
                "roster",
                format!("line {}, column {}: {}", problem.line, problem.column, problem.message),
            );
        }
    }
    if !store.is_sealed() && store.person_dirs()?.iter().any(|d| store::holds_sealed(d)) {
        checked.add(
            &store.root().join(crate::store::readers::MARKER),
            "marker",
            "missing, though the store holds encrypted records: saves here would be plain text beside them \
             (rungs refuses them); restore it with rungs encrypt",
        );
    }
    if store.lost_marker() {
        checked.add(
            &store.root().join(crate::store::readers::MARKER),
            "marker",
            "gone: this clone saw the store encrypted, and keeps sealing what it saves; a commit removed the \
             marker, which would make other clones save in plain text: restore it with rungs encrypt",
        );
    }
    if store.is_sealed() {
        check_readers(&store, &mut checked)?;
    }
    if args.fix {
        fix(&mut checked);
    }
    show(&checked, args.output.format, settings)?;
    match checked.problems.len() {
        0 => Ok(()),
        count => Err(Error::Other(format!("{} in {}", crate::text::plural(count, "problem"), store.root().display()))),
    }
}

/// In an encrypted store, every record the user's key opens is sealed to
/// the readers the roster gives it today.
fn check_readers(store: &crate::store::Store, checked: &mut Checked) -> Result<()> {
    let own = crate::seal::keyring().map(|k| k.public().to_vec()).unwrap_or_default();
    let plan = store::rekey::plan(store, None, &own)?;
    for change in plan.changes {
        let kind = if change.why == store::rekey::Why::Plain { "plain" } else { "readers" };
        checked.add(&change.path, kind, change.why.to_string());
    }
    for problem in plan.problems {
        if let Error::InvalidFile { path, message } = &problem
            && message.starts_with("its readers")
        {
            checked.add(path, "readers", message.clone());
        }
    }
    Ok(())
}

/// What an entry of a folder is, looked at without following links.
enum Entry {
    /// A real folder.
    Folder,
    /// A link or something other than a file or folder.
    Refused(store::Refusal),
    /// A regular file, or hidden.
    Other,
}

fn entry_kind(path: &Path) -> Entry {
    if store::is_hidden(path) {
        return Entry::Other;
    }
    match store::look(path) {
        Ok(m) if m.is_dir() => Entry::Folder,
        Ok(m) => store::refusal(&m).filter(|r| r.kind() != "too-large").map_or(Entry::Other, Entry::Refused),
        Err(_) => Entry::Other,
    }
}

/// The message for a refused entry; a link says where it leads.
fn describe(path: &Path, refusal: store::Refusal, root: &Path) -> String {
    if refusal != store::Refusal::Link {
        return refusal.to_string();
    }
    let inside = |target: &Path| root.canonicalize().is_ok_and(|root| target.starts_with(root));
    match path.canonicalize() {
        Err(_) => "a symbolic link that leads nowhere (broken, or a loop); rungs does not follow it".into(),
        Ok(target) if inside(&target) => "a symbolic link inside the store; rungs does not follow it".into(),
        Ok(target) => {
            format!("a symbolic link leading out of the store, to {}; rungs never follows it", target.display())
        }
    }
}

fn sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = store::read_dir(dir)?;
    paths.sort();
    Ok(paths)
}

/// Every `*.toml` of the custom ladders folder must load.
fn check_ladders(dir: &Path, checked: &mut Checked) -> Result<()> {
    for path in sorted(dir)?.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        if let Err(error) = catalog::read_listed_file(path) {
            checked.add_error(path, &error);
        }
    }
    Ok(())
}

/// One person's folder: assessments, drafts, leftovers.
fn check_person(dir: &Path, catalog: &Catalog, now: SystemTime, checked: &mut Checked) -> Result<()> {
    for path in sorted(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if store::is_temp_name(&name) {
            check_leftover(&path, checked);
        } else if name.starts_with(".draft-") {
            check_draft(&path, now, checked);
        } else if name.ends_with(".json") && !store::is_hidden(&path) {
            check_assessment(&path, &name, catalog, checked);
        } else if let Some(kind) = [Kind::Note, Kind::Goal, Kind::Harvest, Kind::Shared]
            .into_iter()
            .find(|k| k.folder() == Some(name.as_str()))
        {
            check_records(&path, kind, checked)?;
        } else if let Entry::Refused(refusal) = entry_kind(&path) {
            checked.add(&path, refusal.kind(), describe(&path, refusal, &checked.root));
        }
    }
    Ok(())
}

/// A folder of notes, goals, harvest skip records or shared aggregates: every record readable, no leftovers, no links.
fn check_records(dir: &Path, kind: Kind, checked: &mut Checked) -> Result<()> {
    if let Entry::Refused(refusal) = entry_kind(dir) {
        checked.add(dir, refusal.kind(), describe(dir, refusal, &checked.root));
        return Ok(());
    }
    for path in sorted(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if store::is_temp_name(&name) {
            check_leftover(&path, checked);
        } else if name.ends_with(".json") && !store::is_hidden(&path) {
            let read = store::read_record(&path).map(|o| o.text).and_then(|text| match kind {
                Kind::Goal => Goal::from_json(&text, &path).map(|g| (g.id.clone(), g.id)),
                Kind::Harvest => crate::harvest::skipped::Skipped::from_json(&text, &path)
                    .map(|s| (format!("{}-{}", s.created_at.date_naive(), s.id), s.id)),
                Kind::Shared => crate::assessment::shared::SharedPeers::from_json(&text, &path)
                    .map(|s| (format!("{}-{}", s.date, s.id), s.id)),
                _ => Note::from_json(&text, &path).map(|n| (format!("{}-{}", n.date, n.id), n.id)),
            });
            match read {
                Ok((stem, id)) => check_id(&path, &name, kind, (&stem, &id), checked),
                Err(error) => checked.add_error(&path, &error),
            }
        } else if let Entry::Refused(refusal) = entry_kind(&path) {
            checked.add(&path, refusal.kind(), describe(&path, refusal, &checked.root));
        }
    }
    Ok(())
}

/// A record's id: its file is named by it (`stem`, then `.json`), and no
/// other record of its kind has it, in any case, since ids are looked up
/// across the store whatever their case.
fn check_id(path: &Path, name: &str, kind: Kind, (stem, id): (&str, &str), checked: &mut Checked) {
    let (what, naming) = match kind {
        Kind::Goal => ("goal", "id names"),
        Kind::Harvest => ("skip record", "date and id name"),
        Kind::Shared => ("shared aggregate", "date and id name"),
        _ => ("note", "date and id name"),
    };
    if name != format!("{stem}.json") {
        checked.add(path, "misnamed", format!("its {naming} it {stem}.json, not {name}"));
    }
    let key = (what, id.to_lowercase());
    match checked.ids.get(&key) {
        Some(first) => {
            let first = first.strip_prefix(&checked.root).unwrap_or(first).display().to_string();
            checked.add(path, "duplicate-id", format!("its {what} id `{id}` is also that of {first}"));
        }
        None => {
            checked.ids.insert(key, path.to_owned());
        }
    }
}

/// A save's temporary file is a leftover unless a running save holds it.
fn check_leftover(path: &Path, checked: &mut Checked) {
    match store::is_in_use(path) {
        Ok(true) => {}
        Ok(false) => checked.add(path, "leftover", "the temporary file of an interrupted save; remove it with --fix"),
        Err(error) => checked.add_error(path, &error),
    }
}

fn check_draft(path: &Path, now: SystemTime, checked: &mut Checked) {
    let text = match store::read_record(path).map(|o| o.text) {
        Ok(text) => text,
        Err(error) => return checked.add_error(path, &error),
    };
    if let Err(error) = Answers::parse(&text, path) {
        return checked.add_error(path, &error);
    }
    let modified = store::look(path).and_then(|m| m.modified()).unwrap_or(now);
    let age = now.duration_since(modified).unwrap_or_default();
    if age > Duration::from_secs(STALE_DRAFT_DAYS * 24 * 3600) {
        let days = age.as_secs() / (24 * 3600);
        let message = format!(
            "an unfinished interview, untouched for {days} days; continue it with rungs assess --resume, or remove it"
        );
        checked.add(path, "stale-draft", message);
    }
}

fn check_assessment(path: &Path, name: &str, catalog: &Catalog, checked: &mut Checked) {
    #[derive(Deserialize)]
    struct Version {
        schema: Option<u32>,
    }
    let text = match store::read_record(path).map(|o| o.text) {
        Ok(text) => text,
        Err(error) => return checked.add_error(path, &error),
    };
    let assessment = match Assessment::from_json(&text, path) {
        Ok(assessment) => assessment,
        Err(error) => {
            let schema = serde_json::from_str::<Version>(&text).ok().and_then(|v| v.schema);
            if schema.is_some_and(|s| s != SCHEMA) {
                return checked.add(
                    path,
                    "unknown-schema",
                    format!("schema version {} is not supported", schema.unwrap_or(0)),
                );
            }
            return checked.add_error(path, &error);
        }
    };
    check_content(path, name, &assessment, catalog, checked);
}

/// Ladders loaded, folder and file name agreeing with the content.
fn check_content(path: &Path, name: &str, a: &Assessment, catalog: &Catalog, checked: &mut Checked) {
    let mut ids = vec![a.ladder.id.as_str(), a.target_ladder_id()];
    ids.dedup();
    for id in ids {
        if !catalog.entries().iter().any(|e| e.ladder.id == id) {
            checked.add(path, "unknown-ladder", format!("its ladder `{id}` is not loaded (add it with --ladders DIR)"));
        }
    }
    let folder = path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
    let slug = crate::text::slug(&a.person);
    if folder.as_deref() != Some(slug.as_str()) {
        checked.add(path, "misplaced", format!("its person `{}` belongs in the folder `{slug}`", a.person));
    }
    if !name.starts_with(&a.date.to_string()) {
        checked.add(path, "misnamed", format!("its date is {}, but its name does not begin with it", a.date));
    }
    check_complete(path, a, catalog, checked);
}

/// Every competency the target level expects is rated: one left out is
/// never ready, so a file that leaves one out is named.
fn check_complete(path: &Path, a: &Assessment, catalog: &Catalog, checked: &mut Checked) {
    let asks = catalog.asks((&a.ladder.id, &a.current), (a.target_ladder_id(), &a.target));
    let Some(expected) = &asks.expected else {
        // A loaded ladder without that level: readiness cannot be scored against it.
        if let Some(entry) = catalog.entries().iter().find(|e| e.ladder.id == a.target_ladder_id()) {
            let message = format!("its target level `{}` is not a level of `{}`", a.target, entry.ladder.id);
            checked.add(path, "unknown-level", message);
        }
        return;
    };
    let unrated = asks.unrated(&crate::scoring::current_only(&a.current, &a.target, &a.ratings));
    let rated = a.competencies();
    let missing = crate::scoring::not_rated(expected, |id| rated.contains(&id) && !unrated.iter().any(|u| u == id));
    if !missing.is_empty() {
        let message = format!(
            "{} expects {} it does not rate: {} (not rated counts as not ready)",
            a.target,
            if missing.len() == 1 { "a competency" } else { "competencies" },
            missing.join(", ")
        );
        checked.add(path, "incomplete", message);
    }
}

/// Removes the leftovers that no running save holds; they are fixed.
fn fix(checked: &mut Checked) {
    let problems = std::mem::take(&mut checked.problems);
    for problem in problems {
        if problem.kind != "leftover" {
            checked.problems.push(problem);
            continue;
        }
        match store::remove_if_abandoned(&problem.path) {
            Ok(Leftover::Removed) => checked.fixed.push(problem.path),
            Ok(Leftover::InUse) => {}
            Err(error) => checked.add(&problem.path, "leftover", format!("cannot remove it: {error}")),
        }
    }
}

impl View for Checked {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        if !self.problems.is_empty() {
            let mut table = Table::new(["File", "Problem", "What is wrong"]);
            for p in &self.problems {
                let path = p.path.strip_prefix(&self.root).unwrap_or(&p.path).display().to_string();
                table.row([Cell::from(path), Cell::new(p.kind, Tone::Bad), Cell::from(p.message.as_str())]);
            }
            doc.table(table);
        }
        let fixed = self.fixed.iter().map(|p| format!("removed {}", p.display()));
        doc.list(fixed);
        let summary = match self.problems.len() {
            0 => Cell::new(format!("No problems in {}", self.root.display()), Tone::Good),
            n => Cell::new(format!("{} in {}", crate::text::plural(n, "problem"), self.root.display()), Tone::Bad),
        };
        doc.text(summary);
        doc
    }
}
