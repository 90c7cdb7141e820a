//! Reading a ladder from TOML and checking it, with every problem reported as
//! `FILE:LINE:COL: message`.
//!
//! The raw types mirror the file format (see `docs/ladder-format.md`) and keep
//! the position of every name, so that validation can point at the exact
//! place. [`parse`] turns them into a [`Ladder`] or a list of diagnostics; it
//! does no I/O itself.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Competency, Expectation, Expected, Ladder, Level, Source, Step};
use crate::error::Diagnostic;
use crate::text::near_matches;

/// The most competencies a ladder may have.
pub const MAX_COMPETENCIES: usize = 32;
/// The fewest competencies a ladder may have.
pub const MIN_COMPETENCIES: usize = 3;
/// The most levels a ladder may have.
pub const MAX_LEVELS: usize = 32;
/// The most steps a competency may have.
pub const MAX_STEPS: usize = 32;
/// The longest id (ladder, competency, level) or version, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// The longest step name, in characters; also the longest person's name in an assessment.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLadder {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    summary: String,
    version: Spanned<String>,
    competencies: Option<Spanned<Vec<RawCompetency>>>,
    levels: Option<Spanned<Vec<RawLevel>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    steps: Vec<RawStep>,
    group: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    points: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    senior: bool,
    #[serde(default)]
    expectations: BTreeMap<Spanned<String>, RawExpectation>,
    min_points: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpectation {
    step: Option<Spanned<String>>,
    text: Option<String>,
    items: Option<Vec<String>>,
    #[serde(default)]
    none: bool,
}

/// Parses and validates a ladder file's text.
///
/// `path` is only used in diagnostics; `source` is recorded in the ladder.
///
/// # Errors
/// Every problem found, in file order, each with line and column.
pub fn parse(text: &str, path: &str, source: Source) -> Result<Ladder, Vec<Diagnostic>> {
    let mut checker = Checker { text, path, found: Vec::new() };
    let raw: RawLadder = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            checker.report(&span, error.message().trim_end().to_owned());
            return Err(checker.found);
        }
    };
    let ladder = checker.ladder(raw, source);
    if checker.found.is_empty() {
        Ok(ladder)
    } else {
        checker.found.sort_by_key(|d| (d.line, d.column));
        Err(checker.found)
    }
}

struct Checker<'a> {
    text: &'a str,
    path: &'a str,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, span: &Range<usize>, message: String) {
        let (line, column) = line_column(self.text, span.start);
        self.found.push(Diagnostic { path: self.path.to_owned(), line, column, message });
    }

    fn ladder(&mut self, raw: RawLadder, source: Source) -> Ladder {
        self.check_id(&raw.id, "ladder id");
        self.check_len(&raw.version, "version", MAX_ID_CHARS);
        let whole = 0..0;
        let competencies = self.competencies(raw.competencies, &whole);
        let levels = self.levels(raw.levels, &whole, &competencies);
        Ladder {
            id: raw.id.into_inner(),
            title: raw.title,
            summary: raw.summary,
            version: raw.version.into_inner(),
            competencies,
            levels,
            source,
        }
    }

    /// Reports a name longer than `max` characters.
    fn check_len(&mut self, name: &Spanned<String>, what: &str, max: usize) {
        let chars = name.get_ref().chars().count();
        if chars > max {
            self.report(&name.span(), format!("{what} is {chars} characters long; the limit is {max}"));
        }
    }

    fn check_id(&mut self, id: &Spanned<String>, what: &str) {
        self.check_len(id, what, MAX_ID_CHARS);
        let valid = id.get_ref().starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id.get_ref().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            let message = format!(
                "{what} `{}` must be lowercase letters, digits and hyphens, starting with a letter or digit",
                id.get_ref()
            );
            self.report(&id.span(), message);
        }
    }

    fn competencies(&mut self, raw: Option<Spanned<Vec<RawCompetency>>>, whole: &Range<usize>) -> Vec<Competency> {
        let span = raw.as_ref().map_or_else(|| whole.clone(), Spanned::span);
        let raw = raw.map(Spanned::into_inner).unwrap_or_default();
        if raw.is_empty() {
            self.report(&span, "the ladder has no competencies; add at least one [[competencies]] table".into());
        } else if !(MIN_COMPETENCIES..=MAX_COMPETENCIES).contains(&raw.len()) {
            let message = format!(
                "a ladder needs {MIN_COMPETENCIES} to {MAX_COMPETENCIES} competencies; this one has {}",
                raw.len()
            );
            self.report(&span, message);
        }
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|c| {
                self.check_id(&c.id, "competency id");
                self.unique(&mut seen, &c.id, "competency id");
                if c.steps.len() > MAX_STEPS {
                    let message = format!(
                        "competency `{}` has {} steps; the limit is {MAX_STEPS}",
                        c.id.get_ref(),
                        c.steps.len()
                    );
                    self.report(&c.id.span(), message);
                }
                let mut steps_seen = HashMap::new();
                let steps = c
                    .steps
                    .into_iter()
                    .map(|s| {
                        self.check_len(&s.name, "step name", MAX_NAME_CHARS);
                        self.unique(&mut steps_seen, &s.name, "step");
                        Step { name: s.name.into_inner(), description: s.description, points: s.points }
                    })
                    .collect();
                Competency { id: c.id.into_inner(), title: c.title, description: c.description, steps, group: c.group }
            })
            .collect()
    }

    /// Reports `name` when an equal one (ignoring case) was seen before.
    fn unique(&mut self, seen: &mut HashMap<String, usize>, name: &Spanned<String>, what: &str) {
        let key = name.get_ref().to_lowercase();
        if let Some(&first) = seen.get(&key) {
            let (line, _) = line_column(self.text, first);
            let message = format!("duplicate {what} `{}`; first defined on line {line}", name.get_ref());
            self.report(&name.span(), message);
        } else {
            seen.insert(key, name.span().start);
        }
    }

    fn levels(
        &mut self,
        raw: Option<Spanned<Vec<RawLevel>>>,
        whole: &Range<usize>,
        competencies: &[Competency],
    ) -> Vec<Level> {
        let span = raw.as_ref().map_or_else(|| whole.clone(), Spanned::span);
        let raw = raw.map(Spanned::into_inner).unwrap_or_default();
        if raw.is_empty() {
            self.report(&span, "the ladder has no levels; add at least one [[levels]] table".into());
        } else if raw.len() > MAX_LEVELS {
            let message = format!("a ladder has at most {MAX_LEVELS} levels; this one has {}", raw.len());
            self.report(&span, message);
        }
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|level| {
                self.check_level_id(&level.id);
                self.unique(&mut seen, &level.id, "level id");
                self.level(level, competencies)
            })
            .collect()
    }

    fn check_level_id(&mut self, id: &Spanned<String>) {
        self.check_len(id, "level id", MAX_ID_CHARS);
        let name = id.get_ref();
        if name.is_empty() || name.contains(|c: char| c == ':' || c.is_whitespace()) {
            let message = format!("level id `{name}` must be non-empty, with no spaces and no `:`");
            self.report(&id.span(), message);
        }
    }

    fn level(&mut self, raw: RawLevel, competencies: &[Competency]) -> Level {
        let mut known: Vec<&str> = Vec::new();
        for c in competencies {
            if !known.contains(&c.id.as_str()) {
                known.push(&c.id);
            }
        }
        for key in raw.expectations.keys() {
            if !known.contains(&key.get_ref().as_str()) {
                let message = format!(
                    "level `{}` has an expectation for unknown competency `{}`{}",
                    raw.id.get_ref(),
                    key.get_ref(),
                    one_of(&near_or_all(key.get_ref(), &known))
                );
                self.report(&key.span(), message);
            }
        }
        let expectations = competencies.iter().map(|competency| self.expectation(&raw, competency)).collect();
        Level {
            id: raw.id.get_ref().clone(),
            title: raw.title,
            senior: raw.senior,
            expectations,
            min_points: raw.min_points,
        }
    }

    fn expectation(&mut self, level: &RawLevel, competency: &Competency) -> Expectation {
        let Some(raw) = level.expectations.get(competency.id.as_str()) else {
            let message = format!(
                "level `{}` has no expectation for competency `{}`; add it under [levels.expectations]",
                level.id.get_ref(),
                competency.id
            );
            self.report(&level.id.span(), message);
            return Expectation { step: None, expected: Expected::Nothing };
        };
        let expected = match (&raw.text, &raw.items, raw.none) {
            (None, None, true) => {
                if let Some(step) = &raw.step {
                    let message = format!(
                        "level `{}`: nothing is expected of `{}` (`none = true`), so remove this `step`",
                        level.id.get_ref(),
                        competency.id
                    );
                    self.report(&step.span(), message);
                }
                return Expectation { step: None, expected: Expected::Nothing };
            }
            (Some(text), None, false) => Expected::Text(text.clone()),
            (None, Some(items), false) => Expected::Items(items.clone()),
            _ => {
                let message = format!(
                    "level `{}`: the expectation for `{}` needs exactly one of `text`, `items` or `none = true`",
                    level.id.get_ref(),
                    competency.id
                );
                self.report(&level.id.span(), message);
                Expected::Nothing
            }
        };
        let step = match (&raw.step, competency.steps.is_empty()) {
            (None, true) => None,
            (None, false) => {
                let message = format!(
                    "level `{}`: the expectation for `{}` needs a `step`, one of: {}",
                    level.id.get_ref(),
                    competency.id,
                    step_names(competency).join(", ")
                );
                self.report(&level.id.span(), message);
                None
            }
            (Some(step), true) => {
                let message = format!("competency `{}` has no steps, so remove this `step`", competency.id);
                self.report(&step.span(), message);
                None
            }
            (Some(step), false) => self.step(step, competency),
        };
        Expectation { step, expected }
    }

    fn step(&mut self, step: &Spanned<String>, competency: &Competency) -> Option<usize> {
        let index = competency.step_index(step.get_ref());
        if index.is_none() {
            let names = step_names(competency);
            let message = format!(
                "competency `{}` has no step `{}`; its steps are: {}",
                competency.id,
                step.get_ref(),
                names.join(", ")
            );
            self.report(&step.span(), message);
        }
        index
    }
}

fn step_names(competency: &Competency) -> Vec<&str> {
    competency.steps.iter().map(|s| s.name.as_str()).collect()
}

fn near_or_all<'a>(name: &str, known: &[&'a str]) -> Vec<&'a str> {
    let near = near_matches(name, known.iter().copied());
    if near.is_empty() { known.to_vec() } else { near }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!("; expected one of: {}", many.join(", ")),
    }
}

/// The 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<String> {
        match parse(text, "x.toml", Source::BuiltIn) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    const MINIMAL: &str = r#"
id = "mini"
title = "Mini"
version = "1"

[[competencies]]
id = "a"
title = "A"
steps = [{ name = "One" }, { name = "Two" }]

[[competencies]]
id = "b"
title = "B"

[[competencies]]
id = "c"
title = "C"

[[levels]]
id = "L1"
title = "Level 1"
[levels.expectations]
a = { step = "One", text = "a1" }
b = { text = "b1" }
c = { text = "c1" }
"#;

    #[test]
    fn minimal_ladder_is_valid() {
        let ladder = parse(MINIMAL, "x.toml", Source::BuiltIn).unwrap();
        assert_eq!(ladder.levels[0].expectations[0].step, Some(0));
        assert_eq!(ladder.levels[0].expectations[1].expected, Expected::Text("b1".into()));
    }

    #[test]
    fn misspelt_key_is_reported_at_its_line() {
        let found = check(&MINIMAL.replace("title = \"B\"", "titel = \"B\""));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("x.toml:13:1: "), "{found:?}");
        assert!(found[0].contains("titel"), "{found:?}");
    }

    #[test]
    fn missing_expectation_names_level_and_competency() {
        let found = check(&MINIMAL.replace("c = { text = \"c1\" }\n", ""));
        assert_eq!(
            found,
            ["x.toml:20:6: level `L1` has no expectation for competency `c`; add it under [levels.expectations]"]
        );
    }

    #[test]
    fn unknown_step_lists_the_steps() {
        let found = check(&MINIMAL.replace("step = \"One\"", "step = \"Three\""));
        assert_eq!(found, ["x.toml:23:14: competency `a` has no step `Three`; its steps are: One, Two"]);
    }

    #[test]
    fn duplicate_ids_point_at_the_second() {
        let found = check(&MINIMAL.replace("id = \"c\"", "id = \"b\""));
        assert!(
            found.iter().any(|d| d.starts_with("x.toml:16:6: duplicate competency id `b`; first defined on line 12")),
            "{found:?}"
        );
        let found = check(&MINIMAL.replace("{ name = \"Two\" }", "{ name = \"One\" }"));
        assert!(found.iter().any(|d| d.contains("duplicate step `One`")), "{found:?}");
    }

    #[test]
    fn empty_ladders_are_refused() {
        let found = check("id = \"x\"\ntitle = \"X\"\nversion = \"1\"\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("no competencies"));
        assert!(found[1].contains("no levels"));
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let found = check("id = \"x\ntitle = 3\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("x.toml:1:"), "{found:?}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncdé f", 9), (2, 6));
        assert_eq!(line_column("", 5), (1, 1));
    }
}
