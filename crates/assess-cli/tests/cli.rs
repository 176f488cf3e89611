//! End-to-end tests of the `assess` command.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;

mod common;
use common::{assess, root, text};

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
    // Both broken lines, each once.
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["kind"], "syntax");
    assert_eq!(problems[0]["line"], 26);
    assert_eq!(problems[0]["column"], 10);
    assert_eq!(problems[1]["line"], 46);
    assert_eq!(v[0]["valid"], false);
}

#[test]
fn unreadable_and_non_utf8_files_exit_2_with_a_message() {
    let out = assess(&["check", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error[io]: cannot read `no/such/file.toml`"));

    let bad = temp("latin1.toml", b"title = \"Caf\xe9\"\n");
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

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("assess-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A CSV batch with broken rows: every row comes out, in order, scored or
/// rejected with its reason; the good rows are untouched.
#[test]
fn score_csv_batch_loses_nothing() {
    let mut csv = b"respondent_id,R1,S1,R2,S2,R3,S3,district,gender\n".to_vec();
    csv.extend_from_slice(b"ok1,5,3,4,2,2,4,Rembang,female\n");
    csv.extend_from_slice(b"bad-value,5,3,4,2,2,9,Demak,male\n");
    csv.extend_from_slice(b"truncated,5,3\n");
    csv.extend_from_slice(b"latin1,5,3,4,2,2,4,Kebum\xe9n,female\n");
    csv.extend_from_slice(b"skips,5,skipped,4,,2,4,Brebes,\n");
    csv.extend_from_slice(b"ok2,1,1,1,1,5,1,Sragen,male\n");
    let input = temp("batch.csv", &csv);
    let out = assess(&[
        "score",
        "-i",
        "tests/fixtures/valid/mini.toml",
        "-r",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "--lang",
        "en",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a rejected row makes the exit code 1"
    );
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(u64, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["row"].as_u64().unwrap(),
                l["respondent_id"].as_str().unwrap_or("?"),
                l["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "ok1", "scored"),
            (2, "bad-value", "rejected"),
            (3, "?", "rejected"),
            (4, "?", "rejected"),
            (5, "skips", "partial"),
            (6, "ok2", "scored"),
        ]
    );
    assert_eq!(
        lines[1]["problems"][0]["message"],
        "answer 9 to `S3` is out of range; expected a whole number from 1 to 5"
    );
    assert_eq!(
        lines[2]["problems"][0]["message"],
        "expected 9 cells as in the header, found 3"
    );
    assert_eq!(
        lines[3]["problems"][0]["message"],
        "row 4 is not UTF-8 text (invalid byte after 5 valid bytes)"
    );
    assert_eq!(lines[0]["report"]["scales"][0]["raw"], 13.0);
    assert_eq!(lines[0]["report"]["metadata"]["district"], "Rembang");
    assert_eq!(lines[4]["report"]["quality"]["skipped"], 1);
    assert_eq!(
        text(&out.stderr),
        "6 rows: 2 scored, 1 partially scored, 3 rejected\n"
    );
}

#[test]
fn score_jsonl_with_broken_lines_and_csv_output() {
    let jsonl = b"{\"respondent_id\":\"a\",\"answers\":{\"R1\":5,\"R2\":4,\"R3\":2,\"S1\":3,\"S2\":2,\"S3\":4}}\n{\"respondent_id\":\"b\",\"answers\":{\"R1\":5,\n\n{\"respondent_id\":\"c\",\"answers\":{\"R1\":5,\"R1\":4,\"R2\":4,\"R3\":2,\"S1\":3,\"S2\":2,\"S3\":4}}\n";
    let input = temp("batch.jsonl", jsonl);
    let out = assess(&[
        "score",
        "-i",
        "tests/fixtures/valid/mini.toml",
        "-r",
        input.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let rows: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        rows[0],
        "row,respondent_id,status,R.score,R.pomp,R.band,S.score,S.pomp,S.band,holland_code,top_families,flags,problems"
    );
    assert_eq!(
        rows[1],
        "1,a,scored,13.0,83.33333333333333,tinggi,3.0,50.0,tinggi,,,,"
    );
    assert!(
        rows[2].starts_with("2,,rejected,,,,,,,,,,syntax: EOF while parsing"),
        "{}",
        rows[2]
    );
    assert!(
        rows[3].starts_with(
            "4,c,rejected,,,,,,,,,,duplicate_answer: answers.R1: item `R1` is answered more than once"
        ),
        "{}",
        rows[3]
    );
    assert_eq!(rows.len(), 4);
}

#[test]
fn score_json_array_with_warn_policy_scores_what_is_valid() {
    let json = br#"[{"respondent_id":"a","answers":{"R1":5,"R2":4,"R3":2,"S1":3,"S2":2,"S3":"Z"}},
                    {"respondent_id":"b","answers":{"R1":5}, "extra": 1}]"#;
    let input = temp("batch.json", json);
    let out = assess(&[
        "score",
        "-i",
        "tests/fixtures/valid/mini.toml",
        "-r",
        input.to_str().unwrap(),
        "--policy",
        "warn",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "partial");
    assert_eq!(v[0]["report"]["warnings"][0]["kind"], "wrong_answer_type");
    assert_eq!(v[1]["status"], "rejected");
    assert!(
        v[1]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown field `extra`")
    );
    // Located in the batch file: the set's index, the line and column of
    // the key.
    assert_eq!(v[1]["problems"][0]["path"], "[1]");
    assert_eq!(v[1]["problems"][0]["line"], 2);
    assert_eq!(v[1]["problems"][0]["column"], 62);
}

#[test]
fn score_with_an_invalid_instrument_stops_before_reading_responses() {
    let out = assess(&[
        "score",
        "-i",
        "tests/fixtures/invalid/band_gap.toml",
        "-r",
        "nowhere.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error[band_gap]"));
}

#[test]
fn check_and_schema_cover_the_catalogue() {
    let out = assess(&["check", "instruments/job-families.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).starts_with(
            "ok: instruments/job-families.toml (catalogue job-families-jateng 0.1.0, "
        )
    );
    let out = assess(&["schema", "--catalog"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "assess job-family catalogue, format 1");
    assert_eq!(v["$defs"]["RawFamily"]["additionalProperties"], false);
}

/// An interest instrument's CSV has Holland code and top-family columns
/// (empty for this two-scale fixture, which has no full profile).
#[test]
fn score_with_recommendations_adds_holland_code_and_families() {
    let out = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--recommend",
        "instruments/job-families.toml",
        "--top",
        "3",
        "--format",
        "jsonl",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["report"]["riasec"]["holland"]["code"], "ESR");
    let fams = first["recommendations"]["families"].as_array().unwrap();
    assert_eq!(fams.len(), 3);
    assert_eq!(first["recommendations"]["index"], "weighted_interest_fit");
    assert!(
        fams[0]["explanation"]
            .as_str()
            .unwrap()
            .starts_with("Your strongest interests are Enterprising and Social.")
    );
    assert_eq!(fams[0]["adjustment"], 0.0);
    let out = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--recommend",
        "instruments/job-families.toml",
        "--top",
        "0",
        "--schooling",
        "SD",
        "--format",
        "jsonl",
    ]);
    for line in text(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for f in v["recommendations"]["families"].as_array().unwrap() {
            assert_eq!(f["schooling"], "SD");
        }
    }
    let out = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--recommend",
        "instruments/job-families.toml",
        "--schooling",
        "SLTA",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error[invalid_value]: unknown schooling `SLTA`"));
}

/// The wide CSV of an instrument with IRT parameters carries the θ
/// estimate of each respondent's report (`theta`, `theta_se`,
/// `theta_estimator`), the same numbers as the JSON `irt` block, and a
/// rejected row keeps the column count.
#[test]
fn aptitude_csv_has_the_reports_theta_columns() {
    let csv = assess(&[
        "score",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        "examples/responses/aptitude-personas.json",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    let jsonl = assess(&[
        "score",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        "examples/responses/aptitude-personas.json",
        "--format",
        "jsonl",
    ]);
    let csv = text(&csv.stdout);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(
        header[header.len() - 5..],
        ["theta", "theta_se", "theta_estimator", "flags", "problems"]
    );
    let records: Vec<serde_json::Value> = text(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 6);
    for (line, rec) in lines.zip(&records) {
        let cells: Vec<&str> = line.split(',').collect();
        let irt = &rec["report"]["irt"];
        assert_eq!(cells[at("theta")], irt["theta"].to_string());
        assert_eq!(cells[at("theta_se")], irt["se"].to_string());
        assert_eq!(
            cells[at("theta_estimator")],
            irt["estimator"].as_str().unwrap()
        );
    }
    // A rejected row: blanks in every column, the problem last.
    let bad = temp("aptitude-bad.csv", b"respondent_id,N01,N02\nx,Z,A\n");
    let out = assess(&[
        "score",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        bad.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = text(&out.stdout);
    let row = out.lines().nth(1).unwrap();
    assert!(row.starts_with("1,x,rejected,"), "{row}");
    // The problems cell is quoted (its message has commas): the cells
    // before it, plus it, make a full row.
    let (before, problems) = row.split_once(",\"").unwrap();
    assert!(problems.starts_with("out_of_range: answers.N01"), "{row}");
    assert_eq!(before.matches(',').count() + 2, header.len(), "{row}");
}

/// `--jobs` beyond 256 is refused with a message (20,000 threads aborted
/// the process, and u64::MAX overflowed the queue size: issue 18).
#[test]
fn huge_jobs_are_refused_not_a_crash() {
    for jobs in ["257", "20000", "100000", "18446744073709551615", "1e9"] {
        let out = assess(&[
            "score",
            "-i",
            "instruments/riasec.toml",
            "-r",
            "examples/responses/riasec-personas.json",
            "--jobs",
            jobs,
        ]);
        assert_eq!(out.status.code(), Some(2), "--jobs {jobs}");
        let err = text(&out.stderr);
        assert!(
            err.contains("worker threads") && err.contains("256"),
            "--jobs {jobs}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--jobs",
        "256",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

/// A JSON or JSON Lines file that starts with a UTF-8 byte-order mark (as
/// some Windows editors save it) is read whole: the JSON was rejected and
/// JSON Lines lost its first row (issue 18).
#[test]
fn a_byte_order_mark_is_skipped_in_json_and_json_lines() {
    let dir = std::env::temp_dir().join(format!("assess-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let personas =
        std::fs::read_to_string(root().join("examples/responses/riasec-personas.json")).unwrap();
    let sets: Vec<serde_json::Value> = serde_json::from_str(&personas).unwrap();
    let json = dir.join("bom.json");
    std::fs::write(&json, format!("\u{feff}{personas}")).unwrap();
    let lines: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let jsonl = dir.join("bom.jsonl");
    std::fs::write(&jsonl, format!("\u{feff}{}\n", lines.join("\n"))).unwrap();
    for input in [&json, &jsonl] {
        let out = assess(&[
            "score",
            "-i",
            "instruments/riasec.toml",
            "-r",
            input.to_str().unwrap(),
            "--format",
            "csv",
            "-q",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout).lines().count(),
            1 + sets.len(),
            "{}",
            input.display()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `check /dev/zero` read until the memory ran out (only `ulimit` stopped
/// it): files are read through the 2 MiB bound, whatever size they report
/// (issue 18).
#[cfg(unix)]
#[test]
fn an_endless_file_is_read_through_the_size_bound() {
    let out = assess(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is more than 2097152 bytes"),
        "{}",
        text(&out.stderr)
    );
}

/// One endless line (100 MB took 320–520 MB) stops at `--max-line-bytes`
/// (1 MiB by default) with a message, in JSON Lines and CSV alike; the
/// limit can be raised (issue 18).
#[test]
fn an_endless_line_stops_at_the_line_cap() {
    let dir = std::env::temp_dir().join(format!("assess-line-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jsonl = dir.join("long.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "{{\"respondent_id\": \"a\", \"answers\": {{\"R01\": 3}}, \"metadata\": {{\"x\": \"{}\"}}}}\n",
            "y".repeat(2_000_000)
        ),
    )
    .unwrap();
    let csv = dir.join("long.csv");
    std::fs::write(
        &csv,
        format!("respondent_id,R01\na,{}\n", "3".repeat(2_000_000)),
    )
    .unwrap();
    let score = |input: &PathBuf, extra: &[&str]| {
        let mut args = vec![
            "score",
            "-i",
            "instruments/riasec.toml",
            "-r",
            input.to_str().unwrap(),
            "-q",
            "--format",
            "jsonl",
        ];
        args.extend_from_slice(extra);
        assess(&args)
    };
    let out = score(&jsonl, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(
            "a line is longer than 1048576 bytes; raise the limit with `--max-line-bytes`"
        )
    );
    assert!(text(&out.stderr).len() < 1_000, "the line is not echoed");
    let out = score(&csv, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("a line is longer than 1048576 bytes"));
    // Raised, the same file is read.
    let out = score(&jsonl, &["--max-line-bytes", "3000000"]);
    assert!(text(&out.stdout).starts_with("{\"row\":1,\"respondent_id\":\"a\","));
    std::fs::remove_dir_all(&dir).unwrap();
}
