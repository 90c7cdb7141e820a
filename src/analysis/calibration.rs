//! A calibration: every figure `rungs calibrate` shows, from the views in
//! scope, by the definitions pinned in docs/calibration.md so that anyone
//! can recompute them. The result serializes as `calibrate --format json`.
//!
//! Peers never appear by name: their values count in agreement, and their
//! leniency, spread and halo are shown pooled, as `peers (N)`, and only when
//! N reaches the anonymity floor. Pure.

use serde::Serialize;

use super::agreement::{Estimate, Metric, estimate};
use super::bootstrap::{Rng, mean_interval};
use super::coverage::{self, Distribution};
use super::kappa;
use super::raters::{Leniency, halo, spread};
use super::units::{Given, Units};
use crate::assessment::{Found, Relationship};
use crate::parallel::in_parallel;

/// The values of the scale, `not-yet` to `exceeds`.
const SCALE: [f64; 4] = [1.0, 2.0, 3.0, 4.0];

/// How to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The anonymity floor (at least [`crate::view::PEER_FLOOR`]).
    pub floor: usize,
    /// Leave self ratings out of `alpha` and the competencies' `alpha`.
    pub exclude_self: bool,
    /// The bootstrap's seed.
    pub seed: u64,
    /// Resamples per interval.
    pub resamples: usize,
}

/// What was looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The ladder id.
    pub ladder: String,
    /// The period's first day.
    pub since: chrono::NaiveDate,
    /// Its last day.
    pub until: chrono::NaiveDate,
    /// How many people.
    pub people: usize,
    /// How many views (the latest assessment of each) gave a value that
    /// counts: peers' views below the floor are not counted.
    pub views: usize,
    /// The anonymity floor.
    pub floor: usize,
    /// Whether `alpha` leaves self ratings out.
    pub exclude_self: bool,
    /// The bootstrap's seed.
    pub seed: u64,
    /// Resamples per interval.
    pub resamples: usize,
}

/// The figures of one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyFigures {
    /// The competency id.
    pub id: String,
    /// Agreement on it.
    pub alpha: Estimate,
    /// Self against the latest manager view; `null` without such pairs.
    pub kappa_self_manager: Option<f64>,
    /// The mean of (self − the mean of the others) over its units.
    pub self_other_gap: Option<f64>,
    /// How many people meet their target in it.
    pub ready: usize,
    /// The only person who meets the highest step expected of anyone in scope.
    pub single_holder: Option<String>,
    /// The competency's title.
    #[serde(skip)]
    pub title: String,
    /// The highest step expected of anyone, for the sentence about `single_holder`.
    #[serde(skip)]
    pub highest: Option<String>,
}

/// One rater's habits; peers pooled as `peers (N)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessor {
    /// The assessor, or `peers (N)`.
    pub assessor: String,
    /// Self, manager or peer.
    pub relationship: Relationship,
    /// The units rated together with someone else.
    pub units: usize,
    /// The mean of (their value − the mean of the others').
    pub leniency: Option<f64>,
    /// The 95% interval's lower end.
    pub low: Option<f64>,
    /// Its upper end.
    pub high: Option<f64>,
    /// The standard deviation of their values.
    pub spread: Option<f64>,
    /// The mean correlation between competencies across the people they rated.
    pub halo: Option<f64>,
    /// Whether the interval excludes 0 and |leniency| ≥ 0.5; never for a
    /// self view, whose leniency is the person's self–other gap.
    pub flagged: bool,
}

/// One person's self–other gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonGap {
    /// The person.
    pub person: String,
    /// The mean of (self − the mean of the others) over their units.
    pub self_other_gap: f64,
    /// How many units.
    pub units: usize,
}

/// Every figure; the pinned `calibrate --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// What was looked at.
    pub scope: Scope,
    /// How many units.
    pub units: usize,
    /// How many raters gave a value that counts.
    pub raters: usize,
    /// Krippendorff's alpha, ordinal, over every unit with two values.
    pub alpha: Estimate,
    /// The same without self ratings.
    pub alpha_others: Estimate,
    /// Per competency, in the ladder's order.
    pub competencies: Vec<CompetencyFigures>,
    /// Per rater, flagged first, then the farthest from 0.
    pub assessors: Vec<Assessor>,
    /// Values by current level and by relationship.
    pub distribution: Distribution,
    /// Self against the latest manager view, every competency together.
    pub kappa_self_manager: Option<f64>,
    /// Self − others over every unit, with its interval.
    pub self_other_gap: Estimate,
    /// Per person, the largest gap either way first.
    pub people: Vec<PersonGap>,
    /// Peer values left out below the anonymity floor.
    #[serde(skip)]
    pub peers_left_out: usize,
    /// How many people have a self or manager view: who coverage counts.
    #[serde(skip)]
    pub judged: usize,
}

/// Calibrates `views` (the latest of each view in scope) on `ladder`, whose
/// competencies are `(id, title)` in order.
pub fn calibrate(views: &[Found], competencies: &[(String, String)], scope: Scope, options: Options) -> Calibration {
    let ids: Vec<String> = competencies.iter().map(|(id, _)| id.clone()).collect();
    let table = Units::of(views, &ids, options.floor);
    let (alpha, alpha_others, mut per_competency) = alphas(&table, options);
    let pairs = coverage::self_manager_pairs(&table);
    let gaps = gaps(&table);
    let judged = coverage::judged(views, &table);
    let holders = coverage::holders(views, &judged, &table.competencies);
    let figures = (0..)
        .zip(&table.competencies)
        .map(|(c, id)| {
            let mine: Vec<(usize, usize)> = pairs.iter().filter(|p| p.0 == c).map(|p| p.1).collect();
            let gap: Vec<f64> = gaps.iter().filter(|g| g.competency == c).map(|g| g.gap).collect();
            let (ready, single_holder, highest) = holders[c as usize].clone();
            CompetencyFigures {
                id: id.clone(),
                alpha: per_competency.next().unwrap_or_default(),
                kappa_self_manager: kappa::quadratic(&mine, 4),
                self_other_gap: mean(&gap),
                ready,
                single_holder,
                title: competencies.iter().find(|(i, _)| i == id).map_or_else(|| id.clone(), |(_, t)| t.clone()),
                highest,
            }
        })
        .collect();
    let all_pairs: Vec<(usize, usize)> = pairs.iter().map(|p| p.1).collect();
    let all_gaps: Vec<f64> = gaps.iter().map(|g| g.gap).collect();
    let (value, bounds) = mean_interval(&all_gaps, &mut Rng::new(options.seed, "self_other_gap"), options.resamples);
    Calibration {
        units: table.units.len(),
        raters: table.raters.len(),
        alpha,
        alpha_others,
        competencies: figures,
        assessors: assessors(&table, options),
        distribution: coverage::distribution(&table, options.floor),
        kappa_self_manager: kappa::quadratic(&all_pairs, 4),
        self_other_gap: Estimate { value, low: bounds.map(|b| b.0), high: bounds.map(|b| b.1), units: all_gaps.len() },
        people: people(&table, &gaps),
        peers_left_out: table.peers_left_out,
        judged: judged.iter().filter(|j| j.is_some()).count(),
        scope: Scope { people: table.people.len(), views: table.views_heard(), ..scope },
    }
}

/// Every alpha with its interval: overall, without self ratings, and per
/// competency (in order); each from its own stream, on a few threads.
fn alphas(table: &Units, options: Options) -> (Estimate, Estimate, std::vec::IntoIter<Estimate>) {
    let is_self = |g: &Given| table.relationship(g) == Relationship::Myself;
    let main = |g: &Given| !(options.exclude_self && is_self(g));
    let counts = |c: Option<u32>, keep: &dyn Fn(&Given) -> bool| -> Vec<[u32; 4]> {
        let units = table.units.iter().filter(|u| c.is_none_or(|c| u.competency == c));
        units.map(|u| histogram(u.values.iter().filter(|g| keep(g)))).collect()
    };
    // With self ratings left out of `alpha` too, the two are one figure, so
    // they share one stream and never show two intervals for one value.
    let others = if options.exclude_self { "alpha" } else { "alpha_others" };
    let mut wanted =
        vec![("alpha".to_owned(), counts(None, &main)), (others.to_owned(), counts(None, &|g| !is_self(g)))];
    wanted.extend((0..).zip(&table.competencies).map(|(c, id)| (format!("alpha:{id}"), counts(Some(c), &main))));
    let one = |(label, units): &(String, Vec<[u32; 4]>)| {
        estimate(units, SCALE, Metric::Ordinal, &mut Rng::new(options.seed, label), options.resamples)
    };
    let mut all = in_parallel(&wanted, || (), |(), item| one(item)).into_iter();
    let (alpha, others) = (all.next().unwrap_or_default(), all.next().unwrap_or_default());
    (alpha, others, all)
}

/// How many times each value 1–4 was given.
fn histogram<'a>(values: impl Iterator<Item = &'a Given>) -> [u32; 4] {
    let mut counts = [0; 4];
    for g in values {
        counts[usize::from(g.value - 1)] += 1;
    }
    counts
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// One unit's self − the mean of the others.
struct UnitGap {
    person: u32,
    competency: u32,
    gap: f64,
}

/// The self–other gap of every unit with a self value and another.
fn gaps(table: &Units) -> Vec<UnitGap> {
    let mut out = Vec::new();
    for unit in &table.units {
        let (mine, others): (Vec<&Given>, Vec<&Given>) =
            unit.values.iter().partition(|g| table.relationship(g) == Relationship::Myself);
        if let (Some(own), false) = (mine.first(), others.is_empty()) {
            let others = others.iter().map(|g| f64::from(g.value)).sum::<f64>() / others.len() as f64;
            out.push(UnitGap { person: unit.person, competency: unit.competency, gap: f64::from(own.value) - others });
        }
    }
    out
}

/// Each person's mean gap, the largest either way first.
fn people(table: &Units, gaps: &[UnitGap]) -> Vec<PersonGap> {
    let mut sums = vec![(0.0, 0); table.people.len()];
    for g in gaps {
        let s = &mut sums[g.person as usize];
        *s = (s.0 + g.gap, s.1 + 1);
    }
    let mut out: Vec<PersonGap> = sums
        .into_iter()
        .zip(&table.people)
        .filter(|((_, n), _)| *n > 0)
        .map(|((sum, n), person)| PersonGap {
            person: person.clone(),
            self_other_gap: sum / f64::from(n),
            units: n as usize,
        })
        .collect();
    out.sort_by(|a, b| b.self_other_gap.abs().total_cmp(&a.self_other_gap.abs()).then_with(|| a.person.cmp(&b.person)));
    out
}

/// What one rater (or the peers together) gave: differences from the
/// others, every value, and values per person and competency for halo.
#[derive(Default)]
struct Habits {
    differences: Vec<f64>,
    values: Vec<f64>,
    /// Per person rated: per competency, the sum and count of values.
    people: std::collections::BTreeMap<u32, Vec<(f64, u32)>>,
}

/// What every rater gave, and the peers' together. A rater in `apart`
/// (flagged already) is left out of the others' baseline: a rater one step
/// high would otherwise pull each of two others half a step low, and flag
/// them too. Its own figures are kept from when it was flagged.
fn habits(table: &Units, apart: &[bool]) -> (Vec<Habits>, Habits) {
    let mut habits: Vec<Habits> = (0..table.raters.len()).map(|_| Habits::default()).collect();
    let mut peers = Habits::default();
    let competencies = table.competencies.len();
    for unit in &table.units {
        let values: Vec<f64> = unit.values.iter().map(|g| f64::from(g.value)).collect();
        let counted: Vec<f64> =
            unit.values.iter().zip(&values).filter(|(g, _)| !apart[g.rater as usize]).map(|(_, v)| *v).collect();
        let (sum, n) = (counted.iter().sum::<f64>(), counted.len());
        for (i, g) in unit.values.iter().enumerate() {
            let peer = table.relationship(g) == Relationship::Peer;
            let h = if peer { &mut peers } else { &mut habits[g.rater as usize] };
            if !apart[g.rater as usize] && n >= 2 {
                h.differences.push(values[i] - (sum - values[i]) / (n - 1) as f64);
            }
            h.values.push(values[i]);
            let cells = h.people.entry(unit.person).or_insert_with(|| vec![(0.0, 0); competencies]);
            let cell = &mut cells[unit.competency as usize];
            *cell = (cell.0 + values[i], cell.1 + 1);
        }
    }
    (habits, peers)
}

/// One rater's figures; `label` names the stream of its interval.
fn figures(h: &Habits, label: &str, assessor: String, relationship: Relationship, options: Options) -> Assessor {
    let leniency = Leniency::of(&h.differences, &mut Rng::new(options.seed, label), options.resamples);
    let people: Vec<Vec<Option<f64>>> = h
        .people
        .values()
        .map(|cells| cells.iter().map(|&(sum, n)| (n > 0).then(|| sum / f64::from(n))).collect())
        .collect();
    Assessor {
        assessor,
        relationship,
        units: leniency.units,
        leniency: leniency.value,
        low: leniency.low,
        high: leniency.high,
        spread: spread(&h.values),
        halo: if relationship == Relationship::Peer { None } else { halo(&people) },
        // A self rater rates one person, themselves: how far that is
        // from the others is their self–other gap, shown as such.
        flagged: relationship != Relationship::Myself && leniency.flagged(),
    }
}

/// Every rater's figures, peers pooled as `peers (N)` and only at the
/// floor; flagged first, then the farthest from 0.
///
/// Raters are flagged one at a time, the farthest from the others first;
/// each one flagged leaves the others' baseline before the next is looked
/// for, so that one lenient rater does not make the fair ones beside it
/// look harsh.
fn assessors(table: &Units, options: Options) -> Vec<Assessor> {
    let peer_raters = table.raters.iter().filter(|r| r.relationship == Relationship::Peer).count();
    let peers_shown = peer_raters > 0 && crate::view::peers_shown(peer_raters, options.floor);
    // The raters shown: each but a peer by index, and the peers as one.
    let mut shown: Vec<(String, String, Relationship, Option<usize>)> = Vec::new();
    for (i, rater) in table.raters.iter().enumerate() {
        if rater.relationship != Relationship::Peer {
            let label = format!("leniency:{}:{}", rater.relationship.name(), crate::text::slug(&rater.name));
            shown.push((label, rater.name.clone(), rater.relationship, Some(i)));
        }
    }
    if peers_shown {
        shown.push(("leniency:peers".to_owned(), format!("peers ({peer_raters})"), Relationship::Peer, None));
    }
    let mut apart = vec![false; table.raters.len()];
    let mut flagged: Vec<Assessor> = Vec::new();
    let mut done = vec![false; shown.len()];
    loop {
        let (habits, peers) = habits(table, &apart);
        let of = |index: Option<usize>| index.map_or(&peers, |i| &habits[i]);
        // The farthest from the others first, by the mean alone; only those
        // past the threshold get an interval, to see whether it holds 0.
        let mut candidates: Vec<(usize, f64)> = shown
            .iter()
            .enumerate()
            .filter(|(n, (_, _, relationship, _))| !done[*n] && *relationship != Relationship::Myself)
            .filter_map(|(n, (_, _, _, index))| {
                let d = &of(*index).differences;
                let mean = (!d.is_empty()).then(|| d.iter().sum::<f64>() / d.len() as f64)?;
                (mean.abs() >= super::raters::FLAG_AT).then_some((n, mean.abs()))
            })
            .collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let next = candidates.into_iter().find_map(|(n, _)| {
            let (label, name, relationship, index) = &shown[n];
            let figures = figures(of(*index), label, name.clone(), *relationship, options);
            figures.flagged.then_some((n, figures))
        });
        let Some((n, figures)) = next else {
            // No one more: the rest are figured against the final baseline.
            let rest: Vec<usize> = (0..shown.len()).filter(|n| !done[*n]).collect();
            let mut out = in_parallel(
                &rest,
                || (),
                |(), &n| {
                    let (label, name, relationship, index) = &shown[n];
                    figures(of(*index), label, name.clone(), *relationship, options)
                },
            );
            out.extend(flagged);
            out.sort_by(|a, b| {
                let far = |x: &Assessor| x.leniency.map_or(-1.0, f64::abs);
                b.flagged.cmp(&a.flagged).then(far(b).total_cmp(&far(a))).then_with(|| a.assessor.cmp(&b.assessor))
            });
            return out;
        };
        done[n] = true;
        match shown[n].3 {
            Some(i) => apart[i] = true,
            None => {
                for (i, rater) in table.raters.iter().enumerate() {
                    apart[i] |= rater.relationship == Relationship::Peer;
                }
            }
        }
        flagged.push(figures);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::units::tests::view;
    use crate::assessment::Rating::{Developing, Meets, NotYet};
    use crate::assessment::Relationship::{Manager, Myself, Peer};

    fn run(views: &[Found]) -> Calibration {
        let scope = Scope {
            ladder: "l".into(),
            since: "2026-01-01".parse().unwrap(),
            until: "2026-12-31".parse().unwrap(),
            people: 0,
            views: 0,
            floor: 3,
            exclude_self: false,
            seed: 1,
            resamples: 1000,
        };
        let options = Options { floor: 3, exclude_self: false, seed: 1, resamples: 1000 };
        calibrate(views, &[("technology".into(), "Technology".into())], scope, options)
    }

    #[test]
    fn peers_are_one_pooled_rater_and_a_self_rater_is_never_flagged() {
        let mut views = Vec::new();
        for person in ["Ann", "Bo", "Cy", "Di"] {
            views.push(view(person, Myself, person, [Meets, Developing]));
            views.push(view(person, Manager, "Kim", [Developing, NotYet]));
            for peer in ["P1", "P2", "P3"] {
                views.push(view(person, Peer, peer, [Developing, NotYet]));
            }
        }
        let c = run(&views);
        assert_eq!((c.scope.people, c.scope.views, c.raters), (4, 20, 8));
        let names: Vec<&str> = c.assessors.iter().map(|a| a.assessor.as_str()).collect();
        assert!(names.contains(&"peers (3)") && !names.iter().any(|n| n.starts_with('P')), "{names:?}");
        let ann = c.assessors.iter().find(|a| a.assessor == "Ann").unwrap();
        assert_eq!((ann.leniency, ann.low, ann.flagged), (Some(1.0), Some(1.0), false), "{ann:?}");
        let kim = c.assessors.iter().find(|a| a.assessor == "Kim").unwrap();
        assert_eq!((kim.leniency, kim.flagged), (Some(-0.25), false), "pulled a quarter step by Ann's views");
        assert_eq!(c.self_other_gap.value, Some(1.0));
        assert_eq!(c.people[0].self_other_gap, 1.0);
    }
}
