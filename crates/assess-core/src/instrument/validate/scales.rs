//! The `[[scales]]`: unique ids, names, scoring method (`sum`, `mean`, or a
//! composite of other scales), reliability with its source, band basis and
//! norms. Once the items are known, [`Validator::finish_scales`] resolves
//! composites, rejects scales without items, computes each scale's score
//! range, checks the missing-data rule against it and cuts the bands.

use std::collections::HashMap;

use super::Validator;
use crate::instrument::raw::{self, RawScale};
use crate::instrument::{BandBasis, Item, MissingRule, Reliability, Scale, Scoring};
use crate::support::limits;
use crate::support::sorted::SortedSet;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::{Problem, ProblemKind};

/// Scale ids and their item counts while items are being assigned.
pub(super) struct ScaleDraft {
    pub(super) scale: Scale,
    id_span: std::ops::Range<usize>,
    raw_missing_max: Option<Sp<i64>>,
    raw_bands: Option<Sp<Vec<Sp<raw::RawBand>>>>,
    raw_composite: Option<Sp<Vec<Sp<String>>>>,
    /// The scoring method was invalid, so the score range is unknown.
    scoring_invalid: bool,
}

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn scales(&mut self, scales: &Sp<Vec<Sp<RawScale>>>) -> Vec<ScaleDraft> {
        if self.too_many(scales, "scales", "scales", limits::MAX_SCALES) {
            return Vec::new();
        }
        if scales.value.is_empty() {
            self.problem(
                ProblemKind::Empty,
                "scales",
                scales,
                "the instrument has no scales",
            );
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, s) in scales.value.iter().enumerate() {
            let path = format!("scales[{i}]");
            let r = &s.value;
            self.id(&r.id, &format!("{path}.id"));
            if let Some(first) = seen.insert(r.id.value.clone(), i) {
                self.problem(
                    ProblemKind::DuplicateId,
                    format!("{path}.id"),
                    &r.id,
                    format!(
                        "duplicate scale id `{}`; first defined at `scales[{first}]`",
                        r.id.value
                    ),
                );
                continue;
            }
            self.text(&r.name, &format!("{path}.name"));
            self.opt_text(&r.description, &format!("{path}.description"));
            let parsed = match &r.scoring {
                Some(sc) => self.choice(
                    sc,
                    &format!("{path}.scoring"),
                    "scoring method",
                    &[("sum", Scoring::Sum), ("mean", Scoring::Mean)],
                ),
                None => Some(Scoring::Sum),
            };
            let scoring_invalid = parsed.is_none();
            let mut scoring = parsed.unwrap_or(Scoring::Sum);
            if let Some(c) = &r.composite {
                if let Some(sc) = &r.scoring {
                    self.problem(
                        ProblemKind::Inconsistent,
                        format!("{path}.scoring"),
                        sc,
                        "a composite scale is the mean of its components' POMP scores; remove `scoring`",
                    );
                }
                if c.value.is_empty() {
                    self.problem(
                        ProblemKind::Empty,
                        format!("{path}.composite"),
                        c,
                        "a composite scale needs at least one component",
                    );
                }
                scoring = Scoring::Composite;
            }
            let prorate = r
                .missing
                .as_ref()
                .and_then(|m| m.value.prorate.as_ref())
                .is_some_and(|p| p.value);
            let raw_missing_max = r.missing.as_ref().and_then(|m| m.value.max.clone());
            let reliability = r.reliability.as_ref().and_then(|rel| {
                let rp = format!("{path}.reliability");
                let v = &rel.value;
                let mut ok = true;
                if !(v.value.value > 0.0 && v.value.value < 1.0) {
                    self.problem(
                        ProblemKind::InvalidValue,
                        format!("{rp}.value"),
                        &v.value,
                        format!(
                            "expected a reliability between 0 and 1 (exclusive), found {}",
                            Num(v.value.value)
                        ),
                    );
                    ok = false;
                }
                let method = self.choice(
                    &v.method,
                    &format!("{rp}.method"),
                    "reliability method",
                    &[
                        ("alpha", "alpha"),
                        ("omega", "omega"),
                        ("kr20", "kr20"),
                        ("test_retest", "test_retest"),
                        ("split_half", "split_half"),
                    ],
                );
                self.nonempty(&v.source, &format!("{rp}.source"));
                let n = v
                    .sample_size
                    .as_ref()
                    .and_then(|n| self.positive(n, &format!("{rp}.sample_size")));
                let sd = v.sd.as_ref().and_then(|sd| {
                    if sd.value.is_finite() && sd.value > 0.0 {
                        Some(sd.value)
                    } else {
                        self.problem(
                            ProblemKind::InvalidValue,
                            format!("{rp}.sd"),
                            sd,
                            format!(
                                "expected a positive standard deviation, found {}",
                                Num(sd.value)
                            ),
                        );
                        ok = false;
                        None
                    }
                });
                (ok && method.is_some()).then(|| Reliability {
                    value: v.value.value,
                    method: v.method.value.clone(),
                    source: v.source.value.clone(),
                    sample_size: n,
                    sd,
                })
            });
            let bands_on = match &r.bands_on {
                Some(b) => self
                    .choice(
                        b,
                        &format!("{path}.bands_on"),
                        "band basis",
                        &[
                            ("score", BandBasis::Score),
                            ("pomp", BandBasis::Pomp),
                            ("percentile", BandBasis::Percentile),
                        ],
                    )
                    .unwrap_or(BandBasis::Score),
                None => BandBasis::Score,
            };
            let norms = r
                .norms
                .as_ref()
                .map(|n| self.norms(n, &format!("{path}.norms")))
                .unwrap_or_default();
            if bands_on == BandBasis::Percentile && norms.is_empty() {
                if let Some(b) = &r.bands_on {
                    self.problem(ProblemKind::Inconsistent, format!("{path}.bands_on"), b, "bands on `percentile` need norms; add `[[scales.norms]]` or cut bands on `score` or `pomp`");
                }
            }
            out.push(ScaleDraft {
                scale: Scale {
                    id: r.id.value.clone(),
                    name: r.name.value.clone(),
                    description: r.description.as_ref().map(|d| d.value.clone()),
                    scoring,
                    items: Vec::new(),
                    components: Vec::new(),
                    missing: MissingRule { max: 0, prorate },
                    reliability,
                    bands_on,
                    bands: Vec::new(),
                    norms,
                    min_score: 0.0,
                    max_score: 0.0,
                },
                id_span: r.id.span.clone(),
                raw_missing_max,
                raw_bands: r.bands.clone(),
                raw_composite: r.composite.clone(),
                scoring_invalid,
            });
        }
        out
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn finish_scales(&mut self, drafts: Vec<ScaleDraft>, items: &[Item]) -> Vec<Scale> {
        let ids: Vec<String> = drafts.iter().map(|d| d.scale.id.clone()).collect();
        let composite: Vec<bool> = drafts
            .iter()
            .map(|d| d.scale.scoring == Scoring::Composite)
            .collect();
        let mut out = Vec::with_capacity(drafts.len());
        for (i, mut d) in drafts.into_iter().enumerate() {
            let path = format!("scales[{i}]");
            let s = &mut d.scale;
            if s.scoring == Scoring::Composite {
                if let Some(c) = &d.raw_composite {
                    let mut seen = SortedSet::new();
                    for (k, comp) in c.value.iter().enumerate() {
                        let cp = format!("{path}.composite[{k}]");
                        match ids.iter().position(|x| *x == comp.value) {
                            None => self.push(
                                Problem::new(ProblemKind::UnknownReference, cp, format!("unknown scale `{}`", comp.value))
                                    .with_span(comp.at())
                                    .with_hint_opt(self.c.hints.did_you_mean(&comp.value, ids.iter().map(String::as_str))),
                            ),
                            Some(j) if composite[j] => self.problem(ProblemKind::Inconsistent, cp, comp, format!("scale `{}` is itself a composite; composites combine item scales only", comp.value)),
                            Some(j) => {
                                if !seen.insert(j) {
                                    self.problem(ProblemKind::DuplicateId, cp, comp, format!("scale `{}` is listed twice", comp.value));
                                }
                                s.components.push(j);
                            }
                        }
                    }
                }
                s.min_score = 0.0;
                s.max_score = 100.0;
            } else {
                if s.items.is_empty() && !self.items_incomplete {
                    self.push(
                        Problem::new(
                            ProblemKind::Empty,
                            format!("{path}.id"),
                            format!("scale `{}` has no items", s.id),
                        )
                        .with_span(Some(d.id_span.clone()))
                        .with_hint("name this scale in the `scale` key of its items, or remove it"),
                    );
                }
                let (lo, hi): (Vec<f64>, Vec<f64>) = s
                    .items
                    .iter()
                    .map(|&k| (items[k].min_score, items[k].max_score))
                    .unzip();
                if s.scoring == Scoring::Sum {
                    s.min_score = lo.iter().sum();
                    s.max_score = hi.iter().sum();
                } else {
                    s.min_score = lo.iter().copied().fold(f64::INFINITY, f64::min);
                    s.max_score = hi.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                }
            }
            if let Some(m) = &d.raw_missing_max {
                let mp = format!("{path}.missing.max");
                match usize::try_from(m.value) {
                    Ok(v) if s.scoring == Scoring::Composite => {
                        s.missing.max = v;
                        if v >= s.components.len().max(1) {
                            self.problem(
                                ProblemKind::InvalidValue,
                                mp,
                                m,
                                format!(
                                    "at most {} of the {} components may be missing, found {v}",
                                    s.components.len().saturating_sub(1),
                                    s.components.len()
                                ),
                            );
                        }
                    }
                    Ok(v) if v < s.items.len() || s.items.is_empty() => s.missing.max = v,
                    Ok(v) => self.problem(
                        ProblemKind::InvalidValue,
                        mp,
                        m,
                        format!(
                            "at most {} of the scale's {} items may be missing, found {v}",
                            s.items.len() - 1,
                            s.items.len()
                        ),
                    ),
                    Err(_) => self.problem(
                        ProblemKind::InvalidValue,
                        mp,
                        m,
                        format!(
                            "expected a whole number of items, 0 or more, found {}",
                            m.value
                        ),
                    ),
                }
            }
            let range = match s.bands_on {
                BandBasis::Score => (s.min_score, s.max_score),
                BandBasis::Pomp | BandBasis::Percentile => (0.0, 100.0),
            };
            let range_known =
                !(d.scoring_invalid || (self.items_incomplete && s.bands_on == BandBasis::Score));
            if let Some(bands) = &d.raw_bands {
                s.bands = self.bands(
                    bands,
                    &format!("{path}.bands"),
                    range_known.then_some(range),
                    s.bands_on,
                );
            }
            out.push(d.scale);
        }
        out
    }
}
