//! The one boundary where stored or typed text becomes output text.
//!
//! Every string that came from a file, a flag or a file name is untrusted: a
//! collaborator who can push to a shared store can put anything in it. Each
//! renderer passes such text through exactly one function here before it
//! reaches its output:
//!
//! - [`terminal`]: text for a terminal. Control characters and bidi controls
//!   are shown as visible escapes, so text cannot clear the screen, retitle
//!   the window, plant links or reorder what is shown.
//! - [`markdown`]: text for Markdown. Also HTML-escaped, and stripped of the
//!   syntax that makes links, images, code or raw HTML, so a renderer that
//!   allows raw HTML shows it as text.
//! - [`xml`]: text for XML and HTML content and attributes, always
//!   well-formed.
//!
//! JSON output does not come here: JSON's own escaping carries every
//! character exactly.
//!
//! All three return the text borrowed when nothing needed escaping.
//! [`terminal`] output holds nothing it would escape again, so passing text
//! through it twice is harmless. What this module does not own: layout
//! (wrapping, table cells, one-line folding) stays with each renderer.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character may not reach output as itself: a control character
/// (C0 other than newline and tab, DEL, C1) or a bidi embedding, override
/// or isolate (U+202A–U+202E, U+2066–U+2069).
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi(c)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Rebuilds `text` only when some character needs `escape`, which pushes a
/// character's escaped form and returns `true`, or returns `false` for a
/// character that stays as it is.
fn rewrite<'a>(text: &'a str, escape: impl Fn(char, &mut String) -> bool) -> Cow<'a, str> {
    let mut scratch = String::new();
    let Some(first) = text.char_indices().find(|&(_, c)| escape(c, &mut scratch)).map(|(i, _)| i) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !escape(c, &mut out) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pushes the visible form of a hidden character, `\u{1b}` (its code point in
/// hex, as Rust writes it), and says whether it did.
fn visible(c: char, out: &mut String) -> bool {
    if is_hidden(c) {
        let _ = write!(out, "{}", c.escape_unicode());
    }
    is_hidden(c)
}

/// Text for a terminal: every control character but newline and tab (C0,
/// ESC, DEL, C1) and every bidi embedding, override or isolate is shown as
/// `\u{HEX}`, its code point as Rust writes it (ESC shows as `\u{1b}`).
///
/// The escapes are for reading, not for reversing: a name that already
/// spells `\u{1b}` shows the same.
pub fn terminal(text: &str) -> Cow<'_, str> {
    rewrite(text, visible)
}

/// JSON text for a terminal: JSON escapes C0 itself, and this writes the
/// other hidden characters (DEL, C1, bidi controls) as `\uXXXX` escapes too.
/// They can stand only inside JSON strings, so the JSON decodes to exactly
/// the same values.
pub fn json(text: &str) -> Cow<'_, str> {
    rewrite(text, |c, out| {
        if is_hidden(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        is_hidden(c)
    })
}

/// Text for Markdown, read as plain text or rendered: the one Markdown
/// policy, used by every Markdown output. Hidden characters as for
/// [`terminal`]; `&`, `<` and `>` as HTML entities, so no raw HTML and no
/// block quote; `[`, `]`, the backtick and `~` as numeric character references,
/// so no link, image, code span or strikethrough; the backslash doubled, so no escape is
/// undone; and every line kept from opening a block (`inert_line`): no
/// heading, list, table, code block or thematic break. `://` and `www.`
/// are broken with a character reference, so no renderer turns them into a
/// link either.
///
/// Entities and backslash escapes never count as Markdown syntax, so what a
/// reader sees is the original text (less the indentation of its lines).
/// Layout (table cells, one-line folding) is the renderer's.
pub fn markdown(text: &str) -> Cow<'_, str> {
    let escaped = inline_markdown(text);
    if inert_lines(&escaped).all(|(line, inert)| inert == line) {
        return unlinked(escaped);
    }
    let lines: Vec<Cow<'_, str>> = inert_lines(&escaped).map(|(_, inert)| inert).collect();
    unlinked(Cow::Owned(lines.join("\n")))
}

/// Text for Markdown that the renderer places after markup on one line,
/// where no block can start: a heading's text, a table cell, an image's
/// caption. As [`markdown`], without what only a line start needs.
pub fn markdown_inline(text: &str) -> Cow<'_, str> {
    unlinked(inline_markdown(text))
}

/// `://` and `www.` broken by a character reference, so that no renderer
/// (GitHub's autolinks) makes a link of them.
fn unlinked(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains("://") && !text.contains("www.") {
        return text;
    }
    Cow::Owned(text.replace("://", ":&#47;/").replace("www.", "www&#46;"))
}

/// Each line of `text` with its [`inert_line`].
fn inert_lines(text: &str) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
    let mut opens = true;
    text.split('\n').map(move |line| {
        let inert = inert_line(line, opens);
        opens = line.trim().is_empty();
        (line, inert)
    })
}

/// A line of escaped Markdown text that cannot open a block: a backslash
/// before a leading `#`, `-`, `+`, `*`, `=`, `|`, `:`, `~` or `_` (no
/// heading, list, setext underline, table row, fence or thematic break),
/// or before the `.` or `)` of a leading number (no ordered list). A line
/// that `opens` a paragraph (the first, or one after a blank line) also
/// loses an indentation that would make it code; within a paragraph,
/// indentation is only text.
fn inert_line(line: &str, opens: bool) -> Cow<'_, str> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    // Four columns of indentation (a tab reaches them) would open a code block.
    let code = opens && (indent.len() >= 4 || indent.contains('\t'));
    let (indent, line) = if code { ("", body) } else { (indent, line) };
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let marker = if body.starts_with(['#', '-', '+', '*', '=', '|', ':', '~', '_']) {
        Some(0)
    } else {
        (digits > 0 && body[digits..].starts_with(['.', ')'])).then_some(digits)
    };
    match marker {
        Some(at) => Cow::Owned(format!("{indent}{}\\{}", &body[..at], &body[at..])),
        None => Cow::Borrowed(line),
    }
}

/// [`markdown`]'s escaping of single characters, without the line starts.
fn inline_markdown(text: &str) -> Cow<'_, str> {
    rewrite(text, |c, out| {
        let escaped = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '[' => "&#91;",
            ']' => "&#93;",
            '`' => "&#96;",
            // GitHub's Markdown strikes `~~text~~` through.
            '~' => "&#126;",
            '\\' => "\\\\",
            c => return visible(c, out),
        };
        out.push_str(escaped);
        true
    })
}

/// Text for XML or HTML, in content or in a quoted attribute: `&`, `<`, `>`,
/// `"` and `'` as entities. Characters XML 1.0 forbids (C0 but tab, newline
/// and carriage return; U+FFFE and U+FFFF) become U+FFFD, so the document is
/// always well-formed. Carriage return, DEL and C1 controls, which XML
/// allows, are written as numeric character references: the document keeps
/// them, but never as raw bytes a terminal would act on. Bidi controls are
/// written as visible text (`\u{202e}`), as on a terminal: a browser applies
/// a reference to one as it would the character, and would turn the page's
/// own words and figures around.
pub fn xml(text: &str) -> Cow<'_, str> {
    rewrite(text, |c, out| {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c if is_bidi(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c if is_hidden(c) => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            _ => return false,
        }
        true
    })
}

/// Whether a link is one rungs will ever emit: `http` or `https`, no spaces
/// or control characters, bounded.
pub fn is_web_link(link: &str) -> bool {
    let lower = link.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && link.chars().count() <= MAX_LINK
        && !link.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

/// The longest link, in characters.
pub const MAX_LINK: usize = 2048;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HOSTILE: &str = "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{85}\u{202e}\u{0}\u{7f}\u{ffff}";

    #[test]
    fn clean_text_is_borrowed_not_copied() {
        for f in [terminal, markdown, xml] {
            assert!(matches!(f("Ada Lovelace · TL4 → TL5\n\tok"), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn the_terminal_sees_control_and_bidi_characters_as_escapes() {
        assert_eq!(terminal(HOSTILE), "Eve\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{d}\\u{85}\\u{202e}\\u{0}\\u{7f}\u{ffff}");
        assert_eq!(terminal("a\u{2066}b\u{2069}\u{202a}"), "a\\u{2066}b\\u{2069}\\u{202a}");
        assert_eq!(terminal("two\nlines\tand tab"), "two\nlines\tand tab");
    }

    #[test]
    fn markdown_shows_html_and_link_syntax_as_text() {
        assert_eq!(markdown("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(markdown("[x](javascript:alert(1))"), "&#91;x&#93;(javascript:alert(1))");
        assert_eq!(markdown("![i](x) `code` a\\[b & c"), "!&#91;i&#93;(x) &#96;code&#96; a\\\\&#91;b &amp; c");
        assert_eq!(markdown("\u{1b}[2J"), "\\u{1b}&#91;2J");
        assert_eq!(markdown("~~struck~~"), "&#126;&#126;struck&#126;&#126;", "no strikethrough");
    }

    #[test]
    fn no_line_of_markdown_text_can_open_a_block_or_a_link() {
        let text = "# h\n  - item\n1. one\n12) twelve\n| a | b |\n:--- | ---\n~~~\n===\n> q\nsee https://x.y or www.x.y\n2026-05-01 stays";
        let expected = "\\# h\n  \\- item\n1\\. one\n12\\) twelve\n\\| a | b |\n\\:--- | ---\n&#126;&#126;&#126;\n\\===\n&gt; q\nsee https:&#47;/x.y or www&#46;x.y\n2026-05-01 stays";
        assert_eq!(markdown(text), expected);
        assert!(matches!(markdown("3 of 5 ready\nplain"), Cow::Borrowed(_)));
        assert_eq!(markdown("    code?\n    no, text\n\n\tcode?"), "code?\n    no, text\n\ncode?");
    }

    #[test]
    fn xml_replaces_what_xml_forbids_and_references_what_a_terminal_would_act_on() {
        assert_eq!(xml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(xml("\u{0}\u{1b}\u{ffff}\u{fffe}"), "\u{fffd}\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(xml("\r\u{7f}\u{85}\u{202e}"), "&#xD;&#x7F;&#x85;\\u{202e}");
        assert_eq!(xml("tab\there\nnewline"), "tab\there\nnewline");
    }

    /// Strings dense in the characters that matter here, and any others.
    fn text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            proptest::char::range('\0', '\u{a0}'),
            proptest::char::range('\u{202a}', '\u{202e}'),
            proptest::char::range('\u{2066}', '\u{2069}'),
            proptest::char::range('\u{fffd}', '\u{ffff}'),
            any::<char>(),
        ];
        proptest::collection::vec(c, 0..64).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn terminal_text_never_holds_a_hidden_character(text in text()) {
            let shown = terminal(&text);
            prop_assert!(!shown.chars().any(is_hidden), "{shown:?}");
            prop_assert_eq!(terminal(&shown), shown.clone(), "escaping twice changes nothing");
        }

        #[test]
        fn markdown_text_never_holds_a_hidden_character_or_markup(text in text()) {
            let shown = markdown(&text);
            prop_assert!(!shown.chars().any(|c| is_hidden(c) || matches!(c, '<' | '>' | '[' | ']' | '`')));
        }

        #[test]
        fn xml_text_always_parses_in_an_element_and_an_attribute(text in text()) {
            let escaped = xml(&text);
            prop_assert!(!escaped.chars().any(is_hidden), "{escaped:?}");
            let doc = format!("<r a=\"{escaped}\" b='{escaped}'>{escaped}</r>");
            let parsed = roxmltree::Document::parse(&doc);
            prop_assert!(parsed.is_ok(), "{doc:?}: {parsed:?}");
            let forbidden = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}';
            let kept: String = text
                .chars()
                .map(|c| match c {
                    c if forbidden(c) => '\u{fffd}'.to_string(),
                    c if is_bidi(c) => format!("\\u{{{:x}}}", u32::from(c)),
                    c => c.to_string(),
                })
                .collect();
            let parsed = parsed.unwrap();
            prop_assert_eq!(parsed.root_element().text().unwrap_or(""), kept.as_str());
        }
    }
}
