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
            /// Title in `lang`. Throws an `AssessError` (`kind`
            /// `language`) for a language the file does not have.
            pub fn title(&self, lang: &str) -> Result<String, wasm_bindgen::JsValue> {
                self.inner
                    .check_language(lang, "lang")
                    .map_err(|e| $crate::convert::to_js_error(&e))?;
                Ok(self.inner.title().get(lang).to_owned())
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
    stringify(value)
}

/// `JSON.stringify(value)`: what the typed functions hand to the core's
/// JSON readers. `undefined`, functions and cyclic objects are an error.
pub(crate) fn stringify(value: &JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| to_js_error(&invalid_argument("a JSON-serialisable value")))
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

// The class of every error this package throws: a subclass of `Error`, so
// `e instanceof AssessError` and `e instanceof Error` both hold. Defined
// in JavaScript (wasm-bindgen puts it in `snippets/`), and exported from
// each build's entry module by scripts/build-wasm; declared in options.rs.
#[wasm_bindgen(inline_js = "export class AssessError extends Error {
  constructor(message, kind, path, line, column, problems) {
    super(message);
    this.name = 'AssessError';
    this.kind = kind;
    this.path = path;
    this.line = line ?? null;
    this.column = column ?? null;
    this.problems = JSON.parse(problems);
  }
}
")]
extern "C" {
    #[wasm_bindgen(js_name = AssessError)]
    type JsAssessError;
    #[wasm_bindgen(constructor, js_class = "AssessError")]
    fn new(
        message: &str,
        kind: &str,
        path: &str,
        line: Option<u32>,
        column: Option<u32>,
        problems_json: &str,
    ) -> JsAssessError;
}

/// The core's error as an `AssessError` (a subclass of JavaScript's
/// `Error`) with `kind`, `path`, `line` and `column` of the first problem
/// (`null` when unknown) and `problems`, all of them as plain objects.
pub fn to_js_error(e: &Error) -> JsValue {
    let first = e.first();
    // Lines and columns of text the engine accepts fit 32 bits.
    #[allow(clippy::cast_possible_truncation)]
    let number = |n: Option<usize>| n.map(|n| n as u32);
    let problems = to_json(e.problems()).unwrap_or_else(|_| "[]".to_owned());
    JsAssessError::new(
        &e.to_string(),
        first.kind().as_str(),
        first.path(),
        number(first.line()),
        number(first.column()),
        &problems,
    )
    .into()
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

    fn mini() -> assess_core::Instrument {
        assess_core::Instrument::from_toml(include_str!("../../../tests/fixtures/valid/mini.toml"))
            .unwrap()
    }

    /// Checking knows items, not positions in the text: the binding
    /// locates each answer's problem at the value in the JSON text.
    #[test]
    fn a_likert_answer_of_the_wrong_type_is_located_in_the_json_text() {
        let set = "{\"respondent_id\": \"a1\",\n  \"answers\": {\"R1\": 5,\n    \"R2\": \"lima\", \"R3\": 9}}";
        let e = crate::score_to_json(&mini(), set, "en", "reject").unwrap_err();
        let at = |p: &Problem| (p.kind(), p.path().to_owned(), p.line(), p.column());
        assert_eq!(
            e.problems().iter().map(at).collect::<Vec<_>>(),
            [
                (
                    ProblemKind::WrongAnswerType,
                    "answers.R2".to_owned(),
                    Some(3),
                    Some(11)
                ),
                (
                    ProblemKind::OutOfRange,
                    "answers.R3".to_owned(),
                    Some(3),
                    Some(25)
                ),
            ]
        );
        let set = assess_core::ResponseSet::from_json(set).unwrap();
        let text = "{\"respondent_id\":\"a1\",\"answers\":{\"R1\":5,\"R2\":\"lima\"}}";
        let problems = crate::check_to_problems(&mini(), text, &set).unwrap();
        assert_eq!(
            (problems[0].line(), problems[0].column()),
            (Some(1), Some(46))
        );
    }

    #[test]
    fn an_empty_answer_set_is_a_problem_of_check() {
        let text = r#"{"respondent_id": "a", "answers": {}}"#;
        let set = assess_core::ResponseSet::from_json(text).unwrap();
        let problems = crate::check_to_problems(&mini(), text, &set).unwrap();
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(
            (p.kind(), p.path(), p.line(), p.column()),
            (ProblemKind::Empty, "answers", Some(1), Some(35))
        );
        assert_eq!(
            p.message(),
            "the response set has no answers; expected at least one item answered or skipped"
        );
        // Without an `answers` key: the problem, unlocated.
        let text = r#"{"respondent_id": "a"}"#;
        let set = assess_core::ResponseSet::from_json(text).unwrap();
        let problems = crate::check_to_problems(&mini(), text, &set).unwrap();
        assert_eq!(
            (problems[0].kind(), problems[0].line()),
            (ProblemKind::Empty, None)
        );
    }

    #[test]
    fn an_unknown_language_is_an_error() {
        let set = r#"{"respondent_id": "a1", "answers": {"R1": 5}}"#;
        let e = crate::score_to_json(&mini(), set, "fr", "warn").unwrap_err();
        assert_eq!(
            (e.kind(), e.first().path(), e.first().message()),
            (
                ProblemKind::Language,
                "lang",
                "`mini-minat` has no language `fr`; expected `en`, `id`"
            )
        );
    }
}
