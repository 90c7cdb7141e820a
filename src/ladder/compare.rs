//! What changes between two levels, competency by competency. Pure.

use serde::Serialize;

use super::LevelRef;
use crate::error::{Error, Result};

/// Which way a competency moves between two levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// The later level expects a higher step.
    Up,
    /// Both levels expect the same.
    Same,
    /// The later level expects a lower step.
    Down,
    /// The first level expects something, the second nothing: no longer
    /// expected, never a new ask.
    Dropped,
    /// Both levels expect the same step, in different words.
    Reworded,
}

/// One competency's change between two levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetencyChange {
    /// The competency id.
    pub id: String,
    /// The competency title.
    pub title: String,
    /// The step expected at the first level, when the competency has steps.
    pub from_step: Option<String>,
    /// The step expected at the second level.
    pub to_step: Option<String>,
    /// Up, same or down.
    pub change: Change,
    /// The second level's text, which says what the change asks for.
    pub to_text: String,
    /// The second level's items, when its cell holds several expectations.
    pub to_items: Vec<String>,
    /// Whether each level expects anything of the competency: `[from, to]`.
    pub expected: [bool; 2],
}

/// Every competency's change between two levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The first level's id.
    pub from: String,
    /// The first level's ladder id.
    pub from_ladder: String,
    /// The second level's id.
    pub to: String,
    /// The second level's ladder id.
    pub to_ladder: String,
    /// One entry per competency, in the first ladder's order.
    pub competencies: Vec<CompetencyChange>,
}

/// Compares two levels of one ladder, or of two ladders that share
/// competencies and steps.
///
/// # Errors
/// [`Error::Incompatible`] when the ladders differ in shape.
pub fn compare(from: LevelRef<'_>, to: LevelRef<'_>) -> Result<Comparison> {
    from.ladder.shares_shape_with(to.ladder).map_err(|reason| Error::Incompatible {
        from: from.qualified(),
        to: to.qualified(),
        reason,
    })?;
    let competencies = from
        .ladder
        .competencies
        .iter()
        .map(|competency| {
            let (_, before) = from.expectation(&competency.id).expect("checked by shares_shape_with");
            let (_, after) = to.expectation(&competency.id).expect("checked by shares_shape_with");
            let change = match (before.is_expected(), after.is_expected(), before.step, after.step) {
                (true, false, ..) => Change::Dropped,
                (false, false, ..) => Change::Same,
                // Expected from the second level on: a new ask, whichever way the levels lie.
                (false, true, ..) => Change::Up,
                (_, _, Some(a), Some(b)) if a == b && before.expected != after.expected => Change::Reworded,
                (_, _, Some(a), Some(b)) => direction(a.cmp(&b)),
                _ if before.expected == after.expected => Change::Same,
                _ if from.ladder.id == to.ladder.id && from.ladder.is_below(to.index, from.index) => Change::Down,
                _ => Change::Up,
            };
            CompetencyChange {
                id: competency.id.clone(),
                title: competency.title.clone(),
                from_step: competency.step_name(before.step).map(String::from),
                to_step: competency.step_name(after.step).map(String::from),
                change,
                to_text: after.text(),
                to_items: after.items().to_vec(),
                expected: [before.is_expected(), after.is_expected()],
            }
        })
        .collect();
    Ok(Comparison {
        from: from.level().id.clone(),
        from_ladder: from.ladder.id.clone(),
        to: to.level().id.clone(),
        to_ladder: to.ladder.id.clone(),
        competencies,
    })
}

fn direction(before_vs_after: std::cmp::Ordering) -> Change {
    match before_vs_after {
        std::cmp::Ordering::Less => Change::Up,
        std::cmp::Ordering::Equal => Change::Same,
        std::cmp::Ordering::Greater => Change::Down,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::catalog::Catalog;

    fn changes(from: &str, to: &str) -> Vec<(String, Change)> {
        let mut catalog = Catalog::builtin();
        let (a, b) = (catalog.find_level(from).unwrap(), catalog.find_level(to).unwrap());
        let comparison = compare(catalog.level(a), catalog.level(b)).unwrap();
        comparison.competencies.into_iter().map(|c| (c.id, c.change)).collect()
    }

    #[test]
    fn a_competency_expected_from_the_second_level_on_is_a_new_ask_whatever_the_file_order() {
        // A manager's level listed after the senior level it is compared with.
        let text = r#"
id = "two"
title = "Two"
version = "1"
[[competencies]]
id = "craft"
title = "Craft"
[[competencies]]
id = "hiring"
title = "Hiring"
[[competencies]]
id = "voice"
title = "Voice"
[[levels]]
id = "SE"
title = "Senior"
[levels.expectations]
craft = { text = "designs" }
hiring = { text = "runs the loop" }
voice = { text = "speaks up" }
[[levels]]
id = "EM"
title = "Manager"
[levels.expectations]
craft = { text = "designs" }
hiring = { none = true }
voice = { text = "speaks up" }
"#;
        let ladder = crate::ladder::parse::parse(text, "two.toml", crate::ladder::Source::BuiltIn).unwrap();
        let at = |index| LevelRef { ladder: &ladder, index };
        let change = |from, to, id: &str| {
            compare(at(from), at(to)).unwrap().competencies.into_iter().find(|c| c.id == id).unwrap().change
        };
        assert_eq!(change(1, 0, "hiring"), Change::Up, "EM → SE: hiring is asked anew");
        assert_eq!(change(0, 1, "hiring"), Change::Dropped);
    }

    #[test]
    fn tl4_to_tl5_rises_everywhere_but_people() {
        use Change::{Same, Up};
        let expected = [("technology", Up), ("system", Up), ("people", Same), ("process", Up), ("influence", Up)];
        assert_eq!(changes("TL4", "TL5"), expected.map(|(id, c)| (id.to_owned(), c)));
    }

    #[test]
    fn d4_to_tl4_goes_down_in_technology_and_influence_and_rewords_system() {
        use Change::{Down, Reworded, Up};
        // System: the same step in each ladder's own words.
        let expected =
            [("technology", Down), ("system", Reworded), ("people", Up), ("process", Up), ("influence", Down)];
        assert_eq!(changes("D4", "TL4"), expected.map(|(id, c)| (id.to_owned(), c)));
    }
}
