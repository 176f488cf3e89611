//! Instruments: the validated model of a questionnaire.
//!
//! An [`Instrument`] only exists when its TOML source passed validation: its
//! fields are private, and [`Instrument::from_toml`] is the only way to make
//! one. Every reference inside it (item → format, item → scale, scale →
//! items, form → items, answer key → option) is resolved to an index, so
//! later stages never look anything up by name twice and never meet a
//! dangling reference.

pub(crate) mod check;
pub(crate) mod raw;
mod validate;

use serde::Serialize;

use crate::support::messages::messages;
use crate::support::text::Localized;
use assess_text::problem::Error;

/// The instrument format version this engine reads.
pub const FORMAT_VERSION: i64 = 1;

/// What an instrument measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum InstrumentKind {
    /// Vocational interests (Holland RIASEC).
    Interest,
    /// Ability: multiple-choice items with a correct answer.
    Aptitude,
    /// Work readiness: soft skills and situational judgement.
    Readiness,
}

/// How far the evidence behind an instrument, its norms or its item
/// parameters goes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Status {
    /// Work in progress; not for use with respondents.
    Draft,
    /// Usable, but not yet tried or normed on the population it serves.
    Provisional,
    /// Backed by data from the population it serves.
    Validated,
}

impl Status {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Provisional => "provisional",
            Status::Validated => "validated",
        }
    }
}

/// A validated instrument.
#[derive(Clone, Debug)]
pub struct Instrument {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) kind: InstrumentKind,
    pub(crate) languages: Vec<String>,
    pub(crate) status: Status,
    pub(crate) source: String,
    pub(crate) licence: String,
    pub(crate) title: Localized,
    pub(crate) description: Option<Localized>,
    pub(crate) instructions: Option<Localized>,
    pub(crate) formats: Vec<Format>,
    pub(crate) scales: Vec<Scale>,
    pub(crate) items: Vec<Item>,
    pub(crate) forms: Vec<Form>,
    pub(crate) quality: QualityRules,
    pub(crate) irt: Option<IrtSettings>,
    pub(crate) hash: String,
    pub(crate) item_index: IdMap<usize>,
}

impl Instrument {
    /// Parses and validates an instrument from TOML text.
    ///
    /// # Errors
    ///
    /// Returns an [`Error`] listing every problem found, each located by key
    /// path, line and column. Nothing is returned unless the whole document
    /// is valid.
    ///
    /// # Example
    ///
    /// ```
    /// let text = include_str!("../../../../tests/fixtures/valid/mini.toml");
    /// let inst = assess_core::Instrument::from_toml(text).unwrap();
    /// assert_eq!(inst.id(), "mini-minat");
    /// assert!(inst.hash().starts_with("sha256:"));
    /// ```
    pub fn from_toml(text: &str) -> Result<Instrument, Error> {
        validate::load(text)
    }

    /// Identifier (`riasec`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Semantic version of the instrument (`0.1.0`).
    pub fn version(&self) -> &str {
        &self.version
    }
    /// What it measures.
    pub fn kind(&self) -> InstrumentKind {
        self.kind
    }
    /// Declared languages; always includes `id`.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }
    /// Status of the instrument.
    pub fn status(&self) -> Status {
        self.status
    }
    /// What the status rests on.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Licence of the text.
    pub fn licence(&self) -> &str {
        &self.licence
    }
    /// Title.
    pub fn title(&self) -> &Localized {
        &self.title
    }
    /// Description, when given.
    pub fn description(&self) -> Option<&Localized> {
        self.description.as_ref()
    }
    /// Instructions, when given.
    pub fn instructions(&self) -> Option<&Localized> {
        self.instructions.as_ref()
    }
    /// SHA-256 of the source text (see [`crate::content_hash`] for exactly
    /// what is hashed), as `sha256:<hex>`.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// Response formats, sorted by name.
    pub fn formats(&self) -> &[Format] {
        &self.formats
    }
    /// Scales, in file order.
    pub fn scales(&self) -> &[Scale] {
        &self.scales
    }
    /// Items, in presentation order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    /// Alternative forms (the full form is implicit).
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }
    /// Response-quality rules.
    pub fn quality(&self) -> &QualityRules {
        &self.quality
    }
    /// IRT settings, when the instrument has item parameters.
    pub fn irt(&self) -> Option<&IrtSettings> {
        self.irt.as_ref()
    }
    /// The index of the item with identifier `id`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }
    /// The item with identifier `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index(id).map(|i| &self.items[i])
    }
    /// The scale with identifier `id`.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }
    /// The form with identifier `id`.
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }
    /// The response format of `item`.
    pub fn format_of(&self, item: &Item) -> &Format {
        &self.formats[item.format]
    }
}

/// A response format.
#[derive(Clone, Debug)]
pub struct Format {
    pub(crate) name: String,
    pub(crate) kind: FormatKind,
    pub(crate) shuffle: bool,
}

impl Format {
    /// Name under `[formats]`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind and its details.
    pub fn kind(&self) -> &FormatKind {
        &self.kind
    }
    /// Whether option order may be shuffled per respondent.
    pub fn shuffle(&self) -> bool {
        self.shuffle
    }
    /// Whether the response values are ordered (so reverse keying means
    /// something).
    pub fn is_ordered(&self) -> bool {
        matches!(
            self.kind,
            FormatKind::Likert { .. } | FormatKind::Binary { .. }
        )
    }
}

/// The kinds of response format.
#[derive(Clone, Debug)]
pub enum FormatKind {
    /// Ordered points `min..=max` with a label each.
    Likert {
        /// Lowest value.
        min: i32,
        /// Highest value.
        max: i32,
        /// One label per point, lowest first.
        labels: Vec<Localized>,
    },
    /// 0 or 1, with a label each.
    Binary {
        /// Labels for 0 and 1.
        labels: Vec<Localized>,
    },
    /// One option is correct (scores 1), the others score 0.
    SingleChoice,
    /// Every option carries its own score.
    ScoredChoice,
}

/// An item.
#[derive(Clone, Debug)]
pub struct Item {
    pub(crate) id: String,
    pub(crate) text: Localized,
    pub(crate) plain: Option<Localized>,
    pub(crate) format: usize,
    pub(crate) scale: usize,
    pub(crate) reverse: bool,
    pub(crate) domain: Option<String>,
    pub(crate) options: Vec<ChoiceOption>,
    pub(crate) key: Option<usize>,
    pub(crate) figure: Option<Figure>,
    pub(crate) irt: Option<IrtParams>,
    pub(crate) min_score: f64,
    pub(crate) max_score: f64,
}

impl Item {
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Text.
    pub fn text(&self) -> &Localized {
        &self.text
    }
    /// Plain-language variant.
    pub fn plain(&self) -> Option<&Localized> {
        self.plain.as_ref()
    }
    /// Index into [`Instrument::formats`].
    pub fn format_index(&self) -> usize {
        self.format
    }
    /// Index into [`Instrument::scales`].
    pub fn scale_index(&self) -> usize {
        self.scale
    }
    /// Reverse keyed.
    pub fn reverse(&self) -> bool {
        self.reverse
    }
    /// Content-domain tag.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }
    /// Options of a choice item, in canonical order (empty otherwise).
    pub fn options(&self) -> &[ChoiceOption] {
        &self.options
    }
    /// Index of the correct option of a single-choice item.
    pub fn key(&self) -> Option<usize> {
        self.key
    }
    /// Figure, when the item has one.
    pub fn figure(&self) -> Option<&Figure> {
        self.figure.as_ref()
    }
    /// IRT parameters, when given.
    pub fn irt(&self) -> Option<&IrtParams> {
        self.irt.as_ref()
    }
    /// Lowest item score (after keying).
    pub fn min_score(&self) -> f64 {
        self.min_score
    }
    /// Highest item score (after keying).
    pub fn max_score(&self) -> f64 {
        self.max_score
    }
}

/// An option of a choice item.
#[derive(Clone, Debug)]
pub struct ChoiceOption {
    pub(crate) key: String,
    pub(crate) text: Localized,
    pub(crate) score: f64,
}

impl ChoiceOption {
    /// Key (`A`).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Text.
    pub fn text(&self) -> &Localized {
        &self.text
    }
    /// Score earned by choosing it (1 or 0 for single choice).
    pub fn score(&self) -> f64 {
        self.score
    }
}

/// An inline SVG figure with its text alternative.
#[derive(Clone, Debug)]
pub struct Figure {
    pub(crate) svg: String,
    pub(crate) alt: Localized,
}

impl Figure {
    /// SVG markup.
    pub fn svg(&self) -> &str {
        &self.svg
    }
    /// Text alternative for screen readers.
    pub fn alt(&self) -> &Localized {
        &self.alt
    }
}

/// How a scale combines its item scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Scoring {
    /// Sum of item scores.
    Sum,
    /// Mean of item scores.
    Mean,
    /// Mean of the POMP scores of component scales.
    Composite,
}

/// What bands are cut on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum BandBasis {
    /// The scale score (sum or mean).
    Score,
    /// Percent of maximum possible, 0–100.
    Pomp,
    /// Percentile rank in the first norm group, 0–100.
    Percentile,
}

/// A scale.
#[derive(Clone, Debug)]
pub struct Scale {
    pub(crate) id: String,
    pub(crate) name: Localized,
    pub(crate) description: Option<Localized>,
    pub(crate) scoring: Scoring,
    pub(crate) items: Vec<usize>,
    pub(crate) components: Vec<usize>,
    pub(crate) missing: MissingRule,
    pub(crate) reliability: Option<Reliability>,
    pub(crate) bands_on: BandBasis,
    pub(crate) bands: Vec<Band>,
    pub(crate) norms: Vec<Norm>,
    pub(crate) min_score: f64,
    pub(crate) max_score: f64,
}

impl Scale {
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Name.
    pub fn name(&self) -> &Localized {
        &self.name
    }
    /// Description.
    pub fn description(&self) -> Option<&Localized> {
        self.description.as_ref()
    }
    /// Scoring method.
    pub fn scoring(&self) -> Scoring {
        self.scoring
    }
    /// Indices of the scale's items, in presentation order.
    pub fn items(&self) -> &[usize] {
        &self.items
    }
    /// Indices of component scales of a composite.
    pub fn components(&self) -> &[usize] {
        &self.components
    }
    /// Missing-data rule.
    pub fn missing(&self) -> MissingRule {
        self.missing
    }
    /// Reliability, when known.
    pub fn reliability(&self) -> Option<&Reliability> {
        self.reliability.as_ref()
    }
    /// What bands are cut on.
    pub fn bands_on(&self) -> BandBasis {
        self.bands_on
    }
    /// Bands, lowest first.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }
    /// Norm groups.
    pub fn norms(&self) -> &[Norm] {
        &self.norms
    }
    /// Lowest possible scale score.
    pub fn min_score(&self) -> f64 {
        self.min_score
    }
    /// Highest possible scale score.
    pub fn max_score(&self) -> f64 {
        self.max_score
    }
}

/// How many answers may be missing, and whether to prorate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MissingRule {
    /// Unanswered items allowed while the scale is still scored.
    pub max: usize,
    /// Prorate: mean of answered items × number of items.
    pub prorate: bool,
}

/// A reliability estimate with its source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reliability {
    pub(crate) value: f64,
    pub(crate) method: String,
    pub(crate) source: String,
    pub(crate) sample_size: Option<u64>,
    pub(crate) sd: Option<f64>,
}

impl Reliability {
    /// The coefficient.
    pub fn value(&self) -> f64 {
        self.value
    }
    /// How it was estimated (`alpha`…).
    pub fn method(&self) -> &str {
        &self.method
    }
    /// Where it comes from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Sample size.
    pub fn sample_size(&self) -> Option<u64> {
        self.sample_size
    }
    /// SD of the scale score in the reliability sample, when given.
    pub fn sd(&self) -> Option<f64> {
        self.sd
    }
}

/// A score band.
#[derive(Clone, Debug)]
pub struct Band {
    pub(crate) id: String,
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) label: Localized,
    pub(crate) interpretation: Localized,
    pub(crate) next_step: Option<Localized>,
}

impl Band {
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Lower bound (inclusive).
    pub fn min(&self) -> f64 {
        self.min
    }
    /// Upper bound (exclusive, except for the last band).
    pub fn max(&self) -> f64 {
        self.max
    }
    /// Label.
    pub fn label(&self) -> &Localized {
        &self.label
    }
    /// Interpretation.
    pub fn interpretation(&self) -> &Localized {
        &self.interpretation
    }
    /// Suggested next step.
    pub fn next_step(&self) -> Option<&Localized> {
        self.next_step.as_ref()
    }
}

/// A norm group.
#[derive(Clone, Debug)]
pub struct Norm {
    pub(crate) group: String,
    pub(crate) name: Option<Localized>,
    pub(crate) source: String,
    pub(crate) sample_size: u64,
    pub(crate) population: String,
    pub(crate) collected: String,
    pub(crate) status: Status,
    pub(crate) method: NormMethod,
}

impl Norm {
    /// Group identifier.
    pub fn group(&self) -> &str {
        &self.group
    }
    /// Display name.
    pub fn name(&self) -> Option<&Localized> {
        self.name.as_ref()
    }
    /// Where the norms come from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Number of respondents.
    pub fn sample_size(&self) -> u64 {
        self.sample_size
    }
    /// Who they were.
    pub fn population(&self) -> &str {
        &self.population
    }
    /// When the data were collected.
    pub fn collected(&self) -> &str {
        &self.collected
    }
    /// Status of the norms.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Mean/SD or table.
    pub fn method(&self) -> &NormMethod {
        &self.method
    }
}

/// How a norm group turns a score into z, T and a percentile.
#[derive(Clone, Debug)]
pub enum NormMethod {
    /// Mean and SD, with the explicit claim that scores are normal.
    Normal {
        /// Mean of the scale score.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// A lookup table, scores strictly increasing.
    Table(Vec<NormRow>),
}

/// One row of a norm table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NormRow {
    /// Scale score.
    pub score: f64,
    /// Percentile rank.
    pub percentile: f64,
    /// T-score.
    pub t: f64,
}

/// An alternative form: a subset of items.
#[derive(Clone, Debug)]
pub struct Form {
    pub(crate) id: String,
    pub(crate) name: Localized,
    pub(crate) items: Vec<usize>,
}

impl Form {
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Name.
    pub fn name(&self) -> &Localized {
        &self.name
    }
    /// Item indices in presentation order.
    pub fn items(&self) -> &[usize] {
        &self.items
    }
}

/// Response-quality rules; `None` means the rule is not checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct QualityRules {
    /// Minimum share of items answered.
    pub min_completion: Option<f64>,
    /// Longest run of identical answers allowed.
    pub max_longstring: Option<u32>,
    /// Minimum median seconds per answered item.
    pub min_seconds_per_item: Option<f64>,
    /// Minimum intra-individual response variability.
    pub min_irv: Option<f64>,
}

/// Item parameters, normalised to slope–intercept form on the logistic
/// metric with the scaling constant applied: the logit of a dichotomous item
/// is `a·θ + d`.
#[derive(Clone, Debug, PartialEq)]
pub enum IrtParams {
    /// Rasch, 2PL, 3PL or 4PL: P(θ) = c + (u − c)·logistic(a·θ + d).
    Dichotomous {
        /// The model as declared.
        model: IrtModel,
        /// Slope.
        a: f64,
        /// Intercept.
        d: f64,
        /// Lower asymptote.
        c: f64,
        /// Upper asymptote.
        u: f64,
    },
    /// Graded response model: P*(k) = logistic(a·θ + d_k), d decreasing.
    Graded {
        /// Slope.
        a: f64,
        /// One intercept per category boundary.
        d: Vec<f64>,
    },
    /// Generalised partial credit: P(k) ∝ exp(Σ_{v≤k} (a·θ + d_v)).
    PartialCredit {
        /// Slope.
        a: f64,
        /// One intercept per step.
        d: Vec<f64>,
    },
}

/// IRT models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IrtModel {
    /// Rasch / 1PL.
    Rasch,
    /// Two-parameter logistic.
    #[serde(rename = "2pl")]
    TwoPl,
    /// Three-parameter logistic.
    #[serde(rename = "3pl")]
    ThreePl,
    /// Four-parameter logistic.
    #[serde(rename = "4pl")]
    FourPl,
    /// Graded response model.
    Grm,
    /// Generalised partial credit model.
    Gpcm,
}

/// Estimators of θ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum EstimatorKind {
    /// Expected a posteriori.
    Eap,
    /// Maximum a posteriori.
    Map,
    /// Maximum likelihood.
    Ml,
    /// Warm's weighted likelihood.
    Wle,
}

impl EstimatorKind {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            EstimatorKind::Eap => "eap",
            EstimatorKind::Map => "map",
            EstimatorKind::Ml => "ml",
            EstimatorKind::Wle => "wle",
        }
    }
}

assess_text::json::json_names!(EstimatorKind {
    "eap" => Eap,
    "map" => Map,
    "ml" => Ml,
    "wle" => Wle,
});

/// What ML and WLE do with patterns whose estimate is infinite.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "policy")]
pub enum ExtremePolicy {
    /// Fall back to MAP.
    Map,
    /// Fall back to EAP.
    Eap,
    /// Clamp to the range.
    Clamp {
        /// Lowest θ.
        min: f64,
        /// Highest θ.
        max: f64,
    },
}

/// Instrument-wide IRT settings.
#[derive(Clone, Debug, PartialEq)]
pub struct IrtSettings {
    pub(crate) status: Status,
    pub(crate) source: String,
    pub(crate) scaling: f64,
    pub(crate) estimator: EstimatorKind,
    pub(crate) quadrature: (usize, f64, f64),
    pub(crate) prior: (f64, f64),
    pub(crate) extreme: ExtremePolicy,
}

impl IrtSettings {
    /// Status of the parameters.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Where the parameters come from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Scaling constant D (already applied to the stored parameters).
    pub fn scaling(&self) -> f64 {
        self.scaling
    }
    /// Default estimator.
    pub fn estimator(&self) -> EstimatorKind {
        self.estimator
    }
    /// Quadrature: number of points, lowest and highest θ.
    pub fn quadrature(&self) -> (usize, f64, f64) {
        self.quadrature
    }
    /// Normal prior: mean and SD.
    pub fn prior(&self) -> (f64, f64) {
        self.prior
    }
    /// Policy for infinite ML/WLE estimates.
    pub fn extreme(&self) -> ExtremePolicy {
        self.extreme
    }
}

/// A map keyed by item id, with a fast deterministic hash (FNV-1a): it is
/// looked up once per answer when scoring, where the default SipHash cost
/// about a tenth of a batch. Its keys are the instrument's own ids (at most
/// `limits::MAX_ITEMS`), so flooding resistance is not needed.
pub(crate) type IdMap<V> =
    std::collections::HashMap<String, V, std::hash::BuildHasherDefault<IdHasher>>;

/// FNV-1a, 64 bits (Fowler, Noll and Vo).
#[derive(Clone, Copy, Debug)]
pub(crate) struct IdHasher(u64);

impl Default for IdHasher {
    fn default() -> Self {
        IdHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What an instrument's status means for the person reading its results,
/// in `lang` (see [`crate::messages`] for the languages and the fallback):
/// shown visibly on every report so that provisional results are not taken
/// for validated ones.
pub fn status_notice(status: Status, lang: &str) -> &'static str {
    let m = messages(lang);
    match status {
        Status::Draft => m.status_draft,
        Status::Provisional => m.status_provisional,
        Status::Validated => m.status_validated,
    }
}
