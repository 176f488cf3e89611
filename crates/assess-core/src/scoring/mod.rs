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

use crate::instrument::{Band, FormatKind, Instrument, Norm, NormMethod, NormRow, Scale, Status};
use crate::responses::{Checked, Value};
use assess_text::num::Num;

/// The score of item `i` given its checked value (reverse keying applied).
pub(crate) fn item_score(instrument: &Instrument, i: usize, v: Value) -> f64 {
    let item = &instrument.items()[i];
    match (v, instrument.format_of(item).kind()) {
        (Value::Number(x), FormatKind::Likert { min, max, .. }) if item.reverse() => {
            f64::from(*min) + f64::from(*max) - x
        }
        (Value::Number(x), FormatKind::Binary { .. }) if item.reverse() => 1.0 - x,
        (Value::Number(x), _) => x,
        (Value::Option(o), _) => item.options()[o].score(),
    }
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
    let en = lang == "en";
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
    let mut flag = |kind, value, threshold, id: String, en_msg: String| {
        flags.push(Flag {
            kind,
            value,
            threshold,
            message: if en { en_msg } else { id },
        });
    };
    if let Some(min) = rules.min_completion {
        if completion < min {
            flag(
                FlagKind::LowCompletion,
                completion,
                min,
                format!("hanya {answered} dari {presented} butir dijawab"),
                format!("only {answered} of {presented} items were answered"),
            );
        }
    }
    if let Some(max) = rules.max_longstring {
        if longest > max {
            flag(
                FlagKind::Longstring,
                f64::from(longest),
                f64::from(max),
                format!(
                    "{longest} jawaban sama berturut-turut; tanyakan apakah pertanyaan dibaca dengan teliti"
                ),
                format!(
                    "{longest} identical answers in a row; ask whether the questions were read carefully"
                ),
            );
        }
    }
    if let (Some(min), Some(v)) = (rules.min_irv, irv) {
        if v < min {
            flag(
                FlagKind::LowVariability,
                v,
                min,
                "jawaban hampir tidak bervariasi".to_owned(),
                "answers barely vary".to_owned(),
            );
        }
    }
    if let (Some(min), Some(med)) = (rules.min_seconds_per_item, median_seconds) {
        if med < min {
            flag(
                FlagKind::TooFast,
                med,
                min,
                format!(
                    "rata-rata (median) {} detik per butir; mungkin dijawab terlalu cepat",
                    Num(med)
                ),
                format!(
                    "median {} seconds per item; answers may have been given too quickly",
                    Num(med)
                ),
            );
        }
    }
    if likert.len() >= 5 && irv.is_some_and(|v| v == 0.0) {
        flag(
            FlagKind::IdenticalAnswers,
            likert.len() as f64,
            5.0,
            "semua jawaban sama".to_owned(),
            "every answer is the same".to_owned(),
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
