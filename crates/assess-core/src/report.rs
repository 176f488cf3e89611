//! The Report: what every client stores, shows and compares, byte for byte.
//!
//! Field names are snake_case and stable; adding a field is compatible,
//! renaming or removing one bumps [`REPORT_FORMAT`]. Fields serialise in
//! declaration order, maps are sorted, and numbers are printed by
//! `serde_json` (shortest round-trip form), so the same report gives the
//! same bytes on every platform. Documented field by field in
//! `docs/report-format.md`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::instrument::{BandBasis, InstrumentKind, Scoring, Status};
use assess_text::problem::Problem;

/// Version of the report format.
pub const REPORT_FORMAT: u32 = 1;

/// One respondent's results on one instrument.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Report {
    /// Report format version ([`REPORT_FORMAT`]).
    pub report_format: u32,
    /// The engine that produced it.
    pub engine: Engine,
    /// The instrument scored.
    pub instrument: InstrumentRef,
    /// Language of the text in the report (`id` or `en`).
    pub language: String,
    /// Respondent identifier, as given.
    pub respondent_id: String,
    /// One result per scale, in instrument order.
    pub scales: Vec<ScaleResult>,
    /// Response-quality indicators and flags.
    pub quality: Quality,
    /// Problems in the responses that did not stop scoring.
    pub warnings: Vec<Problem>,
    /// The RIASEC profile, for an interest instrument whose scales include
    /// `R`, `I`, `A`, `S`, `E` and `C`, all scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub riasec: Option<crate::riasec::RiasecProfile>,
    /// The IRT ability estimate, for an instrument with item parameters
    /// (an `[irt]` section): comparable across forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub irt: Option<crate::irt::IrtScore>,
    /// Respondent metadata, carried unchanged; never used in scoring.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// The engine's name and version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Engine {
    /// Always `assess`.
    pub name: &'static str,
    /// Semantic version of the engine.
    pub version: &'static str,
}

/// Which instrument, exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct InstrumentRef {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash of the instrument file.
    pub hash: String,
    /// Status of the instrument.
    pub status: Status,
    /// What it measures.
    pub kind: InstrumentKind,
    /// Form answered (`full` for all items).
    pub form: String,
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

/// One scale's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ScaleResult {
    /// Scale identifier.
    pub id: String,
    /// Scale name in the report language.
    pub name: String,
    /// Complete, partial or not scorable.
    pub status: ScaleStatus,
    /// Why the scale is not scorable, in the report language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `sum`, `mean` or `composite`.
    pub scoring: Scoring,
    /// Items of the scale on the form answered (components, for a composite).
    pub items: usize,
    /// Items (components) answered.
    pub answered: usize,
    /// Items (components) missing.
    pub missing: usize,
    /// Sum of item scores of answered items, reverse keying applied (for a
    /// composite: the mean of component POMP scores).
    pub raw: Option<f64>,
    /// Mean item score of answered items.
    pub mean: Option<f64>,
    /// Mean × number of items, when the scale prorates and items are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prorated: Option<f64>,
    /// The scale score: prorated sum, sum, mean or composite, by the scale's
    /// rules.
    pub score: Option<f64>,
    /// Lowest possible score on this form.
    pub min: f64,
    /// Highest possible score on this form.
    pub max: f64,
    /// Percent of maximum possible: 100·(score − min)/(max − min).
    pub pomp: Option<f64>,
    /// Ability items: number answered correctly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<u32>,
    /// Ability items: 100 × correct / ability items on the form (unanswered
    /// items count as not correct).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_correct: Option<f64>,
    /// Scored-choice items: sum of the chosen options' scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice_score: Option<f64>,
    /// Norm-referenced scores, when the scale has norms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub norm: Option<NormScore>,
    /// Standard error of measurement and 95% band, when reliability and an
    /// SD are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sem: Option<SemBand>,
    /// The band the score falls in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<BandResult>,
}

impl ScaleResult {
    /// The result of scale `s` before scoring: counts and range set, no
    /// score yet (`n` items or components, `k` answered).
    pub(crate) fn unscored(
        s: &crate::instrument::Scale,
        lang: &str,
        (n, k): (usize, usize),
        (min, max): (f64, f64),
    ) -> ScaleResult {
        ScaleResult {
            id: s.id().to_owned(),
            name: s.name().get(lang).to_owned(),
            status: ScaleStatus::Complete,
            reason: None,
            scoring: s.scoring(),
            items: n,
            answered: k,
            missing: n - k,
            raw: None,
            mean: None,
            prorated: None,
            score: None,
            min,
            max,
            pomp: None,
            correct: None,
            percent_correct: None,
            choice_score: None,
            norm: None,
            sem: None,
            band: None,
        }
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

/// SEM and a 95% band.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SemBand {
    /// Reliability used.
    pub reliability: f64,
    /// Its method.
    pub method: String,
    /// Its source.
    pub source: String,
    /// SD·√(1 − r).
    pub sem: f64,
    /// max(min, score − 1.96·SEM).
    pub lower: f64,
    /// min(max, score + 1.96·SEM).
    pub upper: f64,
}

/// The band a score falls in.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct BandResult {
    /// Band identifier.
    pub id: String,
    /// What the band is cut on.
    pub basis: BandBasis,
    /// Label in the report language.
    pub label: String,
    /// Interpretation in the report language.
    pub interpretation: String,
    /// Suggested next step, when the band has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
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

/// One input row of a batch, scored or rejected: every input row gives
/// exactly one record, so nothing is lost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct BatchRecord {
    /// 1-based row number in the input (the line for JSON Lines, the record
    /// after the header for CSV, the element for a JSON array).
    pub row: usize,
    /// Respondent identifier, when it could be read.
    pub respondent_id: Option<String>,
    /// `scored`, `partial` (scored, with warnings or partial scales) or
    /// `rejected`.
    pub status: RowStatus,
    /// The report, unless rejected.
    pub report: Option<Report>,
    /// Why the row was rejected (the report's warnings otherwise).
    pub problems: Vec<Problem>,
    /// Job-family recommendations, when asked for (interest instruments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<crate::recommend::Recommendations>,
}

/// The outcome of one batch row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum RowStatus {
    /// Every scale scored from complete answers, no warnings.
    Scored,
    /// Scored, but with warnings, or a scale partial or not scorable.
    Partial,
    /// Not scored.
    Rejected,
}

impl BatchRecord {
    /// The record for a row: the report when `result` is one, the problems
    /// when it is an error.
    pub fn new(
        row: usize,
        respondent_id: Option<String>,
        result: Result<Report, crate::Error>,
    ) -> Self {
        match result {
            Ok(report) => {
                let partial = !report.warnings.is_empty()
                    || report
                        .scales
                        .iter()
                        .any(|s| s.status != ScaleStatus::Complete);
                BatchRecord {
                    row,
                    respondent_id: Some(report.respondent_id.clone()),
                    status: if partial {
                        RowStatus::Partial
                    } else {
                        RowStatus::Scored
                    },
                    problems: Vec::new(),
                    report: Some(report),
                    recommendations: None,
                }
            }
            Err(e) => BatchRecord {
                row,
                respondent_id,
                status: RowStatus::Rejected,
                report: None,
                problems: e.problems().to_vec(),
                recommendations: None,
            },
        }
    }
}

/// What an instrument's status means for the person reading its results,
/// in Bahasa Indonesia (`id`) or English (`en`): shown visibly on every
/// report so that provisional results are not taken for validated ones.
pub fn status_notice(status: Status, lang: &str) -> &'static str {
    match (status, lang == "en") {
        (Status::Draft, false) => {
            "Draf: instrumen ini masih dikembangkan dan belum untuk dipakai dengan responden. Hasilnya hanya untuk uji coba."
        }
        (Status::Draft, true) => {
            "Draft: this instrument is still being developed and is not for use with respondents. Its results are for trials only."
        }
        (Status::Provisional, false) => {
            "Sementara — belum dinormakan pada responden Jawa Tengah. Hasil ini untuk bahan diskusi dengan konselor, bukan untuk menyaring atau memutuskan."
        }
        (Status::Provisional, true) => {
            "Provisional — not yet normed on Central Java respondents. These results are for discussion with a counsellor, not for screening or decisions."
        }
        (Status::Validated, false) => {
            "Tervalidasi pada populasi yang dilayani. Hasil tetap untuk eksplorasi dan konseling, bukan untuk menyaring orang."
        }
        (Status::Validated, true) => {
            "Validated on the population served. Results remain for exploration and counselling, not for screening people out."
        }
    }
}
