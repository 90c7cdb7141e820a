//! `rungs assess`: set up an interview from flags, an answers file and a
//! draft; ask what is missing when there is a terminal (or say exactly what
//! is missing when there is not); save the dated assessment.

mod chain;
mod checks;
mod levels;
mod session;

use std::io::IsTerminal;

use checks::{
    check_complete, check_not_expected, check_ratings, check_same_steps, missing, missing_assessor, relationship,
};
use chrono::{DateTime, FixedOffset, NaiveDate};
use levels::{level, target, track_of};
use session::{Session, install_interrupt_handler};

use crate::assessment::answers::Answers;
use crate::assessment::{Assessment, LadderStamp, Rating, RatingEntry, Relationship, SCHEMA};
use crate::cli::AssessArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::interview::{PromptError, Prompter, Question, Terminal, Voice, plan};
use crate::journal::Note;
use crate::ladder::builtin::DEFAULT_LADDER;
use crate::ladder::{Ladder, LevelRef};
use crate::output::show;
use crate::share::Author;
use crate::store::Store;
use crate::text::shell_quote;
use crate::view::{ViewId, same_name};
use crate::who::{default_assessor, default_person};

/// Runs `rungs assess`.
///
/// # Errors
/// Invalid or missing answers (exit 2), Ctrl-C (exit 130), or a failed save.
pub fn run(settings: &Settings, args: &AssessArgs) -> Result<()> {
    let now = chrono::Local::now().fixed_offset();
    let store = settings.store()?;
    let mut catalog = settings.catalog()?;
    let interactive = args.answers.as_deref() != Some(std::path::Path::new("-"))
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    let file = args.answers.as_deref().map(Answers::load).transpose()?.unwrap_or_default();
    let mut answers = flags(args).over(file);
    crate::who::fill_from_roster(&store, &mut answers)?;

    let ladder = catalog
        .find_ladder(answers.ladder.as_deref().unwrap_or(DEFAULT_LADDER))
        .map_err(|e| Error::Usage(format!("--ladder: {e}")))?;
    let relationship = relationship(answers.relationship.as_deref())?;
    let fallback = if answers.person.is_none() { default_person() } else { None };
    let their = relationship != Relationship::Myself && answers.assessor.is_none();
    let fallback_assessor = if their { default_assessor(store.root()) } else { None };
    // Without a terminal, name every missing answer at once (after the draft, when resuming).
    if !interactive && !args.resume {
        let has_assessor = !their || fallback_assessor.is_some();
        check_complete(&mut catalog, ladder, &answers, fallback.is_some(), has_assessor)?;
    }
    let (person, named) = who(&answers, fallback, interactive, settings)?;
    let (assessor, assessor_typed) =
        assessor(&answers, &person, relationship, fallback_assessor, interactive, settings)?;
    let assessor =
        if relationship == Relationship::Myself { assessor } else { crate::who::known_as(&store, &assessor)? };
    answers.assessor = Some(assessor.clone());
    let view = chain::View { person: &person, assessor: &assessor, relationship, meant: args.assessor_not_manager };
    chain::check_chain(&store, &view, interactive, settings)?;
    // In an encrypted store, who will read it is known before a question is asked.
    store.check_sealable(&crate::store::Audience::of_view(&person, relationship, &assessor), interactive)?;
    let draft = store.draft_path(&person, &catalog.get(ladder).id, relationship, &assessor);
    let shown = (named != Named::Default).then_some(person.as_str());
    let resume = resume_hint(args, shown, &catalog.get(ladder).id, (relationship, &assessor));
    if let Some(saved) = draft_answers(&draft, args.resume, interactive, &resume)? {
        answers = answers.over(saved);
    }
    answers.person = Some(person.clone());
    if !interactive && args.resume {
        check_complete(&mut catalog, ladder, &answers, true, true)?;
    }

    let date = answers.date.as_deref().map(|d| crate::config::day("date", d)).transpose()?.unwrap_or(settings.today);
    crate::config::not_ahead("date", date, settings.today, args.allow_future)?;
    let current = answers.current.as_deref().map(|name| level(&mut catalog, ladder, name, "--current")).transpose()?;
    let session = Session {
        store: &store,
        draft: draft.clone(),
        resume,
        resuming: args.resume,
        interactive,
        style: settings.stderr,
        voice: Voice::new(&person, &assessor),
    };
    if named == Named::Typed || assessor_typed {
        session.save_draft(&answers)?;
    }
    if interactive {
        crate::output::say(&format!("Assessing {person} · {relationship} view · {}", catalog.get(ladder).title));
    }
    let (current, target) = match current {
        Some(current) => {
            // At a fork, a terminal asks which track before the target is worked out.
            let asked = if interactive && answers.target.is_none() && answers.track.is_none() {
                session.ask_track(catalog.level(current), &mut answers)?
            } else {
                None
            };
            let target = match asked {
                Some(next) => (current.0, next),
                None => target(&mut catalog, ladder, current, answers.target.as_deref(), answers.track.as_deref())?,
            };
            (current, target)
        }
        None if interactive => session.ask_levels(&mut catalog, ladder, &mut answers)?,
        None => {
            return Err(missing(&["the current level: --current LEVEL, or \"current\" in the answers file".into()]));
        }
    };
    let (current, target) = (catalog.level(current), catalog.level(target));
    check_ratings(&answers, current.ladder)?;
    let questions = plan(current, target);
    check_same_steps(&questions, &answers)?;
    check_not_expected(current, target, &answers)?;
    let view = ViewId { person: person.clone(), ladder: current.ladder.id.clone(), relationship, assessor };
    // Blind: defaults come from this assessor's own earlier view only.
    let earlier = crate::collection::latest_on(&store, &view, date);
    let notes = journal_notes(&store, &view, earlier.as_ref(), date, settings);
    if args.evidence_from_notes {
        evidence_from_notes(&questions, &mut answers, &notes);
    }
    let answers = session.complete(&questions, answers, earlier.as_ref(), &notes)?;

    let track = track_of(current, target, answers.track.as_deref());
    let assessment = build(&questions, &answers, &Setup { track, person, relationship, date, now, current, target })?;
    let path = store.save(&assessment)?;
    store.remove_draft(&draft)?;
    crate::output::say(&format!("Saved {}", path.display()));
    let author = match relationship {
        Relationship::Peer => Author::Anonymous,
        _ => Author::Named(&assessment.assessor),
    };
    crate::output::commit(settings, &store, &path, author, &commit_message(&assessment));
    if relationship != Relationship::Myself {
        crate::output::say(&compare_hint(&store, &view, &settings.dir_suffix()));
    }
    unlisted_ladder(settings, current.ladder);
    let mut report = crate::documents::report::Report::new(path, &assessment, &catalog);
    report.dir_suffix = settings.dir_suffix();
    report.with_ladder(&catalog, &assessment);
    // The person's journal is theirs: a peer's or manager's save shows only their own view.
    if relationship == Relationship::Myself {
        let (journal, problems) = crate::collection::journal_or_skip(&store, &assessment.person);
        report.with_read_journal(journal, settings.today);
        for problem in problems {
            crate::output::warn(settings, &format!("skipped {problem}"));
        }
    }
    show(&report, args.output.format, settings)
}

/// A ladder named by path that the ladders folder does not hold: the other
/// commands will not know it, so say where to put it.
fn unlisted_ladder(settings: &Settings, ladder: &Ladder) {
    if !matches!(ladder.source, crate::ladder::Source::File(_)) {
        return;
    }
    let listed = settings.catalog().is_ok_and(|c| c.entries().iter().any(|e| e.ladder.id == ladder.id));
    if !listed {
        crate::output::warn(
            settings,
            &format!(
                "the ladder `{}` was read from {}, which is not in the ladders folder: report, list and the other \
                 commands will not find it there; copy the file into the folder `rungs ladders` reads \
                 (--ladders DIR or RUNGS_LADDERS)",
                ladder.id, ladder.source
            ),
        );
    }
}

/// Where the person's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// A flag or the answers file.
    Given,
    /// git or the environment.
    Default,
    /// Typed at the prompt: an answer to keep in the draft.
    Typed,
}

/// Who is assessed, and where the name came from; `fallback` is git's or the environment's name.
fn who(answers: &Answers, fallback: Option<String>, interactive: bool, settings: &Settings) -> Result<(String, Named)> {
    if let Some(person) = &answers.person {
        return Ok((person.clone(), Named::Given));
    }
    match fallback {
        Some(person) => Ok((person, Named::Default)),
        None if interactive => Ok((ask_person(settings)?, Named::Typed)),
        None => Err(missing(&["the person: --person NAME, or \"person\" in the answers file".into()])),
    }
}

/// The draft's answers when resuming. A new interview never starts over an
/// existing draft: that would lose what was typed.
fn draft_answers(draft: &std::path::Path, resume: bool, interactive: bool, hint: &str) -> Result<Option<Answers>> {
    if resume {
        let saved = crate::store::read_draft(draft)?
            .ok_or_else(|| Error::Usage(format!("there is no draft to resume at {}", draft.display())))?;
        return Answers::parse(&saved, draft).map(Some);
    }
    if interactive && draft.exists() {
        return Err(Error::Usage(format!(
            "an unfinished assessment is saved in {}\n  continue it with: {hint}\n  or delete that file to start over",
            draft.display()
        )));
    }
    Ok(None)
}

/// The flags, as answers that win over the file.
fn flags(args: &AssessArgs) -> Answers {
    Answers {
        ladder: args.ladder.clone(),
        person: args.person.clone(),
        assessor: args.assessor.clone(),
        relationship: args.relationship.clone(),
        current: args.current.clone(),
        target: args.target.clone(),
        track: args.track.clone(),
        date: args.date.clone(),
        notes: args.notes.clone(),
        ratings: Default::default(),
    }
}

/// Who gives the ratings, and whether it was typed at a prompt. For a self
/// view, the person. For a manager's or peer's: `--assessor` (or the
/// answers file), else `RUNGS_ASSESSOR`, else git's `user.name`
/// (`fallback`), else a question on a terminal.
///
/// # Errors
/// Exit 2 when nothing names the assessor and there is no terminal, when
/// a manager or peer would be the person, or a self view names another assessor.
fn assessor(
    answers: &Answers,
    person: &str,
    relationship: Relationship,
    fallback: Option<String>,
    interactive: bool,
    settings: &Settings,
) -> Result<(String, bool)> {
    if relationship == Relationship::Myself {
        return match answers.assessor.as_deref() {
            Some(other) if !same_name(other, person) => Err(Error::Usage(format!(
                "assessor: `{other}` is not {person}, and a self-assessment is by the person\n  for a manager's or peer's view add --relationship manager (or peer)"
            ))),
            _ => Ok((person.to_owned(), false)),
        };
    }
    let (name, typed) = match answers.assessor.clone().or(fallback) {
        Some(name) => (name, false),
        None if interactive => {
            (ask_name(settings, &format!("Who is giving this {relationship} view? (your name)"))?, true)
        }
        None => return Err(missing(&[missing_assessor(relationship)])),
    };
    if same_name(&name, person) {
        return Err(Error::Usage(format!(
            "assessor: {name} cannot give a {relationship} view of themselves\n  name the {relationship} with --assessor NAME (or RUNGS_ASSESSOR), or assess yourself without --relationship"
        )));
    }
    Ok((name, typed))
}

/// The notes the assessor wrote about the person since the view's previous
/// assessment (all of them when there is none), up to the interview's date.
/// Only the assessor's own: an interview stays blind to anyone else's
/// evidence. Unreadable note files are named and passed over.
fn journal_notes(
    store: &Store,
    view: &ViewId,
    earlier: Option<&Assessment>,
    date: NaiveDate,
    settings: &Settings,
) -> Vec<Note> {
    let Ok((notes, problems)) = crate::collection::notes_of(store, &view.person) else { return Vec::new() };
    for problem in &problems {
        crate::output::warn(settings, &format!("skipped {problem}"));
    }
    let since = earlier.map(|a| a.date);
    let own = |n: &Note| same_name(&n.author, &view.assessor);
    notes.into_iter().filter(|n| own(n) && since.is_none_or(|s| n.date > s) && n.date <= date).collect()
}

/// `--evidence-from-notes`: every competency without evidence takes its notes.
fn evidence_from_notes(questions: &[Question<'_>], answers: &mut Answers, notes: &[Note]) {
    for q in questions {
        let tagged: Vec<&Note> = notes.iter().filter(|n| n.competencies.contains(&q.competency.id)).collect();
        let entry = answers.ratings.entry(q.competency.id.clone()).or_default();
        if tagged.is_empty() || entry.evidence.as_deref().is_some_and(|e| !e.trim().is_empty()) {
            continue;
        }
        entry.evidence = Some(crate::journal::as_evidence(&tagged));
        entry.from_notes = Some(tagged.iter().map(|n| n.id.clone()).collect());
    }
}

/// The commit message of a saved assessment: person, ladder, view and
/// date. A peer's names no peer: it is "peer feedback", committed by nobody
/// in particular.
fn commit_message(a: &Assessment) -> String {
    let view = match a.relationship {
        Relationship::Myself => "self view".to_owned(),
        Relationship::Peer => return format!("Add peer feedback for {}: {}, {}", a.person, a.ladder.id, a.date),
        other => format!("{other} view by {}", a.assessor),
    };
    format!("Assess {}: {}, {view}, {}", a.person, a.ladder.id, a.date)
}

/// What to run to set a manager's or peer's view beside the person's own.
fn compare_hint(store: &Store, view: &ViewId, dir: &str) -> String {
    let person = shell_quote(&view.person);
    if view.relationship == Relationship::Peer {
        return format!(
            "Peer views are shown together, once at least 3 peers have rated: rungs report {person} --relationship peer{dir}"
        );
    }
    let other = shell_quote(&format!("{}@{}", view.person, view.assessor));
    let has_self = crate::collection::person_history(&store.person_dir(&view.person)).is_ok_and(|(found, _)| {
        found.iter().any(|(_, a)| a.relationship == Relationship::Myself && a.ladder.id == view.ladder)
    });
    let command = format!("rungs diff {person} {other} --ladder {}{dir}", shell_quote(&view.ladder));
    if has_self {
        format!(
            "Compare it with {}'s latest self-assessment: {command}\n  the 1:1 agenda: rungs export {person} --agenda {other} --ladder {} -o 1on1.md{dir}",
            view.person,
            shell_quote(&view.ladder)
        )
    } else {
        format!(
            "{} has no self-assessment on {} yet; once there is one, compare with: {command}",
            view.person, view.ladder
        )
    }
}

/// Asks who is assessed, when neither flags, git nor the environment say.
fn ask_person(settings: &Settings) -> Result<String> {
    ask_name(settings, "Who is assessed? (your name)")
}

/// Asks for a name until one is typed.
fn ask_name(settings: &Settings, prompt: &str) -> Result<String> {
    install_interrupt_handler();
    let mut terminal = Terminal::new(settings.stderr);
    loop {
        let name = terminal.input(prompt, "").map_err(|e| match e {
            PromptError::Interrupted => {
                Error::Interrupted { draft: None, resume: String::new(), signal: crate::signal::received() }
            }
            PromptError::Io(e) => Error::io("cannot use the terminal", "stderr", e),
        })?;
        if !name.trim().is_empty() {
            return Ok(name.trim().to_owned());
        }
    }
}

/// The command that continues this interview.
fn resume_hint(args: &AssessArgs, person: Option<&str>, ladder: &str, view: (Relationship, &str)) -> String {
    let mut hint = String::from("rungs assess --resume");
    if let Some(person) = person {
        hint.push_str(&format!(" --person {}", shell_quote(person)));
    }
    if ladder != DEFAULT_LADDER {
        hint.push_str(&format!(" --ladder {}", shell_quote(args.ladder.as_deref().unwrap_or(ladder))));
    }
    let (relationship, assessor) = view;
    if relationship != Relationship::Myself {
        // The draft is the assessor's own: name them, whatever git says next time.
        hint.push_str(&format!(" --relationship {relationship} --assessor {}", shell_quote(assessor)));
    }
    hint
}

struct Setup<'a> {
    /// The track followed, on a ladder of tracks.
    track: Option<String>,
    person: String,
    relationship: Relationship,
    date: NaiveDate,
    now: DateTime<FixedOffset>,
    current: LevelRef<'a>,
    target: LevelRef<'a>,
}

/// The assessment from complete answers. Pure.
fn build(questions: &[Question<'_>], answers: &Answers, setup: &Setup<'_>) -> Result<Assessment> {
    let mut ratings = Vec::new();
    for q in questions {
        let given = answers.ratings.get(&q.competency.id).cloned().unwrap_or_default();
        for ask in &q.asks {
            let rating = ask
                .answer(&given)
                .and_then(Rating::from_name)
                .ok_or_else(|| Error::Other(format!("ratings.{}: no rating was given", q.competency.id)))?;
            let competency = ask.level.expectation(&q.competency.id).map(|(c, _)| c).unwrap_or(q.competency);
            ratings.push(RatingEntry {
                competency: q.competency.id.clone(),
                level: ask.level.level().id.clone(),
                step: competency.step_name(ask.step).map(String::from),
                rank: ask.step.map(|i| i + 1),
                expectation: ask.expectation.text(),
                expectation_items: ask.expectation.items().to_vec(),
                rating,
                evidence: given.evidence.clone().unwrap_or_default(),
                from_notes: given.from_notes.clone().unwrap_or_default(),
            });
        }
    }
    let stamp = |l: &Ladder| LadderStamp { id: l.id.clone(), version: l.version.clone() };
    let (current, target) = (setup.current, setup.target);
    Ok(Assessment {
        schema: SCHEMA,
        created_at: setup.now,
        date: setup.date,
        person: setup.person.clone(),
        assessor: answers.assessor.clone().unwrap_or_else(|| setup.person.clone()),
        relationship: setup.relationship,
        ladder: stamp(current.ladder),
        current: current.level().id.clone(),
        target: target.level().id.clone(),
        target_ladder: (target.ladder.id != current.ladder.id).then(|| stamp(target.ladder)),
        track: setup.track.clone(),
        ratings,
        notes: answers.notes.clone().unwrap_or_default(),
    })
}
