//! The question flow of `rungs assess`, behind a small [`Prompter`] trait so
//! that it can be driven by dialoguer on a terminal or by a script in tests.
//!
//! The interview owns the order of questions, the defaults taken from an
//! earlier assessment, the progress line, and the review before saving. It
//! does not resolve flags or save files: after every answer it hands the
//! updated [`Answers`] to a callback, which writes the draft.

mod plan;
mod terminal;

pub use plan::{Ask, Question, Slot, not_asked, plan};
pub use terminal::Terminal;

use std::io;

use crate::assessment::answers::Answers;
use crate::assessment::{Assessment, Rating};
use crate::journal::Note;
use crate::ladder::Competency;
use crate::render::{Cell, Document, Table, Tone};

/// Why a prompt did not return an answer.
#[derive(Debug)]
pub enum PromptError {
    /// The user pressed Ctrl-C.
    Interrupted,
    /// The terminal failed.
    Io(io::Error),
}

/// Asks questions on some terminal.
pub trait Prompter {
    /// Shows text (already wrapped) before the next prompt.
    fn say(&mut self, text: &str);
    /// Asks to pick one item; returns its index.
    ///
    /// # Errors
    /// Ctrl-C or a terminal failure.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, PromptError>;
    /// Asks for one line of text, pre-filled with `initial`.
    ///
    /// # Errors
    /// Ctrl-C or a terminal failure.
    fn input(&mut self, prompt: &str, initial: &str) -> Result<String, PromptError>;
    /// Opens `$EDITOR` on `initial`; returns the edited text.
    ///
    /// # Errors
    /// Ctrl-C or a failure to run the editor.
    fn edit(&mut self, initial: &str) -> Result<String, PromptError>;
    /// The terminal width, for wrapping.
    fn width(&self) -> usize;
    /// A document rendered for this terminal.
    fn show(&mut self, document: &Document);
    /// Says that `command` (`:n`), typed at the last prompt, stood for
    /// `text`, so that its confirmation can show that instead.
    fn stands_for(&mut self, command: &str, text: &str) {
        let _ = (command, text);
    }
}

/// The interview: asks what `answers` lacks, then lets the person review.
pub struct Interview<'a, P: Prompter> {
    /// Where questions go.
    pub prompter: &'a mut P,
    /// The questions, in order.
    pub questions: &'a [Question<'a>],
    /// The same assessor's earlier assessment of the person on this ladder,
    /// for defaults; never another assessor's (interviews are blind).
    pub earlier: Option<&'a Assessment>,
    /// Called with the answers so far after every answer.
    pub on_answer: &'a mut dyn FnMut(&Answers) -> crate::Result<()>,
    /// Whether this continues a draft (so unanswered evidence is asked too).
    pub resuming: bool,
    /// How the prompts speak of the person.
    pub voice: &'a Voice,
    /// The journal notes since the view's previous assessment, offered as evidence.
    pub notes: &'a [Note],
}

/// How the interview speaks of the person: to them when they assess
/// themselves, about them when someone else does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// `Your`, or `Sam Lee's`.
    pub whose: String,
    /// `your`, or `their`.
    pub their: &'static str,
}

impl Voice {
    /// The voice for `assessor` assessing `person`.
    pub fn new(person: &str, assessor: &str) -> Self {
        if crate::view::same_name(person, assessor) {
            Voice { whose: "Your".to_owned(), their: "your" }
        } else {
            Voice { whose: format!("{person}'s"), their: "their" }
        }
    }
}

impl<'a, P: Prompter> Interview<'a, P> {
    /// Runs the questions, then the review. Returns the final answers.
    ///
    /// # Errors
    /// Ctrl-C, a terminal failure, or a draft that cannot be written.
    pub fn run(mut self, mut answers: Answers) -> Result<Answers, InterviewError> {
        let total = self.questions.len();
        for (i, question) in self.questions.iter().enumerate() {
            let entry = answers.ratings.entry(question.competency.id.clone()).or_default().clone();
            let missing: Vec<&Ask<'_>> = question.asks.iter().filter(|a| a.answer(&entry).is_none()).collect();
            if missing.is_empty() && !(self.resuming && entry.evidence.is_none()) {
                continue;
            }
            self.introduce(question, i + 1, total);
            for ask in missing {
                let rating = self.ask_rating(question.competency, ask, None)?;
                set_rating(&mut answers, question.competency, ask.slot, rating);
                (self.on_answer)(&answers)?;
            }
            if answers.ratings[&question.competency.id].evidence.is_none() {
                let evidence = self.ask_evidence(question.competency, None)?;
                evidence.store(&mut answers, question.competency);
                (self.on_answer)(&answers)?;
            }
        }
        self.review(answers)
    }

    fn introduce(&mut self, question: &Question<'_>, number: usize, total: usize) {
        let width = self.prompter.width();
        let c = question.competency;
        let mut lines = vec![String::new(), format!("Competency {number} of {total}: {}", c.title)];
        if !c.description.is_empty() {
            lines.push(textwrap::fill(&c.description, width));
        }
        for (ask, role) in question.asks.iter().zip(["now", "target"]) {
            let role = if ask.covers_target { "now and target" } else { role };
            let head = format!("  {} ({role}): ", ask.label(c));
            let items = ask.expectation.items();
            if items.is_empty() {
                let options = textwrap::Options::new(width).initial_indent(&head).subsequent_indent("      ");
                lines.push(textwrap::fill(&ask.expectation.text(), options));
            } else {
                lines.push(head.trim_end().to_owned());
                let options = textwrap::Options::new(width).initial_indent("      • ").subsequent_indent("        ");
                lines.extend(items.iter().map(|item| textwrap::fill(item, &options)));
            }
        }
        lines.extend(self.glimpse_notes(c));
        self.prompter.say(&lines.join("\n"));
    }

    /// The notes offered on a competency, each by its date and first line,
    /// shown with its level texts so that they can weigh on the rating.
    fn glimpse_notes(&self, competency: &Competency) -> Vec<String> {
        let notes = self.offered(competency);
        if notes.is_empty() {
            return Vec::new();
        }
        let room = self.prompter.width().saturating_sub(14);
        let mut lines = vec![format!("  Notes since the last assessment ({}):", notes.len())];
        lines.extend(notes.iter().map(|n| format!("    {}  {}", n.date, summary(n.text.trim(), room))));
        lines
    }

    /// The journal notes tagged with `competency`.
    fn offered(&self, competency: &Competency) -> Vec<&'a Note> {
        self.notes.iter().filter(|n| n.competencies.contains(&competency.id)).collect()
    }

    fn earlier_entry(&self, competency: &str, ask: &Ask<'_>) -> Option<&crate::assessment::RatingEntry> {
        let earlier = self.earlier?;
        let entries: Vec<&crate::assessment::RatingEntry> =
            earlier.ratings.iter().filter(|e| e.competency == competency).collect();
        let step = ask.level.expectation(competency).and_then(|(c, e)| c.step_name(e.step));
        entries
            .iter()
            .find(|e| e.level == ask.level.level().id)
            .or_else(|| entries.iter().find(|e| step.is_some() && e.step.as_deref() == step))
            .copied()
    }

    fn ask_rating(
        &mut self,
        competency: &Competency,
        ask: &Ask<'_>,
        now: Option<Rating>,
    ) -> Result<Rating, InterviewError> {
        let earlier = self.earlier_entry(&competency.id, ask).map(|e| e.rating);
        let items: Vec<String> = Rating::ALL
            .iter()
            .map(|r| {
                let mark = if Some(*r) == earlier { "  (earlier answer)" } else { "" };
                format!("{:<11} {}{mark}", r.name(), r.meaning())
            })
            .collect();
        let default = now.or(earlier).map_or(0, |r| r as usize);
        let choice = self.prompter.select(
            &format!("{}: {} rating at {}", competency.title, self.voice.their, ask.label(competency)),
            &items,
            default,
        )?;
        Ok(Rating::ALL[choice])
    }

    fn ask_evidence(&mut self, competency: &Competency, now: Option<&str>) -> Result<Evidence, InterviewError> {
        let earlier = self
            .earlier
            .and_then(|a| a.ratings_of(&competency.id).map(|e| e.evidence.as_str()).find(|e| !e.is_empty()));
        let (initial, note) = match (now, earlier) {
            (Some(text), _) => (text, ""),
            (None, Some(text)) => (text, ", earlier answer shown"),
            (None, None) => ("", ""),
        };
        let offered = self.offered(competency);
        let take = if offered.is_empty() { String::new() } else { self.offer(competency, &offered) };
        let kept = self.show_kept(initial);
        let prompt = format!("Evidence (optional{note}{kept}; Enter to skip{take}, :e for $EDITOR)");
        let line = self.prompter.input(&prompt, first_line(initial))?;
        // `:n` and `:e` count typed after a pre-filled answer too; `:n` adds
        // the notes to what the field holds, never replaces it.
        if let Some(typed) = line.trim_end().strip_suffix(":n").filter(|_| !offered.is_empty()) {
            let held = standing_for(typed.trim(), initial);
            let from_notes = self.notes_behind(competency, &held).unwrap_or_default();
            return self.take_notes(&held, from_notes, &offered);
        }
        let text =
            if line.trim_end().ends_with(":e") { self.prompter.edit(initial)? } else { standing_for(&line, initial) };
        let text = text.trim().to_owned();
        let from_notes = self.notes_behind(competency, &text);
        Ok(Evidence { text, from_notes })
    }

    /// The notes that evidence kept from the earlier assessment came from.
    fn notes_behind(&self, competency: &Competency, text: &str) -> Option<Vec<String>> {
        self.earlier
            .and_then(|a| a.ratings_of(&competency.id).find(|e| e.evidence == text && !e.from_notes.is_empty()))
            .map(|e| e.from_notes.clone())
    }

    /// Shows evidence of several lines whole above the prompt, which can
    /// hold only its first; returns the prompt's word for it.
    fn show_kept(&mut self, text: &str) -> String {
        let count = text.lines().count();
        if count < 2 {
            return String::new();
        }
        let width = self.prompter.width();
        let options = textwrap::Options::new(width).initial_indent("  ").subsequent_indent("    ");
        let lines: Vec<String> = text.lines().map(|l| textwrap::fill(l, &options)).collect();
        self.prompter.say(&format!("Kept, {count} lines (the first is below to edit):\n{}", lines.join("\n")));
        format!(", {count} lines kept")
    }

    /// Shows the notes on a competency; returns the prompt's hint for taking them.
    fn offer(&mut self, competency: &Competency, notes: &[&Note]) -> String {
        let width = self.prompter.width();
        let mut lines = vec![format!("Notes on {} since the last assessment:", competency.title)];
        for n in notes {
            let head = format!("  {}  ", n.date);
            let options = textwrap::Options::new(width).initial_indent(&head).subsequent_indent("              ");
            lines.push(textwrap::fill(n.text.trim(), options));
            lines.extend(n.links.iter().map(|l| format!("              {l}")));
        }
        self.prompter.say(&lines.join("\n"));
        if notes.len() == 1 {
            ", :n to take the note".to_owned()
        } else {
            format!(", :n to take the {} notes", notes.len())
        }
    }

    /// `held` with the notes added below it, which can still be edited;
    /// `from_notes` are the notes `held` already came from.
    fn take_notes(
        &mut self,
        held: &str,
        mut from_notes: Vec<String>,
        notes: &[&Note],
    ) -> Result<Evidence, InterviewError> {
        let added = crate::journal::as_evidence(notes);
        let taken = if held.is_empty() { added } else { format!("{held}\n{added}") };
        self.prompter.stands_for(":n", &taken);
        let keep =
            if notes.len() == 1 { "Enter keeps it".to_owned() } else { format!("Enter keeps all {}", notes.len()) };
        let kept = self.show_kept(&taken);
        let prompt = format!("Evidence from notes (edit{kept}; {keep}; :e for $EDITOR)");
        let line = self.prompter.input(&prompt, first_line(&taken))?;
        let text = if line.trim() == ":e" { self.prompter.edit(&taken)? } else { standing_for(&line, &taken) };
        from_notes.extend(notes.iter().map(|n| n.id.clone()));
        Ok(Evidence { text: text.trim().to_owned(), from_notes: Some(from_notes) })
    }

    fn review(&mut self, mut answers: Answers) -> Result<Answers, InterviewError> {
        loop {
            self.prompter.show(&review_table(self.questions, &answers));
            let note =
                if answers.notes.as_deref().is_some_and(|n| !n.is_empty()) { "Edit the note" } else { "Add a note" };
            let items = ["Save".to_owned(), "Change an answer".to_owned(), note.to_owned()];
            match self.prompter.select("Review your answers", &items, 0)? {
                0 => return Ok(answers),
                1 => self.change(&mut answers)?,
                _ => {
                    let notes = self.prompter.input("Note (:e for $EDITOR)", answers.notes.as_deref().unwrap_or(""))?;
                    let notes = if notes.trim() == ":e" {
                        self.prompter.edit(answers.notes.as_deref().unwrap_or(""))?
                    } else {
                        notes
                    };
                    answers.notes = Some(notes.trim().to_owned());
                    (self.on_answer)(&answers)?;
                }
            }
        }
    }

    fn change(&mut self, answers: &mut Answers) -> Result<(), InterviewError> {
        let titles: Vec<String> = self.questions.iter().map(|q| q.competency.title.clone()).collect();
        let pick = self.prompter.select("Which competency?", &titles, 0)?;
        let question = &self.questions[pick];
        let c = question.competency;
        self.introduce(question, pick + 1, self.questions.len());
        for ask in &question.asks {
            let now = answers.ratings.get(&c.id).and_then(|r| ask.answer(r)).and_then(Rating::from_name);
            let rating = self.ask_rating(c, ask, now)?;
            set_rating(answers, c, ask.slot, rating);
            (self.on_answer)(answers)?;
        }
        let now = answers.ratings.get(&c.id).and_then(|r| r.evidence.clone()).unwrap_or_default();
        self.ask_evidence(c, Some(&now))?.store(answers, c);
        (self.on_answer)(answers).map_err(InterviewError::Failed)
    }
}

/// Evidence as typed or taken from notes.
struct Evidence {
    text: String,
    from_notes: Option<Vec<String>>,
}

impl Evidence {
    /// Puts the evidence into the answers of a competency.
    fn store(self, answers: &mut Answers, competency: &Competency) {
        let entry = answers.ratings.entry(competency.id.clone()).or_default();
        // Evidence kept as it was keeps the notes it came from.
        if self.from_notes.is_some() || entry.evidence.as_deref() != Some(self.text.as_str()) {
            entry.from_notes = self.from_notes;
        }
        entry.evidence = Some(self.text);
    }
}

fn set_rating(answers: &mut Answers, competency: &Competency, slot: Slot, rating: Rating) {
    let entry = answers.ratings.entry(competency.id.clone()).or_default();
    let value = Some(rating.name().to_owned());
    match slot {
        Slot::Current => entry.current = value,
        Slot::Target => entry.target = value,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The evidence that `line`, typed at a prompt pre-filled with the first
/// line of `initial`, stands for: the line in place of that first line,
/// with the other lines kept. An emptied line drops the evidence.
fn standing_for(line: &str, initial: &str) -> String {
    let rest: Vec<&str> = initial.lines().skip(1).collect();
    if line.trim().is_empty() || rest.is_empty() {
        return line.to_owned();
    }
    format!("{line}\n{}", rest.join("\n"))
}

/// The table shown before saving: every rating with a glimpse of its evidence.
pub fn review_table(questions: &[Question<'_>], answers: &Answers) -> Document {
    let mut table = Table::new(["Competency", "Expectation", "Rating", "Evidence"]);
    for q in questions {
        let given = answers.ratings.get(&q.competency.id).cloned().unwrap_or_default();
        for (i, ask) in q.asks.iter().enumerate() {
            let title = if i == 0 { q.competency.title.as_str() } else { "" };
            let rating = ask.answer(&given).unwrap_or("—");
            let tone = match Rating::from_name(rating) {
                Some(r) if r.is_met() => Tone::Good,
                Some(_) => Tone::Warn,
                None => Tone::Muted,
            };
            let evidence = if i == 0 { given.evidence.as_deref().unwrap_or("") } else { "" };
            let glimpse: String = first_line(evidence).chars().take(40).collect();
            let glimpse = if glimpse.len() < evidence.len() { format!("{glimpse}…") } else { glimpse };
            table.row([
                Cell::new(title, Tone::Strong),
                ask.label(q.competency).into(),
                Cell::new(rating, tone),
                glimpse.into(),
            ]);
        }
    }
    let mut doc = Document::default();
    doc.heading(2, "Your answers").table(table);
    doc
}

/// Why an interview stopped.
#[derive(Debug)]
pub enum InterviewError {
    /// A prompt failed or was interrupted.
    Prompt(PromptError),
    /// Writing the draft failed.
    Failed(crate::Error),
}

impl From<PromptError> for InterviewError {
    fn from(e: PromptError) -> Self {
        InterviewError::Prompt(e)
    }
}

impl From<crate::Error> for InterviewError {
    fn from(e: crate::Error) -> Self {
        InterviewError::Failed(e)
    }
}

/// The start of `text` in at most `room` columns: its first line, cut
/// between words, with `…` when anything is left out.
pub(crate) fn summary(text: &str, room: usize) -> String {
    let text = text.trim();
    let line = first_line(text);
    if line.len() == text.len() && console::measure_text_width(line) <= room {
        return line.to_owned();
    }
    let mut start = String::new();
    for word in line.split(' ') {
        let longer = if start.is_empty() { word.to_owned() } else { format!("{start} {word}") };
        if console::measure_text_width(&longer) + 1 > room {
            break;
        }
        start = longer;
    }
    if start.is_empty() {
        start = line.chars().take(room.saturating_sub(1)).collect();
    }
    format!("{start}…")
}

#[cfg(test)]
mod tests;
