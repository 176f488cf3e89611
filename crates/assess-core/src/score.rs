//! Classical scoring: checked responses → scale scores, norms, bands, SEM
//! and response-quality flags, gathered in a [`Report`].
//!
//! Formulas (DOMAIN.md, "Classical test theory"):
//! - item score: the Likert point, or (min + max − x) when reverse keyed;
//!   a binary 0/1, or (1 − x) when reverse keyed; 1 for the correct option
//!   of a single-choice item and 0 otherwise; the option's score for a
//!   scored-choice item;
//! - raw = Σ item scores of answered items; mean = raw / answered;
//! - proration: mean × items, only while missing ≤ the scale's `missing.max`
//!   (for items with different ranges, the answered items' share of their
//!   possible range carried to the scale's range, which equals mean × items
//!   when the ranges are the same);
//! - POMP = 100·(score − min)/(max − min), with min and max the lowest and
//!   highest possible scores on the form answered;
//! - z = (score − mean)/sd, T = 50 + 10z, percentile = 100·Φ(z) for normal
//!   norms; from a table, percentile and T by linear interpolation between
//!   rows and z = (T − 50)/10; stanines cut at z = −1.75, −1.25, …, 1.75;
//! - SEM = SD·√(1 − r); 95% band = score ± 1.96·SEM, kept within the range.

use crate::instrument::{BandBasis, FormatKind, Instrument, NormMethod, Scale, Scoring};
use crate::report::{
    BandResult, Engine, Flag, FlagKind, InstrumentRef, NormScore, Quality, REPORT_FORMAT, Report,
    ScaleResult, ScaleStatus, SemBand,
};
use crate::responses::{Checked, Policy, ResponseSet, Value, check};
use crate::text::Localized;
use assess_text::num::Num;
use assess_text::problem::Error;

/// How to score: language of the report text, what to do with bad answers,
/// which norm group to use.
///
/// ```
/// use assess_core::{Policy, ScoreOptions};
/// let opts = ScoreOptions::new().language("en").policy(Policy::Warn);
/// assert_eq!(opts.get_language(), "en");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreOptions {
    language: String,
    policy: Policy,
    pub(crate) norm_group: Option<String>,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            language: crate::text::PRIMARY_LANGUAGE.to_owned(),
            policy: Policy::Reject,
            norm_group: None,
        }
    }
}

impl ScoreOptions {
    /// Bahasa Indonesia, reject on any problem, first norm group.
    pub fn new() -> Self {
        ScoreOptions::default()
    }
    /// Language of the report text (`id`, `en`, …; falls back to `id`).
    #[must_use]
    pub fn language(mut self, lang: &str) -> Self {
        lang.clone_into(&mut self.language);
        self
    }
    /// What to do with problems in the responses.
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }
    /// Use this norm group instead of each scale's first.
    #[must_use]
    pub fn norm_group(mut self, group: Option<&str>) -> Self {
        self.norm_group = group.map(str::to_owned);
        self
    }
    /// The report language.
    pub fn get_language(&self) -> &str {
        &self.language
    }
    /// The policy.
    pub fn get_policy(&self) -> Policy {
        self.policy
    }
}

/// Checks and scores one response set.
///
/// # Errors
///
/// Under [`Policy::Reject`], an [`Error`] listing every problem in the
/// responses; under [`Policy::Warn`], only an unknown form is an error and
/// other problems become the report's `warnings`.
///
/// # Example
///
/// ```
/// use assess_core::{Instrument, ResponseSet, ScoreOptions, score};
/// let inst = Instrument::from_toml(include_str!("../../../tests/fixtures/valid/mini.toml"))?;
/// let set = ResponseSet::from_json(r#"{"respondent_id": "a1",
///     "answers": {"R1": 5, "R2": 4, "R3": 2, "S1": 3, "S2": 2, "S3": 4}}"#)?;
/// let report = score(&inst, &set, &ScoreOptions::new().language("en"))?;
/// // R: 5 + 4 + (1 + 5 − 2) = 13 of 3..15; POMP = 100·(13 − 3)/12.
/// assert_eq!(report.scales[0].raw, Some(13.0));
/// assert_eq!(report.scales[0].band.as_ref().unwrap().label, "High");
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn score(
    instrument: &Instrument,
    set: &ResponseSet,
    options: &ScoreOptions,
) -> Result<Report, Error> {
    let checked = check(instrument, set, options.policy)?;
    Ok(score_checked(instrument, set, &checked, options))
}

/// Scores responses already checked with [`check`].
pub fn score_checked(
    instrument: &Instrument,
    set: &ResponseSet,
    checked: &Checked,
    options: &ScoreOptions,
) -> Report {
    let lang = options.language.as_str();
    let n = instrument.items().len();
    let mut in_form = vec![false; n];
    for &i in &checked.presented {
        in_form[i] = true;
    }
    let full = checked.form == "full";
    let scales = instrument.scales();
    let mut results: Vec<Option<ScaleResult>> = vec![None; scales.len()];
    // Item scales first: composites are built from their results.
    for (i, s) in scales.iter().enumerate() {
        if s.scoring() != Scoring::Composite {
            results[i] = Some(item_scale(instrument, s, checked, &in_form, full, options));
        }
    }
    for (i, s) in scales.iter().enumerate() {
        if s.scoring() == Scoring::Composite {
            let r = composite_scale(s, &results, full, options);
            results[i] = Some(r);
        }
    }
    let mut report = Report {
        report_format: REPORT_FORMAT,
        engine: Engine {
            name: "assess",
            version: crate::ENGINE_VERSION,
        },
        instrument: InstrumentRef {
            id: instrument.id().to_owned(),
            version: instrument.version().to_owned(),
            hash: instrument.hash().to_owned(),
            status: instrument.status(),
            kind: instrument.kind(),
            form: checked.form.clone(),
        },
        language: lang.to_owned(),
        respondent_id: set.respondent_id.clone(),
        scales: results.into_iter().flatten().collect(),
        quality: quality(instrument, checked, lang),
        warnings: checked.problems.clone(),
        riasec: None,
        irt: crate::irt::score_checked(instrument, checked),
        metadata: set.metadata.clone(),
    };
    if instrument.kind() == crate::instrument::InstrumentKind::Interest {
        report.riasec = crate::riasec::RiasecProfile::from_report(&report).ok();
    }
    report
}

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

fn item_scale(
    instrument: &Instrument,
    s: &Scale,
    checked: &Checked,
    in_form: &[bool],
    full: bool,
    options: &ScoreOptions,
) -> ScaleResult {
    let lang = options.language.as_str();
    let items = instrument.items();
    let mut n = 0usize;
    let mut k = 0usize;
    let (mut raw, mut lo_sum, mut hi_sum) = (0.0, 0.0, 0.0);
    // Possible range of the answered items only, for proration.
    let (mut lo_ans, mut hi_ans) = (0.0, 0.0);
    let (mut lo_min, mut hi_max) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut n_single, mut correct) = (0u32, 0u32);
    let (mut has_scored, mut choice_score) = (false, 0.0);
    for &i in s.items() {
        if !in_form[i] {
            continue;
        }
        n += 1;
        let item = &items[i];
        lo_sum += item.min_score();
        hi_sum += item.max_score();
        lo_min = lo_min.min(item.min_score());
        hi_max = hi_max.max(item.max_score());
        let kind = instrument.format_of(item).kind();
        let single = matches!(kind, FormatKind::SingleChoice);
        let scored = matches!(kind, FormatKind::ScoredChoice);
        n_single += u32::from(single);
        has_scored |= scored;
        if let Some(v) = checked.values[i] {
            k += 1;
            lo_ans += item.min_score();
            hi_ans += item.max_score();
            let x = item_score(instrument, i, v);
            raw += x;
            if single && matches!(v, Value::Option(o) if Some(o) == item.key()) {
                correct += 1;
            }
            if scored {
                choice_score += x;
            }
        }
    }
    let missing = n - k;
    let rule = s.missing();
    // On a shorter form the allowance shrinks in proportion (rounded down).
    let allowed = if full || s.items().is_empty() {
        rule.max
    } else {
        rule.max * n / s.items().len()
    };
    let (min, max) = match s.scoring() {
        Scoring::Mean => (lo_min, hi_max),
        _ => (lo_sum, hi_sum),
    };
    let mut r = ScaleResult::unscored(
        s,
        lang,
        (n, k),
        (
            if min.is_finite() { min } else { 0.0 },
            if max.is_finite() { max } else { 0.0 },
        ),
    );
    if n_single > 0 {
        r.correct = Some(correct);
        r.percent_correct = Some(100.0 * f64::from(correct) / f64::from(n_single));
    }
    if k == 0 || missing > allowed {
        r.status = ScaleStatus::NotScorable;
        r.reason = Some(if lang == "en" {
            format!(
                "too many items unanswered: {missing} of {n} missing; at most {allowed} may be missing"
            )
        } else {
            format!(
                "terlalu banyak butir tidak dijawab: {missing} dari {n} kosong; paling banyak {allowed} boleh kosong"
            )
        });
        return r;
    }
    if missing > 0 {
        r.status = ScaleStatus::Partial;
    }
    let mean = raw / k as f64;
    r.raw = Some(raw);
    r.mean = Some(mean);
    if has_scored {
        r.choice_score = Some(choice_score);
    }
    let score = match s.scoring() {
        Scoring::Mean => mean,
        _ if rule.prorate && missing > 0 => {
            let p = prorate(raw, (k, n), (lo_ans, hi_ans), (lo_sum, hi_sum));
            r.prorated = Some(p);
            p
        }
        _ => raw,
    };
    finish(s, &mut r, score, full, options);
    r
}

fn composite_scale(
    s: &Scale,
    results: &[Option<ScaleResult>],
    full: bool,
    options: &ScoreOptions,
) -> ScaleResult {
    let lang = options.language.as_str();
    let comps = s.components();
    let pomps: Vec<f64> = comps
        .iter()
        .filter_map(|&c| results[c].as_ref().and_then(|r| r.pomp))
        .collect();
    let n = comps.len();
    let k = pomps.len();
    let missing = n - k;
    let mut r = ScaleResult::unscored(s, lang, (n, k), (0.0, 100.0));
    let allowed = s.missing().max;
    if k == 0 || missing > allowed {
        r.status = ScaleStatus::NotScorable;
        r.reason = Some(if lang == "en" {
            format!(
                "too many component scales not scorable: {missing} of {n}; at most {allowed} may be missing"
            )
        } else {
            format!(
                "terlalu banyak skala komponen tidak dapat dinilai: {missing} dari {n}; paling banyak {allowed} boleh kosong"
            )
        });
        return r;
    }
    if missing > 0
        || comps.iter().any(|&c| {
            results[c]
                .as_ref()
                .is_some_and(|x| x.status != ScaleStatus::Complete)
        })
    {
        r.status = ScaleStatus::Partial;
    }
    let score = pomps.iter().sum::<f64>() / k as f64;
    r.raw = Some(score);
    r.mean = Some(score);
    finish(s, &mut r, score, full, options);
    r
}

/// Prorates a sum `raw` over `k` answered items whose possible range is
/// `answered`, to a scale of `n` items whose range is `all`: the answered
/// items' share of their range, carried to the scale's range. When every
/// item has the same range this is exactly mean × items (DOMAIN.md); when
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

/// POMP, norms, SEM and band for a scored scale.
fn finish(s: &Scale, r: &mut ScaleResult, score: f64, full: bool, options: &ScoreOptions) {
    let lang = options.language.as_str();
    r.score = Some(score);
    let pomp = pomp(score, r.min, r.max);
    r.pomp = Some(pomp);
    // Norms and reliabilities describe the full form.
    if full {
        let norm = match &options.norm_group {
            Some(g) => s.norms().iter().find(|n| n.group() == g),
            None => s.norms().first(),
        };
        r.norm = norm.map(|n| norm_score(n, score));
        if let Some(rel) = s.reliability() {
            let sd = rel.sd().or_else(|| {
                s.norms().iter().find_map(|n| match n.method() {
                    NormMethod::Normal { sd, .. } => Some(*sd),
                    NormMethod::Table(_) => None,
                })
            });
            if let Some(sd) = sd {
                let sem = sd * (1.0 - rel.value()).sqrt();
                r.sem = Some(SemBand {
                    reliability: rel.value(),
                    method: rel.method().to_owned(),
                    source: rel.source().to_owned(),
                    sem,
                    lower: (score - 1.96 * sem).max(r.min),
                    upper: (score + 1.96 * sem).min(r.max),
                });
            }
        }
    }
    let basis_value = match s.bands_on() {
        BandBasis::Score => Some(score),
        BandBasis::Pomp => Some(pomp),
        BandBasis::Percentile => r.norm.as_ref().map(|n| n.percentile),
    };
    if let Some(x) = basis_value {
        r.band = band_for(s, x).map(|b| BandResult {
            id: b.id().to_owned(),
            basis: s.bands_on(),
            label: b.label().get(lang).to_owned(),
            interpretation: b.interpretation().get(lang).to_owned(),
            next_step: b.next_step().map(|t: &Localized| t.get(lang).to_owned()),
        });
    }
}

/// The band holding `x`: `min ≤ x < max`, the last band `min ≤ x ≤ max`;
/// values outside the range go to the nearest end band.
pub fn band_for(s: &Scale, x: f64) -> Option<&crate::instrument::Band> {
    let bands = s.bands();
    let last = bands.len().checked_sub(1)?;
    bands
        .iter()
        .position(|b| x < b.max())
        .map_or(Some(&bands[last]), |i| Some(&bands[i]))
}

pub(crate) fn norm_score(n: &crate::instrument::Norm, score: f64) -> NormScore {
    let (z, t, percentile, clamped, method) = match n.method() {
        NormMethod::Normal { mean, sd } => {
            let z = (score - mean) / sd;
            (
                z,
                50.0 + 10.0 * z,
                100.0 * crate::math::normal_cdf(z),
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
fn interpolate(rows: &[crate::instrument::NormRow], x: f64) -> (f64, f64, bool) {
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
