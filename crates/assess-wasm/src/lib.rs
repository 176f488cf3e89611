//! WebAssembly bindings of `assess-core` for the E-Makaryo front end.
//!
//! Every exported function is a few lines that hand off to the core; no rule
//! of scoring lives here. Values cross the boundary as JSON produced by the
//! core (so a report is byte-identical to the native engine's), parsed into
//! plain JavaScript objects whose TypeScript types are generated from the
//! Rust types with `tsify`. Errors cross it as real JavaScript `Error`
//! objects carrying `kind`, `path`, `line`, `column` (of the first problem)
//! and `problems` (all of them).
//!
//! The modules, one per kind of thing a page works with (adding a module
//! here is the only change another exported area needs):

#![deny(missing_docs)]

mod catalog;
mod convert;
mod instrument;
mod options;
mod recommend;

pub use catalog::{WasmCatalog, load_catalog, validate_catalog};
pub use convert::{json_to_js, problems_json, to_js_error};
pub use instrument::{Scored, WasmInstrument, load_instrument, score_to_json, validate_instrument};
pub use options::{ItemOptions, RecommendOptions, ScoreOptions};
pub use recommend::{PersonResults, recommend, recommend_json, recommend_native};

/// The engine's version (the same as the native crate's).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    assess_core::ENGINE_VERSION.to_owned()
}
