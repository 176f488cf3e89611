//! Crossing the boundary: errors as JavaScript `Error` objects, values as
//! the core's JSON, arguments as objects or JSON text.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use assess_core::{Error, Problem, ProblemKind};

/// The core's JSON of `value`: the bytes every platform agrees on.
///
/// # Errors
///
/// Only if serialisation fails (it does not for the core's types).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    assess_text::json::to_string(value).map_err(|e| {
        Error::single(Problem::new(
            ProblemKind::InvalidValue,
            "",
            format!("cannot serialise the result: {e}"),
        ))
    })
}

/// `value` as a plain JavaScript object, parsed from the core's JSON.
///
/// # Errors
///
/// A JavaScript `Error` if serialisation fails.
pub fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let json = to_json(value).map_err(|e| to_js_error(&e))?;
    js_sys::JSON::parse(&json)
}

/// The problems of a validation as an array of plain objects (empty when
/// valid).
pub(crate) fn problems_js<T>(result: &Result<T, Error>) -> JsValue {
    js_sys::JSON::parse(&problems_json(result)).unwrap_or(JsValue::NULL)
}

/// The getters every loaded file shares (instruments and catalogues):
/// `id`, `version`, `hash`, `status` and `title(lang)`, read from the core
/// value in the `inner` field.
macro_rules! file_getters {
    ($ty:ty, $js:literal) => {
        #[wasm_bindgen::prelude::wasm_bindgen(js_class = $js)]
        impl $ty {
            /// Identifier.
            #[wasm_bindgen(getter)]
            pub fn id(&self) -> String {
                self.inner.id().to_owned()
            }
            /// Version.
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
            #[wasm_bindgen(getter, unchecked_return_type = "Status")]
            pub fn status(&self) -> String {
                self.inner.status().as_str().to_owned()
            }
            /// Title in `lang` (falling back to `id`, then `en`).
            pub fn title(&self, lang: &str) -> String {
                self.inner.title().get(lang).to_owned()
            }
        }
    };
}
pub(crate) use file_getters;

/// The problems of a validation as a JSON array (empty when valid).
pub fn problems_json<T>(result: &Result<T, Error>) -> String {
    match result {
        Ok(_) => "[]".to_owned(),
        Err(e) => to_json(e.problems()).unwrap_or_else(|_| "[]".to_owned()),
    }
}

/// An argument given as JSON text or as a JavaScript object, as JSON text.
pub(crate) fn arg_json(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| to_js_error(&invalid_argument("a JSON-serialisable object or JSON text")))
}

/// An optional options object (`undefined`/`null` give the defaults).
pub(crate) fn options_from<T: assess_text::json::FromJson + Default>(
    value: &JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let json = arg_json(value)?;
    assess_text::json::read(&json, "options").map_err(|e| to_js_error(&e))
}

fn invalid_argument(expected: &str) -> Error {
    Error::single(Problem::new(
        ProblemKind::InvalidType,
        "",
        format!("invalid argument; expected {expected}"),
    ))
}

/// The core's error as a JavaScript `Error` named `AssessError` with
/// `kind`, `path`, `line` and `column` of the first problem (`null` when
/// unknown) and `problems`, all of them as plain objects.
pub fn to_js_error(e: &Error) -> JsValue {
    let first = e.first();
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("AssessError");
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    set("kind", JsValue::from_str(first.kind().as_str()));
    set("path", JsValue::from_str(first.path()));
    set("line", number(first.line()));
    set("column", number(first.column()));
    let problems = to_json(e.problems()).unwrap_or_else(|_| "[]".to_owned());
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
        assert_eq!(
            problems_json(&assess_core::Instrument::from_toml(text)),
            "[]"
        );
        let broken = text.replace("scale = \"R\"", "scale = \"Q\"");
        let json = problems_json(&assess_core::Instrument::from_toml(&broken));
        assert!(
            json.starts_with("[{\"kind\":\"unknown_reference\",\"message\":\"unknown scale `Q`")
        );
        assert!(json.contains("\"path\":\"items[0].scale\""));
        assert!(json.contains("\"line\":"));
    }

    #[test]
    fn score_to_json_is_the_cores_report_json() {
        let text = include_str!("../../../tests/fixtures/valid/mini.toml");
        let inst = assess_core::Instrument::from_toml(text).unwrap();
        let set = r#"{"respondent_id": "a1",
            "answers": {"R1": 5, "R2": 4, "R3": 2, "S1": 3, "S2": 2, "S3": 4}}"#;
        let report = assess_core::score(
            &inst,
            &assess_core::ResponseSet::from_json(set).unwrap(),
            &assess_core::ScoreOptions::new().language("en"),
        )
        .unwrap();
        assert_eq!(
            crate::score_to_json(&inst, set, "en", "reject").unwrap(),
            serde_json::to_string(&report).unwrap()
        );
        let bad = crate::score_to_json(
            &inst,
            r#"{"respondent_id": "a1", "answers": {"R1": 9}}"#,
            "en",
            "reject",
        )
        .unwrap_err();
        assert_eq!(bad.first().path(), "answers.R1");
        // A policy the engine does not know is an error, not `reject`.
        let policy = crate::score_to_json(&inst, set, "en", "lenient").unwrap_err();
        assert_eq!(
            (
                policy.kind(),
                policy.first().path(),
                policy.first().message()
            ),
            (
                assess_core::ProblemKind::InvalidValue,
                "policy",
                "unknown variant `lenient`, expected `reject` or `warn`"
            )
        );
        assert!(crate::score_to_json(&inst, set, "en", "warn").is_ok());
    }
}
