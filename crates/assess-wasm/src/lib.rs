//! WebAssembly bindings of `assess-core` for the E-Makaryo front end.
//!
//! Every exported function is a few lines that hand off to the core; no rule
//! of scoring lives here. Values cross the boundary as JSON produced by the
//! core (so a report is byte-identical to the native engine's), parsed into
//! plain JavaScript objects whose TypeScript types are generated from the
//! Rust types with `tsify`. Errors cross it as `AssessError` objects, a
//! subclass of JavaScript's `Error` exported by every build (defined in
//! JavaScript in `convert.rs`), carrying `kind`, `path`, `line`, `column`
//! (of the first problem) and `problems` (all of them). Problems of a
//! response set are located in its JSON text; a language an instrument or
//! catalogue lacks is an error (the core's `check_language`, which the
//! service uses too).
//!
//! `scripts/build-wasm` also puts the shipped instruments into the package
//! (`@e-makaryo/assess/instruments`) and precompresses the web build.
//!
//! ## Features
//!
//! `analysis` (on by default) exports the functions for programme staff:
//! `analyzeJson` (the instrument analysis), `CatBank.informationCurve` and
//! `Instrument.scoreJson` (the same text as `score(…).json`).
//! `adaptive` (on by default) exports `CatBank` and
//! `expectedDomainScores`, the adaptive test's engine.
//! `recommend` (on by default) exports the job-family catalogue and
//! recommendations: `Catalog`, `loadCatalog`, `validateCatalog`, `Results`,
//! `recommend` and `recommendJson`.
//! `pages` (on by default; needs `recommend`) exports the staff console's
//! engine: `Batch` (a file of answers scored a chunk at a time; the scored
//! CSV and JSON Lines of `assess score`), `renderReport` and
//! `renderSummary` (the pages of `assess report` and
//! `assess summary --html`).
//! `scripts/build-wasm` builds the web and bundler builds with `adaptive`
//! and `recommend` and without `analysis` or `pages`; the two builds
//! respondents' pages load, each with one of them: `interest` (the
//! questionnaires and recommendations, `recommend` alone) and `aptitude`
//! (the adaptive test, `adaptive` alone); and the node and staff builds
//! with all four.
//!
//! ## Adding an exported function
//!
//! 1. Put it in its own module (`mod cat;` below) with `#[wasm_bindgen]`;
//!    `scripts/build-wasm` and the `.d.ts` pick up every export.
//! 2. Return the core's value with [`json_to_js`] and name its type with
//!    `#[wasm_bindgen(unchecked_return_type = "TypeName")]`; give the core
//!    type `#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]` so
//!    `TypeName` is generated. For byte-identical JSON, also offer the
//!    text ([`to_json`]).
//! 3. Take options as `#[wasm_bindgen(unchecked_param_type = "XOptions")]
//!    options: Option<JsValue>`, read by `convert::options_from` into a
//!    `#[derive(Default, Tsify)]` struct whose keys `json_struct!` reads
//!    (see `options.rs`; a test checks the two name the same keys);
//!    a trailing parameter named `options` is made optional (`?`) in the
//!    `.d.ts` by the build script.
//! 4. Map every core error with [`to_js_error`]. `tests/js/dts.test.mjs`
//!    fails if an export is undeclared or the `.d.ts` says `any`.
//! 5. Take a JavaScript object where the core reads JSON with
//!    `convert::stringify` (as `CatBank.start` does), and declare its
//!    shape with a `Tsify` type (`cat_types.rs` when the core's type has
//!    none, with a test that the keys match the core's JSON).

#![deny(missing_docs)]

// One module per kind of thing a page works with; a new exported area is
// one more line here.
#[cfg(feature = "analysis")]
mod analysis;
#[cfg(feature = "pages")]
mod batch;
#[cfg(feature = "adaptive")]
mod cat;
#[cfg(feature = "adaptive")]
mod cat_types;
#[cfg(feature = "recommend")]
mod catalog;
mod convert;
#[cfg(feature = "adaptive")]
mod domain;
mod instrument;
mod options;
#[cfg(feature = "pages")]
mod pages;
#[cfg(feature = "recommend")]
mod recommend;

#[cfg(feature = "pages")]
pub use batch::{Batch, BatchOptions, MAX_LINE_BYTES, RowOutcome};
#[cfg(feature = "recommend")]
pub use catalog::{WasmCatalog, load_catalog, validate_catalog};
pub use convert::{json_to_js, problems_json, to_js_error, to_json};
pub use instrument::{
    Scored, WasmInstrument, check_to_problems, load_instrument, score_to_json, validate_instrument,
};
#[cfg(feature = "recommend")]
pub use options::RecommendOptions;
pub use options::{ItemOptions, ScoreOptions};
#[cfg(feature = "pages")]
pub use pages::{
    ReportPageOptions, SummaryPageOptions, metadata_label, render_report, render_summary,
    report_html, summary_html,
};
#[cfg(feature = "recommend")]
pub use recommend::{PersonResults, recommend, recommend_json, recommend_native};

/// The engine's version (the same as the native crate's).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    assess_core::ENGINE_VERSION.to_owned()
}

/// The heap of the WebAssembly builds: talc, which grows WebAssembly memory
/// as it needs, in place of std's dlmalloc. The package is about 6 KB
/// smaller, scoring as fast and the first load of an instrument no slower
/// (BENCHMARKS.md). Native builds keep the system allocator.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
