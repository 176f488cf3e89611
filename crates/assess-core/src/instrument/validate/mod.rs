//! Raw document → [`Instrument`], collecting every problem.

use std::collections::{BTreeMap, HashMap};

use crate::support::sorted::SortedSet;

use super::raw::{self, NumberOrList, RawDocument, RawIrt, RawItem, RawScale};
use super::{
    Band, BandBasis, ChoiceOption, EstimatorKind, ExtremePolicy, FORMAT_VERSION, Figure, Form,
    Format, FormatKind, Instrument, InstrumentKind, IrtModel, IrtParams, IrtSettings, Item,
    MissingRule, Norm, NormMethod, NormRow, QualityRules, Reliability, Scale, Scoring, Status,
};
use crate::instrument::check::Checker;
use crate::support::limits;
use crate::support::prec::same_bound;
use crate::support::text::{Localized, PRIMARY_LANGUAGE};
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list, did_you_mean};

/// Every key the instrument format defines, for "did you mean" hints on
/// unknown keys.
pub(crate) const KNOWN_KEYS: &[&str] = &[
    "format",
    "instrument",
    "formats",
    "scales",
    "items",
    "forms",
    "quality",
    "irt",
    "id",
    "version",
    "kind",
    "languages",
    "status",
    "source",
    "licence",
    "title",
    "description",
    "instructions",
    "type",
    "points",
    "min",
    "max",
    "labels",
    "shuffle",
    "name",
    "scoring",
    "composite",
    "missing",
    "reliability",
    "bands_on",
    "bands",
    "norms",
    "prorate",
    "value",
    "method",
    "sample_size",
    "label",
    "interpretation",
    "next_step",
    "group",
    "population",
    "collected",
    "mean",
    "sd",
    "normal",
    "table",
    "score",
    "percentile",
    "t",
    "text",
    "plain",
    "scale",
    "reverse",
    "domain",
    "options",
    "key",
    "figure",
    "svg",
    "alt",
    "model",
    "a",
    "b",
    "d",
    "c",
    "u",
    "min_completion",
    "max_longstring",
    "min_seconds_per_item",
    "min_irv",
    "scaling",
    "estimator",
    "quadrature",
    "prior",
    "extreme",
    "clamp",
];

pub(super) fn load(text: &str) -> Result<Instrument, Error> {
    let (doc, unknown) = match assess_text::toml::de::parse::<RawDocument>(
        text,
        limits::MAX_DOCUMENT_BYTES,
        KNOWN_KEYS,
    ) {
        Ok(v) => v,
        Err(problems) => return Err(Error::new(problems).located(text)),
    };
    let mut v = Validator {
        c: Checker {
            problems: unknown,
            languages: Vec::new(),
        },
        items_incomplete: false,
        declared_items: SortedSet::new(),
    };
    let built = v.document(doc, text);
    match built {
        Some(inst) if v.problems.is_empty() => Ok(inst),
        _ => {
            v.problems.truncate(limits::MAX_PROBLEMS);
            Err(Error::new(std::mem::take(&mut v.problems)).located(text))
        }
    }
}

struct Validator {
    c: Checker,
    /// Some item could not be built (its own problems are reported): scale
    /// ranges and empty-scale checks would only repeat them.
    items_incomplete: bool,
    /// Every item id written in the file, built or not.
    declared_items: SortedSet<String>,
}

/// Scale ids and their item counts while items are being assigned.
struct ScaleDraft {
    scale: Scale,
    id_span: std::ops::Range<usize>,
    raw_missing_max: Option<Sp<i64>>,
    raw_bands: Option<Sp<Vec<Sp<raw::RawBand>>>>,
    raw_composite: Option<Sp<Vec<Sp<String>>>>,
    /// The scoring method was invalid, so the score range is unknown.
    scoring_invalid: bool,
}

impl std::ops::Deref for Validator {
    type Target = Checker;
    fn deref(&self) -> &Checker {
        &self.c
    }
}

impl std::ops::DerefMut for Validator {
    fn deref_mut(&mut self) -> &mut Checker {
        &mut self.c
    }
}

impl Validator {
    // ---- small checks -------------------------------------------------

    // ---- the document -------------------------------------------------

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn document(&mut self, doc: RawDocument, source: &str) -> Option<Instrument> {
        if doc.format.value != FORMAT_VERSION {
            self.problem(
                ProblemKind::InvalidValue,
                "format",
                &doc.format,
                format!(
                    "unsupported format version `{}`; this engine reads format {FORMAT_VERSION}",
                    doc.format.value
                ),
            );
        }
        let meta = &doc.instrument.value;
        self.languages(&meta.languages);
        self.id(&meta.id, "instrument.id");
        if semver::Version::parse(&meta.version.value).is_err() {
            self.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    "instrument.version",
                    format!(
                        "invalid version `{}`; expected a semantic version such as `1.0.0`",
                        meta.version.value
                    ),
                )
                .with_span(meta.version.at()),
            );
        }
        let kind = self.choice(
            &meta.kind,
            "instrument.kind",
            "instrument kind",
            &[
                ("interest", InstrumentKind::Interest),
                ("aptitude", InstrumentKind::Aptitude),
                ("readiness", InstrumentKind::Readiness),
            ],
        );
        let status = self.status(&meta.status, "instrument.status");
        self.nonempty(&meta.source, "instrument.source");
        self.nonempty(&meta.licence, "instrument.licence");
        self.text(&meta.title, "instrument.title");
        self.opt_text(&meta.description, "instrument.description");
        self.opt_text(&meta.instructions, "instrument.instructions");

        let formats = self.formats(&doc.formats);
        let irt_settings = doc.irt.as_ref().and_then(|s| self.irt_settings(s));
        let scaling = irt_settings.as_ref().map_or(1.0, |s| s.scaling);
        let mut scales = self.scales(&doc.scales);
        let declared_formats: SortedSet<&str> =
            doc.formats.value.keys().map(String::as_str).collect();
        let (items, item_index) = self.items(
            &doc.items,
            &formats,
            &mut scales,
            &declared_formats,
            doc.irt.is_some(),
            scaling,
        );
        let scales = self.finish_scales(scales, &items);
        let forms = match &doc.forms {
            Some(forms) => self.forms(forms, &item_index, &scales),
            None => Vec::new(),
        };
        let quality = doc
            .quality
            .as_ref()
            .map(|q| self.quality(q))
            .unwrap_or_default();

        Some(Instrument {
            id: meta.id.value.clone(),
            version: meta.version.value.clone(),
            kind: kind?,
            languages: self.languages.clone(),
            status: status?,
            source: meta.source.value.clone(),
            licence: meta.licence.value.clone(),
            title: meta.title.value.clone(),
            description: meta.description.as_ref().map(|t| t.value.clone()),
            instructions: meta.instructions.as_ref().map(|t| t.value.clone()),
            formats: formats.into_iter().map(|(_, f)| f).collect(),
            scales,
            items,
            forms,
            quality,
            irt: irt_settings,
            hash: crate::support::hash::content_hash(source),
            item_index,
        })
    }

    // ---- formats --------------------------------------------------------

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn formats(
        &mut self,
        formats: &Sp<BTreeMap<String, Sp<raw::RawFormat>>>,
    ) -> Vec<(String, Format)> {
        if formats.value.len() > limits::MAX_FORMATS {
            self.problem(
                ProblemKind::TooLarge,
                "formats",
                formats,
                format!(
                    "{} formats; expected at most {}",
                    formats.value.len(),
                    limits::MAX_FORMATS
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (name, f) in &formats.value {
            let path = format!("formats.{name}");
            let name_sp = Sp {
                value: name.clone(),
                span: f.span.clone(),
            };
            self.id(&name_sp, &path);
            let r = &f.value;
            let Some(kind) = self.choice(
                &r.kind,
                &format!("{path}.type"),
                "format type",
                &[
                    ("likert", 0u8),
                    ("binary", 1),
                    ("single_choice", 2),
                    ("scored_choice", 3),
                ],
            ) else {
                continue;
            };
            let shuffle = r.shuffle.as_ref().is_some_and(|s| s.value);
            if kind <= 1 {
                if let Some(s) = r.shuffle.as_ref().filter(|s| s.value) {
                    self.problem(
                        ProblemKind::Inconsistent,
                        format!("{path}.shuffle"),
                        s,
                        "ordered formats (`likert`, `binary`) are never shuffled",
                    );
                }
            } else {
                for (key, present) in [
                    ("points", r.points.is_some()),
                    ("min", r.min.is_some()),
                    ("labels", r.labels.is_some()),
                ] {
                    if present {
                        self.push(
                            Problem::new(
                                ProblemKind::Inconsistent,
                                format!("{path}.{key}"),
                                format!("`{key}` does not apply to choice formats; options are given per item"),
                            )
                            .with_span(f.at()),
                        );
                    }
                }
            }
            let labels = |v: &mut Self, expected: usize| -> Option<Vec<Localized>> {
                let Some(labels) = &r.labels else {
                    v.push(
                        Problem::new(
                            ProblemKind::MissingKey,
                            format!("{path}.labels"),
                            format!("missing key `labels`; expected {expected} labels"),
                        )
                        .with_span(f.at()),
                    );
                    return None;
                };
                if labels.value.len() != expected {
                    v.problem(
                        ProblemKind::InvalidValue,
                        format!("{path}.labels"),
                        labels,
                        format!(
                            "expected {expected} labels, one per point, found {}",
                            labels.value.len()
                        ),
                    );
                    return None;
                }
                for (i, l) in labels.value.iter().enumerate() {
                    v.text(l, &format!("{path}.labels[{i}]"));
                }
                Some(labels.value.iter().map(|l| l.value.clone()).collect())
            };
            let fk = match kind {
                0 => {
                    let Some(points) = &r.points else {
                        self.push(
                            Problem::new(
                                ProblemKind::MissingKey,
                                format!("{path}.points"),
                                "missing key `points` for a `likert` format",
                            )
                            .with_span(f.at()),
                        );
                        continue;
                    };
                    if !limits::LIKERT_POINTS.contains(&points.value) {
                        self.problem(
                            ProblemKind::InvalidValue,
                            format!("{path}.points"),
                            points,
                            format!("expected 2 to 11 points, found {}", points.value),
                        );
                        continue;
                    }
                    let min = r.min.as_ref().map_or(1, |m| m.value);
                    if !(-1000..=1000).contains(&min) {
                        if let Some(m) = &r.min {
                            self.problem(
                                ProblemKind::InvalidValue,
                                format!("{path}.min"),
                                m,
                                format!("expected a value from -1000 to 1000, found {min}"),
                            );
                        }
                        continue;
                    }
                    let Some(labels) = labels(self, usize::try_from(points.value).unwrap_or(0))
                    else {
                        continue;
                    };
                    let min = i32::try_from(min).unwrap_or(1);
                    let points = i32::try_from(points.value).unwrap_or(2);
                    FormatKind::Likert {
                        min,
                        max: min + points - 1,
                        labels,
                    }
                }
                1 => {
                    for (key, present) in [("points", r.points.is_some()), ("min", r.min.is_some())]
                    {
                        if present {
                            self.push(
                                Problem::new(
                                    ProblemKind::Inconsistent,
                                    format!("{path}.{key}"),
                                    format!(
                                        "`{key}` does not apply to `binary`; its values are 0 and 1"
                                    ),
                                )
                                .with_span(f.at()),
                            );
                        }
                    }
                    let Some(labels) = labels(self, 2) else {
                        continue;
                    };
                    FormatKind::Binary { labels }
                }
                2 => FormatKind::SingleChoice,
                _ => FormatKind::ScoredChoice,
            };
            out.push((
                name.clone(),
                Format {
                    name: name.clone(),
                    kind: fk,
                    shuffle,
                },
            ));
        }
        out
    }

    // ---- scales ---------------------------------------------------------

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn scales(&mut self, scales: &Sp<Vec<Sp<RawScale>>>) -> Vec<ScaleDraft> {
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
    fn norms(&mut self, norms: &Sp<Vec<Sp<raw::RawNorm>>>, path: &str) -> Vec<Norm> {
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

    // ---- items ------------------------------------------------------------

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn items(
        &mut self,
        items: &Sp<Vec<Sp<RawItem>>>,
        formats: &[(String, Format)],
        scales: &mut [ScaleDraft],
        declared_formats: &SortedSet<&str>,
        has_irt_settings: bool,
        scaling: f64,
    ) -> (Vec<Item>, super::IdMap<usize>) {
        let mut out = Vec::new();
        let mut index = super::IdMap::default();
        if self.too_many(items, "items", "items", limits::MAX_ITEMS) {
            self.items_incomplete = true;
            return (out, index);
        }
        if items.value.is_empty() {
            self.problem(
                ProblemKind::Empty,
                "items",
                items,
                "the instrument has no items",
            );
        }
        let mut seen_text: HashMap<&str, usize> = HashMap::new();
        for (i, it) in items.value.iter().enumerate() {
            let path = format!("items[{i}]");
            let r = &it.value;
            let before_item = self.problems.len();
            self.declared_items.insert(r.id.value.clone());
            self.id(&r.id, &format!("{path}.id"));
            if let Some(&first) = index.get(&r.id.value) {
                self.problem(
                    ProblemKind::DuplicateId,
                    format!("{path}.id"),
                    &r.id,
                    format!(
                        "duplicate item id `{}`; first defined at `items[{first}]`",
                        r.id.value
                    ),
                );
                continue;
            }
            self.text(&r.text, &format!("{path}.text"));
            if let Some(id_text) = r.text.value.exact(PRIMARY_LANGUAGE) {
                if let Some(first) = seen_text.insert(id_text, i) {
                    self.problem(
                        ProblemKind::DuplicateId,
                        format!("{path}.text"),
                        &r.text,
                        format!("item text repeats `items[{first}]`"),
                    );
                }
            }
            self.opt_text(&r.plain, &format!("{path}.plain"));
            let format_idx = formats.iter().position(|(n, _)| *n == r.format.value);
            if format_idx.is_none() && declared_formats.contains(r.format.value.as_str()) {
                // The format exists but is invalid; its own problems are reported.
                self.items_incomplete = true;
            } else if format_idx.is_none() {
                let names = formats.iter().map(|(n, _)| n.as_str());
                self.push(
                    Problem::new(
                        ProblemKind::UnknownReference,
                        format!("{path}.format"),
                        format!(
                            "unknown format `{}`; expected one of {}",
                            r.format.value,
                            backtick_list(names.clone())
                        ),
                    )
                    .with_span(r.format.at())
                    .with_hint_opt(did_you_mean(&r.format.value, names)),
                );
            }
            let scale_idx = scales.iter().position(|s| s.scale.id == r.scale.value);
            match scale_idx {
                None => {
                    let names = scales.iter().map(|s| s.scale.id.as_str());
                    self.push(
                        Problem::new(
                            ProblemKind::UnknownReference,
                            format!("{path}.scale"),
                            format!(
                                "unknown scale `{}`; expected one of {}",
                                r.scale.value,
                                backtick_list(names.clone())
                            ),
                        )
                        .with_span(r.scale.at())
                        .with_hint_opt(did_you_mean(&r.scale.value, names)),
                    );
                }
                Some(s) if scales[s].scale.scoring == Scoring::Composite => {
                    self.problem(
                        ProblemKind::Inconsistent,
                        format!("{path}.scale"),
                        &r.scale,
                        format!(
                            "scale `{}` is a composite of other scales and cannot hold items",
                            r.scale.value
                        ),
                    );
                }
                Some(_) => {}
            }
            if let Some(d) = &r.domain {
                self.id(d, &format!("{path}.domain"));
            }
            if let Some(fig) = &r.figure {
                self.figure(fig, &format!("{path}.figure"));
            }
            let Some(fi) = format_idx else {
                self.items_incomplete = true;
                continue;
            };
            let format = &formats[fi].1;
            let reverse = r.reverse.as_ref().is_some_and(|b| b.value);
            if let Some(rev) = r.reverse.as_ref().filter(|b| b.value) {
                if !format.is_ordered() {
                    self.push(
                        Problem::new(
                            ProblemKind::ReverseUnordered,
                            format!("{path}.reverse"),
                            format!(
                                "reverse keying needs an ordered format; `{}` is a choice format",
                                format.name
                            ),
                        )
                        .with_span(rev.at())
                        .with_hint("give the options their scores directly instead"),
                    );
                }
            }
            let Some((options, key, min_score, max_score)) = self.item_options(r, &path, format)
            else {
                continue;
            };
            let irt = match &r.irt {
                Some(irt) => {
                    if !has_irt_settings {
                        self.push(
                            Problem::new(ProblemKind::MissingKey, format!("{path}.irt"), "items with `irt` parameters need an `[irt]` section stating their `status` and `source`")
                                .with_span(irt.at()),
                        );
                    }
                    self.irt(irt, &format!("{path}.irt"), format, &options, scaling)
                }
                None => None,
            };
            let Some(si) = scale_idx else {
                self.items_incomplete = true;
                continue;
            };
            if self.problems.len() != before_item {
                self.items_incomplete = true;
            }
            let item_idx = out.len();
            index.insert(r.id.value.clone(), item_idx);
            scales[si].scale.items.push(item_idx);
            out.push(Item {
                id: r.id.value.clone(),
                text: r.text.value.clone(),
                plain: r.plain.as_ref().map(|t| t.value.clone()),
                format: fi,
                scale: si,
                reverse,
                domain: r.domain.as_ref().map(|d| d.value.clone()),
                options,
                key,
                figure: r.figure.as_ref().map(|f| Figure {
                    svg: f.value.svg.value.clone(),
                    alt: f.value.alt.value.clone(),
                }),
                irt,
                min_score,
                max_score,
            });
        }
        (out, index)
    }

    #[allow(clippy::type_complexity)]
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn item_options(
        &mut self,
        r: &RawItem,
        path: &str,
        format: &Format,
    ) -> Option<(Vec<ChoiceOption>, Option<usize>, f64, f64)> {
        match &format.kind {
            FormatKind::Likert { min, max, .. } => {
                self.no_options(r, path, &format.name);
                Some((Vec::new(), None, f64::from(*min), f64::from(*max)))
            }
            FormatKind::Binary { .. } => {
                self.no_options(r, path, &format.name);
                Some((Vec::new(), None, 0.0, 1.0))
            }
            FormatKind::SingleChoice | FormatKind::ScoredChoice => {
                let single = matches!(format.kind, FormatKind::SingleChoice);
                let Some(opts) = &r.options else {
                    self.push(
                        Problem::new(
                            ProblemKind::MissingKey,
                            format!("{path}.options"),
                            format!(
                                "missing key `options`; format `{}` is a choice format",
                                format.name
                            ),
                        )
                        .with_span(r.id.at()),
                    );
                    return None;
                };
                if self.too_many(
                    opts,
                    &format!("{path}.options"),
                    "options",
                    limits::MAX_OPTIONS,
                ) {
                    return None;
                }
                if opts.value.len() < 2 {
                    self.problem(
                        ProblemKind::Empty,
                        format!("{path}.options"),
                        opts,
                        format!(
                            "a choice item needs at least 2 options, found {}",
                            opts.value.len()
                        ),
                    );
                    return None;
                }
                let before = self.problems.len();
                let mut keys: SortedSet<&str> = SortedSet::new();
                let mut out = Vec::new();
                for (k, o) in opts.value.iter().enumerate() {
                    let op = format!("{path}.options[{k}]");
                    self.id(&o.value.key, &format!("{op}.key"));
                    if !keys.insert(o.value.key.value.as_str()) {
                        self.problem(
                            ProblemKind::DuplicateId,
                            format!("{op}.key"),
                            &o.value.key,
                            format!("duplicate option key `{}`", o.value.key.value),
                        );
                    }
                    self.text(&o.value.text, &format!("{op}.text"));
                    let score = match (&o.value.score, single) {
                        (Some(s), true) => {
                            self.problem(ProblemKind::Inconsistent, format!("{op}.score"), s, "`score` does not apply to `single_choice`; the correct option scores 1 and the others 0 (use `scored_choice` for partial credit)");
                            0.0
                        }
                        (None, true) => 0.0,
                        (Some(s), false) => {
                            if self.finite(s, &format!("{op}.score")) && s.value.abs() > 1000.0 {
                                self.problem(
                                    ProblemKind::InvalidValue,
                                    format!("{op}.score"),
                                    s,
                                    format!(
                                        "expected an option score from -1000 to 1000, found {}",
                                        Num(s.value)
                                    ),
                                );
                            }
                            s.value
                        }
                        (None, false) => {
                            self.push(Problem::new(ProblemKind::MissingKey, format!("{op}.score"), format!("missing key `score`; every option of `scored_choice` format `{}` carries a score", format.name)).with_span(o.at()));
                            0.0
                        }
                    };
                    out.push(ChoiceOption {
                        key: o.value.key.value.clone(),
                        text: o.value.text.value.clone(),
                        score,
                    });
                }
                let key = if single {
                    match &r.key {
                        None => {
                            self.push(Problem::new(ProblemKind::MissingKey, format!("{path}.key"), "missing key `key`: the correct option of a `single_choice` item").with_span(r.id.at()));
                            None
                        }
                        Some(k) => {
                            match out.iter().position(|o| o.key == k.value) {
                                Some(pos) => {
                                    out[pos].score = 1.0;
                                    Some(pos)
                                }
                                None => {
                                    let names: Vec<&str> =
                                        out.iter().map(|o| o.key.as_str()).collect();
                                    self.push(
                                    Problem::new(ProblemKind::UnknownReference, format!("{path}.key"), format!("answer key `{}` is not an option; expected one of {}", k.value, backtick_list(names.iter().copied())))
                                        .with_span(k.at())
                                        .with_hint_opt(did_you_mean(&k.value, names.iter().copied())),
                                );
                                    None
                                }
                            }
                        }
                    }
                } else {
                    if let Some(k) = &r.key {
                        self.problem(ProblemKind::Inconsistent, format!("{path}.key"), k, "`key` applies to `single_choice` only; `scored_choice` options carry scores");
                    }
                    None
                };
                if self.problems.len() != before {
                    return None;
                }
                let (lo, hi) = if single {
                    (0.0, 1.0)
                } else {
                    let lo = out.iter().map(|o| o.score).fold(f64::INFINITY, f64::min);
                    let hi = out
                        .iter()
                        .map(|o| o.score)
                        .fold(f64::NEG_INFINITY, f64::max);
                    if same_bound(lo, hi) {
                        self.problem(
                            ProblemKind::InvalidValue,
                            format!("{path}.options"),
                            opts,
                            "every option has the same score; the item cannot discriminate",
                        );
                        return None;
                    }
                    (lo, hi)
                };
                Some((out, key, lo, hi))
            }
        }
    }

    fn no_options(&mut self, r: &RawItem, path: &str, format: &str) {
        if let Some(o) = &r.options {
            self.problem(
                ProblemKind::Inconsistent,
                format!("{path}.options"),
                o,
                format!(
                    "`options` do not apply to format `{format}`; its labels come from the format"
                ),
            );
        }
        if let Some(k) = &r.key {
            self.problem(
                ProblemKind::Inconsistent,
                format!("{path}.key"),
                k,
                format!("`key` does not apply to format `{format}`"),
            );
        }
    }

    fn figure(&mut self, fig: &Sp<raw::RawFigure>, path: &str) {
        let svg = &fig.value.svg;
        let sp = format!("{path}.svg");
        if svg.value.len() > limits::MAX_SVG_BYTES {
            self.problem(
                ProblemKind::TooLarge,
                sp,
                svg,
                format!(
                    "figure is {} bytes; expected at most {}",
                    svg.value.len(),
                    limits::MAX_SVG_BYTES
                ),
            );
        } else {
            let lower = svg.value.to_ascii_lowercase();
            if !lower.trim_start().starts_with("<svg") || !lower.trim_end().ends_with("</svg>") {
                self.problem(
                    ProblemKind::InvalidValue,
                    sp,
                    svg,
                    "expected inline SVG markup starting with `<svg` and ending with `</svg>`",
                );
            } else if lower.contains("<script")
                || lower.contains("javascript:")
                || lower.contains("<foreignobject")
                || has_event_handler(&lower)
            {
                self.problem(
                    ProblemKind::InvalidValue,
                    sp,
                    svg,
                    "figures may not contain scripts, event handlers or foreign objects",
                );
            }
        }
        self.text(&fig.value.alt, &format!("{path}.alt"));
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn irt(
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

    // ---- after items ------------------------------------------------------

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn finish_scales(&mut self, drafts: Vec<ScaleDraft>, items: &[Item]) -> Vec<Scale> {
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
                                    .with_hint_opt(did_you_mean(&comp.value, ids.iter().map(String::as_str))),
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

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn bands(
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

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn forms(
        &mut self,
        forms: &Sp<Vec<Sp<raw::RawForm>>>,
        index: &super::IdMap<usize>,
        scales: &[Scale],
    ) -> Vec<Form> {
        if self.too_many(forms, "forms", "forms", limits::MAX_FORMS) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut ids = SortedSet::new();
        for (i, f) in forms.value.iter().enumerate() {
            let path = format!("forms[{i}]");
            let r = &f.value;
            self.id(&r.id, &format!("{path}.id"));
            if r.id.value == "full" {
                self.problem(
                    ProblemKind::InvalidValue,
                    format!("{path}.id"),
                    &r.id,
                    "form id `full` is reserved for the form with every item",
                );
            } else if !ids.insert(r.id.value.clone()) {
                self.problem(
                    ProblemKind::DuplicateId,
                    format!("{path}.id"),
                    &r.id,
                    format!("duplicate form id `{}`", r.id.value),
                );
            }
            self.text(&r.name, &format!("{path}.name"));
            let mut items = Vec::new();
            let mut seen = SortedSet::new();
            for (k, id) in r.items.value.iter().enumerate() {
                let ip = format!("{path}.items[{k}]");
                match index.get(&id.value) {
                    // Declared but not built: its own problems are reported.
                    None if self.declared_items.contains(&id.value) => {}
                    None => self.push(
                        Problem::new(
                            ProblemKind::UnknownReference,
                            ip,
                            format!("unknown item `{}`", id.value),
                        )
                        .with_span(id.at())
                        .with_hint_opt(did_you_mean(&id.value, index.keys().map(String::as_str))),
                    ),
                    Some(&x) => {
                        if !seen.insert(x) {
                            self.problem(
                                ProblemKind::DuplicateId,
                                ip,
                                id,
                                format!("item `{}` is listed twice in the form", id.value),
                            );
                        }
                        items.push(x);
                    }
                }
            }
            for s in scales
                .iter()
                .filter(|s| s.scoring != Scoring::Composite && !s.items.is_empty())
            {
                if !s.items.iter().any(|x| seen.contains(x)) {
                    self.problem(
                        ProblemKind::Empty,
                        format!("{path}.items"),
                        &r.items,
                        format!("the form has no item of scale `{}`", s.id),
                    );
                }
            }
            out.push(Form {
                id: r.id.value.clone(),
                name: r.name.value.clone(),
                items,
            });
        }
        out
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn quality(&mut self, q: &Sp<raw::RawQuality>) -> QualityRules {
        let r = &q.value;
        let mut rules = QualityRules::default();
        if let Some(c) = &r.min_completion {
            if c.value.is_finite() && (0.0..=1.0).contains(&c.value) {
                rules.min_completion = Some(c.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_completion",
                    c,
                    format!("expected a share from 0 to 1, found {}", Num(c.value)),
                );
            }
        }
        if let Some(l) = &r.max_longstring {
            match u32::try_from(l.value) {
                Ok(v) if v >= 1 => rules.max_longstring = Some(v),
                _ => self.problem(
                    ProblemKind::InvalidValue,
                    "quality.max_longstring",
                    l,
                    format!(
                        "expected a whole number of answers, 1 or more, found {}",
                        l.value
                    ),
                ),
            }
        }
        if let Some(s) = &r.min_seconds_per_item {
            if s.value.is_finite() && s.value >= 0.0 {
                rules.min_seconds_per_item = Some(s.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_seconds_per_item",
                    s,
                    format!("expected seconds, 0 or more, found {}", Num(s.value)),
                );
            }
        }
        if let Some(s) = &r.min_irv {
            if s.value.is_finite() && s.value >= 0.0 {
                rules.min_irv = Some(s.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_irv",
                    s,
                    format!(
                        "expected a standard deviation, 0 or more, found {}",
                        Num(s.value)
                    ),
                );
            }
        }
        rules
    }

    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn irt_settings(&mut self, s: &Sp<raw::RawIrtSettings>) -> Option<IrtSettings> {
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
        })
    }
}

/// Whether lowercase markup has an `on…=` event-handler attribute.
fn has_event_handler(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.windows(3).enumerate().any(|(i, w)| {
        (w[0] == b' ' || w[0] == b'\t' || w[0] == b'\n' || w[0] == b'/')
            && w[1] == b'o'
            && w[2] == b'n'
            && b[i + 3..]
                .iter()
                .position(|&c| !c.is_ascii_alphabetic())
                .is_some_and(|p| {
                    p > 0 && b[i + 3 + p..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
                })
    })
}

fn fmt_num(x: f64) -> String {
    Num(x).to_string()
}
