//! The question flow of `rungs assess`, behind a small [`Prompter`] trait so
//! that it can be driven by dialoguer on a terminal or by a script in tests.
//!
//! The interview owns the order of questions, the defaults taken from an
//! earlier assessment, the progress line, and the review before saving. It
//! does not resolve flags or save files: after every answer it hands the
//! updated [`Answers`] to a callback, which writes the draft.

use std::io;

use dialoguer::theme::Theme as _;

use crate::assessment::answers::{Answers, RatingAnswers};
use crate::assessment::{Assessment, Rating};
use crate::journal::Note;
use crate::ladder::{Competency, LevelRef};
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

/// Which of a competency's two expectations a rating is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The current level's (also the target's when both expect the same).
    Current,
    /// The target level's.
    Target,
}

/// One rating to ask for: a level's expectation of a competency.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// Which answer key it fills.
    pub slot: Slot,
    /// The level whose expectation this is.
    pub level: LevelRef<'a>,
    /// The expected step's index, when the competency has steps.
    pub step: Option<usize>,
    /// The level's expectation.
    pub expectation: &'a crate::ladder::Expectation,
    /// Whether this one rating stands for both levels.
    pub covers_target: bool,
}

/// Everything asked about one competency.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// The competency (from the current level's ladder).
    pub competency: &'a Competency,
    /// One ask, or two when the levels expect different steps.
    pub asks: Vec<Ask<'a>>,
}

impl Ask<'_> {
    /// `TL4 · 4 Coordinates`, or just the level for a competency without steps.
    pub fn label(&self, competency: &Competency) -> String {
        match competency.step_name(self.step) {
            Some(name) => format!("{} · {} {name}", self.level.level().id, self.step.map_or(0, |i| i + 1)),
            None => self.level.level().id.clone(),
        }
    }

    /// The answer stored for this ask, if any.
    pub fn answer<'b>(&self, answers: &'b RatingAnswers) -> Option<&'b str> {
        match self.slot {
            Slot::Current => {
                answers.current.as_deref().or(if self.covers_target { answers.target.as_deref() } else { None })
            }
            Slot::Target => answers.target.as_deref(),
        }
    }
}

/// The questions for an interview from `current` to `target`, competency by
/// competency; one ask where both levels expect the same step.
///
/// A competency the target level expects nothing of is not asked (nor
/// scored); where only the current level expects nothing, only the target's
/// expectation is asked, and the current one counts as met.
pub fn plan<'a>(current: LevelRef<'a>, target: LevelRef<'a>) -> Vec<Question<'a>> {
    current
        .ladder
        .competencies
        .iter()
        .zip(&current.level().expectations)
        .filter_map(|(competency, now)| {
            let (_, next) = target.expectation(&competency.id).expect("the ladders share competencies");
            let ask = |slot, level, e: &'a crate::ladder::Expectation, covers_target| Ask {
                slot,
                level,
                step: e.step,
                expectation: e,
                covers_target,
            };
            if !next.is_expected() {
                return None;
            }
            if !now.is_expected() {
                return Some(Question { competency, asks: vec![ask(Slot::Target, target, next, false)] });
            }
            let same = now.same_ask(next, competency);
            let mut asks = vec![ask(Slot::Current, current, now, same)];
            if !same {
                asks.push(ask(Slot::Target, target, next, false));
            }
            Some(Question { competency, asks })
        })
        .collect()
}

/// The competencies of a ladder that an interview from `current` to
/// `target` does not ask about, with the level that expects nothing of
/// each: `(competency, level id, slot)`.
pub fn not_asked<'a>(current: LevelRef<'a>, target: LevelRef<'a>) -> Vec<(&'a Competency, &'a str, Slot)> {
    let mut skipped = Vec::new();
    for (competency, now) in current.ladder.competencies.iter().zip(&current.level().expectations) {
        let Some((_, next)) = target.expectation(&competency.id) else { continue };
        if !now.is_expected() {
            skipped.push((competency, current.level().id.as_str(), Slot::Current));
        }
        if !next.is_expected() {
            skipped.push((competency, target.level().id.as_str(), Slot::Target));
        }
    }
    skipped
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

/// A [`Prompter`] on the real terminal, drawn on stderr with dialoguer.
///
/// dialoguer redraws by counting lines, and a line the terminal wrapped
/// counts as one: so prompts, items and confirmations are broken between
/// words to the terminal's width here (by the `Fitted` theme), and the rows a
/// wrapped answer took are cleared here after dialoguer returns. Each
/// confirmation is drawn here too, so that one answered `:e` or `:n` can be
/// drawn again with the start of the text it stands for.
pub struct Terminal {
    term: console::Term,
    theme: Box<dyn dialoguer::theme::Theme>,
    style: crate::render::Style,
    /// The last answer's confirmation, while nothing has been drawn below it.
    last: Option<Confirmation>,
}

/// A confirmation of an answer typed in, as drawn.
struct Confirmation {
    prompt: String,
    typed: String,
    rows: usize,
}

/// How a continued line of a select item is indented.
const ITEM_INDENT: &str = "    ";

impl Terminal {
    /// A prompter on stderr, coloured when `style` says so.
    pub fn new(style: crate::render::Style) -> Self {
        let theme: Box<dyn dialoguer::theme::Theme> = if style.color {
            Box::new(dialoguer::theme::ColorfulTheme::default())
        } else {
            Box::new(dialoguer::theme::SimpleTheme)
        };
        Terminal { term: console::Term::stderr(), theme, style, last: None }
    }

    fn fail(&self, error: dialoguer::Error) -> PromptError {
        let _ = self.term.show_cursor();
        let dialoguer::Error::IO(error) = error;
        if error.kind() == io::ErrorKind::Interrupted { PromptError::Interrupted } else { PromptError::Io(error) }
    }

    /// The terminal's real width, which redrawing depends on (unlike
    /// [`Prompter::width`], which bounds text for reading).
    fn columns(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    fn theme(&self) -> Fitted<'_> {
        Fitted { inner: &*self.theme, columns: self.columns() }
    }

    /// Draws `prompt: shown` below the cursor, and remembers it.
    fn confirm(&mut self, prompt: &str, typed: &str, shown: &str) {
        let mut text = String::new();
        let _ = self.theme().format_input_prompt_selection(&mut text, prompt, &crate::untrusted::terminal(shown));
        let _ = self.term.write_line(&text);
        let rows = text.split('\n').count();
        self.last = Some(Confirmation { prompt: prompt.to_owned(), typed: typed.to_owned(), rows });
    }

    /// Draws the last confirmation again, if it answered `command` (alone
    /// or after a pre-filled answer), showing the start of `text` instead.
    fn restate(&mut self, command: &str, text: &str) {
        let Some(last) = self.last.take_if(|l| l.typed.trim_end().ends_with(command)) else { return };
        let _ = self.term.clear_last_lines(last.rows);
        let start = summary(&crate::untrusted::terminal(text), self.columns() - 1);
        self.confirm(&last.prompt, &last.typed, &start);
    }
}

impl Prompter for Terminal {
    // Prompts, items and pre-filled answers quote ladders and drafts, which
    // may come from a shared store: they are shown, never obeyed.
    fn say(&mut self, text: &str) {
        self.last = None;
        let _ = self.term.write_line(&crate::untrusted::terminal(text));
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, PromptError> {
        self.last = None;
        let options = textwrap::Options::new(self.columns() - 2)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .subsequent_indent(ITEM_INDENT);
        dialoguer::Select::with_theme(&self.theme())
            .with_prompt(crate::untrusted::terminal(prompt))
            .items(items.iter().map(|item| textwrap::fill(&crate::untrusted::terminal(item), &options)))
            .default(default)
            .interact_on(&self.term)
            .map_err(|e| self.fail(e))
    }

    fn input(&mut self, prompt: &str, initial: &str) -> Result<String, PromptError> {
        self.last = None;
        let prompt = crate::untrusted::terminal(prompt);
        let line = dialoguer::Input::<String>::with_theme(&self.theme())
            .with_prompt(prompt.as_ref())
            .with_initial_text(crate::untrusted::terminal(initial))
            .allow_empty(true)
            .report(false)
            .interact_text_on(&self.term)
            .map_err(|e| self.fail(e))?;
        // dialoguer cleared the row the cursor is on, and the rows above it
        // that the prompt and answer wrapped onto are cleared here. This
        // takes the cursor to be at the end of the answer, where typing
        // leaves it; dialoguer does not say where arrow keys left it.
        let mut drawn = String::new();
        let _ = self.theme().format_input_prompt(&mut drawn, &prompt, None);
        drawn.push_str(&line);
        let _ = self.term.move_cursor_up(cursor_row(&drawn, self.columns()));
        let _ = self.term.clear_to_end_of_screen();
        self.confirm(&prompt, &line, &line);
        Ok(line)
    }

    fn edit(&mut self, initial: &str) -> Result<String, PromptError> {
        let edited = dialoguer::Editor::new().extension(".md").edit(initial).map_err(|e| self.fail(e))?;
        let text = edited.unwrap_or_else(|| initial.to_owned());
        self.restate(":e", &text);
        Ok(text)
    }

    fn width(&self) -> usize {
        usize::from(self.term.size_checked().map_or(self.style.width, |(_, w)| w)).clamp(40, 120)
    }

    // Notes taken with `:n` come back to be edited: their start replaces
    // the `:n` above.
    fn stands_for(&mut self, command: &str, text: &str) {
        self.restate(command, text);
    }

    fn show(&mut self, document: &Document) {
        self.last = None;
        let style = crate::render::Style { width: u16::try_from(self.width()).unwrap_or(100), ..self.style };
        let text = crate::render::render_document(document, style);
        let _ = self.term.write_str(&format!("\n{text}"));
    }
}

/// A dialoguer theme whose prompts and confirmations break between words to
/// fit `columns`, around the theme that draws them.
struct Fitted<'a> {
    inner: &'a dyn dialoguer::theme::Theme,
    columns: usize,
}

impl Fitted<'_> {
    /// `text` broken between words into lines of at most `columns`.
    fn fill(&self, text: &str) -> String {
        textwrap::fill(text, self.options())
    }

    fn options(&self) -> textwrap::Options<'static> {
        textwrap::Options::new(self.columns)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
    }
}

impl dialoguer::theme::Theme for Fitted<'_> {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        self.inner.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn std::fmt::Write, err: &str) -> std::fmt::Result {
        self.inner.format_error(f, err)
    }

    /// The prompt stays one line for dialoguer, which places the cursor by
    /// counting columns from its start: it is padded with spaces to break
    /// between words instead.
    fn format_input_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> std::fmt::Result {
        let mut text = String::new();
        self.inner.format_input_prompt(&mut text, prompt, default)?;
        let words = text.trim_end();
        let lines = textwrap::wrap(words, self.options());
        let (last, full) = lines.split_last().expect("wrap returns a line");
        for line in full {
            write!(f, "{line}{:1$}", "", self.columns - console::measure_text_width(line))?;
        }
        write!(f, "{last}{}", &text[words.len()..])
    }

    fn format_input_prompt_selection(&self, f: &mut dyn std::fmt::Write, prompt: &str, sel: &str) -> std::fmt::Result {
        let mut text = String::new();
        self.inner.format_input_prompt_selection(&mut text, prompt, sel)?;
        f.write_str(&self.fill(&text))
    }

    fn format_select_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        let mut text = String::new();
        self.inner.format_select_prompt(&mut text, prompt)?;
        f.write_str(&self.fill(&text))
    }

    fn format_select_prompt_selection(&self, f: &mut dyn std::fmt::Write, prompt: &str, sel: &str) -> std::fmt::Result {
        let mut text = String::new();
        // An item is a name, two spaces, then what it means: confirm the name alone.
        let sel = sel.replace(&format!("\n{ITEM_INDENT}"), " ");
        let name = sel.split("  ").next().unwrap_or(&sel).trim_end();
        self.inner.format_select_prompt_selection(&mut text, prompt, name)?;
        f.write_str(&self.fill(&text))
    }

    fn format_select_prompt_item(&self, f: &mut dyn std::fmt::Write, text: &str, active: bool) -> std::fmt::Result {
        self.inner.format_select_prompt_item(f, text, active)
    }
}

/// The row, counted from the first, on which the cursor rests after `text`
/// is written from the start of a row `columns` wide. A character written
/// into the last column leaves the cursor there; the next one wraps.
fn cursor_row(text: &str, columns: usize) -> usize {
    let (mut row, mut column) = (0, 0);
    for c in console::strip_ansi_codes(text).chars() {
        let width = if c == '\t' { 8 - column % 8 } else { console::measure_text_width(c.encode_utf8(&mut [0; 4])) };
        if column + width > columns && c != '\t' {
            row += 1;
            column = 0;
        }
        column = (column + width).min(columns);
    }
    row
}

/// The start of `text` in at most `room` columns: its first line, cut
/// between words, with `…` when anything is left out.
fn summary(text: &str, room: usize) -> String {
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
mod tests {
    use super::{cursor_row, summary};

    #[test]
    fn the_cursor_rests_on_the_row_of_the_last_character() {
        assert_eq!(cursor_row("", 10), 0);
        assert_eq!(cursor_row("0123456789", 10), 0, "a full row waits to wrap");
        assert_eq!(cursor_row("0123456789a", 10), 1);
        assert_eq!(cursor_row("\x1b[1mbold\x1b[0m", 4), 0, "styles take no room");
        assert_eq!(cursor_row("abcdefghi李", 10), 1, "a wide character that does not fit wraps whole");
    }

    #[test]
    fn a_summary_is_the_first_line_cut_between_words() {
        assert_eq!(summary("  short  ", 20), "short");
        assert_eq!(summary("one two three four", 12), "one two…");
        assert_eq!(summary("first\n\nsecond", 20), "first…");
        assert_eq!(summary("abcdefghijklmnop", 5), "abcd…");
    }
}
