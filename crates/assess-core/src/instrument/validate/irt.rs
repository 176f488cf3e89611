//! Item response theory: the `[irt]` settings (status, source, scaling
//! constant, estimator, quadrature, prior, policy for extreme patterns)
//! and each item's `irt` parameters, checked against the item's format
//! (dichotomous models on 0/1 items, `grm`/`gpcm` on ordered categories,
//! one threshold per category boundary) and normalised to slope–intercept
//! form.

use super::Validator;
use crate::instrument::raw::{self, NumberOrList, RawIrt};
use crate::instrument::{
    CalibrationInfo, ChoiceOption, EstimatorKind, ExtremePolicy, Format, FormatKind, IrtModel,
    IrtParams, IrtSettings, Status,
};
use crate::support::prec::same_bound;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::{Problem, ProblemKind};

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn irt_settings(&mut self, s: &Sp<raw::RawIrtSettings>) -> Option<IrtSettings> {
        let r = &s.value;
        let before = self.problems.len();
        let status = self.status(&r.status, "irt.status");
        self.nonempty(&r.source, "irt.source");
        let scaling = match &r.scaling {
            Some(d) => {
                if !(d.value.is_finite() && d.value > 0.0 && d.value <= 10.0) {
                    self.problem(
                        ProblemKind::InvalidValue,
                        "irt.scaling",
                        d,
                        format!(
                            "expected a scaling constant greater than 0 (1 or 1.702), found {}",
                            Num(d.value)
                        ),
                    );
                }
                d.value
            }
            None => 1.0,
        };
        let estimator = match &r.estimator {
            Some(e) => self.choice(
                e,
                "irt.estimator",
                "estimator",
                &[
                    ("eap", EstimatorKind::Eap),
                    ("map", EstimatorKind::Map),
                    ("ml", EstimatorKind::Ml),
                    ("wle", EstimatorKind::Wle),
                ],
            ),
            None => Some(EstimatorKind::Eap),
        };
        let quadrature = match &r.quadrature {
            Some(q) => {
                let v = &q.value;
                match usize::try_from(v.points.value) {
                    Ok(n) if (5..=401).contains(&n) => {}
                    _ => self.problem(
                        ProblemKind::InvalidValue,
                        "irt.quadrature.points",
                        &v.points,
                        format!(
                            "expected 5 to 401 quadrature points, found {}",
                            v.points.value
                        ),
                    ),
                }
                if !(v.min.value.is_finite()
                    && v.max.value.is_finite()
                    && v.min.value < v.max.value
                    && v.max.value - v.min.value <= 20.0)
                {
                    self.problem(
                        ProblemKind::InvalidValue,
                        "irt.quadrature",
                        q,
                        format!(
                            "expected `min` < `max` within 20 logits, found [{}, {}]",
                            Num(v.min.value),
                            Num(v.max.value)
                        ),
                    );
                }
                (
                    usize::try_from(v.points.value).unwrap_or(61),
                    v.min.value,
                    v.max.value,
                )
            }
            None => (61, -4.0, 4.0),
        };
        let prior = match &r.prior {
            Some(p) => {
                let v = &p.value;
                if !(v.mean.value.is_finite() && v.mean.value.abs() <= 10.0) {
                    self.problem(
                        ProblemKind::InvalidValue,
                        "irt.prior.mean",
                        &v.mean,
                        format!(
                            "expected a prior mean from -10 to 10, found {}",
                            Num(v.mean.value)
                        ),
                    );
                }
                if !(v.sd.value.is_finite() && v.sd.value > 0.0 && v.sd.value <= 10.0) {
                    self.problem(
                        ProblemKind::InvalidValue,
                        "irt.prior.sd",
                        &v.sd,
                        format!(
                            "expected a prior SD greater than 0 and at most 10, found {}",
                            Num(v.sd.value)
                        ),
                    );
                }
                (v.mean.value, v.sd.value)
            }
            None => (0.0, 1.0),
        };
        let extreme_kind = match &r.extreme {
            Some(e) => self.choice(
                e,
                "irt.extreme",
                "extreme-pattern policy",
                &[("map", 0u8), ("eap", 1), ("clamp", 2)],
            ),
            None => Some(1),
        };
        let extreme = match (extreme_kind, &r.clamp) {
            (Some(2), Some(c)) => {
                if c.value.len() == 2
                    && c.value[0].is_finite()
                    && c.value[1].is_finite()
                    && c.value[0] < c.value[1]
                {
                    Some(ExtremePolicy::Clamp {
                        min: c.value[0],
                        max: c.value[1],
                    })
                } else {
                    self.problem(
                        ProblemKind::InvalidValue,
                        "irt.clamp",
                        c,
                        "expected `clamp = [min, max]` with min < max",
                    );
                    None
                }
            }
            (Some(2), None) => {
                self.push(
                    Problem::new(
                        ProblemKind::MissingKey,
                        "irt.clamp",
                        "`extreme = \"clamp\"` needs `clamp = [min, max]`",
                    )
                    .with_span(s.at()),
                );
                None
            }
            (Some(k), c) => {
                if let Some(c) = c {
                    self.problem(
                        ProblemKind::Inconsistent,
                        "irt.clamp",
                        c,
                        "`clamp` applies only with `extreme = \"clamp\"`",
                    );
                }
                Some(if k == 0 {
                    ExtremePolicy::Map
                } else {
                    ExtremePolicy::Eap
                })
            }
            (None, _) => None,
        };
        let calibration = r.calibration.as_ref().map(|c| self.calibration(c, status));
        if self.problems.len() != before {
            return None;
        }
        Some(IrtSettings {
            status: status?,
            source: r.source.value.clone(),
            scaling,
            estimator: estimator?,
            quadrature,
            prior,
            extreme: extreme?,
            calibration,
        })
    }

    /// `[irt.calibration]`: provenance, checked for form; parameters from
    /// simulated answers are never `validated`.
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn calibration(
        &mut self,
        c: &Sp<raw::RawCalibration>,
        status: Option<Status>,
    ) -> CalibrationInfo {
        let r = &c.value;
        for (v, path) in [
            (&r.method, "irt.calibration.method"),
            (&r.model, "irt.calibration.model"),
            (&r.sample, "irt.calibration.sample"),
            (&r.date, "irt.calibration.date"),
            (&r.engine, "irt.calibration.engine"),
        ] {
            self.nonempty(v, path);
        }
        if r.respondents.value < 1 {
            self.problem(
                ProblemKind::InvalidValue,
                "irt.calibration.respondents",
                &r.respondents,
                format!(
                    "expected at least 1 respondent, found {}",
                    r.respondents.value
                ),
            );
        }
        if r.simulated.value && status == Some(Status::Validated) {
            self.problem(
                ProblemKind::InvalidValue,
                "irt.status",
                c,
                "parameters calibrated on simulated answers (`irt.calibration.simulated = true`) cannot be `validated`; use `provisional`".to_owned(),
            );
        }
        CalibrationInfo {
            method: r.method.value.clone(),
            model: r.model.value.clone(),
            sample: r.sample.value.clone(),
            respondents: u64::try_from(r.respondents.value).unwrap_or(0),
            date: r.date.value.clone(),
            engine: r.engine.value.clone(),
            simulated: r.simulated.value,
            anchors: r
                .anchors
                .as_ref()
                .map(|a| a.value.iter().map(|s| s.value.clone()).collect())
                .unwrap_or_default(),
        }
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn irt(
        &mut self,
        irt: &Sp<RawIrt>,
        path: &str,
        format: &Format,
        options: &[ChoiceOption],
        scaling: f64,
    ) -> Option<IrtParams> {
        let r = &irt.value;
        let model = self.choice(
            &r.model,
            &format!("{path}.model"),
            "IRT model",
            &[
                ("rasch", IrtModel::Rasch),
                ("2pl", IrtModel::TwoPl),
                ("3pl", IrtModel::ThreePl),
                ("4pl", IrtModel::FourPl),
                ("grm", IrtModel::Grm),
                ("gpcm", IrtModel::Gpcm),
            ],
        )?;
        let before = self.problems.len();
        let dichotomous = matches!(
            model,
            IrtModel::Rasch | IrtModel::TwoPl | IrtModel::ThreePl | IrtModel::FourPl
        );
        let categories = match &format.kind {
            FormatKind::Binary { .. } | FormatKind::SingleChoice => 2,
            FormatKind::Likert { min, max, .. } => usize::try_from(max - min + 1).unwrap_or(2),
            FormatKind::ScoredChoice => {
                let mut s: Vec<f64> = options.iter().map(|o| o.score).collect();
                s.sort_by(f64::total_cmp);
                s.dedup_by(|a, b| same_bound(*a, *b));
                s.len()
            }
        };
        if dichotomous && categories != 2 {
            self.problem(ProblemKind::Inconsistent, format!("{path}.model"), &r.model, format!("model `{}` is for 0/1 items; format `{}` has {categories} categories (use `grm` or `gpcm`)", r.model.value, format.name));
            return None;
        }
        if !dichotomous
            && categories == 2
            && !matches!(
                format.kind,
                FormatKind::ScoredChoice | FormatKind::Likert { .. }
            )
        {
            self.problem(
                ProblemKind::Inconsistent,
                format!("{path}.model"),
                &r.model,
                format!(
                    "model `{}` is for items with ordered categories; use `2pl` for a 0/1 item",
                    r.model.value
                ),
            );
            return None;
        }
        let not_for = |v: &mut Self, key: &str, present: bool| {
            if present {
                v.push(
                    Problem::new(
                        ProblemKind::Inconsistent,
                        format!("{path}.{key}"),
                        format!("`{key}` does not apply to model `{}`", r.model.value),
                    )
                    .with_span(irt.at()),
                );
            }
        };
        let a = match (model, &r.a) {
            (IrtModel::Rasch, a) => {
                not_for(self, "a", a.is_some());
                1.0
            }
            (_, None) => {
                self.push(
                    Problem::new(
                        ProblemKind::MissingKey,
                        format!("{path}.a"),
                        format!(
                            "missing key `a` (discrimination) for model `{}`",
                            r.model.value
                        ),
                    )
                    .with_span(irt.at()),
                );
                return None;
            }
            (_, Some(a)) => {
                if !(a.value.is_finite() && a.value > 0.0 && a.value <= 20.0) {
                    self.problem(
                        ProblemKind::IrtOutOfRange,
                        format!("{path}.a"),
                        a,
                        format!(
                            "discrimination `a` must be greater than 0 and at most 20, found {}",
                            Num(a.value)
                        ),
                    );
                }
                a.value
            }
        };
        let has_c = matches!(model, IrtModel::ThreePl | IrtModel::FourPl);
        let c = match (&r.c, has_c) {
            (Some(c), true) => {
                if !(c.value.is_finite() && (0.0..1.0).contains(&c.value)) {
                    self.problem(
                        ProblemKind::IrtOutOfRange,
                        format!("{path}.c"),
                        c,
                        format!("guessing `c` must be in [0, 1), found {}", Num(c.value)),
                    );
                }
                c.value
            }
            (None, true) => {
                self.push(
                    Problem::new(
                        ProblemKind::MissingKey,
                        format!("{path}.c"),
                        format!(
                            "missing key `c` (lower asymptote) for model `{}`",
                            r.model.value
                        ),
                    )
                    .with_span(irt.at()),
                );
                0.0
            }
            (c, false) => {
                not_for(self, "c", c.is_some());
                0.0
            }
        };
        let u = match (&r.u, model == IrtModel::FourPl) {
            (Some(u), true) => {
                if !(u.value.is_finite() && u.value > c && u.value <= 1.0) {
                    self.problem(
                        ProblemKind::IrtOutOfRange,
                        format!("{path}.u"),
                        u,
                        format!(
                            "upper asymptote `u` must be in (c, 1], found {}",
                            Num(u.value)
                        ),
                    );
                }
                u.value
            }
            (None, true) => {
                self.push(
                    Problem::new(
                        ProblemKind::MissingKey,
                        format!("{path}.u"),
                        "missing key `u` (upper asymptote) for model `4pl`",
                    )
                    .with_span(irt.at()),
                );
                1.0
            }
            (u, false) => {
                not_for(self, "u", u.is_some());
                1.0
            }
        };
        // Location parameters: exactly one of b (difficulty) and d (intercept).
        let (values, is_b, loc) = match (&r.b, &r.d) {
            (Some(_), Some(d)) => {
                self.problem(
                    ProblemKind::Inconsistent,
                    format!("{path}.d"),
                    d,
                    "give either `b` (a/b form) or `d` (slope–intercept form), not both",
                );
                return None;
            }
            (None, None) => {
                self.push(
                    Problem::new(
                        ProblemKind::MissingKey,
                        format!("{path}.b"),
                        format!(
                            "missing key `b` (difficulty) or `d` (intercept) for model `{}`",
                            r.model.value
                        ),
                    )
                    .with_span(irt.at()),
                );
                return None;
            }
            (Some(b), None) => (b, true, "b"),
            (None, Some(d)) => (d, false, "d"),
        };
        let lp = format!("{path}.{loc}");
        let list: Vec<f64> = match (&values.value, dichotomous) {
            (NumberOrList::One(x), true) => vec![*x],
            (NumberOrList::Many(v), false) => v.clone(),
            (NumberOrList::Many(_), true) => {
                self.problem(
                    ProblemKind::InvalidType,
                    lp,
                    values,
                    format!(
                        "expected one number for model `{}`, found a list",
                        r.model.value
                    ),
                );
                return None;
            }
            (NumberOrList::One(_), false) => {
                self.problem(
                    ProblemKind::InvalidType,
                    lp,
                    values,
                    format!(
                        "expected a list of {} thresholds for model `{}`, found one number",
                        categories - 1,
                        r.model.value
                    ),
                );
                return None;
            }
        };
        if !dichotomous && list.len() != categories - 1 {
            self.problem(ProblemKind::Inconsistent, lp.clone(), values, format!("expected {} values (categories − 1) for a format with {categories} categories, found {}", categories - 1, list.len()));
            return None;
        }
        for x in &list {
            if !(x.is_finite() && x.abs() <= 50.0) {
                self.problem(
                    ProblemKind::IrtOutOfRange,
                    lp.clone(),
                    values,
                    format!(
                        "`{loc}` must be a finite number from -50 to 50, found {}",
                        Num(*x)
                    ),
                );
                return None;
            }
        }
        if model == IrtModel::Grm {
            let ordered = list
                .windows(2)
                .all(|w| if is_b { w[0] < w[1] } else { w[0] > w[1] });
            if !ordered {
                let want = if is_b {
                    "strictly increasing"
                } else {
                    "strictly decreasing"
                };
                self.problem(
                    ProblemKind::IrtUnordered,
                    lp,
                    values,
                    format!(
                        "graded-response thresholds `{loc}` must be {want}, found [{}]",
                        list.iter()
                            .map(|x| Num(*x).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        if self.problems.len() != before {
            return None;
        }
        // Normalise to slope–intercept on the logistic metric: logit = a·θ + d.
        let a_s = scaling * a;
        let to_d = |x: f64| if is_b { -a_s * x } else { scaling * x };
        let d: Vec<f64> = list.iter().map(|&x| to_d(x)).collect();
        Some(match model {
            IrtModel::Grm => IrtParams::Graded { a: a_s, d },
            IrtModel::Gpcm => IrtParams::PartialCredit { a: a_s, d },
            m => IrtParams::Dichotomous {
                model: m,
                a: a_s,
                d: d[0],
                c,
                u,
            },
        })
    }
}
