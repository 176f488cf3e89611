//! The configuration of an adaptive test: [`CatConfig`] with its exposure
//! control ([`Exposure`]) and content balancing ([`Content`]), its option
//! builders, its reading from JSON (absent keys take the defaults) and its
//! validation against a bank, which reports every problem at once. Every
//! stage reads its settings from here: the initial θ, the selection rules,
//! the estimator and the stopping rules.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ItemBank;
use crate::instrument::EstimatorKind;
use crate::irt;
use assess_text::json::{self, FromJson, JsonResult, Node, deserialize_via_json, json_struct};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind, shown};

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
                        format!(
                            "unknown item `{}` in bank `{}`",
                            shown(id),
                            bank.reference.id
                        ),
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
                            "unknown domain `{}`; expected one of {}",
                            shown(d),
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

// ---- reading from JSON (see `json`) ----------------------------------------

/// Reads the `method` of an internally tagged object (`{"method": …}`).
fn method<T: Copy>(v: &Node<'_>, names: &[(&str, T)]) -> JsonResult<T> {
    v.object()?;
    match v.get("method") {
        Some(m) => m.variant(names).map_err(|p| json::within(p, "method")),
        None => Err(v.missing_field("method")),
    }
}

/// Refuses a key of an internally tagged object that its method does not
/// read (`keys`, besides `method`), as every other input refuses unknown
/// keys.
fn only_keys(v: &Node<'_>, keys: &[&str]) -> JsonResult<()> {
    for (k, _) in v.object()? {
        if k.text != "method" && !keys.contains(&&*k.text) {
            let mut expected = vec!["method"];
            expected.extend_from_slice(keys);
            return Err(k.unknown_field(&expected));
        }
    }
    Ok(())
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
            0 => {
                only_keys(v, &[])?;
                Exposure::None
            }
            1 => {
                only_keys(v, &["candidates"])?;
                Exposure::Randomesque {
                    candidates: tagged_field(v, "candidates")?,
                }
            }
            _ => Exposure::SympsonHetter {
                rates: {
                    only_keys(v, &["rates"])?;
                    tagged_field(v, "rates")?
                },
            },
        })
    }
}

impl FromJson for Content {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let names = [("none", 0), ("equal", 1), ("targets", 2)];
        Ok(match method(v, &names)? {
            0 => {
                only_keys(v, &[])?;
                Content::None
            }
            1 => {
                only_keys(v, &[])?;
                Content::Equal
            }
            _ => Content::Targets {
                shares: {
                    only_keys(v, &["shares"])?;
                    tagged_field(v, "shares")?
                },
            },
        })
    }
}

json_struct!(deny CatConfig {
    estimator: "estimator" = None,
    min_items: "min_items" = CatConfig::default().min_items,
    max_items: "max_items" = CatConfig::default().max_items,
    target_se: "target_se" = CatConfig::default().target_se,
    start_theta: "start_theta" = None,
    exposure: "exposure" = Exposure::None,
    content: "content" = Content::None,
});
deserialize_via_json!(Exposure, Content, CatConfig);
