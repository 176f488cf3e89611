//! A scale's `[[scales.norms]]`: unique group ids, source, population,
//! collection date, sample size and status; `method = "normal"` with a
//! finite mean, a positive SD and the explicit `normal = true`, or
//! `method = "table"` with at least two rows whose scores increase and whose
//! percentiles (0 to 100) and T-scores do not decrease.

use super::Validator;
use crate::instrument::raw;
use crate::instrument::{Norm, NormMethod, NormRow, Status};
use crate::support::limits;
use crate::support::sorted::SortedSet;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::{Problem, ProblemKind};

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn norms(&mut self, norms: &Sp<Vec<Sp<raw::RawNorm>>>, path: &str) -> Vec<Norm> {
        if self.too_many(norms, path, "norm groups", limits::MAX_NORM_GROUPS) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = SortedSet::new();
        for (i, n) in norms.value.iter().enumerate() {
            let np = format!("{path}[{i}]");
            let r = &n.value;
            self.id(&r.group, &format!("{np}.group"));
            if !seen.insert(r.group.value.clone()) {
                self.problem(
                    ProblemKind::DuplicateId,
                    format!("{np}.group"),
                    &r.group,
                    format!("duplicate norm group `{}`", r.group.value),
                );
            }
            self.opt_text(&r.name, &format!("{np}.name"));
            self.nonempty(&r.source, &format!("{np}.source"));
            self.nonempty(&r.population, &format!("{np}.population"));
            self.nonempty(&r.collected, &format!("{np}.collected"));
            let sample_size = self.positive(&r.sample_size, &format!("{np}.sample_size"));
            let status = match &r.status {
                Some(s) => self.status(s, &format!("{np}.status")),
                None => Some(Status::Provisional),
            };
            let method = self.choice(
                &r.method,
                &format!("{np}.method"),
                "norm method",
                &[("normal", 0u8), ("table", 1)],
            );
            let method = match method {
                Some(0) => {
                    if let Some(t) = &r.table {
                        self.problem(
                            ProblemKind::Inconsistent,
                            format!("{np}.table"),
                            t,
                            "`table` does not apply to `method = \"normal\"`",
                        );
                    }
                    match (&r.mean, &r.sd) {
                        (Some(m), Some(sd)) => {
                            let ok = self.finite(m, &format!("{np}.mean"))
                                & self.finite(sd, &format!("{np}.sd"));
                            if ok && sd.value <= 0.0 {
                                self.problem(
                                    ProblemKind::InvalidValue,
                                    format!("{np}.sd"),
                                    sd,
                                    format!(
                                        "expected a positive standard deviation, found {}",
                                        Num(sd.value)
                                    ),
                                );
                            }
                            if !r.normal.as_ref().is_some_and(|b| b.value) {
                                self.push(
                                    Problem::new(ProblemKind::MissingKey, format!("{np}.normal"), "`method = \"normal\"` needs `normal = true`, stating that the scores are approximately normal")
                                        .with_span(n.at())
                                        .with_hint("if the scores are not normal, give a `table` of percentiles instead"),
                                );
                            }
                            (ok && sd.value > 0.0).then_some(NormMethod::Normal {
                                mean: m.value,
                                sd: sd.value,
                            })
                        }
                        _ => {
                            self.push(
                                Problem::new(
                                    ProblemKind::MissingKey,
                                    np.clone(),
                                    "`method = \"normal\"` needs `mean` and `sd`",
                                )
                                .with_span(n.at()),
                            );
                            None
                        }
                    }
                }
                Some(_) => {
                    for (key, present) in [
                        ("mean", r.mean.is_some()),
                        ("sd", r.sd.is_some()),
                        ("normal", r.normal.is_some()),
                    ] {
                        if present {
                            self.push(
                                Problem::new(
                                    ProblemKind::Inconsistent,
                                    format!("{np}.{key}"),
                                    format!("`{key}` does not apply to `method = \"table\"`"),
                                )
                                .with_span(n.at()),
                            );
                        }
                    }
                    match &r.table {
                        Some(t) => self.norm_table(t, &format!("{np}.table")),
                        None => {
                            self.push(
                                Problem::new(
                                    ProblemKind::MissingKey,
                                    format!("{np}.table"),
                                    "`method = \"table\"` needs a `table`",
                                )
                                .with_span(n.at()),
                            );
                            None
                        }
                    }
                }
                None => None,
            };
            if let (Some(sample_size), Some(status), Some(method)) = (sample_size, status, method) {
                out.push(Norm {
                    group: r.group.value.clone(),
                    name: r.name.as_ref().map(|t| t.value.clone()),
                    source: r.source.value.clone(),
                    sample_size,
                    population: r.population.value.clone(),
                    collected: r.collected.value.clone(),
                    status,
                    method,
                });
            }
        }
        out
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn norm_table(&mut self, t: &Sp<Vec<Sp<raw::RawNormRow>>>, path: &str) -> Option<NormMethod> {
        if self.too_many(t, path, "norm rows", limits::MAX_NORM_ROWS) {
            return None;
        }
        if t.value.len() < 2 {
            self.problem(
                ProblemKind::Empty,
                path,
                t,
                "a norm table needs at least two rows",
            );
            return None;
        }
        let before = self.problems.len();
        let mut prev: Option<&raw::RawNormRow> = None;
        for (i, row) in t.value.iter().enumerate() {
            let rp = format!("{path}[{i}]");
            let r = &row.value;
            let finite = self.finite(&r.score, &format!("{rp}.score"))
                & self.finite(&r.percentile, &format!("{rp}.percentile"))
                & self.finite(&r.t, &format!("{rp}.t"));
            if !finite {
                continue;
            }
            if !(0.0..=100.0).contains(&r.percentile.value) {
                self.problem(
                    ProblemKind::InvalidValue,
                    format!("{rp}.percentile"),
                    &r.percentile,
                    format!(
                        "expected a percentile from 0 to 100, found {}",
                        Num(r.percentile.value)
                    ),
                );
            }
            if let Some(p) = prev {
                if r.score.value <= p.score.value {
                    self.problem(
                        ProblemKind::NormNotMonotone,
                        format!("{rp}.score"),
                        &r.score,
                        format!(
                            "scores must increase down the table; found {} after {}",
                            Num(r.score.value),
                            Num(p.score.value)
                        ),
                    );
                }
                if r.percentile.value < p.percentile.value {
                    self.problem(
                        ProblemKind::NormNotMonotone,
                        format!("{rp}.percentile"),
                        &r.percentile,
                        format!(
                            "percentiles must not decrease as scores increase; found {} after {}",
                            Num(r.percentile.value),
                            Num(p.percentile.value)
                        ),
                    );
                }
                if r.t.value < p.t.value {
                    self.problem(
                        ProblemKind::NormNotMonotone,
                        format!("{rp}.t"),
                        &r.t,
                        format!(
                            "T-scores must not decrease as scores increase; found {} after {}",
                            Num(r.t.value),
                            Num(p.t.value)
                        ),
                    );
                }
            }
            prev = Some(r);
        }
        (self.problems.len() == before).then(|| {
            NormMethod::Table(
                t.value
                    .iter()
                    .map(|r| NormRow {
                        score: r.value.score.value,
                        percentile: r.value.percentile.value,
                        t: r.value.t.value,
                    })
                    .collect(),
            )
        })
    }
}
