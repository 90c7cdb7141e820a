//! `rungs assess`: set up an interview from flags, an answers file and a
//! draft; ask what is missing when there is a terminal (or say exactly what
//! is missing when there is not); save the dated assessment.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::show;
use crate::assessment::answers::Answers;
use crate::assessment::{Assessment, LadderStamp, Rating, RatingEntry, Relationship, SCHEMA};
use crate::cli::AssessArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::interview::{Interview, InterviewError, PromptError, Prompter, Question, Slot, Terminal, plan};
use crate::ladder::builtin::DEFAULT_LADDER;
use crate::ladder::catalog::{Catalog, LevelAt};
use crate::ladder::{Ladder, LevelRef};
use crate::store::Store;

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

    let ladder = catalog.find_ladder(answers.ladder.as_deref().unwrap_or(DEFAULT_LADDER))?;
    let fallback = if answers.person.is_none() { default_person() } else { None };
    // Without a terminal, name every missing answer at once (after the draft, when resuming).
    if !interactive && !args.resume {
        check_complete(&mut catalog, ladder, &answers, fallback.is_some())?;
    }
    let (person, named) = who(&answers, fallback, interactive, settings)?;
    let relationship = relationship(answers.relationship.as_deref())?;
    let draft = store.draft_path(&person, &catalog.get(ladder).id, relationship);
    let shown = (named != Named::Default).then_some(person.as_str());
    let resume = resume_hint(args, shown, &catalog.get(ladder).id, relationship);
    if let Some(saved) = draft_answers(&draft, args.resume, interactive, &resume)? {
        answers = answers.over(saved);
    }
    answers.person = Some(person.clone());
    if !interactive && args.resume {
        check_complete(&mut catalog, ladder, &answers, true)?;
    }

    let date = date(answers.date.as_deref(), now)?;
    let current = answers.current.as_deref().map(|name| level(&mut catalog, ladder, name, "current")).transpose()?;
    let session = Session {
        store: &store,
        draft: draft.clone(),
        resume,
        resuming: args.resume,
        interactive,
        style: settings.stderr,
    };
    if named == Named::Typed {
        session.save_draft(&answers)?;
    }
    let (current, target) = match current {
        Some(current) => (current, target(&mut catalog, ladder, current, answers.target.as_deref())?),
        None if interactive => session.ask_levels(&mut catalog, ladder, &mut answers)?,
        None => {
            return Err(missing(&["the current level: --current LEVEL, or \"current\" in the answers file".into()]));
        }
    };
    let (current, target) = (catalog.level(current), catalog.level(target));
    check_ratings(&answers, current.ladder)?;
    let questions = plan(current, target);
    let earlier = crate::collection::latest_on(&store, &person, &current.ladder.id, date);
    let answers = session.complete(&questions, answers, earlier.as_ref())?;

    let assessment = build(&questions, &answers, &Setup { person, relationship, date, now, current, target })?;
    let path = store.save(&assessment)?;
    if draft.exists() {
        std::fs::remove_file(&draft).map_err(|e| Error::io("cannot remove draft", &draft, e))?;
    }
    eprintln!("Saved {}", path.display());
    let titles = super::Titles::of(&catalog, &assessment.ladder.id);
    show(&super::report::Report::new(path, &assessment, titles), args.output.format, settings)
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
        date: args.date.clone(),
        notes: args.notes.clone(),
        ratings: Default::default(),
    }
}

/// git's `user.name`, else `$USER` (or `%USERNAME%`).
fn default_person() -> Option<String> {
    let git =
        std::process::Command::new("git").args(["config", "user.name"]).stderr(std::process::Stdio::null()).output();
    let from_git = git.ok().filter(|o| o.status.success()).and_then(|o| String::from_utf8(o.stdout).ok());
    from_git
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
}

/// Asks who is assessed, when neither flags, git nor the environment say.
fn ask_person(settings: &Settings) -> Result<String> {
    install_interrupt_handler();
    let mut terminal = Terminal::new(settings.stderr);
    loop {
        let name = terminal.input("Who is assessed? (your name)", "").map_err(|e| match e {
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

fn relationship(name: Option<&str>) -> Result<Relationship> {
    let Some(name) = name else { return Ok(Relationship::Myself) };
    Relationship::from_name(name).ok_or_else(|| {
        let allowed: Vec<&str> = Relationship::ALL.iter().map(|r| r.name()).collect();
        Error::Usage(format!("relationship: unknown value `{name}`; expected one of: {}", allowed.join(", ")))
    })
}

fn date(text: Option<&str>, now: DateTime<FixedOffset>) -> Result<NaiveDate> {
    let Some(text) = text else { return Ok(now.date_naive()) };
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Usage(format!("date: `{text}` is not a date; use YYYY-MM-DD, e.g. 2026-11-24")))
}

/// A level of `ladder` (or `LADDER:LEVEL`, or a level of another ladder), named by `key`.
fn level(catalog: &mut Catalog, ladder: usize, name: &str, key: &str) -> Result<LevelAt> {
    catalog
        .find_level_in(ladder, name)
        .or_else(|scoped| catalog.find_level(name).map_err(|_| scoped))
        .map_err(|e| Error::Usage(format!("{key}: {e}")))
}

fn target(catalog: &mut Catalog, ladder: usize, current: LevelAt, name: Option<&str>) -> Result<LevelAt> {
    let target = match name {
        Some(name) => level(catalog, ladder, name, "target")?,
        None => {
            let here = catalog.level(current);
            let next = here.next().ok_or_else(|| {
                Error::Usage(format!(
                    "target: {} is the top level of {}; name a target with --target LEVEL",
                    here.level().id,
                    here.ladder.id
                ))
            })?;
            (current.0, next.index)
        }
    };
    let (from, to) = (catalog.level(current), catalog.level(target));
    from.ladder.shares_shape_with(to.ladder).map_err(|reason| {
        Error::Usage(format!("target: {} cannot be a target from {}: {reason}", to.qualified(), from.qualified()))
    })?;
    Ok(target)
}

/// Rejects unknown competencies and ratings, naming the key and the allowed values.
fn check_ratings(answers: &Answers, ladder: &Ladder) -> Result<()> {
    let ids: Vec<&str> = ladder.competencies.iter().map(|c| c.id.as_str()).collect();
    let names: Vec<&str> = Rating::ALL.iter().map(|r| r.name()).collect();
    for (id, given) in &answers.ratings {
        if !ids.contains(&id.as_str()) {
            return Err(Error::Usage(format!(
                "ratings.{id}: unknown competency; the {} ladder has: {}",
                ladder.id,
                ids.join(", ")
            )));
        }
        for (slot, value) in [("current", &given.current), ("target", &given.target)] {
            if let Some(value) = value.as_deref().filter(|v| Rating::from_name(v).is_none()) {
                return Err(Error::Usage(format!(
                    "ratings.{id}.{slot}: unknown rating `{value}`; expected one of: {}",
                    names.join(", ")
                )));
            }
        }
    }
    Ok(())
}

fn missing(fields: &[String]) -> Error {
    Error::Usage(format!(
        "answers are missing and there is no terminal to ask them:\n{}\n  give them as flags or in --answers FILE (see docs/assessment-format.md)",
        fields.iter().map(|f| format!("  - {f}")).collect::<Vec<_>>().join("\n")
    ))
}

/// Each rating the answers lack, as `ratings.ID.SLOT: Title at LEVEL · STEP`.
fn missing_ratings(questions: &[Question<'_>], answers: &Answers) -> Vec<String> {
    let mut missing = Vec::new();
    for q in questions {
        let given = answers.ratings.get(&q.competency.id).cloned().unwrap_or_default();
        for ask in q.asks.iter().filter(|ask| ask.answer(&given).is_none()) {
            let slot = if ask.slot == Slot::Target { "target" } else { "current" };
            missing.push(format!(
                "ratings.{}.{slot}: {} at {}",
                q.competency.id,
                q.competency.title,
                ask.label(q.competency)
            ));
        }
    }
    missing
}

/// Without a terminal nothing can be asked: name every missing answer at once.
fn check_complete(catalog: &mut Catalog, ladder: usize, answers: &Answers, has_fallback: bool) -> Result<()> {
    let mut missing = Vec::new();
    if answers.person.is_none() && !has_fallback {
        missing.push("the person: --person NAME, or \"person\" in the answers file".to_owned());
    }
    match answers.current.as_deref() {
        None => missing.push("the current level: --current LEVEL, or \"current\" in the answers file".to_owned()),
        Some(name) => {
            let current = level(catalog, ladder, name, "current")?;
            let target = target(catalog, ladder, current, answers.target.as_deref())?;
            let (current, target) = (catalog.level(current), catalog.level(target));
            check_ratings(answers, current.ladder)?;
            missing.extend(missing_ratings(&plan(current, target), answers));
        }
    }
    if missing.is_empty() { Ok(()) } else { Err(self::missing(&missing)) }
}

/// The command that continues this interview.
fn resume_hint(args: &AssessArgs, person: Option<&str>, ladder: &str, relationship: Relationship) -> String {
    let mut hint = String::from("rungs assess --resume");
    if let Some(person) = person {
        hint.push_str(&format!(" --person '{}'", person.replace('\'', "'\\''")));
    }
    if ladder != DEFAULT_LADDER {
        hint.push_str(&format!(" --ladder {}", args.ladder.as_deref().unwrap_or(ladder)));
    }
    if relationship != Relationship::Myself {
        hint.push_str(&format!(" --relationship {relationship}"));
    }
    hint
}

/// What an interview needs besides the questions.
struct Session<'a> {
    store: &'a Store,
    draft: PathBuf,
    resume: String,
    resuming: bool,
    interactive: bool,
    style: crate::render::Style,
}

impl Session<'_> {
    fn interrupted(&self) -> Error {
        let draft = self.draft.exists().then(|| self.draft.clone());
        Error::Interrupted { draft, resume: self.resume.clone(), signal: crate::signal::received() }
    }

    fn prompt_error(&self, error: PromptError) -> Error {
        match error {
            PromptError::Interrupted => self.interrupted(),
            PromptError::Io(e) => Error::io("cannot use the terminal", "stderr", e),
        }
    }

    fn save_draft(&self, answers: &Answers) -> Result<()> {
        self.store.write_draft(&self.draft, &crate::render::json(answers))
    }

    fn terminal(&self) -> Terminal {
        install_interrupt_handler();
        Terminal::new(self.style)
    }

    /// Asks for the current and target levels.
    fn ask_levels(&self, catalog: &mut Catalog, ladder: usize, answers: &mut Answers) -> Result<(LevelAt, LevelAt)> {
        let mut terminal = self.terminal();
        let levels: Vec<String> =
            catalog.get(ladder).levels.iter().map(|l| format!("{:<6} {}", l.id, l.title)).collect();
        let pick = terminal.select("Your current level", &levels, 0).map_err(|e| self.prompt_error(e))?;
        let current = (ladder, pick);
        answers.current = Some(catalog.get(ladder).levels[pick].id.clone());
        self.save_draft(answers)?;
        let target = match answers.target.as_deref() {
            Some(name) => target(catalog, ladder, current, Some(name))?,
            None => {
                let default = (pick + 1).min(levels.len() - 1);
                let pick = terminal.select("Target level", &levels, default).map_err(|e| self.prompt_error(e))?;
                answers.target = Some(catalog.get(ladder).levels[pick].id.clone());
                self.save_draft(answers)?;
                (ladder, pick)
            }
        };
        Ok((current, target))
    }

    /// Asks whatever ratings are missing (with a terminal), or says which are.
    fn complete(&self, questions: &[Question<'_>], answers: Answers, earlier: Option<&Assessment>) -> Result<Answers> {
        let missing = missing_ratings(questions, &answers);
        let resuming = self.resuming && self.interactive;
        if missing.is_empty() && !(resuming && answers.ratings.values().any(|r| r.evidence.is_none())) {
            return Ok(answers);
        }
        if !self.interactive {
            return if missing.is_empty() { Ok(answers) } else { Err(self::missing(&missing)) };
        }
        let mut terminal = self.terminal();
        let mut on_answer = |a: &Answers| self.save_draft(a);
        let interview = Interview { prompter: &mut terminal, questions, earlier, on_answer: &mut on_answer, resuming };
        interview.run(answers).map_err(|e| match e {
            InterviewError::Prompt(p) => self.prompt_error(p),
            InterviewError::Failed(e) => e,
        })
    }
}

/// Shows the cursor again and exits 130, 143 or 129 if Ctrl-C, SIGTERM or
/// SIGHUP arrives outside a prompt; inside one, the prompt's own error path wins.
fn install_interrupt_handler() {
    crate::signal::install_handler();
}

struct Setup<'a> {
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
                expectation: ask.text.to_owned(),
                rating,
                evidence: given.evidence.clone().unwrap_or_default(),
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
        ratings,
        notes: answers.notes.clone().unwrap_or_default(),
    })
}
