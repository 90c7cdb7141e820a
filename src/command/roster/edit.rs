//! The saves of `rungs roster`: `add`, `set` and `import`. Each builds the
//! new roster, refuses it when it has a problem the old one did not, then
//! writes it in one atomic replace and commits it in a git store.

use std::collections::HashSet;
use std::path::Path;

use crate::cli::{PersonArgs, RosterImportArgs};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::roster::{Person, Roster};
use crate::share::Author;
use crate::store::{Store, people};

/// The store's roster, or an empty one named as its file.
fn current(store: &Store) -> Result<Roster> {
    let roster = crate::who::roster(store)?;
    Ok(roster.unwrap_or_else(|| Roster::new(Vec::new(), None, &people::path(store).display().to_string())))
}

/// Checks `new` against `old`, saves it and commits it.
fn save(settings: &Settings, store: &Store, (old, new): (&Roster, &Roster), message: &str, usage: bool) -> Result<()> {
    no_new_problem(settings, (old, new), usage)?;
    let path = people::save(store, new)?;
    crate::output::say(&format!("{message}: {}", path.display()));
    crate::output::commit(settings, store, &path, Author::User, message);
    // Your own change to an encrypted store's roster is not said back to you.
    crate::store::seen::saved(store, new);
    Ok(())
}

/// Refuses a change that would give the roster a problem it did not have:
/// a save never adds one, and a dry run says so just as the save would.
fn no_new_problem(settings: &Settings, (old, new): (&Roster, &Roster), usage: bool) -> Result<()> {
    let catalog = settings.catalog()?;
    let before: HashSet<String> = crate::roster::check(old, &catalog).into_iter().map(|d| d.message).collect();
    let added: Vec<String> =
        crate::roster::check(new, &catalog).into_iter().map(|d| d.message).filter(|m| !before.contains(m)).collect();
    if added.is_empty() {
        return Ok(());
    }
    let text = format!("the roster was not changed:\n  {}", added.join("\n  "));
    Err(if usage { Error::Usage(text) } else { Error::Other(text) })
}

/// A flag's value: `None` when not given, `Some(None)` when given empty (clear it).
fn value(flag: Option<&String>) -> Option<Option<String>> {
    flag.map(|v| Some(crate::text::nfc(v.trim())).filter(|v| !v.is_empty()))
}

/// Puts the flags given into `person`; a manager given by email becomes their name.
fn apply(roster: &Roster, person: &mut Person, args: &PersonArgs) -> Result<()> {
    if let Some(manager) = value(args.manager.as_ref()) {
        person.manager = match manager {
            Some(m) => Some(
                crate::who::in_roster(roster, &m).map_err(|e| Error::Usage(format!("--manager: {e}")))?.name.clone(),
            ),
            None => None,
        };
    }
    let fields = [
        (&mut person.email, &args.email),
        (&mut person.ladder, &args.ladder),
        (&mut person.level, &args.level),
        (&mut person.target, &args.target),
        (&mut person.team, &args.team),
    ];
    for (slot, flag) in fields {
        if let Some(v) = value(flag.as_ref()) {
            *slot = v;
        }
    }
    if !args.key.is_empty() {
        person.keys = args.key.iter().map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect();
    }
    if !args.role.is_empty() {
        person.roles = args.role.iter().map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).collect();
        if let Some(role) = person.roles.iter().find(|r| !crate::roster::ROLES.contains(&r.as_str())) {
            return Err(Error::Usage(format!(
                "--role: unknown role `{role}`; the roles are: {}",
                crate::roster::ROLES.join(", ")
            )));
        }
    }
    if let Some(left) = value(args.left.as_ref()) {
        person.left = left.map(|d| crate::config::day("--left", &d)).transpose()?;
    }
    for (flag, text) in [("--email", &person.email), ("--team", &person.team), ("--ladder", &person.ladder)] {
        if let Some(why) = text.as_deref().and_then(bad) {
            return Err(Error::Usage(format!("{flag} {why}")));
        }
    }
    Ok(())
}

/// Why a typed value cannot be kept, if it cannot.
fn bad(text: &str) -> Option<String> {
    let fine = text.chars().count() <= crate::ladder::parse::MAX_NAME_CHARS
        && !text.contains(['\n', '\t'])
        && matches!(crate::untrusted::terminal(text), std::borrow::Cow::Borrowed(_));
    (!fine).then(|| "holds a control character or is longer than 200 characters".to_owned())
}

/// `rungs roster add`.
///
/// # Errors
/// A name already in the roster, a flag that makes a problem, or a failed save.
pub fn add(settings: &Settings, args: &PersonArgs) -> Result<()> {
    let store = settings.store()?;
    let old = current(&store)?;
    let name = crate::text::nfc(args.name.trim());
    if name.is_empty() || bad(&name).is_some() {
        return Err(Error::Usage(format!(
            "`{}` cannot be a name: empty, too long, or with a control character",
            args.name
        )));
    }
    if let Some(there) = old.get(&name) {
        let quoted = crate::text::shell_quote(&there.name);
        return Err(Error::Usage(format!(
            "{} is already in the roster; change them with: rungs roster set {quoted} --FIELD VALUE",
            there.name
        )));
    }
    if args.rename.is_some() {
        return Err(Error::Usage("--rename goes with `rungs roster set`".into()));
    }
    let mut person = Person::named(&name);
    apply(&old, &mut person, args)?;
    let mut new = old.clone();
    new.people.push(person);
    new.index();
    save(settings, &store, (&old, &new), &format!("Roster: add {name}"), true)
}

/// `rungs roster set`.
///
/// # Errors
/// A person not in the roster, a flag that makes a problem, or a failed save.
pub fn set(settings: &Settings, args: &PersonArgs) -> Result<()> {
    let store = settings.store()?;
    let Some(old) = crate::who::roster(&store)? else {
        return Err(Error::Usage(format!(
            "there is no roster in {} yet; start one with: rungs roster add NAME",
            store.root().display()
        )));
    };
    let name = crate::who::in_roster(&old, &args.name)?.name.clone();
    let at = old.index_of(&name).expect("found in the roster");
    let mut new = old.clone();
    let mut person = new.people[at].clone();
    apply(&old, &mut person, args)?;
    if let Some(rename) = args.rename.as_deref().map(|r| crate::text::nfc(r.trim())) {
        if rename.is_empty() || bad(&rename).is_some() || old.get(&rename).is_some_and(|p| p.name != name) {
            return Err(Error::Usage(format!("--rename: `{rename}` is empty, not a name, or someone else's")));
        }
        for p in &mut new.people {
            if p.manager.as_deref() == Some(name.as_str()) {
                p.manager = Some(rename.clone());
            }
        }
        if store.person_dir(&name).is_dir() && !store.person_dir(&rename).is_dir() {
            crate::output::warn(
                settings,
                &format!(
                    "the assessments, notes and goals of {name} stay in {}: they are found under the old name",
                    store.person_dir(&name).display()
                ),
            );
        }
        person.name = rename;
    }
    if person == new.people[at] {
        crate::output::say(&format!("{name}: nothing to change"));
        return Ok(());
    }
    new.people[at] = person;
    new.index();
    save(settings, &store, (&old, &new), &format!("Roster: change {name}"), true)
}

/// `rungs roster import`.
///
/// # Errors
/// A file that cannot be read, rows that cannot be used (each named by its
/// line), a roster that would have a new problem, or a failed save.
pub fn import(settings: &Settings, args: &RosterImportArgs) -> Result<()> {
    let store = settings.store()?;
    let old = current(&store)?;
    let text = if args.file == Path::new("-") {
        let mut text = String::new();
        crate::store::read_bounded(std::io::stdin(), Path::new("stdin"), &mut text).map(|()| text)?
    } else {
        crate::store::read_named(&args.file)?
    };
    let shown = args.file.display().to_string();
    let (new, changes) = crate::roster::merge::merge(&old, &text, &shown, args.prune)
        .map_err(|problems| Error::Other(problems.join("\n")))?;
    let quote = |names: &[String]| {
        names.iter().map(|n| crate::untrusted::terminal(n).into_owned()).collect::<Vec<_>>().join(", ")
    };
    let mut said = Vec::new();
    if !changes.added.is_empty() {
        said.push(format!("added {}: {}", changes.added.len(), quote(&changes.added)));
    }
    if !changes.updated.is_empty() {
        let updated: Vec<String> = changes.updated.iter().map(|(n, f)| format!("{n} ({})", f.join(", "))).collect();
        said.push(format!("updated {}: {}", updated.len(), quote(&updated)));
    }
    if !changes.removed.is_empty() {
        said.push(format!("removed {}: {}", changes.removed.len(), quote(&changes.removed)));
    }
    if said.is_empty() {
        said.push("nothing to change".into());
    }
    if !changes.ignored.is_empty() {
        said.push(format!("columns passed over: {}", changes.ignored.join(", ")));
    }
    let summary = said.join("\n");
    let changed = !(changes.added.is_empty() && changes.updated.is_empty() && changes.removed.is_empty());
    if args.dry_run && changed {
        no_new_problem(settings, (&old, &new), false)?;
    }
    if args.dry_run || !changed {
        crate::output::emit(&format!("{}{summary}\n", if args.dry_run { "Dry run, nothing saved.\n" } else { "" }))?;
        return Ok(());
    }
    let file = args.file.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let (added, updated, removed) = (changes.added.len(), changes.updated.len(), changes.removed.len());
    let message = format!("Roster: import {file} ({added} added, {updated} updated, {removed} removed)");
    save(settings, &store, (&old, &new), &message, false)?;
    crate::output::emit(&format!("{summary}\n"))
}
