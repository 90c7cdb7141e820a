//! Writing the rows of a spreadsheet as a ladder file, in the layout of the
//! built-in ladders, remembering which row and column each value came from
//! so that the parser's findings can be told by row and column.
//!
//! Strings are written by `toml_writer`, always on one line: plain where
//! they can be, else as a literal or an escaped basic string, so that any
//! text (quotes, backslashes, line breaks, control characters) reads back
//! the same. Hidden characters (controls, bidi overrides) are always written
//! as escapes, so the file shows a reader exactly what it holds.

use std::borrow::Cow;

use toml_writer::{ToTomlKey as _, ToTomlValue as _, TomlKeyBuilder, TomlStringBuilder};

use super::layout::At;
use super::sheet::{CellExpected, Field, Sheet, Value};
use crate::error::Diagnostic;

/// The ladder file, and where each of its values came from.
pub(super) struct Toml {
    /// The file's text.
    pub text: String,
    /// Per line of `text`: the 1-based character column where each value
    /// starts, with its place in the spreadsheet.
    origins: Vec<Vec<(usize, At)>>,
    /// The 1-based line of the ladder's id, and the flag that gave it, if one did.
    id: (usize, Option<&'static str>),
}

impl Toml {
    /// The parser's finding, told by spreadsheet row and column where the
    /// value it points at came from one.
    pub fn problem(&self, found: &Diagnostic) -> String {
        let origins = found.line.checked_sub(1).and_then(|line| self.origins.get(line));
        let at = origins.and_then(|o| o.iter().rev().find(|(column, _)| *column <= found.column).or(o.first()));
        match (at, self.id) {
            (Some((_, at)), _) => format!("{at}: {}", found.message),
            (None, (line, Some(flag))) if line == found.line => format!("{flag}: {}", found.message),
            (None, _) => found.message.clone(),
        }
    }
}

/// The ladder file for `sheet`, with `id` as the ladder's id; `flag` names
/// the command-line flag that gave the id, if one did.
pub(super) fn toml(sheet: &Sheet, id: &str, flag: Option<&'static str>) -> Toml {
    let mut out = Out::default();
    out.comment("# A ladder made from a spreadsheet by `rungs ladder import`.");
    out.comment("# The format is described in docs/ladder-format.md.");
    out.end();
    let ladder = &sheet.ladder;
    let id_at = Some(ladder.id.at).filter(|_| flag.is_none() && ladder.id.text == id);
    let id_line = out.origins.len() + 1;
    out.pair("id", &string(id), id_at);
    out.field("title", &ladder.title);
    if !ladder.summary.text.is_empty() {
        out.field("summary", &ladder.summary);
    }
    out.field("version", &ladder.version);
    for competency in &sheet.competencies {
        out.end();
        out.header("[[competencies]]", competency.id.at);
        out.field("id", &competency.id);
        out.field("title", &competency.title);
        if !competency.description.text.is_empty() {
            out.field("description", &competency.description);
        }
        if let Some(group) = &competency.group {
            out.field("group", group);
        }
        if !competency.steps.is_empty() {
            out.header("steps = [", competency.id.at);
            for step in &competency.steps {
                out.put("  { ", None);
                out.put(&format!("name = {}", string(&step.name.text)), Some(step.name.at));
                if !step.description.text.is_empty() {
                    out.put(&format!(", description = {}", string(&step.description.text)), Some(step.description.at));
                }
                number(&mut out, ", points = ", step.points);
                out.put(" },", None);
                out.end();
            }
            out.comment("]");
        }
    }
    for group in &sheet.groups {
        out.end();
        out.header("[[groups]]", group.name.at);
        out.field("name", &group.name);
        out.field("description", &group.description);
    }
    for level in &sheet.levels {
        out.end();
        out.header("[[levels]]", level.id.at);
        out.field("id", &level.id);
        out.field("title", &level.title);
        if !level.description.text.is_empty() {
            out.field("description", &level.description);
        }
        if level.senior.value {
            out.pair("senior", "true", Some(level.senior.at));
        }
        if let Some(min) = level.min_points {
            out.pair("min_points", &min.value.to_string(), Some(min.at));
        }
        if !level.required.is_empty() || level.at_least.is_some() {
            let required: Vec<String> = level.required.iter().map(|id| string(id.trim())).collect();
            out.put(&format!("promotion = {{ required = [{}]", required.join(", ")), Some(level.required_at));
            number(&mut out, ", at_least = ", level.at_least);
            out.put(" }", None);
            out.end();
        }
        out.end();
        out.header("[levels.expectations]", level.id.at);
        for (competency, cell) in sheet.competencies.iter().zip(&level.cells) {
            out.put(&TomlKeyBuilder::new(&competency.id.text).as_default().to_toml_key(), Some(competency.id.at));
            out.put(" = { ", None);
            if let Some(step) = &cell.step {
                out.put(&format!("step = {}, ", string(&step.text)), Some(step.at));
            }
            match &cell.expected {
                CellExpected::Text(text) => out.put(&format!("text = {}", string(&text.text)), Some(text.at)),
                CellExpected::Items(items, at) => {
                    let items: Vec<String> = items.iter().map(|i| string(i)).collect();
                    out.put(&format!("items = [{}]", items.join(", ")), Some(*at));
                }
                CellExpected::Nothing(at) => out.put("none = true", Some(*at)),
                CellExpected::Inherit(at) => out.put("inherit = true", Some(*at)),
            }
            out.put(" }", None);
            out.end();
        }
    }
    for track in &sheet.tracks {
        out.end();
        out.header("[[tracks]]", track.id.at);
        out.field("id", &track.id);
        out.field("title", &track.title);
        let levels: Vec<String> = track.levels.iter().map(|l| string(l.trim())).collect();
        out.pair("levels", &format!("[{}]", levels.join(", ")), Some(track.levels_at));
    }
    out.finish((id_line, flag))
}

fn number(out: &mut Out, prefix: &str, value: Option<Value<u32>>) {
    if let Some(value) = value {
        out.put(&format!("{prefix}{}", value.value), Some(value.at));
    }
}

/// A TOML string on one line: bare text in quotes where it needs no
/// escapes, a literal string where it holds only double quotes, else escaped.
fn string(text: &str) -> String {
    let builder = TomlStringBuilder::new(text);
    if let Cow::Owned(_) = crate::untrusted::json(text) {
        // toml_writer escapes C0 and DEL but leaves C1 and bidi controls as
        // they are; JSON's `\uXXXX` means the same in a TOML basic string.
        return crate::untrusted::json(&builder.as_basic().to_toml_value()).into_owned();
    }
    builder.as_basic_pretty().or_else(|| builder.as_literal()).unwrap_or_else(|| builder.as_basic()).to_toml_value()
}

/// The text being written, line by line.
#[derive(Default)]
struct Out {
    text: String,
    line: Vec<(usize, At)>,
    column: usize,
    origins: Vec<Vec<(usize, At)>>,
}

impl Out {
    /// Appends `text`, which holds no line break, noting where its value came from.
    fn put(&mut self, text: &str, at: Option<At>) {
        if let Some(at) = at {
            self.line.push((self.column + 1, at));
        }
        self.text.push_str(text);
        self.column += text.chars().count();
    }

    fn end(&mut self) {
        self.text.push('\n');
        self.origins.push(std::mem::take(&mut self.line));
        self.column = 0;
    }

    fn comment(&mut self, text: &str) {
        self.put(text, None);
        self.end();
    }

    fn header(&mut self, text: &str, at: At) {
        self.put(text, Some(at));
        self.end();
    }

    fn pair(&mut self, key: &str, value: &str, at: Option<At>) {
        self.put(&format!("{key} = {value}"), at);
        self.end();
    }

    fn field(&mut self, key: &str, field: &Field) {
        self.pair(key, &string(&field.text), Some(field.at));
    }

    fn finish(self, id: (usize, Option<&'static str>)) -> Toml {
        Toml { text: self.text, origins: self.origins, id }
    }
}
