//! Instrument analysis from collected responses: reliability, item
//! statistics, distractors and DIF. All rules live in
//! `assess_core::analysis`.

use assess_core::analysis::analyze_json;
use wasm_bindgen::prelude::*;

use crate::{WasmInstrument, to_js_error};

/// `analyzeJson(instrument, responsesJson, group, optionsJson) → analysisJson`.
///
/// `responsesJson`: a JSON array of response sets (`{respondent_id,
/// answers, metadata?}`); `group`: the metadata key whose values are
/// compared for DIF (`"gender"`, `"disability"`, `"district"`), or `null`
/// for none; `optionsJson`: `"{}"` or any of `{"missing": "pairwise" |
/// "listwise", "ci_level", "min_group", "reference", "rest_as_focal",
/// "thresholds"}` (see `docs/analysis.md`). Returns the analysis as JSON
/// text, byte-identical to the native engine's (`assess analyze -o`).
/// Throws an `AssessError` with `kind`, `path`, `line`, `column` and
/// `problems` for malformed JSON, unknown option keys, an unknown grouping
/// column or too few respondents per group.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze(
    instrument: &WasmInstrument,
    responses_json: &str,
    group: Option<String>,
    options_json: &str,
) -> Result<String, JsValue> {
    analyze_json(
        &instrument.inner,
        responses_json,
        group.as_deref(),
        options_json,
    )
    .map_err(|e| to_js_error(&e))
}
