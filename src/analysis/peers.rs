//! Peer feedback, aggregated behind an anonymity floor. Pure.
//!
//! Several peers' views of one person are counted per competency and
//! level: how many peers rated the expectation, and how many gave each
//! rating. A cell rated by fewer peers than the floor shows no counts, and
//! a competency's evidence is shown only when at least the floor of peers
//! rated it. Nothing here carries a peer's name: the aggregate is built
//! from ratings and evidence alone, and evidence is sorted so that its
//! order says nothing about who wrote it.

use serde::Serialize;

use crate::assessment::shared::SharedPeers;
pub use crate::assessment::shared::{CompetencyCells, Counts, LevelCell};
use crate::assessment::{Assessment, Rating};

/// The aggregate of several peers' views: the pinned JSON of
/// `rungs report NAME --relationship peer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aggregate {
    /// The person assessed.
    pub person: String,
    /// Always `peer`.
    pub relationship: &'static str,
    /// The ladder the peers rated on.
    pub ladder: String,
    /// How many peers' views count (each peer's latest).
    pub raters: usize,
    /// The floor: cells rated by fewer peers show no counts.
    pub min_raters: usize,
    /// Per competency, per level.
    pub competencies: Vec<CompetencyCells>,
}

/// Aggregates each peer's latest view (one assessment per peer) of `person`.
pub fn aggregate(person: &str, ladder: &str, peers: &[&Assessment], min_raters: usize) -> Aggregate {
    let mut competencies: Vec<CompetencyCells> = Vec::new();
    for peer in peers {
        for id in peer.competencies() {
            if !competencies.iter().any(|c| c.id == id) {
                competencies.push(competency(id, peers, min_raters));
            }
        }
    }
    Aggregate {
        person: person.to_owned(),
        relationship: "peer",
        ladder: ladder.to_owned(),
        raters: peers.len(),
        min_raters,
        competencies,
    }
}

/// The cells of `aggregate` that pass its floor, for a record shared with
/// the person: a cell below the floor is left out, not even counted, and a
/// competency left with nothing is dropped; the evidence goes only `with_evidence`.
pub fn shared_cells(aggregate: &Aggregate, with_evidence: bool) -> Vec<CompetencyCells> {
    let floor = aggregate.min_raters;
    aggregate
        .competencies
        .iter()
        .map(|c| {
            let levels: Vec<LevelCell> = c
                .levels
                .iter()
                .filter(|cell| cell.ratings.is_some() && crate::view::peers_shown(cell.raters, floor))
                .cloned()
                .collect();
            // Evidence only beside a cell that passes the floor: a competency
            // too few peers rated keeps its words too.
            let evidence = if with_evidence && !levels.is_empty() { c.evidence.clone() } else { Vec::new() };
            CompetencyCells { id: c.id.clone(), levels, evidence }
        })
        .filter(|c| !c.levels.is_empty())
        .collect()
}

/// A shared record read back as an aggregate, behind its own floor and
/// `min_raters`, whichever is higher: a cell the higher floor hides shows
/// no counts, and evidence stays only where some cell still shows.
pub fn from_shared(shared: &SharedPeers, min_raters: usize) -> Aggregate {
    let floor = shared.floor.max(min_raters).max(crate::view::PEER_FLOOR as usize);
    let competencies = shared
        .competencies
        .iter()
        .map(|c| {
            let levels: Vec<LevelCell> = c
                .levels
                .iter()
                .map(|cell| LevelCell {
                    ratings: cell.ratings.filter(|_| crate::view::peers_shown(cell.raters, floor)),
                    ..cell.clone()
                })
                .collect();
            let shown = levels.iter().any(|cell| cell.ratings.is_some());
            let mut evidence = if shown { c.evidence.clone() } else { Vec::new() };
            evidence.sort();
            CompetencyCells { id: c.id.clone(), levels, evidence }
        })
        .collect();
    Aggregate {
        person: shared.person.clone(),
        relationship: "peer",
        ladder: shared.ladder.clone(),
        raters: shared.raters,
        min_raters: floor,
        competencies,
    }
}

fn competency(id: &str, peers: &[&Assessment], min_raters: usize) -> CompetencyCells {
    let mut levels: Vec<(String, Counts)> = Vec::new();
    for (level, rating) in peers.iter().flat_map(|p| once_per_level(p, id)) {
        match levels.iter_mut().find(|(l, _)| *l == level) {
            Some((_, counts)) => counts.add(rating),
            None => {
                let mut counts = Counts::default();
                counts.add(rating);
                levels.push((level.to_owned(), counts));
            }
        }
    }
    let rated_by = peers.iter().filter(|p| p.ratings_of(id).next().is_some()).count();
    let mut evidence: Vec<String> = if crate::view::peers_shown(rated_by, min_raters) {
        peers
            .iter()
            .filter_map(|p| p.ratings_of(id).map(|e| e.evidence.trim()).find(|e| !e.is_empty()))
            .map(String::from)
            .collect()
    } else {
        Vec::new()
    };
    evidence.sort();
    let levels = levels
        .into_iter()
        .map(|(level, counts)| {
            let raters = counts.total();
            LevelCell { level, raters, ratings: crate::view::peers_shown(raters, min_raters).then_some(counts) }
        })
        .collect();
    CompetencyCells { id: id.to_owned(), levels, evidence }
}

/// One peer's ratings of a competency, one per level (the last given), so
/// that a file repeating an entry still counts as one peer.
fn once_per_level<'a>(peer: &'a Assessment, id: &'a str) -> Vec<(&'a str, Rating)> {
    let mut mine: Vec<(&str, Rating)> = Vec::new();
    for entry in peer.ratings_of(id) {
        match mine.iter_mut().find(|(level, _)| *level == entry.level) {
            Some(slot) => slot.1 = entry.rating,
            None => mine.push((&entry.level, entry.rating)),
        }
    }
    mine
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assessment::{sample, sample_entry};

    fn peer(name: &str, ratings: &[(&str, &str, Rating)], evidence: &str) -> Assessment {
        let entries = ratings.iter().map(|(c, l, r)| {
            let mut e = sample_entry(c, l, 1, *r);
            e.evidence = evidence.to_owned();
            e
        });
        let mut a = sample("A", "B", entries.collect());
        a.assessor = name.to_owned();
        a
    }

    #[test]
    fn below_the_floor_no_counts_and_no_evidence_are_shown() {
        let ann = peer("Ann", &[("x", "A", Rating::Meets)], "Ann saw it");
        let bo = peer("Bo", &[("x", "A", Rating::Developing)], "Bo saw it");
        let agg = aggregate("P", "l", &[&ann, &bo], 3);
        assert_eq!(agg.competencies[0].levels[0].raters, 2);
        assert_eq!(agg.competencies[0].levels[0].ratings, None);
        assert!(agg.competencies[0].evidence.is_empty());
    }

    #[test]
    fn a_peer_who_repeats_an_entry_counts_once() {
        let repeated = [("x", "A", Rating::Meets), ("x", "A", Rating::Meets), ("x", "A", Rating::Exceeds)];
        let ann = peer("Ann", &repeated, "");
        let agg = aggregate("P", "l", &[&ann], 3);
        assert_eq!(agg.competencies[0].levels[0].raters, 1);
        assert_eq!(agg.competencies[0].levels[0].ratings, None);
    }

    #[test]
    fn at_the_floor_counts_and_sorted_evidence_are_shown_without_names() {
        let peers = [
            peer("Zed", &[("x", "A", Rating::Meets)], "zeta"),
            peer("Ann", &[("x", "A", Rating::Meets)], "alpha"),
            peer("Bo", &[("x", "A", Rating::NotYet)], ""),
        ];
        let refs: Vec<&Assessment> = peers.iter().collect();
        let agg = aggregate("P", "l", &refs, 3);
        let counts = agg.competencies[0].levels[0].ratings.unwrap();
        assert_eq!((counts.meets, counts.not_yet, counts.total()), (2, 1, 3));
        assert_eq!(agg.competencies[0].evidence, ["alpha", "zeta"]);
        let json = serde_json::to_string(&agg).unwrap();
        for name in ["Zed", "Ann", "Bo"] {
            assert!(!json.contains(name), "{json}");
        }
    }

    #[test]
    fn a_shared_aggregate_keeps_only_the_cells_at_the_floor_and_evidence_only_when_asked() {
        let peers = [
            peer("Ann", &[("x", "A", Rating::Meets), ("y", "A", Rating::Meets)], "alpha"),
            peer("Bo", &[("x", "A", Rating::Meets), ("y", "B", Rating::Meets)], "beta"),
            peer("Cy", &[("x", "A", Rating::Exceeds)], "gamma"),
        ];
        let refs: Vec<&Assessment> = peers.iter().collect();
        let agg = aggregate("P", "l", &refs, 3);
        let cells = shared_cells(&agg, false);
        assert_eq!(cells.len(), 1, "y is rated by two peers: left out, {cells:?}");
        assert_eq!((cells[0].id.as_str(), cells[0].levels.len()), ("x", 1));
        assert!(cells[0].evidence.is_empty());
        assert_eq!(shared_cells(&agg, true)[0].evidence, ["alpha", "beta", "gamma"]);
        let shared = SharedPeers {
            schema: crate::assessment::shared::SCHEMA,
            id: "p1".into(),
            date: "2026-06-01".parse().unwrap(),
            created_at: "2026-06-01T09:00:00+00:00".parse().unwrap(),
            person: "P".into(),
            author: "M".into(),
            ladder: "l".into(),
            floor: 3,
            raters: 3,
            competencies: shared_cells(&agg, true),
        };
        let seen = from_shared(&shared, 3);
        assert_eq!((seen.min_raters, seen.competencies[0].levels[0].ratings.map(|c| c.total())), (3, Some(3)));
        let higher = from_shared(&shared, 4);
        assert_eq!(higher.competencies[0].levels[0].ratings, None, "a higher floor hides the counts");
        assert!(higher.competencies[0].evidence.is_empty());
    }

    fn any_rating() -> impl Strategy<Value = Rating> {
        prop::sample::select(Rating::ALL.to_vec())
    }

    proptest! {
        /// No cell that shows counts is built from fewer peers than the floor,
        /// and the counts always add up to the peers who rated it.
        #[test]
        fn no_shown_cell_is_built_from_fewer_than_the_floor(
            views in prop::collection::vec(prop::collection::vec((0..3usize, 0..2usize, any_rating()), 0..6), 0..7),
            floor in 1..5usize,
        ) {
            // Entries may repeat within one file: a peer still counts once.
            let peers: Vec<Assessment> = views.iter().enumerate().map(|(i, ratings)| {
                let entries: Vec<(String, String, Rating)> = ratings.iter()
                    .map(|(c, l, r)| (format!("c{c}"), format!("L{l}"), *r)).collect();
                let refs: Vec<(&str, &str, Rating)> = entries.iter().map(|(c, l, r)| (c.as_str(), l.as_str(), *r)).collect();
                peer(&format!("peer{i}"), &refs, &format!("said by peer{i}"))
            }).collect();
            let refs: Vec<&Assessment> = peers.iter().collect();
            let agg = aggregate("P", "l", &refs, floor);
            for c in &agg.competencies {
                let rated_by = peers.iter().filter(|p| p.ratings_of(&c.id).next().is_some()).count();
                prop_assert!(c.evidence.is_empty() || rated_by >= floor);
                for cell in &c.levels {
                    let rated = peers.iter().filter(|p| p.ratings_of(&c.id).any(|e| e.level == cell.level)).count();
                    prop_assert_eq!(cell.raters, rated, "a cell counts each peer once");
                    if let Some(counts) = cell.ratings {
                        prop_assert!(cell.raters >= floor);
                        prop_assert_eq!(counts.total(), cell.raters);
                    }
                }
            }
        }
    }
}
