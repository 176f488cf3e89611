//! Domain scores after an adaptive test, from JavaScript: each scale's
//! expected score at the overall ability estimate, with its band, as
//! `assess_core::expected_domain_scores` gives them (Bock, Thissen &
//! Zimowski 1997; `docs/irt.md`, "Domain scores after an adaptive test").
//!
//! ```js
//! import init, { loadInstrument, CatBank, expectedDomainScores } from "assess-wasm";
//! await init();
//! const inst = loadInstrument(aptitudeToml);
//! // … an adaptive test with `new CatBank(inst)`, ending in `out.estimate` …
//! const domains = expectedDomainScores(inst, out.estimate.theta, out.estimate.se, "id");
//! for (const d of domains) console.log(d.name, d.pomp, d.band?.label, d.band?.next_step);
//! ```

use wasm_bindgen::prelude::*;

use crate::{WasmInstrument, json_to_js, to_js_error};

/// `expectedDomainScores(instrument, theta, se, language) → DomainScore[]`:
/// every scale's expected score at `theta` (a whole test's ability
/// estimate, with its standard error `se`), in instrument order.
///
/// Each has `status` (`"expected"` or `"not_expected"` with a `reason`),
/// `basis` (the sentence saying it is expected from the overall ability,
/// not measured part by part), `expected` (on the scale's metric), `pomp`
/// (0–100), `interval` (`{theta_lower, theta_upper, lower, upper,
/// pomp_lower, pomp_upper}`, at θ ∓ 1.96·SE), `band` (the band's `id`,
/// `label`, `interpretation` and `next_step` in `language`, as a report
/// gives them), `bands` (the bands the interval touches) and
/// `band_certain`. Throws an `AssessError` with `path` `theta` or `se`
/// for a value that is not a finite number (θ within ±100, SE ≥ 0), and
/// `path` `language` for a language the instrument does not have.
#[wasm_bindgen(js_name = expectedDomainScores, unchecked_return_type = "DomainScore[]")]
pub fn expected_domain_scores(
    instrument: &WasmInstrument,
    theta: f64,
    se: f64,
    language: &str,
) -> Result<JsValue, JsValue> {
    let scores = assess_core::expected_domain_scores(&instrument.inner, theta, se, language)
        .map_err(|e| to_js_error(&e))?;
    json_to_js(&scores)
}
