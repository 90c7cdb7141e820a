//! TOML syntax errors, as diagnostics in our own words and at the place the
//! mistake was made.
//!
//! The TOML parser recovers after an error and goes on, but what it reads
//! after a broken line is a guess: an unclosed string swallows the rest of
//! its line, and an inline table left open swallows the lines after it.
//! So only the first syntax error of each table section (from one `[header]`
//! to the next) is reported, and the content checks run only on a file
//! without syntax errors. A key given twice leaves the parser in step, so it
//! is reported wherever it is and does not stop the content checks.

use super::fields::Checker;

/// One syntax error, placed.
struct Found {
    offset: usize,
    message: String,
    /// Whether the parser may have lost its way after it.
    breaks: bool,
}

/// Reports the syntax errors; returns whether the content can be checked.
pub(super) fn report(checker: &mut Checker, errors: &[toml::de::Error]) -> bool {
    let text = checker.text();
    let mut found: Vec<Found> = errors.iter().map(|e| describe(text, e)).collect();
    found.sort_by_key(|f| f.offset);
    let mut broken_sections = Vec::new();
    for f in found {
        if f.breaks {
            let section = section_of(text, f.offset);
            if broken_sections.contains(&section) {
                continue;
            }
            broken_sections.push(section);
        }
        checker.report(&(f.offset..f.offset), f.message);
    }
    broken_sections.is_empty()
}

fn describe(text: &str, error: &toml::de::Error) -> Found {
    let span = error.span().unwrap_or(0..0);
    let mut offset = span.start.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let message = error.message().trim();
    if message.starts_with("duplicate key") {
        let key = text.get(span.clone()).unwrap_or_default().trim();
        let message = format!("the key `{key}` is given twice in this table; keep one");
        return Found { offset, message, breaks: false };
    }
    for (kind, quote, multi) in [
        ("invalid multi-line basic string", "\"\"\"", true),
        ("invalid multi-line literal string", "'''", true),
        ("invalid basic string", "\"", false),
        ("invalid literal string", "'", false),
    ] {
        if message.starts_with(kind) && message.ends_with(&format!("expected `{quote}`")) {
            let start = if multi { text[..offset].rfind(quote) } else { opening_quote(text, offset, quote) };
            let message = if multi {
                format!("this multi-line string is never closed; end it with `{quote}`")
            } else {
                format!(
                    "this string is not closed on its line; end it with `{quote}` (or use `{quote}{quote}{quote}` for text over several lines)"
                )
            };
            return Found { offset: start.unwrap_or(offset), message, breaks: true };
        }
    }
    Found { offset, message: format!("this is not valid TOML: {message}"), breaks: true }
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

/// Which table section `offset` is in: the number of `[header]` lines
/// before it.
fn section_of(text: &str, offset: usize) -> usize {
    text[..offset]
        .lines()
        .filter(|line| {
            let line = line.split('#').next().unwrap_or_default().trim();
            line.starts_with('[') && line.ends_with(']')
        })
        .count()
}
