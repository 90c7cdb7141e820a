//! Which questions an interview asks, in which order: each competency at
//! the current level, then at the target level, with what each level expects.

use crate::assessment::answers::RatingAnswers;
use crate::ladder::{Competency, LevelRef};

/// Which of a competency's two expectations a rating is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The current level's (also the target's when both expect the same).
    Current,
    /// The target level's.
    Target,
}

/// One rating to ask for: a level's expectation of a competency.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// Which answer key it fills.
    pub slot: Slot,
    /// The level whose expectation this is.
    pub level: LevelRef<'a>,
    /// The expected step's index, when the competency has steps.
    pub step: Option<usize>,
    /// The level's expectation.
    pub expectation: &'a crate::ladder::Expectation,
    /// Whether this one rating stands for both levels.
    pub covers_target: bool,
}

/// Everything asked about one competency.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// The competency (from the current level's ladder).
    pub competency: &'a Competency,
    /// One ask, or two when the levels expect different steps.
    pub asks: Vec<Ask<'a>>,
}

impl Ask<'_> {
    /// `TL4 · 4 Coordinates`, or just the level for a competency without steps.
    pub fn label(&self, competency: &Competency) -> String {
        match competency.step_name(self.step) {
            Some(name) => format!("{} · {} {name}", self.level.level().id, self.step.map_or(0, |i| i + 1)),
            None => self.level.level().id.clone(),
        }
    }

    /// The answer stored for this ask, if any.
    pub fn answer<'b>(&self, answers: &'b RatingAnswers) -> Option<&'b str> {
        match self.slot {
            Slot::Current => {
                answers.current.as_deref().or(if self.covers_target { answers.target.as_deref() } else { None })
            }
            Slot::Target => answers.target.as_deref(),
        }
    }
}

/// The questions for an interview from `current` to `target`, competency by
/// competency; one ask where both levels expect the same step.
///
/// A competency the target level expects nothing of is not asked (nor
/// scored); where only the current level expects nothing, only the target's
/// expectation is asked, and the current one counts as met.
pub fn plan<'a>(current: LevelRef<'a>, target: LevelRef<'a>) -> Vec<Question<'a>> {
    current
        .ladder
        .competencies
        .iter()
        .zip(&current.level().expectations)
        .filter_map(|(competency, now)| {
            let (_, next) = target.expectation(&competency.id).expect("the ladders share competencies");
            let ask = |slot, level, e: &'a crate::ladder::Expectation, covers_target| Ask {
                slot,
                level,
                step: e.step,
                expectation: e,
                covers_target,
            };
            if !next.is_expected() {
                return None;
            }
            if !now.is_expected() {
                return Some(Question { competency, asks: vec![ask(Slot::Target, target, next, false)] });
            }
            let same = now.same_ask(next, competency);
            let mut asks = vec![ask(Slot::Current, current, now, same)];
            if !same {
                asks.push(ask(Slot::Target, target, next, false));
            }
            Some(Question { competency, asks })
        })
        .collect()
}

/// The competencies of a ladder that an interview from `current` to
/// `target` does not ask about, with the level that expects nothing of
/// each: `(competency, level id, slot)`.
pub fn not_asked<'a>(current: LevelRef<'a>, target: LevelRef<'a>) -> Vec<(&'a Competency, &'a str, Slot)> {
    let mut skipped = Vec::new();
    for (competency, now) in current.ladder.competencies.iter().zip(&current.level().expectations) {
        let Some((_, next)) = target.expectation(&competency.id) else { continue };
        if !now.is_expected() {
            skipped.push((competency, current.level().id.as_str(), Slot::Current));
        }
        if !next.is_expected() {
            skipped.push((competency, target.level().id.as_str(), Slot::Target));
        }
    }
    skipped
}
