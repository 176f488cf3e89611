//! The options of [`analyze`](super::analyze): missing-data handling
//! for reliability, the confidence level, DIF groups and the flag
//! thresholds of item analysis.

use serde::Serialize;

use assess_text::json::{deserialize_via_json, json_names, json_struct};

/// How missing answers are handled for reliability.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Each covariance over the respondents who answered both items (R
    /// psych's default, `cov(x, use = "pairwise")`).
    #[default]
    Pairwise,
    /// Only respondents who answered every item of the scale.
    Listwise,
}

/// Thresholds of the item flags.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Flag an item when alpha without it exceeds alpha by more than this.
    pub alpha_gain: f64,
    /// Flag an item–rest correlation below this (Ebel & Frisbie: .20).
    pub item_rest_min: f64,
    /// Flag a 0/1 item with proportion correct at least this.
    pub p_high: f64,
    /// Flag a 0/1 item with proportion correct at most this.
    pub p_low: f64,
    /// Flag an item when one answer has at least this share.
    pub dominant: f64,
    /// Flag a distractor chosen by less than this share (Haladyna & Downing: .05).
    pub distractor_min: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            alpha_gain: 0.0,
            item_rest_min: 0.20,
            p_high: 0.95,
            p_low: 0.05,
            dominant: 0.90,
            distractor_min: 0.05,
        }
    }
}

/// Options of [`analyze`](super::analyze), built by value:
/// `AnalysisOptions::new().missing(Missing::Listwise).min_group(200)`.
///
/// Also readable from JSON (for bindings), every key optional:
/// `{"missing": "listwise", "ci_level": 0.9, "min_group": 200,
/// "reference": "perempuan", "rest_as_focal": false, "thresholds": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisOptions {
    pub(super) missing: Missing,
    ci_level: f64,
    min_group: usize,
    pub(super) reference: Option<String>,
    pub(super) rest_as_focal: bool,
    pub(super) thresholds: Thresholds,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            missing: Missing::Pairwise,
            ci_level: 0.95,
            min_group: 100,
            reference: None,
            rest_as_focal: false,
            thresholds: Thresholds::default(),
        }
    }
}

json_names!(Missing { "pairwise" => Pairwise, "listwise" => Listwise });
json_struct!(deny Thresholds {
    alpha_gain: "alpha_gain" = Thresholds::default().alpha_gain,
    item_rest_min: "item_rest_min" = Thresholds::default().item_rest_min,
    p_high: "p_high" = Thresholds::default().p_high,
    p_low: "p_low" = Thresholds::default().p_low,
    dominant: "dominant" = Thresholds::default().dominant,
    distractor_min: "distractor_min" = Thresholds::default().distractor_min,
});
json_struct!(deny AnalysisOptions {
    missing: "missing" = Missing::Pairwise,
    ci_level: "ci_level" = AnalysisOptions::default().ci_level,
    min_group: "min_group" = AnalysisOptions::default().min_group,
    reference: "reference" = None,
    rest_as_focal: "rest_as_focal" = false,
    thresholds: "thresholds" = Thresholds::default(),
});
deserialize_via_json!(Missing, Thresholds, AnalysisOptions);

impl AnalysisOptions {
    /// Pairwise missing data, 95 % intervals, groups of at least 100, the
    /// largest group as reference, the default thresholds.
    pub fn new() -> Self {
        Self::default()
    }
    /// Missing-data handling for reliability.
    pub fn missing(mut self, m: Missing) -> Self {
        self.missing = m;
        self
    }
    /// Coverage of alpha's interval (between 0 and 1, else 0.95).
    pub fn ci_level(mut self, level: f64) -> Self {
        self.ci_level = if level > 0.0 && level < 1.0 {
            level
        } else {
            0.95
        };
        self
    }
    /// Smallest group compared in DIF (at least 2); smaller groups are
    /// listed but not compared.
    pub fn min_group(mut self, n: usize) -> Self {
        self.min_group = n.max(2);
        self
    }
    /// The reference group of DIF (by default the largest).
    pub fn reference(mut self, group: Option<&str>) -> Self {
        self.reference = group.map(str::to_owned);
        self
    }
    /// Compare the reference group with everybody else taken together
    /// (for example disability `tidak ada` against every kind of
    /// disability, each too small alone). Needs [`AnalysisOptions::reference`].
    pub fn rest_as_focal(mut self, yes: bool) -> Self {
        self.rest_as_focal = yes;
        self
    }
    /// The interval's coverage, 0.95 unless a valid one was given (JSON
    /// bypasses the builder's check).
    pub(super) fn level(&self) -> f64 {
        if self.ci_level > 0.0 && self.ci_level < 1.0 {
            self.ci_level
        } else {
            0.95
        }
    }
    /// The minimum group size, at least 2.
    pub(super) fn min_n(&self) -> usize {
        self.min_group.max(2)
    }
    /// Flag thresholds.
    pub fn thresholds(mut self, t: Thresholds) -> Self {
        self.thresholds = t;
        self
    }
}
