//! Renders a [`Document`] for a terminal: text wrapped at spaces and tables
//! fitted to the width ([`grid`]), coloured only when the [`Style`] says so. Every piece of text passes
//! through [`untrusted::terminal`] before layout, so widths are measured on
//! what is shown and no control sequence reaches the terminal.

mod grid;

pub use grid::Columns;
use textwrap::{Options, WordSeparator, WordSplitter};

use super::{Block, Cell, Document, Style, Table, Tone};
use crate::untrusted;

/// The terminal text of a document, ending in a newline.
pub fn render(document: &Document, style: Style) -> String {
    let mut out = String::new();
    for (i, b) in document.blocks.iter().enumerate() {
        if i > 0 {
            out.push_str(super::separator(b));
        }
        out.push_str(&block(b, style));
    }
    out.push('\n');
    out
}

fn block(block: &Block, style: Style) -> String {
    let width = usize::from(style.width);
    match block {
        Block::Heading(_, text) => {
            paint(&textwrap::fill(&untrusted::terminal(text), options(width)), Tone::Strong, style)
        }
        Block::Text(cell) => paint(&paragraph(&untrusted::terminal(&cell.text), width), cell.tone, style),
        Block::List(items) => {
            let bullet = |_| ("  • ".to_owned(), "    ".to_owned());
            list(items, bullet, style)
        }
        Block::Sublist(items) => list(items, |_| ("      ◦ ".to_owned(), "        ".to_owned()), style),
        Block::Numbered(items) => {
            let number = |i: usize| {
                let number = format!("  {}. ", i + 1);
                let indent = " ".repeat(number.len());
                (number, indent)
            };
            list(items, number, style)
        }
        Block::Checklist(items) => list(items, |_| ("  [ ] ".to_owned(), "      ".to_owned()), style),
        Block::Table(t) => table(t, style),
        Block::Quote(text) => {
            let options = options(width).initial_indent("  │ ").subsequent_indent("  │ ");
            let text = untrusted::terminal(text);
            text.lines().map(|l| textwrap::fill(l, &options)).collect::<Vec<_>>().join("\n")
        }
        Block::Figure { caption, .. } => {
            let caption = untrusted::terminal(caption);
            let text = format!("[{caption}: see the HTML export or rungs chart]");
            paint(&textwrap::fill(&text, options(width)), Tone::Muted, style)
        }
        Block::Picture { text, .. } => {
            paint(&textwrap::fill(&untrusted::terminal(text), options(width)), Tone::Muted, style)
        }
        Block::Links(items) => {
            let cells: Vec<Cell> = items
                .iter()
                .map(|i| Cell::new(format!("{} {}", i.item.text, i.links.join(" ")).trim_end(), i.item.tone))
                .collect();
            list(&cells, |_| ("  • ".to_owned(), "    ".to_owned()), style)
        }
        Block::Section(blocks) => blocks.iter().map(|b| self::block(b, style)).collect::<Vec<_>>().join("\n\n"),
    }
}

/// Wrapping at spaces only: a date, a hyphenated word or a command stays
/// whole unless it alone is wider than the line.
fn options(width: usize) -> Options<'static> {
    Options::new(width).word_separator(WordSeparator::AsciiSpace).word_splitter(WordSplitter::NoHyphenation)
}

/// A paragraph wrapped to `width`; a paragraph that starts indented keeps
/// its indent on every line, and continues four columns further in.
fn paragraph(text: &str, width: usize) -> String {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    if indent.is_empty() {
        return textwrap::fill(text, options(width));
    }
    let rest = format!("{indent}    ");
    textwrap::fill(body, options(width).initial_indent(indent).subsequent_indent(&rest))
}

/// List items, each wrapped under its marker: `marker(i)` gives the first
/// line's indent and the following lines'.
fn list(items: &[Cell], marker: impl Fn(usize) -> (String, String), style: Style) -> String {
    let lines: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (first, rest) = marker(i);
            let options = options(usize::from(style.width)).initial_indent(&first).subsequent_indent(&rest);
            paint(&textwrap::fill(&untrusted::terminal(&item.text), options), item.tone, style)
        })
        .collect();
    lines.join("\n")
}

/// A boxed table fitted to the width, or one block per row where it cannot
/// fit without splitting words; see [`grid`].
fn table(table: &Table, style: Style) -> String {
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let mut columns = Columns::new(&header, style);
    for row in &table.rows {
        columns.fit(row.iter().map(|c| c.text.as_str()));
    }
    let mut out = columns.head();
    for row in &table.rows {
        out.push_str(&columns.row(row));
    }
    out.push_str(&columns.foot());
    out.truncate(out.trim_end().len());
    out
}

/// Text in a tone's colour, or unchanged without colour.
pub fn paint(text: &str, tone: Tone, style: Style) -> String {
    if !style.color {
        return text.to_owned();
    }
    let painted = console::Style::new().force_styling(true);
    let painted = match tone {
        Tone::Plain => return text.to_owned(),
        Tone::Good => painted.green(),
        Tone::Warn => painted.yellow(),
        Tone::Bad => painted.red(),
        Tone::Muted => painted.dim(),
        Tone::Strong => painted.bold(),
    };
    painted.apply_to(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Linked;

    const HOSTILE: &str = "a\u{1b}]0;t\u{7}\u{1b}[2J\r\u{85}\u{202e}\u{1f}b";

    fn hidden(text: &str) -> Vec<char> {
        text.chars().filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{2069}').contains(&c)).collect()
    }

    #[test]
    fn no_block_shows_a_control_or_bidi_character() {
        let mut t = Table::new([HOSTILE]);
        t.row([HOSTILE]);
        let mut d = Document::default();
        d.heading(1, HOSTILE).text(HOSTILE).list([HOSTILE]).numbered([HOSTILE]).table(t).quote(HOSTILE);
        d.blocks.push(Block::Figure { svg: String::new(), caption: HOSTILE.into(), link: None });
        d.blocks.push(Block::Picture { svg: String::new(), text: HOSTILE.into() });
        let linked = Linked { item: HOSTILE.into(), links: vec![HOSTILE.into()] };
        d.blocks.push(Block::Section(vec![Block::Links(vec![linked])]));
        let shown = render(&d, Style::default());
        assert_eq!(hidden(&shown), [], "{shown}");
        assert_eq!(shown.matches("\\u{1b}").count(), 2 * 11, "{shown}");
    }

    #[test]
    fn streamed_columns_measure_and_show_the_escaped_text() {
        let mut columns = Columns::new(&["Name"], Style::default());
        columns.fit([HOSTILE]);
        columns.head();
        let row = columns.row(&[Cell::from(HOSTILE)]);
        assert_eq!(hidden(&row), [], "{row}");
        assert_eq!(console::measure_text_width(&row), console::measure_text_width(&columns.foot()));
    }
}
