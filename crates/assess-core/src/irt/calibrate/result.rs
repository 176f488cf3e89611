//! What a calibration reports: the estimates per item, their flags, the
//! anchors' drift, the run and the global fit.

use serde::Serialize;

use super::{CalibrationModel, ItemFit};
use crate::instrument::IrtParams;

/// Something to look at in an item's estimates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationFlag {
    /// a < 0: higher ability, lower score — check the key.
    NegativeDiscrimination,
    /// 0 ≤ a < 0.5: the item tells little about θ.
    LowDiscrimination,
    /// a > 4: suspiciously steep (local dependence, too few answers).
    HighDiscrimination,
    /// A difficulty or threshold b beyond ±4.
    ExtremeDifficulty,
    /// 3PL c above 0.35.
    HighGuessing,
    /// S-X² p < 0.01.
    Misfit,
    /// Fewer answers than the model needs (1PL 100, 2PL/GRM/GPCM 200,
    /// 3PL 500; rules of thumb, de Ayala 2009, ch. 8).
    FewAnswers,
    /// The standard errors could not be computed.
    NoStandardError,
    /// An anchor whose free re-estimate moves b by more than 0.3.
    AnchorDrift,
}

/// An item's estimates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemEstimate {
    /// Item id.
    pub id: String,
    /// Held fixed (an anchor).
    pub anchor: bool,
    /// Respondents who answered it.
    pub answered: usize,
    /// The model of its parameters.
    pub model: &'static str,
    /// Slope a (logistic metric).
    pub a: f64,
    /// Intercepts d (one for 0/1 items; thresholds for GRM, steps for GPCM).
    pub d: Vec<f64>,
    /// Difficulties b = −d/a.
    pub b: Vec<f64>,
    /// Lower asymptote (3PL).
    pub c: Option<f64>,
    /// SE of a.
    pub se_a: Option<f64>,
    /// SE of each d.
    pub se_d: Vec<Option<f64>>,
    /// SE of each b.
    pub se_b: Vec<Option<f64>>,
    /// SE of c.
    pub se_c: Option<f64>,
    /// S-X² (`None` for an item without complete-case groups).
    pub fit: Option<ItemFit>,
    /// What to look at.
    pub flags: Vec<CalibrationFlag>,
    /// The parameters in the engine's form.
    #[serde(skip)]
    pub params: IrtParams,
}

/// An anchor's drift: its free re-estimate on the linked scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnchorDrift {
    /// Item id.
    pub id: String,
    /// Free a minus fixed a.
    pub delta_a: f64,
    /// Free b minus fixed b, per threshold.
    pub delta_b: Vec<f64>,
    /// |Δb| > 0.3 for some threshold.
    pub drifted: bool,
}

/// The EM run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Convergence {
    /// Whether the tolerance was reached.
    pub converged: bool,
    /// E-steps made.
    pub cycles: usize,
    /// Largest parameter change in the last plain EM cycle.
    pub largest_change: f64,
    /// The tolerance.
    pub tolerance: f64,
    /// SQUAREM steps kept.
    pub accelerated: usize,
    /// ln L at the estimates.
    pub log_likelihood: f64,
}

/// The whole fit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// The model of the free items.
    pub model: CalibrationModel,
    /// Respondents.
    pub respondents: usize,
    /// Per item, in input order.
    pub items: Vec<ItemEstimate>,
    /// The grid: points, lowest and highest θ.
    pub quadrature: Quadrature,
    /// The latent distribution (estimated when anchors fix the scale).
    pub population: Population,
    /// The EM run.
    pub convergence: Convergence,
    /// −2 ln L, AIC, BIC.
    pub fit: ModelFit,
    /// How the standard errors were computed (`None`: not computed or the
    /// information matrix was singular).
    pub standard_errors: Option<&'static str>,
    /// Respondents with every answer (S-X² uses them only).
    pub complete_cases: usize,
    /// S-X² groups were merged until expected counts reached this.
    pub min_expected: f64,
    /// Anchors' drift.
    pub anchors: Vec<AnchorDrift>,
}

/// The quadrature grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quadrature {
    /// Number of points.
    pub points: usize,
    /// Lowest θ.
    pub lower: f64,
    /// Highest θ.
    pub upper: f64,
}

/// The latent distribution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Population {
    /// Mean of θ.
    pub mean: f64,
    /// SD of θ.
    pub sd: f64,
    /// Estimated (anchors) or fixed at N(0, 1).
    pub estimated: bool,
}

/// Global fit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelFit {
    /// −2 ln L.
    pub minus_two_log_likelihood: f64,
    /// Free parameters (items; μ and σ when estimated).
    pub parameters: usize,
    /// −2 ln L + 2·parameters.
    pub aic: f64,
    /// −2 ln L + parameters·ln(respondents).
    pub bic: f64,
}
