//! Reading typed values out of one TOML table of a ladder file: unknown keys
//! are reported with a near match, values of the wrong type and missing
//! required keys with the table they belong to. Every read that fails
//! reports once and gives `None`, so callers never report the same value twice.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::Diagnostic;
use crate::text::{edit_distance, near_matches, nfc};

/// A value of the file with its position.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// One table of the file, and what to call it in messages.
pub(super) struct Table<'t, 'i> {
    /// The keys and values.
    pub table: &'t DeTable<'i>,
    /// Where the table starts (its header, or its `{`).
    pub span: Range<usize>,
    /// `competency `a``, `level `L1``, …
    pub name: String,
}

/// The diagnostics found so far in one file.
pub(super) struct Checker<'a> {
    text: &'a str,
    path: &'a str,
    /// Every problem found, in the order found, up to [`MAX_DIAGNOSTICS`].
    found: Vec<Diagnostic>,
    /// How many more were found, and where the first of them is.
    more: Option<(usize, usize)>,
    /// The kinds of section blanked out after syntax errors: what is
    /// missing with them is not reported again.
    pub lost: Lost,
}

/// The most problems listed for one file: past them a file is more likely
/// not a ladder at all, and each costs a scan of the text to place.
const MAX_DIAGNOSTICS: usize = 200;

impl<'a> Checker<'a> {
    pub fn new(text: &'a str, path: &'a str) -> Self {
        Checker { text, path, found: Vec::new(), more: None, lost: Lost::default() }
    }

    /// Every problem found, in file order, the last saying how many more
    /// there were when there were too many to list.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| (d.line, d.column));
        if let Some((count, first)) = self.more {
            let (line, column) = line_column(self.text, first);
            let message = format!("{count} more problems are not listed; fix these first");
            self.found.push(Diagnostic { path: self.path.to_owned(), line, column, message });
        }
        self.found
    }

    /// The file's text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Records a problem at the start of `span`.
    pub fn report(&mut self, span: &Range<usize>, message: String) {
        if self.found.len() >= MAX_DIAGNOSTICS {
            let (count, first) = self.more.get_or_insert((0, span.start));
            *count += 1;
            *first = (*first).min(span.start);
            return;
        }
        let (line, column) = line_column(self.text, span.start);
        self.found.push(Diagnostic { path: self.path.to_owned(), line, column, message });
    }

    /// Reports every key of `t` not in `allowed`, with a near match when there is one.
    pub fn keys(&mut self, t: &Table, allowed: &[&str]) {
        for key in t.table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let message = format!(
                    "unknown key `{}` in {}{}",
                    shown(key.get_ref()),
                    t.name,
                    suggestion(key.get_ref(), allowed)
                );
                self.report(&key.span(), message);
            }
        }
    }

    /// The value of `key` when it is of the wanted kind; a value of another
    /// kind is reported.
    pub fn get<'t, 'i>(&mut self, t: &Table<'t, 'i>, key: &str, want: Kind) -> Option<&'t Value<'i>> {
        let value = t.table.get(key)?;
        if want.matches(value.get_ref()) {
            Some(value)
        } else {
            let message =
                format!("`{key}` of {} must be {}, not {}", t.name, want.describe(), kind_of(value.get_ref()));
            self.report(&value.span(), message);
            None
        }
    }

    /// An optional string.
    pub fn string(&mut self, t: &Table, key: &str) -> Option<Spanned<String>> {
        let value = self.get(t, key, Kind::String)?;
        let text = value.get_ref().as_str().unwrap_or_default().to_owned();
        Some(Spanned::new(value.span(), text))
    }

    /// A string that must be there; its absence is reported at the table.
    pub fn required_string(&mut self, t: &Table, key: &str) -> Option<Spanned<String>> {
        // A misspelt key is reported as unknown, with `key` as its near
        // match; saying that `key` is missing as well would say it twice.
        let misspelt = t.table.keys().any(|k| k.get_ref() != key && is_near(k.get_ref(), key));
        // The top-level keys may have gone with a section blanked out.
        let lost = self.lost.root && t.span == (0..0);
        if !t.table.contains_key(key) && !misspelt && !lost {
            let message = format!("{} has no `{key}`; add `{key} = \"…\"`", t.name);
            self.report(&t.span, message);
        }
        self.string(t, key)
    }

    /// An optional boolean.
    pub fn boolean(&mut self, t: &Table, key: &str) -> Option<Spanned<bool>> {
        let value = self.get(t, key, Kind::Boolean)?;
        Some(Spanned::new(value.span(), value.get_ref().as_bool().unwrap_or_default()))
    }

    /// An optional whole number from 0 to `max`.
    pub fn count(&mut self, t: &Table, key: &str, max: u32) -> Option<Spanned<u32>> {
        let value = self.get(t, key, Kind::Integer)?;
        let integer = value.get_ref().as_integer()?;
        let parsed = i128::from_str_radix(integer.as_str(), integer.radix()).ok();
        let problem = match parsed {
            Some(n) if n < 0 => format!("`{key}` of {} is {n}; it must be 0 or more", t.name),
            Some(n) if n > i128::from(max) => format!("`{key}` of {} is {n}; the limit is {max}", t.name),
            Some(n) => return u32::try_from(n).ok().map(|n| Spanned::new(value.span(), n)),
            None => format!("`{key}` of {} is too large; the limit is {max}", t.name),
        };
        self.report(&value.span(), problem);
        None
    }

    /// An optional array, with its position.
    pub fn array<'t, 'i>(&mut self, t: &Table<'t, 'i>, key: &str) -> Option<(&'t [Value<'i>], Range<usize>)> {
        let value = self.get(t, key, Kind::Array)?;
        Some((value.get_ref().as_array()?, value.span()))
    }

    /// `value` as a table called `name`, or a report that it is not one.
    pub fn table<'t, 'i>(&mut self, value: &'t Value<'i>, name: String, example: &str) -> Option<Table<'t, 'i>> {
        match value.get_ref().as_table() {
            Some(table) => Some(Table { table, span: value.span(), name }),
            None => {
                let message = format!("{name} must be a table such as {example}, not {}", kind_of(value.get_ref()));
                self.report(&value.span(), message);
                None
            }
        }
    }

    /// Reports a name longer than `max` characters.
    pub fn check_len(&mut self, name: &Spanned<String>, what: &str, max: usize) {
        let chars = name.get_ref().chars().count();
        if chars > max {
            self.report(&name.span(), format!("{what} is {chars} characters long; the limit is {max}"));
        }
    }

    /// Reports an id that is not lowercase letters, digits and hyphens, or
    /// too long; returns whether it is valid.
    pub fn check_id(&mut self, id: &Spanned<String>, what: &str) -> bool {
        self.check_len(id, what, super::limits::MAX_ID_CHARS);
        let name = id.get_ref();
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            let message = format!(
                "{what} `{name}` must be lowercase letters, digits and hyphens, starting with a letter or digit"
            );
            self.report(&id.span(), message);
        }
        valid && name.chars().count() <= super::limits::MAX_ID_CHARS
    }

    /// Reports `name` when an equal one (after NFC, ignoring case) was seen
    /// before; returns whether it is new.
    pub fn unique(&mut self, seen: &mut HashMap<String, usize>, name: &Spanned<String>, what: &str) -> bool {
        let key = nfc(name.get_ref()).to_lowercase();
        if let Some(&first) = seen.get(&key) {
            let (line, _) = line_column(self.text, first);
            let message = format!("duplicate {what} `{}`; first defined on line {line}", shown(name.get_ref()));
            self.report(&name.span(), message);
            false
        } else {
            seen.insert(key, name.span().start);
            true
        }
    }
}

/// The kinds of value a ladder file uses.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    String,
    Integer,
    Boolean,
    Array,
}

impl Kind {
    fn matches(self, value: &DeValue) -> bool {
        match self {
            Kind::String => value.is_str(),
            Kind::Integer => value.is_integer(),
            Kind::Boolean => value.is_bool(),
            Kind::Array => value.is_array(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::String => "a string in quotes",
            Kind::Integer => "a whole number",
            Kind::Boolean => "`true` or `false`",
            Kind::Array => "an array `[…]`",
        }
    }
}

/// What a value is, in words.
pub(super) fn kind_of(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Names longer than this are near nothing: every key and id it could be
/// near is at most [`super::limits::MAX_ID_CHARS`] long, and comparing costs its
/// length times theirs.
const MAX_NEAR_BYTES: usize = 4 * super::limits::MAX_ID_CHARS;

/// A name from the file as a message shows it: cut short when long, so that
/// a runaway key does not fill the screen.
pub(super) fn shown(name: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN_CHARS: usize = 60;
    match name.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &name[..cut]).into(),
        None => name.into(),
    }
}

/// Whether `name` is a near miss of `known`: a few edits away, or two
/// neighbouring letters swapped (`titel` for `title`).
fn is_near(name: &str, known: &str) -> bool {
    name.len() <= MAX_NEAR_BYTES && !near_matches(name, [known]).is_empty() || swapped(name, known)
}

/// Whether `a` is `b` with two neighbouring characters swapped.
fn swapped(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(differ.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// The closest of `known` to `name`, if any is a near miss.
///
/// A near match must keep at least one character: every one-letter id is
/// one edit from every other, and that is no hint.
pub(super) fn near_key<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    if name.len() > MAX_NEAR_BYTES {
        return None;
    }
    let length = name.chars().count();
    let close = near_matches(name, known.iter().copied())
        .into_iter()
        .find(|k| edit_distance(&name.to_lowercase(), &k.to_lowercase()) < length);
    close.or_else(|| known.iter().copied().find(|k| swapped(name, k)))
}

/// `; did you mean `x`?`, `; expected one of: a, b`, or nothing.
pub(super) fn suggestion(name: &str, known: &[&str]) -> String {
    match (near_key(name, known), known) {
        (Some(one), _) => format!("; did you mean `{one}`?"),
        (None, []) => String::new(),
        (None, all) => format!("; expected one of: {}", all.join(", ")),
    }
}

/// The kinds of section blanked out after a syntax error.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Lost {
    /// The top-level keys, before the first header.
    pub root: bool,
    /// A `[[competencies]]` table.
    pub competencies: bool,
    /// A `[[levels]]` table (or its expectations).
    pub levels: bool,
}

/// The 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
