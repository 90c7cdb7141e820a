//! Renders a [`Document`] as GitHub-flavoured Markdown. Every piece of text
//! passes through [`untrusted::markdown`], so names, evidence and ladder
//! texts show as written and never as HTML, links or control sequences. The
//! only links rungs writes are to the chart file it wrote beside the
//! document, and a note's `http` or `https` addresses, percent-encoded
//! wherever a byte could end the link or start markup.

use std::fmt::Write;

use super::{Block, Cell, Document, Linked, Table, Tone};
use crate::untrusted;

/// The Markdown text of a document, ending in a newline.
pub fn render(document: &Document) -> String {
    let mut out = String::new();
    for (i, b) in document.blocks.iter().enumerate() {
        if i > 0 {
            out.push_str(super::separator(b));
        }
        out.push_str(&block(b));
    }
    out.push('\n');
    out
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, text) => format!("{} {}", "#".repeat(usize::from(*level)), in_line(text)),
        Block::Text(cell) if matches!(cell.tone, Tone::Strong | Tone::Good | Tone::Warn | Tone::Bad) => {
            format!("**{}**", untrusted::markdown(&cell.text))
        }
        Block::Text(cell) => untrusted::markdown(&cell.text).into_owned(),
        Block::List(items) => items.iter().map(|i| format!("- {}", one_line(&i.text))).collect::<Vec<_>>().join("\n"),
        Block::Sublist(items) => {
            items.iter().map(|i| format!("  - {}", one_line(&i.text))).collect::<Vec<_>>().join("\n")
        }
        Block::Numbered(items) => items
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {}", i + 1, one_line(&c.text)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Checklist(items) => {
            items.iter().map(|i| format!("- [ ] {}", one_line(&i.text))).collect::<Vec<_>>().join("\n")
        }
        Block::Table(table) => self::table(table),
        Block::Quote(text) => quote(&untrusted::markdown(text)),
        Block::Figure { link: Some(link), caption, .. } => format!("![{}]({})", in_line(caption), link_target(link)),
        // The SVG is ours, built with every label escaped for XML.
        Block::Figure { svg, .. } => svg.trim_end().to_owned(),
        Block::Picture { text, .. } => untrusted::markdown(text).into_owned(),
        Block::Links(items) => items.iter().map(linked).collect::<Vec<_>>().join("\n"),
        Block::Section(blocks) => blocks.iter().map(self::block).collect::<Vec<_>>().join("\n\n"),
    }
}

/// Escaped text as a block quote that keeps every line: a line followed by
/// another ends in a hard break (`\`), so lines never run together.
fn quote(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let quoted = lines.iter().enumerate().map(|(i, l)| match lines.get(i + 1) {
        _ if l.is_empty() => ">".to_owned(),
        Some(next) if !next.is_empty() => format!("> {l}\\"),
        _ => format!("> {l}"),
    });
    quoted.collect::<Vec<_>>().join("\n")
}

/// A list item and its links: `- text <https://…>`; an address that is not
/// a web link stays text.
fn linked(item: &Linked) -> String {
    let mut out = format!("- {}", one_line(&item.item.text));
    for link in &item.links {
        if crate::untrusted::is_web_link(link) {
            let _ = write!(out, " <{}>", web_target(link));
        } else {
            let _ = write!(out, " {}", in_line(link));
        }
    }
    out
}

/// A web address for an autolink, with every byte outside the URL
/// characters that cannot end it or start markup percent-encoded.
fn web_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn table(table: &Table) -> String {
    let mut out = row(table.header.iter().map(String::as_str));
    let _ = write!(out, "\n|{}", " --- |".repeat(table.header.len()));
    for cells in &table.rows {
        let _ = write!(out, "\n{}", table_row(cells));
    }
    out
}

/// One table row of cells, escaped, without a final newline.
pub fn table_row(cells: &[Cell]) -> String {
    row(cells.iter().map(|c| c.text.as_str()))
}

fn row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let cells: Vec<String> = cells.map(cell).collect();
    format!("| {} |", cells.join(" | "))
}

/// Escapes what would break a table cell.
fn cell(text: &str) -> String {
    in_line(text).replace('|', "\\|")
}

/// Escaped text folded onto one line, for list items, whose text is parsed
/// as blocks: it cannot open one ([`untrusted::markdown`]).
fn one_line(text: &str) -> String {
    fold(&untrusted::markdown(text))
}

/// Escaped text folded onto one line after markup where no block can
/// start: headings, table cells, captions ([`untrusted::markdown_inline`]).
fn in_line(text: &str) -> String {
    fold(&untrusted::markdown_inline(text))
}

/// Text on one line, its runs of whitespace made one space.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A relative link to a file rungs wrote, with every byte but letters,
/// digits and `-._~` percent-encoded, so it can never read as a scheme
/// (`javascript:`) or end the link early.
fn link_target(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_escape_pipes_and_newlines() {
        let mut t = Table::new(["a", "b"]);
        t.row([Cell::from("x|y"), Cell::from("two\nlines")]);
        let mut d = Document::default();
        d.heading(1, "Title").table(t);
        assert_eq!(render(&d), "# Title\n\n| a | b |\n| --- | --- |\n| x\\|y | two lines |\n");
    }

    #[test]
    fn a_quote_keeps_every_line_with_hard_breaks() {
        let mut d = Document::default();
        d.quote("first ends in \\\nsecond\n\nthird");
        assert_eq!(render(&d), "> first ends in \\\\\\\n> second\n>\n> third\n");
    }

    #[test]
    fn user_text_is_never_markup_in_any_block() {
        let hostile = "<script>x</script> [a](javascript:b) `c` \u{1b}[2J";
        let mut t = Table::new([hostile]);
        t.row([hostile]);
        let mut d = Document::default();
        d.heading(1, hostile).text(hostile).text(Cell::new(hostile, Tone::Strong)).list([hostile]);
        d.numbered([hostile]).table(t).quote(hostile);
        d.blocks.push(Block::Figure { svg: String::new(), caption: hostile.into(), link: Some("a:b (c).svg".into()) });
        let linked =
            Linked { item: hostile.into(), links: vec![hostile.into(), "https://x.y/a[d](e)`f\\g\u{e9}".into()] };
        d.blocks.push(Block::Section(vec![Block::Links(vec![linked])]));
        d.blocks.push(Block::Picture { svg: "<svg/>".into(), text: hostile.into() });
        let md = render(&d);
        for raw in ["<script", "](javascript:", "`", "\u{1b}", "a:b", "<svg", "<javascript"] {
            assert!(!md.contains(raw), "{raw} left raw in\n{md}");
        }
        assert!(md.contains("(a%3Ab%20%28c%29.svg)"), "{md}");
        assert!(md.contains(" <https://x.y/a%5Bd%5D%28e%29%60f%5Cg%C3%A9>"), "{md}");
    }
}
