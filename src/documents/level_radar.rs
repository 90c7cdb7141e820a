//! The radar of one level of a ladder: the step each competency expects,
//! drawn over the level below it, for the ladder page. Competencies of one
//! group sit side by side, so each group is one arc of the rim.
//!
//! Only competencies with steps have a place on it: a competency without
//! steps has words but no distance from the centre, and drawing it at some
//! invented value would claim a precision the ladder does not have. A level
//! with fewer than three such competencies has no radar, since two axes
//! make a line, not a shape; the page says so in words.

use crate::chart::{Axis, Radar, Series};
use crate::ladder::Ladder;

/// The fewest axes that make a shape.
pub const MIN_AXES: usize = 3;

/// The radar of level `index` of `ladder`: its expected steps, and the
/// level below it for comparison. `None` when fewer than [`MIN_AXES`]
/// competencies have steps, or there is no such level.
pub fn radar(ladder: &Ladder, index: usize) -> Option<Radar> {
    let level = ladder.levels.get(index)?;
    let mut stepped: Vec<usize> =
        (0..ladder.competencies.len()).filter(|&c| !ladder.competencies[c].steps.is_empty()).collect();
    // Each group's competencies side by side, groups in the order they
    // first appear, as the page lists them.
    let groups = ladder.groups();
    stepped.sort_by_key(|&c| {
        let group = ladder.competencies[c].group.as_deref();
        group.and_then(|g| groups.iter().position(|x| *x == g)).unwrap_or(groups.len())
    });
    if stepped.len() < MIN_AXES {
        return None;
    }
    let axes = stepped
        .iter()
        .map(|&c| {
            let c = &ladder.competencies[c];
            Axis { id: c.id.clone(), label: c.title.clone(), group: c.group.clone() }
        })
        .collect();
    // A cell that expects nothing sits at the centre.
    let values = |index: usize| -> Vec<f64> {
        let level = &ladder.levels[index];
        stepped
            .iter()
            .map(|&c| level.expectations.get(c).and_then(|e| e.step).map_or(0.0, |s| (s + 1) as f64))
            .collect()
    };
    let mut series = Vec::with_capacity(2);
    if let Some(below) = ladder.below(index) {
        let name = format!("Expected at {}", ladder.levels[below].id);
        series.push(Series { name, values: values(below), kind: "current" });
    }
    series.push(Series { name: format!("Expected at {}", level.id), values: values(index), kind: "level" });
    Some(Radar {
        title: format!("{} · {}: {}", ladder.title, level.id, level.title),
        heading: false,
        axes,
        rings: ladder.competencies.iter().map(|c| c.steps.len()).max().unwrap_or(1),
        ring_label: "step",
        series,
    })
}

/// The competencies a level's radar leaves out, because they have no steps.
pub fn left_out(ladder: &Ladder) -> Vec<&str> {
    ladder.competencies.iter().filter(|c| c.steps.is_empty()).map(|c| c.title.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Source, builtin::LADDERS, parse::parse};

    #[test]
    fn a_level_draws_its_steps_over_the_level_below() {
        let ladder = parse(LADDERS[1].1, "tech-lead", Source::BuiltIn).unwrap();
        let first = radar(&ladder, 0).unwrap();
        assert_eq!(first.series.len(), 1, "the lowest level has nothing below it");
        let second = radar(&ladder, 1).unwrap();
        assert_eq!(second.series.len(), 2);
        assert_eq!(second.axes.len(), ladder.competencies.len());
        let expected: Vec<f64> =
            ladder.levels[1].expectations.iter().map(|e| e.step.map_or(0.0, |s| (s + 1) as f64)).collect();
        assert_eq!(second.series[1].values, expected);
        assert!(radar(&ladder, ladder.levels.len()).is_none());
    }

    #[test]
    fn each_group_is_one_run_of_neighbouring_axes() {
        let path = format!("{}/tests/fixtures/ladders/real/long-names.toml", env!("CARGO_MANIFEST_DIR"));
        let ladder = parse(&std::fs::read_to_string(&path).unwrap(), &path, Source::BuiltIn).unwrap();
        let groups: Vec<Option<String>> = radar(&ladder, 0).unwrap().axes.into_iter().map(|a| a.group).collect();
        let runs = groups.windows(2).filter(|w| w[0] != w[1]).count() + 1;
        assert_eq!(runs, ladder.groups().len(), "{groups:?}");
        assert_eq!(groups[0].as_deref(), Some("People"), "groups in the order they first appear");
    }
}
