//! Reliability of one scale from the covariances of its item scores.
//!
//! - Cronbach's alpha (Cronbach, 1951): k/(k − 1)·(1 − Σσᵢ²/σ_X²), with
//!   σ_X² = ΣΣ cᵢⱼ; for 0/1 items this is KR-20 (Kuder & Richardson, 1937).
//! - Standardised alpha from the correlation matrix R:
//!   k/(k − 1)·(1 − k/ΣΣ rᵢⱼ) = k·r̄/(1 + (k − 1)·r̄).
//! - Guttman's (1945) lambda-6, with squared multiple correlations as the
//!   error-free part of each item: 1 − (k − Σ smcᵢ)/ΣΣ rᵢⱼ, smcᵢ =
//!   1 − 1/(R⁻¹)ᵢᵢ (R psych's `G6(smc)`).
//! - Confidence interval for alpha by Feldt (1965; Feldt, Woodruff & Salih,
//!   1987): 1 − (1 − α)·F_{1−γ/2}(n − 1, (n − 1)(k − 1)) and
//!   1 − (1 − α)·F_{γ/2}(…) (R psych's `alpha.ci`).
//! - Item–rest correlation and alpha if an item is dropped, from the same
//!   covariance matrix (R psych's `r.drop` and `alpha.drop`).
//!
//! Missing answers: listwise (complete rows only) or pairwise (each
//! covariance over the respondents who answered both items, as R's
//! `cov(x, use = "pairwise")`, which `psych::alpha` uses by default).

use serde::Serialize;

use super::Missing;
use super::dist::f_quantile;

/// Sums of one scale's item scores: per item and per pair.
pub(crate) struct Moments {
    pub(crate) k: usize,
    /// Respondents counted: complete rows (listwise) or rows with at
    /// least one answer (pairwise).
    pub(crate) n: usize,
    /// Rows with every item answered.
    pub(crate) complete: usize,
    /// Smallest number of respondents behind any covariance.
    pub(crate) min_pair: usize,
    /// Per item: respondents, mean, SD (n − 1).
    pub(crate) item_n: Vec<usize>,
    pub(crate) mean: Vec<f64>,
    /// Covariance matrix, k × k, n − 1 denominators.
    pub(crate) c: Vec<f64>,
}

/// Covariances of `x` (rows × k, `NaN` missing).
pub(crate) fn moments(x: &[f64], k: usize, missing: Missing) -> Moments {
    let kk = k * k;
    // Complete rows (the common case) go to per-item and per-pair sums
    // without bookkeeping; rows with gaps to per-pair counts and sums.
    let (mut c_sum, mut c_prod) = (vec![0.0; k], vec![0.0; kk]);
    let (mut cnt, mut si, mut sj, mut sij) = (
        vec![0usize; kk],
        vec![0.0; kk],
        vec![0.0; kk],
        vec![0.0; kk],
    );
    let (mut n, mut complete) = (0usize, 0usize);
    let mut present = Vec::with_capacity(k);
    for row in x.chunks_exact(k) {
        if row.iter().all(|v| !v.is_nan()) {
            complete += 1;
            n += 1;
            for i in 0..k {
                let xi = row[i];
                c_sum[i] += xi;
                let dst = &mut c_prod[i * k + i..(i + 1) * k];
                for (d, &xj) in dst.iter_mut().zip(&row[i..]) {
                    *d += xi * xj;
                }
            }
            continue;
        }
        if missing == Missing::Listwise {
            continue;
        }
        present.clear();
        present.extend((0..k).filter(|&i| !row[i].is_nan()));
        if present.is_empty() {
            continue;
        }
        n += 1;
        for (a, &i) in present.iter().enumerate() {
            let xi = row[i];
            for &j in &present[a..] {
                let xj = row[j];
                let p = i * k + j;
                cnt[p] += 1;
                si[p] += xi;
                sj[p] += xj;
                sij[p] += xi * xj;
            }
        }
    }
    for i in 0..k {
        for j in i..k {
            let p = i * k + j;
            cnt[p] += complete;
            si[p] += c_sum[i];
            sj[p] += c_sum[j];
            sij[p] += c_prod[p];
        }
    }
    let mut c = vec![f64::NAN; kk];
    let mut min_pair = usize::MAX;
    for i in 0..k {
        for j in i..k {
            let p = i * k + j;
            min_pair = min_pair.min(cnt[p]);
            if cnt[p] >= 2 {
                let m = cnt[p] as f64;
                let v = (sij[p] - si[p] * sj[p] / m) / (m - 1.0);
                c[p] = v;
                c[j * k + i] = v;
            }
        }
    }
    let item_n: Vec<usize> = (0..k).map(|i| cnt[i * k + i]).collect();
    let mean = (0..k)
        .map(|i| {
            let p = i * k + i;
            if cnt[p] > 0 {
                si[p] / cnt[p] as f64
            } else {
                f64::NAN
            }
        })
        .collect();
    Moments {
        k,
        n,
        complete,
        min_pair: if k == 0 { 0 } else { min_pair },
        item_n,
        mean,
        c,
    }
}

/// A confidence interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Coverage (0.95).
    pub level: f64,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
    /// How it was computed (`feldt`).
    pub method: &'static str,
}

/// Reliability of one scale. Fields are `None` where the statistic is
/// undefined (an item without variance, a singular correlation matrix,
/// fewer than two respondents).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleReliability {
    /// Respondents counted: with every item answered (listwise) or with at
    /// least one item answered (pairwise).
    pub n: usize,
    /// Respondents with every item of the scale answered.
    pub n_complete: usize,
    /// Smallest number of respondents behind any item covariance.
    pub min_pair_n: usize,
    /// Items.
    pub k: usize,
    /// Cronbach's alpha (KR-20 when every item is 0/1).
    pub alpha: Option<f64>,
    /// Feldt's confidence interval for alpha.
    pub alpha_ci: Option<Interval>,
    /// Standardised alpha.
    pub std_alpha: Option<f64>,
    /// Mean inter-item correlation.
    pub average_r: Option<f64>,
    /// Guttman's lambda-6 with squared multiple correlations (psych `G6(smc)`).
    pub lambda6: Option<f64>,
    /// Whether every item is scored 0/1, so that alpha is KR-20.
    pub kr20: bool,
    /// SD of the scale score, in the scale's own metric (sum or mean of
    /// item scores): √(ΣΣ cᵢⱼ), divided by k for mean-scored scales.
    pub sd: Option<f64>,
    /// Standard error of measurement SD·√(1 − alpha), same metric.
    pub sem: Option<f64>,
}

/// Per-item numbers from the covariance matrix.
pub(crate) struct ItemRel {
    pub(crate) item_rest: Option<f64>,
    pub(crate) alpha_if_dropped: Option<f64>,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Alpha, its interval, standardised alpha, lambda-6, SD and SEM, and the
/// item–rest correlations and alphas if dropped.
pub(crate) fn reliability(
    m: &Moments,
    kr20: bool,
    mean_metric: bool,
    level: f64,
) -> (ScaleReliability, Vec<ItemRel>) {
    let k = m.k;
    let c = &m.c;
    let kf = k as f64;
    let usable = k >= 2 && m.n >= 2 && c.iter().all(|v| v.is_finite());
    let trace: f64 = (0..k).map(|i| c[i * k + i]).sum();
    let total: f64 = c.iter().sum();
    let alpha = (usable && total > 0.0)
        .then(|| kf / (kf - 1.0) * (1.0 - trace / total))
        .and_then(finite);
    let variances_ok = usable && (0..k).all(|i| c[i * k + i] > 0.0);
    let r: Option<Vec<f64>> = variances_ok.then(|| {
        let mut r = vec![0.0; k * k];
        for i in 0..k {
            for j in 0..k {
                r[i * k + j] = if i == j {
                    1.0
                } else {
                    c[i * k + j] / (c[i * k + i] * c[j * k + j]).sqrt()
                };
            }
        }
        r
    });
    let sum_r = r.as_ref().map(|r| r.iter().sum::<f64>());
    let std_alpha = sum_r
        .map(|s| (1.0 - kf / s) * (kf / (kf - 1.0)))
        .and_then(finite);
    let average_r = sum_r.map(|s| (s - kf) / (kf * (kf - 1.0))).and_then(finite);
    let lambda6 = match (&r, sum_r) {
        (Some(r), Some(s)) => invert(r, k).and_then(|inv| {
            let smc: f64 = (0..k)
                .map(|i| (1.0 - 1.0 / inv[i * k + i]).clamp(0.0, 1.0))
                .sum();
            finite(1.0 - (kf - smc) / s)
        }),
        _ => None,
    };
    let alpha_ci = alpha.filter(|_| m.n >= 2).map(|a| {
        let (d1, d2) = ((m.n - 1) as f64, ((m.n - 1) * (k - 1)) as f64);
        let g = 1.0 - level;
        Interval {
            level,
            lower: 1.0 - (1.0 - a) * f_quantile(1.0 - g / 2.0, d1, d2),
            upper: 1.0 - (1.0 - a) * f_quantile(g / 2.0, d1, d2),
            method: "feldt",
        }
    });
    let scale = if mean_metric { kf } else { 1.0 };
    let sd = (usable && total > 0.0).then(|| total.sqrt() / scale);
    let sem = match (sd, alpha) {
        (Some(sd), Some(a)) if a <= 1.0 => Some(sd * (1.0 - a.max(0.0)).sqrt()),
        _ => None,
    };
    let items = (0..k)
        .map(|i| {
            if !usable {
                return ItemRel {
                    item_rest: None,
                    alpha_if_dropped: None,
                };
            }
            let vi = c[i * k + i];
            let row_sum: f64 = (0..k).map(|j| c[i * k + j]).sum();
            let v_drop = total - 2.0 * row_sum + vi;
            ItemRel {
                item_rest: (vi > 0.0 && v_drop > 0.0)
                    .then(|| (row_sum - vi) / (vi * v_drop).sqrt())
                    .and_then(finite),
                alpha_if_dropped: (k > 2 && v_drop > 0.0)
                    .then(|| (kf - 1.0) / (kf - 2.0) * (1.0 - (trace - vi) / v_drop))
                    .and_then(finite),
            }
        })
        .collect();
    (
        ScaleReliability {
            n: m.n,
            n_complete: m.complete,
            min_pair_n: m.min_pair,
            k,
            alpha,
            alpha_ci,
            std_alpha,
            average_r,
            lambda6,
            kr20,
            sd,
            sem,
        },
        items,
    )
}

/// Inverse of a k × k matrix by Gauss–Jordan elimination with partial
/// pivoting; `None` when it is (numerically) singular.
fn invert(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut m = a.to_vec();
    let mut inv = vec![0.0; k * k];
    for i in 0..k {
        inv[i * k + i] = 1.0;
    }
    for col in 0..k {
        let pivot =
            (col..k).max_by(|&x, &y| m[x * k + col].abs().total_cmp(&m[y * k + col].abs()))?;
        if m[pivot * k + col].abs() < 1e-13 {
            return None;
        }
        if pivot != col {
            for j in 0..k {
                m.swap(pivot * k + j, col * k + j);
                inv.swap(pivot * k + j, col * k + j);
            }
        }
        let p = m[col * k + col];
        for j in 0..k {
            m[col * k + j] /= p;
            inv[col * k + j] /= p;
        }
        for r in 0..k {
            if r != col {
                let f = m[r * k + col];
                if f != 0.0 {
                    for j in 0..k {
                        m[r * k + j] -= f * m[col * k + j];
                        inv[r * k + j] -= f * inv[col * k + j];
                    }
                }
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_of_a_small_matrix() {
        let a = [4.0, 7.0, 2.0, 6.0];
        let inv = invert(&a, 2).unwrap_or_default();
        // 1/10·[6 −7; −2 4]
        let want = [0.6, -0.7, -0.2, 0.4];
        for (g, w) in inv.iter().zip(want) {
            assert!((g - w).abs() < 1e-15);
        }
        assert!(invert(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
    }
}
