//! Item response theory in the instrument: the parameters of an item
//! (1PL to 4PL, GRM, GPCM), the model names, and the `[irt]` settings
//! (estimator, quadrature, prior, extreme-pattern policy). Checked by
//! `validate/irt.rs`; used by [`crate::irt`].

use serde::Serialize;

use super::Status;

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
    pub(crate) calibration: Option<CalibrationInfo>,
}

/// `[irt.calibration]`: where calibrated parameters come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibrationInfo {
    /// How they were estimated.
    pub method: String,
    /// The model calibrated.
    pub model: String,
    /// The answer file.
    pub sample: String,
    /// Respondents in it.
    pub respondents: u64,
    /// When.
    pub date: String,
    /// Engine and version.
    pub engine: String,
    /// Simulated answers (never `validated`).
    pub simulated: bool,
    /// Anchor items held fixed.
    pub anchors: Vec<String>,
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
    /// Provenance of calibrated parameters (`[irt.calibration]`).
    pub fn calibration(&self) -> Option<&CalibrationInfo> {
        self.calibration.as_ref()
    }
}
