//! Dense scoring: many respondents at once, for batch work and analysis.
//!
//! The per-respondent [`crate::score()`] builds a full [`crate::Report`] with
//! labels and flags. When only the scale scores of many respondents are
//! needed (building norms, reliability, a province's intake in memory),
//! [`score_matrix`] applies the same scoring kernel ([`crate::scoring`]):
//! reverse keying, the missing-data rule, proration, mean or sum,
//! composites — to a row-major matrix of answers, without allocating per
//! respondent.

use crate::instrument::{Instrument, Scoring};
use crate::report::ScaleStatus;
pub(crate) use crate::scoring::{Rule, rules};
use crate::scoring::{Tally, composite_score, item_scale_score, pomp};
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

/// Scores every row of `answers` on the full form, by the same rules as
/// [`crate::score()`]; the column of each scale holds its `score` field.
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

/// One scale's numbers on the full form, as [`crate::score()`] gives them.
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
/// keying applied, `NaN` when missing) with the scoring kernel
/// ([`crate::scoring`]) that [`crate::score()`] uses, so that the
/// numbers are bit-identical. `out` gets one entry per scale (`None` only
/// for a composite that names a later composite, as
/// [`crate::score()`] leaves it out too).
pub(crate) fn dense_scales(
    instrument: &Instrument,
    item_scores: &[f64],
    out: &mut [Option<DenseScale>],
) {
    let items = instrument.items();
    let scales = instrument.scales();
    out.fill(None);
    const NOT_SCORABLE: DenseScale = DenseScale {
        status: ScaleStatus::NotScorable,
        score: f64::NAN,
        pomp: f64::NAN,
    };
    for (si, s) in scales.iter().enumerate() {
        if s.scoring() == Scoring::Composite {
            continue;
        }
        let mut tally = Tally::default();
        for &i in s.items() {
            let x = item_scores[i];
            tally.add(&items[i], (!x.is_nan()).then_some(x));
        }
        out[si] = Some(match item_scale_score(s, &tally, s.missing().max) {
            None => NOT_SCORABLE,
            Some(r) => {
                let (min, max) = tally.range(s.scoring());
                DenseScale {
                    status: r.status,
                    score: r.score,
                    pomp: pomp(r.score, min, max),
                }
            }
        });
    }
    for (si, s) in scales.iter().enumerate() {
        if s.scoring() != Scoring::Composite {
            continue;
        }
        let components = s.components().iter().map(|&c| {
            out[c].map(|r| {
                (
                    (!r.pomp.is_nan()).then_some(r.pomp),
                    r.status == ScaleStatus::Complete,
                )
            })
        });
        out[si] = Some(match composite_score(s, components).0 {
            None => NOT_SCORABLE,
            Some((status, score)) => DenseScale {
                status,
                score,
                pomp: pomp(score, 0.0, 100.0),
            },
        });
    }
}
