//! Krippendorff's alpha: how much raters agree beyond chance, for any number
//! of raters, with missing values, on a nominal, ordinal or interval scale.
//!
//! The computation follows Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability" (2011): a coincidence matrix of the pairable values
//! within each unit, its marginals, and alpha = 1 − D_o / D_e, the observed
//! over the expected disagreement under the chosen metric. A unit with fewer
//! than two values pairs with nothing and does not count.
//!
//! Pure: values in, numbers out. Which values form a unit is the caller's
//! definition ([`super::calibration`]).

use std::collections::HashMap;

use serde::Serialize;

use super::bootstrap::{Rng, draws, interval};

/// How far apart two values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Any two different values disagree as much.
    Nominal,
    /// Values are ordered; the distance between two grows with how many
    /// values were given between them (ranks, not numbers).
    Ordinal,
    /// Values are numbers; the distance is their squared difference.
    Interval,
}

/// A coincidence matrix over the categories `values` (sorted, distinct).
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    values: Vec<f64>,
    /// Row-major, `values.len()` squared.
    o: Vec<f64>,
}

impl Coincidences {
    /// An empty matrix over `values`, which must be sorted and distinct.
    pub fn new(values: Vec<f64>) -> Self {
        let k = values.len();
        Coincidences { values, o: vec![0.0; k * k] }
    }

    /// Adds one unit, given as how many times each category was given in it,
    /// `weight` times. A unit of fewer than two values adds nothing.
    pub fn add(&mut self, counts: &[u32], weight: f64) {
        let m: u32 = counts.iter().sum();
        if m < 2 {
            return;
        }
        let k = self.values.len();
        let scale = weight / f64::from(m - 1);
        for (c, &nc) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            for (d, &nd) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let pairs = if c == d { nc * (nc - 1) } else { nc * nd };
                self.o[c * k + d] += f64::from(pairs) * scale;
            }
        }
    }

    /// Adds another matrix over the same categories, `weight` times.
    fn add_matrix(&mut self, other: &Coincidences, weight: f64) {
        for (mine, theirs) in self.o.iter_mut().zip(&other.o) {
            *mine += weight * theirs;
        }
    }

    /// Alpha under `metric`; `None` when no two values pair, or when every
    /// value given is the same (there is no disagreement to expect).
    pub fn alpha(&self, metric: Metric) -> Option<f64> {
        let k = self.values.len();
        let marginals: Vec<f64> = (0..k).map(|c| self.o[c * k..(c + 1) * k].iter().sum()).collect();
        let n: f64 = marginals.iter().sum();
        if n <= 1.0 {
            return None;
        }
        let (mut observed, mut expected) = (0.0, 0.0);
        for c in 0..k {
            for d in 0..k {
                let delta = self.distance(metric, &marginals, c, d);
                observed += self.o[c * k + d] * delta;
                expected += marginals[c] * marginals[d] * delta;
            }
        }
        let expected = expected / (n - 1.0);
        (expected > 1e-12).then(|| 1.0 - observed / expected)
    }

    /// The squared distance between categories `c` and `d`.
    fn distance(&self, metric: Metric, marginals: &[f64], c: usize, d: usize) -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != d)),
            Metric::Interval => (self.values[c] - self.values[d]).powi(2),
            Metric::Ordinal => {
                let (low, high) = (c.min(d), c.max(d));
                let between: f64 = marginals[low..=high].iter().sum();
                (between - (marginals[c] + marginals[d]) / 2.0).powi(2)
            }
        }
    }
}

/// Alpha of units given as the values each received (missing values left
/// out), under `metric`.
pub fn alpha(units: &[Vec<f64>], metric: Metric) -> Option<f64> {
    let mut values: Vec<f64> = units.iter().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let mut matrix = Coincidences::new(values);
    for unit in units {
        let mut counts = vec![0; matrix.values.len()];
        for v in unit {
            if let Ok(i) = matrix.values.binary_search_by(|x| x.total_cmp(v)) {
                counts[i] += 1;
            }
        }
        matrix.add(&counts, 1.0);
    }
    matrix.alpha(metric)
}

/// An agreement figure with its 95% bootstrap interval; the pinned
/// `{ value, low, high, units }` of `calibrate --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Estimate {
    /// The figure; `null` when it cannot be computed.
    pub value: Option<f64>,
    /// The interval's lower end.
    pub low: Option<f64>,
    /// Its upper end.
    pub high: Option<f64>,
    /// How many units it is computed over (those with at least two values).
    pub units: usize,
}

/// Alpha over units given as counts per category (`K` categories whose
/// values are `values`), with a 95% interval from `resamples` bootstrap
/// resamples of the units that have at least two values.
///
/// Units with the same counts add the same to the matrix, so a resample is
/// counted per pattern of counts: a few dozen patterns, however many units.
pub fn estimate<const K: usize>(
    units: &[[u32; K]],
    values: [f64; K],
    metric: Metric,
    rng: &mut Rng,
    resamples: usize,
) -> Estimate {
    let mut patterns: Vec<Coincidences> = Vec::new();
    let mut index: HashMap<[u32; K], usize> = HashMap::new();
    let mut of_unit: Vec<u32> = Vec::new();
    for counts in units.iter().filter(|c| c.iter().sum::<u32>() >= 2) {
        let next = patterns.len();
        let i = *index.entry(*counts).or_insert(next);
        if i == next {
            let mut matrix = Coincidences::new(values.to_vec());
            matrix.add(counts, 1.0);
            patterns.push(matrix);
        }
        of_unit.push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    let total = |weights: &[f64]| {
        let mut matrix = Coincidences::new(values.to_vec());
        for (pattern, &w) in patterns.iter().zip(weights) {
            if w > 0.0 {
                matrix.add_matrix(pattern, w);
            }
        }
        matrix
    };
    let mut weights = vec![0.0; patterns.len()];
    for &i in &of_unit {
        weights[i as usize] += 1.0;
    }
    let value = total(&weights).alpha(metric);
    let n = of_unit.len();
    let bounds = if value.is_some() && n >= 2 {
        let estimates = (0..resamples)
            .filter_map(|_| {
                weights.iter_mut().for_each(|w| *w = 0.0);
                draws(rng, n, n, |i| weights[of_unit[i] as usize] += 1.0);
                total(&weights).alpha(metric)
            })
            .collect();
        interval(estimates)
    } else {
        None
    };
    Estimate { value, low: bounds.map(|b| b.0), high: bounds.map(|b| b.1), units: n }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's reliability data (2011, p. 3): 4 observers × 12 units,
    /// values 1–5, `None` where an observer gave none.
    fn published() -> Vec<Vec<f64>> {
        let rows: [[Option<u8>; 12]; 4] = [
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), None, None, None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), None, Some(3)],
            [None, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), None],
        ];
        (0..12).map(|u| rows.iter().filter_map(|r| r[u]).map(f64::from).collect()).collect()
    }

    fn round3(x: Option<f64>) -> f64 {
        (x.unwrap() * 1000.0).round() / 1000.0
    }

    #[test]
    fn krippendorffs_published_example_reproduces_0_743_0_815_0_849() {
        let units = published();
        assert_eq!(round3(alpha(&units, Metric::Nominal)), 0.743);
        assert_eq!(round3(alpha(&units, Metric::Ordinal)), 0.815);
        assert_eq!(round3(alpha(&units, Metric::Interval)), 0.849);
    }

    #[test]
    fn the_pattern_bootstrap_gives_the_same_point_figure_as_the_direct_one() {
        let units = published();
        let counts: Vec<[u32; 5]> = units
            .iter()
            .map(|u| {
                let mut c = [0; 5];
                for v in u {
                    c[*v as usize - 1] += 1;
                }
                c
            })
            .collect();
        let mut rng = Rng::new(1, "test");
        let e = estimate(&counts, [1.0, 2.0, 3.0, 4.0, 5.0], Metric::Ordinal, &mut rng, 1000);
        assert_eq!(e.units, 11, "the unit of one value does not count");
        assert_eq!(e.value, alpha(&units, Metric::Ordinal));
        let (low, high) = (e.low.unwrap(), e.high.unwrap());
        assert!(low < 0.815 && 0.815 < high && high <= 1.0, "{e:?}");
    }

    #[test]
    fn perfect_agreement_is_one_and_no_variation_is_undefined() {
        let agree = vec![vec![1.0, 1.0], vec![2.0, 2.0], vec![4.0, 4.0]];
        assert_eq!(alpha(&agree, Metric::Ordinal), Some(1.0));
        assert_eq!(alpha(&[vec![3.0, 3.0], vec![3.0, 3.0]], Metric::Ordinal), None);
        assert_eq!(alpha(&[vec![3.0], vec![2.0]], Metric::Ordinal), None, "nothing pairs");
    }

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let units = vec![vec![1.0, 4.0], vec![4.0, 1.0], vec![1.0, 4.0], vec![4.0, 1.0]];
        assert!(alpha(&units, Metric::Interval).unwrap() < 0.0);
    }
}
