//! Reading `people.toml`: TOML syntax and types through serde, each value
//! kept with its place so that every later problem can name its line and
//! column. Field bounds (lengths, counts, control characters) are checked
//! here, all at once; what is wrong between people is [`super::check`]'s.

use serde::Deserialize;
use toml::Spanned;

use super::{At, Person, Places, Roster, bad_text, short};
use crate::error::Diagnostic;

/// The most people a roster may hold.
pub const MAX_PEOPLE: usize = 100_000;
/// The most keys one person may have.
const MAX_KEYS: usize = 32;
/// The longest key line, in bytes (a 16,384-bit RSA key is about 2,800).
const MAX_KEY_BYTES: usize = 4096;
/// The most roles one person may have.
const MAX_ROLES: usize = 8;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    cycle: Option<Spanned<String>>,
    #[serde(default)]
    person: Vec<Spanned<RawPerson>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: Spanned<String>,
    email: Option<Spanned<String>>,
    manager: Option<Spanned<String>>,
    ladder: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
    team: Option<Spanned<String>>,
    #[serde(default)]
    keys: Vec<Spanned<String>>,
    #[serde(default)]
    roles: Vec<Spanned<String>>,
    left: Option<Spanned<Day>>,
}

/// `left = 2026-03-31`, or the same day as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Day {
    Date(toml::value::Datetime),
    Text(String),
}

/// Turns byte offsets into lines and columns.
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts }
    }

    pub(super) fn at(&self, offset: usize) -> At {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        At { line, column }
    }
}

/// Parses the text of a roster file; `path` only names it in diagnostics.
/// Names are kept in Unicode NFC.
///
/// # Errors
/// Every problem of syntax, type or bounds found, each with line and column.
pub fn parse(text: &str, path: &str) -> Result<Roster, Vec<Diagnostic>> {
    match read(text, path) {
        (Some(roster), problems) if problems.is_empty() => Ok(roster),
        (_, problems) => Err(problems),
    }
}

/// As [`parse`], but what can be read is kept beside the problems: a field
/// that is wrong (an unknown role, a `left` that is no day) is left out of
/// its person, so that `rungs roster check` can still name every problem
/// between people in the same run. `None` when the file is not a roster at
/// all (not TOML of this shape, or too many people).
pub fn read(text: &str, path: &str) -> (Option<Roster>, Vec<Diagnostic>) {
    let lines = Lines::new(text);
    let diagnostic =
        |at: At, message: String| Diagnostic { path: path.to_owned(), line: at.line, column: at.column, message };
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map_or(At { line: 1, column: 1 }, |s| lines.at(s.start));
            return (None, vec![diagnostic(at, e.message().trim().to_owned())]);
        }
    };
    let mut problems = Vec::new();
    if raw.person.len() > MAX_PEOPLE {
        let at = lines.at(raw.person[MAX_PEOPLE].span().start);
        problems.push(diagnostic(at, format!("more than {MAX_PEOPLE} people; a roster holds at most that many")));
        return (None, problems);
    }
    let cycle = raw.cycle.as_ref().and_then(|c| match super::cycle_days(c.get_ref()) {
        Ok(days) => Some(days),
        Err(why) => {
            problems.push(diagnostic(lines.at(c.span().start), format!("`cycle`: {why}")));
            None
        }
    });
    let mut people = Vec::with_capacity(raw.person.len());
    for spanned in raw.person {
        let header = lines.at(spanned.span().start);
        let raw = spanned.into_inner();
        let mut places = Places { person: header, ..Places::default() };
        let mut text = |field: &'static str, value: Option<Spanned<String>>| -> Option<String> {
            let value = value?;
            let at = lines.at(value.span().start);
            places.fields.push((field, at));
            let value = crate::text::nfc(value.get_ref().trim());
            if let Some(why) = bad_text(&value) {
                problems.push(diagnostic(at, format!("`{field}` {why}")));
            }
            Some(value)
        };
        let name = text("name", Some(raw.name)).unwrap_or_default();
        let email = text("email", raw.email);
        let manager = text("manager", raw.manager).filter(|m| !m.is_empty());
        let ladder = text("ladder", raw.ladder).filter(|l| !l.is_empty());
        let level = text("level", raw.level).filter(|l| !l.is_empty());
        let target = text("target", raw.target).filter(|l| !l.is_empty());
        let team = text("team", raw.team).filter(|l| !l.is_empty());
        if name.is_empty() {
            problems.push(diagnostic(places.of("name"), "`name` is empty".into()));
        }
        if raw.keys.len() > MAX_KEYS {
            problems.push(diagnostic(header, format!("more than {MAX_KEYS} keys")));
        }
        let mut keys = Vec::new();
        for key in raw.keys.into_iter().take(MAX_KEYS) {
            let at = lines.at(key.span().start);
            let value = key.into_inner().trim().to_owned();
            if value.len() > MAX_KEY_BYTES {
                problems.push(diagnostic(at, format!("a key is longer than {MAX_KEY_BYTES} bytes")));
                continue;
            }
            places.keys.push(at);
            keys.push(value);
        }
        if raw.roles.len() > MAX_ROLES {
            problems.push(diagnostic(header, format!("more than {MAX_ROLES} roles")));
        }
        let mut roles = Vec::new();
        for role in raw.roles.into_iter().take(MAX_ROLES) {
            let at = lines.at(role.span().start);
            let value = role.into_inner().trim().to_owned();
            if !super::ROLES.contains(&value.as_str()) {
                let known = super::ROLES.join(", ");
                problems.push(diagnostic(at, format!("unknown role `{}`; the roles are: {known}", short(&value))));
            }
            roles.push(value);
        }
        let left = raw.left.and_then(|left| {
            let at = lines.at(left.span().start);
            places.fields.push(("left", at));
            let text = match left.into_inner() {
                Day::Date(date) => date.to_string(),
                Day::Text(text) => text,
            };
            match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    problems.push(diagnostic(at, format!("`left` must be a day, YYYY-MM-DD, not `{}`", short(&text))));
                    None
                }
            }
        });
        people.push(Person { name, email, manager, ladder, level, target, team, keys, roles, left, at: places });
    }
    let mut roster = Roster::new(people, cycle, path);
    roster.cycle_at = raw.cycle.map_or(At::default(), |c| lines.at(c.span().start));
    (Some(roster), problems)
}
