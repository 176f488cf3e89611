//! Dense scoring: many respondents at once, for batch work and analysis.
//!
//! The per-respondent [`crate::report::score`] builds a full [`crate::Report`] with
//! labels and flags. When only the scale scores of many respondents are
//! needed (building norms, reliability, a province's intake in memory),
//! [`score_matrix`] applies exactly the same rules — reverse keying, the
//! missing-data rule, proration, mean or sum, composites — to a row-major
//! matrix of answers, without allocating per respondent.

use crate::instrument::{FormatKind, Instrument, Scoring};
use crate::report::ScaleStatus;
use crate::scoring::prorate;
use assess_text::problem::{Error, Problem, ProblemKind};

/// Answers of many respondents: row-major, one column per item in
/// instrument order. A Likert or binary answer is its value; a choice
/// answer is the 0-based index of the option in the item's canonical order;
/// `NaN` is a missing answer.
#[derive(Clone, Copy, Debug)]
pub struct AnswerMatrix<'a> {
    values: &'a [f64],
    rows: usize,
}

impl<'a> AnswerMatrix<'a> {
    /// Wraps `values` (rows × items of `instrument`).
    ///
    /// # Errors
    ///
    /// When the length is not a multiple of the item count.
    pub fn new(instrument: &Instrument, values: &'a [f64]) -> Result<Self, Error> {
        let n = instrument.items().len();
        if n == 0 || values.len() % n != 0 {
            return Err(Error::single(Problem::new(
                ProblemKind::InvalidValue,
                "",
                format!(
                    "expected a multiple of {n} values (one per item), found {}",
                    values.len()
                ),
            )));
        }
        Ok(AnswerMatrix {
            values,
            rows: values.len() / n,
        })
    }
    /// Number of respondents.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// The answers, row-major.
    pub fn values(&self) -> &'a [f64] {
        self.values
    }
}

/// Scale scores of many respondents: row-major, one column per scale in
/// instrument order; `NaN` where a scale is not scorable.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleMatrix {
    /// The scores.
    pub scores: Vec<f64>,
    /// Number of scales (columns).
    pub scales: usize,
    /// Answers that were out of range and counted as missing.
    pub invalid: usize,
}

impl ScaleMatrix {
    /// The scores of respondent `row`.
    pub fn row(&self, row: usize) -> &[f64] {
        &self.scores[row * self.scales..(row + 1) * self.scales]
    }
}

/// How one item turns an answer into a score.
#[derive(Clone, Debug)]
pub(crate) enum Rule {
    /// Likert/binary: valid when min ≤ x ≤ max and whole; score a + b·x
    /// (b = −1 when reverse keyed).
    Linear { min: f64, max: f64, a: f64, b: f64 },
    /// Choice: option index → score.
    Table(Vec<f64>),
}

impl Rule {
    /// The item score of answer `x` (not `NaN`), or `None` when `x` is not
    /// a valid answer.
    #[inline]
    pub(crate) fn apply(&self, x: f64) -> Option<f64> {
        match self {
            Rule::Linear { min, max, a, b } => {
                if x < *min || x > *max || x.fract() != 0.0 {
                    None
                } else {
                    Some(a + b * x)
                }
            }
            Rule::Table(t) => {
                if x < 0.0 || x.fract() != 0.0 {
                    return None;
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                t.get(x as usize).copied()
            }
        }
    }
}

/// The scoring rule of every item of `instrument`, in item order.
pub(crate) fn rules(instrument: &Instrument) -> Vec<Rule> {
    instrument
        .items()
        .iter()
        .map(|it| match instrument.format_of(it).kind() {
            FormatKind::Likert { min, max, .. } => {
                let (min, max) = (f64::from(*min), f64::from(*max));
                if it.reverse() {
                    Rule::Linear {
                        min,
                        max,
                        a: min + max,
                        b: -1.0,
                    }
                } else {
                    Rule::Linear {
                        min,
                        max,
                        a: 0.0,
                        b: 1.0,
                    }
                }
            }
            FormatKind::Binary { .. } => {
                if it.reverse() {
                    Rule::Linear {
                        min: 0.0,
                        max: 1.0,
                        a: 1.0,
                        b: -1.0,
                    }
                } else {
                    Rule::Linear {
                        min: 0.0,
                        max: 1.0,
                        a: 0.0,
                        b: 1.0,
                    }
                }
            }
            _ => Rule::Table(it.options().iter().map(|o| o.score()).collect()),
        })
        .collect()
}

/// Scores every row of `answers` on the full form, by the same rules as
/// [`crate::report::score`]; the column of each scale holds its `score` field.
pub fn score_matrix(instrument: &Instrument, answers: &AnswerMatrix<'_>) -> ScaleMatrix {
    let n_items = instrument.items().len();
    let rules = rules(instrument);
    let n_scales = instrument.scales().len();
    let mut out = vec![f64::NAN; answers.rows * n_scales];
    let mut invalid = 0usize;
    let mut item_scores = vec![f64::NAN; n_items];
    let mut scales = vec![None; n_scales];
    for (r, row) in answers.values.chunks_exact(n_items).enumerate() {
        for ((dst, &x), rule) in item_scores.iter_mut().zip(row).zip(&rules) {
            *dst = if x.is_nan() {
                f64::NAN
            } else if let Some(v) = rule.apply(x) {
                v
            } else {
                invalid += 1;
                f64::NAN
            };
        }
        dense_scales(instrument, &item_scores, &mut scales);
        for (dst, s) in out[r * n_scales..(r + 1) * n_scales]
            .iter_mut()
            .zip(&scales)
        {
            *dst = s.map_or(f64::NAN, |s| s.score);
        }
    }
    ScaleMatrix {
        scores: out,
        scales: n_scales,
        invalid,
    }
}

/// One scale's numbers on the full form, as [`crate::report::score`] gives them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DenseScale {
    /// Complete, partial or not scorable.
    pub(crate) status: ScaleStatus,
    /// The scale score (`NaN` when not scorable).
    pub(crate) score: f64,
    /// Its POMP (`NaN` when not scorable).
    pub(crate) pomp: f64,
}

/// Scores one respondent on the full form from their item scores (reverse
/// keying applied, `NaN` when missing), by the rules of `item_scale` and
/// `composite_scale` in `score.rs`, with the same operations in the same
/// order so that the numbers are bit-identical. `out` gets one entry per
/// scale (`None` only for a composite that names a later composite, as
/// [`crate::report::score`] leaves it out too).
pub(crate) fn dense_scales(
    instrument: &Instrument,
    item_scores: &[f64],
    out: &mut [Option<DenseScale>],
) {
    let items = instrument.items();
    let scales = instrument.scales();
    out.fill(None);
    for (si, s) in scales.iter().enumerate() {
        if s.scoring() == Scoring::Composite {
            continue;
        }
        let (mut n, mut k) = (0usize, 0usize);
        let (mut raw, mut lo_sum, mut hi_sum) = (0.0, 0.0, 0.0);
        let (mut lo_ans, mut hi_ans) = (0.0, 0.0);
        let (mut lo_min, mut hi_max) = (f64::INFINITY, f64::NEG_INFINITY);
        for &i in s.items() {
            n += 1;
            let it = &items[i];
            lo_sum += it.min_score();
            hi_sum += it.max_score();
            lo_min = lo_min.min(it.min_score());
            hi_max = hi_max.max(it.max_score());
            let x = item_scores[i];
            if x.is_nan() {
                continue;
            }
            k += 1;
            lo_ans += it.min_score();
            hi_ans += it.max_score();
            raw += x;
        }
        let missing = n - k;
        let rule = s.missing();
        if k == 0 || missing > rule.max {
            out[si] = Some(DenseScale {
                status: ScaleStatus::NotScorable,
                score: f64::NAN,
                pomp: f64::NAN,
            });
            continue;
        }
        let (min, max) = match s.scoring() {
            Scoring::Mean => (lo_min, hi_max),
            _ => (lo_sum, hi_sum),
        };
        let (min, max) = (
            if min.is_finite() { min } else { 0.0 },
            if max.is_finite() { max } else { 0.0 },
        );
        let mean = raw / k as f64;
        let score = match s.scoring() {
            Scoring::Mean => mean,
            _ if rule.prorate && missing > 0 => {
                prorate(raw, (k, n), (lo_ans, hi_ans), (lo_sum, hi_sum))
            }
            _ => raw,
        };
        out[si] = Some(DenseScale {
            status: if missing > 0 {
                ScaleStatus::Partial
            } else {
                ScaleStatus::Complete
            },
            score,
            pomp: crate::scoring::pomp(score, min, max),
        });
    }
    for (si, s) in scales.iter().enumerate() {
        if s.scoring() != Scoring::Composite {
            continue;
        }
        let comps = s.components();
        let (mut sum, mut k, mut partial) = (0.0, 0usize, false);
        for &c in comps {
            if let Some(r) = out[c] {
                if !r.pomp.is_nan() {
                    sum += r.pomp;
                    k += 1;
                }
                partial |= r.status != ScaleStatus::Complete;
            }
        }
        let missing = comps.len() - k;
        out[si] = Some(if k == 0 || missing > s.missing().max {
            DenseScale {
                status: ScaleStatus::NotScorable,
                score: f64::NAN,
                pomp: f64::NAN,
            }
        } else {
            let score = sum / k as f64;
            DenseScale {
                status: if missing > 0 || partial {
                    ScaleStatus::Partial
                } else {
                    ScaleStatus::Complete
                },
                score,
                pomp: crate::scoring::pomp(score, 0.0, 100.0),
            }
        });
    }
}
