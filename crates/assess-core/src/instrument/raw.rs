//! The instrument file as written: TOML → these structs (with spans).
//!
//! Read by the hand-written walker of [`assess_text::toml::de`] (one
//! `from_de_struct!` line per struct, below). Nothing here is checked
//! beyond types; `validate` turns a [`RawDocument`]
//! into an [`crate::Instrument`]. The doc comments on these types are the
//! descriptions in the published JSON Schema (`assess schema`), so they are
//! written for instrument authors.

use crate::support::text::Localized;
use assess_text::Sp;

/// An instrument file, format version 1.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "assess instrument, format 1", deny_unknown_fields)
)]
pub struct RawDocument {
    /// Version of the instrument file format. Always `1` for now.
    pub format: Sp<i64>,
    /// Who the instrument is, what it measures and what its status rests on.
    pub instrument: Sp<RawMeta>,
    /// Response formats by name (`[formats.like5]`), referred to by items.
    pub formats: Sp<std::collections::BTreeMap<String, Sp<RawFormat>>>,
    /// Scales (`[[scales]]`): what is scored and how.
    pub scales: Sp<Vec<Sp<RawScale>>>,
    /// Items (`[[items]]`), in presentation order.
    pub items: Sp<Vec<Sp<RawItem>>>,
    /// Alternative forms (`[[forms]]`): subsets of the items, for example a
    /// short form for phones.
    #[cfg_attr(feature = "schema", serde(default))]
    pub forms: Option<Sp<Vec<Sp<RawForm>>>>,
    /// Response-quality rules (`[quality]`).
    #[cfg_attr(feature = "schema", serde(default))]
    pub quality: Option<Sp<RawQuality>>,
    /// Item response theory settings shared by every item's `irt` block.
    #[cfg_attr(feature = "schema", serde(default))]
    pub irt: Option<Sp<RawIrtSettings>>,
}

/// `[instrument]`: identity, languages, status.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawMeta {
    /// Identifier: lowercase letters, digits, `-` and `_`, 1–64 characters,
    /// starting with a letter.
    pub id: Sp<String>,
    /// Version of this instrument, semantic versioning (`1.2.0`).
    pub version: Sp<String>,
    /// What the instrument measures: `interest`, `aptitude` or `readiness`.
    pub kind: Sp<String>,
    /// Languages every text carries. Must include `id` (Bahasa Indonesia).
    pub languages: Sp<Vec<Sp<String>>>,
    /// `draft`, `provisional` or `validated`.
    pub status: Sp<String>,
    /// What the status rests on: where the items and any parameters, norms
    /// or reliabilities come from.
    pub source: Sp<String>,
    /// Licence of the instrument text (an SPDX identifier or a sentence).
    pub licence: Sp<String>,
    /// Title shown to the respondent.
    pub title: Sp<Localized>,
    /// What the instrument is for.
    #[cfg_attr(feature = "schema", serde(default))]
    pub description: Option<Sp<Localized>>,
    /// Instructions shown before the first item.
    #[cfg_attr(feature = "schema", serde(default))]
    pub instructions: Option<Sp<Localized>>,
}

/// `[formats.NAME]`: a response format.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawFormat {
    /// `likert`, `binary`, `single_choice` (one correct key) or
    /// `scored_choice` (every option carries a score).
    #[cfg_attr(feature = "schema", serde(rename = "type"))]
    pub kind: Sp<String>,
    /// Likert: number of points (2–11).
    #[cfg_attr(feature = "schema", serde(default))]
    pub points: Option<Sp<i64>>,
    /// Likert: value of the lowest point (default 1); the highest is
    /// `min + points − 1`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub min: Option<Sp<i64>>,
    /// Likert: one label per point, lowest first. Binary: two labels, for 0
    /// then 1.
    #[cfg_attr(feature = "schema", serde(default))]
    pub labels: Option<Sp<Vec<Sp<Localized>>>>,
    /// Choice formats: whether option order may be shuffled per respondent
    /// (default false). Ordered formats (likert, binary) are never shuffled.
    #[cfg_attr(feature = "schema", serde(default))]
    pub shuffle: Option<Sp<bool>>,
}

/// `[[scales]]`: a scale.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawScale {
    /// Identifier, unique among scales; items name it in `scale`.
    pub id: Sp<String>,
    /// Name shown in reports.
    pub name: Sp<Localized>,
    /// What a high score means.
    #[cfg_attr(feature = "schema", serde(default))]
    pub description: Option<Sp<Localized>>,
    /// `sum` (default) or `mean` of the item scores.
    #[cfg_attr(feature = "schema", serde(default))]
    pub scoring: Option<Sp<String>>,
    /// A composite scale: the mean of the POMP scores (0–100) of these
    /// scales, instead of items.
    #[cfg_attr(feature = "schema", serde(default))]
    pub composite: Option<Sp<Vec<Sp<String>>>>,
    /// How missing answers are handled (default: none may be missing).
    #[cfg_attr(feature = "schema", serde(default))]
    pub missing: Option<Sp<RawMissing>>,
    /// Reliability estimate and its source, used for the standard error of
    /// measurement.
    #[cfg_attr(feature = "schema", serde(default))]
    pub reliability: Option<Sp<RawReliability>>,
    /// What the bands are cut on: `score` (default: the scale score, sum or
    /// mean), `pomp` (0–100, percent of maximum possible; percent correct for
    /// ability items) or `percentile` (needs norms).
    #[cfg_attr(feature = "schema", serde(default))]
    pub bands_on: Option<Sp<String>>,
    /// Score bands, lowest first, covering the whole range without gap or
    /// overlap: each band holds `min ≤ x < max`, the last `min ≤ x ≤ max`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub bands: Option<Sp<Vec<Sp<RawBand>>>>,
    /// Norm groups.
    #[cfg_attr(feature = "schema", serde(default))]
    pub norms: Option<Sp<Vec<Sp<RawNorm>>>>,
}

/// `missing = { max = 2, prorate = true }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawMissing {
    /// How many of the scale's items may be unanswered while the scale is
    /// still scored (default 0).
    #[cfg_attr(feature = "schema", serde(default))]
    pub max: Option<Sp<i64>>,
    /// Whether to prorate: mean of answered items × number of items
    /// (default false: score the answered items only).
    #[cfg_attr(feature = "schema", serde(default))]
    pub prorate: Option<Sp<bool>>,
}

/// `reliability = { value = 0.82, method = "alpha", source = "…" }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawReliability {
    /// The coefficient, in (0, 1).
    pub value: Sp<f64>,
    /// `alpha`, `omega`, `kr20`, `test_retest` or `split_half`.
    pub method: Sp<String>,
    /// Where the figure comes from (sample, date, report).
    pub source: Sp<String>,
    /// Sample size the figure rests on.
    #[cfg_attr(feature = "schema", serde(default))]
    pub sample_size: Option<Sp<i64>>,
    /// Standard deviation of the scale score in the same sample; with the
    /// coefficient it gives the standard error of measurement,
    /// SEM = SD·√(1 − r). Without it, the SD of a `normal` norm group is
    /// used; without either, no SEM is reported.
    #[cfg_attr(feature = "schema", serde(default))]
    pub sd: Option<Sp<f64>>,
}

/// `[[scales.bands]]`: one band.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawBand {
    /// Stable identifier of the band (`low`, `siap_kerja`…), unique in the scale.
    pub id: Sp<String>,
    /// Lower bound (inclusive).
    pub min: Sp<f64>,
    /// Upper bound (exclusive, inclusive for the last band).
    pub max: Sp<f64>,
    /// Short label (`Tinggi` / `High`).
    pub label: Sp<Localized>,
    /// What a score in this band means, in plain words.
    pub interpretation: Sp<Localized>,
    /// The next step this band suggests (a training module, mentoring, apply).
    #[cfg_attr(feature = "schema", serde(default))]
    pub next_step: Option<Sp<Localized>>,
}

/// `[[scales.norms]]`: one norm group.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawNorm {
    /// Identifier of the group, unique in the scale.
    pub group: Sp<String>,
    /// Name shown in reports.
    #[cfg_attr(feature = "schema", serde(default))]
    pub name: Option<Sp<Localized>>,
    /// Where the norms come from.
    pub source: Sp<String>,
    /// Number of respondents.
    pub sample_size: Sp<i64>,
    /// Who they were (`youth 18–34 in 13 districts of Central Java`).
    pub population: Sp<String>,
    /// When the data were collected (`2027-03/2027-06`).
    pub collected: Sp<String>,
    /// `draft`, `provisional` or `validated` (default: `provisional`).
    #[cfg_attr(feature = "schema", serde(default))]
    pub status: Option<Sp<String>>,
    /// `normal` (use `mean`, `sd`; percentiles from the normal curve) or
    /// `table` (look up `table`).
    pub method: Sp<String>,
    /// `method = "normal"`: norm-group mean of the scale score.
    #[cfg_attr(feature = "schema", serde(default))]
    pub mean: Option<Sp<f64>>,
    /// `method = "normal"`: norm-group standard deviation.
    #[cfg_attr(feature = "schema", serde(default))]
    pub sd: Option<Sp<f64>>,
    /// `method = "normal"`: must be `true`, stating that the scores are
    /// approximately normal so percentiles may come from the normal curve.
    #[cfg_attr(feature = "schema", serde(default))]
    pub normal: Option<Sp<bool>>,
    /// `method = "table"`: rows `{ score, percentile, t }`, scores increasing.
    #[cfg_attr(feature = "schema", serde(default))]
    pub table: Option<Sp<Vec<Sp<RawNormRow>>>>,
}

/// One row of a norm table.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawNormRow {
    /// Scale score.
    pub score: Sp<f64>,
    /// Percentile rank, 0–100.
    pub percentile: Sp<f64>,
    /// Normalised T-score.
    pub t: Sp<f64>,
}

/// `[[items]]`: one item.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawItem {
    /// Identifier, unique among items; responses name it.
    pub id: Sp<String>,
    /// The item text.
    pub text: Sp<Localized>,
    /// A plain-language variant for low literacy or easy-read mode.
    #[cfg_attr(feature = "schema", serde(default))]
    pub plain: Option<Sp<Localized>>,
    /// Name of a response format in `[formats]`.
    pub format: Sp<String>,
    /// Identifier of the scale the item scores on.
    pub scale: Sp<String>,
    /// Reverse keyed: a Likert answer x counts as (min + max − x), a binary
    /// one as (1 − x). Not allowed for choice formats.
    #[cfg_attr(feature = "schema", serde(default))]
    pub reverse: Option<Sp<bool>>,
    /// Content-domain tag (for content balancing and reports).
    #[cfg_attr(feature = "schema", serde(default))]
    pub domain: Option<Sp<String>>,
    /// Choice formats: the options, in their canonical order.
    #[cfg_attr(feature = "schema", serde(default))]
    pub options: Option<Sp<Vec<Sp<RawOption>>>>,
    /// `single_choice`: the key of the correct option.
    #[cfg_attr(feature = "schema", serde(default))]
    pub key: Option<Sp<String>>,
    /// A small figure the item needs, as inline SVG with a text alternative.
    #[cfg_attr(feature = "schema", serde(default))]
    pub figure: Option<Sp<RawFigure>>,
    /// Item response theory parameters.
    #[cfg_attr(feature = "schema", serde(default))]
    pub irt: Option<Sp<RawIrt>>,
}

/// One option of a choice item.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawOption {
    /// Option key (`A`, `B`…), unique in the item; responses name it.
    pub key: Sp<String>,
    /// Option text.
    pub text: Sp<Localized>,
    /// `scored_choice`: the score this option earns (for example 0–3).
    #[cfg_attr(feature = "schema", serde(default))]
    pub score: Option<Sp<f64>>,
}

/// An inline SVG figure.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawFigure {
    /// The SVG markup (`<svg …>…</svg>`), without scripts.
    pub svg: Sp<String>,
    /// Text alternative for screen readers, saying everything the figure
    /// shows that the item needs.
    pub alt: Sp<Localized>,
}

/// An item's `irt` block.
///
/// Dichotomous models (`rasch`, `2pl`, `3pl`, `4pl`) take `a` (not for
/// `rasch`) and either `b` (difficulty, a/b form) or `d` (intercept,
/// slope–intercept form, `d = −a·b`), and `c` (lower asymptote) and `u`
/// (upper asymptote) where the model has them. Polytomous models (`grm`,
/// `gpcm`) take `a` and a list `b` of thresholds or a list `d` of
/// intercepts, one per category boundary.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawIrt {
    /// `rasch`, `2pl`, `3pl`, `4pl`, `grm` or `gpcm`.
    pub model: Sp<String>,
    /// Discrimination (slope), > 0.
    #[cfg_attr(feature = "schema", serde(default))]
    pub a: Option<Sp<f64>>,
    /// Difficulty (a/b form): a number, or a list for polytomous models.
    #[cfg_attr(feature = "schema", serde(default))]
    pub b: Option<Sp<NumberOrList>>,
    /// Intercept (slope–intercept form): a number, or a list for polytomous
    /// models.
    #[cfg_attr(feature = "schema", serde(default))]
    pub d: Option<Sp<NumberOrList>>,
    /// Lower asymptote (guessing), in [0, 1).
    #[cfg_attr(feature = "schema", serde(default))]
    pub c: Option<Sp<f64>>,
    /// Upper asymptote (slipping), in (c, 1].
    #[cfg_attr(feature = "schema", serde(default))]
    pub u: Option<Sp<f64>>,
}

/// A number or a list of numbers.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
pub enum NumberOrList {
    /// One number.
    One(f64),
    /// A list.
    Many(Vec<f64>),
}

/// `[[forms]]`: a subset of the items.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawForm {
    /// Identifier, unique among forms. `full` is reserved for all items.
    pub id: Sp<String>,
    /// Name shown to staff.
    pub name: Sp<Localized>,
    /// Item identifiers, in presentation order.
    pub items: Sp<Vec<Sp<String>>>,
}

/// `[quality]`: response-quality rules. Every rule is optional; a missing
/// rule is not checked.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawQuality {
    /// Flag when fewer than this share of items is answered (0–1).
    #[cfg_attr(feature = "schema", serde(default))]
    pub min_completion: Option<Sp<f64>>,
    /// Flag when the longest run of identical consecutive answers is longer
    /// than this.
    #[cfg_attr(feature = "schema", serde(default))]
    pub max_longstring: Option<Sp<i64>>,
    /// Flag when the median seconds per answered item is below this.
    #[cfg_attr(feature = "schema", serde(default))]
    pub min_seconds_per_item: Option<Sp<f64>>,
    /// Flag when the intra-individual response variability (standard
    /// deviation of a person's Likert answers) is below this.
    #[cfg_attr(feature = "schema", serde(default))]
    pub min_irv: Option<Sp<f64>>,
}

/// `[irt]`: settings for IRT scoring.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawIrtSettings {
    /// `draft`, `provisional` or `validated`: the status of the item
    /// parameters.
    pub status: Sp<String>,
    /// Where the parameters come from (calibration sample, or expert
    /// judgement).
    pub source: Sp<String>,
    /// Scaling constant D in exp(D·a·(θ − b)); default 1 (logistic metric).
    #[cfg_attr(feature = "schema", serde(default))]
    pub scaling: Option<Sp<f64>>,
    /// Default estimator: `eap` (default), `map`, `ml` or `wle`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub estimator: Option<Sp<String>>,
    /// Quadrature grid for EAP: `{ points = 61, min = -4.0, max = 4.0 }`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub quadrature: Option<Sp<RawQuadrature>>,
    /// Normal prior for EAP and MAP: `{ mean = 0.0, sd = 1.0 }`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub prior: Option<Sp<RawPrior>>,
    /// What ML and WLE do with all-correct or all-wrong patterns, where the
    /// estimate is infinite: `map`, `eap` (default) or `clamp`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub extreme: Option<Sp<String>>,
    /// With `extreme = "clamp"`: the θ range, `[-4.0, 4.0]`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub clamp: Option<Sp<Vec<f64>>>,
    /// Where calibrated parameters come from, as `assess calibrate`
    /// writes it.
    #[cfg_attr(feature = "schema", serde(default))]
    pub calibration: Option<Sp<RawCalibration>>,
}

/// `[irt.calibration]`: the provenance of calibrated parameters.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawCalibration {
    /// How: `"marginal maximum likelihood (Bock–Aitkin EM)"`.
    pub method: Sp<String>,
    /// The model calibrated: `1pl`, `2pl`, `3pl`, `grm` or `gpcm`.
    pub model: Sp<String>,
    /// The answer file (its name).
    pub sample: Sp<String>,
    /// Respondents in it.
    pub respondents: Sp<i64>,
    /// When calibrated (`YYYY-MM-DD`).
    pub date: Sp<String>,
    /// The engine and its version (`assess 0.1.0`).
    pub engine: Sp<String>,
    /// Whether the answers were simulated: parameters from simulated
    /// answers are never `validated`.
    pub simulated: Sp<bool>,
    /// Items held fixed (anchors), whose scale the others were put on.
    #[cfg_attr(feature = "schema", serde(default))]
    pub anchors: Option<Sp<Vec<Sp<String>>>>,
}

/// A quadrature grid.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawQuadrature {
    /// Number of equally spaced points (5–401).
    pub points: Sp<i64>,
    /// Lowest θ.
    pub min: Sp<f64>,
    /// Highest θ.
    pub max: Sp<f64>,
}

/// A normal prior.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct RawPrior {
    /// Mean.
    pub mean: Sp<f64>,
    /// Standard deviation, > 0.
    pub sd: Sp<f64>,
}

// ---- reading from the TOML tree ---------------------------------------------
//
// Required keys first, in declaration order (the order a missing key is
// reported in), then the optional ones.

use assess_text::toml::de::{Cx, FromDe, from_de_struct};

from_de_struct!(RawDocument { format: "format", instrument: "instrument", formats: "formats", scales: "scales", items: "items" } { forms: "forms", quality: "quality", irt: "irt" });
from_de_struct!(RawMeta { id: "id", version: "version", kind: "kind", languages: "languages", status: "status", source: "source", licence: "licence", title: "title" } { description: "description", instructions: "instructions" });
from_de_struct!(RawFormat { kind: "type" } { points: "points", min: "min", labels: "labels", shuffle: "shuffle" });
from_de_struct!(RawScale { id: "id", name: "name" } { description: "description", scoring: "scoring", composite: "composite", missing: "missing", reliability: "reliability", bands_on: "bands_on", bands: "bands", norms: "norms" });
from_de_struct!(RawMissing {  } { max: "max", prorate: "prorate" });
from_de_struct!(RawReliability { value: "value", method: "method", source: "source" } { sample_size: "sample_size", sd: "sd" });
from_de_struct!(RawBand { id: "id", min: "min", max: "max", label: "label", interpretation: "interpretation" } { next_step: "next_step" });
from_de_struct!(RawNorm { group: "group", source: "source", sample_size: "sample_size", population: "population", collected: "collected", method: "method" } { name: "name", status: "status", mean: "mean", sd: "sd", normal: "normal", table: "table" });
from_de_struct!(RawNormRow { score: "score", percentile: "percentile", t: "t" } {  });
from_de_struct!(RawItem { id: "id", text: "text", format: "format", scale: "scale" } { plain: "plain", reverse: "reverse", domain: "domain", options: "options", key: "key", figure: "figure", irt: "irt" });
from_de_struct!(RawOption { key: "key", text: "text" } { score: "score" });
from_de_struct!(RawFigure { svg: "svg", alt: "alt" } {  });
from_de_struct!(RawIrt { model: "model" } { a: "a", b: "b", d: "d", c: "c", u: "u" });
from_de_struct!(RawForm { id: "id", name: "name", items: "items" } {  });
from_de_struct!(RawQuality {  } { min_completion: "min_completion", max_longstring: "max_longstring", min_seconds_per_item: "min_seconds_per_item", min_irv: "min_irv" });
from_de_struct!(RawIrtSettings { status: "status", source: "source" } { scaling: "scaling", estimator: "estimator", quadrature: "quadrature", prior: "prior", extreme: "extreme", clamp: "clamp", calibration: "calibration" });
from_de_struct!(RawCalibration { method: "method", model: "model", sample: "sample", respondents: "respondents", date: "date", engine: "engine", simulated: "simulated" } { anchors: "anchors" });
from_de_struct!(RawQuadrature { points: "points", min: "min", max: "max" } {  });
from_de_struct!(RawPrior { mean: "mean", sd: "sd" } {  });

impl FromDe for NumberOrList {
    fn from_de(
        v: &assess_text::toml::de::Value<'_>,
        cx: &mut Cx<'_>,
    ) -> assess_text::toml::de::DeResult<Self> {
        use assess_text::toml::Kind;
        match &v.kind {
            Kind::Array(_) => Vec::from_de(v, cx).map(NumberOrList::Many),
            Kind::Integer(_) | Kind::Float(_) => f64::from_de(v, cx).map(NumberOrList::One),
            _ => Err(cx.type_error(v, "a number or a list of numbers")),
        }
    }
}

/// The format's keys are written once per struct (its `from_de_struct!`
/// line); these tests prove the other lists of them agree.
#[cfg(test)]
mod keys {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeSet;

    use assess_text::Keys;

    use super::*;

    /// Every key that some raw struct reads.
    fn read_keys() -> BTreeSet<String> {
        crate::support::keys::read_keys(
            include_str!("raw.rs"),
            &[
                RawDocument::KEYS,
                RawMeta::KEYS,
                RawFormat::KEYS,
                RawScale::KEYS,
                RawMissing::KEYS,
                RawReliability::KEYS,
                RawBand::KEYS,
                RawNorm::KEYS,
                RawNormRow::KEYS,
                RawItem::KEYS,
                RawOption::KEYS,
                RawFigure::KEYS,
                RawIrt::KEYS,
                RawForm::KEYS,
                RawQuality::KEYS,
                RawIrtSettings::KEYS,
                RawCalibration::KEYS,
                RawQuadrature::KEYS,
                RawPrior::KEYS,
            ],
        )
    }

    #[test]
    fn the_hint_list_is_the_keys_the_reader_accepts() {
        let hints: BTreeSet<String> = crate::instrument::validate::KNOWN_KEYS
            .iter()
            .map(|k| (*k).to_owned())
            .collect();
        assert_eq!(hints, read_keys());
    }

    /// The JSON Schema (`assess schema`) names exactly the keys the reader
    /// reads (the languages of localised texts are not keys of the format).
    #[cfg(feature = "schema")]
    #[test]
    fn the_schema_names_the_keys_the_reader_accepts() {
        assert_eq!(
            crate::support::keys::schema_keys(&crate::instrument_schema()),
            read_keys()
        );
    }
}
