//! Instruments: load, describe, render, check and score.

use std::ops::Range;
use std::rc::Rc;

use assess_core::{
    Error, Instrument, Problem, ProblemKind, Report, ResponseSet, RiasecProfile, check, score,
};
use assess_text::json::{Node, Value};
use wasm_bindgen::prelude::*;

use crate::convert::{
    arg_json, file_getters, json_to_js, options_from, problems_js, to_js_error, to_json,
};
use crate::options::{ItemOptions, ScoreOptions};

/// A validated instrument held on the WebAssembly side.
#[wasm_bindgen(js_name = Instrument)]
pub struct WasmInstrument {
    pub(crate) inner: Rc<Instrument>,
}

/// Parses and validates an instrument from TOML text.
///
/// Throws an `AssessError` listing every problem, located by key path,
/// line and column, when the text is not a valid instrument.
#[wasm_bindgen(js_name = loadInstrument)]
pub fn load_instrument(toml: &str) -> Result<WasmInstrument, JsValue> {
    Instrument::from_toml(toml)
        .map(|inner| WasmInstrument {
            inner: Rc::new(inner),
        })
        .map_err(|e| to_js_error(&e))
}

/// Validates instrument text for authoring tools: every problem, located
/// (an empty array when the file is valid). Never throws.
#[wasm_bindgen(js_name = validateInstrument, unchecked_return_type = "Problem[]")]
pub fn validate_instrument(toml: &str) -> JsValue {
    problems_js(&Instrument::from_toml(toml))
}

file_getters!(WasmInstrument, "Instrument");

#[wasm_bindgen(js_class = Instrument)]
impl WasmInstrument {
    /// Number of items of the full form.
    #[wasm_bindgen(getter, js_name = itemCount)]
    pub fn item_count(&self) -> usize {
        self.inner.items().len()
    }
    /// Metadata in `lang`: title, description, instructions, status and
    /// its source, licence, scales and forms. Throws an `AssessError`
    /// (`kind` `language`) when the instrument has no language `lang`.
    #[wasm_bindgen(unchecked_return_type = "InstrumentInfo")]
    pub fn info(&self, lang: &str) -> Result<JsValue, JsValue> {
        self.check_language(lang, "lang")?;
        json_to_js(&self.inner.info(lang))
    }
    /// The items of a form in `lang`, ready to render, in presentation
    /// order (a seeded shuffle when `options.seed` is given). Answer keys
    /// and option scores are never included. Throws an `AssessError`
    /// (`kind` `language`) when the instrument has no language `lang`.
    #[wasm_bindgen(unchecked_return_type = "ItemView[]")]
    pub fn items(
        &self,
        lang: &str,
        #[wasm_bindgen(unchecked_param_type = "ItemOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.check_language(lang, "lang")?;
        let o: ItemOptions = options_from(&options.unwrap_or(JsValue::UNDEFINED))?;
        let views = self
            .inner
            .item_views(lang, o.form.as_deref(), o.seed)
            .map_err(|e| to_js_error(&e))?;
        json_to_js(&views)
    }
    /// Checks a response set (object or JSON text) without scoring it:
    /// every problem, each naming its item and located in the JSON text
    /// (an empty array when all is well). A set without any answer is a
    /// problem too (`kind` `empty`, `path` `answers`). Throws an
    /// `AssessError` only when the set cannot be read or names an unknown
    /// form.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ResponseSet | string")] responses: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (text, set) = read_set(&responses, None)?;
        check_to_problems(&self.inner, &text, &set)
            .map_or_else(|e| Err(to_js_error(&e)), |problems| json_to_js(&problems))
    }
    /// Checks and scores a response set (object or JSON text). The result
    /// holds the report as an object and as the engine's JSON text.
    ///
    /// Throws an `AssessError` listing every problem under the `reject`
    /// policy (the default), each located in the JSON text; under `warn`
    /// they become the report's warnings. `options.language` must be one
    /// of the instrument's languages (`kind` `language` otherwise).
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ResponseSet | string")] responses: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoreOptions")] options: Option<JsValue>,
    ) -> Result<Scored, JsValue> {
        let o: ScoreOptions = options_from(&options.unwrap_or(JsValue::UNDEFINED))?;
        if let Some(lang) = &o.language {
            self.check_language(lang, "options.language")?;
        }
        let (text, set) = read_set(&responses, o.form.as_deref())?;
        let report =
            score(&self.inner, &set, &o.to_core()).map_err(|e| to_js_error(&located(e, &text)))?;
        let json = to_json(&report).map_err(|e| to_js_error(&e))?;
        Ok(Scored {
            instrument: Rc::clone(&self.inner),
            report: Rc::new(report),
            json: json.into(),
        })
    }
    /// Checks and scores one response set (JSON text) and returns the
    /// Report as JSON text, byte-identical to the native engine's.
    ///
    /// `policy` is `"reject"` (any bad answer throws) or `"warn"` (bad
    /// answers become warnings).
    #[cfg(feature = "analysis")]
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, responses: &str, lang: &str, policy: &str) -> Result<String, JsValue> {
        score_to_json(&self.inner, responses, lang, policy).map_err(|e| to_js_error(&e))
    }
}

impl WasmInstrument {
    fn check_language(&self, lang: &str, path: &str) -> Result<(), JsValue> {
        self.inner
            .check_language(lang, path)
            .map_err(|e| to_js_error(&e))
    }
}

/// A response set from an object or JSON text, with `form` filled in when
/// the set does not name one; and its JSON text, to locate problems in.
fn read_set(responses: &JsValue, form: Option<&str>) -> Result<(String, ResponseSet), JsValue> {
    let text = arg_json(responses)?;
    let mut set = ResponseSet::from_json(&text).map_err(|e| to_js_error(&e))?;
    if let (Some(f), None) = (form, &set.form) {
        set.form = Some(f.to_owned());
    }
    Ok((text, set))
}

/// The binding's logic for `check`: the problems of `set` (read from
/// `text`), located, with a set that has no answer at all reported first.
///
/// # Errors
///
/// The core's error for an unknown form.
pub fn check_to_problems(
    instrument: &Instrument,
    text: &str,
    set: &ResponseSet,
) -> Result<Vec<Problem>, Error> {
    let checked =
        check(instrument, set, assess_core::Policy::Warn).map_err(|e| located(e, text))?;
    let mut problems = checked.problems().to_vec();
    if set.answers.is_empty() {
        problems.insert(
            0,
            Problem::new(
                ProblemKind::Empty,
                "answers",
                "the response set has no answers; expected at least one item answered or skipped",
            ),
        );
    }
    if problems.is_empty() {
        return Ok(problems);
    }
    Ok(located(Error::new(problems), text).problems().to_vec())
}

/// `e` with its problems about the set's values (key paths `answers.<item>`,
/// `seconds.<item>`, `form`, `answers`) located in the JSON text they were
/// read from: the line and column where the value starts. Checking knows
/// items, not text positions; the text is here.
fn located(e: Error, text: &str) -> Error {
    if e.problems().iter().all(|p| p.span().is_some()) {
        return e;
    }
    let Ok(root) = assess_text::json::parse(text) else {
        return e;
    };
    let problems = e
        .problems()
        .iter()
        .map(|p| match p.span() {
            Some(_) => p.clone(),
            None => {
                let repeated = p.kind() == ProblemKind::DuplicateAnswer;
                p.clone().with_span(span_of(&root, p.path(), repeated))
            }
        })
        .collect();
    Error::new(problems).located(text)
}

/// The span of the value at `path` (`key` or `key.entry`) under the root
/// object; for a repeated entry, its last occurrence when `last`.
fn span_of(root: &Node<'_>, path: &str, last: bool) -> Option<Range<usize>> {
    let (head, entry) = match path.split_once('.') {
        Some((h, e)) => (h, Some(e)),
        None => (path, None),
    };
    let node = root.get(head)?;
    let Some(entry) = entry else {
        return Some(node.span());
    };
    let Value::Object(entries) = node.value() else {
        return None;
    };
    let mut found = entries.iter().filter(|(k, _)| k.text == entry);
    let hit = if last {
        found.next_back()
    } else {
        found.next()
    };
    hit.map(|(_, v)| v.span())
}

impl assess_core::Scored for Scored {
    fn instrument(&self) -> &Instrument {
        &self.instrument
    }
    fn report(&self) -> &Report {
        &self.report
    }
}

/// Scores `responses` (JSON) on `instrument` and serialises the Report: the
/// binding's whole logic for `scoreJson`, kept free of JavaScript types so
/// native tests can run it.
///
/// # Errors
///
/// The core's error when the responses cannot be read or are rejected.
pub fn score_to_json(
    instrument: &Instrument,
    responses: &str,
    lang: &str,
    policy: &str,
) -> Result<String, Error> {
    let policy = <assess_core::Policy as assess_core::Names>::parse_name(policy, "policy")?;
    instrument.check_language(lang, "lang")?;
    let set = ResponseSet::from_json(responses)?;
    let options = assess_core::ScoreOptions::new()
        .language(lang)
        .policy(policy);
    to_json(&score(instrument, &set, &options).map_err(|e| located(e, responses))?)
}

/// One respondent's scored results: the report as an object and as the
/// engine's JSON text, and the instrument it belongs to (for
/// `recommend`).
#[wasm_bindgen]
#[derive(Clone)]
pub struct Scored {
    pub(crate) instrument: Rc<Instrument>,
    pub(crate) report: Rc<Report>,
    json: Rc<str>,
}

impl Scored {
    /// The scored results of `report` on `instrument`, with the report's
    /// JSON text.
    ///
    /// # Errors
    ///
    /// Only if serialisation fails (it does not for the core's reports).
    #[cfg(feature = "pages")]
    pub(crate) fn new(instrument: Rc<Instrument>, report: Report) -> Result<Scored, Error> {
        let json = to_json(&report)?;
        Ok(Scored {
            instrument,
            report: Rc::new(report),
            json: json.into(),
        })
    }
}

#[wasm_bindgen]
impl Scored {
    /// Another handle on the same results (sharing them, not copying),
    /// which can be freed or handed on separately (the staff build's
    /// `renderReport` reads the handles it is given through it).
    #[cfg(feature = "pages")]
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_handle(&self) -> Scored {
        self.clone()
    }
    /// The report as a plain object.
    #[wasm_bindgen(getter, unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.json)
    }
    /// The report as JSON text: byte-identical to the native engine's.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.to_string()
    }
    /// The RIASEC profile, for an interest report (`undefined` otherwise).
    #[wasm_bindgen(getter, unchecked_return_type = "RiasecProfile | undefined")]
    pub fn profile(&self) -> Result<JsValue, JsValue> {
        self.report
            .riasec
            .as_ref()
            .map_or(Ok(JsValue::UNDEFINED), |p: &RiasecProfile| json_to_js(p))
    }
    /// Identifier of the instrument scored.
    #[wasm_bindgen(getter, js_name = instrumentId)]
    pub fn instrument_id(&self) -> String {
        self.instrument.id().to_owned()
    }
}
