//! What can be wrong between the people of a roster, found all at once:
//! duplicate names or emails, a manager who is not in the roster, a cycle
//! in the reporting lines, a ladder or level no loaded ladder has, and keys
//! that are not public keys. Each problem is named at its line and column.

use std::collections::HashMap;

use super::{At, Roster};
use crate::error::Diagnostic;
use crate::ladder::catalog::Catalog;

/// Every problem of `roster` against the ladders of `catalog`, in file order.
pub fn check(roster: &Roster, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut problems: Vec<(At, String)> = Vec::new();
    duplicates(roster, &mut problems);
    managers(roster, &mut problems);
    cycles(roster, &mut problems);
    ladders(roster, catalog, &mut problems);
    for p in &roster.people {
        if let Some(email) = &p.email
            && !is_email(email)
        {
            problems.push((p.at.of("email"), format!("`email` `{}` is not an email address", super::short(email))));
        }
        for (key, at) in p.keys.iter().zip(p.at.keys.iter().copied().chain(std::iter::repeat(p.at.person))) {
            if let Err(why) = key_syntax(key) {
                problems.push((at, format!("a key of {}: {why}", p.name)));
            }
        }
    }
    problems.sort_by_key(|(at, _)| (at.line, at.column));
    let path = &roster.path;
    problems
        .into_iter()
        .map(|(at, message)| Diagnostic { path: path.clone(), line: at.line, column: at.column, message })
        .collect()
}

fn duplicates(roster: &Roster, problems: &mut Vec<(At, String)>) {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut emails: HashMap<String, usize> = HashMap::new();
    let mut folders: HashMap<String, usize> = HashMap::new();
    for (i, p) in roster.people.iter().enumerate() {
        if p.name.is_empty() {
            continue;
        }
        if let Some(&first) = names.get(&super::key(&p.name)) {
            let line = roster.people[first].at.of("name").line;
            problems.push((p.at.of("name"), format!("duplicate name `{}`: also on line {line}", p.name)));
        } else if let Some(&first) = folders.get(&crate::text::slug(&p.name)) {
            let other = &roster.people[first];
            let (folder, line) = (crate::text::slug(&p.name), other.at.of("name").line);
            let message = format!(
                "`{}` would share the folder `{folder}` with {} (line {line}): tell them apart",
                p.name, other.name
            );
            problems.push((p.at.of("name"), message));
        } else {
            names.insert(super::key(&p.name), i);
            folders.insert(crate::text::slug(&p.name), i);
        }
        let Some(email) = p.email.as_deref().filter(|e| !e.is_empty()) else { continue };
        if let Some(&first) = emails.get(&super::key(email)) {
            let other = &roster.people[first];
            let line = other.at.of("email").line;
            let message = format!("duplicate email `{email}`: {} has it too, on line {line}", other.name);
            problems.push((p.at.of("email"), message));
        } else {
            emails.insert(super::key(email), i);
        }
    }
}

fn managers(roster: &Roster, problems: &mut Vec<(At, String)>) {
    for p in &roster.people {
        let Some(manager) = &p.manager else { continue };
        if roster.get(manager).is_some() {
            continue;
        }
        let hint = match (roster.find(manager), roster.near(manager).first()) {
            (Some(by_email), _) => format!("; write their name: `{}`", by_email.name),
            (None, Some(near)) => format!("; did you mean `{near}`?"),
            (None, None) => String::new(),
        };
        problems.push((
            p.at.of("manager"),
            format!("unknown manager `{manager}` of {}: not a name in the roster{hint}", p.name),
        ));
    }
}

/// Each cycle in the reporting lines once, at the line of its first member in the file.
fn cycles(roster: &Roster, problems: &mut Vec<(At, String)>) {
    // 0: not seen, 1: on the walk being made, 2: done.
    let mut state = vec![0u8; roster.people.len()];
    for start in 0..roster.people.len() {
        let mut walk = Vec::new();
        let mut at = start;
        loop {
            match state[at] {
                2 => break,
                1 => {
                    let from = walk.iter().position(|&w| w == at).unwrap_or(0);
                    let members = &walk[from..];
                    let first = *members.iter().min().unwrap_or(&at);
                    let rotate = members.iter().position(|&m| m == first).unwrap_or(0);
                    let mut names: Vec<&str> = members[rotate..]
                        .iter()
                        .chain(&members[..rotate])
                        .map(|&m| roster.people[m].name.as_str())
                        .collect();
                    names.push(&roster.people[first].name);
                    let message =
                        format!("a cycle in the reporting lines: {} (each reports to the next)", names.join(" → "));
                    problems.push((roster.people[first].at.of("manager"), message));
                    break;
                }
                _ => {}
            }
            state[at] = 1;
            walk.push(at);
            match roster.people[at].manager.as_deref().and_then(|m| roster.index_of(m)) {
                Some(next) => at = next,
                None => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
}

fn ladders(roster: &Roster, catalog: &Catalog, problems: &mut Vec<(At, String)>) {
    let entries = catalog.entries();
    let ids: Vec<&str> = entries.iter().map(|e| e.ladder.id.as_str()).collect();
    for p in &roster.people {
        let ladder = match &p.ladder {
            Some(id) => match entries.iter().find(|e| e.ladder.id.eq_ignore_ascii_case(id)) {
                Some(entry) => Some(&entry.ladder),
                None => {
                    let near = crate::text::near_matches(id, ids.iter().copied());
                    let hint = near.first().map_or_else(
                        || format!("; the ladders: {}", ids.join(", ")),
                        |n| format!("; did you mean `{n}`?"),
                    );
                    problems.push((p.at.of("ladder"), format!("unknown ladder `{id}` of {}{hint}", p.name)));
                    continue;
                }
            },
            None => None,
        };
        for field in ["level", "target"] {
            let value = if field == "level" { &p.level } else { &p.target };
            let Some(level) = value else { continue };
            let (on, bare) = match level.split_once(':') {
                Some((l, bare)) => {
                    (entries.iter().find(|e| e.ladder.id.eq_ignore_ascii_case(l)).map(|e| &e.ladder), bare)
                }
                None => (ladder, level.as_str()),
            };
            let known: Vec<&str> = match on {
                // A target may be on another ladder: only a bare level is held to the person's ladder.
                Some(l) if field == "level" || level.contains(':') => l.levels.iter().map(|v| v.id.as_str()).collect(),
                _ => entries.iter().flat_map(|e| e.ladder.levels.iter().map(|v| v.id.as_str())).collect(),
            };
            if !known.iter().any(|k| k.eq_ignore_ascii_case(bare)) {
                let near = crate::text::near_matches(bare, known.iter().copied());
                let scope = on.map_or_else(String::new, |l| format!(" on {}", l.id));
                let hint = near.first().map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
                problems.push((p.at.of(field), format!("unknown {field} `{level}`{scope} of {}{hint}", p.name)));
            }
        }
    }
}

/// Whether a text looks like an email address: one `@`, text on both
/// sides, a dot in the domain, no space.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
}

/// The characters of bech32, which `age1…` recipients are written in.
const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Checks the syntax of one public key line: an age recipient (`age1` and
/// 58 bech32 characters), or an OpenSSH `ssh-ed25519` or `ssh-rsa` key
/// whose base64 body names its own type.
///
/// # Errors
/// What is wrong with it.
pub fn key_syntax(key: &str) -> Result<(), String> {
    if let Some(rest) = key.strip_prefix("age1") {
        if key.len() != 62 || !rest.chars().all(|c| BECH32.contains(c)) {
            return Err("an age key is `age1` and 58 lower-case bech32 characters".into());
        }
        return Ok(());
    }
    let mut words = key.split_whitespace();
    let (kind, body) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
    let prefix = match kind {
        // The base64 of the key type's length and name that opens each body.
        "ssh-ed25519" => "AAAAC3NzaC1lZDI1NTE5",
        "ssh-rsa" => "AAAAB3NzaC1yc2E",
        _ => {
            let shown = super::short(key);
            return Err(format!("`{shown}` is not a public key: write `age1…`, `ssh-ed25519 …` or `ssh-rsa …`"));
        }
    };
    let base64 = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=';
    let long_enough = if kind == "ssh-ed25519" { body.len() == 68 } else { body.len() >= 200 };
    if !body.starts_with(prefix) || !body.chars().all(base64) || body.len() % 4 != 0 || !long_enough {
        return Err(format!("the `{kind}` key's body is not a base64 {kind} public key"));
    }
    Ok(())
}
