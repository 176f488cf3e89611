//! Stopping (catsim's `stopping`): the maximum length, or the SE at or
//! below its target once the minimum length is reached; and
//! [`StopReason`], which also names the third way a test ends — an
//! exhausted bank, decided when selection finds no item left.

use serde::{Deserialize, Serialize};

use super::CatSession;
use crate::irt::Estimate;
use assess_text::json::json_names;

/// Why a session stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The SE reached its target after the minimum length.
    SeReached,
    /// The maximum length was reached.
    MaxItems,
    /// No item is left to give.
    BankExhausted,
}

impl StopReason {
    /// The name as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StopReason::SeReached => "se_reached",
            StopReason::MaxItems => "max_items",
            StopReason::BankExhausted => "bank_exhausted",
        }
    }
}

json_names!(StopReason {
    "se_reached" => SeReached,
    "max_items" => MaxItems,
    "bank_exhausted" => BankExhausted,
});

/// Decides whether to stop.
pub trait Stopper {
    /// Why to stop now, or `None` to go on.
    fn stop(&self, session: &CatSession, estimate: &Estimate) -> Option<StopReason>;
}

/// SE target after the minimum length, maximum length.
#[derive(Clone, Copy, Debug, Default)]
pub struct StopRules;

impl Stopper for StopRules {
    fn stop(&self, session: &CatSession, estimate: &Estimate) -> Option<StopReason> {
        let c = &session.config;
        let n = session.administered.len();
        if n >= c.max_items {
            Some(StopReason::MaxItems)
        } else if n >= c.min_items && c.target_se.is_some_and(|t| estimate.se <= t) {
            Some(StopReason::SeReached)
        } else {
            None
        }
    }
}
