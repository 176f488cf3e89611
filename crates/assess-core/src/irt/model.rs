//! The item response functions: category probabilities (and their logs,
//! accurate far into the tails), the derivatives of the log probabilities,
//! and Fisher information, for the 1PL–4PL, the graded response model and
//! the generalised partial credit model. Pure formulas, as free functions;
//! the estimators in `estimate` and the adaptive tests in `cat` are built on
//! them.

use serde::{Deserialize, Serialize};

use crate::instrument::IrtParams;
use crate::support::math::{exp, ln, ln_1p, log_sum_exp, logistic};
use crate::support::prec::{MIN_INFORMATION, exactly};

/// ln(logistic(z)), without overflow or underflow.
#[inline]
fn log_logistic(z: f64) -> f64 {
    // ln L(z) = −ln(1 + e^(−z)).
    if z >= 0.0 {
        -ln_1p(exp(-z))
    } else {
        z - ln_1p(exp(z))
    }
}

/// Number of response categories of an item.
pub fn categories(p: &IrtParams) -> usize {
    match p {
        IrtParams::Dichotomous { .. } => 2,
        IrtParams::Graded { d, .. } | IrtParams::PartialCredit { d, .. } => d.len() + 1,
    }
}

/// Probability of each category at θ, lowest category first; they sum to 1.
///
/// # Example
///
/// ```
/// use assess_core::{IrtParams, irt::category_probabilities};
/// let grm = IrtParams::Graded { a: 1.5, d: vec![2.0, 0.0, -2.0] };
/// let p = category_probabilities(&grm, 0.3);
/// assert_eq!(p.len(), 4);
/// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// ```
pub fn category_probabilities(p: &IrtParams, theta: f64) -> Vec<f64> {
    (0..categories(p))
        .map(|k| exp(log_probability(p, theta, k)))
        .collect()
}

/// The expected item score at θ: Σ_k P(k | θ)·`scores[k]`, with `scores`
/// the item's possible scores, lowest first, one per category (its true
/// score at θ; the item's part of an expected domain score, Bock, Thissen
/// & Zimowski 1997). For a 0/1 item scored 0 and 1 this is P(1 | θ). A
/// category without a score in `scores` adds nothing.
///
/// # Example
///
/// ```
/// use assess_core::{IrtModel, IrtParams, irt::expected_score};
/// // 3PL at θ = b: c + (1 − c)/2.
/// let item = IrtParams::Dichotomous { model: IrtModel::ThreePl, a: 1.5, d: -1.5, c: 0.2, u: 1.0 };
/// assert!((expected_score(&item, 1.0, &[0.0, 1.0]) - 0.6).abs() < 1e-15);
/// ```
pub fn expected_score(p: &IrtParams, theta: f64, scores: &[f64]) -> f64 {
    scores
        .iter()
        .enumerate()
        .map(|(k, s)| s * exp(log_probability(p, theta, k)))
        .sum()
}

/// ln P(category k | θ), accurate far into the tails (no `ln(0)` where the
/// model's probability is positive). A category outside the item's range
/// has probability 0 (−∞).
///
/// # Example
///
/// ```
/// use assess_core::{IrtModel, IrtParams, irt::log_probability};
/// let item = IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 2.0, d: 0.0, c: 0.0, u: 1.0 };
/// // Far below the item, a right answer is very unlikely but not ln(0).
/// let lp = log_probability(&item, -400.0, 1);
/// assert!((lp - (-800.0)).abs() < 1e-9);
/// ```
pub fn log_probability(p: &IrtParams, theta: f64, k: usize) -> f64 {
    match p {
        IrtParams::Dichotomous { a, d, c, u, .. } => {
            let z = a * theta + d;
            match k {
                1 => {
                    if exactly(*c, 0.0) {
                        ln(*u) + log_logistic(z)
                    } else {
                        ln(c + (u - c) * logistic(z))
                    }
                }
                0 => {
                    if exactly(*u, 1.0) {
                        ln(1.0 - c) + log_logistic(-z)
                    } else {
                        ln((1.0 - u) + (u - c) * logistic(-z))
                    }
                }
                _ => f64::NEG_INFINITY,
            }
        }
        IrtParams::Graded { a, d } => {
            let n = d.len();
            if k > n {
                return f64::NEG_INFINITY;
            }
            // P_k = S_k − S_{k+1}, S_k = L(a·θ + d_{k−1}), S_0 = 1, S_{n+1} = 0.
            // With z_k > z_{k+1}: P_k = L(z_k)·L(−z_{k+1})·(1 − e^(d_k − d_{k−1})).
            let at = a * theta;
            match (k, n) {
                (0, _) => log_logistic(-(at + d[0])),
                (k, n) if k == n => log_logistic(at + d[n - 1]),
                (k, _) => {
                    log_logistic(at + d[k - 1])
                        + log_logistic(-(at + d[k]))
                        + ln_1p(-exp(d[k] - d[k - 1]))
                }
            }
        }
        IrtParams::PartialCredit { a, d } => {
            if k > d.len() {
                return f64::NEG_INFINITY;
            }
            let z = gpcm_logits(*a, d, theta);
            z[k] - log_sum_exp(&z)
        }
    }
}

/// z_k = Σ_{v≤k} (a·θ + d_v), z_0 = 0 (Muraki 1992).
fn gpcm_logits(a: f64, d: &[f64], theta: f64) -> Vec<f64> {
    let mut z = Vec::with_capacity(d.len() + 1);
    let mut acc = 0.0;
    z.push(0.0);
    for dv in d {
        acc += a * theta + dv;
        z.push(acc);
    }
    z
}

/// The first and second derivatives of ln P(k | θ) with respect to θ.
pub(super) fn log_prob_derivatives(p: &IrtParams, theta: f64, k: usize) -> (f64, f64) {
    match p {
        IrtParams::Dichotomous { a, d, c, u, .. } => {
            let l = logistic(a * theta + d);
            if k == 1 {
                // r = (u − c)·L / P, the share of P that moves with θ.
                let r = if exactly(*c, 0.0) {
                    1.0
                } else {
                    (u - c) * l / (c + (u - c) * l)
                };
                let d1 = a * (1.0 - l) * r;
                (d1, a * a * (1.0 - l) * (1.0 - 2.0 * l) * r - d1 * d1)
            } else {
                let s = if exactly(*u, 1.0) {
                    1.0
                } else {
                    (u - c) * (1.0 - l) / ((1.0 - u) + (u - c) * (1.0 - l))
                };
                let d1 = -a * l * s;
                (d1, -a * a * l * (1.0 - 2.0 * l) * s - d1 * d1)
            }
        }
        IrtParams::Graded { .. } => {
            let (pk, p1, p2) = graded_terms(p, theta, k);
            let pk = pk.max(f64::MIN_POSITIVE);
            let d1 = p1 / pk;
            (d1, p2 / pk - d1 * d1)
        }
        IrtParams::PartialCredit { a, d } => {
            let (mean, var, _) = gpcm_moments(*a, d, theta);
            (a * (k as f64 - mean), -a * a * var)
        }
    }
}

/// P_k, P_k′ and P_k″ of a graded-response item.
fn graded_terms(p: &IrtParams, theta: f64, k: usize) -> (f64, f64, f64) {
    let IrtParams::Graded { a, d } = p else {
        return (0.0, 0.0, 0.0);
    };
    // S_j and its derivatives, for the boundary j ∈ {k, k+1}.
    let s = |j: usize| -> (f64, f64, f64) {
        if j == 0 {
            (1.0, 0.0, 0.0)
        } else if j > d.len() {
            (0.0, 0.0, 0.0)
        } else {
            // L and 1 − L each from its own logistic: near a boundary far
            // below θ, 1 − L computed as a difference keeps only a few
            // digits, and P_k′ = S_k′ − S_{k+1}′ then loses the rest.
            let z = a * theta + d[j - 1];
            let (l, q) = (logistic(z), logistic(-z));
            let w = l * q;
            (l, a * w, a * a * w * (q - l))
        }
    };
    let (_, lo1, lo2) = s(k);
    let (_, hi1, hi2) = s(k + 1);
    (exp(log_probability(p, theta, k)), lo1 - hi1, lo2 - hi2)
}

/// Mean, variance and third central moment of the category under the GPCM.
fn gpcm_moments(a: f64, d: &[f64], theta: f64) -> (f64, f64, f64) {
    let z = gpcm_logits(a, d, theta);
    let lse = log_sum_exp(&z);
    let probs: Vec<f64> = z.iter().map(|&zk| exp(zk - lse)).collect();
    let mean: f64 = probs.iter().enumerate().map(|(k, p)| k as f64 * p).sum();
    let (mut var, mut third) = (0.0, 0.0);
    for (k, p) in probs.iter().enumerate() {
        let e = k as f64 - mean;
        var += p * e * e;
        third += p * e * e * e;
    }
    (mean, var, third)
}

/// Fisher information I(θ) and Warm's J(θ) = Σ_k P_k′·P_k″/P_k of one item.
pub(super) fn information_and_j(p: &IrtParams, theta: f64) -> (f64, f64) {
    match p {
        IrtParams::Dichotomous { a, d, c, u, .. } => {
            let l = logistic(a * theta + d);
            let pr = c + (u - c) * l;
            let q = (1.0 - u) + (u - c) * (1.0 - l);
            let r = if exactly(*c, 0.0) {
                1.0
            } else {
                (u - c) * l / pr
            };
            let s = if exactly(*u, 1.0) {
                1.0
            } else {
                (u - c) * (1.0 - l) / q
            };
            // I = P′²/(P·Q) = a²·r·s·L(1 − L); J = I·P″/P′ = I·a·(1 − 2L).
            let info = a * a * r * s * l * (1.0 - l);
            (info, info * a * (1.0 - 2.0 * l))
        }
        IrtParams::Graded { d, .. } => {
            let (mut info, mut j) = (0.0, 0.0);
            for k in 0..=d.len() {
                let (pk, p1, p2) = graded_terms(p, theta, k);
                if pk > 0.0 {
                    info += p1 * p1 / pk;
                    j += p1 * p2 / pk;
                }
            }
            (info, j)
        }
        IrtParams::PartialCredit { a, d } => {
            let (_, var, third) = gpcm_moments(*a, d, theta);
            (a * a * var, a * a * a * third)
        }
    }
}

/// Fisher information of one item at θ.
///
/// # Example
///
/// ```
/// use assess_core::{IrtModel, IrtParams, irt::item_information};
/// // 2PL at θ = b: a²·¼.
/// let item = IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 2.0, d: -1.0, c: 0.0, u: 1.0 };
/// assert!((item_information(&item, 0.5) - 1.0).abs() < 1e-12);
/// ```
pub fn item_information(p: &IrtParams, theta: f64) -> f64 {
    information_and_j(p, theta).0
}

/// Test information at θ: the sum of the items' information.
pub fn test_information<'a>(items: impl IntoIterator<Item = &'a IrtParams>, theta: f64) -> f64 {
    items.into_iter().map(|p| item_information(p, theta)).sum()
}

/// One point of a test information curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct InformationPoint {
    /// θ.
    pub theta: f64,
    /// Test information I(θ).
    pub information: f64,
    /// Standard error 1/√I(θ) (information floored at
    /// [`MIN_INFORMATION`]).
    pub se: f64,
}

/// The test information and SE curve of `items` at each θ in `thetas`, for
/// reports.
///
/// # Example
///
/// ```
/// use assess_core::{IrtModel, IrtParams, irt::information_curve};
/// let item = IrtParams::Dichotomous { model: IrtModel::Rasch, a: 1.0, d: 0.0, c: 0.0, u: 1.0 };
/// let curve = information_curve(&[item], &[-1.0, 0.0, 1.0]);
/// assert!((curve[1].information - 0.25).abs() < 1e-15);
/// assert!((curve[1].se - 2.0).abs() < 1e-15);
/// ```
pub fn information_curve(items: &[IrtParams], thetas: &[f64]) -> Vec<InformationPoint> {
    thetas
        .iter()
        .map(|&theta| {
            let information = test_information(items, theta);
            InformationPoint {
                theta,
                information,
                se: se_from_information(information),
            }
        })
        .collect()
}

/// 1/√I with I floored at [`MIN_INFORMATION`]: never infinite.
#[inline]
pub fn se_from_information(information: f64) -> f64 {
    1.0 / information.max(MIN_INFORMATION).sqrt()
}
