//! The ladder page: a whole framework as one page to publish, in HTML
//! ([`html`]) or Markdown ([`markdown`]).
//!
//! Both say the same things in the same order: the ladder's title, summary
//! and version; a short table of contents; the competencies under their
//! groups, with their steps and points; then each level with what changes
//! from the level below it and everything it expects. The HTML page adds a
//! radar per level. This module owns what both formats share and that is
//! pure: the groups as sections, what changes between two levels, and the
//! words around numbers. Each format escapes every text it writes, through
//! [`crate::untrusted`].

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

use crate::ladder::{Expectation, Expected, Ladder, Level};

/// The heading of the section of competencies without a group, on a ladder
/// that groups the others.
pub const UNGROUPED: &str = "Other competencies";

/// How one competency moves from one level to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// A higher step.
    Up,
    /// A lower step.
    Down,
    /// The same step, or no steps, in new words.
    Reworded,
    /// Expected now, where nothing was before.
    Starts,
    /// Nothing expected now, where something was before.
    Stops,
}

/// One competency that changes between two levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta<'a> {
    /// The competency's index in the ladder.
    pub competency: usize,
    /// Which way it moves.
    pub moves: Move,
    /// The step expected before and after, on a competency with steps.
    pub steps: (Option<&'a str>, Option<&'a str>),
    /// The later level's words that are new: the items it adds, or its
    /// whole text; empty when nothing is expected any more.
    pub lines: Vec<&'a str>,
}

/// What changes from level `index - 1` to level `index`: only the
/// competencies whose step or words change, in the ladder's order.
pub fn changes(ladder: &Ladder, index: usize) -> Vec<Delta<'_>> {
    let (Some(before), Some(after)) =
        (ladder.below(index).and_then(|i| ladder.levels.get(i)), ladder.levels.get(index))
    else {
        return Vec::new();
    };
    let cells = before.expectations.iter().zip(&after.expectations).zip(&ladder.competencies);
    cells
        .enumerate()
        .filter_map(|(i, ((was, now), competency))| {
            let moves = movement(was, now)?;
            let new: Vec<&str> = now.lines().into_iter().filter(|l| !was.lines().contains(l)).collect();
            let lines = match moves {
                Move::Stops => Vec::new(),
                _ if new.is_empty() => now.lines(),
                _ => new,
            };
            Some(Delta {
                competency: i,
                moves,
                steps: (competency.step_name(was.step), competency.step_name(now.step)),
                lines,
            })
        })
        .collect()
}

/// How a cell moves, or `None` when it stays the same.
fn movement(was: &Expectation, now: &Expectation) -> Option<Move> {
    match (was.is_expected(), now.is_expected(), was.step, now.step) {
        (false, false, ..) => None,
        (false, true, ..) => Some(Move::Starts),
        (true, false, ..) => Some(Move::Stops),
        (_, _, Some(a), Some(b)) if a < b => Some(Move::Up),
        (_, _, Some(a), Some(b)) if a > b => Some(Move::Down),
        _ if was.expected == now.expected => None,
        _ => Some(Move::Reworded),
    }
}

/// `1 point`, `12 points`.
pub fn points(n: u32) -> String {
    if n == 1 { "1 point".to_owned() } else { format!("{n} points") }
}

/// The line under a ladder's title: `Version 1 · 16 competencies in 4
/// groups · 15 levels · levels are reached by points`.
pub fn facts(ladder: &Ladder) -> String {
    let mut facts = vec![format!("Version {}", ladder.version)];
    let count = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let mut competencies = count(ladder.competencies.len(), "competency", "competencies");
    let groups = ladder.groups().len();
    if groups > 0 {
        competencies = format!("{competencies} in {}", count(groups, "group", "groups"));
    }
    facts.push(competencies);
    facts.push(count(ladder.levels.len(), "level", "levels"));
    if ladder.levels.iter().any(|l| l.min_points.is_some()) {
        facts.push("levels are reached by points".to_owned());
    }
    facts.join(" · ")
}

/// What a level is, besides its expectations: `Senior level · at least 11
/// points`, or nothing.
/// The tracks side by side, one column of levels each, lowest first: a row
/// per place on the tracks, empty where a track is shorter. Empty for a
/// ladder of one track.
pub fn track_rows(ladder: &Ladder) -> Vec<Vec<&str>> {
    let longest = ladder.tracks.iter().map(|t| t.levels.len()).max().unwrap_or(0);
    (0..longest)
        .map(|row| {
            let at = |t: &crate::ladder::Track| t.levels.get(row).map_or("", |&i| ladder.levels[i].id.as_str());
            ladder.tracks.iter().map(at).collect()
        })
        .collect()
}

/// What a level says of itself beyond its cells: its description and its
/// rule for readiness, one paragraph each.
pub fn level_words(ladder: &Ladder, level: &Level) -> Vec<String> {
    let description = Some(level.description.clone()).filter(|d| !d.trim().is_empty());
    description.into_iter().chain(level.promotion.as_ref().map(|p| p.describe(ladder))).collect()
}

/// A level's facts in one line: `Senior level · at least 40 points`.
pub fn level_facts(level: &Level) -> String {
    let mut facts = Vec::new();
    if level.senior {
        facts.push("Senior level".to_owned());
    }
    if let Some(min) = level.min_points {
        facts.push(format!("at least {}", points(min)));
    }
    let mut out = facts.join(" · ");
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + &out[1..];
    }
    out
}

/// The step a cell names, numbered and with its points: `step 2 of 5,
/// Milestone 2, 3 points`; `None` for a competency without steps or a cell
/// that expects nothing.
pub fn step_words(ladder: &Ladder, competency: usize, cell: &Expectation) -> Option<String> {
    let c = &ladder.competencies[competency];
    let as_at = cell.inherited_from.as_ref().map(|level| format!("as at {level}"));
    let Some(step) = cell.step.and_then(|i| c.steps.get(i).map(|s| (i, s))) else { return as_at };
    let (index, step) = step;
    let mut words = format!("step {} of {}, {}", index + 1, c.steps.len(), step.name);
    if let Some(p) = step.points {
        words = format!("{words}, {}", points(p));
    }
    if let Some(as_at) = as_at {
        words = format!("{words}, {as_at}");
    }
    Some(words)
}

/// A change in words, without the new text: `step up, Milestone 1 →
/// Milestone 2`.
pub fn delta_words(delta: &Delta<'_>) -> String {
    let step = delta.steps.1.map_or_else(String::new, |s| format!(", {s}"));
    match (delta.moves, delta.steps) {
        (Move::Up, (Some(a), Some(b))) => format!("step up, {a} → {b}"),
        (Move::Down, (Some(a), Some(b))) => format!("step down, {a} → {b}"),
        (Move::Up, _) => format!("step up{step}"),
        (Move::Down, _) => format!("step down{step}"),
        (Move::Reworded, (_, Some(b))) => format!("same step, {b}, in new words"),
        (Move::Reworded, _) => "new words".to_owned(),
        (Move::Starts, _) => format!("expected from this level{step}"),
        (Move::Stops, _) => "no longer expected".to_owned(),
    }
}

/// Why a level has no radar, when it has none.
pub fn no_radar(ladder: &Ladder) -> String {
    if ladder.competencies.iter().all(|c| c.steps.is_empty()) {
        "No radar: this ladder has no steps, so its levels differ in words rather than in a distance that could \
         be drawn."
            .to_owned()
    } else {
        "No radar: fewer than three competencies have steps, and a shape needs at least three.".to_owned()
    }
}

/// The words of a cell, for the page: its lines, or nothing for a cell
/// that expects nothing (the page says [`crate::ladder::NOT_EXPECTED`]).
pub fn cell_lines(cell: &Expectation) -> &[String] {
    match &cell.expected {
        // A text written as a bulleted list is its items.
        Expected::Text(text) if cell.items().is_empty() => std::slice::from_ref(text),
        Expected::Text(_) => cell.items(),
        Expected::Items(items) => items,
        Expected::Nothing => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Source, parse::parse};

    fn fixture(name: &str) -> Ladder {
        let path = format!("{}/tests/fixtures/ladders/real/{name}.toml", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read_to_string(&path).unwrap(), &path, Source::BuiltIn).unwrap()
    }

    #[test]
    fn groups_become_sections_in_the_order_they_first_appear() {
        let ladder = fixture("lists-style");
        let sections = ladder.sections();
        let names: Vec<Option<&str>> = sections.iter().map(|s| s.0).collect();
        assert_eq!(names, [Some("Impact"), Some("Technical"), Some("Behaviours")]);
        assert_eq!(sections[0].1, [0, 1, 7], "a group's competencies stay together");
    }

    #[test]
    fn a_change_names_only_the_competencies_that_move_and_their_new_words() {
        let ladder = fixture("lists-style");
        let deltas = changes(&ladder, 2);
        assert_eq!(deltas.len(), 8);
        let hiring = deltas.iter().find(|d| ladder.competencies[d.competency].id == "hiring").unwrap();
        assert_eq!(hiring.moves, Move::Starts);
        assert_eq!(hiring.lines.len(), 3);
        assert!(changes(&ladder, 0).is_empty(), "the lowest level has nothing below it");
        let points = fixture("points-style");
        let deltas = changes(&points, 1);
        assert!(deltas.iter().all(|d| d.moves == Move::Up), "{deltas:?}");
        assert!(!deltas.is_empty() && deltas.len() < points.competencies.len());
        assert_eq!(delta_words(&deltas[0]), "step up, Milestone 1 → Milestone 2");
    }

    #[test]
    fn facts_count_what_the_ladder_holds() {
        assert_eq!(
            facts(&fixture("points-style")),
            "Version 1 · 16 competencies in 4 groups · 15 levels · levels are reached by points"
        );
        let ladder = fixture("points-style");
        assert_eq!(level_facts(&ladder.levels[0]), "At least 0 points");
        assert_eq!(
            step_words(&ladder, 0, &ladder.levels[0].expectations[0]).unwrap(),
            "step 1 of 5, Milestone 1, 1 point"
        );
    }
}
