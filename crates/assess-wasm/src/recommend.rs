//! Job-family recommendations from scored results.

use assess_core::{Catalog, Error, Recommendations};
use wasm_bindgen::prelude::*;

use crate::catalog::WasmCatalog;
use crate::convert::{json_to_js, options_from, to_js_error, to_json};
use crate::instrument::Scored;
use crate::options::RecommendOptions;

/// One person's scored results to recommend from: an interest result, and
/// optionally aptitude and readiness results that adjust the ranking and
/// the explanations. The core's `PersonResults` holds them and its rules
/// put them together.
#[wasm_bindgen(js_name = Results)]
pub struct PersonResults(assess_core::PersonResults<Scored>);

#[wasm_bindgen(js_class = Results)]
impl PersonResults {
    /// Results starting from a scored interest instrument.
    ///
    /// Throws an `AssessError` when `interest` carries no RIASEC profile.
    #[wasm_bindgen(constructor)]
    pub fn new(interest: &Scored) -> Result<PersonResults, JsValue> {
        PersonResults::from_interest(interest).map_err(|e| to_js_error(&e))
    }
    /// Adds aptitude or readiness results (by the instrument's kind; a
    /// second result of the same kind replaces the first). Throws an
    /// `AssessError` for another interest result.
    pub fn add(&mut self, scored: &Scored) -> Result<(), JsValue> {
        self.add_native(scored).map_err(|e| to_js_error(&e))
    }
}

impl PersonResults {
    /// Results from an interest result.
    ///
    /// # Errors
    ///
    /// A `missing_key` problem when `interest` carries no RIASEC profile.
    pub fn from_interest(interest: &Scored) -> Result<PersonResults, Error> {
        assess_core::PersonResults::new(interest.clone()).map(PersonResults)
    }
    /// Adds aptitude or readiness results.
    ///
    /// # Errors
    ///
    /// An `invalid_value` problem for an interest result.
    pub fn add_native(&mut self, scored: &Scored) -> Result<(), Error> {
        self.0.add(scored.clone())
    }
}

/// The ranked job families for a person, best first, each explained, with
/// training routes. `results` is a scored interest instrument or a
/// `Results` that also holds aptitude and readiness results.
///
/// Throws an `AssessError` when the options are invalid (`kind`
/// `language` for a language the catalogue does not have) or the result
/// has no RIASEC profile.
#[wasm_bindgen(unchecked_return_type = "Recommendations")]
pub fn recommend(
    catalog: &WasmCatalog,
    results: &PersonResults,
    #[wasm_bindgen(unchecked_param_type = "RecommendOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let o = recommend_options(catalog, options)?;
    json_to_js(&recommend_native(&catalog.inner, results, &o))
}

/// As `recommend`, as the engine's JSON text (byte-identical to native).
#[wasm_bindgen(js_name = recommendJson)]
pub fn recommend_json(
    catalog: &WasmCatalog,
    results: &PersonResults,
    #[wasm_bindgen(unchecked_param_type = "RecommendOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let o = recommend_options(catalog, options)?;
    to_json(&recommend_native(&catalog.inner, results, &o)).map_err(|e| to_js_error(&e))
}

/// The options, with a language the catalogue has.
fn recommend_options(
    catalog: &WasmCatalog,
    options: Option<JsValue>,
) -> Result<RecommendOptions, JsValue> {
    let o: RecommendOptions = options_from(&options.unwrap_or(JsValue::UNDEFINED))?;
    if let Some(lang) = &o.language {
        catalog
            .inner
            .check_language(lang, "options.language")
            .map_err(|e| to_js_error(&e))?;
    }
    Ok(o)
}

/// The binding's logic for `recommend`, free of JavaScript types.
pub fn recommend_native(
    catalog: &Catalog,
    results: &PersonResults,
    options: &RecommendOptions,
) -> Recommendations {
    results.0.recommend(catalog, &options.to_core())
}
