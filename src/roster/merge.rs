//! An HR system's export folded into a roster: a CSV with the headers
//! `name,email,manager,ladder,level,team` (and `target`) in any order,
//! each row matched to a person by email, else by name. A row of someone
//! new is added; a known person's non-empty cells update their fields;
//! nobody is removed unless asked (`prune`). A manager cell may hold a
//! name or an email. Pure: the text comes in, the new roster goes out.

use super::{Person, Roster};
use crate::spreadsheet::unguard;

/// The columns read; any other column is passed over.
pub const COLUMNS: &[&str] = &["name", "email", "manager", "ladder", "level", "team", "target"];
/// The most rows an import may have.
pub const MAX_ROWS: usize = super::MAX_PEOPLE;

/// What an import changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// New people, by name.
    pub added: Vec<String>,
    /// Known people whose fields changed, with the fields.
    pub updated: Vec<(String, Vec<&'static str>)>,
    /// People no row named, removed with `prune`.
    pub removed: Vec<String>,
    /// Columns passed over.
    pub ignored: Vec<String>,
}

/// One row, by column.
type Row = [Option<String>; 7];

/// Folds the CSV `text` (named `path` in messages) into a copy of `roster`.
///
/// # Errors
/// Every row that cannot be used, by its line in the file, or a header without `name` or `email`.
pub fn merge(roster: &Roster, text: &str, path: &str, prune: bool) -> Result<(Roster, Changes), Vec<String>> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().map_err(|e| vec![format!("{path}: {e}")])?.clone();
    let mut changes = Changes::default();
    let mut index: [Option<usize>; 7] = [None; 7];
    for (i, cell) in header.iter().enumerate() {
        let name = unguard(cell).trim().to_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if index[c].is_none() => index[c] = Some(i),
            Some(_) => return Err(vec![format!("{path}:1: the column `{name}` is there twice")]),
            None => changes.ignored.push(super::short(&name)),
        }
    }
    if index[0].is_none() && index[1].is_none() {
        return Err(vec![format!(
            "{path}:1: no `name` or `email` column; the columns read are: {}",
            COLUMNS.join(", ")
        )]);
    }
    let mut rows: Vec<(usize, Row)> = Vec::new();
    let mut problems = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        if rows.len() >= MAX_ROWS {
            problems.push(format!("{path}:{line}: more than {MAX_ROWS} rows"));
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(format!("{path}:{line}: {e}"));
                continue;
            }
        };
        let row: Row = std::array::from_fn(|c| {
            let cell = index[c].and_then(|i| record.get(i)).map(|v| crate::text::nfc(unguard(v).trim()));
            cell.filter(|v| !v.is_empty())
        });
        if row.iter().all(Option::is_none) {
            continue;
        }
        for (c, cell) in row.iter().enumerate() {
            if let Some(why) = cell.as_deref().and_then(super::bad_text) {
                problems.push(format!("{path}:{line}: `{}` {why}", COLUMNS[c]));
            }
        }
        rows.push((line, row));
    }
    let mut merged = roster.clone();
    let mut named = vec![false; merged.people.len()];
    for (line, row) in &rows {
        let by_email = row[1].as_deref().and_then(|e| merged.by_email.get(&super::key(e)).copied());
        let found = by_email.or_else(|| row[0].as_deref().and_then(|n| merged.index_of(n)));
        let i = match found {
            Some(i) => i,
            None => {
                let Some(name) = &row[0] else {
                    problems.push(format!(
                        "{path}:{line}: `{}` is nobody in the roster, and the row has no name",
                        row[1].as_deref().unwrap_or_default()
                    ));
                    continue;
                };
                merged.people.push(Person::named(name));
                named.push(false);
                changes.added.push(name.clone());
                merged.people.len() - 1
            }
        };
        named[i] = true;
        // A manager named by email is kept by name.
        let boss = row[2].as_deref().and_then(|m| merged.find(m)).map(|m| m.name.clone());
        let person = &mut merged.people[i];
        let mut fields = Vec::new();
        for (c, cell) in row.iter().enumerate().skip(1) {
            let Some(value) = cell else { continue };
            let value = if c == 2 { boss.clone().unwrap_or_else(|| value.clone()) } else { value.clone() };
            let slot = match c {
                1 => &mut person.email,
                2 => &mut person.manager,
                3 => &mut person.ladder,
                4 => &mut person.level,
                5 => &mut person.team,
                _ => &mut person.target,
            };
            if slot.as_deref() != Some(value.as_str()) {
                *slot = Some(value);
                fields.push(COLUMNS[c]);
            }
        }
        let mut renamed = None;
        if let Some(name) = &row[0]
            && by_email.is_some()
            && person.name != *name
        {
            renamed = Some(std::mem::replace(&mut person.name, name.clone()));
            fields.push("name");
        }
        let rekey = fields.iter().any(|f| *f == "name" || *f == "email");
        if !fields.is_empty() && found.is_some() {
            changes.updated.push((person.name.clone(), fields));
        }
        // A person renamed (found by email): their reports follow them.
        if let Some(old) = renamed {
            let new = merged.people[i].name.clone();
            for p in &mut merged.people {
                if p.manager.as_deref() == Some(old.as_str()) {
                    p.manager = Some(new.clone());
                }
            }
        }
        if found.is_none() {
            merged.index_one(i);
        } else if rekey {
            merged.index();
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // A manager given by email becomes their name.
    let names: Vec<Option<String>> = merged
        .people
        .iter()
        .map(|p| p.manager.as_deref().and_then(|m| merged.find(m)).map(|m| m.name.clone()))
        .collect();
    for (p, name) in merged.people.iter_mut().zip(names) {
        if let Some(name) = name {
            p.manager = Some(name);
        }
    }
    if prune {
        let mut keep = named.into_iter();
        merged.people.retain(|p| {
            let kept = keep.next().unwrap_or(true);
            if !kept {
                changes.removed.push(p.name.clone());
            }
            kept
        });
        merged.index();
    }
    Ok((merged, changes))
}
