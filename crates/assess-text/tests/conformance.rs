//! The public conformance suites of the formats this crate reads, run
//! against its readers: toml-test (TOML 1.0 and 1.1) and JSONTestSuite.
//!
//! The suites are not copied into the repository: they are read at run
//! time from `../shared/conformance/` beside the checkout (see its
//! `README.md`; each suite keeps its licence there), so that every test run
//! and CI use the same files. A missing folder fails the tests, with the
//! path where it is expected.
//!
//! What is checked, file by file, and reported all at once (not just the
//! first failure):
//!
//! - toml-test `valid/**.toml`: read with no syntax error, walked by the
//!   crate's own walker (`toml::de`) with no error, and the tree, written as
//!   toml-test's tagged JSON, equal to the `.json` beside the file (floats by
//!   value, `nan` and `inf` included; date-times by normalised value, as
//!   toml-test's own runner compares them);
//! - toml-test `invalid/**.toml`: rejected somewhere on the engine's path,
//!   with a location: not UTF-8 (the engine's callers hand it `&str`, and
//!   the command line refuses a file that is not UTF-8), a syntax error of
//!   the reader with a span inside the text, or, for what this design
//!   leaves to the walk (an integer beyond `i64`), the walker's located
//!   type error;
//! - JSONTestSuite `test_parsing/`: `y_*` accepted by `json::parse` and read
//!   to the same tree as serde_json reads, `n_*` rejected with a span inside
//!   the text, `i_*` either way, as recorded in [`JSON_IMPLEMENTATION_DEFINED`];
//! - no file makes a reader panic (each file runs under `catch_unwind`).

#![allow(clippy::unwrap_used, clippy::panic, clippy::float_cmp)]

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use assess_text::json;
use assess_text::toml::de::{Cx, DeResult, FromDe};
use assess_text::toml::{self, Kind, Value};
use serde_json::Value as Json;

// ---- where the suites are ---------------------------------------------------

/// `../shared/conformance/` beside the checkout; a clear failure when it is
/// not there.
fn suites() -> PathBuf {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/conformance"
    ));
    assert!(
        dir.join("README.md").is_file(),
        "the conformance suites are missing: expected them in `{}` \
         (`../shared/conformance/` beside the project's checkout, with \
         `toml-test/tests/` and `JSONTestSuite/test_parsing/` in it; CI has it there)",
        dir.display()
    );
    dir.to_path_buf()
}

/// What a reader did with one file, or how the test found it wrong.
type Outcome = Result<String, String>;

/// Runs `f` on one file; a panic becomes a failure naming the file.
fn guarded(name: &str, f: impl FnOnce() -> Outcome) -> Outcome {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("{name}: PANICKED: {message}"))
        }
    }
}

/// Whether `span` lies inside `text`, on character boundaries.
fn inside(span: &Range<usize>, text: &str) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Bytes into text as the engine's callers do it: the command line reads a
/// file with `String::from_utf8` (instruments, `read_text` in
/// `assess-cli/src/main.rs`), `read_to_string` (a JSON batch) or
/// `str::from_utf8` (a JSON Lines row), and refuses it when it is not
/// UTF-8, naming the offset of the first bad byte. No lossy conversion,
/// and a byte-order mark is kept for the reader to judge.
fn text_of(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()))
}

/// The failures of a suite, all of them, in one panic message.
fn report(suite: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{suite}: {} file(s) failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

// ---- toml-test --------------------------------------------------------------

/// Invalid files of the TOML 1.0 list that TOML 1.1 made valid. The reader
/// reads TOML 1.1 (as the `toml` crate 1.2 does), so it accepts them; they
/// are checked to be accepted, so that a change either way is noticed. The
/// 1.1 list does not have them (the test checks that too), and its valid
/// files have the same constructs (`valid/datetime/no-seconds.toml`,
/// `valid/inline-table/newline.toml`, `valid/string/hex-escape.toml`, …).
///
/// Every other file of the 1.0 list means the same in 1.1: the two lists
/// share 806 files; the 1.0 list's own valid files are the examples of the
/// 1.0 specification (`spec-1.0.0/`), which read the same under 1.1, and its
/// other eight own invalid files (`spec-1.0.0/…`) are invalid in 1.1 too
/// (the 1.1 list has them again as `spec-1.1.0/common-*`).
const MADE_VALID_BY_TOML_1_1: &[(&str, &str)] = &[
    (
        "invalid/datetime/no-secs.toml",
        "seconds are optional in times",
    ),
    (
        "invalid/local-datetime/no-secs.toml",
        "seconds are optional in times",
    ),
    (
        "invalid/local-time/no-secs.toml",
        "seconds are optional in times",
    ),
    (
        "invalid/inline-table/linebreak-01.toml",
        "inline tables may span lines",
    ),
    (
        "invalid/inline-table/linebreak-02.toml",
        "inline tables may span lines",
    ),
    (
        "invalid/inline-table/linebreak-03.toml",
        "inline tables may span lines",
    ),
    (
        "invalid/inline-table/linebreak-04.toml",
        "inline tables may span lines",
    ),
    (
        "invalid/inline-table/trailing-comma.toml",
        "inline tables may end with a comma",
    ),
    (
        "invalid/string/basic-byte-escapes.toml",
        "`\\xHH` is an escape in basic strings",
    ),
];

/// How many files each list has (as checked in beside the checkout), so
/// that a suite that went missing in part cannot pass by running fewer.
const TOML_TEST_COUNTS: [(&str, usize, usize); 2] = [("1.0.0", 210, 499), ("1.1.0", 220, 492)];

#[test]
fn toml_test_1_0_0() {
    toml_test("1.0.0");
}

#[test]
fn toml_test_1_1_0() {
    toml_test("1.1.0");
}

/// The files of `files-toml-<version>`, each checked; all failures at once.
fn toml_test(version: &str) {
    let root = suites().join("toml-test/tests");
    let list = |v: &str| -> BTreeSet<String> {
        let path = root.join(format!("files-toml-{v}"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let files = list(version);
    let made_valid: BTreeSet<&str> = if version == "1.0.0" {
        let later = list("1.1.0");
        for (name, _) in MADE_VALID_BY_TOML_1_1 {
            assert!(
                files.contains(*name) && !later.contains(*name),
                "`{name}` was expected in the 1.0 list only: has the suite changed?"
            );
        }
        MADE_VALID_BY_TOML_1_1.iter().map(|(n, _)| *n).collect()
    } else {
        BTreeSet::new()
    };

    let mut failures = Vec::new();
    let (mut valid, mut invalid, mut accepted_as_1_1) = (0, 0, 0);
    // How the invalid files were rejected: not UTF-8, by the reader, by
    // the walk.
    let mut rejected_by = [0_usize; 3];
    for name in &files {
        // The valid files' `.json` are listed too: read beside each `.toml`.
        if !name.ends_with(".toml") {
            continue;
        }
        let path = root.join(name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{name}: cannot read `{}`: {e}", path.display()));
                continue;
            }
        };
        if name.starts_with("valid/") {
            valid += 1;
            let expected = path.with_extension("json");
            let outcome = guarded(name, || check_valid_toml(&bytes, &expected));
            if let Err(e) = outcome {
                failures.push(format!("{name}: {e}"));
            }
        } else if made_valid.contains(name.as_str()) {
            accepted_as_1_1 += 1;
            match guarded(name, || read_toml(&bytes)) {
                Ok(_) => {}
                Err(e) => failures.push(format!(
                    "{name}: valid in TOML 1.1, which the reader reads, but: {e}"
                )),
            }
        } else {
            invalid += 1;
            match guarded(name, || reject_toml(&bytes)) {
                Ok(stage) => match stage.as_str() {
                    "utf-8" => rejected_by[0] += 1,
                    "reader" => rejected_by[1] += 1,
                    _ => rejected_by[2] += 1,
                },
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
    }
    println!(
        "toml-test {version}: {valid} valid accepted and decoded, {invalid} invalid rejected \
         ({} not UTF-8, {} by the reader, {} by the walk){}",
        rejected_by[0],
        rejected_by[1],
        rejected_by[2],
        if accepted_as_1_1 > 0 {
            format!(", {accepted_as_1_1} invalid in 1.0 accepted as TOML 1.1 makes them valid")
        } else {
            String::new()
        }
    );
    report(&format!("toml-test {version}"), &failures);
    let (_, n_valid, n_invalid) = TOML_TEST_COUNTS
        .iter()
        .find(|(v, ..)| *v == version)
        .unwrap();
    assert_eq!(
        (valid, invalid + accepted_as_1_1),
        (*n_valid, *n_invalid),
        "toml-test {version}: (valid, invalid) files run; the suite beside the checkout has changed"
    );
}

/// Reads `bytes` as the engine does: UTF-8, then the reader, then the walk.
/// `Ok` with the tree as tagged JSON, or what rejected it.
fn read_toml(bytes: &[u8]) -> Outcome {
    let text = text_of(bytes)?;
    let (root, errors) = toml::parse(text, assess_text::MAX_PROBLEMS);
    if let Some(e) = errors.first() {
        return Err(format!("syntax error: {} at {:?}", e.message, e.span));
    }
    if let Err(problems) = toml::de::parse::<Any>(text, usize::MAX, &[]) {
        return Err(format!("walk: {}", problems[0].message()));
    }
    Ok(tagged(&root).to_string())
}

fn check_valid_toml(bytes: &[u8], expected: &Path) -> Outcome {
    let text = text_of(bytes)?;
    let (root, errors) = toml::parse(text, assess_text::MAX_PROBLEMS);
    if !errors.is_empty() {
        let list: Vec<String> = errors
            .iter()
            .map(|e| format!("{} at {:?}", e.message, e.span))
            .collect();
        return Err(format!("rejected: {}", list.join("; ")));
    }
    if let Err(problems) = toml::de::parse::<Any>(text, usize::MAX, &[]) {
        return Err(format!(
            "read, but the walk rejects it: {} at {:?}",
            problems[0].message(),
            problems[0].span()
        ));
    }
    let want = std::fs::read_to_string(expected)
        .map_err(|e| format!("cannot read `{}`: {e}", expected.display()))?;
    let want: Json = serde_json::from_str(&want)
        .map_err(|e| format!("`{}` is not JSON: {e}", expected.display()))?;
    let want = normalised(&want);
    let got = tagged(&root);
    if got == want {
        Ok("decoded".to_owned())
    } else {
        Err(format!(
            "decoded differently:\n    expected {want}\n    got      {got}"
        ))
    }
}

/// `Ok` with the stage that rejected `bytes`, or why it was not rejected
/// properly.
fn reject_toml(bytes: &[u8]) -> Outcome {
    let Ok(text) = text_of(bytes) else {
        return Ok("utf-8".to_owned());
    };
    let (root, errors) = toml::parse(text, assess_text::MAX_PROBLEMS);
    if !errors.is_empty() {
        if let Some(e) = errors.iter().find(|e| !inside(&e.span, text)) {
            return Err(format!(
                "rejected, but the span {:?} of `{}` is not inside the text ({} bytes)",
                e.span,
                e.message,
                text.len()
            ));
        }
        return Ok("reader".to_owned());
    }
    // Read: what the design leaves to the walk (integers beyond i64) must
    // be rejected there.
    match toml::de::parse::<Any>(text, usize::MAX, &[]) {
        Err(problems) => match problems[0].span() {
            Some(span) if inside(&span, text) => Ok("walk".to_owned()),
            span => Err(format!(
                "rejected by the walk, but not inside the text: {} at {span:?}",
                problems[0].message()
            )),
        },
        Ok(_) => Err(format!("accepted as {}", tagged(&root))),
    }
}

/// A walk of the whole tree through the crate's own readers of scalars, as
/// the instruments' raw structs walk theirs: an integer through `i64`, a
/// float through `f64`, every key of every table.
struct Any;

impl FromDe for Any {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        match &v.kind {
            Kind::String(_) => drop(String::from_de(v, cx)?),
            Kind::Integer(_) => drop(i64::from_de(v, cx)?),
            Kind::Float(_) => drop(f64::from_de(v, cx)?),
            Kind::Boolean(_) => drop(bool::from_de(v, cx)?),
            // No walker reads date-times into a type: the reader checks
            // them (a real day, hour, minute, second and offset) and keeps
            // them as written.
            Kind::Datetime(_) => {}
            Kind::Array(_) => drop(Vec::<Any>::from_de(v, cx)?),
            Kind::Table(t) => {
                for (key, entry) in t.iter() {
                    cx.field::<Any>(key, &entry.value)?;
                }
            }
        }
        Ok(Any)
    }
}

/// The tree in toml-test's tagged JSON (`{"type": "integer", "value":
/// "1"}`), with the values normalised as [`normalised`] writes the expected
/// ones.
fn tagged(v: &Value<'_>) -> Json {
    let leaf = |t: &str, value: String| serde_json::json!({ "type": t, "value": value });
    match &v.kind {
        Kind::String(s) => leaf("string", s.to_string()),
        Kind::Integer(i) => leaf(
            "integer",
            match i64::from_str_radix(&i.digits, i.radix) {
                Ok(n) => n.to_string(),
                Err(_) => format!("beyond i64: {i}"),
            },
        ),
        Kind::Float(f) => leaf(
            "float",
            match assess_text::num::parse_f64(f) {
                Some(x) => float(x),
                None => format!("unread: {f}"),
            },
        ),
        Kind::Boolean(b) => leaf("bool", b.to_string()),
        Kind::Datetime(d) => {
            let (t, value) = datetime(d);
            leaf(t, value)
        }
        Kind::Array(items) => Json::Array(items.iter().map(tagged).collect()),
        Kind::Table(t) => Json::Object(
            t.iter()
                .map(|(k, e)| (k.to_owned(), tagged(&e.value)))
                .collect(),
        ),
    }
}

/// The expected tagged JSON with each leaf's value normalised: floats by
/// value, integers by value, date-times as [`datetime`] writes them.
fn normalised(v: &Json) -> Json {
    match v {
        Json::Object(m) => {
            if let (2, Some(Json::String(t)), Some(Json::String(value))) =
                (m.len(), m.get("type"), m.get("value"))
            {
                // A leaf (a table with keys `type` and `value` has tagged
                // values under them, not strings).
                let value = match t.as_str() {
                    "float" => value
                        .parse::<f64>()
                        .map_or_else(|_| format!("unread: {value}"), float),
                    "integer" => value
                        .parse::<i64>()
                        .map_or_else(|_| format!("unread: {value}"), |n| n.to_string()),
                    "datetime" | "datetime-local" | "date-local" | "time-local" => {
                        datetime(value).1
                    }
                    _ => value.clone(),
                };
                return serde_json::json!({ "type": t, "value": value });
            }
            Json::Object(m.iter().map(|(k, v)| (k.clone(), normalised(v))).collect())
        }
        Json::Array(items) => Json::Array(items.iter().map(normalised).collect()),
        other => other.clone(),
    }
}

/// A float by value: `nan` whatever its sign, otherwise Rust's shortest
/// round-trip digits (which keep the sign of zero and write `inf`).
fn float(x: f64) -> String {
    if x.is_nan() {
        "nan".to_owned()
    } else {
        format!("{x:?}")
    }
}

/// A date-time's toml-test type and its value normalised as toml-test's
/// runner compares them: `T` and `Z` in capitals, a space between date and
/// time as `T`, seconds written when TOML 1.1 lets them out (`07:32` is
/// `07:32:00`), and a fraction of a second by value (`.6` is `.600`; `.0`
/// is none).
fn datetime(s: &str) -> (&'static str, String) {
    let s = s.to_ascii_uppercase();
    let (date, time) = if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        let (date, rest) = s.split_at(10);
        (Some(date), rest.get(1..).filter(|t| !t.is_empty()))
    } else {
        (None, Some(s.as_str()))
    };
    let Some(time) = time else {
        return ("date-local", date.unwrap_or_default().to_owned());
    };
    let (clock, offset) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut value = String::new();
    if let Some(date) = date {
        write!(value, "{date}T").unwrap();
    }
    value.push_str(hms);
    if hms.len() == 5 {
        value.push_str(":00");
    }
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        write!(value, ".{fraction}").unwrap();
    }
    value.push_str(offset);
    let t = match (date, offset.is_empty()) {
        (None, _) => "time-local",
        (Some(_), true) => "datetime-local",
        (Some(_), false) => "datetime",
    };
    (t, value)
}

// ---- JSONTestSuite ----------------------------------------------------------

/// The `i_*` files (implementation-defined) and what the reader does with
/// them: `true` accepted. Recorded so that a change either way is seen.
const JSON_IMPLEMENTATION_DEFINED: &[(&str, bool)] = &[
    ("i_number_double_huge_neg_exp.json", true),
    ("i_number_huge_exp.json", false),
    ("i_number_neg_int_huge_exp.json", false),
    ("i_number_pos_double_huge_exp.json", false),
    ("i_number_real_neg_overflow.json", false),
    ("i_number_real_pos_overflow.json", false),
    ("i_number_real_underflow.json", true),
    ("i_number_too_big_neg_int.json", true),
    ("i_number_too_big_pos_int.json", true),
    ("i_number_very_big_negative_int.json", true),
    ("i_object_key_lone_2nd_surrogate.json", false),
    ("i_string_1st_surrogate_but_2nd_missing.json", false),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", false),
    ("i_string_UTF-16LE_with_BOM.json", false),
    ("i_string_UTF-8_invalid_sequence.json", false),
    ("i_string_UTF8_surrogate_U+D800.json", false),
    ("i_string_incomplete_surrogate_and_escape_valid.json", false),
    ("i_string_incomplete_surrogate_pair.json", false),
    ("i_string_incomplete_surrogates_escape_valid.json", false),
    ("i_string_invalid_lonely_surrogate.json", false),
    ("i_string_invalid_surrogate.json", false),
    ("i_string_invalid_utf-8.json", false),
    ("i_string_inverted_surrogates_U+1D11E.json", false),
    ("i_string_iso_latin_1.json", false),
    ("i_string_lone_second_surrogate.json", false),
    ("i_string_lone_utf8_continuation_byte.json", false),
    ("i_string_not_in_unicode_range.json", false),
    ("i_string_overlong_sequence_2_bytes.json", false),
    ("i_string_overlong_sequence_6_bytes.json", false),
    ("i_string_overlong_sequence_6_bytes_null.json", false),
    ("i_string_truncated-utf-8.json", false),
    ("i_string_utf16BE_no_BOM.json", false),
    ("i_string_utf16LE_no_BOM.json", false),
    ("i_structure_500_nested_arrays.json", false),
    ("i_structure_UTF-8_BOM_empty_object.json", true),
];

#[test]
fn json_test_suite() {
    let dir = suites().join("JSONTestSuite/test_parsing");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();

    let mut failures = Vec::new();
    let (mut y, mut y_same_as_serde, mut n, mut n_not_utf8) = (0, 0, 0, 0);
    let mut implementation_defined = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let outcome = guarded(name, || read_json(&bytes));
        match (&name[..2], outcome) {
            ("y_", Ok(how)) => {
                y += 1;
                match guarded(name, || same_as_serde_json(&bytes)) {
                    Ok(s) if s == "same" => y_same_as_serde += 1,
                    Ok(_) => {}
                    Err(e) => failures.push(format!("{name}: {e}")),
                }
                drop(how);
            }
            ("n_", Ok(how)) if how.starts_with("rejected") => {
                n += 1;
                if how.contains("UTF-8") {
                    n_not_utf8 += 1;
                }
            }
            ("i_", Ok(how)) => {
                implementation_defined.push((name.clone(), how.starts_with("accepted")));
            }
            ("y_", Err(e)) => failures.push(format!("{name}: must be accepted: {e}")),
            ("n_", Ok(how)) => failures.push(format!("{name}: must be rejected, {how}")),
            (_, Ok(how)) => failures.push(format!("{name}: not a y_, n_ or i_ file ({how})")),
            (_, Err(e)) => failures.push(format!("{name}: {e}")),
        }
    }
    let i_accepted = implementation_defined.iter().filter(|(_, a)| *a).count();
    println!(
        "JSONTestSuite: {y} y_ accepted ({y_same_as_serde} read as serde_json reads them, \
         the others refused by serde_json), {n} n_ rejected ({n_not_utf8} as not UTF-8), \
         {} i_ ({i_accepted} accepted, {} rejected)",
        implementation_defined.len(),
        implementation_defined.len() - i_accepted
    );
    for (name, accepted) in &implementation_defined {
        println!(
            "  {name}: {}",
            if *accepted { "accepted" } else { "rejected" }
        );
    }
    report("JSONTestSuite", &failures);
    let recorded: Vec<(String, bool)> = JSON_IMPLEMENTATION_DEFINED
        .iter()
        .map(|(n, a)| ((*n).to_owned(), *a))
        .collect();
    assert_eq!(
        implementation_defined, recorded,
        "the i_ files were read differently from what is recorded in JSON_IMPLEMENTATION_DEFINED"
    );
    assert_eq!((y, n), (95, 188), "JSONTestSuite: (y_, n_) files run");
}

/// `Ok("accepted")` or `Ok("rejected …")` with a located error; `Err` when
/// a rejection is not located inside the text.
fn read_json(bytes: &[u8]) -> Outcome {
    let text = match text_of(bytes) {
        Ok(t) => t,
        Err(e) => return Ok(format!("rejected: {e}")),
    };
    match json::parse(text) {
        Ok(node) => Ok(format!("accepted as {:?}", Ordered::from_node(&node))),
        Err(e) => match e.first().span() {
            Some(span) if inside(&span, text) => {
                Ok(format!("rejected: {} at {span:?}", e.first().message()))
            }
            span => Err(format!(
                "rejected, but not located inside the text: {} at {span:?}",
                e.first().message()
            )),
        },
    }
}

/// `Ok("same")` when serde_json reads `bytes` to the same tree as the
/// crate's reader, `Ok("serde_json refuses")` when it does not read it.
fn same_as_serde_json(bytes: &[u8]) -> Outcome {
    let Ok(theirs) = serde_json::from_slice::<Ordered>(bytes) else {
        return Ok("serde_json refuses".to_owned());
    };
    let text = text_of(bytes)?;
    let ours = Ordered::from_node(&json::parse(text).map_err(|e| e.to_string())?);
    if ours == theirs {
        Ok("same".to_owned())
    } else {
        Err(format!(
            "read differently from serde_json:\n    serde_json {theirs:?}\n    ours       {ours:?}"
        ))
    }
}

/// A JSON value with every key in the order written, repeated keys kept
/// (as the crate's reader keeps them, and `serde_json::Value` does not),
/// and numbers as serde_json classifies them; floats by their bits.
#[derive(Debug, PartialEq)]
enum Ordered {
    Null,
    Bool(bool),
    PosInt(u64),
    NegInt(i64),
    Float(u64),
    String(String),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    fn from_node(node: &json::Node<'_>) -> Ordered {
        match node.value() {
            json::Value::Null => Ordered::Null,
            json::Value::Bool(b) => Ordered::Bool(*b),
            json::Value::Number(json::Number::PosInt(n)) => Ordered::PosInt(*n),
            json::Value::Number(json::Number::NegInt(n)) => Ordered::NegInt(*n),
            json::Value::Number(json::Number::Float(x)) => Ordered::Float(x.to_bits()),
            json::Value::String(s) => Ordered::String(Cow::to_string(s)),
            json::Value::Array(items) => {
                Ordered::Array(items.iter().map(Ordered::from_node).collect())
            }
            json::Value::Object(entries) => Ordered::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.text.to_string(), Ordered::from_node(v)))
                    .collect(),
            ),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> serde::de::Visitor<'de> for OrderedVisitor {
    type Value = Ordered;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Ordered, E> {
        Ok(Ordered::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Ordered, E> {
        Ok(Ordered::PosInt(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Ordered, E> {
        // serde_json hands non-negative integers to `visit_u64`.
        Ok(Ordered::NegInt(n))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Ordered, E> {
        Ok(Ordered::Float(x.to_bits()))
    }
    fn visit_str<E>(self, s: &str) -> Result<Ordered, E> {
        Ok(Ordered::String(s.to_owned()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Ordered::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Ordered>()? {
            entries.push(entry);
        }
        Ok(Ordered::Object(entries))
    }
}
