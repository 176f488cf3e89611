//! End-to-end tests of the `assess` command.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn assess(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_assess"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn check_accepts_a_valid_file() {
    let out = assess(&["check", "tests/fixtures/valid/mini.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(
        "ok: tests/fixtures/valid/mini.toml (mini-minat 0.1.0, 6 items, 2 scales, draft, sha256:"
    ));
    assert!(out.stderr.is_empty());
}

#[test]
fn check_reports_every_problem_on_stderr_and_exits_1() {
    let out = assess(&[
        "check",
        "tests/fixtures/valid/mini.toml",
        "tests/fixtures/invalid/band_gap.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let expected =
        std::fs::read_to_string(root().join("tests/fixtures/invalid/band_gap.stderr")).unwrap();
    // The CLI names the file by the path it was given.
    let expected = expected.replace(
        "--> band_gap.toml",
        "--> tests/fixtures/invalid/band_gap.toml",
    );
    assert_eq!(text(&out.stderr), format!("{expected}\n"));
    // The valid file is still reported.
    assert!(text(&out.stdout).starts_with("ok: tests/fixtures/valid/mini.toml"));
}

#[test]
fn check_json_is_machine_readable() {
    let out = assess(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/invalid/syntax_two_errors.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v[0]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3);
    assert_eq!(problems[0]["kind"], "syntax");
    assert_eq!(problems[0]["line"], 26);
    assert_eq!(problems[0]["column"], 10);
    assert_eq!(v[0]["valid"], false);
}

#[test]
fn unreadable_and_non_utf8_files_exit_2_with_a_message() {
    let out = assess(&["check", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error[io]: cannot read `no/such/file.toml`"));

    let dir = std::env::temp_dir().join(format!("assess-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("latin1.toml");
    std::fs::write(&bad, b"title = \"Caf\xe9\"\n").unwrap();
    let out = assess(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not UTF-8 text (invalid byte at offset 12)"));
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let out = assess(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(v["title"], "assess instrument, format 1");
    let props = v["properties"].as_object().unwrap();
    for key in [
        "format",
        "instrument",
        "formats",
        "scales",
        "items",
        "forms",
        "quality",
        "irt",
    ] {
        assert!(props.contains_key(key), "schema lacks `{key}`");
    }
    // Required keys are marked required.
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(required.contains(&"instrument") && required.contains(&"items"));
}

#[test]
fn schema_rejects_unknown_keys_like_the_validator() {
    let out = assess(&["schema"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["additionalProperties"], false);
    assert_eq!(v["$defs"]["RawItem"]["additionalProperties"], false);
}
