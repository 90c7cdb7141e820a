//! The `[[levels]]` tables and the expectations that fill the matrix.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::competencies::{Drafted, named};
use super::fields::{Checker, Table, Value, near_key, shown, suggestion};
use super::limits::{MAX_ID_CHARS, MAX_ITEMS, MAX_LEVELS, MAX_POINTS};
use crate::ladder::{Expectation, Expected, Level, Promotion};
use crate::text::nfc;

/// A level as read, with the position of its `min_points`.
pub(super) struct LevelRead {
    /// The level, with defaults where the file was wrong.
    pub level: Level,
    /// Where `min_points` is, when given and valid.
    pub min_points_at: Option<Range<usize>>,
    /// Where the level's id is (or its table), for messages about the level.
    pub at: Range<usize>,
    /// The cells that say `inherit = true`: the competency's index and
    /// where the key is. They are filled in once the tracks are known.
    pub inherits: Vec<(usize, Range<usize>)>,
}

/// The expectation keys, for did-you-mean.
const EXPECTATION_KEYS: [&str; 5] = ["step", "text", "items", "none", "inherit"];

impl Checker<'_> {
    /// Reads every level, checking each against the competencies.
    pub(super) fn levels(&mut self, root: &Table, competencies: &[Drafted]) -> Vec<LevelRead> {
        let Some((list, span)) = self.array(root, "levels") else {
            if !root.table.contains_key("levels") && !self.lost.levels && !self.lost.root {
                self.report(&root.span, "the ladder has no levels; add at least one [[levels]] table".into());
            }
            return Vec::new();
        };
        if self.lost.levels {
            // Some went with a broken section: the count says nothing.
        } else if list.is_empty() {
            self.report(&span, "the ladder has no levels; add at least one [[levels]] table".into());
        } else if list.len() > MAX_LEVELS {
            let message = format!("a ladder has at most {MAX_LEVELS} levels; this one has {}", list.len());
            self.report(&span, message);
        }
        let mut seen = HashMap::new();
        // Past twice the limit the list is refused anyway: the rest are not read.
        let read = list.iter().take(2 * MAX_LEVELS).enumerate();
        read.filter_map(|(i, value)| self.level(value, i, &mut seen, competencies)).collect()
    }

    fn level(
        &mut self,
        value: &Value,
        index: usize,
        seen: &mut HashMap<String, usize>,
        competencies: &[Drafted],
    ) -> Option<LevelRead> {
        let name = match named(value, "id") {
            Some(id) => format!("level `{}`", shown(id)),
            None => format!("level {}", index + 1),
        };
        let t = self.table(value, name, "[[levels]]")?;
        self.keys(&t, &["id", "title", "description", "senior", "expectations", "min_points", "promotion"]);
        let id = self.required_string(&t, "id").map(|id| Spanned::new(id.span(), nfc(id.get_ref())));
        if let Some(id) = &id {
            self.check_level_id(id);
            self.unique(seen, id, "level id");
        }
        let title = self.required_string(&t, "title").map(Spanned::into_inner).unwrap_or_default();
        let description = self.string(&t, "description").map(Spanned::into_inner).unwrap_or_default();
        let senior = self.boolean(&t, "senior").is_some_and(Spanned::into_inner);
        let min_points = self.count(&t, "min_points", MAX_POINTS);
        let at = id.as_ref().map_or_else(|| t.span.clone(), Spanned::span);
        let mut inherits = Vec::new();
        let expectations = self.expectations(&t, &at, competencies, &mut inherits);
        let promotion = self.promotion(&t, competencies);
        let level = Level {
            id: id.map(Spanned::into_inner).unwrap_or_default(),
            title,
            senior,
            expectations,
            min_points: min_points.as_ref().map(|p| *p.get_ref()),
            description,
            promotion,
        };
        Some(LevelRead { level, min_points_at: min_points.map(|p| p.span()), at, inherits })
    }

    fn check_level_id(&mut self, id: &Spanned<String>) {
        self.check_len(id, "level id", MAX_ID_CHARS);
        let name = id.get_ref();
        if name.is_empty() || name.contains(|c: char| c == ':' || c.is_whitespace()) {
            let message = format!("level id `{}` must be non-empty, with no spaces and no `:`", shown(name));
            self.report(&id.span(), message);
        }
    }

    /// One expectation per competency that levels are checked against;
    /// `at` is where a missing one is reported (the level's id).
    fn expectations(
        &mut self,
        level: &Table,
        at: &Range<usize>,
        competencies: &[Drafted],
        inherits: &mut Vec<(usize, Range<usize>)>,
    ) -> Vec<Expectation> {
        let nothing = Expectation::nothing;
        let Some(value) = level.table.get("expectations") else {
            let message = format!("{} has no `expectations`; add a [levels.expectations] table", level.name);
            self.report(at, message);
            return competencies.iter().map(|_| nothing()).collect();
        };
        let example = "[levels.expectations]";
        let Some(table) = self.table(value, format!("`expectations` of {}", level.name), example) else {
            return competencies.iter().map(|_| nothing()).collect();
        };
        let meant = self.unknown_competencies(level, &table, competencies);
        competencies
            .iter()
            .enumerate()
            .map(|(i, c)| match (c.checked, table.table.get(c.competency.id.as_str())) {
                (false, _) => nothing(),
                (true, Some(cell)) => {
                    let (expectation, inherit) = self.expectation(level, c, cell);
                    inherits.extend(inherit.map(|at| (i, at)));
                    expectation
                }
                (true, None) if meant.contains(&c.competency.id.as_str()) => nothing(),
                (true, None) => {
                    let message = format!(
                        "{} has no expectation for competency `{}`; add it under [levels.expectations]",
                        level.name, c.competency.id
                    );
                    self.report(at, message);
                    nothing()
                }
            })
            .collect()
    }

    /// Reports keys that name no competency, and returns the competencies
    /// they were probably meant for, whose absence is then not reported.
    ///
    /// A key with no near match is not reported while some competency is a
    /// duplicate or has no readable id: it is most likely meant for that one.
    fn unknown_competencies<'c>(&mut self, level: &Table, table: &Table, competencies: &'c [Drafted]) -> Vec<&'c str> {
        let unmatched = competencies.iter().any(|c| !c.checked) || self.lost.competencies;
        let known: Vec<&str> = competencies.iter().filter(|c| c.checked).map(|c| c.competency.id.as_str()).collect();
        let mut meant = Vec::new();
        for key in table.table.keys() {
            let id = nfc(key.get_ref());
            if known.contains(&id.as_str()) {
                continue;
            }
            let near = near_key(&id, &known);
            if near.is_none() && unmatched {
                continue;
            }
            meant.extend(near);
            let message = format!(
                "{} has an expectation for unknown competency `{}`{}",
                level.name,
                shown(&id),
                suggestion(&id, &known)
            );
            self.report(&key.span(), message);
        }
        meant
    }

    /// One cell, and where its `inherit = true` is, when it says that.
    fn expectation(
        &mut self,
        level: &Table,
        competency: &Drafted,
        value: &Value,
    ) -> (Expectation, Option<Range<usize>>) {
        let id = &competency.competency.id;
        let name = format!("the expectation of {} for `{id}`", level.name);
        let example = "{ step = \"…\", text = \"…\" }";
        let Some(cell) = self.table(value, name, example) else {
            return (Expectation::nothing(), None);
        };
        self.keys(&cell, &EXPECTATION_KEYS);
        if let Some(inherit) = self.boolean(&cell, "inherit").filter(|i| *i.get_ref()) {
            self.nothing_else_with(&cell, "inherit = true", &["step", "text", "items", "none"]);
            return (Expectation::nothing(), Some(inherit.span()));
        }
        let step = self.string(&cell, "step");
        let text = self.string(&cell, "text");
        let items = self.items(&cell);
        let none = self.boolean(&cell, "none").is_some_and(Spanned::into_inner);
        if none {
            self.nothing_else(&cell);
            return (Expectation::nothing(), None);
        }
        let expected = match (text, items) {
            (Some(text), None) => Expected::Text(text.into_inner()),
            (None, Some(items)) => Expected::Items(items),
            (Some(_), Some(_)) => {
                self.report(&key_span(&cell, "items"), format!("{} has both `text` and `items`; keep one", cell.name));
                Expected::Nothing
            }
            (None, None) => {
                // A `text` or `items` of the wrong type, or a misspelt key,
                // was reported already.
                let reported = |(k, v): (&Spanned<toml::de::DeString>, &Value)| match k.get_ref().as_ref() {
                    "step" => false,
                    "none" => !v.get_ref().is_bool(),
                    _ => true,
                };
                if !cell.table.iter().any(reported) {
                    let message = format!("{} needs `text`, `items` or `none = true`", cell.name);
                    self.report(&cell.span, message);
                }
                Expected::Nothing
            }
        };
        let step = self.cell_step(&cell, competency, step);
        (Expectation::new(step, expected), None)
    }

    /// With `none = true` nothing else belongs in the cell.
    fn nothing_else(&mut self, cell: &Table) {
        for key in ["step", "text", "items"] {
            if cell.table.contains_key(key) {
                let message = format!("{}: nothing is expected (`none = true`), so remove `{key}`", cell.name);
                self.report(&key_span(cell, key), message);
            }
        }
    }

    /// With `inherit = true` the cell says nothing of its own.
    fn nothing_else_with(&mut self, cell: &Table, said: &str, keys: &[&str]) {
        for key in keys {
            if cell.table.contains_key(*key) {
                let message = format!("{}: the cell repeats the level below (`{said}`), so remove `{key}`", cell.name);
                self.report(&key_span(cell, key), message);
            }
        }
    }

    /// `promotion = { required = ["id", …], at_least = N }`: every required
    /// id a competency, none twice, and `at_least` no more than the others.
    fn promotion(&mut self, level: &Table, competencies: &[Drafted]) -> Option<Promotion> {
        let value = level.table.get("promotion")?;
        let example = "{ required = [\"…\"], at_least = 2 }";
        let t = self.table(value, format!("`promotion` of {}", level.name), example)?;
        self.keys(&t, &["required", "at_least"]);
        let known: Vec<&str> = competencies.iter().filter(|c| c.checked).map(|c| c.competency.id.as_str()).collect();
        let mut required: Vec<String> = Vec::new();
        if let Some((list, _)) = self.array(&t, "required") {
            for item in list {
                let Some(id) = item.get_ref().as_str().map(nfc) else {
                    let kind = super::fields::kind_of(item.get_ref());
                    self.report(
                        &item.span(),
                        format!("each id in `required` of {} must be a string, not {kind}", t.name),
                    );
                    continue;
                };
                if !known.contains(&id.as_str()) {
                    let message = format!(
                        "`required` of {} names unknown competency `{}`{}",
                        t.name,
                        shown(&id),
                        suggestion(&id, &known)
                    );
                    self.report(&item.span(), message);
                } else if required.contains(&id) {
                    self.report(&item.span(), format!("`required` of {} names `{id}` twice", t.name));
                } else {
                    required.push(id);
                }
            }
        }
        let at_least = self.count(&t, "at_least", super::limits::MAX_COMPETENCIES as u32);
        let others = known.len().saturating_sub(required.len());
        if let Some(n) = &at_least
            && *n.get_ref() as usize > others
        {
            let message = format!(
                "`at_least` of {} is {}, but only {others} competencies are not required; lower it",
                t.name,
                n.get_ref()
            );
            self.report(&n.span(), message);
        }
        if required.is_empty() && at_least.is_none() {
            self.report(&t.span, format!("{} needs `required`, `at_least` or both", t.name));
        }
        Some(Promotion { required, at_least: at_least.map_or(0, |n| *n.get_ref() as usize) })
    }

    /// `items`: 1 to [`MAX_ITEMS`] strings, none of them empty.
    fn items(&mut self, cell: &Table) -> Option<Vec<String>> {
        let (list, span) = self.array(cell, "items")?;
        if list.is_empty() || list.len() > MAX_ITEMS {
            let message = format!("`items` of {} lists {} items; give 1 to {MAX_ITEMS}", cell.name, list.len());
            self.report(&span, message);
            return None;
        }
        let mut items = Vec::new();
        for item in list {
            match item.get_ref().as_str() {
                Some(text) if !text.trim().is_empty() => items.push(text.to_owned()),
                Some(_) => self.report(&item.span(), format!("an item of {} is empty", cell.name)),
                None => {
                    let message = format!(
                        "each item of {} must be a string, not {}",
                        cell.name,
                        super::fields::kind_of(item.get_ref())
                    );
                    self.report(&item.span(), message);
                }
            }
        }
        (items.len() == list.len()).then_some(items)
    }

    /// The index of the cell's step, checked against its competency.
    fn cell_step(&mut self, cell: &Table, competency: &Drafted, step: Option<Spanned<String>>) -> Option<usize> {
        let c = &competency.competency;
        if !competency.steps_known || cell.table.contains_key("step") && step.is_none() {
            return None;
        }
        let names = || c.steps.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
        match (step, c.steps.is_empty()) {
            (None, true) => None,
            (None, false) => {
                let message = format!("{} needs a `step`, one of: {}", cell.name, names());
                self.report(&cell.span, message);
                None
            }
            (Some(step), true) => {
                let message = format!("competency `{}` has no steps, so remove this `step`", c.id);
                self.report(&step.span(), message);
                None
            }
            (Some(step), false) => {
                let index = c.step_index(step.get_ref());
                if index.is_none() {
                    let message = format!(
                        "competency `{}` has no step `{}`; its steps are: {}",
                        c.id,
                        shown(step.get_ref()),
                        names()
                    );
                    self.report(&step.span(), message);
                }
                index
            }
        }
    }
}

/// Where `key` is in `table`, or the table itself.
fn key_span(table: &Table, key: &str) -> Range<usize> {
    table.table.get_key_value(key).map_or_else(|| table.span.clone(), |(k, _)| k.span())
}
