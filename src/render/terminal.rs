//! Renders a [`Document`] for a terminal: wrapped text and boxed tables,
//! coloured only when the [`Style`] says so. Every piece of text passes
//! through [`untrusted::terminal`] before layout, so widths are measured on
//! what is shown and no control sequence reaches the terminal.

use comfy_table::{Attribute, Color, ColumnConstraint, ContentArrangement, presets};

use super::{Block, Cell, Document, Style, Table, Tone};
use crate::untrusted;

/// The terminal text of a document, ending in a newline.
pub fn render(document: &Document, style: Style) -> String {
    let parts: Vec<String> = document.blocks.iter().map(|b| block(b, style)).collect();
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn block(block: &Block, style: Style) -> String {
    let width = usize::from(style.width);
    match block {
        Block::Heading(_, text) => paint(&untrusted::terminal(text), Tone::Strong, style),
        Block::Text(cell) => paint(&paragraph(&untrusted::terminal(&cell.text), width), cell.tone, style),
        Block::List(items) => {
            let bullet = |_| ("  • ".to_owned(), "    ".to_owned());
            list(items, bullet, style)
        }
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
            let options = textwrap::Options::new(width).initial_indent("  │ ").subsequent_indent("  │ ");
            let text = untrusted::terminal(text);
            text.lines().map(|l| textwrap::fill(l, &options)).collect::<Vec<_>>().join("\n")
        }
        Block::Figure { caption, .. } => {
            let caption = untrusted::terminal(caption);
            paint(&format!("[{caption}: see the HTML export or rungs chart]"), Tone::Muted, style)
        }
        Block::Picture { text, .. } => paint(&textwrap::fill(&untrusted::terminal(text), width), Tone::Muted, style),
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

/// A paragraph wrapped to `width`; a paragraph that starts indented keeps
/// its indent on every line, and continues four columns further in.
fn paragraph(text: &str, width: usize) -> String {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    if indent.is_empty() {
        return textwrap::fill(text, width);
    }
    let rest = format!("{indent}    ");
    textwrap::fill(body, textwrap::Options::new(width).initial_indent(indent).subsequent_indent(&rest))
}

/// List items, each wrapped under its marker: `marker(i)` gives the first
/// line's indent and the following lines'.
fn list(items: &[Cell], marker: impl Fn(usize) -> (String, String), style: Style) -> String {
    let lines: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (first, rest) = marker(i);
            let options =
                textwrap::Options::new(usize::from(style.width)).initial_indent(&first).subsequent_indent(&rest);
            paint(&textwrap::fill(&untrusted::terminal(&item.text), options), item.tone, style)
        })
        .collect();
    lines.join("\n")
}

fn table(table: &Table, style: Style) -> String {
    let mut out = comfy_table::Table::new();
    out.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if style.color {
        out.enforce_styling();
    } else {
        out.force_no_tty();
    }
    out.set_header(
        table.header.iter().map(|h| comfy_table::Cell::new(untrusted::terminal(h)).add_attribute(Attribute::Bold)),
    );
    for row in &table.rows {
        out.add_row(row.iter().map(|cell| table_cell(cell, style.color)));
    }
    // The first column holds names and ids: keep them whole, wrap the rest.
    if let Some(first) = out.column_mut(0) {
        first.set_constraint(ColumnConstraint::ContentWidth);
    }
    out.to_string()
}

fn table_cell(cell: &Cell, color: bool) -> comfy_table::Cell {
    let out = comfy_table::Cell::new(untrusted::terminal(&cell.text));
    if !color {
        return out;
    }
    match cell.tone {
        Tone::Plain => out,
        Tone::Good => out.fg(Color::Green),
        Tone::Warn => out.fg(Color::Yellow),
        Tone::Bad => out.fg(Color::Red),
        Tone::Muted => out.fg(Color::DarkGrey),
        Tone::Strong => out.add_attribute(Attribute::Bold),
    }
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

/// A table drawn line by line, in the same style as the boxed tables above,
/// for listings too long to hold whole: only the column widths are kept, and
/// cells never wrap. Cells are measured and drawn as [`untrusted::terminal`]
/// shows them.
#[derive(Debug, Clone)]
pub struct Columns {
    widths: Vec<usize>,
    style: Style,
}

impl Columns {
    /// Columns as wide as their titles.
    pub fn new(header: &[&str], style: Style) -> Self {
        Columns { widths: header.iter().map(|h| width_of(h)).collect(), style }
    }

    /// Widens the columns to fit a row.
    pub fn fit<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        for (width, cell) in self.widths.iter_mut().zip(cells) {
            *width = (*width).max(width_of(cell));
        }
    }

    fn rule(&self, left: &str, fill: &str, middle: &str, right: &str) -> String {
        let parts: Vec<String> = self.widths.iter().map(|w| fill.repeat(w + 2)).collect();
        format!("{left}{}{right}\n", parts.join(middle))
    }

    /// The top border, the titles and the rule under them.
    pub fn head(&self, header: &[&str]) -> String {
        let titles: Vec<Cell> = header.iter().map(|h| Cell::new(*h, Tone::Strong)).collect();
        format!("{}{}{}", self.rule("┌", "─", "┬", "┐"), self.row(&titles), self.rule("╞", "═", "╪", "╡"))
    }

    /// One row.
    pub fn row(&self, cells: &[Cell]) -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&self.widths)
            .map(|(cell, width)| {
                let text = untrusted::terminal(&cell.text);
                paint(&console::pad_str(&text, *width, console::Alignment::Left, None), cell.tone, self.style)
            })
            .collect();
        format!("│ {} │\n", parts.join(" ┆ "))
    }

    /// The bottom border.
    pub fn foot(&self) -> String {
        self.rule("└", "─", "┴", "┘")
    }
}

/// The width a cell takes once shown.
fn width_of(text: &str) -> usize {
    console::measure_text_width(&untrusted::terminal(text))
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
        let row = columns.row(&[Cell::from(HOSTILE)]);
        assert_eq!(hidden(&row), [], "{row}");
        assert_eq!(console::measure_text_width(&row), console::measure_text_width(&columns.foot()));
    }
}
