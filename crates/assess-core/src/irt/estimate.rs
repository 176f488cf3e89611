//! θ estimation from an answered subset of items: the quadrature grid and
//! prior ([`Quadrature`]), the scoring rule, and the four estimators (EAP,
//! MAP, ML, WLE) with the bracketing root search that MAP, ML and WLE share
//! and the fallbacks the extreme-pattern policy names when ML or WLE has no
//! finite estimate.

use serde::{Deserialize, Serialize};

use super::model::{
    categories, information_and_j, log_prob_derivatives, log_probability, se_from_information,
    test_information,
};
use crate::instrument::{EstimatorKind, ExtremePolicy, IrtParams, IrtSettings};
use crate::support::math::exp;
use crate::support::prec::{MIN_INFORMATION, ROOT_TOL};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind};

/// MAP, ML and WLE search θ in [−THETA_BOUND, THETA_BOUND]; an estimate
/// that would lie outside counts as infinite.
pub const THETA_BOUND: f64 = 10.0;

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
    pub(super) theta: Vec<f64>,
    pub(super) log_prior: Vec<f64>,
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
                _ => ml_or_wle(answers, kind == EstimatorKind::Wle),
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

/// The ML (or, with `wle`, Warm's weighted ML) estimate on
/// ±[`THETA_BOUND`], or `None` when there is none inside.
///
/// For the 1PL, 2PL, GRM and GPCM the log-likelihood is concave: the
/// estimating equation's root between the two ends, where it changes sign
/// there, is the one maximum (WLE: Warm's equation, likewise). With a
/// lower or upper asymptote (3PL, 4PL) neither holds (issue 22): the
/// likelihood flattens as θ runs off, so the slope at an end can have
/// either sign (−3e-8 to −1.6e-3 at −10 in the issue's patterns) while an
/// interior maximum exists, and it can have several maxima. Then every
/// place where the equation falls from + to − on a grid of 0.05 is refined,
/// and the estimate is the one of highest log-likelihood ℓ (WLE: of highest
/// ℓ + ½ ln I, the likelihood weighted as Warm weights it); for ML only if
/// it is at least as high as both ends, otherwise the supremum is at an end
/// and there is no finite estimate (the fallback policy applies).
fn ml_or_wle(answers: &[Observed<'_>], wle: bool) -> Option<f64> {
    let g = |t: f64| {
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
    };
    let asymptotes = answers
        .iter()
        .any(|o| matches!(o.params, IrtParams::Dichotomous { c, u, .. } if *c > 0.0 || *u < 1.0));
    if !asymptotes {
        return solve(g);
    }
    let objective = |t: f64| {
        let l: f64 = answers
            .iter()
            .map(|o| log_probability(o.params, t, o.category))
            .sum();
        if wle {
            let info = test_information(answers.iter().map(|o| o.params), t);
            l + 0.5 * crate::support::math::ln(info.max(MIN_INFORMATION))
        } else {
            l
        }
    };
    const STEPS: usize = 400;
    let at = |i: usize| -THETA_BOUND + 2.0 * THETA_BOUND * i as f64 / STEPS as f64;
    let mut best: Option<(f64, f64)> = None;
    let mut g_prev = g(at(0));
    for i in 1..=STEPS {
        let g_here = g(at(i));
        if g_prev > 0.0 && g_here <= 0.0 {
            let t = if g_here == 0.0 {
                at(i)
            } else {
                solve_in(&g, at(i - 1), at(i))?
            };
            let value = objective(t);
            if best.is_none_or(|(_, v)| value > v) {
                best = Some((t, value));
            }
        }
        g_prev = g_here;
    }
    let (t, value) = best?;
    if wle {
        return Some(t);
    }
    let ends = objective(-THETA_BOUND).max(objective(THETA_BOUND));
    (value >= ends).then_some(t)
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
    solve_in(&g, -THETA_BOUND, THETA_BOUND)
}

/// [`solve`] on [a, b].
fn solve_in(g: &impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> Option<f64> {
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
