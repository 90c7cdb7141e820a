//! Gaps toward the target level. Pure: an assessment in, a score out.
//!
//! Per competency the status is `ready` when the target expectation is met,
//! `growing` when only the current one is, and `below` otherwise. Steps are
//! cumulative, so a rating that meets a step also meets every lower step of
//! the same competency: this is what makes cross-ladder targets (D4 → TL4)
//! with a lower required step come out as a surplus rather than a gap.

use serde::Serialize;

use crate::assessment::{Assessment, GlanceEntry, Rating, RatingEntry};
use crate::ladder::{Competency, Ladder, Level};
use crate::render::Ordered;

mod rule;

pub use rule::RuleCheck;

/// Where a competency stands against the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Even the current level's expectation is not met. Blocking.
    Below,
    /// The current expectation is met, the target's is not.
    Growing,
    /// The target expectation is met.
    Ready,
}

impl Status {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Status::Below => "below",
            Status::Growing => "growing",
            Status::Ready => "ready",
        }
    }
}

/// One level's side of a competency: the step expected and the rating given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The level id.
    pub level: String,
    /// The expected step, when the competency has steps.
    pub step: Option<String>,
    /// The step's 1-based position.
    pub rank: Option<usize>,
    /// The rating that applies at this level.
    pub rating: Rating,
    /// The level's expectation text.
    pub expectation: String,
    /// The items of a cell of several expectations; empty for one text.
    pub items: Vec<String>,
    /// Whether the expectation counts as met, directly or through a higher step.
    pub met: bool,
    /// Whether the level expects anything: a side where nothing is
    /// expected was not rated, and counts as met.
    pub expected: bool,
}

impl Serialize for Side {
    /// `rating` is null on a side where nothing is expected: no one rated it,
    /// and only such a side carries `"expected": false`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut side = serializer.serialize_struct("Side", 6)?;
        side.serialize_field("level", &self.level)?;
        side.serialize_field("step", &self.step)?;
        side.serialize_field("rank", &self.rank)?;
        side.serialize_field("rating", &self.expected.then_some(self.rating))?;
        side.serialize_field("met", &self.met)?;
        // Present only where it says something: a side where nothing is expected.
        if self.expected {
            side.skip_field("expected")?;
        } else {
            side.serialize_field("expected", &self.expected)?;
        }
        side.end()
    }
}

/// The score of one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetencyScore {
    /// The competency id.
    pub id: String,
    /// Ready, growing or below.
    pub status: Status,
    /// The current level's side.
    pub current: Side,
    /// The target level's side.
    pub target: Side,
    /// Whether the target expects a lower step than the current level (cross-ladder).
    pub surplus: bool,
    /// The highest step shown to be met, if any.
    pub held: Option<Held>,
}

/// A step shown to be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Held {
    /// The step's name.
    pub step: String,
    /// Its 1-based position.
    pub rank: usize,
}

/// The score of a whole assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Whether every competency is ready.
    pub ready: bool,
    /// How many competencies are ready.
    pub ready_count: usize,
    /// How many competencies there are.
    pub total: usize,
    /// Every competency, in the assessment's order.
    pub competencies: Vec<CompetencyScore>,
    /// The competencies that are not ready, blocking (`below`) first.
    pub gaps: Vec<String>,
    /// The competencies the target level expects that the assessment does
    /// not rate, in the ladder's order: each counts as not ready.
    pub not_rated: Vec<String>,
    /// The target level's own rule for readiness and how the ratings stand
    /// against it, where the level has one: then it, not every
    /// competency, decides `ready`.
    pub rule: Option<RuleCheck>,
}

impl Score {
    /// The score against the full list of competencies the target level
    /// `expected` (see [`crate::ladder::catalog::Asks`]): one it does not rate is not rated,
    /// counts in the total and keeps the assessment from being ready. With
    /// `None` (the ladder or level is not loaded) the score is unchanged.
    #[must_use]
    pub fn against<S: AsRef<str>>(mut self, expected: Option<&[S]>) -> Score {
        self.not_rated = not_rated(expected.unwrap_or_default(), |id| self.competency(id).is_some());
        self.total += self.not_rated.len();
        self.ready = self.ready && self.not_rated.is_empty();
        self
    }

    /// The score without the competencies `unrated`, whose target
    /// expectation the file does not rate: [`Score::against`] then counts
    /// them as not rated.
    #[must_use]
    pub fn without(mut self, unrated: &[String]) -> Score {
        if unrated.is_empty() {
            return self;
        }
        self.competencies.retain(|c| !unrated.contains(&c.id));
        self.gaps.retain(|id| !unrated.contains(id));
        self.total = self.competencies.len();
        self.ready_count = self.competencies.iter().filter(|c| c.status == Status::Ready).count();
        self.ready = self.ready_count == self.total;
        self
    }

    /// The score of one competency by id.
    pub fn competency(&self, id: &str) -> Option<&CompetencyScore> {
        self.competencies.iter().find(|c| c.id == id)
    }
}

/// Points on a ladder with points: the sum, over competencies, of the points
/// of the highest step held, against the target level's minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Points {
    /// The points held.
    pub held: u64,
    /// The target level's `min_points`, when it has one.
    pub required: Option<u64>,
    /// The points held per group, in the ladder's order of groups.
    pub groups: Ordered<GroupPoints>,
}

/// The points held within one group of competencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupPoints {
    /// The points held.
    pub held: u64,
}

impl Points {
    /// Whether the points held reach the target's minimum (true when it has none).
    pub fn enough(&self) -> bool {
        self.required.is_none_or(|required| self.held >= required)
    }
}

/// The points of an assessment on `ladder`, whose `target` level is the
/// assessment's target, from `scored`, each competency's score by id;
/// `None` when the ladder has no points. A step
/// without points is worth none, and so is a competency with no step held.
pub fn points<'s>(
    ladder: &Ladder,
    target: &Level,
    scored: impl Fn(&str) -> Option<&'s CompetencyScore>,
) -> Option<Points> {
    if !ladder.has_points() {
        return None;
    }
    let of = |c: &Competency| -> u64 {
        let rank = scored(&c.id).and_then(|s| s.held.as_ref()).map_or(0, |h| h.rank);
        rank.checked_sub(1).and_then(|i| c.steps.get(i)).and_then(|s| s.points).map_or(0, u64::from)
    };
    let groups = ladder
        .groups()
        .into_iter()
        .map(|group| {
            let held = ladder.competencies.iter().filter(|c| c.group.as_deref() == Some(group)).map(of).sum();
            (group.to_owned(), GroupPoints { held })
        })
        .collect();
    Some(Points {
        held: ladder.competencies.iter().map(of).sum(),
        required: target.min_points.map(u64::from),
        groups: Ordered(groups),
    })
}

/// Gives each target side rated at another level (both levels expect the
/// same step, so one rating counted for both) the target level's own
/// words, from `ladder`, which must be the version the assessment was made
/// on; a target cell that inherits a lower level's says `(as at LEVEL)`.
pub fn target_words<'s>(scores: impl IntoIterator<Item = &'s mut CompetencyScore>, ladder: &Ladder, target: &Level) {
    for c in scores {
        let Some(i) = ladder.competencies.iter().position(|l| l.id == c.id) else { continue };
        let Some(cell) = target.expectations.get(i).filter(|e| e.is_expected()) else { continue };
        if c.target.level != target.id {
            c.target.expectation = cell.text();
            c.target.items = cell.items().to_vec();
        }
        // A cell that repeats a lower level says so, as the ladder shows it.
        if let Some(level) = &cell.inherited_from {
            c.target.expectation = format!("{} (as at {level})", c.target.expectation);
        }
    }
}

/// The competencies rated only by an entry at the current level, when the
/// target is another level: such a rating answers the target's expectation
/// only where the two levels ask the same (see [`crate::ladder::catalog::Asks::unrated`]).
pub fn current_only<E: Rated>(current: &str, target: &str, entries: &[E]) -> Vec<String> {
    if current == target {
        return Vec::new();
    }
    let mut ids: Vec<String> = Vec::new();
    for e in entries.iter().filter(|e| e.level() == current) {
        let rated_at_target = entries.iter().any(|t| t.competency() == e.competency() && t.level() == target);
        if !rated_at_target && !ids.iter().any(|id| id == e.competency()) {
            ids.push(e.competency().to_owned());
        }
    }
    ids
}

/// The competencies of `expected` that are not `rated`, in its order.
pub fn not_rated<S: AsRef<str>>(expected: &[S], rated: impl Fn(&str) -> bool) -> Vec<String> {
    expected.iter().map(AsRef::as_ref).filter(|id| !rated(id)).map(str::to_owned).collect()
}

/// A ready count as listings show it: `3/5`, or `3/5, 1 not rated`.
pub fn ready_cell(ready: usize, total: usize, not_rated: usize) -> String {
    match not_rated {
        0 => format!("{ready}/{total}"),
        n => format!("{ready}/{total}, {n} not rated"),
    }
}

/// Scores an assessment against what its levels ask in `catalog` (see
/// [`crate::ladder::catalog::Asks`]): every competency the target level expects, a competency rated
/// only at the current level where the target asks a rating of its own not
/// rated, and the target level's promotion rule deciding `ready` where it
/// has one.
pub fn score_on(assessment: &Assessment, catalog: &crate::ladder::catalog::Catalog) -> Score {
    let a = assessment;
    let asks = catalog.asks((&a.ladder.id, &a.current), (a.target_ladder_id(), &a.target));
    let unrated = asks.unrated(&current_only(&a.current, &a.target, &a.ratings));
    let mut score = score(a).without(&unrated).against(asks.expected.as_deref());
    if let Some(check) = RuleCheck::on(&asks, |id| score.competency(id).is_some_and(|c| c.status == Status::Ready)) {
        score.ready = check.met;
        score.rule = Some(check);
    }
    score
}

/// The target's ladder and level of an assessment, when that ladder is
/// loaded at the version the assessment was made on.
pub fn target_of<'a>(catalog: &'a crate::ladder::catalog::Catalog, a: &Assessment) -> Option<(&'a Ladder, &'a Level)> {
    let stamp = a.target_ladder.as_ref().unwrap_or(&a.ladder);
    let ladder = &catalog.entries().iter().find(|e| e.ladder.id == stamp.id)?.ladder;
    let level = ladder.level_index(&a.target).map(|i| &ladder.levels[i])?;
    (ladder.version == stamp.version).then_some((ladder, level))
}

/// What scoring needs of one rating; implemented by full and light entries.
pub trait Rated {
    /// The competency id.
    fn competency(&self) -> &str;
    /// The level the rating is at.
    fn level(&self) -> &str;
    /// The step's 1-based position, if the competency has steps.
    fn rank(&self) -> Option<usize>;
    /// The rating.
    fn rating(&self) -> Rating;
}

/// Both entry types keep the same four fields under the same names.
macro_rules! rated {
    ($($entry:ty),+) => {$(
        impl Rated for $entry {
            fn competency(&self) -> &str {
                &self.competency
            }
            fn level(&self) -> &str {
                &self.level
            }
            fn rank(&self) -> Option<usize> {
                self.rank
            }
            fn rating(&self) -> Rating {
                self.rating
            }
        }
    )+};
}

rated!(RatingEntry, GlanceEntry<'_>);

/// One competency judged: its status and the entries that decided it.
#[derive(Debug)]
pub struct Judged<'a, E> {
    /// The competency id.
    pub id: &'a str,
    /// Ready, growing or below.
    pub status: Status,
    /// The entry at the current level.
    pub current: &'a E,
    /// The entry at the target level (the same entry when both expect one step).
    pub target: &'a E,
    /// Whether the current expectation counts as met.
    pub current_met: bool,
    /// Whether the current level expects anything: when it does not, only
    /// the target was rated and `current` is that same entry.
    pub expected_now: bool,
    /// Whether the target expectation counts as met.
    pub target_met: bool,
}

/// Judges every competency of a list of ratings, in first-rated order.
pub fn judge<'a, E: Rated>(current: &str, target: &str, entries: &'a [E]) -> Vec<Judged<'a, E>> {
    let mut ids: Vec<&'a str> = Vec::new();
    for e in entries {
        if !ids.contains(&e.competency()) {
            ids.push(e.competency());
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let of = || entries.iter().filter(move |e| e.competency() == id);
            let at_target = of().find(|e| e.level() == target);
            // Only the target rated, on another level than the current one:
            // the current level expects nothing of it, which counts as met.
            let (now, nothing_now) = match (of().find(|e| e.level() == current), at_target) {
                (Some(now), _) => (now, false),
                (None, Some(next)) if current != target => (next, true),
                // Rated at neither level: a made-up level rates nothing.
                (None, _) => return None,
            };
            let next = at_target.unwrap_or(now);
            let (current_met, target_met) = (nothing_now || meets(now, next), meets(next, now));
            let status = match (current_met, target_met) {
                (_, true) => Status::Ready,
                (true, false) => Status::Growing,
                (false, false) => Status::Below,
            };
            Some(Judged { id, status, current: now, target: next, current_met, target_met, expected_now: !nothing_now })
        })
        .collect()
}

/// How many of the judged competencies are ready.
pub fn ready_count<E>(judged: &[Judged<'_, E>]) -> usize {
    judged.iter().filter(|j| j.status == Status::Ready).count()
}

/// Scores an assessment.
pub fn score(assessment: &Assessment) -> Score {
    let judged = judge(&assessment.current, &assessment.target, &assessment.ratings);
    let competencies: Vec<CompetencyScore> = judged
        .iter()
        .map(|j| CompetencyScore {
            id: j.id.to_owned(),
            status: j.status,
            surplus: matches!((j.current.rank, j.target.rank), (Some(c), Some(t)) if t < c),
            held: held(j),
            current: if j.expected_now {
                side(j.current, j.current_met)
            } else {
                nothing_expected(j.current, &assessment.current)
            },
            target: side(j.target, j.target_met),
        })
        .collect();
    let mut gaps: Vec<&CompetencyScore> = competencies.iter().filter(|c| c.status != Status::Ready).collect();
    gaps.sort_by_key(|c| c.status);
    let gaps = gaps.into_iter().map(|c| c.id.clone()).collect();
    let ready_count = ready_count(&judged);
    Score {
        ready: ready_count == competencies.len(),
        ready_count,
        total: competencies.len(),
        competencies,
        gaps,
        not_rated: Vec::new(),
        rule: None,
    }
}

/// The highest step shown to be met, with its rank.
fn held(j: &Judged<'_, RatingEntry>) -> Option<Held> {
    let met = [(j.current, j.current_met && j.expected_now), (j.target, j.target_met)];
    met.into_iter()
        .filter(|(_, met)| *met)
        .filter_map(|(e, _)| Some(Held { step: e.step.clone()?, rank: e.rank? }))
        .max_by_key(|h| h.rank)
}

/// Whether `entry`'s expectation is met: rated so, or implied by `other`
/// meeting a step at least as high.
fn meets<E: Rated>(entry: &E, other: &E) -> bool {
    let implied = match (entry.rank(), other.rank()) {
        (Some(mine), Some(theirs)) => theirs >= mine && other.rating().is_met(),
        _ => false,
    };
    entry.rating().is_met() || implied
}

/// The current side of a competency the current level expects nothing of: met.
fn nothing_expected(entry: &RatingEntry, level: &str) -> Side {
    Side {
        level: level.to_owned(),
        step: None,
        rank: None,
        rating: entry.rating,
        expectation: crate::ladder::NOT_EXPECTED.to_owned(),
        items: Vec::new(),
        met: true,
        expected: false,
    }
}

fn side(entry: &RatingEntry, met: bool) -> Side {
    Side {
        level: entry.level.clone(),
        step: entry.step.clone(),
        rank: entry.rank,
        rating: entry.rating,
        expectation: entry.expectation.clone(),
        items: entry.expectation_items.clone(),
        met,
        expected: true,
    }
}

#[cfg(test)]
mod tests;
