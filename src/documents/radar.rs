//! The radar of an assessment: what its current and target levels expect
//! of each competency, and what its ratings show.

use crate::assessment::Assessment;
use crate::chart::{Axis, Radar, Series};
use crate::ladder::Ladder;
use crate::ladder::catalog::{Catalog, Titles};
use crate::scoring::{Score, Side};

/// The radar of an assessment: expected at the current level, at the
/// target level, and shown by the ratings. Steps are the rings; for a ladder
/// without steps, levels are.
pub fn radar(assessment: &Assessment, score: &Score, catalog: &Catalog) -> Radar {
    let ladder: Option<&Ladder> = catalog.entries().iter().map(|e| &e.ladder).find(|l| l.id == assessment.ladder.id);
    let titles = Titles::of(catalog, &assessment.ladder.id);
    // A side that expects nothing has no step, and sits at the centre: it
    // does not make a stepped ladder one without steps.
    let placed = |side: &Side| side.rank.is_some() || !side.expected;
    let stepped = score.competencies.iter().all(|c| placed(&c.current) && placed(&c.target))
        && score.competencies.iter().any(|c| c.current.rank.is_some() || c.target.rank.is_some());
    let group = |id: &str| ladder.and_then(|l| l.competency(id)).and_then(|c| c.group.clone());
    let axes = score
        .competencies
        .iter()
        .map(|c| Axis { id: c.id.clone(), label: titles.get(&c.id).to_owned(), group: group(&c.id) })
        .collect();
    let value = |rank: Option<usize>| rank.unwrap_or(0) as f64;
    let (rings, ring_label, current, target, shown): (usize, _, Vec<f64>, Vec<f64>, Vec<f64>) = if stepped {
        let most = ladder.map_or(0, |l| l.competencies.iter().map(|c| c.steps.len()).max().unwrap_or(0));
        let seen = score.competencies.iter().flat_map(|c| [c.current.rank, c.target.rank]).flatten().max().unwrap_or(1);
        (
            most.max(seen),
            "step",
            score.competencies.iter().map(|c| value(c.current.rank)).collect(),
            score.competencies.iter().map(|c| value(c.target.rank)).collect(),
            score.competencies.iter().map(|c| value(c.held.as_ref().map(|h| h.rank))).collect(),
        )
    } else {
        let position = |id: &str| ladder.and_then(|l| l.level_index(id)).map(|i| i + 1);
        let now = position(&assessment.current).unwrap_or(1);
        let next = position(&assessment.target).unwrap_or(now + 1);
        let shown = score.competencies.iter().map(|c| {
            if c.target.met {
                next
            } else if c.current.met {
                now
            } else {
                now.saturating_sub(1)
            }
        });
        let at = |side: &Side, level: usize| if side.expected { level as f64 } else { 0.0 };
        (
            ladder.map_or(next, |l| l.levels.len()),
            "level",
            score.competencies.iter().map(|c| at(&c.current, now)).collect(),
            score.competencies.iter().map(|c| at(&c.target, next)).collect(),
            shown.map(|v| v as f64).collect(),
        )
    };
    Radar {
        title: format!(
            "{}: {} → {} ({}, {})",
            assessment.person,
            assessment.current,
            assessment.target,
            assessment.date,
            crate::view::ViewId::of(assessment)
        ),
        heading: false,
        axes,
        rings,
        ring_label,
        series: vec![
            Series { name: format!("Expected at {}", assessment.current), values: current, kind: "current" },
            Series { name: format!("Expected at {}", assessment.target), values: target, kind: "target" },
            Series { name: "Shown by the ratings".into(), values: shown, kind: "shown" },
        ],
    }
}
