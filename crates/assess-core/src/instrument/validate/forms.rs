//! The `[[forms]]`: unique ids (`full` is reserved), names, known items
//! listed once each, and at least one item of every item scale.

use super::Validator;
use crate::instrument::raw;
use crate::instrument::{Form, IdMap, Scale, Scoring};
use crate::support::limits;
use crate::support::sorted::SortedSet;
use assess_text::Sp;
use assess_text::problem::{Problem, ProblemKind};

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn forms(
        &mut self,
        forms: &Sp<Vec<Sp<raw::RawForm>>>,
        index: &IdMap<usize>,
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
                        .with_hint_opt(
                            self.c
                                .hints
                                .did_you_mean(&id.value, index.keys().map(String::as_str)),
                        ),
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
}
