//! The scoring kernel: the rules that turn checked answers into numbers,
//! shared by every path that scores (a respondent's report, the answer
//! matrix of a batch, a CSV row, item response theory).
//!
//! - item score: the Likert point, or (min + max − x) when reverse keyed;
//!   a binary 0/1, or (1 − x) when reverse keyed; 1 for the correct option
//!   of a single-choice item and 0 otherwise; the option's score for a
//!   scored-choice item ([`item_score`]);
//! - proration of a partly answered scale ([`prorate`]) and the percent of
//!   maximum possible ([`pomp`]);
//! - norms: z, T, percentile and stanine ([`norm_score`], [`stanine`]), and
//!   the band that holds a score ([`band_for`]);
//! - response quality: completion, longstring, variability, speed
//!   ([`quality`]). Flags inform the counsellor; they never change a score.
//!
//! Formulas and their sources: `docs/psychometrics.md`.

use serde::Serialize;

use crate::instrument::{
    Band, ChoiceOption, FormatKind, Instrument, Item, Norm, NormMethod, NormRow, Scale, Scoring,
    Status,
};
use crate::responses::{Checked, Value};
use crate::support::messages::{fill, messages};
use assess_text::num::Num;

/// How one item turns an answer into an item score: the one definition of
/// reverse keying and option scores, used by every scoring path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rule<'a> {
    /// Likert/binary: valid when min ≤ x ≤ max and whole; score a + b·x
    /// (a = min + max and b = −1 when reverse keyed, else a = 0 and b = 1).
    Linear { min: f64, max: f64, a: f64, b: f64 },
    /// Choice: the score of the option at each index.
    Table(&'a [ChoiceOption]),
}

impl<'a> Rule<'a> {
    /// The rule of item `i` of `instrument`.
    pub(crate) fn of(instrument: &'a Instrument, i: usize) -> Rule<'a> {
        let it = &instrument.items()[i];
        let (min, max) = match instrument.format_of(it).kind() {
            FormatKind::Likert { min, max, .. } => (f64::from(*min), f64::from(*max)),
            FormatKind::Binary { .. } => (0.0, 1.0),
            _ => return Rule::Table(it.options()),
        };
        let (a, b) = if it.reverse() {
            (min + max, -1.0)
        } else {
            (0.0, 1.0)
        };
        Rule::Linear { min, max, a, b }
    }

    /// The item score of the raw answer `x` (not `NaN`; a choice answer is
    /// its option's index), or `None` when `x` is not a valid answer.
    #[inline]
    pub(crate) fn apply(&self, x: f64) -> Option<f64> {
        match self {
            Rule::Linear { min, max, a, b } => {
                if x < *min || x > *max || !is_whole(x) {
                    None
                } else {
                    Some(a + b * x)
                }
            }
            Rule::Table(options) => {
                if x < 0.0 || !is_whole(x) {
                    return None;
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                options.get(x as usize).map(ChoiceOption::score)
            }
        }
    }

    /// The item score of a value that checking has accepted.
    #[inline]
    pub(crate) fn score(&self, v: Value) -> f64 {
        match (self, v) {
            (Rule::Linear { a, b, .. }, Value::Number(x)) => a + b * x,
            (Rule::Table(options), Value::Option(o)) => {
                options.get(o).map_or(f64::NAN, ChoiceOption::score)
            }
            // Checking gives numbers to Likert and binary items and option
            // indexes to choice items only.
            (Rule::Table(_), Value::Number(x)) => x,
            (Rule::Linear { .. }, Value::Option(_)) => f64::NAN,
        }
    }
}

/// Whether `x` is a whole number, as `x.fract() == 0.0` says for the
/// values a rule accepts, without the call to `trunc` that `fract` makes
/// (one per answer of a batch): a value beyond `i64` saturates the cast and
/// counts as not whole, and such a value is out of every item's range.
#[inline]
fn is_whole(x: f64) -> bool {
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let back = (x as i64) as f64;
    crate::support::prec::exactly(back, x)
}

/// The scoring rule of every item of `instrument`, in item order.
pub(crate) fn rules(instrument: &Instrument) -> Vec<Rule<'_>> {
    (0..instrument.items().len())
        .map(|i| Rule::of(instrument, i))
        .collect()
}

/// The score of item `i` given its checked value (reverse keying applied).
pub(crate) fn item_score(instrument: &Instrument, i: usize, v: Value) -> f64 {
    Rule::of(instrument, i).score(v)
}

/// Whether a scale could be scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum ScaleStatus {
    /// Scored from all its items.
    Complete,
    /// Scored although some items are missing, within the scale's rule.
    Partial,
    /// Not scored: too many items missing.
    NotScorable,
}

/// The sums an item scale is scored from, item by item: how many of its
/// items were presented (`n`) and answered (`k`), the sum of item scores,
/// and the possible ranges. Every scoring path adds items in scale order,
/// so the arithmetic, and so every bit of the result, is the same.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tally {
    pub(crate) n: usize,
    pub(crate) k: usize,
    pub(crate) raw: f64,
    lo_sum: f64,
    hi_sum: f64,
    lo_ans: f64,
    hi_ans: f64,
    lo_min: f64,
    hi_max: f64,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            n: 0,
            k: 0,
            raw: 0.0,
            lo_sum: 0.0,
            hi_sum: 0.0,
            lo_ans: 0.0,
            hi_ans: 0.0,
            lo_min: f64::INFINITY,
            hi_max: f64::NEG_INFINITY,
        }
    }
}

impl Tally {
    /// Counts a presented item, and its score when answered.
    #[inline]
    pub(crate) fn add(&mut self, item: &Item, score: Option<f64>) {
        self.n += 1;
        self.lo_sum += item.min_score();
        self.hi_sum += item.max_score();
        self.lo_min = self.lo_min.min(item.min_score());
        self.hi_max = self.hi_max.max(item.max_score());
        if let Some(x) = score {
            self.k += 1;
            self.lo_ans += item.min_score();
            self.hi_ans += item.max_score();
            self.raw += x;
        }
    }

    /// Missing answers among the presented items.
    pub(crate) fn missing(&self) -> usize {
        self.n - self.k
    }

    /// The lowest and highest possible scale scores (a mean scale's range
    /// is its items' range; a sum's, the sum of their ranges).
    pub(crate) fn range(&self, scoring: Scoring) -> (f64, f64) {
        let (min, max) = match scoring {
            Scoring::Mean => (self.lo_min, self.hi_max),
            _ => (self.lo_sum, self.hi_sum),
        };
        (
            if min.is_finite() { min } else { 0.0 },
            if max.is_finite() { max } else { 0.0 },
        )
    }
}

/// An item scale's score from its tally, when at most `allowed` answers are
/// missing: the status, the mean of the answered items, the prorated sum
/// when the scale prorates and answers are missing, and the scale score
/// (the mean, the prorated sum or the sum, by the scale's scoring).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ItemScaleScore {
    pub(crate) status: ScaleStatus,
    pub(crate) mean: f64,
    pub(crate) prorated: Option<f64>,
    pub(crate) score: f64,
}

/// Scores an item scale from its tally; `None` when it is not scorable
/// (nothing answered, or more than `allowed` answers missing).
#[inline]
pub(crate) fn item_scale_score(s: &Scale, t: &Tally, allowed: usize) -> Option<ItemScaleScore> {
    let missing = t.missing();
    if t.k == 0 || missing > allowed {
        return None;
    }
    let mean = t.raw / t.k as f64;
    let prorated =
        (s.scoring() != Scoring::Mean && s.missing().prorate && missing > 0).then(|| {
            prorate(
                t.raw,
                (t.k, t.n),
                (t.lo_ans, t.hi_ans),
                (t.lo_sum, t.hi_sum),
            )
        });
    let score = match (s.scoring(), prorated) {
        (Scoring::Mean, _) => mean,
        (_, Some(p)) => p,
        _ => t.raw,
    };
    Some(ItemScaleScore {
        status: if missing > 0 {
            ScaleStatus::Partial
        } else {
            ScaleStatus::Complete
        },
        mean,
        prorated,
        score,
    })
}

/// A composite's score: the mean of its components' POMP scores, in
/// component order, when at most the composite's `missing.max` components
/// are not scorable. `components` gives, per component, its POMP (when
/// scored) and whether it is complete; `None` for a composite that names a
/// later composite. Returns the status and score, or `None` when not
/// scorable, with the number of components scored.
#[inline]
pub(crate) fn composite_score(
    s: &Scale,
    components: impl Iterator<Item = Option<(Option<f64>, bool)>>,
) -> (Option<(ScaleStatus, f64)>, usize) {
    let (mut sum, mut k, mut n, mut partial) = (0.0, 0usize, 0usize, false);
    for c in components {
        n += 1;
        if let Some((pomp, complete)) = c {
            if let Some(p) = pomp {
                sum += p;
                k += 1;
            }
            partial |= !complete;
        }
    }
    let missing = n - k;
    if k == 0 || missing > s.missing().max {
        return (None, k);
    }
    let status = if missing > 0 || partial {
        ScaleStatus::Partial
    } else {
        ScaleStatus::Complete
    };
    (Some((status, sum / k as f64)), k)
}

/// Prorates a sum `raw` over `k` answered items whose possible range is
/// `answered`, to a scale of `n` items whose range is `all`: the answered
/// items' share of their range, carried to the scale's range. When every
/// item has the same range this is exactly mean × items (`docs/psychometrics.md`,
/// "Classical scoring"); when
/// ranges differ (Likert 1–5 beside judgement items 0–3) it stays within
/// the scale's range, where mean × items would not.
pub(crate) fn prorate(
    raw: f64,
    (k, n): (usize, usize),
    answered: (f64, f64),
    all: (f64, f64),
) -> f64 {
    let (lo_ans, hi_ans) = answered;
    let (lo_all, hi_all) = all;
    if hi_ans > lo_ans {
        lo_all + (raw - lo_ans) / (hi_ans - lo_ans) * (hi_all - lo_all)
    } else {
        // Answered items that cannot vary: mean × items.
        raw / k as f64 * n as f64
    }
}

/// Percent of maximum possible, 100·(score − min)/(max − min), within 0–100.
pub(crate) fn pomp(score: f64, min: f64, max: f64) -> f64 {
    if max > min {
        (100.0 * (score - min) / (max - min)).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// The band holding `x`: `min ≤ x < max`, the last band `min ≤ x ≤ max`;
/// values outside the range go to the nearest end band.
pub fn band_for(s: &Scale, x: f64) -> Option<&Band> {
    let bands = s.bands();
    let last = bands.len().checked_sub(1)?;
    bands
        .iter()
        .position(|b| x < b.max())
        .map_or(Some(&bands[last]), |i| Some(&bands[i]))
}

pub(crate) fn norm_score(n: &Norm, score: f64) -> NormScore {
    let (z, t, percentile, clamped, method) = match n.method() {
        NormMethod::Normal { mean, sd } => {
            let z = (score - mean) / sd;
            (
                z,
                50.0 + 10.0 * z,
                100.0 * crate::support::math::normal_cdf(z),
                false,
                "normal",
            )
        }
        NormMethod::Table(rows) => {
            let (p, t, clamped) = interpolate(rows, score);
            ((t - 50.0) / 10.0, t, p, clamped, "table")
        }
    };
    NormScore {
        group: n.group().to_owned(),
        status: n.status(),
        source: n.source().to_owned(),
        sample_size: n.sample_size(),
        method,
        z,
        t,
        percentile,
        stanine: stanine(z),
        clamped,
    }
}

/// Percentile and T by linear interpolation in a table whose scores
/// increase; outside the table, the end row, with `clamped` set.
fn interpolate(rows: &[NormRow], x: f64) -> (f64, f64, bool) {
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    if x <= first.score {
        return (first.percentile, first.t, x < first.score);
    }
    if x >= last.score {
        return (last.percentile, last.t, x > last.score);
    }
    let j = rows
        .iter()
        .position(|r| r.score >= x)
        .unwrap_or(rows.len() - 1);
    let (a, b) = (rows[j - 1], rows[j]);
    let w = (x - a.score) / (b.score - a.score);
    (
        a.percentile + w * (b.percentile - a.percentile),
        a.t + w * (b.t - a.t),
        false,
    )
}

/// Stanine from z, cut at −1.75, −1.25, −0.75, −0.25, 0.25, 0.75, 1.25,
/// 1.75 (a z exactly on a cut goes to the higher stanine).
pub fn stanine(z: f64) -> u8 {
    const CUTS: [f64; 8] = [-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75];
    1 + u8::try_from(CUTS.iter().filter(|&&c| z >= c).count()).unwrap_or(8)
}

pub(crate) fn quality(instrument: &Instrument, checked: &Checked, lang: &str) -> Quality {
    let rules = instrument.quality();
    let m = messages(lang);
    let items = instrument.items();
    let presented = checked.presented.len();
    let mut answered = 0usize;
    let mut skipped = 0usize;
    let (mut run, mut longest) = (0u32, 0u32);
    // The previous answer, compared as a number or an option key.
    let mut prev: Option<(u64, &str)> = None;
    // Sized once: this runs for every respondent of a batch.
    let mut likert: Vec<f64> = Vec::with_capacity(presented);
    let mut secs: Vec<f64> = Vec::new();
    let mut fast = 0usize;
    for &i in &checked.presented {
        skipped += usize::from(checked.skipped[i]);
        match checked.values[i] {
            Some(v) => {
                answered += 1;
                // Identical answers: the same number, or the same option key.
                let this = match v {
                    Value::Number(x) => (x.to_bits(), ""),
                    Value::Option(o) => (u64::MAX, items[i].options()[o].key()),
                };
                // Numbers compare by their bits alone (the key is empty), so
                // the common case never compares strings.
                let same = prev.is_some_and(|p| {
                    p.0 == this.0 && (matches!(v, Value::Number(_)) || p.1 == this.1)
                });
                run = if same { run + 1 } else { 1 };
                longest = longest.max(run);
                prev = Some(this);
                if let (Value::Number(x), FormatKind::Likert { .. }) =
                    (v, instrument.format_of(&items[i]).kind())
                {
                    likert.push(x);
                }
                if let Some(s) = checked.seconds[i] {
                    secs.push(s);
                    if rules.min_seconds_per_item.is_some_and(|m| s < m) {
                        fast += 1;
                    }
                }
            }
            None => {
                run = 0;
                prev = None;
            }
        }
    }
    let completion = if presented == 0 {
        0.0
    } else {
        answered as f64 / presented as f64
    };
    let irv = (likert.len() >= 2).then(|| {
        let m = likert.iter().sum::<f64>() / likert.len() as f64;
        (likert.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / likert.len() as f64).sqrt()
    });
    let median_seconds = (!secs.is_empty()).then(|| {
        secs.sort_by(f64::total_cmp);
        let h = secs.len() / 2;
        if secs.len() % 2 == 1 {
            secs[h]
        } else {
            (secs[h - 1] + secs[h]) / 2.0
        }
    });
    let mut flags = Vec::new();
    let mut flag = |kind, value, threshold, message: String| {
        flags.push(Flag {
            kind,
            value,
            threshold,
            message,
        });
    };
    if let Some(min) = rules.min_completion {
        if completion < min {
            flag(
                FlagKind::LowCompletion,
                completion,
                min,
                fill(
                    m.flag_low_completion,
                    &[("answered", &answered), ("presented", &presented)],
                ),
            );
        }
    }
    if let Some(max) = rules.max_longstring {
        if longest > max {
            flag(
                FlagKind::Longstring,
                f64::from(longest),
                f64::from(max),
                fill(m.flag_longstring, &[("run", &longest)]),
            );
        }
    }
    if let (Some(min), Some(v)) = (rules.min_irv, irv) {
        if v < min {
            flag(
                FlagKind::LowVariability,
                v,
                min,
                m.flag_low_variability.to_owned(),
            );
        }
    }
    if let (Some(min), Some(med)) = (rules.min_seconds_per_item, median_seconds) {
        if med < min {
            flag(
                FlagKind::TooFast,
                med,
                min,
                fill(m.flag_too_fast, &[("seconds", &m.decimal(Num(med)))]),
            );
        }
    }
    if likert.len() >= 5 && irv.is_some_and(|v| v == 0.0) {
        flag(
            FlagKind::IdenticalAnswers,
            likert.len() as f64,
            5.0,
            m.flag_identical_answers.to_owned(),
        );
    }
    Quality {
        presented,
        answered,
        skipped,
        completion,
        longstring: longest,
        irv,
        median_seconds,
        fast_items: fast,
        flags,
    }
}

/// Norm-referenced scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NormScore {
    /// Norm group identifier.
    pub group: String,
    /// Status of the norms.
    pub status: Status,
    /// Where they come from.
    pub source: String,
    /// Norm sample size.
    pub sample_size: u64,
    /// `normal` or `table`.
    pub method: &'static str,
    /// z = (score − mean)/sd, or (T − 50)/10 from a table.
    pub z: f64,
    /// T = 50 + 10z.
    pub t: f64,
    /// Percentile rank.
    pub percentile: f64,
    /// Stanine (1–9) from z.
    pub stanine: u8,
    /// The score lay outside the table and was clamped to its ends.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub clamped: bool,
}

/// Response-quality indicators. Flags inform the counsellor; they never
/// change a score.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Quality {
    /// Items presented (on the form).
    pub presented: usize,
    /// Items answered.
    pub answered: usize,
    /// Items explicitly skipped.
    pub skipped: usize,
    /// answered / presented.
    pub completion: f64,
    /// Longest run of identical consecutive answers.
    pub longstring: u32,
    /// Intra-individual response variability: population SD of the
    /// person's Likert answers (needs two or more).
    pub irv: Option<f64>,
    /// Median seconds per answered item, when timings were given.
    pub median_seconds: Option<f64>,
    /// Items answered faster than the minimum seconds per item.
    pub fast_items: usize,
    /// Flags raised by the instrument's rules.
    pub flags: Vec<Flag>,
}

/// A response-quality flag.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Flag {
    /// What was flagged.
    pub kind: FlagKind,
    /// The observed value.
    pub value: f64,
    /// The rule's threshold.
    pub threshold: f64,
    /// A note for the counsellor, in the report language.
    pub message: String,
}

/// Kinds of response-quality flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum FlagKind {
    /// Fewer items answered than the instrument asks.
    LowCompletion,
    /// A long run of identical answers.
    Longstring,
    /// Very little variation in the answers.
    LowVariability,
    /// Answered faster than the minimum time per item.
    TooFast,
    /// Every answer the same.
    IdenticalAnswers,
}

impl FlagKind {
    /// A short name of the flag in `lang` for pages (`terlalu cepat`);
    /// JSON and CSV keep the identifier (`too_fast`).
    pub fn label(self, lang: &str) -> &'static str {
        let m = crate::support::messages::messages(lang);
        match self {
            FlagKind::LowCompletion => m.flag_label_low_completion,
            FlagKind::Longstring => m.flag_label_longstring,
            FlagKind::LowVariability => m.flag_label_low_variability,
            FlagKind::TooFast => m.flag_label_too_fast,
            FlagKind::IdenticalAnswers => m.flag_label_identical_answers,
        }
    }
}

assess_text::json::json_names!(ScaleStatus {
    "complete" => Complete,
    "partial" => Partial,
    "not_scorable" => NotScorable,
});

assess_text::json::json_names!(FlagKind {
    "low_completion" => LowCompletion,
    "longstring" => Longstring,
    "low_variability" => LowVariability,
    "too_fast" => TooFast,
    "identical_answers" => IdenticalAnswers,
});
