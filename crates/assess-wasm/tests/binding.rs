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
