//! Item response theory: the pure formulas, as free functions.
//!
//! Item parameters are [`IrtParams`], always in slope–intercept form on the
//! logistic metric with the scaling constant D already applied (the
//! instrument format accepts a/b or slope–intercept form and says which; see
//! `docs/instrument-format.md`). A response to an item is its *category*:
//! 0 or 1 for a dichotomous item, 0 … K−1 for a polytomous one
//! ([`category_of_score`] maps an item score to its category).
//!
//! Models (logit z = a·θ + d):
//! - Rasch/1PL, 2PL, 3PL, 4PL (Birnbaum 1968, in Lord & Novick; Barton &
//!   Lord 1981 for the upper asymptote): P(θ) = c + (u − c)·logistic(z);
//! - graded response model (Samejima 1969): P*(k) = logistic(a·θ + d_k),
//!   category probabilities are differences of adjacent P*;
//! - generalised partial credit model (Muraki 1992):
//!   P(k) ∝ exp(Σ_{v≤k} (a·θ + d_v)), the empty sum for k = 0.
//!
//! Fisher information is Σ_k P_k′² / P_k (for the 2PL a²·P·Q, for the 3PL
//! a²·(Q/P)·((P − c)/(1 − c))², Birnbaum 1968); test information is the sum
//! over items and SE(θ) = 1/√I(θ).
//!
//! Estimators of θ for any answered subset ([`estimate`]):
//! - **EAP** (Bock & Mislevy 1982): posterior mean and SD over an equally
//!   spaced grid with a normal prior, computed in log space with
//!   log-sum-exp so long tests never underflow;
//! - **MAP**: posterior mode; SE = 1/√(I(θ) + 1/σ²);
//! - **ML**: likelihood maximum; SE = 1/√I(θ);
//! - **WLE** (Warm 1989): root of ∂ℓ/∂θ + J(θ)/(2I(θ)) with
//!   J = Σ_k P_k′·P_k″/P_k; SE = 1/√I(θ).
//!
//! MAP, ML and WLE solve their estimating equation by a bracketing root
//! search (Illinois regula falsi) on [−[`THETA_BOUND`], [`THETA_BOUND`]],
//! which needs no second derivatives and cannot diverge. ML is infinite for
//! all-lowest and all-highest patterns, and ML or WLE may have no root in
//! the bound; the instrument's [`ExtremePolicy`] then says what to do, and
//! the [`Estimate`] names the estimator actually used and why.
//!
//! Nothing here returns an infinite or NaN estimate or SE: information is
//! floored at [`prec::MIN_INFORMATION`](crate::support::prec::MIN_INFORMATION).
//!
//! ```
//! use assess_core::irt::{Observed, Quadrature, ScoringRule, estimate};
//! use assess_core::{EstimatorKind, ExtremePolicy, IrtModel, IrtParams};
//!
//! // LSAT7 item 1 (R mirt, 2PL slope–intercept): a = 0.988, d = 1.856.
//! let item = IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 0.988, d: 1.856, c: 0.0, u: 1.0 };
//! let rule = ScoringRule::new(Quadrature::new(61, -4.0, 4.0, 0.0, 1.0)?, ExtremePolicy::Map);
//! let answered = [Observed::new(&item, 1)?];
//! let eap = estimate(&answered, &rule, EstimatorKind::Eap);
//! assert!(eap.theta > 0.0 && eap.se < 1.0);
//! // ML of a single right answer is +∞: the policy falls back to MAP.
//! let ml = estimate(&answered, &rule, EstimatorKind::Ml);
//! assert_eq!(ml.estimator, EstimatorKind::Map);
//! assert_eq!(ml.requested, EstimatorKind::Ml);
//! # Ok::<(), assess_core::Error>(())
//! ```

pub mod cat;

use serde::{Deserialize, Serialize};

use crate::instrument::{
    EstimatorKind, ExtremePolicy, FormatKind, Instrument, IrtParams, IrtSettings,
};
use crate::support::math::{exp, ln, ln_1p, log_sum_exp, logistic};
use crate::support::prec::{MIN_INFORMATION, ROOT_TOL, exactly};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind};

/// MAP, ML and WLE search θ in [−THETA_BOUND, THETA_BOUND]; an estimate
/// that would lie outside counts as infinite.
pub const THETA_BOUND: f64 = 10.0;

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
fn log_prob_derivatives(p: &IrtParams, theta: f64, k: usize) -> (f64, f64) {
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
fn information_and_j(p: &IrtParams, theta: f64) -> (f64, f64) {
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

/// The IRT category of an item score: the score's rank among the item's
/// possible scores (0/1 items: the score itself; Likert: score − min).
/// `None` when the item has no such score.
pub fn category_of_score(instrument: &Instrument, item: usize, score: f64) -> Option<usize> {
    let it = instrument.items().get(item)?;
    let scores: Vec<f64> = match instrument.format_of(it).kind() {
        FormatKind::Binary { .. } | FormatKind::SingleChoice => vec![0.0, 1.0],
        FormatKind::Likert { min, max, .. } => (*min..=*max).map(f64::from).collect(),
        FormatKind::ScoredChoice => {
            let mut s: Vec<f64> = it.options().iter().map(|o| o.score()).collect();
            s.sort_by(f64::total_cmp);
            s.dedup_by(|a, b| crate::support::prec::same_bound(*a, *b));
            s
        }
    };
    scores
        .iter()
        .position(|&s| crate::support::prec::same_bound(s, score))
}

/// An answered item: its parameters and the category answered.
#[derive(Clone, Copy, Debug)]
pub struct Observed<'a> {
    params: &'a IrtParams,
    category: usize,
}

impl<'a> Observed<'a> {
    /// An answer in category `category` to the item with `params`.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::OutOfRange`] when the item has no such category.
    pub fn new(params: &'a IrtParams, category: usize) -> Result<Self, Error> {
        let n = categories(params);
        if category >= n {
            return Err(Error::single(Problem::new(
                ProblemKind::OutOfRange,
                "category",
                format!("expected a category from 0 to {}, found {category}", n - 1),
            )));
        }
        Ok(Observed { params, category })
    }
    /// The item's parameters.
    pub fn params(&self) -> &'a IrtParams {
        self.params
    }
    /// The category answered.
    pub fn category(&self) -> usize {
        self.category
    }
}

/// An equally spaced quadrature grid with a normal prior, in log space.
#[derive(Clone, Debug, PartialEq)]
pub struct Quadrature {
    theta: Vec<f64>,
    log_prior: Vec<f64>,
    prior: (f64, f64),
}

impl Quadrature {
    /// `points` equally spaced θ from `min` to `max`, prior N(mean, sd²).
    ///
    /// # Errors
    ///
    /// [`ProblemKind::InvalidValue`] unless 2 ≤ points, min < max (finite)
    /// and sd > 0.
    pub fn new(points: usize, min: f64, max: f64, mean: f64, sd: f64) -> Result<Self, Error> {
        if points < 2 || !(min.is_finite() && max.is_finite() && min < max) {
            return Err(Error::single(Problem::new(
                ProblemKind::InvalidValue,
                "quadrature",
                format!(
                    "expected at least 2 points and finite min < max, found {points} points on [{}, {}]",
                    Num(min),
                    Num(max)
                ),
            )));
        }
        if !(sd.is_finite() && sd > 0.0 && mean.is_finite()) {
            return Err(Error::single(Problem::new(
                ProblemKind::InvalidValue,
                "prior",
                format!(
                    "expected a finite prior mean and SD > 0, found N({}, {}²)",
                    Num(mean),
                    Num(sd)
                ),
            )));
        }
        Ok(Quadrature::grid(points, min, max, mean, sd))
    }

    /// The grid and log prior of arguments already checked.
    fn grid(points: usize, min: f64, max: f64, mean: f64, sd: f64) -> Self {
        let step = (max - min) / (points - 1) as f64;
        let theta: Vec<f64> = (0..points).map(|i| min + step * i as f64).collect();
        let log_prior = theta
            .iter()
            .map(|t| log_normal_kernel((t - mean) / sd))
            .collect();
        Quadrature {
            theta,
            log_prior,
            prior: (mean, sd),
        }
    }

    /// The grid and prior an instrument's `[irt]` section declares.
    pub fn from_settings(s: &IrtSettings) -> Self {
        let (n, lo, hi) = s.quadrature();
        let (m, sd) = s.prior();
        // Validation guarantees 5–401 points, lo < hi and sd > 0.
        Quadrature::new(n, lo, hi, m, sd).unwrap_or_else(|_| Quadrature::standard())
    }

    /// 61 points on [−4, 4] with a N(0, 1) prior.
    pub fn standard() -> Self {
        Quadrature::grid(61, -4.0, 4.0, 0.0, 1.0)
    }

    /// The θ points.
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }
    /// ln of the (unnormalised) prior density at each point.
    pub fn log_prior(&self) -> &[f64] {
        &self.log_prior
    }
    /// Prior mean and SD.
    pub fn prior(&self) -> (f64, f64) {
        self.prior
    }
}

/// Everything an estimator needs besides the answers: the grid and prior,
/// and the policy for infinite ML/WLE estimates.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringRule {
    quadrature: Quadrature,
    extreme: ExtremePolicy,
}

impl ScoringRule {
    /// A rule from its parts.
    pub fn new(quadrature: Quadrature, extreme: ExtremePolicy) -> Self {
        ScoringRule {
            quadrature,
            extreme,
        }
    }
    /// The rule an instrument's `[irt]` section declares.
    pub fn from_settings(s: &IrtSettings) -> Self {
        ScoringRule::new(Quadrature::from_settings(s), s.extreme())
    }
    /// The quadrature grid and prior.
    pub fn quadrature(&self) -> &Quadrature {
        &self.quadrature
    }
    /// The extreme-pattern policy.
    pub fn extreme(&self) -> ExtremePolicy {
        self.extreme
    }
}

/// Why the estimator used is not the one requested, or the estimate was
/// clamped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Fallback {
    /// No item answered: ML and WLE have nothing to maximise.
    NoResponses,
    /// Every answer in the lowest category (all wrong): ML is −∞.
    AllLowest,
    /// Every answer in the highest category (all right): ML is +∞.
    AllHighest,
    /// The estimating equation has no root within ±[`THETA_BOUND`].
    NoRoot,
}

/// A θ estimate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// θ, finite.
    pub theta: f64,
    /// Standard error (EAP: posterior SD), finite.
    pub se: f64,
    /// The estimator actually used.
    pub estimator: EstimatorKind,
    /// The estimator asked for.
    pub requested: EstimatorKind,
    /// Why they differ (or the estimate was clamped), if they do.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fallback: Option<Fallback>,
    /// With the clamp policy: the estimate was clamped to this bound.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub clamped: bool,
}

assess_text::json::json_names!(Fallback {
    "no_responses" => NoResponses,
    "all_lowest" => AllLowest,
    "all_highest" => AllHighest,
    "no_root" => NoRoot,
});
assess_text::json::json_struct!(ignore Estimate {
    theta: "theta",
    se: "se",
    estimator: "estimator",
    requested: "requested",
    fallback: "fallback" = None,
    clamped: "clamped" = false,
});
assess_text::json::deserialize_via_json!(Estimate);

/// Estimates θ from an answered subset with the requested estimator,
/// following the rule's extreme-pattern policy when ML or WLE has no finite
/// estimate. See the module documentation for the formulas.
///
/// # Example
///
/// ```
/// use assess_core::irt::{Observed, ScoringRule, Quadrature, estimate};
/// use assess_core::{EstimatorKind, ExtremePolicy, IrtModel, IrtParams};
/// let items: Vec<IrtParams> = [-1.0, 0.0, 1.0].iter()
///     .map(|&d| IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 1.5, d, c: 0.0, u: 1.0 })
///     .collect();
/// let answers = [Observed::new(&items[0], 1)?, Observed::new(&items[1], 0)?, Observed::new(&items[2], 1)?];
/// let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
/// let ml = estimate(&answers, &rule, EstimatorKind::Ml);
/// let map = estimate(&answers, &rule, EstimatorKind::Map);
/// // The prior shrinks MAP towards 0.
/// assert!(map.theta.abs() < ml.theta.abs());
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn estimate(answers: &[Observed<'_>], rule: &ScoringRule, kind: EstimatorKind) -> Estimate {
    match kind {
        EstimatorKind::Eap => {
            let mut lp = rule.quadrature.log_prior.clone();
            for o in answers {
                add_log_likelihood(&mut lp, rule.quadrature.theta(), o.params, o.category);
            }
            eap_from_log_posterior(rule.quadrature.theta(), &lp)
        }
        EstimatorKind::Map => map_estimate(answers, rule.quadrature.prior),
        EstimatorKind::Ml | EstimatorKind::Wle => {
            let extreme = extreme_pattern(answers);
            let root = match (kind, extreme) {
                (EstimatorKind::Ml, Some(_)) => None,
                _ => {
                    let wle = kind == EstimatorKind::Wle;
                    solve(|t| {
                        let mut g = 0.0;
                        let (mut info, mut j) = (0.0, 0.0);
                        for o in answers {
                            g += log_prob_derivatives(o.params, t, o.category).0;
                            if wle {
                                let (i1, j1) = information_and_j(o.params, t);
                                info += i1;
                                j += j1;
                            }
                        }
                        if wle {
                            g + j / (2.0 * info.max(MIN_INFORMATION))
                        } else {
                            g
                        }
                    })
                }
            };
            match root {
                Some(theta) => Estimate {
                    theta,
                    se: se_from_information(test_information(
                        answers.iter().map(|o| o.params),
                        theta,
                    )),
                    estimator: kind,
                    requested: kind,
                    fallback: None,
                    clamped: false,
                },
                None => {
                    let reason = extreme.unwrap_or(Fallback::NoRoot);
                    fall_back(answers, rule, kind, reason)
                }
            }
        }
    }
}

/// Whether the answers are all in the lowest or all in the highest
/// category (or there are none).
fn extreme_pattern(answers: &[Observed<'_>]) -> Option<Fallback> {
    if answers.is_empty() {
        Some(Fallback::NoResponses)
    } else if answers.iter().all(|o| o.category == 0) {
        Some(Fallback::AllLowest)
    } else if answers
        .iter()
        .all(|o| o.category + 1 == categories(o.params))
    {
        Some(Fallback::AllHighest)
    } else {
        None
    }
}

fn fall_back(
    answers: &[Observed<'_>],
    rule: &ScoringRule,
    requested: EstimatorKind,
    reason: Fallback,
) -> Estimate {
    let mut e = match rule.extreme {
        ExtremePolicy::Map => estimate(answers, rule, EstimatorKind::Map),
        ExtremePolicy::Eap => estimate(answers, rule, EstimatorKind::Eap),
        ExtremePolicy::Clamp { min, max } => {
            let high = match reason {
                Fallback::AllHighest => true,
                Fallback::AllLowest => false,
                // No root: the sign of the estimating equation at 0 says
                // which way the estimate ran off.
                Fallback::NoResponses | Fallback::NoRoot => {
                    answers
                        .iter()
                        .map(|o| log_prob_derivatives(o.params, 0.0, o.category).0)
                        .sum::<f64>()
                        > 0.0
                }
            };
            let theta = if reason == Fallback::NoResponses {
                rule.quadrature.prior.0.clamp(min, max)
            } else if high {
                max
            } else {
                min
            };
            Estimate {
                theta,
                se: se_from_information(test_information(answers.iter().map(|o| o.params), theta)),
                estimator: requested,
                requested,
                fallback: None,
                clamped: true,
            }
        }
    };
    e.requested = requested;
    e.fallback = Some(reason);
    e
}

fn map_estimate(answers: &[Observed<'_>], (mean, sd): (f64, f64)) -> Estimate {
    let var = sd * sd;
    let theta = solve(|t| {
        answers
            .iter()
            .map(|o| log_prob_derivatives(o.params, t, o.category).0)
            .sum::<f64>()
            - (t - mean) / var
    })
    // The log posterior is −∞ at both ends, so a root always exists in a
    // wide enough interval; the bound only matters for absurd priors.
    .unwrap_or(mean);
    let info = test_information(answers.iter().map(|o| o.params), theta) + 1.0 / var;
    Estimate {
        theta,
        se: se_from_information(info),
        estimator: EstimatorKind::Map,
        requested: EstimatorKind::Map,
        fallback: None,
        clamped: false,
    }
}

/// The root of a function that is positive at −[`THETA_BOUND`] and
/// negative at +[`THETA_BOUND`] (Illinois regula falsi); `None` when it
/// does not change sign there.
fn solve(g: impl Fn(f64) -> f64) -> Option<f64> {
    let (mut a, mut b) = (-THETA_BOUND, THETA_BOUND);
    let (mut ga, mut gb) = (g(a), g(b));
    if !(ga > 0.0 && gb < 0.0) {
        return None;
    }
    let mut side = 0i8;
    for _ in 0..200 {
        let c = (a * gb - b * ga) / (gb - ga);
        let gc = g(c);
        if !gc.is_finite() {
            return None;
        }
        if gc > 0.0 {
            a = c;
            ga = gc;
            if side == 1 {
                gb *= 0.5;
            }
            side = 1;
        } else if gc < 0.0 {
            b = c;
            gb = gc;
            if side == -1 {
                ga *= 0.5;
            }
            side = -1;
        } else {
            return Some(c);
        }
        if b - a <= ROOT_TOL * (1.0 + c.abs()) {
            return Some(0.5 * (a + b));
        }
    }
    Some(0.5 * (a + b))
}

/// Adds ln P(category | θ_k) of one item to a log posterior on the grid:
/// O(points), the whole cost of absorbing one more answer.
pub fn add_log_likelihood(log_post: &mut [f64], thetas: &[f64], p: &IrtParams, category: usize) {
    for (lp, &t) in log_post.iter_mut().zip(thetas) {
        *lp += log_probability(p, t, category);
    }
}

/// EAP and posterior SD from a log posterior on the grid (log-sum-exp
/// normalisation; Bock & Mislevy 1982).
pub fn eap_from_log_posterior(thetas: &[f64], log_post: &[f64]) -> Estimate {
    let m = log_post.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = log_post.iter().map(|&l| exp(l - m)).collect();
    let (theta, se) = weighted_mean_sd(thetas, &w);
    Estimate {
        theta,
        se,
        estimator: EstimatorKind::Eap,
        requested: EstimatorKind::Eap,
        fallback: None,
        clamped: false,
    }
}

/// Weighted mean and SD (two passes, so the SD keeps its precision).
fn weighted_mean_sd(thetas: &[f64], w: &[f64]) -> (f64, f64) {
    let s: f64 = w.iter().sum();
    let mean = thetas.iter().zip(w).map(|(t, w)| t * w).sum::<f64>() / s;
    let var = thetas
        .iter()
        .zip(w)
        .map(|(t, w)| (t - mean) * (t - mean) * w)
        .sum::<f64>()
        / s;
    (mean, var.sqrt())
}

/// −z²/2, the log of the normal kernel, with +0 (not −0) at z = 0: adaptive
/// sessions carry the log prior as JSON, and JavaScript writes −0 as `0`, so
/// a session stored by a page and read back must not depend on the sign of
/// zero (found by the adaptive parity test, `tests/js/cat.test.mjs`).
fn log_normal_kernel(z: f64) -> f64 {
    0.0 - 0.5 * z * z
}

/// The IRT ability estimate in a [`Report`](crate::Report).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct IrtScore {
    /// θ on the parameters' metric.
    pub theta: f64,
    /// Standard error (EAP: posterior SD).
    pub se: f64,
    /// The estimator actually used.
    pub estimator: EstimatorKind,
    /// The instrument's estimator.
    pub requested: EstimatorKind,
    /// Why they differ, if they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// Clamped to the instrument's range (absent when not).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub clamped: bool,
    /// Answered items with parameters that went into the estimate.
    pub items: usize,
    /// Status of the item parameters (`provisional` until calibrated on
    /// the population served).
    pub parameters: crate::Status,
    /// Where the parameters come from.
    pub source: String,
}

/// The IRT estimate of checked responses: every answered item with
/// parameters, with the instrument's estimator, grid, prior and
/// extreme-pattern policy. `None` when the instrument has no `[irt]`
/// section. The items with parameters are taken to measure one θ.
pub(crate) fn score_checked(instrument: &Instrument, checked: &crate::Checked) -> Option<IrtScore> {
    let settings = instrument.irt()?;
    let answers: Vec<Observed<'_>> = instrument
        .items()
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let params = it.irt()?;
            let v = (*checked.values.get(i)?)?;
            let k = category_of_score(instrument, i, crate::scoring::item_score(instrument, i, v))?;
            Observed::new(params, k).ok()
        })
        .collect();
    let e = estimate(
        &answers,
        &ScoringRule::from_settings(settings),
        settings.estimator(),
    );
    Some(IrtScore {
        theta: e.theta,
        se: e.se,
        estimator: e.estimator,
        requested: e.requested,
        fallback: e.fallback,
        clamped: e.clamped,
        items: answers.len(),
        parameters: settings.status(),
        source: settings.source().to_owned(),
    })
}

/// EAP and posterior SD for many respondents on the same dichotomous items
/// (Bock & Mislevy 1982), fast.
///
/// `data` holds `n × items.len()` answers row by row: 0, 1, or any other
/// value for "not answered". Writes one `(θ, SD)` per row into `out`.
///
/// Items are taken in blocks of 8: for each block the likelihood of each of
/// its 256 answer patterns is tabulated on the grid once (a block's answers
/// are read as one 64-bit word and packed into the pattern number with one
/// multiplication), so a respondent
/// costs one table product per block instead of one term per item. The
/// products are kept in linear space; a row whose largest posterior weight
/// falls below 10⁻²⁰⁰ (a risk of underflow), or that has an unanswered
/// item, is recomputed in log space with log-sum-exp, so no test length can
/// underflow. Both paths agree to rounding.
///
/// # Errors
///
/// [`ProblemKind::Inconsistent`] when an item is not dichotomous or the
/// sizes do not match.
///
/// # Example
///
/// ```
/// use assess_core::irt::{Quadrature, eap_dichotomous_batch};
/// use assess_core::{IrtModel, IrtParams};
/// let items = vec![IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 1.0, d: 0.0, c: 0.0, u: 1.0 }; 3];
/// let mut out = vec![(0.0, 0.0); 2];
/// eap_dichotomous_batch(&items, &Quadrature::standard(), &[1, 1, 1, 0, 0, 0], &mut out)?;
/// assert!((out[0].0 + out[1].0).abs() < 1e-12);
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn eap_dichotomous_batch(
    items: &[IrtParams],
    quad: &Quadrature,
    data: &[u8],
    out: &mut [(f64, f64)],
) -> Result<(), Error> {
    const BLOCK: usize = 8;
    let m = items.len();
    let q = quad.theta.len();
    if items
        .iter()
        .any(|p| !matches!(p, IrtParams::Dichotomous { .. }))
        || data.len() != m * out.len()
    {
        return Err(Error::single(Problem::new(
            ProblemKind::Inconsistent,
            "items",
            format!(
                "expected dichotomous items and {} × {m} answers, found {} answers",
                out.len(),
                data.len()
            ),
        )));
    }
    if m == 0 {
        let e = eap_from_log_posterior(&quad.theta, &quad.log_prior);
        out.fill((e.theta, e.se));
        return Ok(());
    }
    // Per item, P(0) and P(1) at each point, and their logs.
    let log_tab: Vec<[Vec<f64>; 2]> = items
        .iter()
        .map(|p| {
            [0, 1].map(|k| {
                quad.theta
                    .iter()
                    .map(|&t| log_probability(p, t, k))
                    .collect()
            })
        })
        .collect();
    let prior_w: Vec<f64> = quad.log_prior.iter().map(|&l| exp(l)).collect();
    // Pattern tables per block: tables[b][pattern·q + k].
    let blocks: Vec<(usize, Vec<f64>)> = (0..m)
        .step_by(BLOCK)
        .map(|start| {
            let len = BLOCK.min(m - start);
            let mut t = vec![1.0; (1 << len) * q];
            // The first block carries the prior, so a row starts from it.
            if start == 0 {
                t[..q].copy_from_slice(&prior_w);
            }
            for j in 0..len {
                let [l0, l1] = &log_tab[start + j];
                let p0: Vec<f64> = l0.iter().map(|&l| exp(l)).collect();
                let p1: Vec<f64> = l1.iter().map(|&l| exp(l)).collect();
                for pat in 0..(1usize << j) {
                    let (lo, hi) = t.split_at_mut((pat | (1 << j)) * q);
                    let src = &mut lo[pat * q..pat * q + q];
                    for (((h, s), a), b) in hi[..q].iter_mut().zip(src.iter_mut()).zip(&p1).zip(&p0)
                    {
                        *h = *s * a;
                        *s *= b;
                    }
                }
            }
            (start, t)
        })
        .collect();
    // θ relative to the middle of the grid, for one-pass moments.
    let mid = 0.5 * (quad.theta[0] + quad.theta[q - 1]);
    let centred: Vec<f64> = quad.theta.iter().map(|t| t - mid).collect();
    let mut w = vec![0.0; q];
    let mut lp = vec![0.0; q];
    let mut sums = (0.0, 0.0, 0.0);
    for (row, res) in data.chunks_exact(m).zip(out.iter_mut()) {
        let fast = 'fast: {
            for (start, t) in &blocks {
                let len = BLOCK.min(m - start);
                let mut bytes = [0u8; 8];
                bytes[..len].copy_from_slice(&row[*start..start + len]);
                let x = u64::from_le_bytes(bytes);
                if x & 0xFEFE_FEFE_FEFE_FEFE != 0 {
                    // An answer other than 0 or 1: not answered.
                    break 'fast false;
                }
                // Gather the low bit of each byte into one byte: with
                // M = Σ_{k=1..8} 2^(7k), byte j's bit lands on bit 56 + j
                // and nothing else reaches bits 56–63.
                let pat = usize::from(
                    u8::try_from(x.wrapping_mul(0x0102_0408_1020_4080) >> 56).unwrap_or(0),
                );
                let tab = &t[pat * q..pat * q + q];
                if *start == 0 {
                    w.copy_from_slice(tab);
                } else {
                    for (wk, tk) in w.iter_mut().zip(tab) {
                        *wk *= tk;
                    }
                }
            }
            sums = moments(&w, &centred);
            // Σw > 10⁻¹⁹⁰ means the largest weight is above 10⁻²⁰⁰ (at most
            // 401 points): no risk of underflow.
            sums.0 > 1e-190
        };
        *res = if fast {
            let (s0, s1, s2) = sums;
            let mean = s1 / s0;
            (mid + mean, (s2 / s0 - mean * mean).max(0.0).sqrt())
        } else {
            lp.copy_from_slice(&quad.log_prior);
            for (x, [l0, l1]) in row.iter().zip(&log_tab) {
                let l = match x {
                    0 => l0,
                    1 => l1,
                    _ => continue,
                };
                for (a, b) in lp.iter_mut().zip(l) {
                    *a += b;
                }
            }
            let e = eap_from_log_posterior(&quad.theta, &lp);
            (e.theta, e.se)
        };
    }
    Ok(())
}

/// Σw, Σw·t and Σw·t² in one pass with four independent partial sums (in a
/// fixed order, so every platform gives the same bits; the independent
/// chains let the processor overlap the additions).
#[inline]
fn moments(w: &[f64], t: &[f64]) -> (f64, f64, f64) {
    let (mut a, mut b, mut c) = ([0.0f64; 4], [0.0f64; 4], [0.0f64; 4]);
    let (wc, tc) = (w.chunks_exact(4), t.chunks_exact(4));
    let (wr, tr) = (wc.remainder(), tc.remainder());
    for (wq, tq) in wc.zip(tc) {
        for l in 0..4 {
            let y = wq[l] * tq[l];
            a[l] += wq[l];
            b[l] += y;
            c[l] += y * tq[l];
        }
    }
    for (x, t) in wr.iter().zip(tr) {
        a[0] += x;
        b[0] += x * t;
        c[0] += x * t * t;
    }
    let sum = |v: [f64; 4]| (v[0] + v[1]) + (v[2] + v[3]);
    (sum(a), sum(b), sum(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::IrtModel;
    use proptest::prelude::*;

    fn two_pl(a: f64, d: f64) -> IrtParams {
        IrtParams::Dichotomous {
            model: IrtModel::TwoPl,
            a,
            d,
            c: 0.0,
            u: 1.0,
        }
    }

    fn any_item() -> impl Strategy<Value = IrtParams> {
        prop_oneof![
            (0.2f64..3.0, -3.0f64..3.0, 0.0f64..0.35, 0.85f64..1.0).prop_map(|(a, d, c, u)| {
                IrtParams::Dichotomous {
                    model: IrtModel::FourPl,
                    a,
                    d,
                    c,
                    u,
                }
            }),
            (0.2f64..3.0, -3.0f64..3.0).prop_map(|(a, d)| two_pl(a, d)),
            (
                0.2f64..3.0,
                prop::collection::vec(0.2f64..1.5, 1..5),
                -2.0f64..2.0
            )
                .prop_map(|(a, gaps, top)| {
                    let mut d = vec![top];
                    for g in gaps {
                        let last = d[d.len() - 1];
                        d.push(last - g);
                    }
                    IrtParams::Graded { a, d }
                }),
            (0.2f64..3.0, prop::collection::vec(-3.0f64..3.0, 1..5))
                .prop_map(|(a, d)| IrtParams::PartialCredit { a, d }),
        ]
    }

    /// Numerical derivative of the category probability.
    fn dp(p: &IrtParams, t: f64, k: usize) -> f64 {
        let h = 1e-5;
        (exp(log_probability(p, t + h, k)) - exp(log_probability(p, t - h, k))) / (2.0 * h)
    }

    proptest! {
        #[test]
        fn category_probabilities_sum_to_one(p in any_item(), t in -6.0f64..6.0) {
            let s: f64 = category_probabilities(&p, t).iter().sum();
            prop_assert!((s - 1.0).abs() < 1e-12, "sum {s}");
        }

        #[test]
        fn information_is_sum_of_squared_derivative_over_p(p in any_item(), t in -4.0f64..4.0) {
            // Fisher information identity: I(θ) = Σ_k P_k′(θ)² / P_k(θ),
            // with P_k′ by central differences.
            let numeric: f64 = (0..categories(&p))
                .map(|k| { let d = dp(&p, t, k); d * d / exp(log_probability(&p, t, k)) })
                .sum();
            let exact = item_information(&p, t);
            prop_assert!((numeric - exact).abs() < 1e-6 * (1.0 + exact), "{numeric} vs {exact}");
        }

        #[test]
        fn log_derivatives_match_numerical(p in any_item(), t in -4.0f64..4.0, k in 0usize..6) {
            let k = k % categories(&p);
            let h = 1e-5;
            let (d1, d2) = log_prob_derivatives(&p, t, k);
            let n1 = (log_probability(&p, t + h, k) - log_probability(&p, t - h, k)) / (2.0 * h);
            let n2 = (log_prob_derivatives(&p, t + h, k).0 - log_prob_derivatives(&p, t - h, k).0) / (2.0 * h);
            prop_assert!((d1 - n1).abs() < 1e-6 * (1.0 + d1.abs()));
            prop_assert!((d2 - n2).abs() < 1e-5 * (1.0 + d2.abs()));
        }

        #[test]
        fn eap_rises_when_a_wrong_answer_becomes_right(
            items in prop::collection::vec((0.3f64..2.5, -2.0f64..2.0), 1..20),
            answers in prop::collection::vec(0usize..2, 20),
            flip in 0usize..20,
        ) {
            let params: Vec<IrtParams> = items.iter().map(|&(a, d)| two_pl(a, d)).collect();
            let mut cats: Vec<usize> = answers[..params.len()].to_vec();
            let flip = flip % params.len();
            cats[flip] = 0;
            let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Map);
            let obs = |c: &[usize]| -> Vec<Observed<'_>> {
                params.iter().zip(c).map(|(p, &k)| Observed::new(p, k).unwrap()).collect()
            };
            let before = estimate(&obs(&cats), &rule, EstimatorKind::Eap).theta;
            cats[flip] = 1;
            let after = estimate(&obs(&cats), &rule, EstimatorKind::Eap).theta;
            prop_assert!(after > before);
        }

        #[test]
        fn batch_eap_equals_log_space_eap_for_any_pattern(
            items in prop::collection::vec((0.3f64..2.5, -2.0f64..2.0), 1..30),
            rows in prop::collection::vec(prop::collection::vec(0u8..3, 30), 1..6),
        ) {
            let params: Vec<IrtParams> = items.iter().map(|&(a, d)| two_pl(a, d)).collect();
            let m = params.len();
            // 2 stands for "not answered".
            let data: Vec<u8> = rows.iter().flat_map(|r| r[..m].iter().copied()).collect();
            let mut out = vec![(0.0, 0.0); rows.len()];
            eap_dichotomous_batch(&params, &Quadrature::standard(), &data, &mut out).unwrap();
            let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
            for (row, got) in data.chunks_exact(m).zip(&out) {
                let obs: Vec<Observed<'_>> = params.iter().zip(row).filter(|(_, x)| **x <= 1)
                    .map(|(p, &x)| Observed::new(p, usize::from(x)).unwrap()).collect();
                let e = estimate(&obs, &rule, EstimatorKind::Eap);
                prop_assert!((e.theta - got.0).abs() < 1e-12 && (e.se - got.1).abs() < 1e-12, "{e:?} vs {got:?}");
            }
        }

        #[test]
        fn estimates_are_always_finite(
            items in prop::collection::vec(any_item(), 0..12),
            seed in 0usize..1000,
            policy in 0u8..3,
        ) {
            let extreme = match policy {
                0 => ExtremePolicy::Map,
                1 => ExtremePolicy::Eap,
                _ => ExtremePolicy::Clamp { min: -4.0, max: 4.0 },
            };
            let rule = ScoringRule::new(Quadrature::standard(), extreme);
            let obs: Vec<Observed<'_>> = items
                .iter()
                .enumerate()
                .map(|(i, p)| Observed::new(p, (seed / (i + 1)) % categories(p)).unwrap())
                .collect();
            for kind in [EstimatorKind::Eap, EstimatorKind::Map, EstimatorKind::Ml, EstimatorKind::Wle] {
                let e = estimate(&obs, &rule, kind);
                prop_assert!(e.theta.is_finite() && e.se.is_finite() && e.se > 0.0, "{kind:?}: {e:?}");
            }
        }
    }

    #[test]
    fn batch_eap_equals_log_space_eap() {
        let items: Vec<IrtParams> = (0..21)
            .map(|i| two_pl(0.5 + 0.1 * f64::from(i), -2.0 + 0.2 * f64::from(i)))
            .collect();
        let rows: Vec<Vec<u8>> = (0u32..40)
            .map(|r| {
                (0..21u32)
                    .map(|i| {
                        if (r * 7 + i * 3) % 5 < 2 {
                            1
                        } else if r == 3 && i == 4 {
                            9
                        } else {
                            0
                        }
                    })
                    .collect()
            })
            .collect();
        let data: Vec<u8> = rows.concat();
        let mut out = vec![(0.0, 0.0); rows.len()];
        let quad = Quadrature::standard();
        eap_dichotomous_batch(&items, &quad, &data, &mut out).unwrap();
        let rule = ScoringRule::new(quad, ExtremePolicy::Eap);
        for (row, got) in rows.iter().zip(&out) {
            let obs: Vec<Observed<'_>> = items
                .iter()
                .zip(row)
                .filter(|(_, x)| **x <= 1)
                .map(|(p, &x)| Observed::new(p, usize::from(x)).unwrap())
                .collect();
            let e = estimate(&obs, &rule, EstimatorKind::Eap);
            assert!((e.theta - got.0).abs() < 1e-12 && (e.se - got.1).abs() < 1e-12);
        }
    }

    #[test]
    fn long_tests_do_not_underflow() {
        // 5,000 right answers to hard, steep items: the likelihood is far
        // below the smallest double, the log posterior is not.
        let items = vec![two_pl(3.0, -9.0); 5000];
        let obs: Vec<Observed<'_>> = items.iter().map(|p| Observed::new(p, 1).unwrap()).collect();
        let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
        let e = estimate(&obs, &rule, EstimatorKind::Eap);
        assert!(e.theta > 3.9 && e.se.is_finite());
        let mut out = vec![(0.0, 0.0)];
        let data = vec![1u8; 5000];
        eap_dichotomous_batch(&items, &Quadrature::standard(), &data, &mut out).unwrap();
        assert!((out[0].0 - e.theta).abs() < 1e-12);
    }

    #[test]
    fn ml_of_all_right_follows_the_policy_and_says_so() {
        let items = [two_pl(1.0, 0.0), two_pl(1.2, 0.5)];
        let obs: Vec<Observed<'_>> = items.iter().map(|p| Observed::new(p, 1).unwrap()).collect();
        let clamp = ScoringRule::new(
            Quadrature::standard(),
            ExtremePolicy::Clamp {
                min: -3.0,
                max: 3.0,
            },
        );
        let e = estimate(&obs, &clamp, EstimatorKind::Ml);
        assert_eq!(
            (e.theta, e.clamped, e.fallback),
            (3.0, true, Some(Fallback::AllHighest))
        );
        let eap = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
        let e = estimate(&obs, &eap, EstimatorKind::Ml);
        assert_eq!(e.estimator, EstimatorKind::Eap);
        assert_eq!(e.requested, EstimatorKind::Ml);
        // WLE is finite for an all-right 2PL pattern (Warm 1989).
        let w = estimate(&obs, &eap, EstimatorKind::Wle);
        assert_eq!((w.estimator, w.fallback), (EstimatorKind::Wle, None));
        assert!(Observed::new(&items[0], 2).is_err());
    }
}
