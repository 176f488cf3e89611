//! Gender, disability, district and age never change a score or a
//! recommendation (DOMAIN.md, "Inclusive practice": no gender or disability
//! input to scores or recommendations), checked where a counsellor meets
//! them: the output of `assess score --recommend`.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;

use serde_json::{Value, json};

mod common;
use common::{assess, root, text};

/// The metadata each response set carries: none, then the same young man
/// described four other ways, with ages as text and as numbers.
fn variants() -> Vec<Option<Value>> {
    vec![
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
    ]
}

/// Banyumas-Adi's answers (examples/responses/riasec-personas.json).
fn adi_answers() -> serde_json::Map<String, Value> {
    let sets: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/responses/riasec-personas.json")).unwrap(),
    )
    .unwrap();
    let adi = sets
        .iter()
        .find(|s| s["respondent_id"] == "banyumas-adi")
        .unwrap();
    adi["answers"].as_object().unwrap().clone()
}

fn response_set(answers: &serde_json::Map<String, Value>, metadata: Option<&Value>) -> Value {
    let mut set = json!({"respondent_id": "p-0001", "answers": answers});
    if let Some(m) = metadata {
        set["metadata"] = m.clone();
    }
    set
}

/// A JSON Lines record of `assess score` with the parts that must differ
/// taken out: the row number, and the report's `metadata`, which the
/// report carries unchanged (it must be there, exactly as given, sorted by
/// key).
fn without_row_and_metadata(line: &str, row: usize, metadata: Option<&Value>) -> String {
    let prefix = format!("{{\"row\":{row},");
    let rest = line
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("row {row}: {line}"));
    // The same person's answers, given several times here, are flagged as
    // a repeated id after the first: a property of the batch, not a score.
    let rest = &rest.replacen("\"duplicate_id\":true,", "", 1);
    match metadata {
        None => {
            assert!(!rest.contains("\"metadata\""), "row {row}: {rest}");
            rest.to_owned()
        }
        Some(m) => {
            let sorted: BTreeMap<String, Value> = serde_json::from_value(m.clone()).unwrap();
            let shown = format!(",\"metadata\":{}", serde_json::to_string(&sorted).unwrap());
            assert_eq!(
                rest.matches(&shown).count(),
                1,
                "row {row}: {shown} in {rest}"
            );
            rest.replacen(&shown, "", 1)
        }
    }
}

/// `assess score --recommend` on six response sets with the same answers
/// and different metadata (and none): every record, scores and
/// recommendations, is the same bytes once the row number and the
/// metadata echoed in the report are taken out; the recommendations are
/// those of the golden file. The same run has a seventh set, with one
/// answer changed: its record differs in the scores and in the
/// recommendations, so the comparison can see a difference when there is
/// one.
#[test]
fn score_and_recommend_ignore_gender_disability_district_and_age() {
    let answers = adi_answers();
    let mut changed = answers.clone();
    // R01: 5 (strongly likes it) becomes 1 (strongly dislikes it).
    assert_eq!(changed["R01"], json!(5.0));
    changed.insert("R01".into(), json!(1));
    let metadata = variants();
    let mut sets: Vec<Value> = metadata
        .iter()
        .map(|m| response_set(&answers, m.as_ref()))
        .collect();
    sets.push(response_set(&changed, metadata[1].as_ref()));
    let dir = std::env::temp_dir().join(format!("assess-metadata-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("sets.json");
    std::fs::write(&input, serde_json::to_string(&sets).unwrap()).unwrap();
    let out = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        input.to_str().unwrap(),
        "--recommend",
        "instruments/job-families.toml",
        "--format",
        "jsonl",
        "--quiet",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), sets.len());
    let same: Vec<String> = lines[..metadata.len()]
        .iter()
        .zip(&metadata)
        .enumerate()
        .map(|(i, (line, m))| without_row_and_metadata(line, i + 1, m.as_ref()))
        .collect();
    for (i, s) in same.iter().enumerate().skip(1) {
        assert_eq!(
            s, &same[0],
            "metadata {:?} changed the output of the same answers",
            metadata[i]
        );
    }
    // The recommendations are the bytes of the golden file (the command's
    // defaults: Indonesian, top 5), which `tests/recommend.rs` checks.
    let golden =
        std::fs::read_to_string(root().join("tests/golden/recommend/banyumas-adi.id.top5.json"))
            .unwrap();
    let recs = same[0]
        .split_once(",\"recommendations\":")
        .map(|(_, r)| r.strip_suffix('}').unwrap())
        .unwrap();
    assert_eq!(recs, golden.trim_end());
    // One answer changed: scores and recommendations differ.
    let other = without_row_and_metadata(lines[metadata.len()], sets.len(), metadata[1].as_ref());
    assert_ne!(other, same[0]);
    let parts = |s: &str| -> (Value, Value) {
        let v: Value = serde_json::from_str(&format!("{{{s}")).unwrap();
        (v["report"]["scales"].clone(), v["recommendations"].clone())
    };
    let (scales, recs) = parts(&same[0]);
    let (other_scales, other_recs) = parts(&other);
    assert_ne!(scales, other_scales);
    assert_ne!(recs, other_recs);
    assert_eq!(recs, serde_json::from_str::<Value>(&golden).unwrap());
}
