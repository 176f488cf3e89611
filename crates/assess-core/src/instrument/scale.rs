//! A scale of an instrument: the items or component scales it is scored
//! from, how (sum, mean, composite), its missing-data rule, reliability,
//! bands and norms. Checked by `validate/scales.rs`, `bands.rs` and
//! `norms.rs`; scored by the scoring kernel.

use serde::Serialize;

use super::Status;
use crate::support::text::Localized;

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
