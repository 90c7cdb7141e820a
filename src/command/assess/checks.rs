//! What `rungs assess` checks of answers before it saves them: ratings the
//! ladder knows, steps that agree, nothing rated that the level does not
//! expect, and every question answered.

use super::levels::{level, target};
use crate::assessment::answers::Answers;
use crate::assessment::{Rating, Relationship};
use crate::error::{Error, Result};
use crate::interview::{Question, Slot, plan};
use crate::ladder::catalog::Catalog;
use crate::ladder::{Ladder, LevelRef};

/// Where both levels expect the same step, one rating counts for both: a
/// `target` rating is accepted only when it says the same as `current`.
///
/// # Errors
/// Exit 2 naming the key, so that no answer is silently dropped.
pub(super) fn check_same_steps(questions: &[Question<'_>], answers: &Answers) -> Result<()> {
    for q in questions.iter().filter(|q| q.asks.len() == 1 && q.asks[0].covers_target) {
        let Some(given) = answers.ratings.get(&q.competency.id) else { continue };
        if let (Some(now), Some(then)) = (given.current.as_deref(), given.target.as_deref())
            && now != then
        {
            let ask = &q.asks[0];
            let step = q
                .competency
                .step_name(ask.step)
                .map_or_else(|| "the same".to_owned(), |name| format!("{} {name}", ask.step.map_or(0, |i| i + 1)));
            return Err(Error::Usage(format!(
                "ratings.{id}.target: the current and target levels both expect {step} for {title}, so one rating counts for both, but `target` ({then}) differs from `current` ({now})\n  drop ratings.{id}.target, or give the one rating as ratings.{id}.current",
                id = q.competency.id,
                title = q.competency.title,
            )));
        }
    }
    Ok(())
}

/// A rating for a cell where nothing is expected would be dropped without a
/// word: refuse it, naming the key.
///
/// # Errors
/// Exit 2 naming `ratings.ID.SLOT`.
pub(super) fn check_not_expected(current: LevelRef<'_>, target: LevelRef<'_>, answers: &Answers) -> Result<()> {
    let mut refused = Vec::new();
    for (competency, level, slot) in crate::interview::not_asked(current, target) {
        let Some(given) = answers.ratings.get(&competency.id) else { continue };
        let (key, value) = match slot {
            Slot::Current => ("current", &given.current),
            Slot::Target => ("target", &given.target),
        };
        // The target expecting nothing leaves the competency out of the
        // assessment: a rating of the current level would be dropped.
        if slot == Slot::Target && given.current.is_some() && given.target.is_none() {
            refused.push(format!(
                "ratings.{id}.current: {level} expects nothing of {title}, so an assessment aiming at it does not rate \
                 {title}; drop ratings.{id}",
                id = competency.id,
                title = competency.title,
            ));
        }
        if value.is_some() {
            let instead =
                if slot == Slot::Current && target.expectation(&competency.id).is_some_and(|(_, e)| e.is_expected()) {
                    format!("\n  give the one rating as ratings.{}.target", competency.id)
                } else {
                    String::new()
                };
            refused.push(format!(
                "ratings.{id}.{key}: nothing is expected of {title} at {level}, so there is nothing to rate{instead}",
                id = competency.id,
                title = competency.title,
            ));
        }
    }
    if refused.is_empty() { Ok(()) } else { Err(Error::Usage(refused.join("\n"))) }
}

/// Rejects unknown competencies and ratings, naming the key and the allowed values.
pub(super) fn check_ratings(answers: &Answers, ladder: &Ladder) -> Result<()> {
    let ids: Vec<&str> = ladder.competencies.iter().map(|c| c.id.as_str()).collect();
    let names: Vec<&str> = Rating::ALL.iter().map(|r| r.name()).collect();
    for (id, given) in &answers.ratings {
        if !ids.contains(&id.as_str()) {
            let near = crate::text::near_matches(id, ids.iter().copied());
            let hint = near.first().map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
            return Err(Error::Usage(format!(
                "ratings.{id}: unknown competency; the {} ladder has: {}{hint}",
                ladder.id,
                ids.join(", ")
            )));
        }
        for (slot, value) in [("current", &given.current), ("target", &given.target)] {
            if let Some(value) = value.as_deref().filter(|v| Rating::from_name(v).is_none()) {
                return Err(Error::Usage(format!(
                    "ratings.{id}.{slot}: unknown rating `{value}`; expected one of: {}",
                    names.join(", ")
                )));
            }
        }
    }
    Ok(())
}

pub(super) fn missing(fields: &[String]) -> Error {
    Error::Usage(format!(
        "answers are missing and there is no terminal to ask them:\n{}\n  give them as flags or in --answers FILE (see docs/assessment-format.md)",
        fields.iter().map(|f| format!("  - {f}")).collect::<Vec<_>>().join("\n")
    ))
}

/// Each rating the answers lack, as `ratings.ID.SLOT: Title at LEVEL · STEP`.
pub(super) fn missing_ratings(questions: &[Question<'_>], answers: &Answers) -> Vec<String> {
    let mut missing = Vec::new();
    for q in questions {
        let given = answers.ratings.get(&q.competency.id).cloned().unwrap_or_default();
        for ask in q.asks.iter().filter(|ask| ask.answer(&given).is_none()) {
            let slot = if ask.slot == Slot::Target { "target" } else { "current" };
            missing.push(format!(
                "ratings.{}.{slot}: {} at {}",
                q.competency.id,
                q.competency.title,
                ask.label(q.competency)
            ));
        }
    }
    missing
}

/// Without a terminal nothing can be asked: name every missing answer at once.
pub(super) fn check_complete(
    catalog: &mut Catalog,
    ladder: usize,
    answers: &Answers,
    has_fallback: bool,
    has_assessor: bool,
) -> Result<()> {
    let mut missing = Vec::new();
    if answers.person.is_none() && !has_fallback {
        missing.push("the person: --person NAME, or \"person\" in the answers file".to_owned());
    }
    if !has_assessor {
        let relationship = relationship(answers.relationship.as_deref())?;
        missing.push(missing_assessor(relationship));
    }
    match answers.current.as_deref() {
        None => missing.push("the current level: --current LEVEL, or \"current\" in the answers file".to_owned()),
        Some(name) => {
            let current = level(catalog, ladder, name, "--current")?;
            let target = target(catalog, ladder, current, answers.target.as_deref(), answers.track.as_deref())?;
            let (current, target) = (catalog.level(current), catalog.level(target));
            check_ratings(answers, current.ladder)?;
            missing.extend(missing_ratings(&plan(current, target), answers));
        }
    }
    if missing.is_empty() { Ok(()) } else { Err(self::missing(&missing)) }
}

pub(super) fn missing_assessor(relationship: Relationship) -> String {
    format!("the assessor of this {relationship} view: --assessor NAME, RUNGS_ASSESSOR, or git's user.name")
}

pub(super) fn relationship(name: Option<&str>) -> Result<Relationship> {
    let Some(name) = name else { return Ok(Relationship::Myself) };
    Relationship::from_name(name).ok_or_else(|| {
        let allowed: Vec<&str> = Relationship::ALL.iter().map(|r| r.name()).collect();
        Error::Usage(format!("relationship: unknown value `{name}`; expected one of: {}", allowed.join(", ")))
    })
}
