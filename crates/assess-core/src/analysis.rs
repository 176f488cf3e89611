//! Instrument analysis: reliability and item statistics from collected
//! responses.
//!
//! Formulas (DOMAIN.md, "Classical test theory"; R psych's `alpha` is the
//! reference, checked in tests/analysis.rs):
//! - Cronbach's alpha = k/(k − 1)·(1 − Σσᵢ²/σ_X²);
//! - standardised alpha = k·r̄/(1 + (k − 1)·r̄), r̄ the mean inter-item
//!   correlation; KR-20 is alpha for 0/1 items;
//! - item–rest correlation: item with the total of the other items;
//! - alpha if the item is dropped.
//!
//! Missing answers are handled listwise: a respondent counts for a scale
//! only when every item of the scale is answered (the count used is
//! reported as `n`).

use serde::Serialize;

use crate::instrument::{Instrument, Scoring};
use crate::responses::{Policy, ResponseSet, check};
use crate::score::item_score;

/// Alpha and item statistics of one scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleReliability {
    /// Scale identifier.
    pub scale: String,
    /// Respondents with every item of the scale answered.
    pub n: usize,
    /// Items.
    pub k: usize,
    /// Cronbach's alpha (KR-20 when every item is 0/1).
    pub alpha: f64,
    /// Standardised alpha.
    pub std_alpha: f64,
    /// Mean inter-item correlation.
    pub average_r: f64,
    /// Whether every item is scored 0/1, so alpha is KR-20.
    pub dichotomous: bool,
    /// Per item, in scale order.
    pub items: Vec<ItemStats>,
}

/// Statistics of one item within its scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemStats {
    /// Item identifier.
    pub item: String,
    /// Mean item score (proportion correct for 0/1 items).
    pub mean: f64,
    /// Sample standard deviation (n − 1).
    pub sd: f64,
    /// Correlation of the item with the total of the other items.
    pub item_rest: f64,
    /// Alpha of the scale without this item.
    pub alpha_if_dropped: f64,
}

/// Alpha and item statistics from a complete matrix (`rows` × `k`,
/// row-major) of item scores.
///
/// Returns `None` with fewer than 2 rows or 2 items, or when the total
/// score does not vary.
pub fn alpha_from_matrix(x: &[f64], rows: usize, k: usize) -> Option<AlphaStats> {
    if rows < 2 || k < 2 || x.len() != rows * k {
        return None;
    }
    let n = rows as f64;
    let mut mean = vec![0.0; k];
    for row in x.chunks_exact(k) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= n;
    }
    // Covariance matrix, n − 1 denominator.
    let mut c = vec![0.0; k * k];
    for row in x.chunks_exact(k) {
        for i in 0..k {
            let di = row[i] - mean[i];
            for j in i..k {
                c[i * k + j] += di * (row[j] - mean[j]);
            }
        }
    }
    for i in 0..k {
        for j in i..k {
            c[i * k + j] /= n - 1.0;
            c[j * k + i] = c[i * k + j];
        }
    }
    let trace: f64 = (0..k).map(|i| c[i * k + i]).sum();
    let total: f64 = c.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let kf = k as f64;
    let alpha = kf / (kf - 1.0) * (1.0 - trace / total);
    let mut r_sum = 0.0;
    for i in 0..k {
        for j in (i + 1)..k {
            let d = (c[i * k + i] * c[j * k + j]).sqrt();
            r_sum += if d > 0.0 { c[i * k + j] / d } else { 0.0 };
        }
    }
    let average_r = r_sum / (kf * (kf - 1.0) / 2.0);
    let std_alpha = kf * average_r / (1.0 + (kf - 1.0) * average_r);
    let items = (0..k)
        .map(|i| {
            let vi = c[i * k + i];
            let row_sum: f64 = (0..k).map(|j| c[i * k + j]).sum();
            let cov_rest = row_sum - vi;
            let var_rest = total - 2.0 * row_sum + vi;
            let item_rest = if vi > 0.0 && var_rest > 0.0 {
                cov_rest / (vi * var_rest).sqrt()
            } else {
                f64::NAN
            };
            let alpha_if_dropped = if k > 2 && var_rest > 0.0 {
                (kf - 1.0) / (kf - 2.0) * (1.0 - (trace - vi) / var_rest)
            } else {
                f64::NAN
            };
            (mean[i], vi.sqrt(), item_rest, alpha_if_dropped)
        })
        .collect();
    Some(AlphaStats {
        alpha,
        std_alpha,
        average_r,
        items,
    })
}

/// The numbers of [`alpha_from_matrix`].
#[derive(Clone, Debug, PartialEq)]
pub struct AlphaStats {
    /// Cronbach's alpha.
    pub alpha: f64,
    /// Standardised alpha.
    pub std_alpha: f64,
    /// Mean inter-item correlation.
    pub average_r: f64,
    /// Per item: mean, SD, item–rest correlation, alpha if dropped.
    pub items: Vec<(f64, f64, f64, f64)>,
}

/// Reliability of every item scale of `instrument` from `sets`, listwise
/// per scale. Answers with problems are ignored (checked with
/// [`Policy::Warn`]); sets on an unknown form are skipped.
pub fn reliability(instrument: &Instrument, sets: &[ResponseSet]) -> Vec<ScaleReliability> {
    let checked: Vec<_> = sets
        .iter()
        .filter_map(|s| check(instrument, s, Policy::Warn).ok())
        .collect();
    instrument
        .scales()
        .iter()
        .filter(|s| s.scoring() != Scoring::Composite)
        .filter_map(|s| {
            let k = s.items().len();
            let mut x = Vec::new();
            let mut rows = 0;
            for c in &checked {
                let row: Option<Vec<f64>> = s
                    .items()
                    .iter()
                    .map(|&i| c.values[i].map(|v| item_score(instrument, i, v)))
                    .collect();
                if let Some(row) = row {
                    x.extend(row);
                    rows += 1;
                }
            }
            let stats = alpha_from_matrix(&x, rows, k)?;
            let dichotomous = s.items().iter().all(|&i| {
                let it = &instrument.items()[i];
                crate::prec::exactly(it.min_score(), 0.0)
                    && crate::prec::exactly(it.max_score(), 1.0)
                    && it.options().iter().all(|o| {
                        crate::prec::exactly(o.score(), 0.0) || crate::prec::exactly(o.score(), 1.0)
                    })
            });
            Some(ScaleReliability {
                scale: s.id().to_owned(),
                n: rows,
                k,
                alpha: stats.alpha,
                std_alpha: stats.std_alpha,
                average_r: stats.average_r,
                dichotomous,
                items: s
                    .items()
                    .iter()
                    .zip(stats.items)
                    .map(|(&i, (mean, sd, item_rest, alpha_if_dropped))| ItemStats {
                        item: instrument.items()[i].id().to_owned(),
                        mean,
                        sd,
                        item_rest,
                        alpha_if_dropped,
                    })
                    .collect(),
            })
        })
        .collect()
}
