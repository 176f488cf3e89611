//! The engine's readers are linear in their input (issue 18): instruments,
//! catalogues, response sets and adaptive sessions of size n and 4n, in the
//! hostile shapes of the issue, are read with at most 5× the operations
//! (counted by assess-text's `ops`, built with `op-count` here; no clock).
//! The format readers' own shapes are in assess-text's complexity tests.

#![allow(clippy::unwrap_used)]

use assess_core::cat::{CatConfig, ItemBank, start, step_json};
use assess_core::{Catalog, Instrument, ResponseSet};
use assess_text::ops::assert_linear as linear;

const MINI: &str = include_str!("fixtures/valid/mini.toml");
const FAMILIES: &str = include_str!("../instruments/job-families.toml");
const APTITUDE: &str = include_str!("../instruments/aptitude.toml");

/// mini.toml with `n` more items, each made by `item(i)`.
fn with_items(n: usize, item: impl Fn(usize) -> String) -> String {
    let forms = MINI.find("[[forms]]").unwrap();
    let mut t = MINI[..forms].to_owned();
    for i in 0..n {
        t.push_str(&item(i));
    }
    t.push_str(&MINI[forms..]);
    t
}

fn item(i: usize, scale: &str) -> String {
    format!(
        "[[items]]\nid = \"X{i}\"\nscale = \"{scale}\"\nformat = \"suka5\"\ntext = {{ id = \"Butir {i}\", en = \"Item {i}\" }}\n\n"
    )
}

fn load(t: &str) {
    let _ = Instrument::from_toml(t);
}

#[test]
fn instruments_load_in_linear_operations() {
    const { assert!(assess_text::ops::ENABLED) };
    linear(
        "valid items",
        300,
        |n| with_items(n, |i| item(i, "R")),
        load,
    );
    linear(
        "items of an unknown scale",
        300,
        |n| with_items(n, |i| item(i, "Q")),
        load,
    );
    linear(
        "repeated item ids",
        300,
        |n| with_items(n, |_| item(0, "R")),
        load,
    );
    // A form naming items that do not exist: each gets a "did you mean"
    // hint from the item ids.
    linear(
        "a form of unknown items",
        300,
        |n| {
            let refs: Vec<String> = (0..n).map(|i| format!("\"Y{i}\"")).collect();
            with_items(n, |i| item(i, "R")).replace(
                "items = [\"R1\", \"S1\", \"R2\", \"S2\"]",
                &format!("items = [{}]", refs.join(", ")),
            )
        },
        load,
    );
}

#[test]
fn catalogues_load_in_linear_operations() {
    let start = FAMILIES.find("[[families]]").unwrap();
    let end = FAMILIES[start + 1..].find("[[families]]").unwrap() + start + 1;
    let family = &FAMILIES[start..end];
    let read = |t: &str| {
        let _ = Catalog::from_toml(t);
    };
    let copies = |n: usize, edit: &dyn Fn(usize) -> String| {
        let mut t = FAMILIES[..start].to_owned();
        for i in 0..n {
            t.push_str(&edit(i));
        }
        t
    };
    linear(
        "families",
        50,
        |n| {
            copies(n, &|i| {
                family.replacen("id = \"operator-jahit\"", &format!("id = \"f{i}\""), 1)
            })
        },
        read,
    );
    linear(
        "repeated families",
        50,
        |n| copies(n, &|_| family.to_owned()),
        read,
    );
}

#[test]
fn response_sets_read_in_linear_operations() {
    let set = r#"{"respondent_id": "r", "answers": {"R01": 3, "I01": "x"}}"#;
    linear(
        "a JSON array of sets with bad rows",
        2_000,
        |n| format!("[\n{}\n]", vec![set; n].join(",\n")),
        |t| {
            let _ = ResponseSet::batch_from_json(t);
        },
    );
    linear(
        "one set with many answers",
        // 4n stays under the answers' limit (4,000).
        800,
        |n| {
            let answers: Vec<String> = (0..n).map(|i| format!("\"Q{i}\": {}", i % 5)).collect();
            format!(
                r#"{{"respondent_id": "r", "answers": {{{}}}}}"#,
                answers.join(", ")
            )
        },
        |t| {
            let _ = ResponseSet::from_json(t);
        },
    );
    linear(
        "one set with a repeated answer key",
        800,
        |n| {
            format!(
                r#"{{"respondent_id": "r", "answers": {{{}}}}}"#,
                vec![r#""R01": 3"#; n].join(", ")
            )
        },
        |t| {
            let _ = ResponseSet::from_json(t);
        },
    );
}

#[test]
fn response_sets_are_checked_in_linear_operations() {
    // Thousands of unknown items, each of which could get a "did you
    // mean" hint from the instrument's item ids.
    let inst = Instrument::from_toml(include_str!("../instruments/riasec.toml")).unwrap();
    linear(
        "a set of unknown items",
        800,
        |n| {
            let answers: Vec<String> = (0..n).map(|i| format!("\"R{i:03}x\": 3")).collect();
            format!(
                r#"{{"respondent_id": "r", "answers": {{{}}}}}"#,
                answers.join(", ")
            )
        },
        |t| {
            let set = ResponseSet::from_json(t).unwrap();
            let _ = assess_core::check(&inst, &set, assess_core::Policy::Warn);
        },
    );
    // A CSV header of many columns that are not items.
    linear(
        "a header of unknown columns",
        800,
        |n| {
            let mut h = vec!["respondent_id".to_owned()];
            h.extend((0..n).map(|i| format!("R{i:03}x")));
            h.join(",")
        },
        |t| {
            let header: Vec<&str> = t.split(',').collect();
            let _ = assess_core::CsvLayout::new(&inst, &header, "respondent_id");
        },
    );
}

#[test]
fn adaptive_sessions_step_in_linear_operations() {
    let inst = Instrument::from_toml(APTITUDE).unwrap();
    let bank = ItemBank::from_instrument(&inst).unwrap();
    let session = start(&bank, CatConfig::new(), 1).unwrap().session.to_json();
    let v: serde_json::Value = serde_json::from_str(&session).unwrap();
    // A hostile session with a long record of administered items.
    linear(
        "a long record",
        1_000,
        |n| {
            let mut v = v.clone();
            let first =
                serde_json::json!({"item": bank.items()[0].id(), "index": 0, "category": 1});
            v["administered"] = serde_json::Value::Array(vec![first; n]);
            v.to_string()
        },
        |t| {
            let _ = step_json(&bank, t, "\"A\"");
        },
    );
}
