//! The documentation's examples are real: the full Report in
//! docs/report-format.md is what the engine produces today.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::{Instrument, ResponseSet, ScoreOptions, score};
use assess_tests::read;

#[test]
fn report_format_example_is_current() {
    let doc = read("docs/report-format.md");
    let start = doc.find("## The Report").unwrap();
    let block = &doc[start..];
    let json_start = block.find("```json\n").unwrap() + 8;
    let json_end = json_start + block[json_start..].find("\n```").unwrap();
    let documented: serde_json::Value = serde_json::from_str(&block[json_start..json_end]).unwrap();
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/normed.toml")).unwrap();
    let set = ResponseSet::from_json(
        r#"{"respondent_id":"rembang-001","answers":{"R1":5,"S1":3,"R2":4,"S2":2,"R3":2,"S3":4},"seconds":{"R1":4.1,"S1":3.0,"R2":5.2,"S2":2.5,"R3":6.0,"S3":3.3},"metadata":{"district":"Rembang","age":22}}"#,
    )
    .unwrap();
    let report = score(&inst, &set, &ScoreOptions::new().language("en")).unwrap();
    let mut actual = serde_json::to_value(&report).unwrap();
    // The engine version moves with releases; everything else must match.
    actual["engine"]["version"] = documented["engine"]["version"].clone();
    assert_eq!(
        actual, documented,
        "docs/report-format.md shows an outdated report: regenerate it"
    );
}

/// Keys of a JSON Schema that `doc` never mentions in backticks.
fn undocumented_keys(doc: &str, schema: &serde_json::Value) -> Vec<String> {
    let mut missing = Vec::new();
    for def in schema["$defs"]
        .as_object()
        .unwrap()
        .values()
        .chain([schema])
    {
        if let Some(props) = def["properties"].as_object() {
            for key in props.keys() {
                if !doc.contains(&format!("`{key}`")) {
                    missing.push(key.clone());
                }
            }
        }
    }
    missing
}

#[test]
fn instrument_format_documents_every_key() {
    let missing = undocumented_keys(
        &read("docs/instrument-format.md"),
        &assess_core::instrument_schema(),
    );
    assert!(
        missing.is_empty(),
        "keys not documented in docs/instrument-format.md: {missing:?}"
    );
}

#[test]
fn catalog_format_documents_every_key() {
    let missing = undocumented_keys(
        &read("docs/catalog-format.md"),
        &assess_core::catalog_schema(),
    );
    assert!(
        missing.is_empty(),
        "keys not documented in docs/catalog-format.md: {missing:?}"
    );
}
