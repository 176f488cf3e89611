//! No output ever replaces an input, and no existing file is replaced
//! without `--overwrite` (issue 18): each probe failed before, and the
//! input must come out byte for byte as it went in.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::{assess, root, text};

/// A fresh folder with a copy of the sample responses and instruments.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("assess-outputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (from, to) in [
        ("examples/responses/synthetic-riasec.csv", "an.csv"),
        ("examples/responses/riasec-personas.json", "personas.json"),
        ("instruments/riasec.toml", "riasec.toml"),
    ] {
        std::fs::copy(root().join(from), dir.join(to)).unwrap();
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `args`, expects exit 2 with `says` on stderr, and `kept` unchanged.
fn refused(args: &[&str], says: &str, kept: &Path) {
    let before = std::fs::read(kept).unwrap();
    let out = assess(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}",
        text(&out.stderr)
    );
    let err = text(&out.stderr);
    assert!(err.contains(says), "{args:?}: {err}");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        before,
        "{args:?} changed {}",
        kept.display()
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_for_every_command() {
    let d = workdir("same");
    let (an, inst, personas) = (
        d.join("an.csv"),
        d.join("riasec.toml"),
        d.join("personas.json"),
    );
    // score -o X with X the input, even with --overwrite (it truncated it).
    refused(
        &[
            "score",
            "-i",
            s(&inst),
            "-r",
            s(&an),
            "-o",
            s(&an),
            "--overwrite",
            "--format",
            "csv",
        ],
        "is the input",
        &an,
    );
    // ... or the instrument.
    refused(
        &[
            "score",
            "-i",
            s(&inst),
            "-r",
            s(&an),
            "-o",
            s(&inst),
            "--overwrite",
        ],
        "is the input",
        &inst,
    );
    // A link to the input is the input.
    #[cfg(unix)]
    {
        let link = d.join("link.csv");
        std::os::unix::fs::symlink(&an, &link).unwrap();
        refused(
            &[
                "score",
                "-i",
                s(&inst),
                "-r",
                s(&an),
                "-o",
                s(&link),
                "--overwrite",
                "--format",
                "csv",
            ],
            "is the input",
            &an,
        );
    }
    // analyze -r an.csv -o an.csv replaced a 3,000-row CSV with JSON.
    refused(
        &[
            "analyze",
            "-i",
            s(&inst),
            "-r",
            s(&an),
            "-o",
            s(&an),
            "--overwrite",
        ],
        "is the input",
        &an,
    );
    refused(
        &[
            "norms",
            "-i",
            s(&inst),
            "-r",
            s(&an),
            "--norm-group",
            "g",
            "--source",
            "simulated",
            "--population",
            "p",
            "--collected",
            "2026",
            "-o",
            s(&inst),
            "--overwrite",
        ],
        "is the input",
        &inst,
    );
    refused(
        &[
            "report",
            "-i",
            s(&inst),
            "-r",
            s(&personas),
            "--respondent",
            "adi",
            "-o",
            s(&personas),
            "--overwrite",
        ],
        "is the input",
        &personas,
    );
    refused(
        &[
            "summary",
            s(&personas),
            "--csv",
            s(&personas),
            "--overwrite",
        ],
        "is the input",
        &personas,
    );
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn existing_files_are_replaced_only_with_overwrite() {
    let d = workdir("exists");
    let (an, inst) = (d.join("an.csv"), d.join("riasec.toml"));
    let old = d.join("old.txt");
    std::fs::write(&old, "keep me").unwrap();
    let scored = d.join("scored.jsonl");
    let out = assess(&[
        "score",
        "-i",
        s(&inst),
        "-r",
        s(&an),
        "-o",
        s(&scored),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for args in [
        vec!["analyze", "-i", s(&inst), "-r", s(&an), "-o", s(&old)],
        vec!["analyze", "-i", s(&inst), "-r", s(&an), "--html", s(&old)],
        vec![
            "norms",
            "-i",
            s(&inst),
            "-r",
            s(&an),
            "--norm-group",
            "g",
            "--source",
            "simulated respondents",
            "--population",
            "p",
            "--collected",
            "2026",
            "-o",
            s(&old),
        ],
        vec!["summary", s(&scored), "--html", s(&old)],
        vec!["summary", s(&scored), "--csv", s(&old)],
    ] {
        refused(&args, "pass `--overwrite`", &old);
        // With --overwrite the file is replaced, whole.
        let mut with = args.clone();
        with.push("--overwrite");
        let out = assess(&with);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{with:?}: {}",
            text(&out.stderr)
        );
        assert_ne!(std::fs::read(&old).unwrap(), b"keep me", "{with:?}");
        std::fs::write(&old, "keep me").unwrap();
    }
    // No temporary file is left beside the outputs.
    let left: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    std::fs::remove_dir_all(&d).unwrap();
}

/// A respondent id or a group name that a spreadsheet would run as a
/// formula is written as text (`'` in front, as OWASP recommends), unless
/// `--csv-formulas` asks for the text exactly; numbers stay numbers.
#[test]
fn csv_cells_are_safe_to_open_in_a_spreadsheet() {
    let d = workdir("formulas");
    let inst = d.join("riasec.toml");
    let answers: Vec<String> = ["R", "I", "A", "S", "E", "C"]
        .iter()
        .flat_map(|t| (1..=10).map(move |i| format!("\"{t}{i:02}\": 3")))
        .collect();
    let set = |id: &str, district: &str| {
        format!(
            "{{\"respondent_id\": \"{id}\", \"answers\": {{{}}}, \"metadata\": {{\"district\": \"{district}\"}}}}",
            answers.join(", ")
        )
    };
    let sets = d.join("sets.jsonl");
    std::fs::write(
        &sets,
        [
            set("=HYPERLINK(\\\"http://x\\\",\\\"y\\\")", "@SUM(1)"),
            set("-2", "+cmd"),
            set("\\tx", "Rembang"),
        ]
        .join("\n"),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "score",
            "-i",
            s(&inst),
            "-r",
            s(&sets),
            "--format",
            "csv",
            "-q",
        ];
        args.extend_from_slice(extra);
        let out = assess(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let safe = run(&[]);
    let rows: Vec<&str> = safe.lines().collect();
    assert!(
        rows[1].starts_with("1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",scored,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("2,-2,scored,"),
        "a number stays a number: {}",
        rows[2]
    );
    assert!(rows[3].starts_with("3,'\tx,scored,"), "{}", rows[3]);
    let raw = run(&["--csv-formulas"]);
    assert!(raw.lines().nth(1).unwrap().starts_with("1,\"=HYPERLINK("));
    // The summary's group names come from metadata: the same rule.
    let scored = d.join("scored.jsonl");
    let out = assess(&[
        "score",
        "-i",
        s(&inst),
        "-r",
        s(&sets),
        "--format",
        "jsonl",
        "-q",
        "-o",
        s(&scored),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = assess(&[
        "summary",
        s(&scored),
        "--by",
        "district",
        "--min-group",
        "2",
    ]);
    let csv = text(&out.stdout);
    assert!(
        csv.contains("district,'@SUM(1),") && csv.contains("district,'+cmd,"),
        "{csv}"
    );
    let out = assess(&[
        "summary",
        s(&scored),
        "--by",
        "district",
        "--min-group",
        "2",
        "--csv-formulas",
    ]);
    assert!(text(&out.stdout).contains("district,@SUM(1),"));
    std::fs::remove_dir_all(&d).unwrap();
}

/// A respondent id given to more than one row (issue 18: scored silently
/// before): every row is still scored, each repeat is flagged
/// `duplicate_id` (the CSV flags cell, the JSON record), and the closing
/// summary warns — the same in every input and output format, on the fast
/// CSV path and the full one, with one thread or two, and after `--resume`.
#[test]
fn repeated_respondent_ids_are_flagged_and_counted() {
    let d = workdir("duplicates");
    let personas =
        std::fs::read_to_string(root().join("examples/responses/riasec-personas.csv")).unwrap();
    let lines: Vec<&str> = personas.lines().collect();
    // Rows 1..n, then row 1 again and row 2 twice more.
    let mut csv = lines.join("\n");
    for extra in [lines[1], lines[2], lines[2]] {
        csv.push('\n');
        csv.push_str(extra);
    }
    csv.push('\n');
    std::fs::write(d.join("dup.csv"), &csv).unwrap();
    let n = lines.len() - 1;
    let sets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("personas.json")).unwrap()).unwrap();
    let mut sets = sets.as_array().unwrap().clone();
    for i in [0, 1, 1] {
        sets.push(sets[i].clone());
    }
    std::fs::write(d.join("dup.json"), serde_json::to_string(&sets).unwrap()).unwrap();
    let jsonl: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    std::fs::write(d.join("dup.jsonl"), jsonl.join("\n")).unwrap();
    let dup_rows = |m: usize| vec![m + 1, m + 2, m + 3];
    let warning =
        "warning: 3 rows repeat a respondent id of an earlier row (flagged `duplicate_id`)";
    let inst = d.join("riasec.toml");
    for input in ["dup.csv", "dup.json", "dup.jsonl"] {
        let m = if input == "dup.csv" {
            n
        } else {
            sets.len() - 3
        };
        let input_path = d.join(input);
        // With a catalogue, CSV takes the full path rather than the fast one.
        let recommend: &[&str] = &["--recommend", "instruments/job-families.toml"];
        for (format, extra) in [("csv", &[][..]), ("jsonl", &[][..]), ("csv", recommend)] {
            for jobs in ["1", "2"] {
                let out_path = d.join(format!("out-{input}-{format}-{jobs}-{}", extra.len()));
                let mut args = vec![
                    "score",
                    "-i",
                    s(&inst),
                    "-r",
                    s(&input_path),
                    "--format",
                    format,
                    "--jobs",
                    jobs,
                    "-q",
                    "-o",
                    s(&out_path),
                ];
                args.extend_from_slice(extra);
                let out = assess(&args);
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{args:?}: {}",
                    text(&out.stderr)
                );
                let err = text(&out.stderr);
                assert!(err.starts_with(&format!("{} rows: ", m + 3)), "{err}");
                assert!(err.contains(warning), "{args:?}: {err}");
                let written = std::fs::read_to_string(&out_path).unwrap();
                let flagged: Vec<usize> = if format == "csv" {
                    written
                        .lines()
                        .skip(1)
                        .filter(|l| l.contains("duplicate_id"))
                        .map(|l| l.split(',').next().unwrap().parse().unwrap())
                        .collect()
                } else {
                    written
                        .lines()
                        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                        .filter(|r| r["duplicate_id"] == serde_json::Value::Bool(true))
                        .map(|r| usize::try_from(r["row"].as_u64().unwrap()).unwrap())
                        .collect()
                };
                assert_eq!(flagged, dup_rows(m), "{args:?}");
            }
        }
    }
    // Resumed after the first repeat: the kept rows' ids are read again, so
    // the later repeats are still found and all three counted.
    let full = d.join("out-dup.csv-csv-1-0");
    let whole = std::fs::read(&full).unwrap();
    let cut = whole
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(n + 1)
        .unwrap()
        .0
        + 1;
    let part = d.join("part.csv");
    std::fs::write(&part, &whole[..cut]).unwrap();
    let dup_csv = d.join("dup.csv");
    let out = assess(&[
        "score",
        "-i",
        s(&inst),
        "-r",
        s(&dup_csv),
        "--format",
        "csv",
        "-q",
        "-o",
        s(&part),
        "--resume",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(warning), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&part).unwrap(), whole);
    // No repeats: no warning, and the output is as before this check.
    let personas = d.join("personas.json");
    let out = assess(&[
        "score",
        "-i",
        s(&inst),
        "-r",
        s(&personas),
        "--format",
        "csv",
        "-q",
    ]);
    assert!(
        !text(&out.stderr).contains("duplicate"),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stdout).contains("duplicate"));
}
