//! Bad and hostile input never panics: random bytes, random mutations of a
//! valid file, and inputs built to exhaust memory or the stack all give a
//! located error.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::{Instrument, ProblemKind, limits};
use proptest::prelude::*;

const MINI: &str = include_str!("fixtures/valid/mini.toml");
const CHOICE: &str = include_str!("fixtures/valid/choice.toml");

/// Every problem's location lies inside the text.
fn check_located(text: &str, err: &assess_core::Error) {
    let lines = text.split('\n').count();
    for p in err.problems() {
        if let (Some(line), Some(col)) = (p.line(), p.column()) {
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
            assert!(col >= 1);
        }
        assert!(!p.message().is_empty());
    }
    // Rendering never panics either.
    let _ = err.to_string();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,400}") {
        if let Err(e) = Instrument::from_toml(&s) {
            check_located(&s, &e);
        }
    }

    #[test]
    fn random_bytes_as_lossy_utf8_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let s = String::from_utf8_lossy(&bytes);
        if let Err(e) = Instrument::from_toml(&s) {
            check_located(&s, &e);
        }
    }

    #[test]
    fn mutated_valid_file_never_panics(
        at in 0usize..MINI.len(),
        len in 0usize..40,
        insert in "[\\[\\]{}=\",.a-zA-Z0-9 \\n#é🙂-]{0,12}",
    ) {
        let mut start = at.min(MINI.len());
        while !MINI.is_char_boundary(start) { start -= 1; }
        let mut end = (start + len).min(MINI.len());
        while !MINI.is_char_boundary(end) { end -= 1; }
        let text = format!("{}{}{}", &MINI[..start], insert, &MINI[end..]);
        if let Err(e) = Instrument::from_toml(&text) {
            check_located(&text, &e);
        }
    }

    #[test]
    fn swapped_lines_never_panic(a in 0usize..140, b in 0usize..140) {
        let mut lines: Vec<&str> = MINI.lines().collect();
        let n = lines.len();
        lines.swap(a % n, b % n);
        let text = lines.join("\n");
        if let Err(e) = Instrument::from_toml(&text) {
            check_located(&text, &e);
        }
    }
}

#[test]
fn oversized_input_is_rejected_before_parsing() {
    let text = format!("{MINI}\n# {}\n", "x".repeat(limits::MAX_DOCUMENT_BYTES));
    let err = Instrument::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::TooLarge);
    assert!(err.first().message().starts_with("input is "));
}

#[test]
fn deeply_nested_arrays_do_not_overflow_the_stack() {
    let text = format!("format = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Instrument::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::Syntax);
}

#[test]
fn too_many_items_is_a_located_error() {
    let mut text = MINI.to_owned();
    for i in 0..=limits::MAX_ITEMS {
        text.push_str(&format!(
            "\n[[items]]\nid = \"X{i}\"\nscale = \"R\"\nformat = \"suka5\"\ntext = {{ id = \"a{i}\", en = \"a{i}\" }}\n"
        ));
    }
    let err = Instrument::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::TooLarge);
    assert_eq!(err.first().path(), "items");
    assert!(err.first().line().is_some());
}

#[test]
fn many_problems_are_capped() {
    // Every item points at a missing scale: thousands of problems, capped.
    let mut text = MINI.to_owned();
    for i in 0..1500 {
        text.push_str(&format!(
            "\n[[items]]\nid = \"X{i}\"\nscale = \"NOPE\"\nformat = \"suka5\"\ntext = {{ id = \"a{i}\", en = \"a{i}\" }}\n"
        ));
    }
    let err = Instrument::from_toml(&text).unwrap_err();
    assert_eq!(err.problems().len(), limits::MAX_PROBLEMS);
}

#[test]
fn a_catalogue_list_of_150_000_distinct_ids_is_checked_in_one_pass() {
    // Catalogue id lists (sectors, competencies, groups) have no length
    // limit of their own, only the file's: duplicate detection stays
    // O(n log n) and still finds the one repeat. (Measured in a debug
    // build: 0.6 s with the B-tree, 2.2 s with a sorted vector's O(n)
    // insertions, whose cost grows with the square of the list. No
    // timing is asserted.)
    let catalog = include_str!("../instruments/job-families.toml");
    let mut sectors: Vec<String> = (0..150_000).map(|i| format!("\"s{i}\"")).collect();
    sectors.push("\"s7\"".to_owned());
    let text = catalog.replacen(
        r#"sectors = ["garmen", "tekstil"]"#,
        &format!("sectors = [{}]", sectors.join(", ")),
        1,
    );
    assert!(text.len() < limits::MAX_DOCUMENT_BYTES);
    let err = assess_core::Catalog::from_toml(&text).unwrap_err();
    assert!(
        err.problems()
            .iter()
            .any(|p| p.message() == "sector `s7` is listed twice"),
        "{err}"
    );
}

#[test]
fn crlf_files_load_and_hash_like_lf_files() {
    let crlf = MINI.replace('\n', "\r\n");
    let a = Instrument::from_toml(MINI).unwrap();
    let b = Instrument::from_toml(&crlf).unwrap();
    assert_eq!(a.hash(), b.hash());
}

#[test]
fn bom_is_accepted() {
    let with_bom = format!("\u{feff}{MINI}");
    let a = Instrument::from_toml(MINI).unwrap();
    match Instrument::from_toml(&with_bom) {
        Ok(b) => assert_eq!(a.hash(), b.hash()),
        Err(e) => panic!("a byte-order mark must be accepted:\n{e}"),
    }
}

// ---- response sets, adaptive sessions and options (JSON) ------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_response_json_never_panics(s in "\\PC{0,300}") {
        if let Err(e) = assess_core::ResponseSet::from_json(&s) {
            check_located(&s, &e);
        }
    }

    /// A valid response set cut anywhere, or with one byte replaced, gives
    /// a located problem or a value, never a panic.
    #[test]
    fn mutated_response_json_never_panics(at in 0usize..120, byte in any::<u8>(), cut in any::<bool>()) {
        let valid = r#"{"respondent_id": "r-1", "answers": {"R1": 4, "S1": "skipped", "Q2": "B"}, "seconds": {"R1": 3.5}, "metadata": {"age": 22, "d": [null, true]}}"#;
        let mut bytes = valid.as_bytes().to_vec();
        let at = at.min(bytes.len() - 1);
        if cut { bytes.truncate(at) } else { bytes[at] = byte }
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = assess_core::ResponseSet::from_json(&text) {
            check_located(&text, &e);
        }
    }
}

#[test]
fn deeply_nested_response_metadata_is_a_located_error() {
    let depth = 100_000;
    let text = format!(
        "{{\"respondent_id\": \"x\", \"metadata\": {{\"m\": {}{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let err = assess_core::ResponseSet::from_json(&text).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::Syntax);
    assert_eq!(err.first().message(), "recursion limit exceeded");
    check_located(&text, &err);
}

#[test]
fn too_many_answers_is_a_located_error() {
    let n = limits::MAX_ITEMS * 2 + 1;
    let answers: Vec<String> = (0..n).map(|i| format!("\"Q{i}\": 1")).collect();
    let text = format!(
        "{{\"respondent_id\": \"x\",\n \"answers\": {{{}}}}}",
        answers.join(",")
    );
    let err = assess_core::ResponseSet::from_json(&text).unwrap_err();
    assert_eq!(err.first().path(), "answers");
    assert_eq!(
        (err.first().line(), err.first().column()),
        (Some(2), Some(13))
    );
    assert!(err.first().message().starts_with("too many answers"));
}

#[test]
fn ten_megabyte_answers_and_ids_are_refused_with_short_messages() {
    // A text answer to a Likert item, an unknown option key of a choice
    // item, an unknown item id: each ten megabytes. The messages quote 60
    // characters; "did you mean" does not build a table of 10^7 × n cells.
    let big = "B".repeat(10 << 20);
    let cases = [
        (MINI, format!("{{\"R1\": \"{big}\"}}"), "answers.R1"),
        (CHOICE, format!("{{\"N1\": \"{big}\"}}"), "answers.N1"),
        (MINI, format!("{{\"{big}\": 1}}"), ""),
    ];
    for (toml, answers, path) in cases {
        let inst = Instrument::from_toml(toml).unwrap();
        let text = format!("{{\"respondent_id\": \"x\", \"answers\": {answers}}}");
        let set = assess_core::ResponseSet::from_json(&text).unwrap();
        let err = assess_core::check(&inst, &set, assess_core::Policy::Reject).unwrap_err();
        let p = err.first();
        if !path.is_empty() {
            assert_eq!(p.path(), path);
        }
        assert!(p.message().len() < 300, "{}", p.message().len());
        assert!(p.message().contains("BBB…"), "{}", p.message());
    }
    // The JSON reader's own messages are short too.
    let err = assess_core::ResponseSet::from_json(&format!(
        "{{\"respondent_id\": \"{big}\", \"{big}\": 1}}"
    ))
    .unwrap_err();
    assert!(err.first().message().starts_with("unknown field `BBB"));
    assert!(err.first().message().len() < 300);
}

/// Dotted keys and headers 100,000 deep (200 KB) aborted `assess check`
/// with a stack overflow (exit 134), and 10,000 threw `RangeError` in the
/// WebAssembly build; a key repeated 400,000 times in an inline table took
/// minutes. Each is now one located problem, found at once, in the
/// instrument and the catalogue loaders alike (issue 18).
#[test]
fn deep_dotted_keys_headers_and_repeated_inline_keys_are_located_errors() {
    let deep = vec!["a"; 100_000].join(".");
    for text in [
        format!("{deep} = 1"),
        format!("[{deep}]\n"),
        format!("[[{deep}]]\n"),
    ] {
        for err in [
            assess_core::Instrument::from_toml(&text).unwrap_err(),
            assess_core::Catalog::from_toml(&text).unwrap_err(),
        ] {
            assert_eq!(err.kind(), assess_core::ProblemKind::Syntax);
            assert_eq!(
                err.first().message(),
                "keys and tables are nested more than 80 deep"
            );
            assert_eq!(err.first().line(), Some(1));
        }
    }
    let repeated = format!("x = {{{}}}\n", vec!["k=1"; 400_000].join(","));
    let err = assess_core::Instrument::from_toml(&repeated).unwrap_err();
    assert_eq!(err.problems().len(), assess_core::limits::MAX_PROBLEMS);
}

/// A metadata key or column given twice kept its last value silently; it
/// is now a located `duplicate_id` problem (issue 18).
#[test]
fn duplicate_metadata_keys_and_columns_are_located_problems() {
    let e = assess_core::ResponseSet::from_json(
        r#"{"respondent_id": "a", "answers": {"R1": 4},
            "metadata": {"district": "Demak", "district": "Rembang"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.kind(), e.first().path(), e.first().message()),
        (
            ProblemKind::DuplicateId,
            "metadata",
            "duplicate field `district`"
        )
    );
    assert_eq!((e.first().line(), e.first().column()), (Some(2), Some(47)));
    let inst = Instrument::from_toml(MINI).unwrap();
    let header = ["respondent_id", "district", "R1", "district"];
    let e = assess_core::CsvLayout::new(&inst, &header, "respondent_id").unwrap_err();
    assert_eq!(
        (e.kind(), e.first().path(), e.first().message()),
        (
            ProblemKind::DuplicateId,
            "district",
            "column `district` appears twice in the header (columns 2 and 4)"
        )
    );
    // Items answered twice stay the checker's `duplicate_answer`.
    assert!(
        assess_core::CsvLayout::new(&inst, &["respondent_id", "R1", "R1"], "respondent_id").is_ok()
    );
}
