//! A seeded bootstrap: a small pseudo-random generator whose stream depends
//! only on a seed and a label, and the 95% percentile interval.
//!
//! Never seeded from the clock: the same data, seed and label always give
//! the same interval, so a committee can recompute a figure and a test can
//! pin one. Each statistic draws from its own labelled stream, so adding a
//! statistic, or computing them in another order, changes no other figure.

/// How many resamples every interval is made of, unless asked for more.
pub const RESAMPLES: usize = 1000;

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and good enough
/// for drawing resample indices.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The stream for `label` under `seed`.
    pub fn new(seed: u64, label: &str) -> Self {
        // FNV-1a of the label, mixed with the seed.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in label.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut rng = Rng(seed ^ hash.rotate_left(17));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (Lemire's multiply-shift; the bias is below 2⁻³²
    /// for any `n` a store can hold).
    pub fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }
}

/// Draws `count` numbers in `0..n`, two from each 64 random bits while `n`
/// fits in 32 bits (each half by multiply-shift: the bias is below n / 2³²,
/// a hundred-thousandth at 45,000 units), and hands each to `take`.
pub fn draws(rng: &mut Rng, n: usize, count: usize, mut take: impl FnMut(usize)) {
    let Ok(small) = u64::try_from(n).map(|n| n.min(u64::from(u32::MAX))) else { return };
    if small != n as u64 {
        (0..count).for_each(|_| take(rng.below(n)));
        return;
    }
    // `x * small >> 32` is below `small`, which is below 2³²: it fits a usize.
    #[allow(clippy::cast_possible_truncation)]
    let index = |half: u64| ((half * small) >> 32) as usize;
    for _ in 0..count / 2 {
        let bits = rng.next_u64();
        take(index(bits & 0xffff_ffff));
        take(index(bits >> 32));
    }
    if count % 2 == 1 {
        take(index(rng.next_u64() >> 32));
    }
}

/// The 95% percentile interval of bootstrap estimates: their 2.5th and
/// 97.5th percentiles, interpolated linearly between order statistics (as
/// numpy's default). `None` when there is no estimate.
pub fn interval(mut estimates: Vec<f64>) -> Option<(f64, f64)> {
    estimates.retain(|e| e.is_finite());
    if estimates.is_empty() {
        return None;
    }
    estimates.sort_by(f64::total_cmp);
    Some((quantile(&estimates, 0.025), quantile(&estimates, 0.975)))
}

/// The `q` quantile of sorted values, linearly interpolated.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor();
    let fraction = position - below;
    // `position` lies in 0..len, so the cast neither truncates nor wraps.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = below as usize;
    match sorted.get(i + 1) {
        Some(next) => sorted[i] + fraction * (next - sorted[i]),
        None => sorted[i],
    }
}

/// The mean of `values` and its bootstrap interval: `resamples` draws of as
/// many values, with replacement. The interval is `None` for fewer than two values.
pub fn mean_interval(values: &[f64], rng: &mut Rng, resamples: usize) -> (Option<f64>, Option<(f64, f64)>) {
    let n = values.len();
    if n == 0 {
        return (None, None);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (Some(mean), None);
    }
    let estimates = (0..resamples)
        .map(|_| {
            let mut sum = 0.0;
            draws(rng, n, n, |i| sum += values[i]);
            sum / n as f64
        })
        .collect();
    (Some(mean), interval(estimates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_label_give_the_same_stream_and_others_differ() {
        let draw = |seed, label| {
            let mut rng = Rng::new(seed, label);
            (0..5).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1, "alpha"), draw(1, "alpha"));
        assert_ne!(draw(1, "alpha"), draw(2, "alpha"));
        assert_ne!(draw(1, "alpha"), draw(1, "beta"));
    }

    #[test]
    fn draws_below_n_cover_every_index_evenly() {
        let mut rng = Rng::new(7, "even");
        let mut seen = [0u32; 6];
        for _ in 0..60_000 {
            seen[rng.below(6)] += 1;
        }
        assert!(seen.iter().all(|&n| (9_500..10_500).contains(&n)), "{seen:?}");
    }

    #[test]
    fn paired_draws_cover_every_index_evenly_and_count_exactly() {
        let mut rng = Rng::new(3, "pairs");
        let mut seen = [0u32; 7];
        draws(&mut rng, 7, 70_001, |i| seen[i] += 1);
        assert_eq!(seen.iter().sum::<u32>(), 70_001);
        assert!(seen.iter().all(|&n| (9_500..10_500).contains(&n)), "{seen:?}");
    }

    #[test]
    fn the_interval_takes_the_interpolated_percentiles() {
        let values: Vec<f64> = (0..=1000).map(f64::from).collect();
        assert_eq!(interval(values), Some((25.0, 975.0)));
        assert_eq!(interval(vec![f64::NAN]), None);
    }

    #[test]
    fn a_mean_of_constant_values_has_a_point_interval_and_noisy_ones_a_wider_one() {
        let mut rng = Rng::new(1, "mean");
        assert_eq!(mean_interval(&[1.0, 1.0, 1.0], &mut rng, 200), (Some(1.0), Some((1.0, 1.0))));
        let (mean, Some((low, high))) = mean_interval(&[0.0, 1.0, 0.0, 1.0], &mut rng, 500) else { panic!() };
        assert_eq!(mean, Some(0.5));
        assert!(low < 0.5 && high > 0.5, "{low} {high}");
        assert_eq!(mean_interval(&[2.0], &mut rng, 10), (Some(2.0), None));
    }
}
