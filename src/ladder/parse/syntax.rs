//! TOML syntax errors, as diagnostics in our own words and at the place the
//! mistake was made.
//!
//! The TOML parser recovers after an error and goes on, but what it reads
//! after a broken line is a guess: an unclosed string swallows the rest of
//! its line, and an inline table left open swallows the lines after it,
//! headers included. So after the first syntax error its whole section
//! (from its `[[header]]` to the next, sub-tables included) is blanked out
//! and the text parsed again: what is found then is independent of the
//! first error. That gives
//! at most one syntax error per section, each a real one. The content
//! checks then run on what is left, told which kinds of section went, so
//! that nothing missing with them is reported again. A key given twice
//! leaves the parser in step, so it is reported wherever it is and does not
//! stop the content checks.

use toml::de::DeTable;

use super::fields::{Checker, Lost};

/// The most syntax errors reported for one file; each costs a parse.
const MAX_SYNTAX_ERRORS: usize = 16;
/// The largest broken file whose errors are all looked for; past it only the
/// first is reported. A ladder file is rarely a tenth of this.
pub(super) const MAX_RECOVER_BYTES: usize = 256 * 1024;
/// How many bytes the passes after the first may parse in all.
const REPARSE_BUDGET: usize = 1024 * 1024;

/// One syntax error, placed.
struct Found {
    offset: usize,
    message: String,
    /// Whether the parser may have lost its way after it.
    breaks: bool,
}

/// What is left to check once the syntax errors are reported.
pub(super) enum Readable {
    /// The file as it is: no syntax error stops the content checks.
    Whole,
    /// The text with every broken section blanked out, byte for byte in
    /// place, and which kinds of section went, so that the content checks
    /// can run on the rest without blaming what is missing on the file.
    Blanked(String, Lost),
    /// Nothing more can be checked.
    Unreadable,
}

/// Reports the syntax errors of the file, whose first parse gave `errors`;
/// returns what the content checks can still read.
pub(super) fn report(checker: &mut Checker, errors: &[toml::de::Error]) -> Readable {
    let mut text = checker.text().to_owned();
    let mut errors: Vec<&toml::de::Error> = errors.iter().collect();
    let mut reparsed;
    let mut lost = Lost::default();
    for pass in 0..MAX_SYNTAX_ERRORS {
        let found = place(&text, &mut errors);
        let first_break = found.iter().position(|f| f.breaks);
        // Past the first break the parser guesses, and once a section is
        // blanked out a key may look given twice when it is not: keys given
        // twice are taken from the first parse only, before any break.
        if pass == 0 {
            for f in &found[..first_break.unwrap_or(found.len())] {
                checker.report(&(f.offset..f.offset), f.message.clone());
            }
        }
        let Some(first) = first_break.map(|i| &found[i]) else {
            return if pass == 0 { Readable::Whole } else { Readable::Blanked(text, lost) };
        };
        checker.report(&(first.offset..first.offset), first.message.clone());
        if !blank_section(&mut text, first.offset, &mut lost) {
            // Nothing follows the broken section, and nothing before it broke.
            return Readable::Blanked(text, lost);
        }
        if (pass + 1) * text.len() > REPARSE_BUDGET {
            break;
        }
        reparsed = DeTable::parse_recoverable(&text).1;
        errors = reparsed.iter().collect();
    }
    Readable::Unreadable
}

/// The errors up to the end of the line of the first that breaks, placed
/// and in file order. Garbage can give thousands of errors; the rest are
/// not looked at. The whole line is, because an unclosed string is reported
/// at its line's end together with what it swallowed.
fn place(text: &str, errors: &mut [&toml::de::Error]) -> Vec<Found> {
    errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
    let mut found = Vec::new();
    let mut line_end = None;
    for error in errors.iter() {
        let start = floor(text, error.span().map_or(0, |s| s.start));
        if line_end.is_some_and(|end| start > end) {
            break;
        }
        let f = describe(text, error);
        if f.breaks && line_end.is_none() {
            line_end = Some(text[start..].find('\n').map_or(text.len(), |i| start + i));
        }
        found.push(f);
    }
    found.sort_by_key(|f| f.offset);
    found
}

/// Replaces the section around `offset` with spaces, keeping every other
/// byte where it was; returns whether anything is left after it.
///
/// A section runs from one `[[header]]` (or undotted `[header]`) to the
/// next, sub-tables such as `[levels.expectations]` included. An error at
/// the very start of a header means the section before it was left open
/// (an array or inline table), so that section goes too.
fn blank_section(text: &mut String, offset: usize, lost: &mut Lost) -> bool {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start(offset);
    if start == offset && starts_section(line_of(text, start)) && start > 0 {
        start = line_start(start - 1);
    }
    while start > 0 && !starts_section(line_of(text, start)) {
        start = line_start(start - 1);
    }
    let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
    while end < text.len() && !starts_section(line_of(text, end)) {
        end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    }
    for line in text[start..end].lines().filter(|l| l.trim_start().starts_with('[')) {
        let line = line.trim();
        lost.competencies |= line.starts_with("[[competencies");
        lost.levels |= line.starts_with("[[levels") || line.starts_with("[levels");
    }
    lost.root |= start == 0 && !starts_section(line_of(text, 0));
    let blank: String =
        text[start..end].chars().map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) }).collect();
    text.replace_range(start..end, &blank);
    end < text.len()
}

/// The line that starts at `start`.
fn line_of(text: &str, start: usize) -> &str {
    text[start..].lines().next().unwrap_or_default()
}

/// Whether a line starts a section: `[[name]]`, or `[name]` without a dot.
fn starts_section(line: &str) -> bool {
    let line = line.split('#').next().unwrap_or_default().trim();
    line.starts_with("[[") && line.ends_with("]]")
        || line.starts_with('[') && line.ends_with(']') && !line.contains('.')
}

fn describe(text: &str, error: &toml::de::Error) -> Found {
    let span = error.span().unwrap_or(0..0);
    let offset = floor(text, span.start);
    let message = error.message().trim();
    if message.starts_with("duplicate key") {
        let key = text.get(span.clone()).unwrap_or_default().trim();
        let message = format!("the key `{key}` is given twice in this table; keep one");
        return Found { offset, message, breaks: false };
    }
    for (kind, quote, multi) in [
        ("invalid multi-line basic string", "\"", true),
        ("invalid multi-line literal string", "'", true),
        ("invalid basic string", "\"", false),
        ("invalid literal string", "'", false),
    ] {
        if message.starts_with(kind) && message.ends_with(&format!("expected `{quote}`")) {
            let delimiter = quote.repeat(3);
            let (start, message) = if multi {
                let start = text[..offset].rfind(&delimiter);
                (start, format!("this multi-line string is never closed; end it with `{delimiter}`"))
            } else {
                let message = format!(
                    "this string is not closed on its line; end it with `{quote}` (or use `{delimiter}` for text over several lines)"
                );
                (opening_quote(text, offset, quote), message)
            };
            return Found { offset: start.unwrap_or(offset), message, breaks: true };
        }
    }
    let at_line_start = offset == 0 || text[..offset].ends_with('\n');
    let hint = if at_line_start && (message.contains("missing comma") || message.contains("unclosed")) {
        " (is an array or inline table above left open?)"
    } else {
        ""
    };
    Found { offset, message: format!("this is not valid TOML: {message}{hint}"), breaks: true }
}

/// The opening quote of a string left open on the line of `offset` (or
/// the line before, when the parser noticed only at the next line's start).
fn opening_quote(text: &str, offset: usize, quote: &str) -> Option<usize> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let on_line = last_unescaped(&text[line_start..offset], quote).map(|i| line_start + i);
    on_line.or_else(|| {
        let before = text[..line_start].strip_suffix('\n')?;
        let previous_start = before.rfind('\n').map_or(0, |i| i + 1);
        last_unescaped(&text[previous_start..], quote).map(|i| previous_start + i)
    })
}

/// The last `quote` in `line` that is not escaped by a backslash (literal
/// strings have no escapes, but a backslash before their quote is rare
/// enough not to matter here).
fn last_unescaped(line: &str, quote: &str) -> Option<usize> {
    line.match_indices(quote)
        .map(|(i, _)| i)
        .filter(|&i| line[..i].chars().rev().take_while(|&c| c == '\\').count() % 2 == 0)
        .last()
}

/// `offset` moved back onto a character boundary within `text`.
fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
