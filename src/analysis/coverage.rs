//! The parts of a calibration that look at people rather than raters:
//! self against manager pairs, who meets their target, single points of
//! failure, and the distribution of values, with groups below the
//! anonymity floor suppressed. Pure.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::peers::Counts;
use super::units::Units;
use crate::assessment::{Found, Rating, Relationship};
use crate::scoring::{Status, score};

/// Per unit rated by both a person's self view and their latest manager
/// view: the competency and the two values as categories 0–3.
pub fn self_manager_pairs(table: &Units) -> Vec<(u32, (usize, usize))> {
    let mut own = vec![None; table.people.len()];
    let mut manager: Vec<Option<(u32, crate::view::Order)>> = vec![None; table.people.len()];
    for (i, view) in (0..).zip(&table.views) {
        let p = view.person as usize;
        match view.relationship {
            Relationship::Myself => own[p] = Some(i),
            Relationship::Manager if manager[p].as_ref().is_none_or(|(_, o)| *o < view.order) => {
                manager[p] = Some((i, view.order));
            }
            _ => {}
        }
    }
    let mut pairs = Vec::new();
    for unit in &table.units {
        let p = unit.person as usize;
        let (Some(s), Some((m, _))) = (own[p], manager[p]) else { continue };
        let value = |view: u32| unit.values.iter().find(|g| g.view == view).map(|g| usize::from(g.value - 1));
        if let (Some(a), Some(b)) = (value(s), value(m)) {
            pairs.push((unit.competency, (a, b)));
        }
    }
    pairs
}

/// Per person, the view that says whether they meet their target: the
/// latest manager view, else the self view; `None` with neither.
pub fn judged(views: &[Found], table: &Units) -> Vec<Option<u32>> {
    let mut chosen: Vec<Option<(u32, bool, crate::view::Order)>> = vec![None; table.people.len()];
    for (i, (view, _)) in (0..).zip(table.views.iter().zip(views)) {
        let manager = match view.relationship {
            Relationship::Manager => true,
            Relationship::Myself => false,
            Relationship::Peer => continue,
        };
        let slot = &mut chosen[view.person as usize];
        if slot.as_ref().is_none_or(|&(_, m, o)| (manager, view.order) > (m, o)) {
            *slot = Some((i, manager, view.order));
        }
    }
    chosen.into_iter().map(|c| c.map(|(i, _, _)| i)).collect()
}

/// Per competency: how many people meet their target in it; the only
/// person who meets the highest step expected of anyone in scope, when
/// exactly one of two or more does; and that step's name.
pub fn holders(
    views: &[Found],
    judged: &[Option<u32>],
    competencies: &[String],
) -> Vec<(usize, Option<String>, Option<String>)> {
    let scores: Vec<_> =
        judged.iter().flatten().map(|&v| (&views[v as usize].1, score(&views[v as usize].1))).collect();
    competencies
        .iter()
        .map(|id| {
            let of = |s: &crate::scoring::Score| s.competency(id).cloned();
            let ready = scores.iter().filter(|(_, s)| of(s).is_some_and(|c| c.status == Status::Ready)).count();
            let highest =
                scores.iter().filter_map(|(_, s)| of(s)).filter_map(|c| Some((c.target.rank?, c.target.step))).max();
            let Some((rank, step)) = highest else { return (ready, None, None) };
            let holders: Vec<&str> = scores
                .iter()
                .filter(|(_, s)| of(s).and_then(|c| c.held).is_some_and(|h| h.rank >= rank))
                .map(|(a, _)| a.person.as_str())
                .collect();
            // Among fewer than two people, being the only one says nothing.
            let single = (holders.len() == 1 && scores.len() >= 2).then(|| holders[0].to_owned());
            (ready, single, step)
        })
        .collect()
}

/// One group of values: a current level, or a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The level id, or `self`, `manager`, `peer`.
    pub group: String,
    /// How many people the values are about; `null` when suppressed.
    pub people: Option<usize>,
    /// The values; `null` when suppressed.
    pub counts: Option<Counts>,
    /// Whether the group is about fewer people than the anonymity floor,
    /// and so not shown.
    pub suppressed: bool,
}

/// Values by current level and by relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Distribution {
    /// By the person's current level, as each view says it.
    pub by_level: Vec<Group>,
    /// By the rater's relationship to the person.
    pub by_relationship: Vec<Group>,
}

/// The distribution of the values of `table`, each group about fewer than
/// `floor` people suppressed.
pub fn distribution(table: &Units, floor: usize) -> Distribution {
    // A group too small to show must not be found by subtraction either:
    // every table counts the same ratings, so a suppressed group's ratings
    // leave the other table too, until no more groups are suppressed.
    let (mut hidden_levels, mut hidden_relationships) = (HashSet::new(), HashSet::new());
    loop {
        let mut levels: BTreeMap<&str, (Counts, HashSet<u32>)> = BTreeMap::new();
        let mut relationships: BTreeMap<u8, (Counts, HashSet<u32>)> = BTreeMap::new();
        for unit in &table.units {
            for g in &unit.values {
                let view = &table.views[g.view as usize];
                let (level, relationship) = (view.current.as_str(), order(view.relationship));
                // Every group has its row, shown or suppressed.
                let by_level = levels.entry(level).or_default();
                if !hidden_relationships.contains(&relationship) {
                    by_level.0.add(Rating::ALL[usize::from(g.value - 1)]);
                    by_level.1.insert(unit.person);
                }
                let by_relationship = relationships.entry(relationship).or_default();
                if !hidden_levels.contains(level) {
                    by_relationship.0.add(Rating::ALL[usize::from(g.value - 1)]);
                    by_relationship.1.insert(unit.person);
                }
            }
        }
        let small = |people: &HashSet<u32>| !crate::view::peers_shown(people.len(), floor);
        let more_levels: Vec<&str> =
            levels.iter().filter(|(l, (_, p))| small(p) && !hidden_levels.contains(*l)).map(|(l, _)| *l).collect();
        let more_relationships: Vec<u8> = relationships
            .iter()
            .filter(|(r, (_, p))| small(p) && !hidden_relationships.contains(*r))
            .map(|(r, _)| *r)
            .collect();
        if more_levels.is_empty() && more_relationships.is_empty() {
            let group = |name: String, (counts, people): (Counts, HashSet<u32>), hidden: bool| {
                let shown = !hidden && !small(&people);
                Group {
                    group: name,
                    people: shown.then_some(people.len()),
                    counts: shown.then_some(counts),
                    suppressed: !shown,
                }
            };
            return Distribution {
                by_level: levels
                    .into_iter()
                    .map(|(l, v)| {
                        let hidden = hidden_levels.contains(l);
                        group(l.to_owned(), v, hidden)
                    })
                    .collect(),
                by_relationship: relationships
                    .into_iter()
                    .map(|(r, v)| {
                        let name = crate::assessment::Relationship::ALL[usize::from(r)].name().to_owned();
                        group(name, v, hidden_relationships.contains(&r))
                    })
                    .collect(),
            };
        }
        hidden_levels.extend(more_levels);
        hidden_relationships.extend(more_relationships);
    }
}

/// The place of a relationship in [`Relationship::ALL`].
fn order(r: Relationship) -> u8 {
    match r {
        Relationship::Myself => 0,
        Relationship::Manager => 1,
        Relationship::Peer => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::units::tests::view;
    use crate::assessment::Rating::{Developing, Exceeds, Meets, NotYet};
    use crate::assessment::Relationship::{Manager, Myself};

    fn later(mut found: Found, date: &str) -> Found {
        found.1.date = date.parse().unwrap();
        found
    }

    #[test]
    fn self_is_paired_with_the_latest_manager_view_only() {
        let views = vec![
            view("Ann", Myself, "Ann", [Meets, Developing]),
            later(view("Ann", Manager, "Kim", [NotYet, NotYet]), "2026-11-25"),
            view("Ann", Manager, "Lee", [Exceeds, Exceeds]),
        ];
        let table = Units::of(&views, &["technology".to_owned()], 3);
        let pairs: Vec<(usize, usize)> = self_manager_pairs(&table).into_iter().map(|p| p.1).collect();
        assert_eq!(pairs, [(2, 0), (1, 0)], "Kim's view is the later one");
        assert_eq!(judged(&views, &table), [Some(1)], "the latest manager view judges");
    }

    #[test]
    fn the_only_person_meeting_the_highest_step_is_a_single_holder() {
        // TL5's step for technology is rank 3: only Bo meets it.
        let views = vec![
            view("Ann", Myself, "Ann", [Meets, Developing]),
            view("Bo", Myself, "Bo", [Meets, Meets]),
            view("Cy", Myself, "Cy", [Developing, NotYet]),
        ];
        let table = Units::of(&views, &["technology".to_owned()], 3);
        let found = holders(&views, &judged(&views, &table), &table.competencies);
        assert_eq!(found, [(1, Some("Bo".to_owned()), Some("step 3".to_owned()))]);
        let two = vec![views[0].clone(), views[1].clone(), view("Cy", Myself, "Cy", [Meets, Exceeds])];
        let table = Units::of(&two, &["technology".to_owned()], 3);
        assert_eq!(holders(&two, &judged(&two, &table), &table.competencies)[0].1, None, "two hold it");
        let alone = vec![views[1].clone()];
        let table = Units::of(&alone, &["technology".to_owned()], 3);
        assert_eq!(holders(&alone, &judged(&alone, &table), &table.competencies)[0].1, None, "a team of one");
    }

    #[test]
    fn a_group_of_fewer_people_than_the_floor_is_suppressed() {
        let views: Vec<Found> = ["Ann", "Bo", "Cy"].iter().map(|p| view(p, Myself, p, [Meets, Developing])).collect();
        let table = Units::of(&views, &[], 3);
        let shown = distribution(&table, 3);
        assert_eq!(shown.by_level[0].people, Some(3));
        assert_eq!(shown.by_level[0].counts.unwrap().all(), [0, 3, 3, 0]);
        let hidden = distribution(&table, 4);
        assert!(hidden.by_level[0].suppressed && hidden.by_level[0].counts.is_none());
    }
}
