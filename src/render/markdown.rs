//! Renders a [`Document`] as GitHub-flavoured Markdown.

use std::fmt::Write;

use super::{Block, Document, Table, Tone};

/// The Markdown text of a document, ending in a newline.
pub fn render(document: &Document) -> String {
    let parts: Vec<String> = document.blocks.iter().map(block).collect();
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, text) => format!("{} {}", "#".repeat(usize::from(*level)), text),
        Block::Text(cell) if matches!(cell.tone, Tone::Strong | Tone::Good | Tone::Warn | Tone::Bad) => {
            format!("**{}**", cell.text)
        }
        Block::Text(cell) => cell.text.clone(),
        Block::List(items) => items.iter().map(|i| format!("- {}", one_line(&i.text))).collect::<Vec<_>>().join("\n"),
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
        Block::Quote(text) => text
            .lines()
            .map(|l| if l.is_empty() { ">".to_owned() } else { format!("> {l}") })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Figure { link: Some(link), caption, .. } => format!("![{caption}]({link})"),
        Block::Figure { svg, .. } => svg.trim_end().to_owned(),
    }
}

fn table(table: &Table) -> String {
    let mut out = String::new();
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    out.push_str(&row(table.header.iter().map(|h| escape(h)).collect()));
    out.push('\n');
    out.push_str(&row(table.header.iter().map(|_| "---".to_owned()).collect()));
    for cells in &table.rows {
        let _ = write!(out, "\n{}", row(cells.iter().map(|c| escape(&c.text)).collect()));
    }
    out
}

/// Escapes what would break a table cell.
fn escape(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Cell;

    #[test]
    fn tables_escape_pipes_and_newlines() {
        let mut t = Table::new(["a", "b"]);
        t.row([Cell::from("x|y"), Cell::from("two\nlines")]);
        let mut d = Document::default();
        d.heading(1, "Title").table(t);
        assert_eq!(render(&d), "# Title\n\n| a | b |\n| --- | --- |\n| x\\|y | two lines |\n");
    }
}
