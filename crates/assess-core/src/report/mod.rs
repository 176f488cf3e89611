//! The Report: what every client stores, shows and compares, byte for byte.
//!
//! Field names are snake_case and stable; adding a field is compatible,
//! renaming or removing one bumps [`REPORT_FORMAT`]. Fields serialise in
//! declaration order, maps are sorted, and numbers are printed by
//! `serde_json` (shortest round-trip form), so the same report gives the
//! same bytes on every platform. Documented field by field in
//! `docs/report-format.md`.

pub(crate) mod csvrow;
pub(crate) mod domain;
pub(crate) mod matrix;
pub(crate) mod score;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::instrument::{BandBasis, InstrumentKind, Scoring, Status};
use crate::riasec::{RiasecProfile, Type};
pub use crate::scoring::{Flag, FlagKind, NormScore, Quality, ScaleStatus};
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

assess_text::json::json_names!(RowStatus {
    "scored" => Scored,
    "partial" => Partial,
    "rejected" => Rejected,
});

impl RiasecProfile {
    /// The profile of an interest report whose scales include `R`, `I`,
    /// `A`, `S`, `E` and `C`, all scored.
    ///
    /// # Errors
    ///
    /// When a type's scale is missing or not scorable.
    pub fn from_report(report: &crate::Report) -> Result<RiasecProfile, crate::Error> {
        let mut scores = [0.0; 6];
        for t in Type::ALL {
            let id = t.letter().to_string();
            let s = report.scales.iter().find(|s| s.id == id).ok_or_else(|| {
                crate::Error::single(crate::Problem::new(
                    crate::ProblemKind::MissingKey,
                    format!("scales.{id}"),
                    format!("an interest profile needs a scale `{id}`"),
                ))
            })?;
            scores[t.index()] = s.pomp.ok_or_else(|| {
                crate::Error::single(crate::Problem::new(
                    crate::ProblemKind::Empty,
                    format!("scales.{id}"),
                    format!("scale `{id}` is not scorable, so there is no profile"),
                ))
            })?;
        }
        Ok(Self::from_scores(scores, &report.language))
    }
}
