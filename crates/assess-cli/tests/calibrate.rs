//! End-to-end tests of `assess calibrate` (and `assess simulate --answers`,
//! which makes its inputs): the round trip, the write-back that keeps
//! everything else of the file, provenance and status rules, linking, the
//! reports, and the errors.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod common;
use common::{assess, text};

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("assess-calibrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn ok(out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Runs `assess ARGS`, which must exit with 2 and say every one of `want`.
fn fails(args: &[&str], want: &[&str]) {
    let r = assess(args);
    assert_eq!(r.status.code(), Some(2), "{args:?}");
    for w in want {
        assert!(text(&r.stderr).contains(w), "{args:?}: {}", text(&r.stderr));
    }
}

/// Simulated answers of `people` to the aptitude bank.
fn simulated(name: &str, people: &str, extra: &[&str]) -> std::path::PathBuf {
    let csv = tmp(name);
    let mut args = vec![
        "simulate",
        "-i",
        "instruments/aptitude.toml",
        "--answers",
        csv.to_str().unwrap(),
        "--people",
        people,
        "--seed",
        "4",
        "--overwrite",
    ];
    args.extend_from_slice(extra);
    ok(&assess(&args));
    csv
}

#[test]
fn round_trip_writes_the_parameters_and_keeps_the_rest_of_the_file() {
    let csv = simulated("round.csv", "3000", &["--missing", "0.05"]);
    let (out, json, html) = (tmp("round.toml"), tmp("round.json"), tmp("round.html"));
    let r = assess(&[
        "calibrate",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        csv.to_str().unwrap(),
        "--model",
        "3pl",
        "--scale",
        "numerik",
        "--date",
        "2026-12-04",
        "-o",
        out.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--lang",
        "en",
        "--overwrite",
    ]);
    ok(&r);
    assert!(text(&r.stderr).contains(
        "3pl calibration of 10 items on 3000 respondents (simulated answers): converged"
    ));
    let before = std::fs::read_to_string(common::root().join("instruments/aptitude.toml")).unwrap();
    let after = std::fs::read_to_string(&out).unwrap();
    // Every comment of the original is still there, in order.
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(comments(&before), comments(&after));
    // Only the numerik items' `irt` lines, the source and the new
    // provenance table changed.
    let changed: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(
        changed
            .iter()
            .filter(|l| l.starts_with("irt = { model = \"3pl\""))
            .count()
            == 10,
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .any(|l| l.starts_with("source = \"Calibrated by assess"))
    );
    assert!(after.contains("[irt.calibration]\nmethod = \"marginal maximum likelihood (Bock–Aitkin EM)\"\nmodel = \"3pl\"\nsample = \"round.csv\"\nrespondents = 3000\ndate = \"2026-12-04\""));
    assert!(after.contains("simulated = true"));
    assert!(after.contains("SIMULATED answers, not people"));
    // The other scales' items keep their expert values.
    assert!(
        after.contains(
            "irt = { model = \"3pl\", a = 1.0, b = -2.0, c = 0.2 }\n\n[[items]]\nid = \"V02\""
        ) || after.contains("id = \"V01\"")
    );
    // The written instrument is valid and scores.
    ok(&assess(&["check", out.to_str().unwrap()]));
    // Recovered: every numerik b within 0.45 of the bank's (3,000 people).
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["simulated"], true);
    assert_eq!(v["calibration"]["model"], "3pl");
    let truth = [-2.0, -1.6, -1.3, -0.7, -0.2, 0.2, 0.6, 1.0, 1.4, 1.9];
    for (it, b) in v["calibration"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(truth)
    {
        let got = it["b"][0].as_f64().unwrap();
        assert!((got - b).abs() < 0.45, "{}: b {got} vs {b}", it["id"]);
        assert!(it["se_a"].as_f64().unwrap() > 0.0);
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("Simulated answers, not people"));
    assert_eq!(
        page.matches("<svg role=\"img\"").count(),
        11,
        "information + 10 items"
    );
    assert!(!page.contains("<script"));
}

#[test]
fn simulated_answers_are_never_validated_and_nothing_is_written() {
    let csv = simulated("never.csv", "300", &[]);
    let out = tmp("never.toml");
    let _ = std::fs::remove_file(&out);
    let r = assess(&[
        "calibrate",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        csv.to_str().unwrap(),
        "--model",
        "2pl",
        "--scale",
        "verbal",
        "--status",
        "validated",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        text(&r.stderr).contains(
            "cannot be marked `validated`: the answers are simulated (nothing was written)"
        ),
        "{}",
        text(&r.stderr)
    );
    assert!(!out.exists());
    // And the format itself refuses the combination.
    let bad = std::fs::read_to_string(common::root().join("instruments/aptitude.toml"))
        .unwrap()
        .replacen("[irt]\nstatus = \"provisional\"", "[irt]\nstatus = \"validated\"", 1)
        .replacen(
            "\n[[scales]]",
            "\n[irt.calibration]\nmethod = \"m\"\nmodel = \"2pl\"\nsample = \"s.csv\"\nrespondents = 10\ndate = \"2026-12-04\"\nengine = \"assess\"\nsimulated = true\n\n[[scales]]",
            1,
        );
    let path = tmp("bad.toml");
    std::fs::write(&path, bad).unwrap();
    let r = assess(&["check", path.to_str().unwrap()]);
    assert_ne!(r.status.code(), Some(0));
    assert!(
        text(&r.stdout).contains("cannot be `validated`")
            || text(&r.stderr).contains("cannot be `validated`"),
        "{}{}",
        text(&r.stdout),
        text(&r.stderr)
    );
}

#[test]
fn anchors_hold_their_values_and_the_new_items_join_the_scale() {
    // Abler respondents (θ ~ N(0.5, 1)); the numerik items are anchors.
    let csv = simulated("anchor.csv", "3000", &["--theta-mean", "0.5"]);
    let json = tmp("anchor.json");
    let r = assess(&[
        "calibrate",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        csv.to_str().unwrap(),
        "--model",
        "3pl",
        "--anchor",
        "N01,N02,N03,N04,N05,N06,N07,N08,N09,N10",
        "--json",
        json.to_str().unwrap(),
        "--overwrite",
    ]);
    ok(&r);
    assert!(
        text(&r.stderr).contains("on the anchors' scale"),
        "{}",
        text(&r.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let c = &v["calibration"];
    let mean = c["population"]["mean"].as_f64().unwrap();
    assert!((mean - 0.5).abs() < 0.15, "mean {mean}");
    assert_eq!(c["anchors"].as_array().unwrap().len(), 10);
    assert_eq!(c["items"][0]["anchor"], true);
    assert_eq!(c["items"][0]["a"], 1.0);
}

#[test]
fn errors_name_the_problem_and_write_nothing() {
    let csv = simulated("errors.csv", "200", &[]);
    let csv = csv.to_str().unwrap();
    let cases: [(&[&str], &str); 8] = [
        (
            &["--model", "2pl", "--scale", "nope"],
            "scale `nope` is not in the instrument",
        ),
        (
            &["--model", "2pl", "--anchor", "Z99"],
            "anchor `Z99` is not among the items",
        ),
        (
            &["--model", "2pl", "--anchor-existing"],
            "every item already has parameters",
        ),
        (&["--model", "2pl", "--points", "3"], "at least 5 points"),
        (&["--model", "2pl", "--range", "4,-4"], "on [4, -4]"),
        (&["--model", "2pl", "--range", "4"], "expected `MIN,MAX`"),
        (
            &["--model", "2pl", "--tolerance", "nan"],
            "the tolerance must be a positive number",
        ),
        (
            &["--model", "2pl", "--max-cycles", "0"],
            "the most cycles at least 1",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec!["calibrate", "-i", "instruments/aptitude.toml", "-r", csv];
        args.extend_from_slice(extra);
        fails(&args, &[want]);
    }
    // A dichotomous model for Likert items.
    let riasec = "examples/responses/synthetic-riasec.csv";
    fails(
        &[
            "calibrate",
            "-i",
            "instruments/riasec.toml",
            "-r",
            riasec,
            "--model",
            "2pl",
            "--scale",
            "R",
        ],
        &["use `grm` or `gpcm`"],
    );
    // JSON response sets are read too: six personas cannot identify N01.
    fails(
        &[
            "calibrate",
            "-i",
            "instruments/aptitude.toml",
            "-r",
            "examples/responses/aptitude-personas.json",
            "--model",
            "2pl",
            "--scale",
            "numerik",
        ],
        &["all 6 answers to `N01` are category 1", "= path: items.N01"],
    );
    // The output may not be the input.
    let apt = "instruments/aptitude.toml";
    fails(
        &[
            "calibrate",
            "-i",
            apt,
            "-r",
            csv,
            "--model",
            "2pl",
            "-o",
            apt,
            "--overwrite",
        ],
        &["is the input"],
    );
    // An item nobody answered differently: every answer to N01 right.
    let data = std::fs::read_to_string(csv).unwrap();
    let mut lines: Vec<String> = data.lines().map(str::to_owned).collect();
    for l in lines.iter_mut().skip(1) {
        let mut cells: Vec<&str> = l.split(',').collect();
        cells[1] = "B";
        *l = cells.join(",");
    }
    let flat = tmp("flat.csv");
    std::fs::write(&flat, lines.join("\n")).unwrap();
    let flat = flat.to_str().unwrap();
    fails(
        &[
            "calibrate",
            "-i",
            apt,
            "-r",
            flat,
            "--model",
            "2pl",
            "--scale",
            "numerik",
        ],
        &["= path: items.N01", "no variance"],
    );
}

#[test]
fn without_outputs_the_estimates_are_printed() {
    let csv = simulated("print.csv", "400", &[]);
    let r = assess(&[
        "calibrate",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        csv.to_str().unwrap(),
        "--model",
        "1pl",
        "--scale",
        "logika",
    ]);
    ok(&r);
    let out = text(&r.stdout);
    assert!(
        out.starts_with("item\tanchor\tanswered\ta\tse_a\tb"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 11);
    // 1PL: one slope for all.
    let slopes: std::collections::BTreeSet<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(3).unwrap())
        .collect();
    assert_eq!(slopes.len(), 1, "{out}");
}

#[test]
fn two_point_likert_items_are_written_as_graded_items() {
    // Two categories under GRM are a 2PL; a Likert item cannot carry
    // `2pl`, so the item is written back as a GRM with one threshold.
    let inst = tmp("two.toml");
    let mut toml = String::from(
        "format = 1\n[instrument]\nid = \"dua\"\nversion = \"0.1.0\"\nkind = \"readiness\"\nlanguages = [\"id\", \"en\"]\nstatus = \"draft\"\nsource = \"Test\"\nlicence = \"CC0-1.0\"\ntitle = { id = \"Dua\", en = \"Two\" }\n[formats.ya]\ntype = \"likert\"\npoints = 2\nmin = 1\nlabels = [{ id = \"Tidak\", en = \"No\" }, { id = \"Ya\", en = \"Yes\" }]\n[[scales]]\nid = \"s\"\nname = { id = \"S\", en = \"S\" }\n",
    );
    for i in 1..=5 {
        toml.push_str(&format!("[[items]]\nid = \"Y{i}\"\nscale = \"s\"\nformat = \"ya\"\ntext = {{ id = \"Y{i}\", en = \"Y{i}\" }}\n"));
    }
    std::fs::write(&inst, toml).unwrap();
    // Answers from a seeded 2PL: item i answered 2 when θ + noise > b_i.
    let mut csv = String::from("respondent_id,Y1,Y2,Y3,Y4,Y5\n");
    let mut state: u64 = 42;
    let mut uniform = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for r in 0..600 {
        let theta = (0..12).map(|_| uniform()).sum::<f64>() - 6.0;
        csv.push_str(&format!("p{r}"));
        for i in 0..5 {
            let p = assess_core::math::logistic(1.5 * (theta - (-1.0 + 0.5 * f64::from(i))));
            csv.push_str(if uniform() < p { ",2" } else { ",1" });
        }
        csv.push('\n');
    }
    let answers = tmp("two.csv");
    std::fs::write(&answers, csv).unwrap();
    let out = tmp("two-out.toml");
    let r = assess(&[
        "calibrate",
        "-i",
        inst.to_str().unwrap(),
        "-r",
        answers.to_str().unwrap(),
        "--model",
        "grm",
        "-o",
        out.to_str().unwrap(),
        "--overwrite",
    ]);
    ok(&r);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written.matches("irt = { model = \"grm\", a = ").count(),
        5,
        "{written}"
    );
    ok(&assess(&["check", out.to_str().unwrap()]));
    assert!(written.contains("simulated = false"));
}
