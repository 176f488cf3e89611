//! Scoring checked against hand-worked cases (tests/golden/scoring.toml) and
//! against R psych's scoreItems on the bfi data (tests/golden/bfi/).

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::{Instrument, Policy, ResponseSet, ScoreOptions, score};
use assess_tests::{read, root};
use serde_json::Value;

#[test]
fn hand_worked_cases() {
    let golden: toml::Value = toml::from_str(&read("tests/golden/scoring.toml")).unwrap();
    let cases = golden["case"].as_array().unwrap();
    assert!(cases.len() >= 9);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert!(
            !case["source"].as_str().unwrap().is_empty(),
            "{name}: no source"
        );
        let inst = Instrument::from_toml(&read(case["instrument"].as_str().unwrap())).unwrap();
        let set = ResponseSet::from_json(case["responses"].as_str().unwrap()).unwrap();
        let opts = ScoreOptions::new().language(case["language"].as_str().unwrap());
        let report = score(&inst, &set, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_value(&report).unwrap();
        let tol = case["tolerance"].as_float().unwrap();
        for pair in case["expect"].as_array().unwrap() {
            let pointer = pair[0].as_str().unwrap();
            let found = json.pointer(pointer).unwrap_or(&Value::Null);
            match &pair[1] {
                toml::Value::Float(x) => {
                    let f = found
                        .as_f64()
                        .unwrap_or_else(|| panic!("{name}: {pointer} = {found}, expected {x}"));
                    assert!(
                        (f - x).abs() <= tol,
                        "{name}: {pointer} = {f}, expected {x} ± {tol}"
                    );
                }
                toml::Value::Integer(i) => {
                    assert_eq!(found.as_i64(), Some(*i), "{name}: {pointer}")
                }
                toml::Value::String(s) if s == "null" => assert!(
                    found.is_null(),
                    "{name}: {pointer} = {found}, expected null"
                ),
                toml::Value::String(s) => {
                    assert_eq!(found.as_str(), Some(s.as_str()), "{name}: {pointer}")
                }
                other => panic!("{name}: unsupported expectation {other:?}"),
            }
        }
    }
}

/// R psych 2.2.9, `scoreItems(keys, bfi[1:300, 1:25], totals = FALSE/TRUE,
/// impute = "none", min = 1, max = 6)` with the bfi keys (A1, C4, C5, E1,
/// E2, O2, O5 reversed); script and versions in tests/golden/bfi/.
#[test]
fn agrees_with_r_psych_score_items_on_bfi() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/bfi.toml")).unwrap();
    let mut rdr = csv::Reader::from_path(root().join("tests/golden/bfi/bfi_extract.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut reference =
        csv::Reader::from_path(root().join("tests/golden/bfi/bfi_scoreitems.csv")).unwrap();
    let ref_header: Vec<String> = reference
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let opts = ScoreOptions::new().policy(Policy::Reject);
    let mut rows = 0;
    let mut with_missing = 0;
    for (rec, want) in rdr.records().zip(reference.records()) {
        let (rec, want) = (rec.unwrap(), want.unwrap());
        let cells: Vec<&str> = rec.iter().collect();
        let set = ResponseSet::from_csv_record(&inst, &header, &cells).unwrap();
        assert_eq!(set.respondent_id, &want[0]);
        // gender and age are not items: carried as metadata.
        assert!(set.metadata.contains_key("gender"));
        let report = score(&inst, &set, &opts).unwrap();
        for s in &report.scales {
            let col = |suffix: &str| {
                ref_header
                    .iter()
                    .position(|h| *h == format!("{}_{suffix}", s.id))
                    .unwrap()
            };
            let (want_mean, want_sum) = (&want[col("mean")], &want[col("sum")]);
            if want_mean == "NA" {
                assert!(
                    s.mean.is_none(),
                    "{}: {} should be missing",
                    set.respondent_id,
                    s.id
                );
                continue;
            }
            let m: f64 = want_mean.parse().unwrap();
            let t: f64 = want_sum.parse().unwrap();
            assert!(
                (s.mean.unwrap() - m).abs() < 1e-9,
                "{} {}: mean {} vs R {m}",
                set.respondent_id,
                s.id,
                s.mean.unwrap()
            );
            assert!(
                (s.raw.unwrap() - t).abs() < 1e-9,
                "{} {}: sum {} vs R {t}",
                set.respondent_id,
                s.id,
                s.raw.unwrap()
            );
            if s.missing > 0 {
                with_missing += 1;
            }
        }
        rows += 1;
    }
    assert_eq!(rows, 300);
    // The extract exercises missing answers, not only complete rows.
    assert!(
        with_missing >= 10,
        "only {with_missing} scale scores with missing answers"
    );
}
