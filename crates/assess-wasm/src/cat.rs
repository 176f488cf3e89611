//! Adaptive testing from JavaScript: a `CatBank` built once from a loaded
//! `Instrument`, and a stateless `start`/`step` pair that take and return
//! plain objects (typed `CatConfig`, `CatSession`, `StepOutcome`; the
//! declarations are in `cat_types.rs`), read and written as the core's
//! JSON, so a session carries the same values as the native engine's (the
//! parity tests compare them). All rules live in `assess_core::cat`.
//!
//! ```js
//! import init, { loadInstrument, CatBank } from "assess-wasm";
//! await init();
//! const inst = loadInstrument(tomlText);            // the aptitude battery
//! const bank = new CatBank(inst);                    // throws if no IRT parameters
//! let out = bank.start({ max_items: 15, target_se: 0.35,
//!   exposure: { method: "randomesque", candidates: 3 }, content: { method: "equal" } }, 12345);
//! while (out.next) {
//!   const answer = await ask(out.next.id);           // your UI: "A" … "D", or "skipped"
//!   // Store JSON.stringify(out.session) anywhere (localStorage, a server) and resume later.
//!   out = bank.step(out.session, answer);
//! }
//! console.log(out.estimate.theta, out.estimate.se, out.stop);
//! ```

use assess_core::cat::{ItemBank, start_json, step_json};
use wasm_bindgen::prelude::*;

use crate::convert::stringify;
use crate::{WasmInstrument, to_js_error};

/// The calibrated items of an instrument, ready for adaptive sessions.
#[wasm_bindgen(js_name = CatBank)]
pub struct WasmCatBank {
    inner: ItemBank,
}

#[wasm_bindgen(js_class = CatBank)]
impl WasmCatBank {
    /// `new CatBank(instrument)`: the items of a loaded `Instrument` that
    /// have IRT parameters, with its `[irt]` grid, prior, estimator and
    /// extreme-pattern policy.
    ///
    /// Throws an `AssessError` (`kind` `missing_key`, `path` `irt` or
    /// `items`) when the instrument has no IRT parameters.
    #[wasm_bindgen(constructor)]
    pub fn new(instrument: &WasmInstrument) -> Result<WasmCatBank, JsValue> {
        ItemBank::from_instrument(&instrument.inner)
            .map(|inner| WasmCatBank { inner })
            .map_err(|e| to_js_error(&e))
    }

    /// Number of items in the bank.
    #[wasm_bindgen(getter, js_name = itemCount)]
    pub fn item_count(&self) -> usize {
        self.inner.items().len()
    }

    /// `bank.start(config, seed) → StepOutcome`.
    ///
    /// `config`: a `CatConfig` (`{}` or `undefined` for the defaults):
    /// `estimator` `"eap"|"map"|"ml"|"wle"`, `min_items` (5), `max_items`
    /// (20), `target_se` (0.3; `null` for none), `start_theta`, `exposure`
    /// `{method: "none"}` | `{method: "randomesque", candidates}` |
    /// `{method: "sympson_hetter", rates: {L01: 0.5}}`, `content`
    /// `{method: "none"}` | `{method: "equal"}` | `{method: "targets",
    /// shares: {numerik: 2, verbal: 1}}`. `seed`: a whole number from 0 to
    /// 2^53 − 1 chosen by the caller; the same seed and answers give the
    /// same session.
    ///
    /// Returns `{session, estimate, next, stop}`: `session` is the state to
    /// keep and pass to `step`; `estimate` is `{theta, se, estimator,
    /// requested, fallback?, clamped?}`; `next` is `{index, id}` of the item
    /// to present (its id is the instrument's item id), or `null` when the
    /// test stopped; `stop` is `null` or `"se_reached"`, `"max_items"`,
    /// `"bank_exhausted"`. Throws an `AssessError` for a bad configuration
    /// (`path` such as `config.max_items`).
    #[wasm_bindgen(unchecked_return_type = "StepOutcome")]
    pub fn start(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CatConfig | undefined")] config: JsValue,
        seed: f64,
    ) -> Result<JsValue, JsValue> {
        let config = if config.is_undefined() {
            "{}".to_owned()
        } else {
            stringify(&config)?
        };
        let seed = seed_from_js(seed)?;
        let outcome = start_json(&self.inner, &config, seed).map_err(|e| to_js_error(&e))?;
        js_sys::JSON::parse(&outcome)
    }

    /// `bank.step(session, answer) → StepOutcome`.
    ///
    /// `session`: the `session` of the last outcome (as returned, or parsed
    /// back from stored JSON). `answer`: the answer to `next` — an option
    /// key (`"B"`), a number for Likert/binary items (`3`), or `"skipped"`
    /// / `null` for a skipped item (it counts towards the length, not the
    /// estimate). Returns the same shape as `start`. Throws an
    /// `AssessError` when the session belongs to another instrument version
    /// (`path` `session.bank`), has stopped, or the answer does not fit the
    /// item (`path` `answers.<item id>`).
    #[wasm_bindgen(unchecked_return_type = "StepOutcome")]
    pub fn step(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CatSession")] session: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CatAnswer")] answer: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (session, answer) = (stringify(&session)?, stringify(&answer)?);
        let outcome = step_json(&self.inner, &session, &answer).map_err(|e| to_js_error(&e))?;
        js_sys::JSON::parse(&outcome)
    }

    /// `bank.informationCurve() → InformationPoint[]`: `{theta,
    /// information, se}` at each point of the instrument's quadrature
    /// grid: the whole bank's test information and SE, for staff's reports
    /// (the node and staff builds: the `analysis` feature).
    #[cfg(feature = "analysis")]
    #[wasm_bindgen(js_name = informationCurve, unchecked_return_type = "InformationPoint[]")]
    pub fn information_curve(&self) -> Result<JsValue, JsValue> {
        crate::convert::json_to_js(&self.inner.information_curve())
    }
}

/// A JavaScript number as a seed: a whole number in [0, 2^53).
fn seed_from_js(seed: f64) -> Result<u64, JsValue> {
    const MAX: f64 = 9_007_199_254_740_991.0;
    if (0.0..=MAX).contains(&seed) && seed.fract() == 0.0 {
        // Whole, non-negative and below 2^53: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(seed as u64)
    } else {
        Err(to_js_error(&assess_core::Error::single(
            assess_core::Problem::new(
                assess_core::ProblemKind::InvalidValue,
                "seed",
                format!(
                    "expected a whole number from 0 to 2^53 − 1, found {}",
                    assess_text::num::Num(seed)
                ),
            ),
        )))
    }
}
