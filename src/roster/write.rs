//! A roster back as the text of `people.toml`: the `cycle`, then one
//! `[[person]]` table each, in roster order, fields in a fixed order and
//! strings on one line (hidden characters escaped as TOML `\uXXXX`).

use std::borrow::Cow;
use std::fmt::Write as _;

use toml_writer::{ToTomlValue as _, TomlStringBuilder};

use super::Roster;

/// The text of a roster file.
pub fn write(roster: &Roster) -> String {
    let mut out =
        String::from("# Who is who: see docs/roster.md. rungs rewrites this file on `rungs roster add|set|import`.\n");
    if let Some(days) = roster.cycle {
        let _ = writeln!(out, "cycle = {}", string(&format!("{days}d")));
    }
    for p in &roster.people {
        out.push_str("\n[[person]]\n");
        let _ = writeln!(out, "name = {}", string(&p.name));
        let fields = [
            ("email", &p.email),
            ("manager", &p.manager),
            ("ladder", &p.ladder),
            ("level", &p.level),
            ("target", &p.target),
            ("team", &p.team),
        ];
        for (field, value) in fields {
            if let Some(value) = value {
                let _ = writeln!(out, "{field} = {}", string(value));
            }
        }
        for (field, list) in [("keys", &p.keys), ("roles", &p.roles)] {
            if !list.is_empty() {
                let items: Vec<String> = list.iter().map(|k| string(k)).collect();
                let _ = writeln!(out, "{field} = [{}]", items.join(", "));
            }
        }
        if let Some(left) = p.left {
            let _ = writeln!(out, "left = {left}");
        }
    }
    out
}

/// A TOML string on one line: escaped where it must be, every hidden
/// character (C1 and bidi controls too) as `\uXXXX`.
fn string(text: &str) -> String {
    let builder = TomlStringBuilder::new(text);
    if let Cow::Owned(_) = crate::untrusted::json(text) {
        return crate::untrusted::json(&builder.as_basic().to_toml_value()).into_owned();
    }
    builder.as_basic().to_toml_value()
}
