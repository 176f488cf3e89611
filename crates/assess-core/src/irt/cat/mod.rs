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

use std::collections::BTreeMap;

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::instrument::{EstimatorKind, ExtremePolicy, FormatKind, Instrument, IrtParams};
use crate::irt::{
    self, Estimate, Observed, Quadrature, ScoringRule, add_log_likelihood, eap_from_log_posterior,
    item_information,
};
use crate::responses::Answer;
use assess_text::json::{
    self, FromJson, JsonResult, Node, deserialize_via_json, json_names, json_struct,
};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind};

/// Version of the session format.
pub const SESSION_FORMAT: u32 = 1;

/// How an answer to a bank item becomes an IRT category.
#[derive(Clone, Debug, PartialEq)]
enum AnswerMap {
    /// Option keys and their categories (choice items).
    Options(Vec<(String, usize)>),
    /// A number x gives category x − min, or max − x when reverse keyed.
    Numeric { min: f64, max: f64, reverse: bool },
}

/// One item of a bank.
#[derive(Clone, Debug, PartialEq)]
pub struct BankItem {
    id: String,
    params: IrtParams,
    domain: Option<String>,
    answers: AnswerMap,
}

impl BankItem {
    /// An item answered directly by its category (`0 … K−1`), for synthetic
    /// banks and simulations.
    pub fn new(id: impl Into<String>, params: IrtParams, domain: Option<String>) -> Self {
        let top = (irt::categories(&params) - 1) as f64;
        BankItem {
            id: id.into(),
            params,
            domain,
            answers: AnswerMap::Numeric {
                min: 0.0,
                max: top,
                reverse: false,
            },
        }
    }
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Parameters.
    pub fn params(&self) -> &IrtParams {
        &self.params
    }
    /// Content domain.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }
}

/// The calibrated items of an instrument, with its scoring rule.
#[derive(Clone, Debug)]
pub struct ItemBank {
    reference: BankRef,
    items: Vec<BankItem>,
    domains: Vec<String>,
    domain_of: Vec<usize>,
    rule: ScoringRule,
    estimator: EstimatorKind,
    provisional: bool,
}

/// Which bank a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BankRef {
    /// Instrument identifier.
    pub id: String,
    /// Instrument version.
    pub version: String,
    /// Content hash of the instrument (or of a synthetic bank's items).
    pub hash: String,
}

impl ItemBank {
    /// The items of `instrument` that have IRT parameters, with its `[irt]`
    /// grid, prior, estimator and extreme-pattern policy.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::MissingKey`] when the instrument has no `[irt]`
    /// section or no item with parameters.
    pub fn from_instrument(instrument: &Instrument) -> Result<Self, Error> {
        let Some(settings) = instrument.irt() else {
            return Err(Error::single(
                Problem::new(
                    ProblemKind::MissingKey,
                    "irt",
                    format!(
                        "instrument `{}` has no `[irt]` section, so it cannot be given adaptively",
                        instrument.id()
                    ),
                )
                .with_hint(
                    "add item parameters and an `[irt]` section (see docs/instrument-format.md)",
                ),
            ));
        };
        let mut items = Vec::new();
        for (i, it) in instrument.items().iter().enumerate() {
            let Some(params) = it.irt() else { continue };
            let answers = match instrument.format_of(it).kind() {
                FormatKind::SingleChoice | FormatKind::ScoredChoice => AnswerMap::Options(
                    it.options()
                        .iter()
                        .enumerate()
                        .filter_map(|(o, opt)| {
                            let score = match instrument.format_of(it).kind() {
                                FormatKind::SingleChoice => {
                                    if it.key() == Some(o) {
                                        1.0
                                    } else {
                                        0.0
                                    }
                                }
                                _ => opt.score(),
                            };
                            irt::category_of_score(instrument, i, score)
                                .map(|k| (opt.key().to_owned(), k))
                        })
                        .collect(),
                ),
                FormatKind::Likert { min, max, .. } => AnswerMap::Numeric {
                    min: f64::from(*min),
                    max: f64::from(*max),
                    reverse: it.reverse(),
                },
                FormatKind::Binary { .. } => AnswerMap::Numeric {
                    min: 0.0,
                    max: 1.0,
                    reverse: it.reverse(),
                },
            };
            items.push(BankItem {
                id: it.id().to_owned(),
                params: params.clone(),
                domain: it.domain().map(str::to_owned),
                answers,
            });
        }
        if items.is_empty() {
            return Err(Error::single(Problem::new(
                ProblemKind::MissingKey,
                "items",
                format!(
                    "instrument `{}` has no item with `irt` parameters",
                    instrument.id()
                ),
            )));
        }
        let reference = BankRef {
            id: instrument.id().to_owned(),
            version: instrument.version().to_owned(),
            hash: instrument.hash().to_owned(),
        };
        Ok(Self::build(
            reference,
            items,
            ScoringRule::from_settings(settings),
            settings.estimator(),
            settings.status() != crate::Status::Validated,
        ))
    }

    /// A synthetic bank (simulations, benchmarks). Its hash is computed from
    /// the items' identifiers, parameters and domains.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::Empty`] for an empty bank, [`ProblemKind::DuplicateId`]
    /// for a repeated item identifier.
    pub fn new(
        id: &str,
        version: &str,
        items: Vec<BankItem>,
        rule: ScoringRule,
        estimator: EstimatorKind,
    ) -> Result<Self, Error> {
        if items.is_empty() {
            return Err(Error::single(Problem::new(
                ProblemKind::Empty,
                "items",
                "expected at least one item, found none",
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, it) in items.iter().enumerate() {
            if !seen.insert(it.id.as_str()) {
                return Err(Error::single(Problem::new(
                    ProblemKind::DuplicateId,
                    format!("items[{i}].id"),
                    format!("duplicate item id `{}`", it.id),
                )));
            }
        }
        let text: String = items
            .iter()
            .map(|it| format!("{}|{:?}|{:?}\n", it.id, it.params, it.domain))
            .collect();
        let reference = BankRef {
            id: id.to_owned(),
            version: version.to_owned(),
            hash: crate::content_hash(&text),
        };
        Ok(Self::build(reference, items, rule, estimator, true))
    }

    fn build(
        reference: BankRef,
        items: Vec<BankItem>,
        rule: ScoringRule,
        estimator: EstimatorKind,
        provisional: bool,
    ) -> Self {
        let mut domains: Vec<String> = items
            .iter()
            .map(|it| it.domain.clone().unwrap_or_default())
            .collect();
        domains.sort();
        domains.dedup();
        let domain_of = items
            .iter()
            .map(|it| {
                let d = it.domain.clone().unwrap_or_default();
                domains.binary_search(&d).unwrap_or(0)
            })
            .collect();
        ItemBank {
            reference,
            items,
            domains,
            domain_of,
            rule,
            estimator,
            provisional,
        }
    }

    /// Which bank this is.
    pub fn reference(&self) -> &BankRef {
        &self.reference
    }
    /// The items.
    pub fn items(&self) -> &[BankItem] {
        &self.items
    }
    /// The content domains, sorted (`""` for items without one).
    pub fn domains(&self) -> &[String] {
        &self.domains
    }
    /// Grid, prior and extreme-pattern policy.
    pub fn rule(&self) -> &ScoringRule {
        &self.rule
    }
    /// The instrument's default estimator.
    pub fn estimator(&self) -> EstimatorKind {
        self.estimator
    }
    /// Whether the parameters are not (yet) validated on the population.
    pub fn provisional(&self) -> bool {
        self.provisional
    }
    /// The bank's test information and SE at each point of its grid, for
    /// reports.
    pub fn information_curve(&self) -> Vec<irt::InformationPoint> {
        let params: Vec<IrtParams> = self.items.iter().map(|it| it.params.clone()).collect();
        irt::information_curve(&params, self.rule.quadrature().theta())
    }
    /// The index of the item with identifier `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.id == id)
    }

    /// The IRT category of an answer to item `index`.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::WrongAnswerType`] or [`ProblemKind::OutOfRange`] when
    /// the answer does not fit the item.
    pub fn category(&self, index: usize, answer: &Answer) -> Result<Option<usize>, Error> {
        let it = &self.items[index];
        let path = format!("answers.{}", it.id);
        let bad = |kind, msg: String| Err(Error::single(Problem::new(kind, path.clone(), msg)));
        match (answer, &it.answers) {
            (Answer::Skipped, _) => Ok(None),
            (Answer::Choice(k), AnswerMap::Options(opts)) => {
                match opts.iter().find(|(key, _)| key == k) {
                    Some((_, c)) => Ok(Some(*c)),
                    None => bad(
                        ProblemKind::OutOfRange,
                        format!(
                            "unknown option `{k}`; expected one of {}",
                            opts.iter()
                                .map(|(k, _)| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                }
            }
            (Answer::Number(x), AnswerMap::Numeric { min, max, reverse }) => {
                let c = if *reverse { max - x } else { x - min };
                if x.fract() == 0.0 && *x >= *min && *x <= *max {
                    // A whole number within the range: the cast is exact.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    Ok(Some(c as usize))
                } else {
                    bad(
                        ProblemKind::OutOfRange,
                        format!(
                            "expected a whole number from {} to {}, found {}",
                            Num(*min),
                            Num(*max),
                            Num(*x)
                        ),
                    )
                }
            }
            (Answer::Number(x), AnswerMap::Options(_)) => bad(
                ProblemKind::WrongAnswerType,
                format!(
                    "expected an option key (text), found the number {}",
                    Num(*x)
                ),
            ),
            (Answer::Choice(k), AnswerMap::Numeric { .. }) => bad(
                ProblemKind::WrongAnswerType,
                format!("expected a number, found the text `{k}`"),
            ),
        }
    }
}

/// Exposure control.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Exposure {
    /// Always the most informative item.
    #[default]
    None,
    /// At random among the `candidates` most informative items (Kingsbury &
    /// Zara 1989).
    Randomesque {
        /// How many top items to choose among (≥ 1).
        candidates: usize,
    },
    /// Sympson & Hetter (1985): a selected item is given with probability
    /// k_i (its exposure-control parameter, 1 when not listed), otherwise
    /// set aside for this person.
    SympsonHetter {
        /// k_i per item identifier, in (0, 1].
        rates: BTreeMap<String, f64>,
    },
}

/// Content balancing across domains.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Content {
    /// No balancing.
    #[default]
    None,
    /// Every domain of the bank gets the same share.
    Equal,
    /// Target shares per domain (relative weights; normalised).
    Targets {
        /// Weight per domain.
        shares: BTreeMap<String, f64>,
    },
}

/// The configuration of an adaptive test.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(default)]
pub struct CatConfig {
    /// Estimator of θ (the bank's default when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimator: Option<EstimatorKind>,
    /// Never stop before this many items.
    pub min_items: usize,
    /// Always stop at this many items.
    pub max_items: usize,
    /// Stop when the SE is at or below this (after `min_items`); `null`
    /// to run to the maximum length (absent: 0.3).
    pub target_se: Option<f64>,
    /// θ at which to choose the first item (the prior mean when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_theta: Option<f64>,
    /// Exposure control.
    pub exposure: Exposure,
    /// Content balancing.
    pub content: Content,
}

impl Default for CatConfig {
    fn default() -> Self {
        CatConfig {
            estimator: None,
            min_items: 5,
            max_items: 20,
            target_se: Some(0.3),
            start_theta: None,
            exposure: Exposure::None,
            content: Content::None,
        }
    }
}

impl CatConfig {
    /// The defaults: 5 to 20 items, stop at SE ≤ 0.3, the bank's
    /// estimator, no exposure control, no content balancing.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the estimator.
    pub fn estimator(mut self, e: EstimatorKind) -> Self {
        self.estimator = Some(e);
        self
    }
    /// Sets the minimum length.
    pub fn min_items(mut self, n: usize) -> Self {
        self.min_items = n;
        self
    }
    /// Sets the maximum length.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = n;
        self
    }
    /// Sets the SE target (`None`: run to the maximum length).
    pub fn target_se(mut self, se: impl Into<Option<f64>>) -> Self {
        self.target_se = se.into();
        self
    }
    /// Sets the starting θ.
    pub fn start_theta(mut self, t: f64) -> Self {
        self.start_theta = Some(t);
        self
    }
    /// Sets the exposure control.
    pub fn exposure(mut self, e: Exposure) -> Self {
        self.exposure = e;
        self
    }
    /// Sets the content balancing.
    pub fn content(mut self, c: Content) -> Self {
        self.content = c;
        self
    }

    /// Parses a configuration from JSON (absent keys take the defaults).
    ///
    /// # Errors
    ///
    /// [`ProblemKind::Syntax`] or [`ProblemKind::InvalidType`] with the
    /// line and column of malformed JSON.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        json::read(text, "config")
    }

    /// Checks the configuration against a bank, reporting every problem.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::InvalidValue`] or [`ProblemKind::UnknownReference`],
    /// one problem per bad key.
    pub fn validate(&self, bank: &ItemBank) -> Result<(), Error> {
        let mut p = Vec::new();
        let mut bad =
            |path: &str, msg: String| p.push(Problem::new(ProblemKind::InvalidValue, path, msg));
        if self.max_items == 0 {
            bad(
                "config.max_items",
                "expected at least 1 item, found 0".into(),
            );
        }
        if self.min_items > self.max_items {
            bad(
                "config.min_items",
                format!(
                    "expected at most `max_items` ({}), found {}",
                    self.max_items, self.min_items
                ),
            );
        }
        if let Some(se) = self.target_se {
            if !(se.is_finite() && se > 0.0) {
                bad(
                    "config.target_se",
                    format!("expected a number greater than 0, found {}", Num(se)),
                );
            }
        }
        if let Some(t) = self.start_theta {
            if !(t.is_finite() && t.abs() <= irt::THETA_BOUND) {
                bad(
                    "config.start_theta",
                    format!("expected a number from -10 to 10, found {}", Num(t)),
                );
            }
        }
        match &self.exposure {
            Exposure::Randomesque { candidates: 0 } => {
                bad(
                    "config.exposure.candidates",
                    "expected at least 1, found 0".into(),
                );
            }
            Exposure::SympsonHetter { rates } => {
                for (id, k) in rates {
                    if !(k.is_finite() && *k > 0.0 && *k <= 1.0) {
                        bad(
                            &format!("config.exposure.rates.{id}"),
                            format!("expected a probability in (0, 1], found {}", Num(*k)),
                        );
                    }
                }
            }
            _ => {}
        }
        if let Content::Targets { shares } = &self.content {
            if !shares.values().any(|w| *w > 0.0) {
                bad(
                    "config.content.shares",
                    "expected at least one positive share".into(),
                );
            }
            for (d, w) in shares {
                if !(w.is_finite() && *w >= 0.0) {
                    bad(
                        &format!("config.content.shares.{d}"),
                        format!("expected a share of 0 or more, found {}", Num(*w)),
                    );
                }
            }
        }
        if let Exposure::SympsonHetter { rates } = &self.exposure {
            for id in rates.keys() {
                if bank.index(id).is_none() {
                    p.push(Problem::new(
                        ProblemKind::UnknownReference,
                        format!("config.exposure.rates.{id}"),
                        format!("unknown item `{id}` in bank `{}`", bank.reference.id),
                    ));
                }
            }
        }
        if let Content::Targets { shares } = &self.content {
            for d in shares.keys() {
                if !bank.domains.contains(d) {
                    p.push(Problem::new(
                        ProblemKind::UnknownReference,
                        format!("config.content.shares.{d}"),
                        format!(
                            "unknown domain `{d}`; expected one of {}",
                            bank.domains
                                .iter()
                                .map(|d| format!("`{d}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(Error::new(p))
        }
    }
}

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

json_struct!(ignore BankRef { id: "id", version: "version", hash: "hash" });

/// Reads the `method` of an internally tagged object (`{"method": …}`).
fn method<T: Copy>(v: &Node<'_>, names: &[(&str, T)]) -> JsonResult<T> {
    v.object()?;
    match v.get("method") {
        Some(m) => m.variant(names).map_err(|p| json::within(p, "method")),
        None => Err(v.missing_field("method")),
    }
}

/// A field of an internally tagged object.
fn tagged_field<T: FromJson>(v: &Node<'_>, key: &str) -> JsonResult<T> {
    match v.get(key) {
        Some(x) => json::field(key, x),
        None => Err(v.missing_field(key)),
    }
}

impl FromJson for Exposure {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let names = [("none", 0), ("randomesque", 1), ("sympson_hetter", 2)];
        Ok(match method(v, &names)? {
            0 => Exposure::None,
            1 => Exposure::Randomesque {
                candidates: tagged_field(v, "candidates")?,
            },
            _ => Exposure::SympsonHetter {
                rates: tagged_field(v, "rates")?,
            },
        })
    }
}

impl FromJson for Content {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let names = [("none", 0), ("equal", 1), ("targets", 2)];
        Ok(match method(v, &names)? {
            0 => Content::None,
            1 => Content::Equal,
            _ => Content::Targets {
                shares: tagged_field(v, "shares")?,
            },
        })
    }
}

json_struct!(ignore CatConfig {
    estimator: "estimator" = None,
    min_items: "min_items" = CatConfig::default().min_items,
    max_items: "max_items" = CatConfig::default().max_items,
    target_se: "target_se" = CatConfig::default().target_se,
    start_theta: "start_theta" = None,
    exposure: "exposure" = Exposure::None,
    content: "content" = Content::None,
});
json_struct!(ignore Administered { item: "item", index: "index", category: "category" = None });
json_names!(StopReason {
    "se_reached" => SeReached,
    "max_items" => MaxItems,
    "bank_exhausted" => BankExhausted,
});
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
deserialize_via_json!(
    BankRef,
    Exposure,
    Content,
    CatConfig,
    Administered,
    NextItem,
    CatSession,
    StepOutcome
);

/// Chooses the θ at which the first item is selected.
pub trait Initializer {
    /// The starting θ.
    fn initial_theta(&self, bank: &ItemBank, config: &CatConfig) -> f64;
}

/// Chooses the next item.
pub trait Selector {
    /// The bank index of the next item at the estimate, or `None` when no
    /// item is left; may set items aside in `session` (exposure control).
    fn select(
        &self,
        bank: &ItemBank,
        session: &mut CatSession,
        theta: f64,
        rng: &mut dyn RngCore,
    ) -> Option<usize>;
}

/// Estimates θ from a session.
pub trait CatEstimator {
    /// The estimate from the session's answers.
    fn estimate(&self, bank: &ItemBank, session: &CatSession) -> Estimate;
}

/// Decides whether to stop.
pub trait Stopper {
    /// Why to stop now, or `None` to go on.
    fn stop(&self, session: &CatSession, estimate: &Estimate) -> Option<StopReason>;
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

/// Maximum Fisher information with the configuration's exposure control
/// and content balancing.
#[derive(Clone, Copy, Debug, Default)]
pub struct MaxInfo;

impl Selector for MaxInfo {
    fn select(
        &self,
        bank: &ItemBank,
        session: &mut CatSession,
        theta: f64,
        rng: &mut dyn RngCore,
    ) -> Option<usize> {
        let n = bank.items.len();
        let mut used = vec![false; n];
        for a in &session.administered {
            used[a.index] = true;
        }
        for &i in &session.set_aside {
            used[i] = true;
        }
        let domain = target_domain(bank, session, &used);
        let mut scored: Vec<(f64, usize)> = (0..n)
            .filter(|&i| !used[i] && domain.is_none_or(|d| bank.domain_of[i] == d))
            .map(|i| (item_information(&bank.items[i].params, theta), i))
            .collect();
        // Most informative first; ties by bank order, so the choice is
        // deterministic.
        let by_info = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        match &session.config.exposure {
            Exposure::None => scored.into_iter().min_by(by_info).map(|x| x.1),
            Exposure::Randomesque { candidates } => {
                let c = (*candidates).clamp(1, scored.len().max(1));
                if scored.is_empty() {
                    return None;
                }
                scored.select_nth_unstable_by(c - 1, by_info);
                scored[..c].sort_by(by_info);
                Some(scored[rng.random_range(0..c)].1)
            }
            Exposure::SympsonHetter { rates } => {
                scored.sort_by(by_info);
                let last = scored.last().map(|x| x.1);
                for &(_, i) in &scored {
                    let k = rates.get(&bank.items[i].id).copied().unwrap_or(1.0);
                    if rng.random::<f64>() < k {
                        return Some(i);
                    }
                    session.set_aside.push(i);
                }
                // Every candidate was set aside: give the least informative
                // one considered rather than end the test early.
                if let Some(i) = last {
                    session.set_aside.retain(|&x| x != i);
                }
                last
            }
        }
    }
}

/// The domain furthest below its target share that still has items
/// (Kingsbury & Zara 1989), or `None` without balancing.
fn target_domain(bank: &ItemBank, session: &CatSession, used: &[bool]) -> Option<usize> {
    let weights: Vec<f64> = match &session.config.content {
        Content::None => return None,
        Content::Equal => vec![1.0; bank.domains.len()],
        Content::Targets { shares } => bank
            .domains
            .iter()
            .map(|d| shares.get(d).copied().unwrap_or(0.0))
            .collect(),
    };
    let total: f64 = weights.iter().sum();
    let mut counts = vec![0usize; bank.domains.len()];
    for a in &session.administered {
        counts[bank.domain_of[a.index]] += 1;
    }
    let given = session.administered.len().max(1) as f64;
    let open: Vec<bool> = (0..bank.domains.len())
        .map(|d| (0..bank.items.len()).any(|i| !used[i] && bank.domain_of[i] == d))
        .collect();
    let best = (0..bank.domains.len())
        .filter(|&d| open[d] && weights[d] > 0.0)
        .max_by(|&x, &y| {
            let gx = weights[x] / total - counts[x] as f64 / given;
            let gy = weights[y] / total - counts[y] as f64 / given;
            gx.total_cmp(&gy).then(y.cmp(&x))
        });
    // When every targeted domain is used up, fall back to any item.
    best
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

/// The standard components.
const STANDARD: (StartTheta, MaxInfo, PosteriorEstimator, StopRules) =
    (StartTheta, MaxInfo, PosteriorEstimator, StopRules);

fn rng_for(session: &CatSession) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(session.seed);
    rng.set_stream(session.steps);
    rng
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

/// Picks the next item (or stops) and returns the outcome.
fn advance(
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
                s.bank.id,
                s.bank.version,
                s.bank.hash,
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
    if s.administered
        .iter()
        .any(|a| bank.items.get(a.index).is_none_or(|it| it.id != a.item))
        || s.set_aside.iter().any(|&i| i >= bank.items.len())
    {
        return bad(
            "session.administered",
            "an item does not match the bank".into(),
        );
    }
    match &s.pending {
        Some(p) if bank.items.get(p.index).is_some_and(|it| it.id == p.id) => {
            if s.administered.iter().any(|a| a.index == p.index) {
                return bad(
                    "session.pending",
                    format!("item `{}` was already given", p.id),
                );
            }
            Ok(p.index)
        }
        Some(p) => bad(
            "session.pending",
            format!("item `{}` is not item {} of the bank", p.id, p.index),
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

/// Results of a seeded simulation of a bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimulationSummary {
    /// `adaptive` or `fixed`.
    pub mode: &'static str,
    /// Simulated people.
    pub people: usize,
    /// The seed.
    pub seed: u64,
    /// Mean of θ̂ − θ.
    pub bias: f64,
    /// √mean (θ̂ − θ)².
    pub rmse: f64,
    /// Mean SE reported.
    pub mean_se: f64,
    /// Mean number of items given.
    pub mean_length: f64,
    /// Shortest and longest test.
    pub length_range: (usize, usize),
    /// How tests stopped: reason → count.
    pub stops: BTreeMap<String, usize>,
    /// Highest exposure rate (share of people who saw an item).
    pub max_exposure: f64,
    /// Items nobody saw.
    pub unused_items: usize,
    /// Exposure rate per item, in bank order.
    pub exposure: Vec<(String, f64)>,
    /// Estimators used (after fallbacks): name → count.
    pub estimators: BTreeMap<String, usize>,
}

/// Simulates `people` respondents with θ ~ N(prior) answering by the
/// model, either adaptively with `config` or on the whole bank in order
/// (`adaptive = false`, the fixed form, scored with the same estimator),
/// and summarises bias, RMSE, length and exposure.
///
/// # Errors
///
/// The configuration's problems.
///
/// # Example
///
/// ```
/// use assess_core::cat::{CatConfig, simulate, synthetic_bank};
/// let bank = synthetic_bank(100, 2, 1)?;
/// let config = CatConfig::new().max_items(15).target_se(0.4);
/// let s = simulate(&bank, &config, 50, 9, true)?;
/// assert!(s.mean_length <= 15.0 && s.rmse.is_finite());
/// assert_eq!(s, simulate(&bank, &config, 50, 9, true)?, "same seed, same figures");
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn simulate(
    bank: &ItemBank,
    config: &CatConfig,
    people: usize,
    seed: u64,
    adaptive: bool,
) -> Result<SimulationSummary, Error> {
    Ok(run_simulation(bank, config, people, seed, adaptive)?.0)
}

/// [`simulate`], and how often each item was selected.
fn run_simulation(
    bank: &ItemBank,
    config: &CatConfig,
    people: usize,
    seed: u64,
    adaptive: bool,
) -> Result<(SimulationSummary, Vec<usize>), Error> {
    config.validate(bank)?;
    let mut rng = crate::support::random::seeded_rng(seed);
    let (mean, sd) = bank.rule.quadrature().prior();
    let n_items = bank.items.len();
    let mut seen = vec![0usize; n_items];
    // Times each item was selected: given, or set aside by Sympson–Hetter.
    let mut selected = vec![0usize; n_items];
    let (mut bias, mut sq, mut se_sum, mut len_sum) = (0.0, 0.0, 0.0, 0usize);
    let mut range = (usize::MAX, 0usize);
    let mut stops = BTreeMap::new();
    let mut used = BTreeMap::new();
    let answer = |p: &IrtParams, theta: f64, rng: &mut ChaCha8Rng| -> usize {
        let u: f64 = rng.random();
        let mut acc = 0.0;
        let probs = irt::category_probabilities(p, theta);
        probs
            .iter()
            .position(|pk| {
                acc += pk;
                u < acc
            })
            .unwrap_or(probs.len() - 1)
    };
    for person in 0..people {
        let theta = mean + sd * crate::support::random::standard_normal(&mut rng);
        let (est, given): (Estimate, Vec<usize>) = if adaptive {
            let mut out = start(
                bank,
                config.clone(),
                seed ^ (person as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            )?;
            while let Some(next) = out.next.clone() {
                let k = answer(&bank.items[next.index].params, theta, &mut rng);
                out = step_category(bank, out.session, k)?;
            }
            *stops
                .entry(
                    out.stop
                        .unwrap_or(StopReason::BankExhausted)
                        .as_str()
                        .to_owned(),
                )
                .or_insert(0) += 1;
            for &i in &out.session.set_aside {
                selected[i] += 1;
            }
            (
                out.estimate,
                out.session.administered.iter().map(|a| a.index).collect(),
            )
        } else {
            let cats: Vec<usize> = bank
                .items
                .iter()
                .map(|it| answer(&it.params, theta, &mut rng))
                .collect();
            let obs: Vec<Observed<'_>> = bank
                .items
                .iter()
                .zip(&cats)
                .filter_map(|(it, &k)| Observed::new(&it.params, k).ok())
                .collect();
            let e = irt::estimate(&obs, &bank.rule, config.estimator.unwrap_or(bank.estimator));
            *stops.entry("fixed_form".to_owned()).or_insert(0) += 1;
            (e, (0..n_items).collect())
        };
        for &i in &given {
            seen[i] += 1;
            selected[i] += 1;
        }
        bias += est.theta - theta;
        sq += (est.theta - theta) * (est.theta - theta);
        se_sum += est.se;
        len_sum += given.len();
        range = (range.0.min(given.len()), range.1.max(given.len()));
        *used.entry(est.estimator.as_str().to_owned()).or_insert(0) += 1;
    }
    let n = people.max(1) as f64;
    let exposure: Vec<(String, f64)> = bank
        .items
        .iter()
        .zip(&seen)
        .map(|(it, &c)| (it.id.clone(), c as f64 / n))
        .collect();
    let summary = SimulationSummary {
        mode: if adaptive { "adaptive" } else { "fixed" },
        people,
        seed,
        bias: bias / n,
        rmse: (sq / n).sqrt(),
        mean_se: se_sum / n,
        mean_length: len_sum as f64 / n,
        length_range: if people == 0 { (0, 0) } else { range },
        stops,
        max_exposure: exposure.iter().map(|x| x.1).fold(0.0, f64::max),
        unused_items: seen.iter().filter(|&&c| c == 0).count(),
        exposure,
        estimators: used,
    };
    Ok((summary, selected))
}

/// Sympson & Hetter's (1985) exposure-control parameters, found by their
/// iterative simulation: start with k_i = 1; in each of `rounds` rounds
/// simulate `people` adaptive tests with the current k and the selection
/// rate P(S_i) of every item, then set k_i = r_max / P(S_i) where
/// P(S_i) > r_max and k_i = 1 elsewhere. The result goes into
/// [`Exposure::SympsonHetter`]; items with k_i = 1 are left out. Each
/// round uses its own seed derived from `seed`.
///
/// # Errors
///
/// [`ProblemKind::InvalidValue`] unless 0 < r_max ≤ 1 and rounds ≥ 1; the
/// configuration's problems.
///
/// # Example
///
/// ```
/// use assess_core::cat::{CatConfig, Exposure, calibrate_sympson_hetter, simulate, synthetic_bank};
/// let bank = synthetic_bank(100, 1, 3)?;
/// let config = CatConfig::new().min_items(10).max_items(10).target_se(None);
/// let rates = calibrate_sympson_hetter(&bank, &config, 0.3, 200, 4, 1)?;
/// let controlled = config.exposure(Exposure::SympsonHetter { rates });
/// let s = simulate(&bank, &controlled, 200, 99, true)?;
/// assert!(s.max_exposure < 0.45);
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn calibrate_sympson_hetter(
    bank: &ItemBank,
    config: &CatConfig,
    r_max: f64,
    people: usize,
    rounds: usize,
    seed: u64,
) -> Result<BTreeMap<String, f64>, Error> {
    if !(r_max > 0.0 && r_max <= 1.0) || rounds == 0 {
        return Err(Error::single(Problem::new(
            ProblemKind::InvalidValue,
            "sympson_hetter",
            format!(
                "expected 0 < r_max ≤ 1 and at least one round, found r_max {}, {rounds} rounds",
                Num(r_max)
            ),
        )));
    }
    let mut rates: BTreeMap<String, f64> = BTreeMap::new();
    for round in 0..rounds {
        let c = config.clone().exposure(Exposure::SympsonHetter {
            rates: rates.clone(),
        });
        let (_, selected) =
            run_simulation(bank, &c, people, seed.wrapping_add(round as u64), true)?;
        let n = people.max(1) as f64;
        rates = bank
            .items
            .iter()
            .zip(&selected)
            .filter_map(|(it, &s)| {
                let p = s as f64 / n;
                (p > r_max).then(|| (it.id.clone(), r_max / p))
            })
            .collect();
    }
    Ok(rates)
}

/// A synthetic 2PL bank of `n` items (a ~ U(0.8, 2.0), b ~ N(0, 1)) in
/// `domains` domains, from a seeded generator: for benchmarks and tests,
/// never for people.
pub fn synthetic_bank(n: usize, domains: usize, seed: u64) -> Result<ItemBank, Error> {
    let mut rng = crate::support::random::seeded_rng(seed);
    let items = (0..n)
        .map(|i| {
            let a = 0.8 + 1.2 * rng.random::<f64>();
            let b = crate::support::random::standard_normal(&mut rng);
            BankItem::new(
                format!("X{i:04}"),
                IrtParams::Dichotomous {
                    model: crate::IrtModel::TwoPl,
                    a,
                    d: -a * b,
                    c: 0.0,
                    u: 1.0,
                },
                Some(format!("D{}", i % domains.max(1))),
            )
        })
        .collect();
    ItemBank::new(
        "synthetic-2pl",
        "0.0.0",
        items,
        ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap),
        EstimatorKind::Eap,
    )
}
