//! The session and its steps: [`CatSession`] is everything an adaptive
//! test needs to go on, as plain serialisable data, and [`step`] is
//! stateless — it checks a stored session against the bank, absorbs the
//! answer to the pending item into the log posterior, re-estimates θ
//! (`estimate.rs`), and stops (`stop.rs`) or selects the next item
//! (`select.rs`). This is catsim's simulator loop taken apart so that one
//! turn of it can run in a browser or on any server instance. Also the
//! JSON-in, JSON-out [`start_json`] and [`step_json`] for bindings.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{
    BankRef, CatConfig, CatEstimator, ItemBank, MaxInfo, PosteriorEstimator, Selector, StartTheta,
    StopReason, StopRules, Stopper, start,
};
use crate::irt::{self, Estimate, add_log_likelihood};
use crate::responses::Answer;
use assess_text::json::{self, deserialize_via_json, json_struct};
use assess_text::problem::{Error, Problem, ProblemKind, shown};

/// Version of the session format.
pub const SESSION_FORMAT: u32 = 1;

/// An item given in a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Administered {
    /// Item identifier.
    pub item: String,
    /// Index in the bank.
    pub index: usize,
    /// Category answered; `None` when the person skipped it.
    pub category: Option<usize>,
}

/// The next item to present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextItem {
    /// Index in the bank.
    pub index: usize,
    /// Item identifier (as in the instrument).
    pub id: String,
}

/// An adaptive session: plain, serialisable data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CatSession {
    /// Session format version ([`SESSION_FORMAT`]).
    pub format: u32,
    /// The bank it belongs to; a session for another bank is refused.
    pub bank: BankRef,
    /// The configuration.
    pub config: CatConfig,
    /// The caller's seed.
    pub seed: u64,
    /// Steps taken so far (the random stream of the next step).
    pub steps: u64,
    /// Items given, in order, with their answers.
    pub administered: Vec<Administered>,
    /// Items set aside for this person by Sympson–Hetter exposure control.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<usize>,
    /// ln posterior of θ on the bank's grid, up to a constant (max 0).
    pub log_posterior: Vec<f64>,
    /// The current estimate.
    pub estimate: Estimate,
    /// The item waiting for an answer.
    pub pending: Option<NextItem>,
    /// Why the session stopped, once it has.
    pub stopped: Option<StopReason>,
}

impl CatSession {
    /// Parses a session from JSON.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::Syntax`] or [`ProblemKind::InvalidType`] with the
    /// line and column of malformed JSON.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        json::read(text, "session")
    }
    /// The session as JSON text.
    pub fn to_json(&self) -> String {
        json::to_string(self).unwrap_or_default()
    }
    /// Items answered (not skipped).
    pub fn answered(&self) -> usize {
        self.administered
            .iter()
            .filter(|a| a.category.is_some())
            .count()
    }
}

/// What a step returns: the new session, the estimate, and the next item or
/// why the test stopped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepOutcome {
    /// The updated session (store it; pass it to the next [`step`]).
    pub session: CatSession,
    /// The current estimate.
    pub estimate: Estimate,
    /// The next item, unless the test stopped.
    pub next: Option<NextItem>,
    /// Why the test stopped, if it did.
    pub stop: Option<StopReason>,
}

// ---- reading from JSON (see `json`) ----------------------------------------

json_struct!(ignore Administered { item: "item", index: "index", category: "category" = None });
json_struct!(ignore NextItem { index: "index", id: "id" });
json_struct!(ignore CatSession {
    format: "format",
    bank: "bank",
    config: "config",
    seed: "seed",
    steps: "steps",
    administered: "administered",
    set_aside: "set_aside" = Vec::new(),
    log_posterior: "log_posterior",
    estimate: "estimate",
    pending: "pending" = None,
    stopped: "stopped" = None,
});
json_struct!(ignore StepOutcome {
    session: "session",
    estimate: "estimate",
    next: "next" = None,
    stop: "stop" = None,
});
deserialize_via_json!(Administered, NextItem, CatSession, StepOutcome);

// ---- the steps ------------------------------------------------------------

/// The standard components.
pub(super) const STANDARD: (StartTheta, MaxInfo, PosteriorEstimator, StopRules) =
    (StartTheta, MaxInfo, PosteriorEstimator, StopRules);

fn rng_for(session: &CatSession) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(session.seed);
    rng.set_stream(session.steps);
    rng
}

/// Picks the next item (or stops) and returns the outcome.
pub(super) fn advance(
    bank: &ItemBank,
    mut session: CatSession,
    theta: f64,
    select: &dyn Selector,
    stop: &dyn Stopper,
) -> StepOutcome {
    let estimate = session.estimate;
    let mut reason = stop.stop(&session, &estimate);
    if reason.is_none() {
        let mut rng = rng_for(&session);
        match select.select(bank, &mut session, theta, &mut rng) {
            Some(i) => {
                session.pending = Some(NextItem {
                    index: i,
                    id: bank.items[i].id.clone(),
                });
            }
            None => reason = Some(StopReason::BankExhausted),
        }
    }
    session.steps = session.steps.wrapping_add(1);
    if reason.is_some() {
        session.pending = None;
    }
    session.stopped = reason;
    StepOutcome {
        next: session.pending.clone(),
        stop: reason,
        estimate,
        session,
    }
}

/// One stateless step with the standard components: absorbs the answer to
/// the session's pending item, re-estimates θ, and selects the next item or
/// stops. An [`Answer::Skipped`] counts towards the length but not the
/// estimate.
///
/// # Errors
///
/// [`ProblemKind::Inconsistent`] when the session belongs to another bank,
/// has stopped or is malformed; the answer's problems from
/// [`ItemBank::category`].
pub fn step(bank: &ItemBank, session: CatSession, answer: &Answer) -> Result<StepOutcome, Error> {
    step_with(bank, session, answer, &STANDARD.1, &STANDARD.2, &STANDARD.3)
}

/// [`step`] with the answer given directly as a category (simulations).
///
/// # Errors
///
/// As [`step`].
pub fn step_category(
    bank: &ItemBank,
    session: CatSession,
    category: usize,
) -> Result<StepOutcome, Error> {
    let idx = pending_index(bank, &session)?;
    let top = irt::categories(&bank.items[idx].params) - 1;
    if category > top {
        return Err(Error::single(Problem::new(
            ProblemKind::OutOfRange,
            format!("answers.{}", bank.items[idx].id),
            format!("expected a category from 0 to {top}, found {category}"),
        )));
    }
    absorb(
        bank,
        session,
        idx,
        Some(category),
        &STANDARD.1,
        &STANDARD.2,
        &STANDARD.3,
    )
}

/// [`step`] with chosen components.
///
/// # Errors
///
/// As [`step`].
pub fn step_with(
    bank: &ItemBank,
    session: CatSession,
    answer: &Answer,
    select: &dyn Selector,
    estimator: &dyn CatEstimator,
    stop: &dyn Stopper,
) -> Result<StepOutcome, Error> {
    let idx = pending_index(bank, &session)?;
    let category = bank.category(idx, answer)?;
    absorb(bank, session, idx, category, select, estimator, stop)
}

fn absorb(
    bank: &ItemBank,
    mut session: CatSession,
    idx: usize,
    category: Option<usize>,
    select: &dyn Selector,
    estimator: &dyn CatEstimator,
    stop: &dyn Stopper,
) -> Result<StepOutcome, Error> {
    let item = &bank.items[idx];
    if let Some(k) = category {
        add_log_likelihood(
            &mut session.log_posterior,
            bank.rule.quadrature().theta(),
            &item.params,
            k,
        );
        // Keep the maximum at 0: the numbers stay small in JSON and never
        // drift towards −∞ however long the test.
        let m = session
            .log_posterior
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        for l in &mut session.log_posterior {
            *l -= m;
        }
    }
    session.administered.push(Administered {
        item: item.id.clone(),
        index: idx,
        category,
    });
    session.pending = None;
    session.estimate = estimator.estimate(bank, &session);
    let theta = session.estimate.theta;
    Ok(advance(bank, session, theta, select, stop))
}

/// Checks the session against the bank; the index of its pending item.
fn pending_index(bank: &ItemBank, s: &CatSession) -> Result<usize, Error> {
    let bad = |path: &str, msg: String| {
        Err(Error::single(Problem::new(
            ProblemKind::Inconsistent,
            path,
            msg,
        )))
    };
    if s.format != SESSION_FORMAT {
        return bad(
            "session.format",
            format!(
                "expected session format {SESSION_FORMAT}, found {}",
                s.format
            ),
        );
    }
    if s.bank != bank.reference {
        return bad(
            "session.bank",
            format!(
                "the session belongs to `{}` {} ({}), not to `{}` {} ({})",
                shown(&s.bank.id),
                shown(&s.bank.version),
                shown(&s.bank.hash),
                bank.reference.id,
                bank.reference.version,
                bank.reference.hash
            ),
        );
    }
    // A stored session may have been edited: its configuration is checked
    // again, like a new one.
    s.config.validate(bank)?;
    if let Some(r) = s.stopped {
        return bad(
            "session.stopped",
            format!("the session has stopped ({}); start a new one", r.as_str()),
        );
    }
    let q = bank.rule.quadrature().theta().len();
    if s.log_posterior.len() != q || s.log_posterior.iter().any(|x| !x.is_finite()) {
        return bad(
            "session.log_posterior",
            format!("expected {q} finite numbers"),
        );
    }
    // Each item is given at most once: a session that repeats one (edited
    // by hand, or replayed to try each option of an item) is refused.
    let mut given = vec![false; bank.items.len()];
    for (i, a) in s.administered.iter().enumerate() {
        if bank.items.get(a.index).is_none_or(|it| it.id != a.item) {
            return bad(
                &format!("session.administered[{i}]"),
                format!(
                    "item `{}` is not item {} of the bank",
                    shown(&a.item),
                    a.index
                ),
            );
        }
        if std::mem::replace(&mut given[a.index], true) {
            return bad(
                &format!("session.administered[{i}]"),
                format!("item `{}` is given twice", shown(&a.item)),
            );
        }
    }
    if s.set_aside.iter().any(|&i| i >= bank.items.len()) {
        return bad(
            "session.set_aside",
            format!("expected item indices below {}", bank.items.len()),
        );
    }
    match &s.pending {
        Some(p) if bank.items.get(p.index).is_some_and(|it| it.id == p.id) => {
            if given[p.index] {
                return bad(
                    "session.pending",
                    format!("item `{}` was already given", shown(&p.id)),
                );
            }
            Ok(p.index)
        }
        Some(p) => bad(
            "session.pending",
            format!(
                "item `{}` is not item {} of the bank",
                shown(&p.id),
                p.index
            ),
        ),
        None => bad("session.pending", "no item is waiting for an answer".into()),
    }
}

/// [`start`] with JSON text in and out, for bindings (WebAssembly, a
/// server's HTTP handler): `config` is a [`CatConfig`] as JSON (`{}` for the
/// defaults); returns a [`StepOutcome`] as JSON.
///
/// # Errors
///
/// Malformed JSON (located by line and column) and the configuration's
/// problems.
///
/// # Example
///
/// ```
/// use assess_core::cat::{ItemBank, start_json, step_json};
/// let inst = assess_core::Instrument::from_toml(include_str!("../../../../../instruments/aptitude.toml"))?;
/// let bank = ItemBank::from_instrument(&inst)?;
/// let out: serde_json::Value = serde_json::from_str(&start_json(&bank, r#"{"max_items": 10}"#, 7)?).unwrap();
/// let first = out["next"]["id"].as_str().unwrap();
/// assert!(inst.item(first).is_some());
/// // The browser keeps `session` and sends it back with the answer.
/// let out: serde_json::Value =
///     serde_json::from_str(&step_json(&bank, &out["session"].to_string(), r#""B""#)?).unwrap();
/// assert_eq!(out["session"]["administered"][0]["item"], first);
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn start_json(bank: &ItemBank, config: &str, seed: u64) -> Result<String, Error> {
    let config = CatConfig::from_json(config)?;
    Ok(outcome_json(&start(bank, config, seed)?))
}

/// [`step`] with JSON text in and out: `session` as returned in the last
/// outcome's `session`, `answer` the JSON of an [`Answer`] (an option key
/// such as `"B"`, a number, `"skipped"` or `null`); returns a
/// [`StepOutcome`] as JSON.
///
/// # Errors
///
/// Malformed JSON, a session for another bank or already stopped, an answer
/// that does not fit the pending item.
pub fn step_json(bank: &ItemBank, session: &str, answer: &str) -> Result<String, Error> {
    let session = CatSession::from_json(session)?;
    let answer: Answer = json::read(answer, "answer")?;
    Ok(outcome_json(&step(bank, session, &answer)?))
}

fn outcome_json(o: &StepOutcome) -> String {
    // Plain data with finite numbers: serialisation cannot fail.
    json::to_string(o).unwrap_or_default()
}
