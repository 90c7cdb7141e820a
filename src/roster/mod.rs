//! Who is who: the roster of a store, `people.toml` at its root. One
//! `[[person]]` table each, with their manager, ladder, level, team, public
//! keys and roles; an optional `cycle = "90d"` says how often reviews are due.
//!
//! The file is untrusted input like every file of a store: [`parse`] reads
//! its text (the store layer reads it bounded) and names every problem as
//! `FILE:LINE:COL`; [`check()`] finds what is wrong between people (an unknown
//! manager, a cycle, duplicates, unknown ladders or levels, malformed keys),
//! all at once. [`write()`] turns a roster back into the file's text, and
//! [`merge`] folds an HR system's spreadsheet into a roster. Nothing here
//! touches files. The format is documented in `docs/roster.md`.

pub mod check;
pub mod merge;
mod parse;
mod write;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use check::check;
pub use parse::{MAX_PEOPLE, parse, read};
pub use write::write;

/// The file's name at the store's root.
pub const FILE: &str = "people.toml";
/// The review cycle when the roster does not say: 90 days.
pub const DEFAULT_CYCLE_DAYS: u32 = 90;
/// The one role there is: sees everyone's reviews in the encrypted store.
pub const ROLES: &[&str] = &["hr"];

/// Where a value stands in the file: 1-based line and column (0 for a
/// value that is not from the file, such as one just added).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One person of the roster, as `rungs roster --format json` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Person {
    /// Their name, as assessments name them.
    pub name: String,
    /// Their email address, which may stand for their name.
    pub email: Option<String>,
    /// Their manager's name, a name in the roster.
    pub manager: Option<String>,
    /// The ladder they are assessed on.
    pub ladder: Option<String>,
    /// Their current level.
    pub level: Option<String>,
    /// The level they aim for.
    pub target: Option<String>,
    /// Their team.
    pub team: Option<String>,
    /// Public keys for the encrypted store: `age1…`, `ssh-ed25519 …`, `ssh-rsa …`.
    pub keys: Vec<String>,
    /// Roles: `hr`.
    pub roles: Vec<String>,
    /// The day they left: kept for history, no longer due.
    pub left: Option<NaiveDate>,
    /// Where each field stands in the file, for diagnostics.
    #[serde(skip)]
    pub at: Places,
}

/// Where a person's fields stand in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Places {
    /// The `[[person]]` header.
    pub person: At,
    /// Named fields (`name`, `email`, `manager`, `ladder`, `level`, `target`, …).
    pub fields: Vec<(&'static str, At)>,
    /// Each key, in order.
    pub keys: Vec<At>,
}

impl Places {
    /// Where `field` stands, else the person's header.
    pub fn of(&self, field: &str) -> At {
        self.fields.iter().find(|(f, _)| *f == field).map_or(self.person, |(_, at)| *at)
    }
}

impl Person {
    /// A person of this name, with nothing else said.
    pub fn named(name: &str) -> Self {
        Person { name: name.to_owned(), ..Person::default() }
    }

    /// Whether they are still here on `today`.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.left.is_none_or(|left| left > today)
    }
}

/// The roster: people in file order, and the review cycle.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// The people, in file order.
    pub people: Vec<Person>,
    /// `cycle = "90d"`, in days, when the file says.
    pub cycle: Option<u32>,
    /// Where `cycle` stands.
    pub cycle_at: At,
    /// The file, as diagnostics name it.
    pub path: String,
    /// Lower-case name → index.
    by_name: HashMap<String, usize>,
    /// Lower-case email → index.
    by_email: HashMap<String, usize>,
}

/// The key a name or email is found by: NFC, trimmed, lower case.
fn key(text: &str) -> String {
    crate::text::nfc(text.trim()).to_lowercase()
}

impl Roster {
    /// A roster of `people`, indexed; the first of duplicate names or emails wins.
    pub fn new(people: Vec<Person>, cycle: Option<u32>, path: &str) -> Self {
        let mut roster = Roster { people, cycle, path: path.to_owned(), ..Roster::default() };
        roster.index();
        roster
    }

    /// Rebuilds the indexes after the people changed.
    pub fn index(&mut self) {
        self.by_name.clear();
        self.by_email.clear();
        for i in 0..self.people.len() {
            self.index_one(i);
        }
    }

    /// Adds the person at `i` to the indexes, unless their name or email is taken.
    pub fn index_one(&mut self, i: usize) {
        let p = &self.people[i];
        self.by_name.entry(key(&p.name)).or_insert(i);
        if let Some(email) = &p.email {
            self.by_email.entry(key(email)).or_insert(i);
        }
    }

    /// The person of this name (any case), if any.
    pub fn get(&self, name: &str) -> Option<&Person> {
        self.by_name.get(&key(name)).map(|&i| &self.people[i])
    }

    /// The index of the person of this name (any case), if any.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(&key(name)).copied()
    }

    /// The person a name or an email stands for.
    pub fn find(&self, name_or_email: &str) -> Option<&Person> {
        let k = key(name_or_email);
        self.by_name.get(&k).or_else(|| self.by_email.get(&k)).map(|&i| &self.people[i])
    }

    /// Names (and emails) close to `typed`, closest first.
    pub fn near(&self, typed: &str) -> Vec<String> {
        let names = self.people.iter().map(|p| p.name.as_str());
        let emails = self.people.iter().filter_map(|p| p.email.as_deref());
        let mut near: Vec<String> =
            crate::text::near_matches(typed, names.chain(emails)).into_iter().map(str::to_owned).collect();
        near.truncate(5);
        near
    }

    /// The error for a name (or email) nobody in the roster has: exit 2,
    /// with the names it is close to and how to add them.
    pub fn unknown(&self, typed: &str) -> crate::error::Error {
        let near = self.near(typed);
        let hint = match near.as_slice() {
            [] => String::new(),
            [one] => format!("\n  did you mean `{one}`?"),
            many => {
                let quoted: Vec<String> = many.iter().map(|n| format!("`{n}`")).collect();
                format!("\n  did you mean one of: {}?", quoted.join(", "))
            }
        };
        crate::error::Error::Usage(format!(
            "`{typed}` is not in the roster {}{hint}\n  to add them: rungs roster add {}",
            self.path,
            crate::text::shell_quote(typed)
        ))
    }

    /// The review cycle in days: the file's, else [`DEFAULT_CYCLE_DAYS`].
    pub fn cycle_days(&self) -> u32 {
        self.cycle.unwrap_or(DEFAULT_CYCLE_DAYS)
    }

    /// Each person's direct reports, by index, in file order.
    pub fn reports(&self) -> Vec<Vec<usize>> {
        let mut reports = vec![Vec::new(); self.people.len()];
        for (i, p) in self.people.iter().enumerate() {
            if let Some(m) = p.manager.as_deref().and_then(|m| self.index_of(m))
                && m != i
            {
                reports[m].push(i);
            }
        }
        reports
    }

    /// The people under `top`, by index: their direct reports, and theirs,
    /// down to `depth` levels (`None`: the whole subtree). `top` is not
    /// among them; a cycle in the reporting lines ends the walk.
    pub fn under(&self, top: usize, depth: Option<usize>) -> Vec<usize> {
        let reports = self.reports();
        let mut seen = vec![false; self.people.len()];
        seen[top] = true;
        let mut found = Vec::new();
        let mut level = vec![top];
        let mut down = 0;
        while !level.is_empty() && depth.is_none_or(|d| down < d) {
            let mut next = Vec::new();
            for &m in &level {
                for &r in &reports[m] {
                    if !std::mem::replace(&mut seen[r], true) {
                        found.push(r);
                        next.push(r);
                    }
                }
            }
            level = next;
            down += 1;
        }
        found
    }

    /// The managers above `person`, nearest first, up to the top or a cycle.
    pub fn chain(&self, person: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = person;
        while let Some(m) = self.people[at].manager.as_deref().and_then(|m| self.index_of(m)) {
            if m == person || chain.contains(&m) {
                break;
            }
            chain.push(m);
            at = m;
        }
        chain
    }
}

/// A review cycle as written: `90d` (days) or `13w` (weeks).
///
/// # Errors
/// Any other text, or a cycle of no days or over ten years.
pub fn cycle_days(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let days = match (number.parse::<u32>(), unit) {
        (Ok(n), "d") => Some(n),
        (Ok(n), "w") => n.checked_mul(7),
        _ => None,
    };
    match days {
        Some(days) if (1..=3660).contains(&days) => Ok(days),
        _ => Err(format!("`{text}` is not a cycle: write days or weeks, as \"90d\" or \"13w\" (at most 10 years)")),
    }
}

/// Why a name-like value cannot be used, if it cannot.
pub(crate) fn bad_text(value: &str) -> Option<String> {
    let most = crate::ladder::parse::MAX_NAME_CHARS;
    if value.chars().count() > most {
        return Some(format!("is longer than {most} characters"));
    }
    if value.contains(['\n', '\t']) || matches!(crate::untrusted::terminal(value), std::borrow::Cow::Owned(_)) {
        return Some("holds a control character".into());
    }
    None
}

/// A value cut to a length a message can quote, shown as a terminal shows untrusted text.
pub(crate) fn short(value: &str) -> String {
    let cut: String = value.chars().take(60).collect();
    let cut = if cut.len() < value.len() { format!("{cut}…") } else { cut };
    crate::untrusted::terminal(&cut).into_owned()
}
