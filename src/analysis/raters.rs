//! The habits of one rater: leniency against the others, spread, and halo.
//!
//! - **Leniency**: over the units the rater and at least one other rated,
//!   the mean of (the rater's value − the mean of the other raters' values),
//!   with a 95% bootstrap interval. **Flagged** when the interval excludes 0
//!   and the leniency is at least [`FLAG_AT`] either way.
//! - **Spread**: the standard deviation of the rater's values (n − 1 in the
//!   denominator): a rater who gives everyone `meets` has 0.
//! - **Halo**: the mean correlation between competencies across the people
//!   the rater rated, when they rated at least [`HALO_PEOPLE`]: near 1 when
//!   one impression colours every competency.
//!
//! Pure.

use super::bootstrap::{Rng, mean_interval};

/// How far from the others, in steps of the rating scale, a rater must be
/// (with an interval that excludes 0) to be flagged.
pub const FLAG_AT: f64 = 0.5;

/// The fewest people a rater must have rated for a halo figure.
pub const HALO_PEOPLE: usize = 3;

/// A rater's leniency.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Leniency {
    /// The mean difference from the others; `None` without a shared unit.
    pub value: Option<f64>,
    /// The 95% interval's lower end.
    pub low: Option<f64>,
    /// Its upper end.
    pub high: Option<f64>,
    /// How many units it is computed over.
    pub units: usize,
}

impl Leniency {
    /// The leniency of a rater whose differences from the others, one per
    /// shared unit, are `differences`.
    pub fn of(differences: &[f64], rng: &mut Rng, resamples: usize) -> Self {
        let (value, bounds) = mean_interval(differences, rng, resamples);
        Leniency { value, low: bounds.map(|b| b.0), high: bounds.map(|b| b.1), units: differences.len() }
    }

    /// Whether the interval excludes 0 and the leniency reaches [`FLAG_AT`].
    pub fn flagged(&self) -> bool {
        let excludes_zero = matches!((self.low, self.high), (Some(low), Some(high)) if low > 0.0 || high < 0.0);
        excludes_zero && self.value.is_some_and(|v| v.abs() >= FLAG_AT)
    }
}

/// Each value's difference from the mean of the other values of its unit;
/// empty for a unit of fewer than two values.
pub fn differences(unit: &[f64]) -> Vec<f64> {
    if unit.len() < 2 {
        return Vec::new();
    }
    let sum: f64 = unit.iter().sum();
    let others = (unit.len() - 1) as f64;
    unit.iter().map(|v| v - (sum - v) / others).collect()
}

/// The sample standard deviation; `None` for fewer than two values.
pub fn spread(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let squares: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    Some((squares / (n - 1) as f64).sqrt())
}

/// Pearson's correlation of paired values; `None` for fewer than two pairs
/// or when either side does not vary.
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let (mx, my) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    (sxx > 1e-12 && syy > 1e-12).then(|| sxy / (sxx * syy).sqrt())
}

/// Halo: `people` holds, per person rated, a value per competency (`None`
/// where not rated; for a competency rated at two levels, their mean). The
/// mean of the correlations between every two competencies, over the people
/// who have both; `None` below [`HALO_PEOPLE`] people or when no two
/// competencies both vary.
pub fn halo(people: &[Vec<Option<f64>>]) -> Option<f64> {
    if people.len() < HALO_PEOPLE {
        return None;
    }
    let competencies = people.iter().map(Vec::len).max().unwrap_or(0);
    let mut correlations = Vec::new();
    for a in 0..competencies {
        for b in a + 1..competencies {
            let pairs: Vec<(f64, f64)> =
                people.iter().filter_map(|p| Some((p.get(a).copied()??, p.get(b).copied()??))).collect();
            if pairs.len() >= HALO_PEOPLE {
                correlations.extend(pearson(&pairs));
            }
        }
    }
    (!correlations.is_empty()).then(|| correlations.iter().sum::<f64>() / correlations.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_compare_each_value_with_the_mean_of_the_others() {
        assert_eq!(differences(&[4.0, 2.0, 3.0]), [1.5, -1.5, 0.0]);
        assert!(differences(&[3.0]).is_empty());
    }

    #[test]
    fn a_rater_one_step_above_everyone_is_flagged_and_a_noisy_one_is_not() {
        let mut rng = Rng::new(1, "lenient");
        let lenient = Leniency::of(&[1.0; 30], &mut rng, 1000);
        assert_eq!((lenient.value, lenient.units), (Some(1.0), 30));
        assert!(lenient.flagged());
        let noisy: Vec<f64> = (0..30).map(|i| if i % 2 == 0 { 1.0 } else { -0.8 }).collect();
        assert!(!Leniency::of(&noisy, &mut rng, 1000).flagged(), "its interval holds 0");
        let slight = Leniency::of(&[0.25; 30], &mut rng, 1000);
        assert!(!slight.flagged(), "consistent but small");
        assert!(!Leniency::of(&[2.0], &mut rng, 1000).flagged(), "one unit has no interval");
    }

    #[test]
    fn spread_is_zero_for_a_rater_who_gives_everyone_the_same() {
        assert_eq!(spread(&[3.0, 3.0, 3.0]), Some(0.0));
        assert_eq!(spread(&[1.0, 3.0]), Some(2.0_f64.sqrt()));
        assert_eq!(spread(&[1.0]), None);
    }

    #[test]
    fn halo_is_near_one_when_every_competency_moves_together() {
        let people = vec![
            vec![Some(1.0), Some(1.0), Some(2.0)],
            vec![Some(2.0), Some(2.0), Some(3.0)],
            vec![Some(4.0), Some(4.0), Some(4.5)],
        ];
        assert!((halo(&people).unwrap() - 0.998_118).abs() < 1e-6, "{:?}", halo(&people));
        let two = &people[..2];
        assert_eq!(halo(two), None, "fewer than three people");
        let flat = vec![vec![Some(3.0), Some(1.0)], vec![Some(3.0), Some(2.0)], vec![Some(3.0), Some(4.0)]];
        assert_eq!(halo(&flat), None, "a competency that does not vary correlates with nothing");
    }
}
