//! Dense scoring: many respondents at once, for batch work and analysis.
//!
//! The per-respondent [`crate::score`] builds a full [`crate::Report`] with
//! labels and flags. When only the scale scores of many respondents are
//! needed (building norms, reliability, a province's intake in memory),
//! [`score_matrix`] applies exactly the same rules — reverse keying, the
//! missing-data rule, proration, mean or sum, composites — to a row-major
//! matrix of answers, without allocating per respondent.

use crate::error::{Error, Problem, ProblemKind};
use crate::instrument::{FormatKind, Instrument, Scoring};
use crate::score::prorate;

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
/// [`crate::score`]; the column of each scale holds its `score` field.
pub fn score_matrix(instrument: &Instrument, answers: &AnswerMatrix<'_>) -> ScaleMatrix {
    let items = instrument.items();
    let n_items = items.len();
    let rules = rules(instrument);
    let scales = instrument.scales();
    let n_scales = scales.len();
    let mut out = vec![f64::NAN; answers.rows * n_scales];
    let mut invalid = 0usize;
    let mut pomp = vec![f64::NAN; n_scales];
    for (r, row) in answers.values.chunks_exact(n_items).enumerate() {
        let dst = &mut out[r * n_scales..(r + 1) * n_scales];
        for (si, s) in scales.iter().enumerate() {
            if s.scoring() == Scoring::Composite {
                continue;
            }
            let (mut raw, mut k, mut lo_ans, mut hi_ans) = (0.0, 0usize, 0.0, 0.0);
            let (mut lo_sum, mut hi_sum) = (0.0, 0.0);
            for &i in s.items() {
                let it = &items[i];
                lo_sum += it.min_score();
                hi_sum += it.max_score();
                let x = row[i];
                if x.is_nan() {
                    continue;
                }
                let Some(v) = rules[i].apply(x) else {
                    invalid += 1;
                    continue;
                };
                raw += v;
                k += 1;
                lo_ans += it.min_score();
                hi_ans += it.max_score();
            }
            let n = s.items().len();
            let missing = n - k;
            if k == 0 || missing > s.missing().max {
                pomp[si] = f64::NAN;
                continue;
            }
            let mean = raw / k as f64;
            let score = match s.scoring() {
                Scoring::Mean => mean,
                _ if s.missing().prorate && missing > 0 => {
                    prorate(raw, (k, n), (lo_ans, hi_ans), (lo_sum, hi_sum))
                }
                _ => raw,
            };
            dst[si] = score;
            pomp[si] = crate::score::pomp(score, s.min_score(), s.max_score());
        }
        for (si, s) in scales.iter().enumerate() {
            if s.scoring() != Scoring::Composite {
                continue;
            }
            let (mut sum, mut k) = (0.0, 0usize);
            for &c in s.components() {
                if !pomp[c].is_nan() {
                    sum += pomp[c];
                    k += 1;
                }
            }
            let missing = s.components().len() - k;
            if k > 0 && missing <= s.missing().max {
                dst[si] = sum / k as f64;
            }
        }
    }
    ScaleMatrix {
        scores: out,
        scales: n_scales,
        invalid,
    }
}
