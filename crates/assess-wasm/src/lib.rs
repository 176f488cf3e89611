//! WebAssembly bindings of `assess-core` for the E-Makaryo front end.
//!
//! Every exported function is a few lines that hand off to the core; no rule
//! of scoring lives here. Errors cross the boundary as real JavaScript
//! `Error` objects carrying `kind`, `path`, `line`, `column` (of the first
//! problem) and `problems` (all of them).

#![deny(missing_docs)]

mod cat;

use assess_core::Instrument;
use wasm_bindgen::prelude::*;

/// A validated instrument held on the WebAssembly side.
#[wasm_bindgen(js_name = Instrument)]
pub struct WasmInstrument {
    inner: Instrument,
}

#[wasm_bindgen(js_class = Instrument)]
impl WasmInstrument {
    /// Identifier.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }
    /// Semantic version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }
    /// Content hash, `sha256:<hex>`.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.inner.hash().to_owned()
    }
    /// Status: `draft`, `provisional` or `validated`.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> String {
        self.inner.status().as_str().to_owned()
    }
    /// Number of items.
    #[wasm_bindgen(getter, js_name = itemCount)]
    pub fn item_count(&self) -> usize {
        self.inner.items().len()
    }
    /// Title in `lang` (falling back to `id`, then `en`).
    pub fn title(&self, lang: &str) -> String {
        self.inner.title().get(lang).to_owned()
    }

    /// Checks and scores one response set (JSON text) and returns the
    /// Report as JSON text, byte-identical to the native engine's.
    ///
    /// `policy` is `"reject"` (any bad answer throws) or `"warn"` (bad
    /// answers become warnings). Throws an `Error` with `kind`, `path`,
    /// `line`, `column` and `problems`.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, responses: &str, lang: &str, policy: &str) -> Result<String, JsValue> {
        score_to_json(&self.inner, responses, lang, policy).map_err(|e| to_js_error(&e))
    }
}

/// Scores `responses` (JSON) on `instrument` and serialises the Report: the
/// binding's whole logic, kept free of JavaScript types so native tests can
/// run it.
pub fn score_to_json(
    instrument: &Instrument,
    responses: &str,
    lang: &str,
    policy: &str,
) -> Result<String, assess_core::Error> {
    let policy = match policy {
        "warn" => assess_core::Policy::Warn,
        _ => assess_core::Policy::Reject,
    };
    let set = assess_core::ResponseSet::from_json(responses)?;
    let options = assess_core::ScoreOptions::new()
        .language(lang)
        .policy(policy);
    let report = assess_core::score(instrument, &set, &options)?;
    serde_json::to_string(&report).map_err(|e| {
        assess_core::Error::single(assess_core::Problem::new(
            assess_core::ProblemKind::InvalidValue,
            "",
            format!("cannot serialise the report: {e}"),
        ))
    })
}

/// Parses and validates an instrument from TOML text.
///
/// Throws an `Error` with `kind`, `path`, `line`, `column` and `problems`
/// when the text is not a valid instrument.
#[wasm_bindgen(js_name = loadInstrument)]
pub fn load_instrument(toml: &str) -> Result<WasmInstrument, JsValue> {
    Instrument::from_toml(toml)
        .map(|inner| WasmInstrument { inner })
        .map_err(|e| to_js_error(&e))
}

/// Validates instrument text for authoring tools: returns the list of
/// problems as JSON text (`[]` when the file is valid).
#[wasm_bindgen(js_name = validateInstrument)]
pub fn validate_instrument(toml: &str) -> String {
    problems_json(toml)
}

/// The problems of `toml` as a JSON array (empty when valid).
pub fn problems_json(toml: &str) -> String {
    match Instrument::from_toml(toml) {
        Ok(_) => "[]".to_owned(),
        Err(e) => serde_json::to_string(e.problems()).unwrap_or_else(|_| "[]".to_owned()),
    }
}

fn to_js_error(e: &assess_core::Error) -> JsValue {
    let first = e.first();
    let err = js_sys::Error::new(&e.to_string());
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("name", JsValue::from_str("AssessError"));
    set("kind", JsValue::from_str(first.kind().as_str()));
    set("path", JsValue::from_str(first.path()));
    set(
        "line",
        first
            .line()
            .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
    );
    set(
        "column",
        first
            .column()
            .map_or(JsValue::NULL, |c| JsValue::from_f64(c as f64)),
    );
    let problems = serde_json::to_string(e.problems()).unwrap_or_else(|_| "[]".to_owned());
    set(
        "problems",
        js_sys::JSON::parse(&problems).unwrap_or(JsValue::NULL),
    );
    err.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_json_lists_located_problems() {
        let text = include_str!("../../../tests/fixtures/valid/mini.toml");
        assert_eq!(problems_json(text), "[]");
        let broken = text.replace("scale = \"R\"", "scale = \"Q\"");
        let json = problems_json(&broken);
        assert!(
            json.starts_with("[{\"kind\":\"unknown_reference\",\"message\":\"unknown scale `Q`")
        );
        assert!(json.contains("\"path\":\"items[0].scale\""));
        assert!(json.contains("\"line\":"));
    }
}
