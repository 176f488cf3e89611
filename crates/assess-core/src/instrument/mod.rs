//! Instruments: the validated model of a questionnaire.
//!
//! An [`Instrument`] only exists when its TOML source passed validation: its
//! fields are private, and [`Instrument::from_toml`] is the only way to make
//! one. Every reference inside it (item → format, item → scale, scale →
//! items, form → items, answer key → option) is resolved to an index, so
//! later stages never look anything up by name twice and never meet a
//! dangling reference.

pub(crate) mod check;
mod irt;
pub(crate) mod raw;
mod scale;
mod validate;

pub use irt::{CalibrationInfo, EstimatorKind, ExtremePolicy, IrtModel, IrtParams, IrtSettings};
pub use scale::{
    Band, BandBasis, MissingRule, Norm, NormMethod, NormRow, Reliability, Scale, Scoring,
};

use serde::Serialize;

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

    /// The name in `lang` for pages (`sementara`); files and JSON keep
    /// [`Self::as_str`].
    pub fn name(self, lang: &str) -> &'static str {
        let m = crate::support::messages::messages(lang);
        match self {
            Status::Draft => m.status_name_draft,
            Status::Provisional => m.status_name_provisional,
            Status::Validated => m.status_name_validated,
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
    let m = crate::support::messages::notices(lang);
    match status {
        Status::Draft => m.status_draft,
        Status::Provisional => m.status_provisional,
        Status::Validated => m.status_validated,
    }
}
