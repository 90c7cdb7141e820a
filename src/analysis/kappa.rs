//! Cohen's kappa with quadratic weights: how well two raters agree on an
//! ordered scale beyond chance, where a disagreement of two steps counts
//! four times one of one step.
//!
//! kappa = 1 − Σ w·O / Σ w·E over the k × k matrix of the pairs, with O the
//! observed proportions, E the products of the two raters' marginal
//! proportions, and w(i, j) = (i − j)² / (k − 1)². Every category is in the
//! matrix, given or not, so that kappa is comparable across groups. Pure.

/// Quadratic-weighted kappa of `pairs` of categories in `0..k`; `None` with
/// no pairs, or when chance alone would agree perfectly (both raters gave
/// one and the same category throughout).
pub fn quadratic(pairs: &[(usize, usize)], k: usize) -> Option<f64> {
    if pairs.is_empty() || k < 2 {
        return None;
    }
    let mut observed = vec![0.0; k * k];
    let (mut rows, mut columns) = (vec![0.0; k], vec![0.0; k]);
    for &(a, b) in pairs.iter().filter(|(a, b)| *a < k && *b < k) {
        observed[a * k + b] += 1.0;
        rows[a] += 1.0;
        columns[b] += 1.0;
    }
    let n: f64 = rows.iter().sum();
    let (mut disagreement, mut chance) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let weight = ((i as f64 - j as f64) / (k as f64 - 1.0)).powi(2);
            disagreement += weight * observed[i * k + j] / n;
            chance += weight * rows[i] * columns[j] / (n * n);
        }
    }
    (chance > 1e-12).then(|| 1.0 - disagreement / chance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_is_one() {
        assert_eq!(quadratic(&[(0, 0), (1, 1), (3, 3)], 4), Some(1.0));
    }

    #[test]
    fn a_worked_example_matches_the_formula_by_hand() {
        // O = [[1,1],[0,2]] / 4 on two categories: w = [[0,1],[1,0]].
        // Σ w·O = 1/4; rows (2,2)/4, columns (1,3)/4: Σ w·E = (2·3 + 2·1)/16 = 1/2.
        let kappa = quadratic(&[(0, 0), (0, 1), (1, 1), (1, 1)], 2).unwrap();
        assert!((kappa - 0.5).abs() < 1e-12, "{kappa}");
    }

    #[test]
    fn far_disagreements_weigh_more_than_near_ones() {
        let near = quadratic(&[(0, 1), (1, 2), (2, 3), (3, 3), (0, 0)], 4).unwrap();
        let far = quadratic(&[(0, 3), (1, 2), (2, 3), (3, 3), (0, 0)], 4).unwrap();
        assert!(far < near, "{far} {near}");
    }

    #[test]
    fn one_category_throughout_or_no_pairs_is_undefined() {
        assert_eq!(quadratic(&[(2, 2), (2, 2)], 4), None);
        assert_eq!(quadratic(&[], 4), None);
    }
}
