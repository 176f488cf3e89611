//! Instrument quality and fairness from collected responses: reliability,
//! item analysis, differential item functioning (DIF) and local norms.
//!
//! The flow: responses → [`AnalysisData`] (answers as a dense matrix, plus
//! the labels of one grouping column) → [`analyze`] → [`Analysis`], plain
//! serde data for JSON, HTML or a browser. Norms: [`build_norms`] →
//! [`NormTable`]s → [`insert_norms`] writes them into the instrument's TOML.
//!
//! Formulas and their sources are in the submodules' documentation and in
//! `docs/analysis.md`; R psych's `alpha` and R's `mantelhaen.test` are the
//! references checked in `tests/analysis.rs`.
//!
//! Grouping columns (gender, disability, district…) come from the
//! responses' metadata. They are only read to form groups for DIF and
//! group norms: they never change a score.
//!
//! ```
//! use assess_core::Instrument;
//! use assess_core::analysis::{AnalysisData, AnalysisOptions, Missing, analyze};
//!
//! let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
//! // Three respondents, answers in item order (R1, S1, R2, S2, R3, S3).
//! let answers = [
//!     1.0, 2.0, 1.0, 2.0, 5.0, 2.0, //
//!     3.0, 3.0, 4.0, 3.0, 2.0, 4.0, //
//!     5.0, 4.0, 5.0, 5.0, 1.0, 5.0,
//! ];
//! let m = assess_core::AnswerMatrix::new(&inst, &answers)?;
//! let data = AnalysisData::from_matrix(&inst, &m, None)?;
//! let a = analyze(&inst, &data, &AnalysisOptions::new().missing(Missing::Listwise))?;
//! assert_eq!(a.scales[0].scale, "R");
//! assert!(a.scales[0].reliability.alpha.unwrap() > 0.9);
//! # Ok::<(), assess_core::Error>(())
//! ```

mod dif;
mod disclosure;
mod dist;
mod items;
mod norms;
mod reliability;

use std::collections::BTreeMap;

use serde::Serialize;

pub use dif::{
    DifClass, DifItem, DifStatistics, Favours, MantelHaenszel, MantelPolytomous, ets_class,
    mantel_haenszel, mantel_polytomous, mh_tables,
};
pub use disclosure::{DEFAULT_MIN_GROUP, MIN_GROUP_FLOOR, shown_count, suppressed};
pub use items::{AnswerCount, Distractors, ItemAnalysis, ItemFlag, OptionGroups};
pub use norms::{NormInfo, NormOptions, NormTable, TScore, insert_norms, norm_rows};
pub use reliability::{Interval, ScaleReliability};

use crate::instrument::{FormatKind, Instrument, Scoring, Status};
use crate::report::matrix::{AnswerMatrix, Rule, rules, score_matrix};
use crate::responses::{Policy, ResponseSet, Value, check};
use assess_text::json::{self, deserialize_via_json, json_names, json_struct};
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list, did_you_mean};

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

/// Options of [`analyze`], built by value:
/// `AnalysisOptions::new().missing(Missing::Listwise).min_group(200)`.
///
/// Also readable from JSON (for bindings), every key optional:
/// `{"missing": "listwise", "ci_level": 0.9, "min_group": 200,
/// "reference": "perempuan", "rest_as_focal": false, "thresholds": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisOptions {
    missing: Missing,
    ci_level: f64,
    min_group: usize,
    reference: Option<String>,
    rest_as_focal: bool,
    thresholds: Thresholds,
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
    fn level(&self) -> f64 {
        if self.ci_level > 0.0 && self.ci_level < 1.0 {
            self.ci_level
        } else {
            0.95
        }
    }
    /// The minimum group size, at least 2.
    fn min_n(&self) -> usize {
        self.min_group.max(2)
    }
    /// Flag thresholds.
    pub fn thresholds(mut self, t: Thresholds) -> Self {
        self.thresholds = t;
        self
    }
}

/// Responses ready for analysis: the answers of every respondent as a
/// dense matrix (one column per item in instrument order), their item
/// scores, and the labels of one grouping column.
#[derive(Clone, Debug)]
pub struct AnalysisData {
    raw: Vec<f64>,
    scores: Vec<f64>,
    rows: usize,
    n_items: usize,
    group: Option<(String, Vec<Option<String>>)>,
    invalid: usize,
    problems: Vec<Problem>,
}

/// At most this many answer problems are kept (all are counted).
const KEEP_PROBLEMS: usize = 50;

impl AnalysisData {
    fn build(
        instrument: &Instrument,
        raw: Vec<f64>,
        group: Option<(String, Vec<Option<String>>)>,
        mut problems: Vec<Problem>,
        mut invalid: usize,
    ) -> AnalysisData {
        let n_items = instrument.items().len();
        let rows = raw.len().checked_div(n_items).unwrap_or(0);
        let rules = rules(instrument);
        let mut scores = vec![f64::NAN; raw.len()];
        for (r, (src, dst)) in raw
            .chunks_exact(n_items.max(1))
            .zip(scores.chunks_exact_mut(n_items.max(1)))
            .enumerate()
        {
            for (i, (&x, d)) in src.iter().zip(dst.iter_mut()).enumerate() {
                if x.is_nan() {
                    continue;
                }
                match rules[i].apply(x) {
                    Some(v) => *d = v,
                    None => {
                        invalid += 1;
                        if problems.len() < KEEP_PROBLEMS {
                            problems.push(Problem::new(
                                ProblemKind::OutOfRange,
                                format!("rows[{}].{}", r + 1, instrument.items()[i].id()),
                                format!(
                                    "answer {x} to `{}` is out of range; counted as missing",
                                    instrument.items()[i].id()
                                ),
                            ));
                        }
                    }
                }
            }
        }
        AnalysisData {
            raw,
            scores,
            rows,
            n_items,
            group,
            invalid,
            problems,
        }
    }

    /// From an answer matrix ([`AnswerMatrix`] conventions) and, optionally,
    /// a grouping column's name and one label per row (`None` unknown).
    ///
    /// # Errors
    ///
    /// When the number of labels differs from the number of rows.
    pub fn from_matrix(
        instrument: &Instrument,
        answers: &AnswerMatrix<'_>,
        group: Option<(&str, Vec<Option<String>>)>,
    ) -> Result<AnalysisData, Error> {
        if let Some((name, labels)) = &group {
            if labels.len() != answers.rows() {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    *name,
                    format!(
                        "expected {} group labels, one per row, found {}",
                        answers.rows(),
                        labels.len()
                    ),
                )));
            }
        }
        Ok(AnalysisData::build(
            instrument,
            answers.values().to_vec(),
            group.map(|(n, l)| (n.to_owned(), l)),
            Vec::new(),
            0,
        ))
    }

    /// From response sets, each checked against the instrument with
    /// [`Policy::Warn`] (invalid answers count as missing and are listed);
    /// the grouping labels from each set's `metadata[group]`.
    ///
    /// # Errors
    ///
    /// When no set carries the grouping column in its metadata.
    pub fn from_sets(
        instrument: &Instrument,
        sets: &[ResponseSet],
        group: Option<&str>,
    ) -> Result<AnalysisData, Error> {
        let n = instrument.items().len();
        let mut raw = vec![f64::NAN; sets.len() * n];
        let mut problems = Vec::new();
        let mut invalid = 0;
        for (r, set) in sets.iter().enumerate() {
            match check(instrument, set, Policy::Warn) {
                Ok(c) => {
                    for (i, v) in c.values.iter().enumerate() {
                        raw[r * n + i] = match v {
                            Some(Value::Number(x)) => *x,
                            Some(Value::Option(o)) => *o as f64,
                            None => f64::NAN,
                        };
                    }
                    invalid += c.problems.len();
                    for p in c.problems {
                        if problems.len() < KEEP_PROBLEMS {
                            problems.push(located(p, r, &set.respondent_id));
                        }
                    }
                }
                Err(e) => {
                    invalid += 1;
                    if problems.len() < KEEP_PROBLEMS {
                        problems.push(located(e.first().clone(), r, &set.respondent_id));
                    }
                }
            }
        }
        let group = match group {
            None => None,
            Some(g) => {
                let labels: Vec<Option<String>> = sets
                    .iter()
                    .map(|s| s.metadata.get(g).and_then(label))
                    .collect();
                if labels.iter().all(Option::is_none) {
                    let mut keys: Vec<&str> = sets
                        .iter()
                        .flat_map(|s| s.metadata.keys().map(String::as_str))
                        .collect();
                    keys.sort_unstable();
                    keys.dedup();
                    return Err(unknown_group(g, &keys));
                }
                Some((g.to_owned(), labels))
            }
        };
        Ok(AnalysisData::build(
            instrument, raw, group, problems, invalid,
        ))
    }

    /// Number of respondents.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Answers that were invalid and counted as missing.
    pub fn invalid(&self) -> usize {
        self.invalid
    }
    /// The first problems found in the answers (all are counted in
    /// [`AnalysisData::invalid`]).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
    /// The grouping column's name, when there is one.
    pub fn group_column(&self) -> Option<&str> {
        self.group.as_ref().map(|g| g.0.as_str())
    }
}

fn located(p: Problem, row: usize, id: &str) -> Problem {
    let path = if p.path().is_empty() {
        format!("rows[{}]", row + 1)
    } else {
        format!("rows[{}].{}", row + 1, p.path())
    };
    Problem::new(
        p.kind(),
        path,
        format!("respondent `{id}`: {}", p.message()),
    )
}

fn label(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn unknown_group(g: &str, found: &[&str]) -> Error {
    Error::single(
        Problem::new(
            ProblemKind::UnknownReference,
            g,
            format!(
                "unknown grouping column `{g}`; the responses have {}",
                if found.is_empty() {
                    "no metadata columns".to_owned()
                } else {
                    backtick_list(found.iter().copied())
                }
            ),
        )
        .with_hint_opt(did_you_mean(g, found.iter().copied())),
    )
}

/// Reads a response CSV into [`AnalysisData`] one record at a time,
/// without building a response set per row (fast enough for a province's
/// intake). Columns: item ids (an empty cell or `skipped` is missing; a
/// number for Likert and binary items, an option key for choice items),
/// the grouping column, and any others, ignored.
#[derive(Clone, Debug)]
pub struct CsvAnalysisReader<'i> {
    instrument: &'i Instrument,
    /// Per column: the item index, and whether it is a choice item.
    items: Vec<Option<(usize, bool)>>,
    group_col: Option<usize>,
    group_name: Option<String>,
    raw: Vec<f64>,
    labels: Vec<Option<String>>,
    problems: Vec<Problem>,
    invalid: usize,
    rows: usize,
    /// Item ids without a column.
    absent: Vec<String>,
}

impl<'i> CsvAnalysisReader<'i> {
    /// Works out the columns of `header`.
    ///
    /// # Errors
    ///
    /// When `group` names no column, or when no column is an item.
    pub fn new(
        instrument: &'i Instrument,
        header: &[&str],
        group: Option<&str>,
    ) -> Result<Self, Error> {
        let items: Vec<Option<(usize, bool)>> = header
            .iter()
            .map(|h| {
                instrument.item_index(h.trim()).map(|i| {
                    let it = &instrument.items()[i];
                    let choice = matches!(
                        instrument.format_of(it).kind(),
                        FormatKind::SingleChoice | FormatKind::ScoredChoice
                    );
                    (i, choice)
                })
            })
            .collect();
        if items.iter().all(Option::is_none) {
            return Err(Error::single(
                Problem::new(
                    ProblemKind::Empty,
                    "",
                    format!("no column names an item of `{}`", instrument.id()),
                )
                .with_hint("the first line must name the columns: `respondent_id,<item ids>…`"),
            ));
        }
        let group_col = match group {
            None => None,
            Some(g) => match header.iter().position(|h| h.trim() == g) {
                Some(c) => Some(c),
                None => {
                    let others: Vec<&str> = header
                        .iter()
                        .zip(&items)
                        .filter(|(_, it)| it.is_none())
                        .map(|(h, _)| h.trim())
                        .collect();
                    return Err(unknown_group(g, &others));
                }
            },
        };
        let mut seen = vec![false; instrument.items().len()];
        for (i, _) in items.iter().flatten() {
            seen[*i] = true;
        }
        let absent = instrument
            .items()
            .iter()
            .zip(&seen)
            .filter(|(_, s)| !**s)
            .map(|(it, _)| it.id().to_owned())
            .collect();
        Ok(CsvAnalysisReader {
            instrument,
            items,
            group_col,
            group_name: group.map(str::to_owned),
            raw: Vec::new(),
            labels: Vec::new(),
            problems: Vec::new(),
            invalid: 0,
            rows: 0,
            absent,
        })
    }

    /// Reads one record (cells in header order; a short record's missing
    /// cells are missing answers).
    pub fn push(&mut self, cells: &[&str]) {
        let n = self.instrument.items().len();
        let base = self.raw.len();
        self.raw.resize(base + n, f64::NAN);
        self.rows += 1;
        for (c, cell) in cells.iter().enumerate() {
            let Some(Some((i, choice))) = self.items.get(c) else {
                continue;
            };
            let cell = cell.trim();
            if cell.is_empty() || cell == "skipped" {
                continue;
            }
            let it = &self.instrument.items()[*i];
            let v = if *choice {
                it.options()
                    .iter()
                    .position(|o| o.key() == cell)
                    .map(|o| o as f64)
            } else {
                assess_text::num::parse_f64(cell).filter(|x| x.is_finite())
            };
            match v {
                Some(v) => self.raw[base + i] = v,
                None => {
                    self.invalid += 1;
                    if self.problems.len() < KEEP_PROBLEMS {
                        let expected = if *choice {
                            format!(
                                "one of {}",
                                backtick_list(it.options().iter().map(|o| o.key()))
                            )
                        } else {
                            "a number".to_owned()
                        };
                        self.problems.push(Problem::new(
                            if *choice {
                                ProblemKind::OutOfRange
                            } else {
                                ProblemKind::WrongAnswerType
                            },
                            format!("rows[{}].{}", self.rows, it.id()),
                            format!(
                                "expected {expected} for `{}`, found `{cell}`; counted as missing",
                                it.id()
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(g) = self.group_col {
            self.labels.push(
                cells
                    .get(g)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
        }
    }

    /// Item ids of the instrument that have no column.
    pub fn absent_items(&self) -> &[String] {
        &self.absent
    }

    /// The data read.
    pub fn finish(self) -> AnalysisData {
        let group = self.group_name.map(|g| (g, self.labels));
        AnalysisData::build(
            self.instrument,
            self.raw,
            group,
            self.problems,
            self.invalid,
        )
    }
}

/// Which instrument was analysed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnalysedInstrument {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub hash: String,
    /// Status.
    pub status: Status,
}

/// Reliability and items of one scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleAnalysis {
    /// Scale identifier.
    pub scale: String,
    /// Reliability.
    pub reliability: ScaleReliability,
    /// Items in scale order.
    pub items: Vec<ItemAnalysis>,
}

/// One group of the grouping column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCount {
    /// Label.
    pub group: String,
    /// Respondents.
    pub n: usize,
    /// `reference`, `focal`, or `too_small` (listed, not compared).
    pub role: GroupRole,
}

/// The part a group plays in DIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// Compared with every focal group.
    Reference,
    /// Compared with the reference group.
    Focal,
    /// Fewer respondents than the minimum: not compared.
    TooSmall,
}

/// DIF of one scale's items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleDif {
    /// Scale identifier.
    pub scale: String,
    /// Per item and focal group.
    pub items: Vec<DifItem>,
    /// Focal groups left out on this scale because fewer than the minimum
    /// answered every item.
    pub too_small: Vec<String>,
}

/// DIF by one grouping column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DifReport {
    /// The grouping column.
    pub column: String,
    /// The reference group.
    pub reference: String,
    /// Smallest group compared.
    pub min_group: usize,
    /// What respondents are matched on.
    pub matching: &'static str,
    /// How items are classed.
    pub rules: &'static str,
    /// Every group found.
    pub groups: Vec<GroupCount>,
    /// Respondents without a label (not in any group).
    pub unlabelled: usize,
    /// Per scale.
    pub scales: Vec<ScaleDif>,
}

/// The result of [`analyze`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// Format tag of this JSON (`assess-analysis/1`).
    pub format: &'static str,
    /// The instrument.
    pub instrument: AnalysedInstrument,
    /// The engine's version.
    pub engine_version: &'static str,
    /// Respondents read.
    pub respondents: usize,
    /// Answers that were invalid and counted as missing.
    pub invalid_answers: usize,
    /// Missing-data handling for reliability.
    pub missing: Missing,
    /// The same, in words.
    pub missing_rule: &'static str,
    /// Flag thresholds used.
    pub thresholds: Thresholds,
    /// Per item scale (composites are not analysed).
    pub scales: Vec<ScaleAnalysis>,
    /// DIF, when a grouping column was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dif: Option<DifReport>,
}

const MATCHING: &str = "total score of the item's scale (studied item included), respondents who answered every item of the scale; one stratum per total score";
const RULES: &str = "0/1 items: Mantel-Haenszel; ETS A if chi-square p >= .05 or |delta| < 1, C if |delta| >= 1.5 and (|delta| - 1)/SE > 1.645, else B. Polytomous items: Mantel chi-square (1 df) and SMD/SD; AA if p >= .05 or |SMD/SD| <= .17, CC if |SMD/SD| > .25, else BB";

/// Whether item `i` is scored 0/1.
fn dichotomous(instrument: &Instrument, i: usize) -> bool {
    let it = &instrument.items()[i];
    crate::support::prec::exactly(it.min_score(), 0.0)
        && crate::support::prec::exactly(it.max_score(), 1.0)
        && it.options().iter().all(|o| {
            crate::support::prec::exactly(o.score(), 0.0)
                || crate::support::prec::exactly(o.score(), 1.0)
        })
}

/// The answers an item can take, as shown, with the raw value each stands
/// for (Likert points, 0/1, or option indexes).
fn answer_values(instrument: &Instrument, i: usize, rule: &Rule) -> Vec<(String, f64)> {
    let it = &instrument.items()[i];
    match (instrument.format_of(it).kind(), rule) {
        (FormatKind::SingleChoice | FormatKind::ScoredChoice, _) | (_, Rule::Table(_)) => it
            .options()
            .iter()
            .enumerate()
            .map(|(o, opt)| (opt.key().to_owned(), o as f64))
            .collect(),
        (_, Rule::Linear { min, max, .. }) => {
            let mut v = Vec::new();
            let mut x = *min;
            while x <= *max {
                v.push((format!("{x}"), x));
                x += 1.0;
            }
            v
        }
    }
}

/// The position of a valid raw answer among [`answer_values`].
#[inline]
fn answer_index(rule: &Rule, x: f64) -> Option<usize> {
    let i = match rule {
        Rule::Linear { min, .. } => x - min,
        Rule::Table(_) => x,
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (i >= 0.0).then_some(i as usize)
}

/// The position of raw answer `x` with item score `score` (`NaN` when
/// missing or invalid) among the item's `n` answers.
#[inline]
fn answer_pos(rule: &Rule, x: f64, score: f64, n: usize) -> Option<usize> {
    if score.is_nan() {
        None
    } else {
        answer_index(rule, x).filter(|&p| p < n)
    }
}

/// [`analyze`] with JSON text in and out, for bindings (the WebAssembly
/// package's `analyzeJson`): `responses` is a JSON array of response sets
/// (as [`ResponseSet::from_json`] reads one), `group` the metadata key to
/// compare groups by, `options` an [`AnalysisOptions`] object (`"{}"` for
/// the defaults). Returns the [`Analysis`] as JSON text, the same bytes as
/// serialising [`analyze`]'s result natively.
///
/// ```
/// use assess_core::{Instrument, analysis::analyze_json};
/// let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
/// let sets: Vec<String> = (0..12)
///     .map(|i| {
///         let answers: Vec<String> = inst
///             .items()
///             .iter()
///             .enumerate()
///             .map(|(k, item)| format!("\"{}\": {}", item.id(), 1 + (i * (k + 1)) % 5))
///             .collect();
///         format!("{{\"respondent_id\": \"r{i}\", \"answers\": {{{}}}}}", answers.join(", "))
///     })
///     .collect();
/// let json = analyze_json(&inst, &format!("[{}]", sets.join(",")), None, "{}")?;
/// let v: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(v["format"], "assess-analysis/1");
/// assert_eq!(v["respondents"], 12);
/// // Bad options are refused, located.
/// let err = analyze_json(&inst, "[]", None, r#"{"min_grup": 5}"#).unwrap_err();
/// assert_eq!(err.kind(), assess_core::ProblemKind::UnknownKey);
/// # Ok::<(), assess_core::Error>(())
/// ```
///
/// # Errors
///
/// - `syntax`, `invalid_type`, `invalid_value`, `missing_key` or
///   `unknown_key`, located by line and column, when `responses` is not an
///   array of response sets or `options` is not an [`AnalysisOptions`]
///   object (unknown keys are refused);
/// - everything [`AnalysisData::from_sets`] and [`analyze`] refuse.
pub fn analyze_json(
    instrument: &Instrument,
    responses: &str,
    group: Option<&str>,
    options: &str,
) -> Result<String, Error> {
    let sets: Vec<ResponseSet> = json::read(responses, "")?;
    let options: AnalysisOptions = json::read(options, "options")?;
    let data = AnalysisData::from_sets(instrument, &sets, group)?;
    let analysis = analyze(instrument, &data, &options)?;
    json::to_string(&analysis).map_err(|e| {
        Error::single(Problem::new(
            ProblemKind::InvalidValue,
            "",
            format!("cannot serialise the analysis: {e}"),
        ))
    })
}

/// Reliability, item statistics and (with a grouping column) DIF of every
/// item scale of `instrument`.
///
/// # Errors
///
/// - `empty` when there are no responses;
/// - `unknown_reference` when the requested reference group does not exist;
/// - `invalid_value` when fewer than two groups of the grouping column have
///   at least the minimum number of respondents (the message lists every
///   group and its size).
pub fn analyze(
    instrument: &Instrument,
    data: &AnalysisData,
    options: &AnalysisOptions,
) -> Result<Analysis, Error> {
    if data.rows == 0 {
        return Err(Error::single(
            Problem::new(ProblemKind::Empty, "", "no responses to analyse")
                .with_hint("give a file with a header line and at least one respondent"),
        ));
    }
    let rules = rules(instrument);
    let n_items = data.n_items;
    let t = &options.thresholds;
    let item_scales: Vec<_> = instrument
        .scales()
        .iter()
        .filter(|s| s.scoring() != Scoring::Composite)
        .collect();
    let merged: Option<Vec<Option<String>>> = match (&data.group, options.rest_as_focal) {
        (Some((column, labels)), true) => {
            let Some(r) = &options.reference else {
                return Err(Error::single(Problem::new(
                    ProblemKind::MissingKey,
                    column.as_str(),
                    "comparing the reference group with all others needs a reference group",
                )));
            };
            if !labels.iter().flatten().any(|l| l == r) {
                // Let dif_groups report the unknown reference with the labels found.
                None
            } else {
                let rest = format!("other than {r}");
                Some(
                    labels
                        .iter()
                        .map(|l| {
                            l.as_ref()
                                .map(|l| if l == r { l.clone() } else { rest.clone() })
                        })
                        .collect(),
                )
            }
        }
        _ => None,
    };
    let group_labels: Option<(&str, &[Option<String>])> = data
        .group
        .as_ref()
        .map(|(c, l)| (c.as_str(), merged.as_deref().unwrap_or(l.as_slice())));
    let dif_setup = match group_labels {
        Some((column, labels)) => Some(dif_groups(column, labels, options)?),
        None => None,
    };
    // Answer counts of every item, in one pass over the rows.
    let sizes: Vec<usize> = (0..n_items)
        .map(|i| answer_values(instrument, i, &rules[i]).len())
        .collect();
    let mut counts_all: Vec<Vec<usize>> = sizes.iter().map(|&n| vec![0; n]).collect();
    for (row, srow) in data
        .raw
        .chunks_exact(n_items)
        .zip(data.scores.chunks_exact(n_items))
    {
        for i in 0..n_items {
            if let Some(p) = answer_pos(&rules[i], row[i], srow[i], sizes[i]) {
                counts_all[i][p] += 1;
            }
        }
    }
    let mut scales = Vec::new();
    let mut dif_scales = Vec::new();
    for s in &item_scales {
        let idx = s.items();
        let k = idx.len();
        let mut x = Vec::with_capacity(data.rows * k);
        for row in data.scores.chunks_exact(n_items) {
            x.extend(idx.iter().map(|&i| row[i]));
        }
        let m = reliability::moments(&x, k, options.missing);
        let kr20 = idx.iter().all(|&i| dichotomous(instrument, i));
        let (rel, item_rel) =
            reliability::reliability(&m, kr20, s.scoring() == Scoring::Mean, options.level());
        // Totals of complete rows, for score groups and DIF matching.
        let totals: Vec<Option<f64>> = x
            .chunks_exact(k)
            .map(|r| r.iter().all(|v| !v.is_nan()).then(|| r.iter().sum()))
            .collect();
        let groups = items::score_groups(&totals);
        let items_out = idx
            .iter()
            .zip(item_rel)
            .enumerate()
            .map(|(j, (&i, ir))| {
                let it = &instrument.items()[i];
                let (lo, hi) = (it.min_score(), it.max_score());
                let mean = m.mean[j];
                let var = m.c[j * k + j];
                let values = answer_values(instrument, i, &rules[i]);
                let counts = &counts_all[i];
                let answered: usize = counts.iter().sum();
                let chosen: Vec<Option<usize>> = if it.key().is_some() {
                    data.raw
                        .chunks_exact(n_items)
                        .zip(data.scores.chunks_exact(n_items))
                        .map(|(row, srow)| answer_pos(&rules[i], row[i], srow[i], counts.len()))
                        .collect()
                } else {
                    Vec::new()
                };
                let distribution = values
                    .iter()
                    .zip(counts)
                    .map(|((label, _), &count)| AnswerCount {
                        answer: label.clone(),
                        count,
                        proportion: if answered > 0 {
                            count as f64 / answered as f64
                        } else {
                            0.0
                        },
                    })
                    .collect();
                let distractors = it.key().map(|key| {
                    let keys: Vec<&str> = it.options().iter().map(|o| o.key()).collect();
                    items::distractors(&keys, key, &chosen, &groups, t)
                });
                let mut out = ItemAnalysis {
                    item: it.id().to_owned(),
                    n: m.item_n[j],
                    mean: mean.is_finite().then_some(mean),
                    sd: (var.is_finite() && var >= 0.0).then(|| var.sqrt()),
                    difficulty: (mean.is_finite() && hi > lo).then(|| (mean - lo) / (hi - lo)),
                    item_rest: ir.item_rest,
                    alpha_if_dropped: ir.alpha_if_dropped,
                    dichotomous: dichotomous(instrument, i),
                    distribution,
                    distractors,
                    flags: Vec::new(),
                };
                out.flags = items::flags(&out, rel.alpha, t, true);
                out
            })
            .collect();
        if let (Some(setup), Some((_, labels))) = (&dif_setup, group_labels) {
            dif_scales.push(dif_scale(
                instrument,
                s.id(),
                idx,
                &x,
                &totals,
                labels,
                setup,
                options,
            ));
        }
        scales.push(ScaleAnalysis {
            scale: s.id().to_owned(),
            reliability: rel,
            items: items_out,
        });
    }
    let dif = dif_setup.map(|setup| DifReport {
        column: setup.column,
        reference: setup.reference,
        min_group: options.min_n(),
        matching: MATCHING,
        rules: RULES,
        groups: setup.groups,
        unlabelled: setup.unlabelled,
        scales: dif_scales,
    });
    Ok(Analysis {
        format: "assess-analysis/1",
        instrument: AnalysedInstrument {
            id: instrument.id().to_owned(),
            version: instrument.version().to_owned(),
            hash: instrument.hash().to_owned(),
            status: instrument.status(),
        },
        engine_version: crate::ENGINE_VERSION,
        respondents: data.rows,
        invalid_answers: data.invalid,
        missing: options.missing,
        missing_rule: match options.missing {
            Missing::Pairwise => {
                "pairwise: each item covariance over the respondents who answered both items; item statistics over those who answered the item; distractors and DIF over respondents who answered every item of the scale"
            }
            Missing::Listwise => {
                "listwise: per scale, only respondents who answered every item of the scale"
            }
        },
        thresholds: t.clone(),
        scales,
        dif,
    })
}

struct DifSetup {
    column: String,
    reference: String,
    focal: Vec<String>,
    groups: Vec<GroupCount>,
    unlabelled: usize,
}

fn dif_groups(
    column: &str,
    labels: &[Option<String>],
    options: &AnalysisOptions,
) -> Result<DifSetup, Error> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unlabelled = 0;
    for l in labels {
        match l {
            Some(l) => *counts.entry(l.as_str()).or_default() += 1,
            None => unlabelled += 1,
        }
    }
    let listing = || {
        counts
            .iter()
            .map(|(g, n)| format!("`{g}` {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reference = match &options.reference {
        Some(r) => {
            if !counts.contains_key(r.as_str()) {
                return Err(Error::single(
                    Problem::new(
                        ProblemKind::UnknownReference,
                        column,
                        format!(
                            "unknown reference group `{r}` in column `{column}`; expected one of {}",
                            backtick_list(counts.keys().copied())
                        ),
                    )
                    .with_hint_opt(did_you_mean(r, counts.keys().copied())),
                ));
            }
            r.clone()
        }
        None => counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(g, _)| (*g).to_owned())
            .unwrap_or_default(),
    };
    let big: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= options.min_n())
        .map(|(g, _)| *g)
        .collect();
    if big.len() < 2 || !big.contains(&reference.as_str()) {
        return Err(Error::single(
            Problem::new(
                ProblemKind::InvalidValue,
                column,
                format!(
                    "DIF by `{column}` needs a reference group and at least one other group with {} or more respondents; found {}",
                    options.min_n(),
                    if counts.is_empty() { "no labelled respondents".to_owned() } else { listing() }
                ),
            )
            .with_hint("collect more responses, merge small groups, or lower the minimum group size (results on small groups are unstable)"),
        ));
    }
    let groups = counts
        .iter()
        .map(|(g, n)| GroupCount {
            group: (*g).to_owned(),
            n: *n,
            role: if *g == reference {
                GroupRole::Reference
            } else if *n >= options.min_n() {
                GroupRole::Focal
            } else {
                GroupRole::TooSmall
            },
        })
        .collect();
    let focal = big
        .iter()
        .filter(|g| **g != reference)
        .map(|g| (*g).to_owned())
        .collect();
    Ok(DifSetup {
        column: column.to_owned(),
        reference,
        focal,
        groups,
        unlabelled,
    })
}

#[allow(clippy::too_many_arguments)] // one call site; the pieces of one scale
fn dif_scale(
    instrument: &Instrument,
    scale: &str,
    idx: &[usize],
    x: &[f64],
    totals: &[Option<f64>],
    labels: &[Option<String>],
    setup: &DifSetup,
    options: &AnalysisOptions,
) -> ScaleDif {
    let k = idx.len();
    let mut items = Vec::new();
    let mut too_small = Vec::new();
    for focal in &setup.focal {
        // Complete rows in the reference or this focal group.
        let rows: Vec<(usize, f64, bool)> = totals
            .iter()
            .zip(labels)
            .enumerate()
            .filter_map(|(r, (t, l))| {
                let (t, l) = (t.as_ref()?, l.as_ref()?);
                if *l == setup.reference {
                    Some((r, *t, false))
                } else if l == focal {
                    Some((r, *t, true))
                } else {
                    None
                }
            })
            .collect();
        let n_f = rows.iter().filter(|r| r.2).count();
        let n_r = rows.len() - n_f;
        if n_f < options.min_n() || n_r < options.min_n() {
            too_small.push(focal.clone());
            continue;
        }
        let stratum: Vec<f64> = rows.iter().map(|r| r.1).collect();
        let is_focal: Vec<bool> = rows.iter().map(|r| r.2).collect();
        for (j, &i) in idx.iter().enumerate() {
            let y: Vec<f64> = rows.iter().map(|r| x[r.0 * k + j]).collect();
            let statistics = if dichotomous(instrument, i) {
                DifStatistics::MantelHaenszel(mantel_haenszel(&mh_tables(&y, &stratum, &is_focal)))
            } else {
                DifStatistics::Mantel(mantel_polytomous(&y, &stratum, &is_focal))
            };
            items.push(DifItem {
                item: instrument.items()[i].id().to_owned(),
                focal: focal.clone(),
                n_reference: n_r,
                n_focal: n_f,
                statistics,
            });
        }
    }
    ScaleDif {
        scale: scale.to_owned(),
        items,
        too_small,
    }
}

/// Norm tables of every scale (composites included) from `data`: one for
/// everybody (group `info.group`) and, with `by_group`, one per label of
/// the grouping column with at least `options.min_n` respondents (group
/// `<info.group>-<label>`). Scale scores are computed by the same rules as
/// [`crate::score()`] on the full form.
///
/// # Errors
///
/// `empty` without responses; `invalid_value` when fewer than
/// `options.min_n` respondents have a score on a scale, or a scale has
/// more distinct scores than a norm table may hold.
pub fn build_norms(
    instrument: &Instrument,
    data: &AnalysisData,
    by_group: bool,
    info: &NormInfo,
    options: &NormOptions,
) -> Result<Vec<NormTable>, Error> {
    if data.rows == 0 {
        return Err(Error::single(Problem::new(
            ProblemKind::Empty,
            "",
            "no responses to build norms from",
        )));
    }
    let m = AnswerMatrix::new(instrument, &data.raw)?;
    let scored = score_matrix(instrument, &m);
    let mut groups: Vec<(String, Option<String>, Vec<bool>)> =
        vec![(info.group.clone(), None, vec![true; data.rows])];
    if by_group {
        if let Some((_, labels)) = &data.group {
            let mut values: Vec<&str> = labels.iter().flatten().map(String::as_str).collect();
            values.sort_unstable();
            values.dedup();
            for v in values {
                let member: Vec<bool> = labels.iter().map(|l| l.as_deref() == Some(v)).collect();
                if member.iter().filter(|b| **b).count() >= options.min_n {
                    groups.push((
                        format!("{}-{}", info.group, norms::slug(v)),
                        Some(v.to_owned()),
                        member,
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (si, s) in instrument.scales().iter().enumerate() {
        for (gid, value, member) in &groups {
            let scores: Vec<f64> = (0..data.rows)
                .filter(|&r| member[r])
                .map(|r| scored.row(r)[si])
                .collect();
            let n = scores.iter().filter(|v| !v.is_nan()).count();
            if n < options.min_n {
                if value.is_some() {
                    continue;
                }
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    s.id(),
                    format!(
                        "scale `{}`: {n} respondents have a score; norms need at least {}",
                        s.id(),
                        options.min_n
                    ),
                )));
            }
            let Some((rows, mean, sd)) = norm_rows(&scores, options) else {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    s.id(),
                    format!(
                        "scale `{}`: scores take fewer than 2 or more than {} distinct values; no norm table",
                        s.id(),
                        crate::support::limits::MAX_NORM_ROWS
                    ),
                )));
            };
            out.push(NormTable {
                scale: s.id().to_owned(),
                group: gid.clone(),
                value: value.clone(),
                n,
                mean,
                sd,
                rows,
            });
        }
    }
    Ok(out)
}
