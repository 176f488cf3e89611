//! Estimation (catsim's `estimation`): θ after each answer. EAP comes
//! from the session's stored log posterior in O(grid points); MAP, ML and
//! WLE from the answered items with [`irt::estimate`], whose extreme-pattern
//! policy decides what happens when all answers are right or all wrong (or
//! no root exists); an EAP fallback is again computed from the stored
//! posterior.

use super::{CatSession, ItemBank};
use crate::instrument::EstimatorKind;
use crate::irt::{self, Estimate, Observed, eap_from_log_posterior};

/// Estimates θ from a session.
pub trait CatEstimator {
    /// The estimate from the session's answers.
    fn estimate(&self, bank: &ItemBank, session: &CatSession) -> Estimate;
}

/// EAP from the stored log posterior (O(grid points)); MAP, ML and WLE from
/// the answered items, with the bank's extreme-pattern policy.
#[derive(Clone, Copy, Debug, Default)]
pub struct PosteriorEstimator;

impl CatEstimator for PosteriorEstimator {
    fn estimate(&self, bank: &ItemBank, session: &CatSession) -> Estimate {
        let kind = session.config.estimator.unwrap_or(bank.estimator);
        if kind == EstimatorKind::Eap {
            return eap_from_log_posterior(bank.rule.quadrature().theta(), &session.log_posterior);
        }
        let obs: Vec<Observed<'_>> = session
            .administered
            .iter()
            .filter_map(|a| Observed::new(&bank.items[a.index].params, a.category?).ok())
            .collect();
        let e = irt::estimate(&obs, &bank.rule, kind);
        if e.estimator == EstimatorKind::Eap {
            // The fallback's EAP, from the same posterior.
            let mut g =
                eap_from_log_posterior(bank.rule.quadrature().theta(), &session.log_posterior);
            g.requested = e.requested;
            g.fallback = e.fallback;
            return g;
        }
        e
    }
}
