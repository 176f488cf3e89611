//! Instrument analysis against R: reliability and item statistics against
//! R psych's `alpha`, Mantel–Haenszel DIF against R's `mantelhaen.test`,
//! Mantel's test and the SMD against their formulas written out in R, on
//! the public `bfi` data (psychTools). Every reference value was produced by
//! tests/golden/bfi/make_golden.R (R 4.2.2, psych 2.2.9, see versions.txt).

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::analysis::{
    AnalysisData, AnalysisOptions, CsvAnalysisReader, DifClass, DifStatistics, Favours, Missing,
    NormInfo, NormOptions, analyze, build_norms, insert_norms, mantel_haenszel,
};
use assess_core::{
    AnswerMatrix, Instrument, ProblemKind, ResponseSet, ScoreOptions, Status, score,
};
use assess_tests::{read, root};
use serde_json::Value;

/// Reads a response CSV with the analysis reader.
fn load(inst: &Instrument, rel: &str, group: Option<&str>) -> AnalysisData {
    let mut rdr = csv::Reader::from_path(root().join(rel)).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut reader = CsvAnalysisReader::new(inst, &header, group).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        reader.push(&r.iter().collect::<Vec<_>>());
    }
    reader.finish()
}

fn close(got: Option<f64>, want: &Value, what: &str) {
    let (g, w) = (
        got.unwrap_or_else(|| panic!("{what}: none")),
        want.as_f64().unwrap(),
    );
    assert!((g - w).abs() < 1e-9, "{what}: {g} vs R {w}");
}

fn bfi() -> Instrument {
    Instrument::from_toml(&read("tests/fixtures/valid/bfi.toml")).unwrap()
}

/// Compares one missing-data mode with R psych's `alpha` on the 300-row
/// extract: `alpha(na.omit(items[, cols]), keys)` (listwise) or
/// `alpha(items[, cols], keys)` (pairwise, psych's default).
fn check_alpha(missing: Missing, golden: &str) {
    let inst = bfi();
    let data = load(&inst, "tests/golden/bfi/bfi_extract.csv", None);
    let want: Value = serde_json::from_str(&read(golden)).unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new().missing(missing)).unwrap();
    assert_eq!(a.scales.len(), 5);
    assert_eq!(a.missing, missing);
    for s in &a.scales {
        let w = &want[&s.scale];
        let r = &s.reliability;
        let tag = |x: &str| format!("{} {x} ({missing:?})", s.scale);
        assert_eq!(r.n as u64, w["n"].as_u64().unwrap(), "{}", tag("n"));
        close(r.alpha, &w["raw_alpha"], &tag("alpha"));
        close(r.std_alpha, &w["std_alpha"], &tag("std alpha"));
        close(r.average_r, &w["average_r"], &tag("average r"));
        close(r.lambda6, &w["G6"], &tag("G6(smc)"));
        let ci = r.alpha_ci.as_ref().unwrap();
        assert_eq!(ci.method, "feldt");
        close(Some(ci.lower), &w["feldt_lower"], &tag("Feldt lower"));
        close(Some(ci.upper), &w["feldt_upper"], &tag("Feldt upper"));
        for (i, it) in s.items.iter().enumerate() {
            close(
                it.item_rest,
                &w["r_drop"][i],
                &tag(&format!("{} r.drop", it.item)),
            );
            close(
                it.alpha_if_dropped,
                &w["alpha_if_dropped"][i],
                &tag(&format!("{} alpha.drop", it.item)),
            );
            if missing == Missing::Pairwise {
                close(it.mean, &w["mean"][i], &tag(&format!("{} mean", it.item)));
                close(it.sd, &w["sd"][i], &tag(&format!("{} sd", it.item)));
            }
        }
        // SEM = SD·√(1 − alpha), in the scale's metric (mean of 5 items).
        let sem = r.sd.unwrap() * (1.0 - r.alpha.unwrap()).sqrt();
        assert!((r.sem.unwrap() - sem).abs() < 1e-15);
    }
}

#[test]
fn listwise_alpha_and_items_agree_with_r_psych_on_bfi() {
    check_alpha(Missing::Listwise, "tests/golden/bfi/bfi_alpha.json");
}

#[test]
fn pairwise_alpha_and_items_agree_with_r_psych_on_bfi() {
    check_alpha(
        Missing::Pairwise,
        "tests/golden/bfi/bfi_alpha_pairwise.json",
    );
}

/// A hand-worked 4 × 3 example on the R scale of mini.toml (R3 reverse
/// keyed on 1–5, so its answers are 6 − score): item scores x1 = (1,2,3,4),
/// x2 = (2,2,4,4), x3 = (1,3,2,4). Variances (n − 1): 5/3, 4/3, 5/3, sum
/// 14/3; the total (4,7,9,12) has variance 34/3; alpha = 3/2·(1 − 14/34) =
/// 30/34.
#[test]
fn alpha_hand_worked() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    #[rustfmt::skip]
    let answers = [
        1.0, 3.0, 2.0, 3.0, 5.0, 3.0,
        2.0, 3.0, 2.0, 4.0, 3.0, 3.0,
        3.0, 4.0, 4.0, 3.0, 4.0, 2.0,
        4.0, 5.0, 4.0, 5.0, 2.0, 5.0,
    ];
    let data = AnalysisData::from_matrix(&inst, &AnswerMatrix::new(&inst, &answers).unwrap(), None)
        .unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new()).unwrap();
    let r = &a.scales[0].reliability;
    assert!(
        (r.alpha.unwrap() - 30.0 / 34.0).abs() < 1e-12,
        "{:?}",
        r.alpha
    );
    // Sum-scored scale: SD of the total = √(34/3).
    assert!((r.sd.unwrap() - (34.0f64 / 3.0).sqrt()).abs() < 1e-12);
    assert!(!r.kr20);
    // Constant answers: no variance, no alpha, and no panic.
    let flat = [3.0; 24];
    let data =
        AnalysisData::from_matrix(&inst, &AnswerMatrix::new(&inst, &flat).unwrap(), None).unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new()).unwrap();
    assert!(a.scales[0].reliability.alpha.is_none());
    assert!(serde_json::to_string(&a).is_ok());
}

/// Hand-worked 2 × 2 × 2 table. Stratum 1: reference 8 right, 2 wrong;
/// focal 5 right, 5 wrong. Stratum 2: reference 6/4, focal 3/7.
/// α_MH = (8·5/20 + 6·7/20)/(2·5/20 + 4·3/20) = 4.1/1.1 = 3.7272…;
/// Σ A = 14, Σ E(A) = 10·13/20 + 10·9/20 = 11; Σ Var(A) = (10·10·13·7 +
/// 10·10·9·11)/(20²·19) = 2.5; χ² = (|14 − 11| − ½)²/2.5 = 2.5.
/// R: mantelhaen.test(array(c(8,5,2,5,6,3,4,7), c(2,2,2)), correct = TRUE)
/// gives χ² 2.5, p 0.11384629800665812, estimate 3.7272727272727266 and
/// the interval 0.96312086469062042 … 14.424526030732109.
#[test]
fn mantel_haenszel_hand_worked() {
    let mh = mantel_haenszel(&[[8.0, 2.0, 5.0, 5.0], [6.0, 4.0, 3.0, 7.0]]);
    assert_eq!(mh.strata, 2);
    assert!((mh.alpha_mh.unwrap() - 4.1 / 1.1).abs() < 1e-14);
    assert!((mh.chi_square.unwrap() - 2.5).abs() < 1e-14);
    assert!((mh.p_value.unwrap() - 0.113_846_298_006_658_12).abs() < 1e-14);
    let delta = -2.35 * assess_core::math::ln(4.1 / 1.1);
    assert!((mh.delta_mh.unwrap() - delta).abs() < 1e-12);
    // SE from R's interval: (ln upper − ln lower)/(2·1.959963984540054).
    let se = (assess_core::math::ln(14.424_526_030_732_109)
        - assess_core::math::ln(0.963_120_864_690_620_4))
        / (2.0 * 1.959_963_984_540_054);
    assert!((mh.se_delta.unwrap() / 2.35 - se).abs() < 1e-9);
    // |Δ| = 3.09 but χ² is not significant at .05: class A.
    assert_eq!(mh.class, Some(DifClass::A));
    assert_eq!(mh.favours, Favours::Reference);
}

/// Every 0/1 item of the dichotomised bfi, by gender (2 = female, the
/// larger group, is the reference), against R's `mantelhaen.test`.
#[test]
fn mantel_haenszel_agrees_with_r_on_bfi_by_gender() {
    let inst = Instrument::from_toml(&read("tests/golden/bfi/bfi_binary.toml")).unwrap();
    let data = load(&inst, "tests/golden/bfi/bfi_binary.csv", Some("gender"));
    let want: Value = serde_json::from_str(&read("tests/golden/bfi/bfi_mh_gender.json")).unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new()).unwrap();
    assert!(a.scales.iter().all(|s| s.reliability.kr20));
    let dif = a.dif.as_ref().unwrap();
    assert_eq!(dif.reference, "2");
    let mut seen = 0;
    for s in &dif.scales {
        for it in &s.items {
            let w = &want[&it.item];
            assert_eq!(it.focal, "1");
            assert_eq!(it.n_reference as u64, w["n_reference"].as_u64().unwrap());
            assert_eq!(it.n_focal as u64, w["n_focal"].as_u64().unwrap());
            let DifStatistics::MantelHaenszel(mh) = &it.statistics else {
                panic!("{}: expected Mantel-Haenszel", it.item)
            };
            assert_eq!(
                mh.strata as u64,
                w["strata"].as_u64().unwrap(),
                "{}",
                it.item
            );
            close(
                mh.chi_square,
                &w["chi_square"],
                &format!("{} chi2", it.item),
            );
            close(mh.p_value, &w["p_value"], &format!("{} p", it.item));
            close(
                mh.alpha_mh,
                &w["alpha_mh"],
                &format!("{} alpha_MH", it.item),
            );
            close(
                mh.se_delta.map(|s| s / 2.35),
                &w["se_log_alpha"],
                &format!("{} SE", it.item),
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 25);
}

/// Polytomous items of the whole bfi by gender: Mantel's χ², its p, SMD and
/// SMD/SD against the formulas written out in make_golden.R.
#[test]
fn mantel_and_smd_agree_with_r_on_bfi_by_gender() {
    let inst = bfi();
    let data = load(&inst, "tests/golden/bfi/bfi_full.csv", Some("gender"));
    let want: Value =
        serde_json::from_str(&read("tests/golden/bfi/bfi_mantel_gender.json")).unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new()).unwrap();
    let dif = a.dif.as_ref().unwrap();
    let mut classes = Vec::new();
    for s in &dif.scales {
        for it in &s.items {
            let w = &want[&it.item];
            let DifStatistics::Mantel(m) = &it.statistics else {
                panic!("{}: expected Mantel", it.item)
            };
            close(m.chi_square, &w["chi_square"], &format!("{} chi2", it.item));
            close(m.p_value, &w["p_value"], &format!("{} p", it.item));
            close(m.smd, &w["smd"], &format!("{} SMD", it.item));
            close(
                m.effect_size,
                &w["effect_size"],
                &format!("{} SMD/SD", it.item),
            );
            classes.push(m.class.unwrap());
        }
    }
    assert_eq!(classes.len(), 25);
    // bfi is known to show gender differences at equal totals on some items.
    assert!(classes.iter().any(|c| *c != DifClass::AA));
}

#[test]
fn grouping_never_changes_reliability_or_items() {
    let inst = bfi();
    let plain = load(&inst, "tests/golden/bfi/bfi_extract.csv", None);
    let grouped = load(&inst, "tests/golden/bfi/bfi_extract.csv", Some("gender"));
    let opts = AnalysisOptions::new().min_group(50);
    let a = analyze(&inst, &plain, &opts).unwrap();
    let b = analyze(&inst, &grouped, &opts).unwrap();
    assert_eq!(a.scales, b.scales);
    assert!(a.dif.is_none() && b.dif.is_some());
}

#[test]
fn bad_input_gets_clear_errors() {
    let inst = bfi();
    // Unknown grouping column, with a suggestion.
    let header = ["respondent_id", "A1", "A2", "gender", "age"];
    let e = CsvAnalysisReader::new(&inst, &header, Some("gendr")).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::UnknownReference);
    assert!(
        e.first()
            .message()
            .contains("unknown grouping column `gendr`"),
        "{e}"
    );
    assert_eq!(e.first().hint(), Some("did you mean `gender`?"));
    // A header without items.
    let e = CsvAnalysisReader::new(&inst, &["id", "x"], None).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::Empty);
    // No responses.
    let r = CsvAnalysisReader::new(&inst, &header, None).unwrap();
    let e = analyze(&inst, &r.finish(), &AnalysisOptions::new()).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::Empty);
    assert_eq!(e.first().message(), "no responses to analyse");
    // Non-numeric and out-of-range answers: counted as missing, located.
    let mut r = CsvAnalysisReader::new(&inst, &header, None).unwrap();
    r.push(&["p1", "x", "9", "1", "20"]);
    r.push(&["p2", "3", "4", "2", "20"]);
    let data = r.finish();
    assert_eq!(data.invalid(), 2);
    let msgs: Vec<String> = data
        .problems()
        .iter()
        .map(|p| format!("{}: {}", p.path(), p.message()))
        .collect();
    assert_eq!(
        msgs,
        [
            "rows[1].A1: expected a number for `A1`, found `x`; counted as missing",
            "rows[1].A2: answer 9 to `A2` is out of range; counted as missing",
        ]
    );
    // Groups too small: the message lists every group.
    let data = load(&inst, "tests/golden/bfi/bfi_extract.csv", Some("gender"));
    let e = analyze(&inst, &data, &AnalysisOptions::new().min_group(150)).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::InvalidValue);
    assert!(
        e.first()
            .message()
            .contains("150 or more respondents; found `1` "),
        "{e}"
    );
    // Unknown reference group.
    let e = analyze(
        &inst,
        &data,
        &AnalysisOptions::new().min_group(50).reference(Some("3")),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ProblemKind::UnknownReference);
    // Response sets without the grouping metadata.
    let sets = vec![
        ResponseSet::from_json(
            r#"{"respondent_id":"a","answers":{"A1":3},"metadata":{"gender":"f"}}"#,
        )
        .unwrap(),
    ];
    let e = AnalysisData::from_sets(&inst, &sets, Some("disability")).unwrap_err();
    assert!(
        e.first().message().contains("the responses have `gender`"),
        "{e}"
    );
}

/// Norms built from the simulated interest sample, written into a copy of
/// the instrument, then used by scoring: the percentile and T a respondent
/// gets are the table's.
#[test]
fn norms_round_trip_through_scoring() {
    let text = read("instruments/riasec.toml");
    let inst = Instrument::from_toml(&text).unwrap();
    let data = load(
        &inst,
        "examples/responses/synthetic-riasec.csv",
        Some("gender"),
    );
    let info = NormInfo {
        group: "simulasi".into(),
        source: "Simulated respondents (examples/responses/synthetic-riasec.csv); not real people"
            .into(),
        population: "none: simulated".into(),
        collected: "2026 (simulated)".into(),
        status: Status::Provisional,
    };
    let tables = build_norms(&inst, &data, true, &info, &NormOptions::default()).unwrap();
    // Everybody, and both gender groups, for each of the six scales.
    assert_eq!(tables.iter().filter(|t| t.value.is_none()).count(), 6);
    assert!(tables.iter().any(|t| t.group.starts_with("simulasi-")));
    let normed = insert_norms(&text, &inst, &tables, &info, Some("gender")).unwrap();
    let normed_inst = Instrument::from_toml(&normed).unwrap();
    let r = normed_inst.scale("R").unwrap();
    assert_eq!(r.norms()[0].group(), "simulasi");
    assert_eq!(r.norms()[0].status(), Status::Provisional);
    assert!(r.norms()[0].source().contains("Simulated"));
    // Writing the same groups twice is refused.
    let e = insert_norms(&normed, &normed_inst, &tables, &info, None).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::DuplicateId);
    // Score the first respondent with the normed instrument.
    let csv_text = read("examples/responses/synthetic-riasec.csv");
    let mut lines = csv_text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cells: Vec<&str> = lines.next().unwrap().split(',').collect();
    let set = ResponseSet::from_csv_record(&normed_inst, &header, &cells).unwrap();
    let report = score(&normed_inst, &set, &ScoreOptions::new()).unwrap();
    let table = tables
        .iter()
        .find(|t| t.scale == "R" && t.value.is_none())
        .unwrap();
    let res = report.scales.iter().find(|s| s.id == "R").unwrap();
    let norm = res.norm.as_ref().unwrap();
    let row = table
        .rows
        .iter()
        .find(|row| (row.score - res.score.unwrap()).abs() < 1e-9)
        .unwrap();
    assert_eq!(norm.group, "simulasi");
    assert!((norm.percentile - row.percentile).abs() < 1e-12);
    assert!((norm.t - row.t).abs() < 1e-12);
}

/// Bindings pass options as JSON; unknown keys are refused.
#[test]
fn options_from_json() {
    let o: AnalysisOptions =
        serde_json::from_str(r#"{"missing":"listwise","min_group":50,"reference":"2"}"#).unwrap();
    assert_eq!(
        o,
        AnalysisOptions::new()
            .missing(Missing::Listwise)
            .min_group(50)
            .reference(Some("2"))
    );
    assert!(serde_json::from_str::<AnalysisOptions>(r#"{"min_grup":50}"#).is_err());
}

/// The order of respondents does not matter (up to rounding).
#[test]
fn row_order_does_not_change_the_numbers() {
    let inst = bfi();
    let text = read("tests/golden/bfi/bfi_extract.csv");
    let mut lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines.remove(0).split(',').collect();
    let read_rows = |rows: &[&str]| {
        let mut r = CsvAnalysisReader::new(&inst, &header, None).unwrap();
        for l in rows {
            r.push(&l.split(',').collect::<Vec<_>>());
        }
        analyze(&inst, &r.finish(), &AnalysisOptions::new()).unwrap()
    };
    let a = read_rows(&lines);
    lines.reverse();
    let b = read_rows(&lines);
    for (x, y) in a.scales.iter().zip(&b.scales) {
        let (p, q) = (&x.reliability, &y.reliability);
        assert!((p.alpha.unwrap() - q.alpha.unwrap()).abs() < 1e-12);
        assert!((p.lambda6.unwrap() - q.lambda6.unwrap()).abs() < 1e-12);
        for (i, j) in x.items.iter().zip(&y.items) {
            assert!((i.item_rest.unwrap() - j.item_rest.unwrap()).abs() < 1e-12);
            assert_eq!(i.distribution, j.distribution);
        }
    }
}

#[test]
fn norms_bad_input() {
    let text = read("tests/fixtures/valid/mini.toml");
    let inst = Instrument::from_toml(&text).unwrap();
    let info = NormInfo {
        group: "uji".into(),
        source: "test".into(),
        population: "none".into(),
        collected: "2026".into(),
        status: Status::Draft,
    };
    #[rustfmt::skip]
    let answers = [
        1.0, 3.0, 2.0, 3.0, 5.0, 3.0,
        2.0, 3.0, 2.0, 4.0, 3.0, 3.0,
        3.0, 4.0, 4.0, 3.0, 4.0, 2.0,
    ];
    let data = AnalysisData::from_matrix(&inst, &AnswerMatrix::new(&inst, &answers).unwrap(), None)
        .unwrap();
    // Too few respondents for the minimum.
    let e = build_norms(&inst, &data, false, &info, &NormOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::InvalidValue);
    assert_eq!(
        e.first().message(),
        "scale `R`: 3 respondents have a score; norms need at least 100"
    );
    let small = NormOptions {
        min_n: 2,
        ..NormOptions::default()
    };
    let tables = build_norms(&inst, &data, false, &info, &small).unwrap();
    assert_eq!(tables.len(), 2);
    // A file whose scales are not `[[scales]]` tables cannot be edited safely.
    let odd = text.replace("[[scales]]", "[[ scales ]]");
    let e = insert_norms(&odd, &inst, &tables, &info, None).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::Inconsistent);
    // The good file gets its tables, and validates.
    let out = insert_norms(&text, &inst, &tables, &info, None).unwrap();
    let normed = Instrument::from_toml(&out).unwrap();
    assert_eq!(normed.scale("S").unwrap().norms()[0].group(), "uji");
    assert_eq!(normed.scale("R").unwrap().norms()[0].sample_size(), 3);
}

/// KR-20 is alpha on 0/1 items: R psych 2.2.9
/// `alpha(binary[, cols])` (pairwise) on the dichotomised bfi, 2,800 rows.
#[test]
fn kr20_agrees_with_r_psych_on_dichotomised_bfi() {
    let inst = Instrument::from_toml(&read("tests/golden/bfi/bfi_binary.toml")).unwrap();
    let data = load(&inst, "tests/golden/bfi/bfi_binary.csv", None);
    let want: Value =
        serde_json::from_str(&read("tests/golden/bfi/bfi_binary_alpha.json")).unwrap();
    let a = analyze(&inst, &data, &AnalysisOptions::new()).unwrap();
    for s in &a.scales {
        let w = &want[&s.scale];
        assert!(s.reliability.kr20);
        close(
            s.reliability.alpha,
            &w["raw_alpha"],
            &format!("{} KR-20", s.scale),
        );
        close(
            s.reliability.std_alpha,
            &w["std_alpha"],
            &format!("{} std", s.scale),
        );
        for (i, it) in s.items.iter().enumerate() {
            close(
                it.item_rest,
                &w["r_drop"][i],
                &format!("{} r.drop", it.item),
            );
            // Proportion keyed 1 = difficulty of a 0/1 item.
            close(it.difficulty, &w["mean"][i], &format!("{} p", it.item));
        }
    }
}

/// Norms from simulated respondents can never be `validated`, and their
/// source must say they are simulated: the core applies the rule, whichever
/// way the data were read (response sets, the CSV reader, a matrix marked
/// simulated), so a service building norms cannot skip it.
#[test]
fn norms_from_simulated_data_are_never_validated() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    let small = NormOptions {
        min_n: 2,
        ..NormOptions::default()
    };
    let info = |status, source: &str| NormInfo {
        group: "uji".into(),
        source: source.into(),
        population: "none".into(),
        collected: "2026".into(),
        status,
    };
    let set = |id: &str, x: u8| {
        ResponseSet::from_json(&format!(
            r#"{{"respondent_id": "{id}", "answers": {{"R1": {x}, "S1": 3, "R2": 4, "S2": 2, "R3": 2, "S3": {x}}}}}"#
        ))
        .unwrap()
    };
    // The path of the problem that refuses the norms, or `None` when they
    // are built.
    let refused = |data: &AnalysisData, status, source: &str| {
        build_norms(&inst, data, false, &info(status, source), &small)
            .err()
            .map(|e| {
                assert_eq!(e.kind(), ProblemKind::InvalidValue);
                e.first().path().to_owned()
            })
    };
    let real = [set("a1", 1), set("a2", 5), set("a3", 3)];
    let simulated = [set("a1", 1), set("sintetis-mini-00002", 5), set("a3", 3)];
    // Real people: any status.
    let data = AnalysisData::from_sets(&inst, &real, None).unwrap();
    assert!(!data.simulated());
    assert_eq!(refused(&data, Status::Validated, "Survey 2026"), None);
    // One simulated id is enough.
    let data = AnalysisData::from_sets(&inst, &simulated, None).unwrap();
    assert!(data.simulated());
    assert_eq!(
        refused(&data, Status::Validated, "simulated").as_deref(),
        Some("status")
    );
    assert_eq!(
        refused(&data, Status::Provisional, "Survey 2026").as_deref(),
        Some("source")
    );
    assert_eq!(
        refused(
            &data,
            Status::Provisional,
            "Simulated respondents; not real people"
        ),
        None
    );
    // The CSV reader finds the ids in `respondent_id`, or in the column it is told.
    let header = ["id", "R1", "S1", "R2", "S2", "R3", "S3"];
    let rows = [
        ["a1", "1", "3", "4", "2", "2", "1"],
        ["sintetis-x-1", "5", "3", "4", "2", "2", "5"],
    ];
    let read_csv = |id_column: Option<&str>| {
        let mut r = CsvAnalysisReader::new(&inst, &header, None).unwrap();
        if let Some(c) = id_column {
            r = r.id_column(c);
        }
        for row in &rows {
            r.push(row);
        }
        r.finish()
    };
    assert!(
        !read_csv(None).simulated(),
        "no `respondent_id` column: ids unknown"
    );
    assert!(read_csv(Some("id")).simulated());
    // A matrix has no ids: its caller says so.
    let answers = [1.0, 3.0, 4.0, 2.0, 2.0, 1.0, 5.0, 3.0, 4.0, 2.0, 2.0, 5.0];
    let m = AnswerMatrix::new(&inst, &answers).unwrap();
    let data = AnalysisData::from_matrix(&inst, &m, None)
        .unwrap()
        .mark_simulated();
    assert_eq!(
        refused(&data, Status::Validated, "simulated").as_deref(),
        Some("status")
    );
}
