//! `rungs note`, `rungs notes`, `rungs goal add|done|drop` and `rungs goals`:
//! the journal between assessments. Records are written through the
//! store's one write path, one file each, so clones merge cleanly.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{GoalAddArgs, GoalCloseArgs, GoalsArgs, NoteArgs, NotesArgs};
use crate::collection::{goals_of, notes_of, person_history, unknown_person};
use crate::config::{Settings, day};
use crate::documents::journal::{Goals, Listed, Notes, listed, sort_goals};
use crate::error::{Error, Result};
use crate::journal::{Goal, GoalStatus, Note, NoteFilter, SCHEMA, new_id};
use crate::ladder::Ladder;
use crate::ladder::builtin::DEFAULT_LADDER;
use crate::ladder::catalog::{Catalog, Titles};
use crate::output::{show, skipped};
use crate::render::{Format, View};
use crate::share::Author;
use crate::store::{Audience, Kind, Store};
use crate::text::near_matches;
use crate::untrusted::is_web_link;
use crate::who::{default_assessor, default_person};

/// Runs `rungs note`.
///
/// # Errors
/// An unknown competency or a bad link (exit 2), no text, or a failed save.
pub fn note(settings: &Settings, args: &NoteArgs) -> Result<()> {
    let now = chrono::Local::now().fixed_offset();
    let store = settings.store()?;
    let mut catalog = settings.catalog()?;
    let person = given_or_default(&store, args.person.as_deref())?;
    let index = ladder_of(&store, &mut catalog, &person, args.ladder.as_deref())?;
    let ladder = catalog.get(index);
    let competencies =
        args.competency.iter().map(|id| competency(ladder, id, "--competency")).collect::<Result<Vec<String>>>()?;
    if let Some(link) = args.link.iter().find(|l| !is_web_link(l)) {
        return Err(Error::Usage(format!("--link: `{link}` is not an http or https address")));
    }
    let date = args.date.as_deref().map(|d| day("--date", d)).transpose()?.unwrap_or(settings.today);
    crate::config::not_ahead("--date", date, settings.today, args.allow_future)?;
    let author = args.assessor.clone().or_else(|| default_assessor(store.root())).unwrap_or_else(|| person.clone());
    let note = Note {
        schema: SCHEMA,
        id: new_id('n'),
        date,
        created_at: now,
        person: person.clone(),
        author,
        competencies,
        links: args.link.clone(),
        text: note_text(args.text.as_deref(), settings)?,
        sources: Vec::new(),
    };
    note.validate(Path::new("the note")).map_err(|e| Error::Usage(e.to_string()))?;
    let audience = Audience::of(&person, &note.author);
    let path = store.create(&audience, Kind::Note, &format!("{date}-{}", note.id), &note.to_json())?;
    crate::output::say(&format!("Noted {} for {person} on {date}: {}", note.id, path.display()));
    let tags =
        if note.competencies.is_empty() { String::new() } else { format!(" ({})", note.competencies.join(", ")) };
    crate::output::commit(
        settings,
        &store,
        &path,
        Author::Named(&note.author),
        &format!("Note on {person}{tags}, {date}"),
    );
    let titles = Titles::of(&catalog, &ladder.id);
    echo(&Notes { person, notes: vec![note], titles }, args.output.format, settings)
}

/// The note's text: the argument, stdin for `-`, else `$EDITOR` on a terminal.
fn note_text(text: Option<&str>, settings: &Settings) -> Result<String> {
    let text = match text {
        Some("-") => {
            let mut text = String::new();
            crate::store::read_bounded(std::io::stdin(), Path::new("stdin"), &mut text)?;
            text
        }
        Some(text) => text.to_owned(),
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            use crate::interview::Prompter;
            let mut terminal = crate::interview::Terminal::new(settings.stderr);
            terminal.edit("").map_err(|_| Error::Other("the editor did not return a note".into()))?
        }
        None => return Err(Error::Usage("give the note's text as an argument, or - to read it from stdin".into())),
    };
    let text = text.trim().to_owned();
    if text.is_empty() {
        return Err(Error::Usage("the note is empty; nothing was saved".into()));
    }
    Ok(text)
}

/// Prints a record just written on stdout when asked for JSON or Markdown;
/// on a terminal table the line on stderr has said it all.
fn echo(view: &impl View, format: Format, settings: &Settings) -> Result<()> {
    if format == Format::Table { Ok(()) } else { show(view, format, settings) }
}

/// `--person`, else git's `user.name` or the login name; written as the
/// person's latest assessment writes it when they have one, so that
/// `--person ada-lovelace` files notes under "Ada Lovelace".
fn given_or_default(store: &Store, person: Option<&str>) -> Result<String> {
    // With a roster, a typed name must be in it (an email stands for its name).
    let person = person
        .map(|p| crate::who::resolve_person(store, p))
        .transpose()?
        .or_else(default_person)
        .ok_or_else(|| Error::Usage("who is it about? name them with --person NAME".into()))?;
    let known = person_history(&store.person_dir(&person))
        .ok()
        .and_then(|(found, _)| found.last().map(|(_, a)| a.person.clone()));
    Ok(known.unwrap_or(person))
}

/// The person a listing is about: the one named, else you when you have a
/// folder, else the only person.
fn listed_person(store: &Store, person: Option<&str>) -> Result<String> {
    let person = crate::who::person_or_only(store, person)?;
    if !store.person_dir(&person).is_dir() {
        return Err(unknown_person(store, &person));
    }
    Ok(person)
}

/// The ladder whose competencies a record names: `--ladder`, else that of
/// the person's latest assessment, else the default.
fn ladder_of(store: &Store, catalog: &mut Catalog, person: &str, ladder: Option<&str>) -> Result<usize> {
    let id = ladder.map(str::to_owned).or_else(|| latest_ladder(store, person));
    catalog.find_ladder(id.as_deref().unwrap_or(DEFAULT_LADDER)).map_err(|e| Error::Usage(format!("--ladder: {e}")))
}

/// The ladder of a person's latest readable assessment.
fn latest_ladder(store: &Store, person: &str) -> Option<String> {
    person_history(&store.person_dir(person)).ok()?.0.pop().map(|(_, a)| a.ladder.id)
}

/// A competency id of `ladder`, or a usage error with near matches.
fn competency(ladder: &Ladder, id: &str, flag: &str) -> Result<String> {
    let ids: Vec<&str> = ladder.competencies.iter().map(|c| c.id.as_str()).collect();
    if let Some(found) = ids.iter().find(|c| c.eq_ignore_ascii_case(id)) {
        return Ok((*found).to_owned());
    }
    let hint = match near_matches(id, ids.iter().copied()).as_slice() {
        [] => String::new(),
        near => format!("\n  did you mean `{}`?", near.join("`, `")),
    };
    Err(Error::Usage(format!(
        "{flag}: `{id}` is not a competency of the {} ladder{hint}\n  its competencies: {}",
        ladder.id,
        ids.join(", ")
    )))
}

/// Runs `rungs notes`.
///
/// # Errors
/// An unknown person or a bad date; exit 1 after the list when a note file was skipped.
pub fn notes(settings: &Settings, args: &NotesArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let person = listed_person(&store, args.person.as_deref())?;
    let competency = match &args.competency {
        Some(id) => {
            let mut catalog = settings.catalog()?;
            let index = ladder_of(&store, &mut catalog, &person, None)?;
            Some(self::competency(catalog.get(index), id, "--competency")?)
        }
        None => None,
    };
    let filter = NoteFilter {
        competency,
        since: args.since.as_deref().map(|d| day("--since", d)).transpose()?,
        until: args.until.as_deref().map(|d| day("--until", d)).transpose()?,
    };
    let (notes, problems) = notes_of(&store, &person)?;
    let shown = notes.first().map_or(person, |n| n.person.clone());
    let notes: Vec<Note> = notes.into_iter().filter(|n| filter.admits(n)).collect();
    let titles = Titles::of(&catalog, latest_ladder(&store, &shown).as_deref().unwrap_or(DEFAULT_LADDER));
    show(&Notes { person: shown, notes, titles }, args.output.format, settings)?;
    skipped(settings, &problems)
}

/// Runs `rungs goal add`.
///
/// # Errors
/// An unknown competency or level, a bad date (exit 2), or a failed save.
pub fn goal_add(settings: &Settings, args: &GoalAddArgs) -> Result<()> {
    let today = settings.today;
    let set = args.date.as_deref().map(|d| day("--date", d)).transpose()?.unwrap_or(today);
    crate::config::not_ahead("--date", set, today, args.allow_future)?;
    let due = args.due.as_deref().map(|d| day("--due", d)).transpose()?;
    if let Some(due) = due {
        crate::config::not_behind("--due", due, today, args.allow_past)?;
    }
    let store = settings.store()?;
    let mut catalog = settings.catalog()?;
    let person = given_or_default(&store, args.person.as_deref())?;
    let index = ladder_of(&store, &mut catalog, &person, args.ladder.as_deref())?;
    let ladder = catalog.get(index).id.clone();
    let competency = competency(catalog.get(index), &args.competency, "--competency")?;
    let level = match args.level.as_deref() {
        Some(name) => {
            let at = catalog.find_level_in(index, name).map_err(|e| Error::Usage(format!("--level: {e}")))?;
            Some(catalog.level(at).level().id.clone())
        }
        None => None,
    };
    let goal = Goal {
        schema: SCHEMA,
        id: new_id('g'),
        person: person.clone(),
        competency,
        level,
        text: args.text.trim().to_owned(),
        created: set,
        due,
        status: GoalStatus::Open,
        closed: None,
        outcome: String::new(),
    };
    if goal.text.is_empty() {
        return Err(Error::Usage("the goal is empty; say what to do".into()));
    }
    goal.validate(Path::new("the goal")).map_err(|e| Error::Usage(e.to_string()))?;
    let author = default_assessor(store.root()).unwrap_or_else(|| person.clone());
    // A goal is the person's: its readers are theirs, whoever sets it (as `rekey` sees it).
    let path = store.create(&Audience::of(&person, &person), Kind::Goal, &goal.id, &goal.to_json())?;
    let message = format!("Goal {} for {person}: {}", goal.id, goal.competency);
    crate::output::commit(settings, &store, &path, Author::Named(&author), &message);
    crate::output::say(&format!("Goal {} set for {person}. When it is reached: rungs goal done {}", goal.id, goal.id));
    let titles = Titles::of(&catalog, &ladder);
    echo(&Goals { person, goals: vec![listed(goal, today)], titles }, args.output.format, settings)
}

/// Runs `rungs goal done` and `rungs goal drop`.
///
/// # Errors
/// An unknown goal, one already closed, or a failed save.
pub fn goal_close(settings: &Settings, args: &GoalCloseArgs, status: GoalStatus) -> Result<()> {
    let today = settings.today;
    let closed = args.date.as_deref().map(|d| day("--date", d)).transpose()?.unwrap_or(today);
    crate::config::not_ahead("--date", closed, today, args.allow_future)?;
    let store = settings.store()?;
    let (path, mut goal) = find_goal(&store, &args.id, args.person.as_deref(), status)?;
    if goal.status != GoalStatus::Open {
        return Err(Error::Other(format!(
            "goal {} is already {} (since {})",
            goal.id,
            goal.status,
            goal.closed.map_or_else(|| "an unknown day".to_owned(), |d| d.to_string())
        )));
    }
    if closed < goal.created {
        return Err(Error::Usage(format!("--date: {closed} is before goal {} was set ({})", goal.id, goal.created)));
    }
    goal.status = status;
    goal.closed = Some(closed);
    goal.outcome = args.note.clone().unwrap_or_default().trim().to_owned();
    goal.validate(&path).map_err(|e| Error::Usage(e.to_string()))?;
    let author = default_assessor(store.root()).unwrap_or_else(|| goal.person.clone());
    store.replace_record(&path, &Audience::of(&goal.person, &goal.person), &goal.to_json())?;
    crate::output::commit(
        settings,
        &store,
        &path,
        Author::Named(&author),
        &format!("Goal {} of {} {status}", goal.id, goal.person),
    );
    crate::output::say(&format!("Goal {} of {} is {status}: {}", goal.id, goal.person, goal.text));
    Ok(())
}

/// The goal with this id, among one person's goals or everyone's.
///
/// # Errors
/// No goal with this id (exit 2), or goals of several people with it
/// ([`Error::AmbiguousGoal`], naming the `--person` that picks each).
fn find_goal(store: &Store, id: &str, person: Option<&str>, status: GoalStatus) -> Result<(PathBuf, Goal)> {
    let people: Vec<String> = match person {
        Some(person) => vec![person.to_owned()],
        None => store
            .person_dirs()?
            .iter()
            .filter_map(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
    };
    let mut found = Vec::new();
    for person in people {
        let (goals, _) = goals_of(store, &person)?;
        found.extend(goals.into_iter().filter(|(_, g)| g.id.eq_ignore_ascii_case(id)).map(|f| (person.clone(), f)));
    }
    match found.len() {
        0 => Err(Error::Usage(format!(
            "no goal `{id}` in {}\n  see the ids with: rungs goals --all",
            store.root().display()
        ))),
        1 => Ok(found.remove(0).1),
        _ => {
            let verb = if status == GoalStatus::Done { "done" } else { "drop" };
            let commands = found
                .iter()
                .map(|(person, (path, goal))| {
                    let whose = format!("--person {}", crate::text::shell_quote(person));
                    format!("rungs goal {verb} {} {whose}    # {}: {}", goal.id, goal.person, path.display())
                })
                .collect();
            Err(Error::AmbiguousGoal { id: id.to_owned(), commands })
        }
    }
}

/// Runs `rungs goals`.
///
/// # Errors
/// An unknown person; exit 1 after the list when a goal file was skipped.
pub fn goals(settings: &Settings, args: &GoalsArgs) -> Result<()> {
    let today = settings.today;
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let person = listed_person(&store, args.person.as_deref())?;
    let (found, problems) = goals_of(&store, &person)?;
    let shown = found.first().map_or(person, |(_, g)| g.person.clone());
    let mut goals: Vec<Listed> = found
        .into_iter()
        .map(|(_, g)| listed(g, today))
        .filter(|l| args.all || l.goal.status == GoalStatus::Open)
        .collect();
    sort_goals(&mut goals);
    let titles = Titles::of(&catalog, latest_ladder(&store, &shown).as_deref().unwrap_or(DEFAULT_LADDER));
    show(&Goals { person: shown, goals, titles }, args.output.format, settings)?;
    skipped(settings, &problems)
}
