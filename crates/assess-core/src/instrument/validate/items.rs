//! The `[[items]]`: unique ids and texts, references to a declared format
//! and an item scale, domain tags, figures, reverse keying only on ordered
//! formats, and the options of choice items (2 or more, unique keys,
//! scores for `scored_choice`, an answer key for `single_choice`). Each
//! item's score range comes from here; its IRT parameters are checked in
//! `irt.rs`.

use std::collections::HashMap;

use super::Validator;
use super::scales::ScaleDraft;
use crate::instrument::raw::RawItem;
use crate::instrument::{ChoiceOption, Figure, Format, FormatKind, IdMap, Item, Scoring};
use crate::support::limits;
use crate::support::prec::same_bound;
use crate::support::sorted::SortedSet;
use crate::support::text::PRIMARY_LANGUAGE;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::{Problem, ProblemKind, backtick_list};

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn items(
        &mut self,
        items: &Sp<Vec<Sp<RawItem>>>,
        formats: &[(String, Format)],
        scales: &mut [ScaleDraft],
        declared_formats: &SortedSet<&str>,
        has_irt_settings: bool,
        scaling: f64,
    ) -> (Vec<Item>, IdMap<usize>) {
        let mut out = Vec::new();
        let mut index = IdMap::default();
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
                    .with_hint_opt(self.c.hints.did_you_mean(&r.format.value, names)),
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
                        .with_hint_opt(self.c.hints.did_you_mean(&r.scale.value, names)),
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
            // The figure as the sanitiser wrote it again: what pages show.
            let figure = r.figure.as_ref().and_then(|fig| {
                let svg = self.figure(fig, &format!("{path}.figure"))?;
                Some(Figure {
                    svg,
                    alt: fig.value.alt.value.clone(),
                })
            });
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
                figure,
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
                                        .with_hint_opt(self.c.hints.did_you_mean(&k.value, names.iter().copied())),
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
}
