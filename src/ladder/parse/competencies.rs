//! The `[[competencies]]` tables and their steps.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::fields::{Checker, Table, Value, shown};
use super::limits::{MAX_COMPETENCIES, MAX_NAME_CHARS, MAX_POINTS, MAX_STEPS, MIN_COMPETENCIES};
use crate::ladder::{Competency, Step};
use crate::text::nfc;

/// A competency as read, with what the levels' checks need to know about it.
pub(super) struct Drafted {
    /// The competency, with defaults where the file was wrong.
    pub competency: Competency,
    /// Whether levels should be checked against it: it has a readable id
    /// and is not a duplicate of an earlier one.
    pub checked: bool,
    /// Whether its steps could all be read, so a level's `step` can be
    /// checked against them.
    pub steps_known: bool,
    /// Where each step's table starts and where its `points` is, when
    /// given, for the points checks.
    pub step_spans: Vec<StepSpans>,
}

/// Where one step is in the file.
pub(super) struct StepSpans {
    /// Its `points`, when given.
    pub points: Option<Range<usize>>,
}

/// The steps of one competency as read.
struct StepsRead {
    steps: Vec<Step>,
    known: bool,
    spans: Vec<StepSpans>,
}

impl Checker<'_> {
    /// The ladder's shared `steps`, which competencies without steps of
    /// their own take, read like a competency's, as a pseudo-competency for
    /// the points checks.
    pub(super) fn shared_steps(&mut self, root: &Table) -> Option<Drafted> {
        root.table.get("steps")?;
        let t = Table { table: root.table, span: root.span.clone(), name: "the ladder's shared `steps`".into() };
        let read = self.steps(&t);
        let competency = Competency {
            id: "(shared steps)".into(),
            title: String::new(),
            description: String::new(),
            steps: read.steps,
            group: None,
        };
        Some(Drafted { competency, checked: false, steps_known: read.known, step_spans: read.spans })
    }

    /// Reads every competency; a missing or malformed list is reported once.
    /// A competency without `steps` of its own takes `shared`'s.
    pub(super) fn competencies(&mut self, root: &Table, shared: Option<&Drafted>) -> Vec<Drafted> {
        let Some((list, span)) = self.array(root, "competencies") else {
            if !root.table.contains_key("competencies") && !self.lost.competencies && !self.lost.root {
                let message = "the ladder has no competencies; add at least one [[competencies]] table".into();
                self.report(&root.span, message);
            }
            return Vec::new();
        };
        if self.lost.competencies {
            // Some went with a broken section: the count says nothing.
        } else if list.is_empty() {
            self.report(&span, "the ladder has no competencies; add at least one [[competencies]] table".into());
        } else if !(MIN_COMPETENCIES..=MAX_COMPETENCIES).contains(&list.len()) {
            let message = format!(
                "a ladder needs {MIN_COMPETENCIES} to {MAX_COMPETENCIES} competencies; this one has {}",
                list.len()
            );
            self.report(&span, message);
        }
        let mut seen = HashMap::new();
        // Past twice the limit the list is refused anyway, and every level
        // is checked against every competency: the rest are not read.
        let read = list.iter().take(2 * MAX_COMPETENCIES).enumerate();
        read.map(|(i, value)| self.competency(value, i, &mut seen, shared)).collect()
    }

    /// One competency; one that is not even a table is kept as unreadable,
    /// so that levels' keys meant for it are not reported as unknown.
    fn competency(
        &mut self,
        value: &Value,
        index: usize,
        seen: &mut HashMap<String, usize>,
        shared: Option<&Drafted>,
    ) -> Drafted {
        let name = match named(value, "id") {
            Some(id) => format!("competency `{}`", shown(id)),
            None => format!("competency {}", index + 1),
        };
        let Some(t) = self.table(value, name, "[[competencies]]") else {
            let competency = Competency {
                id: String::new(),
                title: String::new(),
                description: String::new(),
                steps: Vec::new(),
                group: None,
            };
            return Drafted { competency, checked: false, steps_known: false, step_spans: Vec::new() };
        };
        self.keys(&t, &["id", "title", "description", "steps", "group"]);
        let id = self.required_string(&t, "id").map(|id| Spanned::new(id.span(), nfc(id.get_ref())));
        let mut checked = id.is_some();
        if let Some(id) = &id {
            // Levels are not checked against an invalid id: their keys
            // would only repeat the one mistake.
            checked &= self.check_id(id, "competency id");
            checked &= self.unique(seen, id, "competency id");
        }
        let title = self.required_string(&t, "title").map(Spanned::into_inner).unwrap_or_default();
        let description = self.string(&t, "description").map(Spanned::into_inner).unwrap_or_default();
        let group = self.group(&t);
        let read = match shared {
            // Shared steps' points are checked once, on their own.
            Some(shared) if !t.table.contains_key("steps") => StepsRead {
                steps: shared.competency.steps.clone(),
                known: shared.steps_known,
                spans: shared.competency.steps.iter().map(|_| StepSpans { points: None }).collect(),
            },
            _ => self.steps(&t),
        };
        let id = id.map(Spanned::into_inner).unwrap_or_default();
        let competency = Competency { id, title, description, steps: read.steps, group };
        Drafted { competency, checked, steps_known: read.known, step_spans: read.spans }
    }

    fn group(&mut self, t: &Table) -> Option<String> {
        let group = self.string(t, "group")?;
        if group.get_ref().trim().is_empty() {
            let message = format!("`group` of {} is empty; name the group or leave `group` out", t.name);
            self.report(&group.span(), message);
        }
        self.check_len(&group, "group name", MAX_NAME_CHARS);
        Some(nfc(group.get_ref()))
    }

    /// The steps, whether all of them could be read, and where each is.
    fn steps(&mut self, t: &Table) -> StepsRead {
        let Some((list, _)) = self.array(t, "steps") else {
            return StepsRead { steps: Vec::new(), known: !t.table.contains_key("steps"), spans: Vec::new() };
        };
        if list.len() > MAX_STEPS {
            let message = format!("{} has {} steps; the limit is {MAX_STEPS}", t.name, list.len());
            let at = t.table.get_key_value("steps").map_or_else(|| t.span.clone(), |(k, _)| k.span());
            self.report(&at, message);
        }
        let mut seen = HashMap::new();
        let mut read = StepsRead { steps: Vec::new(), known: true, spans: Vec::new() };
        for (i, value) in list.iter().take(2 * MAX_STEPS).enumerate() {
            let name = match named(value, "name") {
                Some(step) => format!("step `{}` of {}", shown(step), t.name),
                None => format!("step {} of {}", i + 1, t.name),
            };
            let Some((step, points)) = self.step(value, name, &mut seen) else {
                read.known = false;
                continue;
            };
            read.known &= !step.name.is_empty();
            read.steps.push(step);
            read.spans.push(StepSpans { points });
        }
        read
    }

    fn step(
        &mut self,
        value: &Value,
        name: String,
        seen: &mut HashMap<String, usize>,
    ) -> Option<(Step, Option<Range<usize>>)> {
        let t = self.table(value, name, "{ name = \"…\", description = \"…\" }")?;
        self.keys(&t, &["name", "description", "points"]);
        let step_name = self.required_string(&t, "name").map(|n| Spanned::new(n.span(), nfc(n.get_ref())));
        if let Some(step_name) = &step_name {
            if step_name.get_ref().trim().is_empty() {
                self.report(&step_name.span(), format!("the name of {} is empty", t.name));
            }
            self.check_len(step_name, "step name", MAX_NAME_CHARS);
            self.unique(seen, step_name, "step");
        }
        let description = self.string(&t, "description").map(Spanned::into_inner).unwrap_or_default();
        let points = self.count(&t, "points", MAX_POINTS).map(Spanned::into_inner);
        let points_at = t.table.get("points").map(Spanned::span);
        let step_name = step_name.map(Spanned::into_inner).unwrap_or_default();
        Some((Step { name: step_name, description, points }, points_at))
    }
}

/// The string at `key` of a value that is a table, for naming it in messages.
pub(super) fn named<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get_ref().as_table()?.get(key)?.get_ref().as_str()
}
