//! A respondent's report: checked responses → scale scores (classical, or
//! θ for IRT-scored scales), norms, bands, SEM and response-quality flags,
//! and the RIASEC profile of an interest inventory, gathered in a
//! [`Report`]. The item-level rules are the scoring kernel's
//! ([`crate::scoring`]).
//!
//! Formulas (`docs/psychometrics.md`, "Classical scoring"):
//! - item score: see [`crate::scoring::item_score`];
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
    BandResult, Engine, InstrumentRef, REPORT_FORMAT, Report, ScaleResult, ScaleStatus, SemBand,
};
use crate::responses::{Checked, Policy, ResponseSet, Value, check};
use crate::scoring::{
    Tally, band_for, composite_score, item_scale_score, item_score, norm_score, pomp, quality,
};
use crate::support::messages::{fill, messages};
use crate::support::text::Localized;
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
            language: crate::support::text::PRIMARY_LANGUAGE.to_owned(),
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
/// let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
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
    let mut tally = Tally::default();
    let (mut n_single, mut correct) = (0u32, 0u32);
    let (mut has_scored, mut choice_score) = (false, 0.0);
    for &i in s.items() {
        if !in_form[i] {
            continue;
        }
        let item = &items[i];
        let kind = instrument.format_of(item).kind();
        let single = matches!(kind, FormatKind::SingleChoice);
        let scored = matches!(kind, FormatKind::ScoredChoice);
        n_single += u32::from(single);
        has_scored |= scored;
        let x = checked.values[i].map(|v| {
            let x = item_score(instrument, i, v);
            if single && matches!(v, Value::Option(o) if Some(o) == item.key()) {
                correct += 1;
            }
            if scored {
                choice_score += x;
            }
            x
        });
        tally.add(item, x);
    }
    let (n, k, missing) = (tally.n, tally.k, tally.missing());
    let rule = s.missing();
    // On a shorter form the allowance shrinks in proportion (rounded down).
    let allowed = if full || s.items().is_empty() {
        rule.max
    } else {
        rule.max * n / s.items().len()
    };
    let mut r = ScaleResult::unscored(s, lang, (n, k), tally.range(s.scoring()));
    if n_single > 0 {
        r.correct = Some(correct);
        r.percent_correct = Some(100.0 * f64::from(correct) / f64::from(n_single));
    }
    let Some(scored) = item_scale_score(s, &tally, allowed) else {
        r.status = ScaleStatus::NotScorable;
        r.reason = Some(fill(
            messages(lang).not_scorable_items,
            &[("missing", &missing), ("items", &n), ("allowed", &allowed)],
        ));
        return r;
    };
    r.status = scored.status;
    r.raw = Some(tally.raw);
    r.mean = Some(scored.mean);
    if has_scored {
        r.choice_score = Some(choice_score);
    }
    r.prorated = scored.prorated;
    finish(s, &mut r, scored.score, full, options);
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
    let (scored, k) = composite_score(
        s,
        comps.iter().map(|&c| {
            results[c]
                .as_ref()
                .map(|r| (r.pomp, r.status == ScaleStatus::Complete))
        }),
    );
    let n = comps.len();
    let mut r = ScaleResult::unscored(s, lang, (n, k), (0.0, 100.0));
    let Some((status, score)) = scored else {
        let (missing, allowed) = (n - k, s.missing().max);
        r.status = ScaleStatus::NotScorable;
        r.reason = Some(fill(
            messages(lang).not_scorable_components,
            &[
                ("missing", &missing),
                ("components", &n),
                ("allowed", &allowed),
            ],
        ));
        return r;
    };
    r.status = status;
    r.raw = Some(score);
    r.mean = Some(score);
    finish(s, &mut r, score, full, options);
    r
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
    r.band = basis_value.and_then(|x| band_result(s, x, lang));
}

/// The band of scale `s` that holds `x` (on the scale's `bands_on` basis),
/// with its texts in `lang`: the one lookup every report of a band uses
/// (a respondent's report, expected domain scores).
pub(crate) fn band_result(s: &Scale, x: f64, lang: &str) -> Option<BandResult> {
    band_for(s, x).map(|b| BandResult {
        id: b.id().to_owned(),
        basis: s.bands_on(),
        label: b.label().get(lang).to_owned(),
        interpretation: b.interpretation().get(lang).to_owned(),
        next_step: b.next_step().map(|t: &Localized| t.get(lang).to_owned()),
    })
}
