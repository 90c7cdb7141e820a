//! Renders a [`Document`] as one self-contained HTML page: inline CSS and
//! SVG, nothing loaded from the network, readable on screen and in print.
//! Every piece of user text passes through [`crate::untrusted::xml`], so
//! the page is always well-formed and never carries markup it was given.
//! The only links are a note's `http` or `https` addresses; in print each
//! shows its address, and no section is split across pages.

use std::fmt::Write;

use super::{Block, Cell, Document, Linked, Table, Tone};
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
        Block::Sublist(items) => {
            let items: String =
                items.iter().map(|i| format!("<li{}>{}</li>", class(i.tone), untrusted::xml(&i.text))).collect();
            format!("<ul class=\"items\">{items}</ul>")
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
        // The SVG is ours too; its marks carry the same facts as the words.
        Block::Picture { svg, .. } => format!("<div class=\"picture\">{svg}</div>"),
        Block::Links(items) => format!("<ul class=\"links\">{}</ul>", items.iter().map(linked).collect::<String>()),
        Block::Section(blocks) => {
            let inner: Vec<String> = blocks.iter().map(self::block).collect();
            format!("<section class=\"keep\">\n{}\n</section>", inner.join("\n"))
        }
    }
}

/// A list item and its links; an address that is not a web link stays text.
fn linked(item: &Linked) -> String {
    let mut out = format!("<li{}>{}", class(item.item.tone), untrusted::xml(&item.item.text));
    for link in &item.links {
        if crate::untrusted::is_web_link(link) {
            let _ = write!(out, " <a href=\"{}\">{}</a>", untrusted::xml(link), untrusted::xml(&label(link)));
        } else {
            let _ = write!(out, " <span class=\"link\">{}</span>", untrusted::xml(link));
        }
    }
    out.push_str("</li>");
    out
}

/// A web address as shown on screen: without its scheme, shortened.
fn label(link: &str) -> String {
    let bare = link.split_once("://").map_or(link, |(_, rest)| rest).trim_end_matches('/');
    if bare.chars().count() <= 48 {
        bare.to_owned()
    } else {
        format!("{}…", bare.chars().take(47).collect::<String>())
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
ul.items{margin:-.25rem 0 .5rem 1.5rem;list-style:circle}\
section.keep{break-inside:avoid;page-break-inside:avoid}\
.picture{margin:.5rem 0;overflow-x:auto}svg.strip{max-width:100%;height:auto}\
ul.links a{color:#1849a9;overflow-wrap:anywhere}\
@media print{body{background:#fff;font-size:9.5pt;line-height:1.35}main{margin:0;border:0;padding:0;max-width:none}\
h2,h3{break-after:avoid}table,figure,blockquote{break-inside:avoid}\
h2{font-size:1.2rem;margin:.7rem 0 .25rem;padding-top:.35rem}p{margin:.15rem 0}li{margin:.05rem 0}\
table{margin:.3rem 0;font-size:.95em}th,td{padding:.15rem .45rem}blockquote{margin:.25rem 0;padding:.15rem .7rem}\
figure{margin:.4rem 0}figure svg{max-width:55%}.picture{margin:.2rem 0}svg.strip{max-height:2.6rem;width:auto}\
a[href]::after{content:\" (\" attr(href) \")\";color:var(--soft);font-size:.85em;overflow-wrap:anywhere}}";

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
    fn only_web_links_become_links_and_their_address_is_escaped() {
        let mut doc = Document::default();
        let links = vec!["https://example.com/a?b=1&c='x'".into(), "javascript:alert(1)".into()];
        let mut part = Document::default();
        part.links(vec![Linked { item: "<b>note</b>".into(), links }]);
        doc.section(part);
        let html = page("t", &doc);
        assert!(html.contains("<section class=\"keep\">\n<ul class=\"links\"><li>&lt;b&gt;note&lt;/b&gt; "), "{html}");
        assert!(
            html.contains("<a href=\"https://example.com/a?b=1&amp;c=&#39;x&#39;\">example.com/a?b=1&amp;c="),
            "{html}"
        );
        assert!(html.contains("<span class=\"link\">javascript:alert(1)</span>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = page("t", &Document::default());
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"));
    }
}
