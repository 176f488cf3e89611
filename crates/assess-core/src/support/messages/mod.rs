//! The engine's own words, one table per language.
//!
//! Everything a person reads that does not come from an instrument or the
//! catalogue — status notices, the names of Holland's types, what a
//! profile's consistency and differentiation mean, the reasons a scale
//! could not be scored, response-quality flags, the sentence that explains
//! a job-family suggestion — is a field of [`Messages`]. Each language is
//! one `static` of that struct ([`ID`], [`EN`]); the compiler refuses a
//! table that leaves a message out. A message with values in it is a
//! template with named placeholders (`{missing}`), filled by [`fill`], so a
//! language can put the values where its grammar wants them.
//!
//! Adding a language (Javanese, `jv`) is a new file like `en.rs` and one
//! line in [`TABLES`]; `docs/languages.md` has the whole recipe.
//!
//! ```
//! use assess_core::messages::{fill, messages};
//!
//! let m = messages("en");
//! assert_eq!(m.type_realistic, "Realistic");
//! // Any language without a table falls back to Bahasa Indonesia.
//! assert_eq!(messages("jv").type_realistic, "Realistis");
//! assert_eq!(
//!     fill(m.flag_low_completion, &[("answered", &3), ("presented", &10)]),
//!     "only 3 of 10 items were answered"
//! );
//! ```

use std::fmt::{Display, Write as _};

mod en;
mod id;

pub use en::{EN, EN_NOTICES};
pub use id::{ID, ID_NOTICES};

/// The tables, Bahasa Indonesia (the primary language) first.
pub static TABLES: [(&str, &Messages); 2] = [("id", &ID), ("en", &EN)];

/// The notice tables, in the same languages as [`TABLES`].
pub static NOTICE_TABLES: [(&str, &Notices); 2] = [("id", &ID_NOTICES), ("en", &EN_NOTICES)];

/// The notices in `lang`, with the fallback of [`messages`].
pub fn notices(lang: &str) -> &'static Notices {
    NOTICE_TABLES
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or(&ID_NOTICES, |(_, n)| n)
}

/// The messages in `lang`, or in Bahasa Indonesia (`id`) when there is no
/// table for `lang` — the same fallback as [`crate::Localized::get`], whose
/// next steps (`en`, then any language) are never needed here because the
/// `id` table always exists.
pub fn messages(lang: &str) -> &'static Messages {
    TABLES
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or(&ID, |(_, m)| m)
}

/// Whether the engine has its own table for `lang` (otherwise its messages
/// fall back to Bahasa Indonesia).
pub fn has_messages(lang: &str) -> bool {
    TABLES.iter().any(|(code, _)| *code == lang)
}

/// `template` with each `{name}` replaced by the value paired with `name`
/// in `values`. A placeholder without a value, and a `{` without a closing
/// `}`, are kept as they are: filling never panics, and it reads the
/// template once (each placeholder is looked up among the few `values`).
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(['}', '{']) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, v)) if after[close..].starts_with('}') => {
                let _ = write!(out, "{v}");
                rest = &after[close + 1..];
            }
            _ => {
                // Not a placeholder we know: keep the `{` and go on from
                // the next character, so nothing is lost or read twice.
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Checks a message of a language's table against the same message in
/// Bahasa Indonesia: not empty, the same placeholders (in any order), and
/// no `{` that is not a placeholder. The tests of every table (the core's
/// and the command line's page texts) use it, so a new language cannot
/// silently drop a value.
///
/// # Errors
///
/// What is wrong, to be shown with the message's name.
pub fn check_translation(text: &str, primary: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("is empty".to_owned());
    }
    let mut mine: Vec<&str> = placeholders(text).collect();
    let mut theirs: Vec<&str> = placeholders(primary).collect();
    mine.sort_unstable();
    theirs.sort_unstable();
    if mine != theirs {
        return Err(format!("has placeholders {mine:?}, expected {theirs:?}"));
    }
    if text.matches('{').count() != mine.len() {
        return Err("has a `{` that is not a placeholder".to_owned());
    }
    Ok(())
}

/// The placeholder names of `template`, in order of appearance.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template.split('{').skip(1).filter_map(|s| {
        let name = &s[..s.find('}')?];
        (!name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
        .then_some(name)
    })
}

/// Declares a table struct and its `entries` from one list of fields, so
/// the list the tests walk through cannot drift from the struct.
macro_rules! messages {
    ($(#[doc = $sdoc:literal])+ $table:ident { $( $(#[doc = $doc:literal])+ $name:ident, )+ }) => {
        $(#[doc = $sdoc])+
        #[derive(Debug)]
        pub struct $table {
            $( $(#[doc = $doc])+ pub $name: &'static str, )+
        }

        impl $table {
            /// Every message as `(field name, text)`, in declaration order.
            pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
                [$( (stringify!($name), self.$name), )+].into_iter()
            }
        }
    };
}

messages! {
    /// The engine's messages in one language that results carry: one field
    /// per message, templates with `{name}` placeholders where values go
    /// (see [`fill`]). The doc of each field names its placeholders.
    Messages {
    /// Name of Holland's Realistic type (R).
    type_realistic,
    /// Name of Holland's Investigative type (I).
    type_investigative,
    /// Name of Holland's Artistic type (A).
    type_artistic,
    /// Name of Holland's Social type (S).
    type_social,
    /// Name of Holland's Enterprising type (E).
    type_enterprising,
    /// Name of Holland's Conventional type (C).
    type_conventional,
    /// Counsellor's note when every interest is low.
    profile_note_low,
    /// Counsellor's note when the profile is flat.
    profile_note_flat,
    /// Why a scale was not scored: `{missing}` of `{items}` items missing,
    /// at most `{allowed}` allowed.
    not_scorable_items,
    /// Why a composite scale was not scored: `{missing}` of `{components}`
    /// component scales not scorable, at most `{allowed}` allowed.
    not_scorable_components,
    /// Quality flag: `{answered}` of `{presented}` items answered.
    flag_low_completion,
    /// Quality flag: `{run}` identical answers in a row.
    flag_longstring,
    /// Quality flag: answers barely vary.
    flag_low_variability,
    /// Quality flag: `{seconds}` median seconds per item.
    flag_too_fast,
    /// Quality flag: every answer is the same.
    flag_identical_answers,
    /// Short name of the `low_completion` flag, for pages.
    flag_label_low_completion,
    /// Short name of the `longstring` flag, for pages.
    flag_label_longstring,
    /// Short name of the `low_variability` flag, for pages.
    flag_label_low_variability,
    /// Short name of the `too_fast` flag, for pages.
    flag_label_too_fast,
    /// Short name of the `identical_answers` flag, for pages.
    flag_label_identical_answers,
    /// The name of an instrument's full form (all items).
    full_form,
    /// Name of the `draft` status, for pages.
    status_name_draft,
    /// Name of the `provisional` status, for pages.
    status_name_provisional,
    /// Name of the `validated` status, for pages.
    status_name_validated,
    /// The decimal mark of numbers in text (`,` in Bahasa Indonesia, `.` in
    /// English); JSON numbers always keep `.`. Used by
    /// [`Messages::decimal`].
    decimal_mark,
    /// Why a job family is suggested, when the profile is clear:
    /// `{interests}` the two strongest interests joined by `list_and`.
    explain_interests,
    /// Instead of `explain_interests` when the profile is flat: the answers
    /// do not separate the types, so the family is one to explore.
    explain_unclear_flat,
    /// Instead of `explain_interests` when every interest is low: nothing
    /// stands out, so the family is one to explore.
    explain_unclear_low,
    /// The family's code, for a clear profile: `{code}` its letters.
    explain_code,
    /// The family's code and the names of its letters, for a flat or low
    /// profile: `{code}` its letters, `{letters}` their names (each with
    /// its letter), joined as a list.
    explain_code_letters,
    /// Every letter of the family's code is among the person's three
    /// strongest interests: `{shared}` their names, joined as a list.
    explain_shared_all,
    /// Some letters are among the three strongest, some not: `{shared}`
    /// and `{unshared}`, names joined as lists.
    explain_shared_some,
    /// No letter of the family's code is among the three strongest:
    /// `{unshared}` their names, joined as a list.
    explain_shared_none,
    /// What the family's work involves: `{activities}` its activities.
    explain_activities,
    /// The note of recommendations from a flat profile: examples to
    /// explore, not a ranking.
    recommend_note_flat,
    /// The note of recommendations from a low profile: examples to
    /// explore, not a ranking.
    recommend_note_low,
    /// The word joining the last two names of a list (with its spaces);
    /// the names before them are joined by `, `.
    list_and,
    /// Name of a training route at a BLK (public vocational training
    /// centre).
    training_blk,
    /// Name of an apprenticeship route.
    training_apprenticeship,
    /// Name of a competency certification route.
    training_certification,
    /// Name of a short course route.
    training_course,
    /// Name of a mentoring or business coaching route.
    training_mentoring,
    /// Aptitudes to practise first: `{aptitudes}`, joined as a list
    /// ([`Messages::list`]).
    explain_practise,
    /// Readiness competencies to strengthen: `{competencies}`, joined by
    /// commas.
    explain_strengthen,
    }
}

impl Messages {
    /// `written`, a number as [`assess_text::num::Num`] or `format!` writes
    /// it (with a `.`), with this language's decimal mark: `2,5` in Bahasa
    /// Indonesia, `2.5` in English. Only for text a person reads; JSON
    /// numbers keep `.`.
    ///
    /// ```
    /// use assess_core::messages::messages;
    /// use assess_text::num::Num;
    ///
    /// assert_eq!(messages("id").decimal(Num(62.5)), "62,5");
    /// assert_eq!(messages("en").decimal(Num(62.5)), "62.5");
    /// assert_eq!(messages("id").decimal(format_args!("{:.1}", 3.24)), "3,2");
    /// ```
    pub fn decimal(&self, written: impl Display) -> String {
        let s = written.to_string();
        if self.decimal_mark == "." {
            s
        } else {
            s.replace('.', self.decimal_mark)
        }
    }

    /// `names` as a list in this language: `A`, `A dan B`, `A, B dan C`.
    pub fn list(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{}{}{last}", rest.join(", "), self.list_and),
        }
    }
}

messages! {
    /// The notices and explanations written on pages for a counsellor
    /// (status notices, what a profile's consistency and differentiation
    /// mean), in one language. A table of their own, so that a build that
    /// renders no page (the front-end WebAssembly package) carries none of
    /// them.
    Notices {
    /// Status notice of a draft instrument.
    status_draft,
    /// Status notice of a provisional instrument (not yet normed locally).
    status_provisional,
    /// Status notice of a validated instrument.
    status_validated,
    /// Consistency text with the first two letters: `{code}` is the pair,
    /// `R (Realistic) – I (Investigative)`; `{meaning}` one of the
    /// `consistency_*` meanings.
    consistency_with_code,
    /// Consistency text when the code has fewer than two letters:
    /// `{meaning}` one of the `consistency_*` meanings.
    consistency_without_code,
    /// Consistency of a flat or low profile, whose first two letters are
    /// not a finding: it is not read.
    consistency_unclear,
    /// What high consistency means.
    consistency_high,
    /// What medium consistency means.
    consistency_medium,
    /// What low consistency means.
    consistency_low,
    /// Differentiation of a low profile: `{limit}` is the POMP below which
    /// a profile is low.
    differentiation_low,
    /// Differentiation of a flat profile: `{gap}` the gap between the
    /// strongest and weakest interest, `{limit}` the gap below which a
    /// profile is flat (POMP points).
    differentiation_flat,
    /// Clear differentiation: `{gap}` the gap in POMP points.
    differentiation_clear,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table has every message, none empty, and each message names
    /// the same placeholders in every language: a new language cannot
    /// silently drop a value.
    #[test]
    fn every_table_is_complete_and_has_the_same_placeholders() {
        for (code, table) in &TABLES {
            for ((name, text), (_, id_text)) in table.entries().zip(ID.entries()) {
                if let Err(e) = check_translation(text, id_text) {
                    panic!("`{code}`: `{name}` {e}");
                }
            }
        }
        let codes: Vec<&str> = NOTICE_TABLES.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, ["id", "en"], "the same languages as the messages");
        for (code, table) in &NOTICE_TABLES {
            for ((name, text), (_, id_text)) in table.entries().zip(ID_NOTICES.entries()) {
                if let Err(e) = check_translation(text, id_text) {
                    panic!("`{code}`: `{name}` {e}");
                }
            }
        }
    }

    #[test]
    fn each_language_has_one_table_and_the_rest_fall_back_to_id() {
        let codes: Vec<&str> = TABLES.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, ["id", "en"]);
        assert!(std::ptr::eq(messages("en"), &EN));
        assert!(std::ptr::eq(messages("id"), &ID));
        for other in ["jv", "fr", "", "EN", "en-GB", "xx"] {
            assert!(std::ptr::eq(messages(other), &ID), "{other}");
            assert!(!has_messages(other));
        }
    }

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_the_rest() {
        let v: &[(&str, &dyn Display)] = &[("a", &1), ("bb", &"two"), ("c", &2.5)];
        assert_eq!(fill("{a} of {bb}: {c}", v), "1 of two: 2.5");
        assert_eq!(fill("{a}{a}", v), "11");
        assert_eq!(fill("no placeholders", v), "no placeholders");
        assert_eq!(fill("", v), "");
        assert_eq!(fill("{zz} {a}", v), "{zz} 1");
        assert_eq!(fill("open { {a}", v), "open { 1");
        assert_eq!(fill("{{a}}", v), "{1}");
        assert_eq!(fill("{", v), "{");
        assert_eq!(fill("{a", v), "{a");
        assert_eq!(fill("}{a}{", v), "}1{");
        assert_eq!(fill("é{bb}ü{", v), "étwoü{");
        assert_eq!(fill("{a}", &[]), "{a}");
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(
            placeholders("{missing} of {items}; {allowed} {} {Not} {").collect::<Vec<_>>(),
            ["missing", "items", "allowed"]
        );
    }

    /// Filling is linear: a template of many unknown `{` is read once.
    #[test]
    fn fill_is_linear_in_the_template() {
        let t = "{".repeat(200_000) + &"{a}".repeat(1000);
        let out = fill(&t, &[("a", &7)]);
        assert_eq!(out.len(), 200_000 + 1000);
    }
}
