//! # assess-core
//!
//! The scoring engine behind E-Makaryo's interest, aptitude and
//! work-readiness assessments: one implementation shared by the web front end
//! (WebAssembly), desktop and mobile clients, Rust services and the `assess`
//! command line.
//!
//! The pipeline, in the order data flows; each stage is a module, and a
//! stage uses only the stages above it in this list:
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | text formats | the `assess-text` crate | TOML and JSON readers with located problems, the JSON writer, numbers |
//! | support | `support` | arithmetic with identical bytes everywhere ([`math`]), tolerances ([`prec`]), [`limits`], localised text, the engine's [`messages`] in each language, seeded randomness |
//! | instrument | `instrument` | the instrument model, its reading from TOML and its validation |
//! | responses | `responses` | response sets, checking them against an instrument, item views for a respondent ([`view`]), simulated respondents ([`simulate`]) |
//! | scoring kernel | `scoring` | item scores, proration, POMP, norms, bands, response quality: the rules every scoring path shares |
//! | item response theory | [`irt`] | IRT models and θ estimation; adaptive testing ([`cat`]) |
//! | interest profiles | [`riasec`] | Holland code, consistency, differentiation, congruence |
//! | reports | `report` | [`score`]: a respondent's [`Report`]; the fast batch paths ([`score_matrix`], [`CsvRowScorer`]); each scale's expected score after an adaptive test ([`expected_domain_scores`]) |
//! | careers | `careers` | the job-family [`Catalog`] and [`recommend()`]ations for a person's results ([`PersonResults`]); batch rows ([`RowScoring`], [`SeenIds`]) and their output bytes ([`RecordEncoder`]) |
//! | analysis | [`analysis`] | reliability, item analysis, DIF and local norms from collected responses |
//!
//! In more detail:
//!
//! 1. **Instrument** — TOML text is parsed (by the crate's own TOML 1.1
//!    reader, which reports syntax errors several at a time) into raw
//!    structs that keep their source spans, then validated into an
//!    [`Instrument`], which cannot exist unless it is valid. Every problem
//!    is reported at once, each with a key path, line and column
//!    ([`Error`], [`Problem`]).
//!
//! ```
//! use assess_core::Instrument;
//!
//! let text = include_str!("../../../tests/fixtures/valid/mini.toml");
//! let instrument = Instrument::from_toml(text)?;
//! assert_eq!(instrument.title().get("id"), "Minat Kerja Singkat");
//! assert_eq!(instrument.title().get("en"), "Short Work Interest Check");
//! assert_eq!(instrument.items().len(), 6);
//!
//! // A broken file gives every problem, located.
//! let broken = text.replace("scale = \"R\"", "scale = \"Q\"");
//! let err = Instrument::from_toml(&broken).unwrap_err();
//! assert_eq!(err.kind(), assess_core::ProblemKind::UnknownReference);
//! assert_eq!(err.first().path(), "items[0].scale");
//! # Ok::<(), assess_core::Error>(())
//! ```
//!
//! The core knows nothing of files, terminals, browsers or clocks: text in,
//! values out. All transcendental arithmetic goes through [`math`], so the
//! same input gives the same bytes on every platform. Text is read and
//! written by the `assess-text` crate: JSON comes in as response sets
//! ([`ResponseSet::from_json`], [`ResponseSet::batch_from_json`]),
//! adaptive-test configurations and sessions ([`cat`]), every problem with
//! its key path, line and column; results serialise with serde.

#![deny(missing_docs)]

mod support;

pub mod analysis;
mod careers;
mod instrument;
pub mod irt;
mod language;
mod report;
mod responses;
pub mod riasec;
mod scoring;

pub use careers::recommend;
pub use irt::cat;
pub use responses::{simulate, view};
pub use support::{limits, math, messages, prec};

pub use assess_text::json::{Batched, Names};
pub use assess_text::{Error, Problem, ProblemKind};
pub use careers::batch::{
    MAX_CHECKED_IDS, RecordEncoder, RecordFormat, RowScoring, SeenIds, formula_safe,
};
#[cfg(feature = "schema")]
pub use careers::catalog::catalog_schema;
pub use careers::catalog::{
    CATALOG_FORMAT_VERSION, Catalog, Document, Family, ISCO08_UNIT_GROUPS, Schooling, Training,
    TrainingKind, is_isco08_unit_group,
};
pub use careers::recommend::{
    BatchRecord, PersonResults, RecommendOptions, Recommendations, Results, Scored, recommend,
};
pub use instrument::{
    Band, BandBasis, CalibrationInfo, ChoiceOption, EstimatorKind, ExtremePolicy, FORMAT_VERSION,
    Figure, Form, Format, FormatKind, Instrument, InstrumentKind, IrtModel, IrtParams, IrtSettings,
    Item, MissingRule, Norm, NormMethod, NormRow, QualityRules, Reliability, Scale, Scoring,
    Status, status_notice,
};
pub use report::csvrow::{CsvRowScorer, RowScores, ScaleScores};
pub use report::domain::{
    DOMAIN_THETA_LIMIT, DomainScore, DomainStatus, ExpectedInterval, expected_domain_scores,
};
pub use report::matrix::{AnswerMatrix, ScaleMatrix, score_matrix};
pub use report::score::{ScoreOptions, score, score_checked};
pub use report::{
    BandResult, Engine, Flag, FlagKind, InstrumentRef, NormScore, Quality, REPORT_FORMAT, Report,
    RowStatus, ScaleResult, ScaleStatus, SemBand,
};
pub use responses::view::{
    FigureView, FormInfo, InstrumentInfo, ItemView, OptionValue, OptionView, ResponseKind,
    ScaleInfo,
};
pub use responses::{Answer, Answers, Checked, CsvLayout, Policy, ResponseSet, check};
pub use riasec::{Clarity, RiasecProfile};
pub use scoring::{band_for, stanine};
pub use support::hash::content_hash;
pub use support::text::{Localized, PRIMARY_LANGUAGE, SECONDARY_LANGUAGE};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The engine's version, copied into every result.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The JSON Schema of the instrument format, generated from the Rust types.
#[cfg(feature = "schema")]
pub fn instrument_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(instrument::raw::RawDocument);
    serde_json::to_value(&schema).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// Every variant of the enums named with `json_names!` reads back from
    /// the name serde writes for it, and `Names::name` writes that name:
    /// the two lists of names cannot drift.
    #[test]
    fn enum_names_read_back_what_serde_writes() {
        fn all<T>(variants: &[T])
        where
            T: serde::Serialize
                + assess_text::json::FromJson
                + assess_text::json::Names
                + std::fmt::Debug,
        {
            // The list names every variant once (the caller lists them all,
            // and a match over a variant not listed would not compile).
            assert_eq!(T::NAMES.len(), variants.len());
            for v in variants {
                let text = serde_json::to_string(v).unwrap();
                assert_eq!(
                    &assess_text::json::read::<T>(&text, "").unwrap(),
                    v,
                    "{text}"
                );
                assert_eq!(format!("\"{}\"", v.name()), text);
            }
        }
        use crate::careers::catalog::Schooling as S;
        use crate::irt::Fallback as F;
        use crate::{
            EstimatorKind as E, Policy as P, analysis::Missing as M, cat::StopReason as R,
        };
        all(&[E::Eap, E::Map, E::Ml, E::Wle]);
        all(&[R::SeReached, R::MaxItems, R::BankExhausted]);
        all(&[F::NoResponses, F::AllLowest, F::AllHighest, F::NoRoot]);
        all(&[P::Reject, P::Warn]);
        use crate::{FlagKind as K, RowStatus as W, ScaleStatus as SS};
        all(&[SS::Complete, SS::Partial, SS::NotScorable]);
        all(&[W::Scored, W::Partial, W::Rejected]);
        all(&[
            K::LowCompletion,
            K::Longstring,
            K::LowVariability,
            K::TooFast,
            K::IdenticalAnswers,
        ]);
        all(&[M::Pairwise, M::Listwise]);
        all(&[
            S::SD,
            S::SMP,
            S::SMA,
            S::SMK,
            S::D1,
            S::D2,
            S::D3,
            S::D4,
            S::S1,
        ]);
    }
}
