//! Computerised adaptive testing: a session that is plain data, and a
//! stateless step.
//!
//! An [`ItemBank`] is the calibrated items of an instrument (or a synthetic
//! bank). A [`CatSession`] is everything an adaptive test needs to go on —
//! the bank it belongs to (id, version, content hash), the configuration,
//! the caller's seed and a step counter, the items given and their answers,
//! and the log posterior of θ on the quadrature grid — as serde data, so a
//! browser can keep it in local storage and a server can resume it. The
//! stateless [`step`] takes a session and the answer to its pending item,
//! adds that answer's log-likelihood to the stored posterior (O(grid points):
//! the history is never replayed), re-estimates θ, checks the stopping
//! rules and picks the next item.
//!
//! The parts follow catsim's split (initialise, select, estimate, stop) as
//! traits with explicit state — [`Initializer`], [`Selector`],
//! [`CatEstimator`], [`Stopper`] — with the standard implementations
//! [`StartTheta`], [`MaxInfo`], [`PosteriorEstimator`] and [`StopRules`];
//! [`step_with`] runs any combination.
//!
//! The files follow the same split:
//!
//! | file | catsim's part | what it holds |
//! |---|---|---|
//! | `bank.rs` | the item matrix | [`ItemBank`], [`BankItem`], [`BankRef`]: the items, their domains, how an answer becomes a category, the information curve |
//! | `config.rs` | — | [`CatConfig`] with [`Exposure`] and [`Content`]: reading from JSON, checking against a bank |
//! | `initialise.rs` | initialization | [`Initializer`], [`StartTheta`]; [`start`] and [`start_with`], which select the first item |
//! | `select.rs` | selection | [`Selector`], [`MaxInfo`]: maximum information, randomesque and Sympson–Hetter exposure control, content balancing |
//! | `estimate.rs` | estimation | [`CatEstimator`], [`PosteriorEstimator`]: θ after each answer, with the extreme-pattern fallbacks |
//! | `stop.rs` | stopping | [`Stopper`], [`StopRules`], [`StopReason`] |
//! | `session.rs` | the simulator's loop, one step at a time | [`CatSession`] and its JSON, the checks of a stored session, [`step`], [`step_with`], [`step_category`], [`start_json`], [`step_json`] |
//! | `simulation.rs` | simulation | [`simulate`], [`calibrate_sympson_hetter`], [`synthetic_bank`] |
//!
//! `tests/` holds unit tests of each part, one file per part, on a small
//! hand-made 2PL bank.
//!
//! - Selection: maximum Fisher information at the current θ (Lord 1980),
//!   with exposure control by the randomesque method (choose at random among
//!   the n most informative; Kingsbury & Zara 1989) or by Sympson & Hetter
//!   (1985): the selected item is given with probability k_i, otherwise it
//!   is set aside for this person and the next best is tried.
//! - Content balancing (Kingsbury & Zara 1989): the next item comes from the
//!   domain furthest below its target share.
//! - Stopping: SE target (after a minimum length), maximum length, or an
//!   exhausted bank.
//!
//! Randomness comes only from the caller's seed: the generator of step s is
//! ChaCha8 seeded with the session's seed on stream s, so a resumed session
//! makes the same choices as an uninterrupted one, on every platform.
//!
//! ```
//! use assess_core::cat::{CatConfig, ItemBank, start, step};
//! use assess_core::{Answer, Instrument};
//!
//! let inst = Instrument::from_toml(include_str!("../../../../../instruments/aptitude.toml"))?;
//! let bank = ItemBank::from_instrument(&inst)?;
//! let mut out = start(&bank, CatConfig::new().max_items(8).target_se(0.5), 42)?;
//! while let Some(next) = out.next.clone() {
//!     // A respondent who gets every item right.
//!     let item = inst.item(&next.id).unwrap();
//!     let key = item.options()[item.key().unwrap()].key().to_owned();
//!     out = step(&bank, out.session, &Answer::Choice(key))?;
//! }
//! assert!(out.session.administered.len() <= 8);
//! assert!(out.estimate.theta > 1.0);
//! # Ok::<(), assess_core::Error>(())
//! ```

mod bank;
mod config;
mod estimate;
mod initialise;
mod select;
mod session;
mod simulation;
mod stop;
#[cfg(test)]
mod tests;

pub use bank::{BankItem, BankRef, ItemBank};
pub use config::{CatConfig, Content, Exposure};
pub use estimate::{CatEstimator, PosteriorEstimator};
pub use initialise::{Initializer, StartTheta, start, start_with};
pub use select::{MaxInfo, Selector};
pub use session::{
    Administered, CatSession, NextItem, SESSION_FORMAT, StepOutcome, start_json, step,
    step_category, step_json, step_with,
};
pub use simulation::{SimulationSummary, calibrate_sympson_hetter, simulate, synthetic_bank};
pub use stop::{StopReason, StopRules, Stopper};
