//! A scale's `[[scales.bands]]`: at least one, unique ids, label and
//! interpretation in every language, `min` below `max`, and together they
//! cover the scale's range on its basis (score, POMP or percentile) from
//! the lowest to the highest possible value without gaps or overlaps.

use super::Validator;
use crate::instrument::raw;
use crate::instrument::{Band, BandBasis};
use crate::support::limits;
use crate::support::prec::same_bound;
use crate::support::sorted::SortedSet;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::ProblemKind;

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn bands(
        &mut self,
        bands: &Sp<Vec<Sp<raw::RawBand>>>,
        path: &str,
        range: Option<(f64, f64)>,
        basis: BandBasis,
    ) -> Vec<Band> {
        if self.too_many(bands, path, "bands", limits::MAX_BANDS) {
            return Vec::new();
        }
        if bands.value.is_empty() {
            self.problem(
                ProblemKind::Empty,
                path,
                bands,
                "expected at least one band",
            );
            return Vec::new();
        }
        let before = self.problems.len();
        let basis_name = match basis {
            BandBasis::Score => "score",
            BandBasis::Pomp => "POMP",
            BandBasis::Percentile => "percentile",
        };
        let mut ids = SortedSet::new();
        for (i, b) in bands.value.iter().enumerate() {
            let bp = format!("{path}[{i}]");
            let r = &b.value;
            self.id(&r.id, &format!("{bp}.id"));
            if !ids.insert(r.id.value.as_str()) {
                self.problem(
                    ProblemKind::DuplicateId,
                    format!("{bp}.id"),
                    &r.id,
                    format!("duplicate band id `{}`", r.id.value),
                );
            }
            self.text(&r.label, &format!("{bp}.label"));
            self.text(&r.interpretation, &format!("{bp}.interpretation"));
            self.opt_text(&r.next_step, &format!("{bp}.next_step"));
            if !(self.finite(&r.min, &format!("{bp}.min"))
                & self.finite(&r.max, &format!("{bp}.max")))
            {
                continue;
            }
            if r.min.value >= r.max.value {
                self.problem(
                    ProblemKind::InvalidValue,
                    format!("{bp}.max"),
                    &r.max,
                    format!(
                        "band `max` ({}) must be greater than `min` ({})",
                        Num(r.max.value),
                        Num(r.min.value)
                    ),
                );
            }
            if let Some((lo, hi)) = range {
                if i == 0 && !same_bound(r.min.value, lo) {
                    let kind = if r.min.value > lo {
                        ProblemKind::BandGap
                    } else {
                        ProblemKind::BandOverlap
                    };
                    self.problem(kind, format!("{bp}.min"), &r.min, format!("the first band must start at the lowest possible {basis_name} {}, found {}", fmt_num(lo), fmt_num(r.min.value)));
                }
                if i + 1 == bands.value.len() && !same_bound(r.max.value, hi) {
                    let kind = if r.max.value < hi {
                        ProblemKind::BandGap
                    } else {
                        ProblemKind::BandOverlap
                    };
                    self.problem(kind, format!("{bp}.max"), &r.max, format!("the last band must end at the highest possible {basis_name} {}, found {}", fmt_num(hi), fmt_num(r.max.value)));
                }
            }
            if i > 0 {
                let prev = &bands.value[i - 1].value;
                if !same_bound(prev.max.value, r.min.value) {
                    if r.min.value > prev.max.value {
                        self.problem(
                            ProblemKind::BandGap,
                            format!("{bp}.min"),
                            &r.min,
                            format!(
                                "gap between bands: `{}` ends at {} but `{}` starts at {}",
                                prev.id.value,
                                fmt_num(prev.max.value),
                                r.id.value,
                                fmt_num(r.min.value)
                            ),
                        );
                    } else {
                        self.problem(
                            ProblemKind::BandOverlap,
                            format!("{bp}.min"),
                            &r.min,
                            format!(
                                "bands overlap: `{}` ends at {} but `{}` starts at {}",
                                prev.id.value,
                                fmt_num(prev.max.value),
                                r.id.value,
                                fmt_num(r.min.value)
                            ),
                        );
                    }
                }
            }
        }
        if self.problems.len() != before {
            return Vec::new();
        }
        bands
            .value
            .iter()
            .map(|b| {
                let r = &b.value;
                Band {
                    id: r.id.value.clone(),
                    min: r.min.value,
                    max: r.max.value,
                    label: r.label.value.clone(),
                    interpretation: r.interpretation.value.clone(),
                    next_step: r.next_step.as_ref().map(|t| t.value.clone()),
                }
            })
            .collect()
    }
}

fn fmt_num(x: f64) -> String {
    Num(x).to_string()
}
