//! The catalogue file as written: TOML → these structs (with spans), one
//! `from_de_struct!` line per struct naming the keys it reads, and the list
//! of every key for hints on unknown ones. Nothing here is checked (that is
//! `validate`); the doc comments become the descriptions in the catalogue's
//! JSON Schema.

use crate::support::text::Localized;
use assess_text::Sp;

/// A job-family catalogue file, format 1.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "assess job-family catalogue, format 1", deny_unknown_fields)
)]
pub(super) struct RawCatalog {
    /// Version of the catalogue format. Always `1` for now.
    pub(super) format: Sp<i64>,
    /// Identity, languages and status of the catalogue.
    pub(super) catalog: Sp<RawCatalogMeta>,
    /// The job families (`[[families]]`).
    pub(super) families: Sp<Vec<Sp<RawFamily>>>,
}

/// `[catalog]`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub(super) struct RawCatalogMeta {
    /// Identifier.
    pub(super) id: Sp<String>,
    /// Semantic version.
    pub(super) version: Sp<String>,
    /// Languages every text carries; must include `id`.
    pub(super) languages: Sp<Vec<Sp<String>>>,
    /// `draft`, `provisional` or `validated`.
    pub(super) status: Sp<String>,
    /// What the catalogue rests on.
    pub(super) source: Sp<String>,
    /// Where the interest profiles come from.
    pub(super) interest_source: Sp<String>,
    /// Licence of the text.
    pub(super) licence: Sp<String>,
    /// Title.
    pub(super) title: Sp<Localized>,
}

/// `[[families]]`: one job family.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub(super) struct RawFamily {
    /// Identifier, unique in the catalogue.
    pub(super) id: Sp<String>,
    /// Name.
    pub(super) name: Sp<Localized>,
    /// What the work is, in plain words.
    pub(super) description: Sp<Localized>,
    /// What people in this work do most, as a short phrase used in
    /// explanations ("melayani pembeli dan menata barang").
    pub(super) activities: Sp<Localized>,
    /// ISCO-08 unit groups (4-digit codes as strings, `"5223"`).
    pub(super) isco: Sp<Vec<Sp<String>>>,
    /// Interest profile: a level 1–7 for each of `R`, `I`, `A`, `S`, `E`, `C`.
    pub(super) interests: Sp<RawInterests>,
    /// High-point code: one to three letters, the highest levels in order.
    pub(super) code: Sp<String>,
    /// Usual schooling: `SD`, `SMP`, `SMA`, `SMK`, `D1`, `D2`, `D3`, `D4`, `S1`.
    pub(super) schooling: Sp<String>,
    /// Preparation needed, 1 (little) to 5 (extensive), like O*NET job zones.
    pub(super) zone: Sp<i64>,
    /// Aptitude domains that matter, with a suggested minimum band.
    #[cfg_attr(feature = "schema", serde(default))]
    pub(super) aptitude: Option<Sp<Vec<Sp<RawAptitudeNeed>>>>,
    /// Work-readiness competencies the work relies on most.
    #[cfg_attr(feature = "schema", serde(default))]
    pub(super) readiness: Option<Sp<Vec<Sp<String>>>>,
    /// Typical sectors in Central Java (identifiers: `garmen`, `ritel`…).
    pub(super) sectors: Sp<Vec<Sp<String>>>,
    /// Accessibility: which accommodations commonly open this work to people
    /// with particular disabilities, written to include.
    pub(super) accessibility: Sp<Localized>,
    /// The disability groups the accessibility notes address (`tuli`,
    /// `netra`, `daksa`, `intelektual`, `psikososial`); used only when a
    /// user asks for that filter.
    #[cfg_attr(feature = "schema", serde(default))]
    pub(super) accommodations_for: Option<Sp<Vec<Sp<String>>>>,
    /// Training routes into the work.
    pub(super) training: Sp<Vec<Sp<RawTraining>>>,
}

/// `interests = { R = 6, I = 3, A = 2, S = 2, E = 3, C = 5 }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[allow(non_snake_case)]
pub(super) struct RawInterests {
    /// Realistic, 1–7.
    pub(super) R: Sp<i64>,
    /// Investigative, 1–7.
    pub(super) I: Sp<i64>,
    /// Artistic, 1–7.
    pub(super) A: Sp<i64>,
    /// Social, 1–7.
    pub(super) S: Sp<i64>,
    /// Enterprising, 1–7.
    pub(super) E: Sp<i64>,
    /// Conventional, 1–7.
    pub(super) C: Sp<i64>,
}

/// `{ domain = "numerik", min_band = "cukup" }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub(super) struct RawAptitudeNeed {
    /// Scale id of an aptitude domain.
    pub(super) domain: Sp<String>,
    /// Band id: the suggested minimum band on that domain.
    pub(super) min_band: Sp<String>,
}

/// A training route.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub(super) struct RawTraining {
    /// `blk` (public vocational training centre), `apprenticeship`,
    /// `certification`, `course` or `mentoring`.
    pub(super) kind: Sp<String>,
    /// Name of the programme.
    pub(super) name: Sp<Localized>,
    /// Typical length, as people say it, in every catalogue language
    /// (`{ id = "160 jam", en = "160 hours" }`).
    #[cfg_attr(feature = "schema", serde(default))]
    pub(super) duration: Option<Sp<Localized>>,
}

use assess_text::toml::de::from_de_struct;

from_de_struct!(RawCatalog { format: "format", catalog: "catalog", families: "families" } {  });
from_de_struct!(RawCatalogMeta { id: "id", version: "version", languages: "languages", status: "status", source: "source", interest_source: "interest_source", licence: "licence", title: "title" } {  });
from_de_struct!(RawFamily { id: "id", name: "name", description: "description", activities: "activities", isco: "isco", interests: "interests", code: "code", schooling: "schooling", zone: "zone", sectors: "sectors", accessibility: "accessibility", training: "training" } { aptitude: "aptitude", readiness: "readiness", accommodations_for: "accommodations_for" });
from_de_struct!(RawInterests { R: "R", I: "I", A: "A", S: "S", E: "E", C: "C" } {  });
from_de_struct!(RawAptitudeNeed { domain: "domain", min_band: "min_band" } {  });
from_de_struct!(RawTraining { kind: "kind", name: "name" } { duration: "duration" });

/// Every key of the catalogue format, for hints on unknown keys.
pub(super) const KNOWN_KEYS: &[&str] = &[
    "format",
    "catalog",
    "families",
    "id",
    "version",
    "languages",
    "status",
    "source",
    "interest_source",
    "licence",
    "title",
    "name",
    "description",
    "activities",
    "isco",
    "interests",
    "code",
    "schooling",
    "zone",
    "aptitude",
    "readiness",
    "sectors",
    "accessibility",
    "accommodations_for",
    "training",
    "domain",
    "min_band",
    "kind",
    "duration",
    "R",
    "I",
    "A",
    "S",
    "E",
    "C",
];

/// The catalogue's keys are written once per struct (its
/// `from_de_struct!` line); these tests prove the other lists agree.
#[cfg(test)]
mod keys {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeSet;

    use assess_text::Keys;

    use super::*;
    #[cfg(feature = "schema")]
    use crate::careers::catalog::catalog_schema;

    fn read_keys() -> BTreeSet<String> {
        crate::support::keys::read_keys(
            include_str!("raw.rs"),
            &[
                RawCatalog::KEYS,
                RawCatalogMeta::KEYS,
                RawFamily::KEYS,
                RawInterests::KEYS,
                RawAptitudeNeed::KEYS,
                RawTraining::KEYS,
            ],
        )
    }

    #[test]
    fn the_hint_list_is_the_keys_the_reader_accepts() {
        let hints: BTreeSet<String> = KNOWN_KEYS.iter().map(|k| (*k).to_owned()).collect();
        assert_eq!(hints, read_keys());
    }

    #[cfg(feature = "schema")]
    #[test]
    fn the_schema_names_the_keys_the_reader_accepts() {
        assert_eq!(
            crate::support::keys::schema_keys(&catalog_schema()),
            read_keys()
        );
    }
}
