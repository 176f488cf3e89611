//! The binding itself, compiled to WebAssembly and run by
//! `wasm-bindgen-test-runner` under Node:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p assess-wasm --target wasm32-unknown-unknown
//! ```
//!
//! Natively these tests compile to nothing (the binding needs a JavaScript
//! host).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::simulate::seeded_rng;
use assess_core::view::shuffled_order;
use assess_wasm::{
    PersonResults, load_catalog, load_instrument, recommend_json, validate_instrument,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RIASEC: &str = include_str!("../../../instruments/riasec.toml");
const CATALOG: &str = include_str!("../../../instruments/job-families.toml");

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("an object")
}

fn answers(value: u32) -> JsValue {
    let inst = assess_core::Instrument::from_toml(RIASEC).expect("valid");
    let mut json = String::from(r#"{"respondent_id":"w","answers":{"#);
    for (i, item) in inst.items().iter().enumerate() {
        let v = if item.id().starts_with('A') { 5 } else { value };
        json.push_str(&format!(
            "{}\"{}\":{v}",
            if i > 0 { "," } else { "" },
            item.id()
        ));
    }
    json.push_str("}}");
    JsValue::from_str(&json)
}

#[wasm_bindgen_test]
fn the_seeded_shuffle_is_the_same_as_on_64_bit_hosts() {
    // The same regression pin as the native test in assess-core's view.rs.
    assert_eq!(
        shuffled_order(8, &mut seeded_rng(42)),
        [2, 5, 7, 3, 6, 0, 4, 1]
    );
}

#[wasm_bindgen_test]
fn errors_are_error_objects_with_location_and_all_problems() {
    let broken = RIASEC
        .replace("scale = \"R\"", "scale = \"Q\"")
        .replace("points = 5", "points = 15");
    let Err(err) = load_instrument(&broken) else {
        panic!("a broken instrument loaded");
    };
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("AssessError")
    );
    assert!(get(&err, "kind").as_string().is_some());
    assert!(get(&err, "line").as_f64().is_some_and(|l| l >= 1.0));
    assert!(get(&err, "column").as_f64().is_some_and(|c| c >= 1.0));
    let problems: js_sys::Array = get(&err, "problems").dyn_into().expect("an array");
    assert!(problems.length() >= 2);
    let validated: js_sys::Array = validate_instrument(&broken).dyn_into().expect("an array");
    assert_eq!(validated.length(), problems.length());
    assert_eq!(
        js_sys::Array::from(&validate_instrument(RIASEC)).length(),
        0
    );
}

#[wasm_bindgen_test]
fn scoring_gives_the_report_as_object_and_as_the_engines_json() {
    let inst = load_instrument(RIASEC).expect("valid");
    let scored = inst.score(answers(2), None).expect("scored");
    let native = assess_wasm::score_to_json(
        &assess_core::Instrument::from_toml(RIASEC).expect("valid"),
        &answers(2).as_string().expect("text"),
        "id",
        "reject",
    )
    .expect("scored natively");
    // Both computed inside WebAssembly here; the Node and browser parity
    // tests compare with the native binary.
    assert_eq!(scored.json(), native);
    let report = scored.report().expect("an object");
    assert_eq!(
        get(&report, "respondent_id").as_string().as_deref(),
        Some("w")
    );
    let profile = scored.profile().expect("a profile");
    let code = get(&get(&profile, "holland"), "code")
        .as_string()
        .expect("a code");
    assert!(code.starts_with('A'), "{code}");
}

#[wasm_bindgen_test]
fn recommendations_refuse_results_without_a_profile() {
    let inst = load_instrument(RIASEC).expect("valid");
    let catalog = load_catalog(CATALOG).expect("valid");
    let scored = inst.score(answers(3), None).expect("scored");
    let results = PersonResults::new(&scored).expect("an interest result");
    let json = recommend_json(&catalog, &results, None).expect("recommendations");
    assert!(json.contains("\"index\":\"weighted_interest_fit\""));
    let aptitude =
        load_instrument(include_str!("../../../instruments/aptitude.toml")).expect("valid");
    let mut set = String::from(r#"{"respondent_id":"w","answers":{}}"#);
    set.shrink_to_fit();
    let apt = aptitude
        .score(
            JsValue::from_str(&set),
            Some(JsValue::from_str(r#"{"policy":"warn"}"#)),
        )
        .expect("scored with warnings");
    let Err(err) = PersonResults::new(&apt) else {
        panic!("aptitude results gave a profile");
    };
    assert_eq!(
        get(&err, "kind").as_string().as_deref(),
        Some("missing_key")
    );
}

/// Gender, disability, district and age never change a score or a
/// recommendation, through the binding as the front end calls it
/// (`Instrument.score`, `Results`, `recommendJson`): six response sets
/// with the same answers and different metadata (and none) give the same
/// report bytes once the metadata the report carries is taken out, and
/// the same recommendation bytes, those of the golden file
/// (`tests/recommend.rs` checks it natively). A seventh set, with one
/// answer changed, differs in both, so the comparison can fail.
#[wasm_bindgen_test]
fn metadata_changes_no_score_and_no_recommendation() {
    use serde_json::{Value, json};
    let sets: Vec<Value> = serde_json::from_str(include_str!(
        "../../../examples/responses/riasec-personas.json"
    ))
    .expect("personas");
    let answers = sets
        .iter()
        .find(|s| s["respondent_id"] == "banyumas-adi")
        .expect("Adi")["answers"]
        .clone();
    let mut changed = answers.clone();
    // R01: 5 (strongly likes it) becomes 1 (strongly dislikes it).
    assert_eq!(changed["R01"], json!(5.0));
    changed["R01"] = json!(1);
    let metadata = [
        None,
        Some(
            json!({"gender": "laki-laki", "disability": "tuli", "district": "Banyumas", "age": "23"}),
        ),
        Some(
            json!({"gender": "perempuan", "disability": "tidak ada", "district": "Brebes", "age": 18}),
        ),
        Some(json!({"gender": "", "disability": "netra", "district": "Demak", "age": "34"})),
        Some(json!({
            "gender": "perempuan", "disability": "daksa", "district": "Wonosobo", "age": 34,
            "accommodations": "pembaca layar; waktu tambahan"
        })),
    ];
    let inst = load_instrument(RIASEC).expect("valid");
    let catalog = load_catalog(CATALOG).expect("valid");
    // The report's JSON without its metadata (the last key, the object as
    // given with its keys sorted), and the recommendations' JSON.
    let run = |answers: &Value, meta: Option<&Value>| -> (String, String) {
        let mut set = json!({"respondent_id": "p-0001", "answers": answers});
        if let Some(m) = meta {
            set["metadata"] = m.clone();
        }
        let scored = inst
            .score(JsValue::from_str(&set.to_string()), None)
            .expect("scored");
        let results = PersonResults::new(&scored).expect("a profile");
        let recs = recommend_json(&catalog, &results, None).expect("recommendations");
        let json = scored.json();
        let report = match meta {
            None => {
                assert!(!json.contains("\"metadata\""), "{json}");
                json
            }
            Some(m) => {
                let sorted: std::collections::BTreeMap<String, Value> =
                    serde_json::from_value(m.clone()).expect("an object");
                let shown = format!(
                    ",\"metadata\":{}",
                    serde_json::to_string(&sorted).expect("json")
                );
                assert_eq!(json.matches(&shown).count(), 1, "{shown} in {json}");
                json.replacen(&shown, "", 1)
            }
        };
        (report, recs)
    };
    let outputs: Vec<(String, String)> =
        metadata.iter().map(|m| run(&answers, m.as_ref())).collect();
    for (m, out) in metadata.iter().zip(&outputs).skip(1) {
        assert_eq!(out.0, outputs[0].0, "metadata {m:?} changed the report");
        assert_eq!(
            out.1, outputs[0].1,
            "metadata {m:?} changed the recommendations"
        );
    }
    let golden = include_str!("../../../tests/golden/recommend/banyumas-adi.id.top5.json");
    assert_eq!(outputs[0].1, golden.trim_end());
    let other = run(&changed, metadata[1].as_ref());
    assert_ne!(other.0, outputs[0].0);
    assert_ne!(other.1, outputs[0].1);
}
