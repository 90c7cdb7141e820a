//! Tables laid out to fit the terminal, for the boxed tables of documents and
//! for listings drawn row by row ([`Columns`]).
//!
//! Every column is at least as wide as its longest word, so a cell wraps only
//! at spaces; the room left over goes first to the columns that need least to
//! show whole. When even the longest words cannot stand side by side within
//! the width, the table turns into one block per row of `Header: value`
//! lines, wrapped at spaces. A word is split only when it alone is wider than
//! the line it stands on. Cells are measured and drawn as
//! [`untrusted::terminal`] shows them; the work is linear in their length.

use super::paint;
use crate::render::{Cell, Shown, Style, Tone};
use crate::untrusted;

/// A table drawn row by row: feed it every row with [`Columns::fit`] first,
/// then draw the [`head`](Columns::head), each [`row`](Columns::row) and the
/// [`foot`](Columns::foot). Only the columns' extents are kept, not the rows.
#[derive(Debug, Clone)]
pub struct Columns {
    header: Vec<String>,
    extents: Vec<Extent>,
    style: Style,
    layout: Option<Layout>,
    drawn: usize,
}

/// How wide a column's text is: its widest line, and its longest word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Extent {
    widest: usize,
    word: usize,
}

impl Extent {
    fn of(text: &str) -> Extent {
        text.split('\n').fold(Extent::default(), |extent, line| Extent {
            widest: extent.widest.max(width(line)),
            word: extent.word.max(line.split(' ').map(width).max().unwrap_or(0)),
        })
    }

    fn max(self, other: Extent) -> Extent {
        Extent { widest: self.widest.max(other.widest), word: self.word.max(other.word) }
    }
}

/// Where the table's text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Layout {
    /// Boxed, with these column widths.
    Grid(Vec<usize>),
    /// One block of `Header: value` lines per row.
    Blocks,
}

impl Columns {
    /// Columns as wide as their titles.
    pub fn new(header: &[&str], style: Style) -> Self {
        let header: Vec<String> = header.iter().map(|h| untrusted::terminal(h).into_owned()).collect();
        let extents = header.iter().map(|h| Extent::of(h)).collect();
        Columns { header, extents, style, layout: None, drawn: 0 }
    }

    /// Widens the columns to fit a row.
    pub fn fit<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        for (extent, cell) in self.extents.iter_mut().zip(cells) {
            *extent = extent.max(Extent::of(&untrusted::terminal(cell)));
        }
    }

    /// Widens the columns to fit the rows another copy of them was fitted
    /// to, so that parts of a long table can be fitted apart.
    pub fn absorb(&mut self, other: &Columns) {
        debug_assert_eq!(self.extents.len(), other.extents.len(), "the same columns");
        for (extent, theirs) in self.extents.iter_mut().zip(&other.extents) {
            *extent = extent.max(*theirs);
        }
    }

    /// Settles the layout from the rows fitted so far: the top border, the
    /// titles and the rule under them, or nothing when rows become blocks.
    pub fn head(&mut self) -> String {
        let layout = layout(&self.extents, usize::from(self.style.width));
        self.layout = Some(layout.clone());
        self.drawn = 0;
        let Layout::Grid(widths) = layout else { return String::new() };
        let titles: Vec<Cell> = self.header.iter().map(|h| Cell::new(h.as_str(), Tone::Strong)).collect();
        format!("{}{}{}", rule(&widths, "┌─┬┐"), self.grid_row(&widths, &titles), rule(&widths, "╞═╪╡"))
    }

    /// One row, as lines ending in a newline.
    pub fn row(&mut self, cells: &[impl Shown]) -> String {
        if self.layout.is_none() {
            self.head();
        }
        self.drawn += 1;
        self.row_at(self.drawn - 1, cells)
    }

    /// The row numbered `index` from 0, once the [`head`](Columns::head)
    /// settled the layout: rows drawn this way can be drawn on several threads.
    pub fn row_at(&self, index: usize, cells: &[impl Shown]) -> String {
        match self.layout.as_ref().expect("the head settles the layout before a row is drawn") {
            Layout::Grid(widths) => self.grid_row(widths, cells),
            Layout::Blocks => self.block(cells, index > 0),
        }
    }

    /// The bottom border, or nothing when rows are blocks.
    pub fn foot(&self) -> String {
        match &self.layout {
            Some(Layout::Grid(widths)) => rule(widths, "└─┴┘"),
            _ => String::new(),
        }
    }

    /// A row in the box: each cell wrapped to its column, side by side.
    fn grid_row(&self, widths: &[usize], cells: &[impl Shown]) -> String {
        self.one_line(widths, cells).unwrap_or_else(|| self.wrapped_row(widths, cells))
    }

    /// A row with each cell wrapped to its column, side by side.
    fn wrapped_row(&self, widths: &[usize], cells: &[impl Shown]) -> String {
        let wrapped: Vec<(Vec<String>, Tone)> = widths
            .iter()
            .enumerate()
            .map(|(i, width)| {
                let cell = cells.get(i);
                let text = cell.map(|c| untrusted::terminal(c.text())).unwrap_or_default();
                (wrap(&text, *width), cell.map_or(Tone::Plain, Shown::tone))
            })
            .collect();
        let height = wrapped.iter().map(|(lines, _)| lines.len()).max().unwrap_or(1);
        let mut out = String::new();
        for line in 0..height {
            let parts: Vec<String> = wrapped
                .iter()
                .zip(widths)
                .map(|((lines, tone), width)| {
                    let text = lines.get(line).map_or("", String::as_str);
                    paint(&console::pad_str(text, *width, console::Alignment::Left, None), *tone, self.style)
                })
                .collect();
            out.push_str(&format!("│ {} │\n", parts.join(" ┆ ")));
        }
        out
    }

    /// A row whose cells each fit their column on one line, as most rows
    /// do, drawn straight: the same text as wrapping and padding each cell.
    fn one_line(&self, widths: &[usize], cells: &[impl Shown]) -> Option<String> {
        let mut out = String::with_capacity(8 + widths.iter().map(|w| w + 8).sum::<usize>());
        out.push_str("│ ");
        for (i, &room) in widths.iter().enumerate() {
            let cell = cells.get(i);
            let text = cell.map(|c| untrusted::terminal(c.text())).unwrap_or_default();
            let used = one_line_width(&text, room)?;
            if i > 0 {
                out.push_str(" ┆ ");
            }
            let tone = cell.map_or(Tone::Plain, Shown::tone);
            if self.style.color && tone != Tone::Plain {
                let padded = format!("{text}{:pad$}", "", pad = room.saturating_sub(used));
                out.push_str(&paint(&padded, tone, self.style));
            } else {
                out.push_str(&text);
                out.extend(std::iter::repeat_n(' ', room.saturating_sub(used)));
            }
        }
        out.push_str(" │\n");
        Some(out)
    }

    /// A row as a block: the first cell as `Header: value`, the others
    /// indented under it; cells left empty are left out.
    fn block(&self, cells: &[impl Shown], after_another: bool) -> String {
        let room = usize::from(self.style.width).saturating_sub(CONTINUED.len()).max(1);
        let mut out = String::from(if after_another { "\n" } else { "" });
        for (i, (title, cell)) in self.header.iter().zip(cells).enumerate() {
            let value = untrusted::terminal(cell.text());
            if i > 0 && value.trim().is_empty() {
                continue;
            }
            let text = if title.is_empty() { value.into_owned() } else { format!("{title}: {value}") };
            for (n, line) in wrap(text.trim_end(), room).iter().enumerate() {
                let indent = match (n, i) {
                    (0, 0) => "",
                    (0, _) => "  ",
                    _ => CONTINUED,
                };
                out.push_str(indent);
                out.push_str(&paint(line, cell.tone(), self.style));
                out.push('\n');
            }
        }
        out
    }
}

/// The indent of a block's wrapped lines.
const CONTINUED: &str = "    ";

/// A horizontal rule; `parts` holds the left end, the fill, the joint and the right end.
fn rule(widths: &[usize], parts: &str) -> String {
    let [left, fill, joint, right]: [char; 4] = parts.chars().collect::<Vec<_>>().try_into().expect("four parts");
    let spans: Vec<String> = widths.iter().map(|w| fill.to_string().repeat(w + 2)).collect();
    format!("{left}{}{right}\n", spans.join(&joint.to_string()))
}

/// The column widths that fit `width`, or blocks when the longest words
/// cannot stand side by side. Columns get their longest word, then the room
/// left over, the columns that need least to show whole served first.
fn layout(extents: &[Extent], width: usize) -> Layout {
    // `│ ` before the first cell, ` ┆ ` between cells, ` │` after the last.
    let room = width.saturating_sub(3 * extents.len() + 1);
    let mut widths: Vec<usize> = extents.iter().map(|e| e.word.max(1)).collect();
    let least: usize = widths.iter().sum();
    if least > room {
        return Layout::Blocks;
    }
    let need: Vec<usize> = extents.iter().zip(&widths).map(|(e, w)| e.widest.saturating_sub(*w)).collect();
    let mut order: Vec<usize> = (0..extents.len()).filter(|&i| need[i] > 0).collect();
    order.sort_by_key(|&i| need[i]);
    let mut spare = room - least;
    for (served, &i) in order.iter().enumerate() {
        let give = need[i].min(spare / (order.len() - served));
        widths[i] += give;
        spare -= give;
    }
    Layout::Grid(widths)
}

/// How wide `text` is when [`wrap`] leaves it one line within `width`:
/// it has no line break and its words, a space apart, fit.
fn one_line_width(text: &str, width: usize) -> Option<usize> {
    if text.contains('\n') {
        return None;
    }
    let mut used = 0;
    for (n, word) in text.split(' ').enumerate() {
        used += usize::from(n > 0) + self::width(word);
    }
    (used <= width.max(1)).then_some(used)
}

/// Text in lines no wider than `width`, broken at spaces; a word wider than
/// `width` alone is split where it must be. Lines of the text stay lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for source in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for (n, word) in source.split(' ').enumerate() {
            let size = self::width(word);
            let gap = usize::from(n > 0);
            if n > 0 && used + gap + size > width {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                used = 0;
                if word.is_empty() {
                    continue;
                }
            } else if n > 0 {
                line.push(' ');
                used += gap;
            }
            if size > width {
                used = split_word(word, width, &mut line, &mut lines, used);
            } else {
                line.push_str(word);
                used += size;
            }
        }
        lines.push(line);
    }
    lines
}

/// Appends `word` to `line`, which is `used` wide, moving every full line to
/// `lines`; returns how wide `line` is after it.
fn split_word(word: &str, width: usize, line: &mut String, lines: &mut Vec<String>, mut used: usize) -> usize {
    let mut buffer = [0; 4];
    for c in word.chars() {
        let size = self::width(c.encode_utf8(&mut buffer));
        if used + size > width && !line.is_empty() {
            lines.push(std::mem::take(line));
            used = 0;
        }
        line.push(c);
        used += size;
    }
    used
}

/// The width text takes once shown. Every text measured here has been
/// through [`untrusted::terminal`], so it holds no escape sequence to skip:
/// its width is its characters'.
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(width: u16) -> Style {
        Style { color: false, width }
    }

    fn draw(header: &[&str], rows: &[&[&str]], width: u16) -> String {
        let mut columns = Columns::new(header, style(width));
        for row in rows {
            columns.fit(row.iter().copied());
        }
        let mut out = columns.head();
        for row in rows {
            out.push_str(&columns.row(&row.iter().map(|c| Cell::from(*c)).collect::<Vec<_>>()));
        }
        out + &columns.foot()
    }

    fn widest(text: &str) -> usize {
        text.lines().map(width).max().unwrap_or(0)
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_splits_only_a_word_wider_than_the_line() {
        assert_eq!(wrap("self-explanatory on 2026-08-14", 16), ["self-explanatory", "on 2026-08-14"]);
        assert_eq!(wrap("ab abcdefgh", 4), ["ab", "abcd", "efgh"]);
        assert_eq!(wrap("one\ntwo three", 9), ["one", "two three"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn a_table_too_wide_for_its_words_wraps_cells_at_spaces_within_the_width() {
        let row: &[&str] = &["Technology", "■■■□ Owns → Evolves", "exceeds → developing", "growing"];
        let out = draw(&["Competency", "Step held → required", "Rating TL4 → TL5", "Status"], &[row], 50);
        assert!(widest(&out) <= 50, "{out}");
        assert!(out.contains("│ Technology ┆"), "{out}");
        assert!(out.lines().any(|l| l.contains("developing")), "{out}");
    }

    #[test]
    fn a_table_whose_words_cannot_stand_side_by_side_becomes_blocks() {
        let header = ["Person", "Communication", "Documentation", "Architecture", "Date"];
        let rows: &[&[&str]] = &[&["Ada Lovelace", "●", "", "◐", "2026-08-14"], &["Bo", "○", "●", "●", "2026-01-02"]];
        let out = draw(&header, rows, 40);
        assert_eq!(
            out,
            "Person: Ada Lovelace\n  Communication: ●\n  Architecture: ◐\n  Date: 2026-08-14\n\n\
             Person: Bo\n  Communication: ○\n  Documentation: ●\n  Architecture: ●\n  Date: 2026-01-02\n"
        );
    }

    #[test]
    fn a_table_that_fits_is_drawn_as_wide_as_its_text() {
        let out = draw(&["Name", "Ready"], &[&["Ada", "1/5"]], 100);
        assert_eq!(out, "┌──────┬───────┐\n│ Name ┆ Ready │\n╞══════╪═══════╡\n│ Ada  ┆ 1/5   │\n└──────┴───────┘\n");
    }

    #[test]
    fn a_huge_cell_is_laid_out_in_linear_time() {
        let word = "x".repeat(400_000);
        let words = "word ".repeat(80_000);
        let started = std::time::Instant::now();
        for text in [&word, &words] {
            let out = draw(&["Date", "Note"], &[&["2026-08-14", text]], 60);
            assert!(widest(&out) <= 60);
            assert!(out.contains("2026-08-14"), "{}", &out[..200]);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    }

    proptest::proptest! {
        /// The straight drawing of a one-line row is exactly the wrapped one.
        #[test]
        fn a_row_drawn_straight_is_the_row_wrapped(
            texts in proptest::collection::vec("[a-c ●→日\u{300}\u{1b}\n]{0,12}", 1..5),
            widths in proptest::collection::vec(1usize..14, 1..5),
            color: bool,
        ) {
            let columns = Columns::new(&[""], Style { color, width: 200 });
            let tones = [Tone::Plain, Tone::Strong, Tone::Muted, Tone::Good];
            let cells: Vec<Cell> = texts.iter().zip(tones.iter().cycle()).map(|(t, tone)| Cell::new(t.as_str(), *tone)).collect();
            if let Some(line) = columns.one_line(&widths, &cells) {
                proptest::prop_assert_eq!(line, columns.wrapped_row(&widths, &cells));
            }
        }
    }
}
