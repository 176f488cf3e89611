//! End-to-end tests of `assess analyze` and `assess norms` on the shipped
//! instruments and their simulated samples.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::assess as run;

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("assess-analyze-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn path(name: &str) -> String {
    dir().join(name).display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn analyze_aptitude_by_gender_writes_json_and_html() {
    let (json, html) = (path("apt.json"), path("apt.html"));
    let o = run(&[
        "analyze",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        "examples/responses/synthetic-aptitude.csv",
        "--group",
        "gender",
        "-o",
        &json,
        "--html",
        &html,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["format"], "assess-analysis/1");
    assert_eq!(v["respondents"], 2000);
    assert_eq!(v["missing"], "pairwise");
    let scales = v["scales"].as_array().unwrap();
    assert_eq!(scales.len(), 4);
    // Aptitude items are keyed four-option items: KR-20 and distractors.
    assert_eq!(scales[0]["reliability"]["kr20"], true);
    let item = &scales[0]["items"][0];
    assert_eq!(item["distractors"]["options"].as_array().unwrap().len(), 4);
    let dif = &v["dif"];
    assert_eq!(dif["column"], "gender");
    assert_eq!(dif["min_group"], 100);
    assert_eq!(dif["scales"][0]["items"][0]["method"], "mantel_haenszel");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
    assert!(page.contains("<caption>Reliabilitas per skala"));
    assert!(
        page.contains("disimulasikan"),
        "simulated data are labelled"
    );
    assert!(page.contains("role=\"img\"") && page.contains("<desc id="));
    assert!(page.contains("Analisis pengecoh butir"));
    assert!(page.contains("Keberfungsian butir diferensial"));
}

#[test]
fn analyze_in_english_and_disability_against_all_others() {
    let html = path("rs.html");
    let o = run(&[
        "analyze",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/synthetic-riasec.csv",
        "--group",
        "disability",
        "--reference",
        "tidak ada",
        "--rest",
        "--lang",
        "en",
        "--html",
        &html,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["dif"]["reference"], "tidak ada");
    assert_eq!(v["dif"]["groups"][0]["group"], "other than tidak ada");
    assert_eq!(v["dif"]["scales"][0]["items"][0]["method"], "mantel");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("Differential item functioning (DIF) by"));
    // The English page states the DIF rules in the words of the JSON.
    let rules = v["dif"]["rules"].as_str().unwrap();
    assert!(
        page.contains(
            &rules
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        )
    );
    assert!(page.contains("These data are simulated"));
}

#[test]
fn analyze_bad_input_is_reported_clearly() {
    let apt = "instruments/aptitude.toml";
    let sample = "examples/responses/synthetic-aptitude.csv";
    // Unknown grouping column.
    let o = run(&["analyze", "-i", apt, "-r", sample, "--group", "gendre"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown grouping column `gendre`"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("did you mean `gender`?"));
    // Groups too small: every group listed with its size.
    let o = run(&["analyze", "-i", apt, "-r", sample, "--group", "disability"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs a reference group and at least one other group with 100 or more respondents; found `daksa`"), "{}", stderr(&o));
    // No responses.
    let empty = path("empty.csv");
    std::fs::write(&empty, "respondent_id,N01,N02\n").unwrap();
    let o = run(&["analyze", "-i", apt, "-r", &empty]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no responses to analyse"));
    // Not a response file at all.
    let o = run(&[
        "analyze",
        "-i",
        apt,
        "-r",
        "README.md",
        "--input-format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // Non-numeric and unknown answers: warned, located, counted as missing.
    let bad = path("bad.csv");
    std::fs::write(
        &bad,
        "respondent_id,R01,R02,R03\np1,4,x,5\np2,3,2,9\np3,5,4,4\n",
    )
    .unwrap();
    let o = run(&["analyze", "-i", "instruments/riasec.toml", "-r", &bad]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("rows[1].R02: expected a number for `R02`, found `x`; counted as missing"),
        "{e}"
    );
    assert!(
        e.contains("rows[2].R03: answer 9 to `R03` is out of range"),
        "{e}"
    );
    assert!(e.contains("warning: no column for 57 item(s)"), "{e}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["invalid_answers"], 2);
    // Unknown language.
    let o = run(&["analyze", "-i", apt, "-r", sample, "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Norms from the simulated interest sample, written into a copy of the
/// instrument, which validates and which `assess score` then uses.
#[test]
fn norms_end_to_end_with_scoring() {
    let (normed, tables) = (path("riasec-normed.toml"), path("tables.json"));
    let o = run(&[
        "norms",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/synthetic-riasec.csv",
        "--norm-group",
        "simulasi-2026",
        "--source",
        "Simulated respondents (examples/responses/synthetic-riasec.csv); not real people",
        "--population",
        "none: simulated respondents",
        "--collected",
        "2026 (simulated)",
        "-o",
        &normed,
        "--json",
        &tables,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&normed).unwrap();
    assert!(text.contains("[[scales.norms]]\ngroup = \"simulasi-2026\""));
    assert!(text.contains("status = \"provisional\""));
    let o = run(&["check", &normed]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Score the simulated sample with the normed instrument.
    let o = run(&[
        "score",
        "-i",
        &normed,
        "-r",
        "examples/responses/synthetic-riasec.csv",
        "--format",
        "jsonl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().next().unwrap()).unwrap();
    let t: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&tables).unwrap()).unwrap();
    let scale = &first["report"]["scales"][0];
    let score = scale["score"].as_f64().unwrap();
    let table = t
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["scale"] == scale["id"])
        .unwrap();
    let row = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| (r["score"].as_f64().unwrap() - score).abs() < 1e-9)
        .unwrap();
    assert_eq!(scale["norm"]["group"], "simulasi-2026");
    assert_eq!(scale["norm"]["percentile"], row["percentile"]);
    assert_eq!(scale["norm"]["t"], row["t"]);
}

#[test]
fn norms_from_simulated_data_are_never_presented_as_real() {
    let base = [
        "norms",
        "-i",
        "instruments/readiness.toml",
        "-r",
        "examples/responses/synthetic-readiness.csv",
        "--norm-group",
        "jateng",
        "--population",
        "youth",
        "--collected",
        "2027",
    ];
    let mut args = base.to_vec();
    args.extend(["--source", "E-Makaryo intake 2027"]);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the responses are simulated"),
        "{}",
        stderr(&o)
    );
    let mut args = base.to_vec();
    args.extend(["--source", "simulated", "--status", "validated"]);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot be `validated`"),
        "{}",
        stderr(&o)
    );
}

/// JSON response sets: groups come from `metadata`.
#[test]
fn analyze_json_response_sets() {
    let o = run(&[
        "analyze",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["respondents"], 6);
    // Six personas cannot be split into groups of 100.
    let o = run(&[
        "analyze",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--group",
        "gender",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("DIF by `gender` needs"),
        "{}",
        stderr(&o)
    );
}
