//! The `[formats.*]` tables: a name and a type each; `likert` points (2 to
//! 11), start value and one label per point; `binary` with two labels;
//! choice formats (`single_choice`, `scored_choice`) without points or
//! labels, whose options are given per item. Ordered formats are never
//! shuffled.

use std::collections::BTreeMap;

use super::Validator;
use crate::instrument::raw;
use crate::instrument::{Format, FormatKind};
use crate::support::limits;
use crate::support::text::Localized;
use assess_text::Sp;
use assess_text::problem::{Problem, ProblemKind};

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn formats(
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
}
