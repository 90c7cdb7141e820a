//! The interview on a real terminal: dialoguer's prompts, fitted to the
//! terminal's width, with a review that can be confirmed or edited.

use std::io;

use dialoguer::theme::Theme as _;

use super::{PromptError, Prompter, summary};
use crate::render::Document;

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
pub(super) fn cursor_row(text: &str, columns: usize) -> usize {
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
