//! Lean scoring of CSV rows for wide batch output.
//!
//! [`crate::score()`] builds a full [`crate::Report`] per respondent: names,
//! labels, interpretations, norms, the instrument reference, the RIASEC
//! profile with its alternatives. A wide CSV of a batch keeps only each
//! scale's score, POMP and band, the Holland code, the IRT estimate (θ, SE,
//! estimator), the flags and the row's status. [`CsvRowScorer`] computes
//! exactly those from a CSV record's cells, with the column → item indices,
//! item rules and IRT tables worked out once,
//! by the same rules and arithmetic as [`crate::score()`] (the equality is a
//! property test in `tests/properties.rs`).
//!
//! It handles the common row: every answer valid, the full form, no
//! timings. Any other row (a bad answer, a form, `seconds.` timings, a
//! wrong number of cells) is declined, and the caller scores it with
//! [`CsvLayout::read`] and [`crate::score()`], which report its problems.

use crate::instrument::{BandBasis, Instrument, InstrumentKind};
use crate::report::matrix::{DenseScale, Rule, dense_scales, rules};
use crate::report::score::ScoreOptions;
use crate::report::{FlagKind, RowStatus, ScaleStatus};
use crate::responses::{Checked, Column, CsvLayout, Value};

/// Scores the common rows of one CSV layout straight from their cells.
///
/// ```
/// use assess_core::{CsvLayout, CsvRowScorer, Instrument, RowScores, RowStatus, ScoreOptions};
/// let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
/// let header = ["respondent_id", "R1", "R2", "R3", "S1", "S2", "S3"];
/// let layout = CsvLayout::new(&inst, &header, "respondent_id")?;
/// let options = ScoreOptions::new();
/// let scorer = CsvRowScorer::new(&inst, &layout, &options).expect("a plain layout");
/// let mut out = RowScores::default();
/// assert!(scorer.score(&["a1", "5", "4", "2", "3", "2", "4"], &mut out));
/// // R: 5 + 4 + (1 + 5 − 2) = 13, as `score` gives it.
/// assert_eq!(out.scales[0].score, Some(13.0));
/// assert_eq!(out.status, RowStatus::Scored);
/// // An answer out of range: declined, for `score` to report.
/// assert!(!scorer.score(&["a2", "9", "4", "2", "3", "2", "4"], &mut out));
/// # Ok::<(), assess_core::Error>(())
/// ```
#[derive(Debug)]
pub struct CsvRowScorer<'a> {
    instrument: &'a Instrument,
    options: ScoreOptions,
    columns: Vec<Cell>,
    id_col: usize,
    rules: Vec<Rule<'a>>,
    /// Scale indices of R, I, A, S, E and C, for an interest instrument
    /// that has all six.
    riasec: Option<[usize; 6]>,
    /// The IRT scoring of an instrument with an `[irt]` section, with its
    /// EAP tables.
    irt: Option<crate::irt::score::IrtScorer<'a>>,
}

/// What one column means to the lean path.
#[derive(Clone, Copy, Debug)]
enum Cell {
    /// Not read (the id, metadata).
    Ignore,
    /// The form: only empty or `full` is handled here.
    Form,
    /// A timing: only an empty (or non-numeric, hence ignored) cell is
    /// handled here.
    Seconds,
    /// An item, by index; `choice`: answered with an option key.
    Item { index: usize, choice: bool },
}

/// One scale's columns of the wide CSV.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScaleScores<'a> {
    /// The scale score (the report's `score`).
    pub score: Option<f64>,
    /// Its POMP.
    pub pomp: Option<f64>,
    /// The band's id.
    pub band: Option<&'a str>,
}

/// What the wide CSV needs of one scored row. Reused from row to row, so
/// that scoring a row allocates little.
#[derive(Clone, Debug)]
pub struct RowScores<'a> {
    /// `scored`, or `partial` when a scale is partial or not scorable
    /// (rows with warnings are never handled by the lean path).
    pub status: RowStatus,
    /// One entry per scale, in instrument order.
    pub scales: Vec<ScaleScores<'a>>,
    /// The Holland code, for an interest instrument whose six RIASEC
    /// scales are all scored.
    pub holland: Option<String>,
    /// Kinds of the response-quality flags raised, in report order.
    pub flags: Vec<FlagKind>,
    /// The IRT estimate, for an instrument with an `[irt]` section (the
    /// report's `irt` θ, SE and estimator).
    pub irt: Option<crate::irt::Estimate>,
    checked: Option<Checked>,
    item_scores: Vec<f64>,
    dense: Vec<Option<DenseScale>>,
}

impl Default for RowScores<'_> {
    fn default() -> Self {
        RowScores {
            status: RowStatus::Scored,
            scales: Vec::new(),
            holland: None,
            flags: Vec::new(),
            irt: None,
            checked: None,
            item_scores: Vec::new(),
            dense: Vec::new(),
        }
    }
}

impl<'a> CsvRowScorer<'a> {
    /// The lean scorer of `layout`'s rows for `instrument`, or `None` when
    /// the layout itself always needs the full path (a column that looks
    /// like an item but is not one, an item in two columns).
    pub fn new(
        instrument: &'a Instrument,
        layout: &CsvLayout,
        options: &ScoreOptions,
    ) -> Option<CsvRowScorer<'a>> {
        let mut seen = vec![false; instrument.items().len()];
        let mut columns = Vec::with_capacity(layout.roles.len());
        for role in &layout.roles {
            columns.push(match role {
                Column::Id | Column::Meta(_) => Cell::Ignore,
                Column::Form => Cell::Form,
                Column::Seconds(_) => Cell::Seconds,
                Column::Item { name, choice } => {
                    let index = instrument.item_index(name)?;
                    if std::mem::replace(&mut seen[index], true) {
                        return None;
                    }
                    Cell::Item {
                        index,
                        choice: *choice,
                    }
                }
            });
        }
        let riasec = (instrument.kind() == InstrumentKind::Interest)
            .then(|| {
                let mut at = [0; 6];
                for (slot, id) in at.iter_mut().zip(["R", "I", "A", "S", "E", "C"]) {
                    *slot = instrument.scales().iter().position(|s| s.id() == id)?;
                }
                Some(at)
            })
            .flatten();
        Some(CsvRowScorer {
            instrument,
            options: options.clone(),
            columns,
            id_col: layout.id_col,
            rules: rules(instrument),
            riasec,
            irt: crate::irt::score::IrtScorer::new(instrument).map(|s| s.tabulated()),
        })
    }

    /// The respondent id of a record (its id cell, trimmed).
    pub fn respondent_id<'c>(&self, cells: &[&'c str]) -> Option<&'c str> {
        cells.get(self.id_col).map(|c| trim(c))
    }

    /// Scores one record into `out`; `false` (and `out` unspecified) when
    /// the row needs the full path: a wrong number of cells, an answer that
    /// is not valid for its item, a form other than `full`, a timing.
    pub fn score(&self, cells: &[&str], out: &mut RowScores<'a>) -> bool {
        if cells.len() != self.columns.len() {
            return false;
        }
        let inst = self.instrument;
        let n = inst.items().len();
        let checked = out.checked.get_or_insert_with(|| Checked {
            values: vec![None; n],
            skipped: vec![false; n],
            seconds: vec![None; n],
            presented: (0..n).collect(),
            form: "full".to_owned(),
            problems: Vec::new(),
        });
        checked.values.fill(None);
        checked.skipped.fill(false);
        out.item_scores.clear();
        out.item_scores.resize(n, f64::NAN);
        for (&col, cell) in self.columns.iter().zip(cells) {
            match col {
                Cell::Ignore => {}
                Cell::Form => {
                    let c = trim(cell);
                    if !c.is_empty() && c != "full" {
                        return false;
                    }
                }
                Cell::Seconds => {
                    if assess_text::num::parse_f64(trim(cell)).is_some() {
                        return false;
                    }
                }
                Cell::Item { index, choice } => {
                    let c = trim(cell);
                    if c.is_empty() {
                        continue;
                    }
                    if c == "skipped" {
                        checked.skipped[index] = true;
                        continue;
                    }
                    let (value, x) = if choice {
                        let Some(o) = inst.items()[index]
                            .options()
                            .iter()
                            .position(|o| o.key() == c)
                        else {
                            return false;
                        };
                        (Value::Option(o), o as f64)
                    } else {
                        match parse_number(c) {
                            Some(x) => (Value::Number(x), x),
                            None => return false,
                        }
                    };
                    // Out of range, not whole, not a number.
                    let Some(s) = self.rules[index].apply(x) else {
                        return false;
                    };
                    checked.values[index] = Some(value);
                    out.item_scores[index] = s;
                }
            }
        }
        let scales = inst.scales();
        out.dense.resize(scales.len(), None);
        dense_scales(inst, &out.item_scores, &mut out.dense);
        out.scales.clear();
        let mut partial = false;
        for (s, d) in scales.iter().zip(&out.dense) {
            let Some(d) = d.filter(|d| d.status != ScaleStatus::NotScorable) else {
                partial |= d.is_some();
                out.scales.push(ScaleScores::default());
                continue;
            };
            partial |= d.status != ScaleStatus::Complete;
            let basis = match s.bands_on() {
                BandBasis::Score => Some(d.score),
                BandBasis::Pomp => Some(d.pomp),
                BandBasis::Percentile => {
                    let norm = match &self.options.norm_group {
                        Some(g) => s.norms().iter().find(|n| n.group() == g),
                        None => s.norms().first(),
                    };
                    norm.map(|n| crate::scoring::norm_score(n, d.score).percentile)
                }
            };
            out.scales.push(ScaleScores {
                score: Some(d.score),
                pomp: Some(d.pomp),
                band: basis.and_then(|x| crate::scoring::band_for(s, x).map(|b| b.id())),
            });
        }
        out.status = if partial {
            RowStatus::Partial
        } else {
            RowStatus::Scored
        };
        out.holland = self.riasec.and_then(|at| {
            let mut scores = [0.0; 6];
            for (x, &i) in scores.iter_mut().zip(&at) {
                *x = out.scales[i].pomp?;
            }
            Some(crate::riasec::holland_code_only(&scores))
        });
        let quality = crate::scoring::quality(inst, checked, self.options.get_language());
        out.flags.clear();
        out.flags.extend(quality.flags.iter().map(|f| f.kind));
        let item_scores = &out.item_scores;
        out.irt = self.irt.as_ref().map(|s| {
            s.estimate_scores(|i| item_scores.get(i).copied().filter(|x| !x.is_nan()))
                .0
        });
        true
    }
}

/// `c.trim()`, without the Unicode scan in the common case of a cell that
/// starts and ends with a visible ASCII character (no whitespace, ASCII or
/// not, can be stripped from it).
#[inline]
fn trim(c: &str) -> &str {
    let b = c.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => c,
        _ => c.trim(),
    }
}

/// `c.parse::<f64>().ok()` (through `num::parse_f64`), with the common single digit read directly
/// (the same value: a digit is an exact `f64`).
#[inline]
fn parse_number(c: &str) -> Option<f64> {
    match c.as_bytes() {
        [d @ b'0'..=b'9'] => Some(f64::from(d - b'0')),
        _ => assess_text::num::parse_f64(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_number, trim};

    #[test]
    fn shortcuts_agree_with_std() {
        for c in [
            "", " ", "4", " 4", "4 ", "\u{a0}4", "4\u{a0}", "\t4\n", "a b", "x", "12", "-0", "1e0",
            "4.0", "inf", "NaN", "+3", ".5", "9", "0",
        ] {
            assert_eq!(trim(c), c.trim(), "{c:?}");
            assert_eq!(
                parse_number(c).map(f64::to_bits),
                c.parse::<f64>().ok().map(f64::to_bits),
                "{c:?}"
            );
        }
    }
}
