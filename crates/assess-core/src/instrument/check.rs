//! Checks shared by the validators of instruments and catalogues: located
//! problems, identifiers, localised text, choices from a fixed list,
//! numbers, list sizes, languages and status.

use crate::support::sorted::SortedSet;
use assess_text::num::Num;

use crate::instrument::Status;
use crate::support::limits;
use crate::support::text::{Localized, PRIMARY_LANGUAGE, is_language_code};
use assess_text::Sp;
use assess_text::problem::{Problem, ProblemKind, backtick_list};

/// Collects problems while a raw document is turned into a model.
#[derive(Default)]
pub(crate) struct Checker {
    /// Every problem found so far.
    pub problems: Vec<Problem>,
    /// The languages the document declares (always including `id` once
    /// [`Checker::languages`] ran).
    pub languages: Vec<String>,
    /// "Did you mean" hints, a few per document.
    pub hints: assess_text::problem::Hints,
}

impl Checker {
    pub(crate) fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    pub(crate) fn problem<T>(
        &mut self,
        kind: ProblemKind,
        path: impl Into<String>,
        span: &Sp<T>,
        message: impl Into<String>,
    ) {
        self.push(Problem::new(kind, path, message).with_span(span.at()));
    }

    pub(crate) fn id(&mut self, s: &Sp<String>, path: &str) {
        let v = s.value.as_str();
        let ok_chars = v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let starts = v.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
        if v.len() > limits::MAX_ID_LEN {
            self.problem(
                ProblemKind::TooLarge,
                path,
                s,
                format!(
                    "identifier is {} bytes long; expected at most {}",
                    v.len(),
                    limits::MAX_ID_LEN
                ),
            );
        } else if !ok_chars || !starts {
            self.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    path,
                    format!("invalid identifier `{v}`; expected a letter followed by letters, digits, `-` or `_`"),
                )
                .with_span(s.at()),
            );
        }
    }

    pub(crate) fn nonempty(&mut self, s: &Sp<String>, path: &str) {
        if s.value.trim().is_empty() {
            self.problem(
                ProblemKind::InvalidValue,
                path,
                s,
                "expected a non-empty text, found an empty one",
            );
        } else if s.value.chars().count() > limits::MAX_TEXT_CHARS {
            self.problem(
                ProblemKind::TooLarge,
                path,
                s,
                format!("text is longer than {} characters", limits::MAX_TEXT_CHARS),
            );
        }
    }

    pub(crate) fn text(&mut self, t: &Sp<Localized>, path: &str) {
        let mut missing = Vec::new();
        for lang in &self.languages {
            match t.value.exact(lang) {
                None => missing.push(lang.clone()),
                Some(s) if s.trim().is_empty() => missing.push(lang.clone()),
                Some(_) => {}
            }
        }
        if !missing.is_empty() {
            let list = backtick_list(missing.iter().map(String::as_str));
            self.push(
                Problem::new(
                    ProblemKind::Language,
                    path,
                    format!(
                        "missing text in {list}; the instrument declares {}",
                        backtick_list(self.languages.iter().map(String::as_str))
                    ),
                )
                .with_span(t.at())
                .with_hint(format!(
                    "add {} to this table",
                    missing
                        .iter()
                        .map(|l| format!("`{l} = \"…\"`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )),
            );
        }
        for (lang, s) in t.value.iter() {
            if !self.languages.iter().any(|l| l == lang) {
                let hint = self
                    .hints
                    .did_you_mean(lang, self.languages.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        format!("add `{lang}` to `instrument.languages`, or remove it here")
                    });
                self.push(
                    Problem::new(
                        ProblemKind::Language,
                        format!("{path}.{lang}"),
                        format!("language `{lang}` is not declared in `instrument.languages`"),
                    )
                    .with_span(t.at())
                    .with_hint(hint),
                );
            }
            if s.chars().count() > limits::MAX_TEXT_CHARS {
                self.push(
                    Problem::new(
                        ProblemKind::TooLarge,
                        format!("{path}.{lang}"),
                        format!("text is longer than {} characters", limits::MAX_TEXT_CHARS),
                    )
                    .with_span(t.at()),
                );
            }
        }
    }

    pub(crate) fn opt_text(&mut self, t: &Option<Sp<Localized>>, path: &str) {
        if let Some(t) = t {
            self.text(t, path);
        }
    }

    pub(crate) fn choice<T: Copy>(
        &mut self,
        s: &Sp<String>,
        path: &str,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == s.value) {
            return Some(*v);
        }
        let names = options.iter().map(|(n, _)| *n);
        self.push(
            Problem::new(
                ProblemKind::InvalidValue,
                path,
                format!(
                    "unknown {what} `{}`; expected one of {}",
                    s.value,
                    backtick_list(names.clone())
                ),
            )
            .with_span(s.at())
            .with_hint_opt(self.hints.did_you_mean(&s.value, names)),
        );
        None
    }

    pub(crate) fn finite(&mut self, x: &Sp<f64>, path: &str) -> bool {
        if x.value.is_finite() {
            true
        } else {
            self.problem(
                ProblemKind::InvalidValue,
                path,
                x,
                format!("expected a finite number, found `{}`", Num(x.value)),
            );
            false
        }
    }

    pub(crate) fn too_many<T>(
        &mut self,
        list: &Sp<Vec<T>>,
        path: &str,
        what: &str,
        max: usize,
    ) -> bool {
        if list.value.len() > max {
            self.problem(
                ProblemKind::TooLarge,
                path,
                list,
                format!("{} {what}; expected at most {max}", list.value.len()),
            );
            true
        } else {
            false
        }
    }

    pub(crate) fn status(&mut self, s: &Sp<String>, path: &str) -> Option<Status> {
        self.choice(
            s,
            path,
            "status",
            &[
                ("draft", Status::Draft),
                ("provisional", Status::Provisional),
                ("validated", Status::Validated),
            ],
        )
    }

    pub(crate) fn languages(&mut self, langs: &Sp<Vec<Sp<String>>>) {
        if self.too_many(
            langs,
            "instrument.languages",
            "languages",
            limits::MAX_LANGUAGES,
        ) {
            return;
        }
        let mut seen = SortedSet::new();
        for (i, l) in langs.value.iter().enumerate() {
            let path = format!("instrument.languages[{i}]");
            if !is_language_code(&l.value) {
                self.problem(
                    ProblemKind::InvalidValue,
                    path,
                    l,
                    format!("invalid language code `{}`; expected two or three lowercase letters such as `id` or `en`", l.value),
                );
            } else if !seen.insert(l.value.clone()) {
                self.problem(
                    ProblemKind::DuplicateId,
                    path,
                    l,
                    format!("language `{}` is listed twice", l.value),
                );
            }
        }
        if !seen.contains(PRIMARY_LANGUAGE) {
            self.push(
                Problem::new(
                    ProblemKind::Language,
                    "instrument.languages",
                    "Bahasa Indonesia (`id`) is required in `languages`",
                )
                .with_span(langs.at())
                .with_hint("add `\"id\"` to the list and an `id` text to every localised table"),
            );
            seen.insert(PRIMARY_LANGUAGE.to_owned());
        }
        self.languages = seen.into_vec();
    }

    pub(crate) fn positive(&mut self, n: &Sp<i64>, path: &str) -> Option<u64> {
        match u64::try_from(n.value) {
            Ok(v) if v > 0 => Some(v),
            _ => {
                self.problem(
                    ProblemKind::InvalidValue,
                    path,
                    n,
                    format!("expected a positive whole number, found {}", n.value),
                );
                None
            }
        }
    }
}
