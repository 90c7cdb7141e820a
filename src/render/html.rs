//! Renders a [`Document`] as one self-contained HTML page: inline CSS and
//! SVG, nothing loaded from the network, readable on screen and in print.
//! Every piece of user text passes through [`crate::untrusted::xml`], so
//! the page is always well-formed and never carries markup it was given.

use std::fmt::Write;

use super::{Block, Cell, Document, Table, Tone};
use crate::untrusted;

/// A complete HTML page for `document`, titled `title`.
pub fn page(title: &str, document: &Document) -> String {
    let mut body = String::new();
    for block in &document.blocks {
        body.push_str(&self::block(block));
        body.push('\n');
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        untrusted::xml(title)
    )
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, text) => format!("<h{level}>{}</h{level}>", untrusted::xml(text)),
        Block::Text(cell) => format!("<p{}>{}</p>", class(cell.tone), untrusted::xml(&cell.text)),
        Block::List(items) => {
            let items: String =
                items.iter().map(|i| format!("<li{}>{}</li>", class(i.tone), untrusted::xml(&i.text))).collect();
            format!("<ul>{items}</ul>")
        }
        Block::Numbered(items) => {
            let items: String =
                items.iter().map(|i| format!("<li{}>{}</li>", class(i.tone), untrusted::xml(&i.text))).collect();
            format!("<ol>{items}</ol>")
        }
        Block::Checklist(items) => {
            let items: String = items
                .iter()
                .map(|i| {
                    format!(
                        "<li{}><label><input type=\"checkbox\"> {}</label></li>",
                        class(i.tone),
                        untrusted::xml(&i.text)
                    )
                })
                .collect();
            format!("<ul class=\"checklist\">{items}</ul>")
        }
        Block::Table(t) => table(t),
        Block::Quote(text) => {
            let paragraphs: String =
                text.split("\n\n").map(|p| format!("<p>{}</p>", untrusted::xml(p).replace('\n', "<br>"))).collect();
            format!("<blockquote>{paragraphs}</blockquote>")
        }
        // The SVG is ours, built with every label escaped.
        Block::Figure { svg, caption, .. } => {
            format!("<figure>{svg}<figcaption>{}</figcaption></figure>", untrusted::xml(caption))
        }
    }
}

fn table(table: &Table) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in &table.header {
        let _ = write!(out, "<th>{}</th>", untrusted::xml(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&td(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>");
    out
}

fn td(cell: &Cell) -> String {
    format!("<td{}>{}</td>", class(cell.tone), untrusted::xml(&cell.text))
}

fn class(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "",
        Tone::Good => " class=\"good\"",
        Tone::Warn => " class=\"warn\"",
        Tone::Bad => " class=\"bad\"",
        Tone::Muted => " class=\"muted\"",
        Tone::Strong => " class=\"strong\"",
    }
}

const CSS: &str = "\
:root{color-scheme:light;--ink:#101828;--soft:#475467;--line:#eaecf0;--good:#067647;--warn:#b54708;--bad:#b42318}\
*{box-sizing:border-box}\
body{margin:0;background:#f9fafb;color:var(--ink);font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
main{max-width:52rem;margin:2rem auto;padding:2rem 2.5rem;background:#fff;border:1px solid var(--line);border-radius:12px}\
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:1rem;border-top:1px solid var(--line)}\
p{margin:.4rem 0}.muted{color:var(--soft)}.strong{font-weight:600}\
.good{color:var(--good);font-weight:600}.warn{color:var(--warn);font-weight:600}.bad{color:var(--bad);font-weight:600}\
table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.95rem}\
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}\
th{background:#f2f4f7;font-weight:600}\
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #d0d5dd;background:#f9fafb;color:#344054}\
figure{margin:1rem 0;text-align:center}figure svg{max-width:100%;height:auto}\
figcaption{color:var(--soft);font-size:.9rem}\
ul,ol{padding-left:1.25rem}li{margin:.25rem 0}\
ul.checklist{list-style:none;padding-left:0}ul.checklist input{margin-right:.4rem}\
@media print{body{background:#fff;font-size:11pt}main{margin:0;border:0;padding:0;max-width:none}\
h2{break-after:avoid}table,figure,blockquote{break-inside:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_everywhere() {
        let mut doc = Document::default();
        let mut t = Table::new(["<th>"]);
        t.row(["<td>&"]);
        doc.heading(1, "<h1>").text("<script>alert(1)</script>").list(["<li>"]).table(t).quote("<q>\nline");
        let html = page("<title>", &doc);
        for raw in ["<script>", "<h1><", "<li><li>", "<q>", "<title><title>"] {
            assert!(!html.contains(raw), "{raw} left raw in\n{html}");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;q&gt;<br>line"));
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = page("t", &Document::default());
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"));
    }
}
