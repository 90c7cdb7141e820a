//! Scoring's rules, case by case and as properties.

use super::*;
use proptest::prelude::*;

use crate::assessment::sample_entry as entry;

fn assessment(current: &str, target: &str, ratings: Vec<RatingEntry>) -> Assessment {
    crate::assessment::sample(current, target, ratings)
}

use Rating::{Developing, Exceeds, Meets, NotYet};

#[test]
fn target_met_is_ready() {
    let s = score(&assessment("A", "B", vec![entry("x", "A", 1, Meets), entry("x", "B", 2, Exceeds)]));
    assert_eq!(s.competencies[0].status, Status::Ready);
    assert!(s.ready);
}

#[test]
fn current_met_target_not_is_growing() {
    let s = score(&assessment("A", "B", vec![entry("x", "A", 1, Exceeds), entry("x", "B", 2, Developing)]));
    assert_eq!(s.competencies[0].status, Status::Growing);
    assert_eq!(s.gaps, ["x"]);
}

#[test]
fn nothing_met_is_below() {
    let s = score(&assessment("A", "B", vec![entry("x", "A", 1, Developing), entry("x", "B", 2, NotYet)]));
    assert_eq!(s.competencies[0].status, Status::Below);
    assert!(!s.ready);
}

#[test]
fn one_rating_covers_both_levels_when_the_step_is_the_same() {
    let s = score(&assessment("A", "B", vec![entry("x", "A", 2, Meets)]));
    assert_eq!(s.competencies[0].status, Status::Ready);
    assert_eq!(s.competencies[0].target.level, "A");
}

#[test]
fn gaps_list_below_before_growing() {
    let ratings = vec![
        entry("a", "A", 1, Meets),
        entry("a", "B", 2, NotYet),
        entry("b", "A", 1, NotYet),
        entry("b", "B", 2, NotYet),
        entry("c", "A", 1, Meets),
    ];
    let s = score(&assessment("A", "B", ratings));
    assert_eq!(s.gaps, ["b", "a"]);
    assert_eq!((s.ready_count, s.total), (1, 3));
}

#[test]
fn a_lower_target_step_is_a_surplus_met_through_the_higher_one() {
    // D4 → TL4 in Technology: current step 3, target step 2.
    let s = score(&assessment("D4", "TL4", vec![entry("t", "D4", 3, Meets), entry("t", "TL4", 2, Developing)]));
    let t = &s.competencies[0];
    assert!(t.surplus);
    assert_eq!(t.status, Status::Ready);
    assert!(t.target.met);
}

#[test]
fn meeting_a_higher_target_step_implies_the_current_one() {
    let s = score(&assessment("A", "B", vec![entry("x", "A", 1, Developing), entry("x", "B", 2, Meets)]));
    assert!(s.competencies[0].current.met);
    assert_eq!(s.competencies[0].status, Status::Ready);
}

#[test]
fn a_competency_the_target_expects_and_the_file_leaves_out_is_not_rated_and_not_ready() {
    let s = score(&assessment("A", "B", vec![entry("x", "B", 2, Meets)])).against(Some(&["x", "y", "z"]));
    assert_eq!(s.not_rated, ["y", "z"]);
    assert_eq!((s.ready, s.ready_count, s.total), (false, 1, 3));
    let empty = score(&assessment("A", "B", Vec::new())).against(Some(&["x"]));
    assert!(!empty.ready);
}

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

proptest! {
    #[test]
    fn raising_one_rating_never_lowers_the_ready_count(
        ratings in prop::collection::vec((rating(), rating(), 1usize..5, 0usize..2), 3..12),
        pick in any::<prop::sample::Index>(),
        second in any::<bool>(),
    ) {
        let build = |rs: &[(Rating, Rating, usize, usize)]| {
            let entries = rs.iter().enumerate().flat_map(|(i, (c, t, rank, up))| {
                let id = format!("c{i}");
                [entry(&id, "A", *rank, *c), entry(&id, "B", rank + up, *t)]
            });
            score(&assessment("A", "B", entries.collect()))
        };
        let before = build(&ratings);
        let mut raised = ratings.clone();
        let slot = &mut raised[pick.index(ratings.len())];
        let r = if second { &mut slot.1 } else { &mut slot.0 };
        *r = Rating::ALL[(*r as usize + 1).min(3)];
        let after = build(&raised);
        prop_assert!(after.ready_count >= before.ready_count);
        for (a, b) in before.competencies.iter().zip(&after.competencies) {
            prop_assert!(b.status >= a.status);
        }
    }

    #[test]
    fn ready_means_every_competency_ready_and_gaps_are_the_rest(
        ratings in prop::collection::vec((rating(), rating()), 3..12),
    ) {
        let entries = ratings.iter().enumerate().flat_map(|(i, (c, t))| {
            let id = format!("c{i}");
            [entry(&id, "A", 1, *c), entry(&id, "B", 2, *t)]
        });
        let s = score(&assessment("A", "B", entries.collect()));
        prop_assert_eq!(s.ready, s.gaps.is_empty());
        prop_assert_eq!(s.ready_count + s.gaps.len(), s.total);
        let statuses: Vec<Status> = s.gaps.iter().map(|g| s.competency(g).unwrap().status).collect();
        prop_assert!(statuses.windows(2).all(|w| w[0] <= w[1]));
    }
}
