//! Initialisation (catsim's `initialization`): the θ at which the first
//! item is chosen — `config.start_theta`, or the prior mean — and
//! [`start`], which makes a new session and selects its first item. There
//! are no random starts: the first item is chosen at the starting θ by the
//! same rules as every later one (`select.rs`), so only the configuration's
//! exposure control makes it vary between sessions.

use super::session::{STANDARD, advance};
use super::{
    CatConfig, CatEstimator, CatSession, ItemBank, SESSION_FORMAT, Selector, StepOutcome, Stopper,
};
use crate::irt::eap_from_log_posterior;
use assess_text::problem::Error;

/// Chooses the θ at which the first item is selected.
pub trait Initializer {
    /// The starting θ.
    fn initial_theta(&self, bank: &ItemBank, config: &CatConfig) -> f64;
}

/// Starts at `config.start_theta`, or the prior mean.
#[derive(Clone, Copy, Debug, Default)]
pub struct StartTheta;

impl Initializer for StartTheta {
    fn initial_theta(&self, bank: &ItemBank, config: &CatConfig) -> f64 {
        config
            .start_theta
            .unwrap_or(bank.rule.quadrature().prior().0)
    }
}

/// Starts an adaptive session on `bank` with the standard components:
/// selects the first item at the starting θ.
///
/// # Errors
///
/// The problems of [`CatConfig::validate`].
pub fn start(bank: &ItemBank, config: CatConfig, seed: u64) -> Result<StepOutcome, Error> {
    start_with(
        bank,
        config,
        seed,
        &STANDARD.0,
        &STANDARD.1,
        &STANDARD.2,
        &STANDARD.3,
    )
}

/// [`start`] with chosen components.
///
/// # Errors
///
/// The problems of [`CatConfig::validate`].
pub fn start_with(
    bank: &ItemBank,
    config: CatConfig,
    seed: u64,
    init: &dyn Initializer,
    select: &dyn Selector,
    estimator: &dyn CatEstimator,
    stop: &dyn Stopper,
) -> Result<StepOutcome, Error> {
    config.validate(bank)?;
    let log_posterior = bank.rule.quadrature().log_prior().to_vec();
    let mut session = CatSession {
        format: SESSION_FORMAT,
        bank: bank.reference.clone(),
        config,
        seed,
        steps: 0,
        administered: Vec::new(),
        set_aside: Vec::new(),
        estimate: eap_from_log_posterior(bank.rule.quadrature().theta(), &log_posterior),
        log_posterior,
        pending: None,
        stopped: None,
    };
    session.estimate = estimator.estimate(bank, &session);
    let theta = init.initial_theta(bank, &session.config);
    Ok(advance(bank, session, theta, select, stop))
}
