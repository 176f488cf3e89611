//! Item response theory: the pure formulas, as free functions.
//!
//! Item parameters are [`IrtParams`](crate::IrtParams), always in
//! slope–intercept form on the logistic metric with the scaling constant D
//! already applied (the instrument format accepts a/b or slope–intercept
//! form and says which; see `docs/instrument-format.md`). A response to
//! an item is its *category*: 0 or 1 for a dichotomous item, 0 … K−1 for a
//! polytomous one ([`category_of_score`] maps an item score to its
//! category).
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
//! the bound; the instrument's [`ExtremePolicy`](crate::ExtremePolicy)
//! then says what to do, and the [`Estimate`] names the estimator actually
//! used and why.
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

// The model's formulas (`model`), the estimators built on them
// (`estimate`), scoring an instrument's responses (`score`), the fast batch
// EAP (`batch`) and adaptive testing (`cat`).
mod batch;
pub mod calibrate;
pub mod cat;
mod estimate;
mod model;
pub(crate) mod score;
#[cfg(test)]
mod tests;

pub use batch::eap_dichotomous_batch;
pub use estimate::{
    Estimate, Fallback, Observed, Quadrature, ScoringRule, THETA_BOUND, add_log_likelihood,
    eap_from_log_posterior, estimate,
};
pub use model::{
    InformationPoint, categories, category_probabilities, expected_score, information_curve,
    item_information, log_probability, se_from_information, test_information,
};
pub(crate) use score::score_checked;
pub use score::{IrtScore, category_of_score, item_categories};
