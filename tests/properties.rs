//! Invariants of scoring, as properties over random responses.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::LazyLock;

use assess_core::prec;
use assess_core::{
    Answer, Answers, BatchRecord, CsvLayout, CsvRowScorer, FormatKind, Instrument, Policy,
    ResponseSet, RowScores, ScoreOptions, score,
};
use assess_tests::read;
use proptest::prelude::*;

static INSTRUMENTS: LazyLock<Vec<Instrument>> = LazyLock::new(|| {
    let mut v: Vec<Instrument> = ["mini.toml", "normed.toml", "choice.toml", "bfi.toml"]
        .iter()
        .map(|f| Instrument::from_toml(&read(&format!("tests/fixtures/valid/{f}"))).unwrap())
        .collect();
    for f in ["riasec.toml", "aptitude.toml", "readiness.toml"] {
        let path = assess_tests::root().join("instruments").join(f);
        if let Ok(text) = std::fs::read_to_string(path) {
            v.push(Instrument::from_toml(&text).unwrap());
        }
    }
    v
});

/// A valid answer (or none) for every item of `inst`, from random draws.
fn answers_for(inst: &Instrument, draws: &[u32]) -> Answers {
    let mut out = Vec::new();
    for (i, item) in inst.items().iter().enumerate() {
        let d = draws[i % draws.len()]
            .wrapping_mul(2_654_435_761)
            .wrapping_add(u32::try_from(i).unwrap_or(0));
        if d.is_multiple_of(7) {
            continue; // unanswered
        }
        if d.is_multiple_of(11) {
            out.push((item.id().to_owned(), Answer::Skipped));
            continue;
        }
        let a = match inst.format_of(item).kind() {
            FormatKind::Likert { min, max, .. } => {
                let span = u32::try_from(max - min + 1).unwrap();
                Answer::Number(f64::from(*min) + f64::from(d % span))
            }
            FormatKind::Binary { .. } => Answer::Number(f64::from(d % 2)),
            _ => Answer::Choice(
                item.options()[(d as usize) % item.options().len()]
                    .key()
                    .to_owned(),
            ),
        };
        out.push((item.id().to_owned(), a));
    }
    Answers(out)
}

fn set(id: &str, answers: Answers) -> ResponseSet {
    ResponseSet {
        respondent_id: id.to_owned(),
        answers,
        ..ResponseSet::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_within_their_bounds(which in 0usize..16, draws in proptest::collection::vec(any::<u32>(), 1..80)) {
        let inst = &INSTRUMENTS[which % INSTRUMENTS.len()];
        let report = score(inst, &set("p", answers_for(inst, &draws)), &ScoreOptions::new()).unwrap();
        for s in &report.scales {
            if let Some(x) = s.score {
                prop_assert!(x >= s.min - 1e-9 && x <= s.max + 1e-9, "{} = {x} outside {}..{}", s.id, s.min, s.max);
                let p = s.pomp.unwrap();
                prop_assert!((0.0..=100.0).contains(&p));
                prop_assert!(s.answered + s.missing == s.items);
            }
            if let Some(pc) = s.percent_correct {
                prop_assert!((0.0..=100.0).contains(&pc));
            }
            if let Some(n) = &s.norm {
                prop_assert!((0.0..=100.0).contains(&n.percentile));
                prop_assert!((1..=9).contains(&n.stanine));
            }
        }
        prop_assert!((0.0..=1.0).contains(&report.quality.completion));
    }

    #[test]
    fn scoring_does_not_depend_on_answer_order(which in 0usize..16, draws in proptest::collection::vec(any::<u32>(), 1..80), seed in any::<u64>()) {
        let inst = &INSTRUMENTS[which % INSTRUMENTS.len()];
        let answers = answers_for(inst, &draws);
        let mut shuffled = answers.0.clone();
        // Fisher–Yates with a small LCG, so the test needs no RNG crate.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = serde_json::to_string(&score(inst, &set("p", answers), &ScoreOptions::new()).unwrap()).unwrap();
        let b = serde_json::to_string(&score(inst, &set("p", Answers(shuffled)), &ScoreOptions::new()).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn metadata_never_changes_a_score(which in 0usize..16, draws in proptest::collection::vec(any::<u32>(), 1..80),
        gender in "(female|male|perempuan|laki-laki|)", disability in "(none|deaf|blind|wheelchair user|)", district in "[A-Z][a-z]{2,10}", age in 15u32..40) {
        let inst = &INSTRUMENTS[which % INSTRUMENTS.len()];
        let plain = set("p", answers_for(inst, &draws));
        let mut with_meta = plain.clone();
        with_meta.metadata.insert("gender".into(), gender.into());
        with_meta.metadata.insert("disability".into(), disability.into());
        with_meta.metadata.insert("district".into(), district.into());
        with_meta.metadata.insert("age".into(), age.into());
        with_meta.metadata.insert("accommodations".into(), serde_json::json!(["screen reader", "extra time"]));
        let a = score(inst, &plain, &ScoreOptions::new()).unwrap();
        let b = score(inst, &with_meta, &ScoreOptions::new()).unwrap();
        prop_assert_eq!(&a.scales, &b.scales);
        prop_assert_eq!(&a.quality, &b.quality);
        prop_assert_eq!(&a.warnings, &b.warnings);
    }

    /// Reverse keying maps x to (min + max − x): an instrument with R3
    /// reversed, answered x, scores as the same instrument with R3 not
    /// reversed, answered 6 − x (for `suka5`, 1 + 5 − x). The item scores
    /// themselves, for every reverse-keyed format, are checked against a
    /// table worked out by hand in `reverse_keyed_items_score_as_the_table`.
    #[test]
    fn reversing_keying_twice_is_the_identity(r1 in 1u8..=5, r2 in 1u8..=5, r3 in 1u8..=5) {
        let keyed = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
        let unkeyed_text = read("tests/fixtures/valid/mini.toml").replace("reverse = true\n", "reverse = false\n");
        let unkeyed = Instrument::from_toml(&unkeyed_text).unwrap();
        let mk = |x3: u8| set("p", Answers(vec![
            ("R1".into(), Answer::Number(f64::from(r1))),
            ("R2".into(), Answer::Number(f64::from(r2))),
            ("R3".into(), Answer::Number(f64::from(x3))),
        ]));
        let opts = ScoreOptions::new().policy(Policy::Warn);
        let a = score(&keyed, &mk(r3), &opts).unwrap();
        let b = score(&unkeyed, &mk(6 - r3), &opts).unwrap();
        prop_assert_eq!(a.scales[0].raw, b.scales[0].raw);
    }
}

/// One `[[case]]` of `tests/golden/reverse_keying.toml`.
struct KeyingCase {
    instrument: String,
    edits: Vec<(String, String)>,
    format: String,
    min: i64,
    max: i64,
    scores: Vec<(i64, i64)>,
}

fn keying_cases() -> Vec<KeyingCase> {
    let table: toml::Table = read("tests/golden/reverse_keying.toml").parse().unwrap();
    let int = |v: &toml::Value| v.as_integer().unwrap();
    table["case"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| KeyingCase {
            instrument: c["instrument"].as_str().unwrap().to_owned(),
            edits: c.get("edits").map_or_else(Vec::new, |e| {
                e.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        let p = p.as_array().unwrap();
                        (
                            p[0].as_str().unwrap().to_owned(),
                            p[1].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect()
            }),
            format: c["format"].as_str().unwrap().to_owned(),
            min: int(&c["min"]),
            max: int(&c["max"]),
            scores: c["scores"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let p = p.as_array().unwrap();
                    (int(&p[0]), int(&p[1]))
                })
                .collect(),
        })
        .collect()
}

/// A valid answer that is not reverse keyed away from its value: the
/// format's lowest point, or the first option of a choice item.
fn some_answer(inst: &Instrument, item: &assess_core::Item) -> Answer {
    match inst.format_of(item).kind() {
        FormatKind::Likert { min, .. } => Answer::Number(f64::from(*min)),
        FormatKind::Binary { .. } => Answer::Number(0.0),
        _ => Answer::Choice(item.options()[0].key().to_owned()),
    }
}

/// The score a reverse-keyed item gets for each answer, read off the
/// report: the scale's raw sum with every item of the scale answered,
/// minus the raw sum with this item left out (one missing answer, which
/// every scale here allows). Compared with the hand-made table of
/// `tests/golden/reverse_keying.toml` (rule: docs/instrument-format.md,
/// `reverse`), for every reverse-keyed item of every listed format.
#[test]
fn reverse_keyed_items_score_as_the_table() {
    let cases = keying_cases();
    let mut checked = 0;
    for case in &cases {
        let mut text = read(&case.instrument);
        for (from, to) in &case.edits {
            assert!(
                text.contains(from.as_str()),
                "{}: no `{from}`",
                case.instrument
            );
            text = text.replacen(from.as_str(), to, 1);
        }
        let inst = Instrument::from_toml(&text)
            .unwrap_or_else(|e| panic!("{} (edited): {e}", case.instrument));
        let format = inst
            .formats()
            .iter()
            .find(|f| f.name() == case.format)
            .unwrap_or_else(|| panic!("{}: no format `{}`", case.instrument, case.format));
        let (min, max) = match format.kind() {
            FormatKind::Likert { min, max, .. } => (i64::from(*min), i64::from(*max)),
            FormatKind::Binary { .. } => (0, 1),
            _ => panic!("`{}` is not an ordered format", case.format),
        };
        assert_eq!(
            (min, max),
            (case.min, case.max),
            "{} `{}`: the table's range is not the format's",
            case.instrument,
            case.format
        );
        let points: Vec<i64> = case.scores.iter().map(|&(x, _)| x).collect();
        assert_eq!(points, (min..=max).collect::<Vec<_>>(), "every point, once");
        let reversed: Vec<usize> = (0..inst.items().len())
            .filter(|&i| {
                let item = &inst.items()[i];
                item.reverse() && inst.format_of(item).name() == case.format
            })
            .collect();
        assert!(
            !reversed.is_empty(),
            "{}: no reverse-keyed item",
            case.instrument
        );
        for &t in &reversed {
            let target = &inst.items()[t];
            let scale = target.scale_index();
            let others: Vec<(String, Answer)> = inst
                .items()
                .iter()
                .enumerate()
                .filter(|&(i, item)| i != t && item.scale_index() == scale)
                .map(|(_, item)| (item.id().to_owned(), some_answer(&inst, item)))
                .collect();
            let raw = |answers: Vec<(String, Answer)>| {
                let r = score(&inst, &set("p", Answers(answers)), &ScoreOptions::new()).unwrap();
                r.scales[scale]
                    .raw
                    .unwrap_or_else(|| panic!("{}: scale not scored", target.id()))
            };
            let without = raw(others.clone());
            for &(x, want) in &case.scores {
                let mut answers = others.clone();
                answers.push((target.id().to_owned(), Answer::Number(x as f64)));
                let got = raw(answers) - without;
                assert!(
                    prec::exactly(got, want as f64),
                    "{} `{}` answered {x}: item score {got}, the table says {want}",
                    case.instrument,
                    target.id()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 80, "only {checked} item scores checked");
    // Every reverse-keyed format of the shipped instruments and the valid
    // fixtures has a case, so a new one cannot go unchecked.
    let mut files: Vec<String> = ["instruments", "tests/fixtures/valid"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(assess_tests::root().join(dir))
                .unwrap()
                .map(move |e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        })
        .filter(|f| f.ends_with(".toml") && !f.ends_with("job-families.toml"))
        .collect();
    files.sort();
    for file in files {
        let inst = Instrument::from_toml(&read(&file)).unwrap();
        for item in inst.items().iter().filter(|i| i.reverse()) {
            let name = inst.format_of(item).name();
            assert!(
                cases
                    .iter()
                    .any(|c| c.instrument == file && c.format == name && c.edits.is_empty()),
                "{file}: reverse-keyed format `{name}` (item `{}`) is not in tests/golden/reverse_keying.toml",
                item.id()
            );
        }
    }
}

#[test]
fn every_bad_answer_is_reported_with_its_item_and_nothing_else_is_lost() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/choice.toml")).unwrap();
    let text = r#"{"respondent_id": "x", "answers": {
        "N1": "B", "N2": "E", "N3": 2, "J1": "C", "J1": "A", "B1": 2, "Z9": 1, "J2": "A"
    }, "seconds": {"N1": -1}}"#;
    let set = ResponseSet::from_json(text).unwrap();
    // Reject: one error listing every problem.
    let err = score(&inst, &set, &ScoreOptions::new()).unwrap_err();
    let got: Vec<(String, String, String)> = err
        .problems()
        .iter()
        .map(|p| {
            (
                p.kind().to_string(),
                p.path().to_owned(),
                p.message().to_owned(),
            )
        })
        .collect();
    let want = [
        (
            "out_of_range",
            "answers.N2",
            "option `E` does not exist in `N2`; expected one of `A`, `B`, `C`, `D`",
        ),
        (
            "wrong_answer_type",
            "answers.N3",
            "expected an option key for `N3`, found the number 2",
        ),
        (
            "duplicate_answer",
            "answers.J1",
            "item `J1` is answered more than once; the first answer is kept",
        ),
        (
            "out_of_range",
            "answers.B1",
            "answer 2 to `B1` is out of range; expected 0 or 1",
        ),
        ("unknown_item", "answers.Z9", "unknown item `Z9`"),
        (
            "out_of_range",
            "seconds.N1",
            "seconds for `N1` must be 0 or more, found -1",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(got, want);
    // Warn: the valid answers are scored, the problems become warnings.
    let report = score(&inst, &set, &ScoreOptions::new().policy(Policy::Warn)).unwrap();
    assert_eq!(report.warnings.len(), 6);
    assert_eq!(report.scales[0].answered, 1); // N1 only
    assert_eq!(report.scales[1].answered, 2); // J1 (first answer, C = 2) and J2
    assert_eq!(report.scales[1].raw, Some(5.0));
}

#[test]
fn a_likert_answer_given_as_text_is_a_wrong_type() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    let set =
        ResponseSet::from_json(r#"{"respondent_id":"x","answers":{"R1":"4","R2":4.5,"R3":0}}"#)
            .unwrap();
    let err = score(&inst, &set, &ScoreOptions::new()).unwrap_err();
    let msgs: Vec<&str> = err.problems().iter().map(|p| p.message()).collect();
    assert_eq!(
        msgs,
        [
            "expected a number for `R1`, found the text `4`",
            "answer 4.5 to `R2` is out of range; expected a whole number from 1 to 5",
            "answer 0 to `R3` is out of range; expected a whole number from 1 to 5",
        ]
    );
}

#[test]
fn unknown_form_and_item_outside_the_form() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    let set =
        ResponseSet::from_json(r#"{"respondent_id":"x","form":"pendk","answers":{}}"#).unwrap();
    let err = score(&inst, &set, &ScoreOptions::new().policy(Policy::Warn)).unwrap_err();
    assert_eq!(
        err.first().message(),
        "unknown form `pendk`; expected one of `full`, `pendek`"
    );
    assert_eq!(err.first().hint(), Some("did you mean `pendek`?"));
    let set = ResponseSet::from_json(r#"{"respondent_id":"x","form":"pendek","answers":{"R3":4}}"#)
        .unwrap();
    let err = score(&inst, &set, &ScoreOptions::new()).unwrap_err();
    assert_eq!(
        err.first().message(),
        "item `R3` is not part of form `pendek`"
    );
}

#[test]
fn malformed_response_json_is_located() {
    let err = ResponseSet::from_json("{\"respondent_id\": \"x\",\n \"answers\": {\"R1\": tru}}")
        .unwrap_err();
    assert_eq!(err.first().line(), Some(2));
    assert_eq!(err.kind(), assess_core::ProblemKind::Syntax);
    let err = ResponseSet::from_json(r#"{"respondent_id": "x", "answer": {}}"#).unwrap_err();
    assert!(
        err.first().message().starts_with("unknown field `answer`"),
        "{}",
        err.first().message()
    );
    let err =
        ResponseSet::from_json(r#"{"respondent_id": "x", "answers": {"R1": true}}"#).unwrap_err();
    assert!(
        err.first()
            .message()
            .starts_with("invalid type: boolean `true`")
    );
}

#[test]
fn same_input_same_bytes() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/normed.toml")).unwrap();
    let set = ResponseSet::from_json(r#"{"respondent_id":"x","answers":{"R1":5,"S1":3,"R2":4,"S2":2,"R3":2,"S3":4},"metadata":{"z":1,"a":2}}"#).unwrap();
    let a = serde_json::to_string(&score(&inst, &set, &ScoreOptions::new()).unwrap()).unwrap();
    let b =
        serde_json::to_string(&score(&inst, &set.clone(), &ScoreOptions::new()).unwrap()).unwrap();
    assert_eq!(a, b);
    // Metadata keys are sorted, whatever order they came in.
    assert!(a.ends_with(r#""metadata":{"a":2,"z":1}}"#));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The dense batch path gives exactly the per-respondent `score`.
    #[test]
    fn score_matrix_agrees_with_score(which in 0usize..16, rows in proptest::collection::vec(proptest::collection::vec(any::<u32>(), 1..40), 1..6)) {
        let inst = &INSTRUMENTS[which % INSTRUMENTS.len()];
        let n = inst.items().len();
        let mut values = Vec::new();
        let mut sets = Vec::new();
        for draws in &rows {
            let answers = answers_for(inst, draws);
            let mut row = vec![f64::NAN; n];
            for (id, a) in &answers.0 {
                let i = inst.item_index(id).unwrap();
                row[i] = match a {
                    Answer::Number(x) => *x,
                    Answer::Choice(k) => inst.items()[i].options().iter().position(|o| o.key() == k).unwrap() as f64,
                    Answer::Skipped => f64::NAN,
                };
            }
            values.extend(row);
            sets.push(set("p", answers));
        }
        let m = assess_core::score_matrix(inst, &assess_core::AnswerMatrix::new(inst, &values).unwrap());
        prop_assert_eq!(m.invalid, 0);
        for (r, s) in sets.iter().enumerate() {
            let report = score(inst, s, &ScoreOptions::new()).unwrap();
            for (c, sr) in report.scales.iter().enumerate() {
                let got = m.row(r)[c];
                match sr.score {
                    Some(x) => prop_assert_eq!(got.to_bits(), x.to_bits(), "{} row {}", sr.id, r),
                    None => prop_assert!(got.is_nan()),
                }
            }
        }
    }
}

/// Numbers in response JSON are parsed correctly rounded, whatever other
/// crates enable: serde_json's default fast float parser is not, and once
/// printed 3.7 where the exact median of 3.3 and 4.1 is 3.6999999999999997.
#[test]
fn response_numbers_parse_correctly_rounded() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    let set = ResponseSet::from_json(
        r#"{"respondent_id":"x","answers":{"R1":3,"S1":4},"seconds":{"R1":3.3,"S1":4.1}}"#,
    )
    .unwrap();
    assert_eq!(set.seconds["R1"].to_bits(), 3.3f64.to_bits());
    assert_eq!(set.seconds["S1"].to_bits(), 4.1f64.to_bits());
    let r = score(&inst, &set, &ScoreOptions::new().policy(Policy::Warn)).unwrap();
    assert_eq!(
        r.quality.median_seconds.unwrap().to_bits(),
        ((3.3f64 + 4.1) / 2.0).to_bits()
    );
}

/// One CSV cell for `item` from a random draw: mostly a valid answer, at
/// times empty, `skipped`, padded, written `4.0`, out of range or text.
fn cell_for(inst: &Instrument, item: &assess_core::Item, d: u32) -> String {
    let valid = |d: u32| match inst.format_of(item).kind() {
        FormatKind::Likert { min, max, .. } => {
            let span = u32::try_from(max - min + 1).unwrap();
            (i64::from(*min) + i64::from(d % span)).to_string()
        }
        FormatKind::Binary { .. } => (d % 2).to_string(),
        _ => item.options()[(d as usize) % item.options().len()]
            .key()
            .to_owned(),
    };
    match d % 48 {
        0 => String::new(),
        1 => "skipped".to_owned(),
        2 => match inst.format_of(item).kind() {
            FormatKind::Likert { max, .. } => (max + 1).to_string(),
            FormatKind::Binary { .. } => "2".to_owned(),
            _ => "ZZ".to_owned(),
        },
        3 => "abc".to_owned(),
        4 => format!(" {} ", valid(d / 48)),
        5 if !matches!(
            inst.format_of(item).kind(),
            FormatKind::SingleChoice | FormatKind::ScoredChoice
        ) =>
        {
            format!("{}.0", valid(d / 48))
        }
        6 => "2.5".to_owned(),
        _ => valid(d / 48),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The lean CSV path gives what the wide CSV shows of `score`'s report
    /// (status, each scale's score, POMP and band, the Holland code, the
    /// flags), bit for bit, and declines only rows that `score` rejects or
    /// scores with warnings. Rows are scored one after another into the
    /// same `RowScores`, as a batch does.
    #[test]
    fn csv_row_scorer_agrees_with_score(
        which in 0usize..16,
        rows in proptest::collection::vec(proptest::collection::vec(any::<u32>(), 1..80), 1..4),
        en in any::<bool>(),
        warn in any::<bool>(),
        rare in any::<bool>(),
    ) {
        let inst = &INSTRUMENTS[which % INSTRUMENTS.len()];
        let mut header = vec!["respondent_id"];
        header.extend(inst.items().iter().map(|i| i.id()));
        header.push("district");
        let layout = CsvLayout::new(inst, &header, "respondent_id").unwrap();
        let opts = ScoreOptions::new()
            .language(if en { "en" } else { "id" })
            .policy(if warn { Policy::Warn } else { Policy::Reject });
        let scorer = CsvRowScorer::new(inst, &layout, &opts).unwrap();
        let mut out = RowScores::default();
        for (r, draws) in rows.iter().enumerate() {
            let mut cells = vec![format!("p{r}")];
            for (i, item) in inst.items().iter().enumerate() {
                let d = draws[i % draws.len()]
                    .wrapping_mul(2_654_435_761)
                    .wrapping_add(u32::try_from(i).unwrap());
                // Mostly clean rows, so that the lean path is exercised.
                let d = if rare || d % 5 == 0 { d } else { d - d % 48 + 7 };
                cells.push(cell_for(inst, item, d));
            }
            cells.push("Rembang".to_owned());
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            let handled = scorer.score(&cells, &mut out);
            let result = score(inst, &layout.read(&cells).unwrap(), &opts);
            if !handled {
                prop_assert!(result.as_ref().map_or(true, |rep| !rep.warnings.is_empty()));
                continue;
            }
            let report = result.unwrap();
            prop_assert!(report.warnings.is_empty());
            prop_assert_eq!(scorer.respondent_id(&cells), Some(report.respondent_id.as_str()));
            let flags: Vec<_> = report.quality.flags.iter().map(|f| f.kind).collect();
            prop_assert_eq!(&out.flags, &flags);
            let code = report.riasec.as_ref().map(|p| p.holland.code.clone());
            prop_assert_eq!(&out.holland, &code);
            prop_assert_eq!(out.scales.len(), report.scales.len());
            for (got, want) in out.scales.iter().zip(&report.scales) {
                prop_assert_eq!(got.score.map(f64::to_bits), want.score.map(f64::to_bits), "{} score", want.id);
                prop_assert_eq!(got.pomp.map(f64::to_bits), want.pomp.map(f64::to_bits), "{} pomp", want.id);
                prop_assert_eq!(got.band, want.band.as_ref().map(|b| b.id.as_str()), "{} band", want.id);
            }
            // θ from the scorer's EAP tables is the report's θ to the bit.
            let irt = report.irt.as_ref().map(|e| (e.theta.to_bits(), e.se.to_bits(), e.estimator));
            prop_assert_eq!(out.irt.map(|e| (e.theta.to_bits(), e.se.to_bits(), e.estimator)), irt);
            prop_assert_eq!(out.status, BatchRecord::new(1, None, Ok(report)).status);
        }
    }
}

/// Layouts the lean CSV path leaves to `score`: a misspelt item column and
/// an item in two columns; rows with a form, a timing or a wrong number of
/// cells are declined one by one.
#[test]
fn csv_row_scorer_declines_what_it_does_not_handle() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/mini.toml")).unwrap();
    let opts = ScoreOptions::new();
    let layout = |h: &[&str]| CsvLayout::new(&inst, h, "respondent_id").unwrap();
    let plain = ["respondent_id", "R1", "R2", "R3", "S1", "S2", "S3"];
    assert!(CsvRowScorer::new(&inst, &layout(&plain), &opts).is_some());
    let misspelt = ["respondent_id", "R1", "R2", "R3", "S1", "S2", "S33"];
    assert!(CsvRowScorer::new(&inst, &layout(&misspelt), &opts).is_none());
    let twice = ["respondent_id", "R1", "R2", "R3", "S1", "S2", "S3", "R1"];
    assert!(CsvRowScorer::new(&inst, &layout(&twice), &opts).is_none());
    let extra = [
        "respondent_id",
        "R1",
        "R2",
        "R3",
        "S1",
        "S2",
        "S3",
        "form",
        "seconds.R1",
    ];
    let l = layout(&extra);
    let scorer = CsvRowScorer::new(&inst, &l, &opts).unwrap();
    let mut out = RowScores::default();
    fn row<'a>(form: &'a str, secs: &'a str) -> Vec<&'a str> {
        vec!["a", "5", "4", "2", "3", "2", "4", form, secs]
    }
    assert!(scorer.score(&row("", ""), &mut out));
    assert!(scorer.score(&row(" full ", "soon"), &mut out));
    assert!(!scorer.score(&row("pendek", ""), &mut out));
    assert!(!scorer.score(&row("", "3.5"), &mut out));
    assert!(!scorer.score(&["a", "5"], &mut out));
}

/// Any JSON value serde_json can write, a few levels deep (metadata).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("\\PC{0,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Answer::Number),
        (0u32..6).prop_map(|x| Answer::Number(f64::from(x))),
        "[A-E]|\\PC{0,8}".prop_map(|k| if k == "skipped" {
            Answer::Skipped
        } else {
            Answer::Choice(k)
        }),
        Just(Answer::Skipped),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A response set written as JSON reads back equal: every answer (in
    /// order, repeated ids kept), number bits, text, seconds and metadata.
    #[test]
    fn response_sets_read_back_what_json_wrote(
        id in "\\PC{0,10}",
        form in proptest::option::of("[a-z]{1,8}"),
        answers in prop::collection::vec(("[A-Z][0-9]{1,2}", answer()), 0..12),
        seconds in prop::collection::btree_map("[A-Z][0-9]", any::<f64>().prop_filter("finite", |x| x.is_finite()), 0..4),
        metadata in prop::collection::btree_map("\\PC{0,6}", json_value(), 0..4),
    ) {
        let set = ResponseSet {
            respondent_id: id,
            form,
            answers: Answers(answers),
            seconds,
            metadata,
        };
        let text = serde_json::to_string(&set).unwrap();
        let back = ResponseSet::from_json(&text).unwrap();
        prop_assert_eq!(&back, &set);
        // Number bits too (-0.0 == 0.0 for PartialEq).
        for ((_, a), (_, b)) in back.answers.0.iter().zip(&set.answers.0) {
            if let (Answer::Number(x), Answer::Number(y)) = (a, b) {
                prop_assert_eq!(x.to_bits(), y.to_bits());
            }
        }
        // And serde's route gives the same value.
        prop_assert_eq!(&serde_json::from_str::<ResponseSet>(&text).unwrap(), &set);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// An adaptive-test configuration written as JSON reads back equal,
    /// `null` and absent keys kept apart (`target_se: null` runs to the
    /// maximum length; absent is 0.3).
    #[test]
    fn cat_configs_read_back_what_json_wrote(
        estimator in proptest::option::of(prop_oneof![
            Just(assess_core::EstimatorKind::Eap),
            Just(assess_core::EstimatorKind::Map),
            Just(assess_core::EstimatorKind::Ml),
            Just(assess_core::EstimatorKind::Wle),
        ]),
        min in 0usize..30,
        max in 0usize..60,
        target_se in proptest::option::of(0.05f64..1.0),
        start in proptest::option::of(-3.0f64..3.0),
        exposure in 0u8..3,
        candidates in 1usize..6,
        rates in prop::collection::btree_map("[A-Z][0-9]", 0.01f64..1.0, 0..4),
        content in 0u8..3,
        shares in prop::collection::btree_map("[a-z]{1,6}", 0.0f64..5.0, 0..4),
    ) {
        use assess_core::cat::{CatConfig, Content, Exposure};
        let config = CatConfig {
            estimator,
            min_items: min,
            max_items: max,
            target_se,
            start_theta: start,
            exposure: match exposure {
                0 => Exposure::None,
                1 => Exposure::Randomesque { candidates },
                _ => Exposure::SympsonHetter { rates },
            },
            content: match content {
                0 => Content::None,
                1 => Content::Equal,
                _ => Content::Targets { shares },
            },
        };
        let text = serde_json::to_string(&config).unwrap();
        prop_assert_eq!(CatConfig::from_json(&text).unwrap(), config);
    }
}
