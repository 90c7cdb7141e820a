//! One interactive interview: the prompts, the draft kept after each answer,
//! and what Ctrl-C or a closed terminal leaves behind.

use std::path::PathBuf;

use super::checks::missing_ratings;
use super::levels::target;
use crate::assessment::Assessment;
use crate::assessment::answers::Answers;
use crate::error::{Error, Result};
use crate::interview::{Interview, InterviewError, PromptError, Prompter, Question, Terminal, Voice};
use crate::journal::Note;
use crate::ladder::LevelRef;
use crate::ladder::catalog::{Catalog, LevelAt};
use crate::store::Store;

/// What an interview needs besides the questions.
pub(super) struct Session<'a> {
    pub(super) store: &'a Store,
    pub(super) draft: PathBuf,
    pub(super) resume: String,
    pub(super) resuming: bool,
    pub(super) interactive: bool,
    pub(super) style: crate::render::Style,
    pub(super) voice: Voice,
}

impl Session<'_> {
    pub(super) fn interrupted(&self) -> Error {
        let draft = self.draft.exists().then(|| self.draft.clone());
        Error::Interrupted { draft, resume: self.resume.clone(), signal: crate::signal::received() }
    }

    pub(super) fn prompt_error(&self, error: PromptError) -> Error {
        match error {
            PromptError::Interrupted => self.interrupted(),
            PromptError::Io(e) => Error::io("cannot use the terminal", "stderr", e),
        }
    }

    pub(super) fn save_draft(&self, answers: &Answers) -> Result<()> {
        self.store.write_draft(&self.draft, &crate::render::json(answers))
    }

    pub(super) fn terminal(&self) -> Terminal {
        install_interrupt_handler();
        Terminal::new(self.style)
    }

    /// Asks for the current and target levels.
    pub(super) fn ask_levels(
        &self,
        catalog: &mut Catalog,
        ladder: usize,
        answers: &mut Answers,
    ) -> Result<(LevelAt, LevelAt)> {
        let mut terminal = self.terminal();
        let levels: Vec<String> =
            catalog.get(ladder).levels.iter().map(|l| format!("{:<6} {}", l.id, l.title)).collect();
        let pick = terminal
            .select(&format!("{} current level", self.voice.whose), &levels, 0)
            .map_err(|e| self.prompt_error(e))?;
        let current = (ladder, pick);
        answers.current = Some(catalog.get(ladder).levels[pick].id.clone());
        self.save_draft(answers)?;
        let target = match answers.target.as_deref() {
            Some(name) => target(catalog, ladder, current, Some(name), answers.track.as_deref())?,
            None => {
                let default = self.track_at_fork(&mut terminal, catalog.level(current), answers)?;
                let default = default.unwrap_or((pick + 1).min(levels.len() - 1));
                let pick = terminal.select("Target level", &levels, default).map_err(|e| self.prompt_error(e))?;
                answers.target = Some(catalog.get(ladder).levels[pick].id.clone());
                self.save_draft(answers)?;
                (ladder, pick)
            }
        };
        Ok((current, target))
    }

    /// At a fork of tracks after `here`, the next level on the track the
    /// person picks on the terminal; `None` elsewhere.
    pub(super) fn ask_track(&self, here: LevelRef<'_>, answers: &mut Answers) -> Result<Option<usize>> {
        if here.ladder.tracks.is_empty() || here.next().is_some() {
            return Ok(None);
        }
        self.track_at_fork(&mut self.terminal(), here, answers)
    }

    /// On a ladder of tracks, the next level on the person's track, asking
    /// which track at a fork (and keeping the answer); `None` without tracks.
    pub(super) fn track_at_fork(
        &self,
        terminal: &mut Terminal,
        here: LevelRef<'_>,
        answers: &mut Answers,
    ) -> Result<Option<usize>> {
        let ladder = here.ladder;
        if ladder.tracks.is_empty() {
            return Ok(None);
        }
        if let Some(next) = answers.track.as_deref().and_then(|id| ladder.track(id)).and_then(|t| here.next_on(t)) {
            return Ok(Some(next.index));
        }
        let onward = here.onward();
        if onward.len() < 2 || onward.iter().all(|(_, n)| n.index == onward[0].1.index) {
            return Ok(onward.first().map(|(_, n)| n.index));
        }
        let choices: Vec<String> =
            onward.iter().map(|(t, n)| format!("{}: next {} {}", t.title, n.level().id, n.level().title)).collect();
        let question = format!("The tracks fork after {}: which track", here.level().id);
        let pick = terminal.select(&question, &choices, 0).map_err(|e| self.prompt_error(e))?;
        answers.track = Some(onward[pick].0.id.clone());
        self.save_draft(answers)?;
        Ok(Some(onward[pick].1.index))
    }

    /// Asks whatever ratings are missing (with a terminal), or says which are.
    pub(super) fn complete(
        &self,
        questions: &[Question<'_>],
        answers: Answers,
        earlier: Option<&Assessment>,
        notes: &[Note],
    ) -> Result<Answers> {
        let missing = missing_ratings(questions, &answers);
        let resuming = self.resuming && self.interactive;
        if missing.is_empty() && !(resuming && answers.ratings.values().any(|r| r.evidence.is_none())) {
            return Ok(answers);
        }
        if !self.interactive {
            return if missing.is_empty() { Ok(answers) } else { Err(super::checks::missing(&missing)) };
        }
        let mut terminal = self.terminal();
        let mut on_answer = |a: &Answers| self.save_draft(a);
        let voice = &self.voice;
        let interview = Interview {
            prompter: &mut terminal,
            questions,
            earlier,
            on_answer: &mut on_answer,
            resuming,
            voice,
            notes,
        };
        interview.run(answers).map_err(|e| match e {
            InterviewError::Prompt(p) => self.prompt_error(p),
            InterviewError::Failed(e) => e,
        })
    }
}

/// Shows the cursor again and exits 130, 143 or 129 if Ctrl-C, SIGTERM or
/// SIGHUP arrives outside a prompt; inside one, the prompt's own error path wins.
pub(super) fn install_interrupt_handler() {
    crate::signal::install_handler();
}
