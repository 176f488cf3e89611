//! Unit tests of the JSON reader and writer: order, spans and syntax errors
//! located where `serde_json` locates them, reading structs and std types
//! with located type errors, and property tests of both reading and
//! writing against `serde_json`.

use super::read::to_serde;
use super::*;
use crate::problem::ProblemKind;
use proptest::prelude::*;
use std::borrow::Cow;

/// (line, column, message) of the syntax error in `text`.
fn syntax(text: &str) -> (usize, usize, String) {
    let e = parse(text).unwrap_err();
    let p = e.first();
    assert_eq!(p.kind(), ProblemKind::Syntax, "{text:?}");
    (
        p.line().unwrap_or(0),
        p.column().unwrap_or(0),
        p.message().to_owned(),
    )
}

#[test]
fn keeps_order_repeated_keys_and_spans() {
    let text = "{\"b\": 1, \"a\": [true, null], \"b\": \"x\\ny\"}";
    let node = parse(text).unwrap();
    let Value::Object(entries) = node.value() else {
        panic!("an object")
    };
    let keys: Vec<&str> = entries.iter().map(|(k, _)| &*k.text).collect();
    assert_eq!(keys, ["b", "a", "b"]);
    assert_eq!(&text[entries[1].0.span.clone()], "\"a\"");
    assert_eq!(&text[entries[1].1.span()], "[true, null]");
    assert_eq!(entries[2].1.value(), &Value::String("x\ny".into()));
    // The first of a repeated key.
    assert_eq!(
        node.get("b").unwrap().value(),
        &Value::Number(Number::PosInt(1))
    );
    // Strings without escapes are borrowed from the text.
    assert!(matches!(entries[0].0.text, Cow::Borrowed(_)));
}

#[test]
fn numbers_are_classified_as_serde_json_classifies_them() {
    // Reference: serde_json 1.0 (`ParserNumber`): u64, then i64, `-0`
    // and integers beyond 64 bits as floats.
    let cases = [
        // (2^64 and -2^63 - 1 round to 2^64 = u64::MAX as f64, -2^63.)
        ("0", Number::PosInt(0)),
        ("18446744073709551615", Number::PosInt(u64::MAX)),
        ("18446744073709551616", Number::Float(u64::MAX as f64)),
        ("-1", Number::NegInt(-1)),
        ("-9223372036854775808", Number::NegInt(i64::MIN)),
        ("-9223372036854775809", Number::Float(i64::MIN as f64)),
        ("-0", Number::Float(-0.0)),
        ("1.0", Number::Float(1.0)),
        ("2.5E-3", Number::Float(0.0025)),
        ("1e-400", Number::Float(0.0)),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text).unwrap().value(), &Value::Number(want), "{text}");
    }
}

#[test]
fn syntax_errors_are_located_where_serde_json_locates_them() {
    // (text, line, column, message). The messages are serde_json's
    // (checked below). So are the positions, but for three kinds, where
    // serde_json 1.0.154 differs: at the end of the text it gives the
    // last character (we give the column after it); in a bad `\u`
    // escape, the end of the escape (we give its `\`); for a number out
    // of range, its end (we give its start).
    let cases = [
        ("", 1, 1, "EOF while parsing a value"),
        ("{\"a\": 1,}", 1, 9, "trailing comma"),
        ("[1, 2,]", 1, 7, "trailing comma"),
        ("[1 2]", 1, 4, "expected `,` or `]`"),
        ("{\"a\" 1}", 1, 6, "expected `:`"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected `,` or `}`"),
        ("{1: 2}", 1, 2, "key must be a string"),
        ("{\"a\":\n tru}", 2, 5, "expected ident"),
        ("[nul", 1, 5, "EOF while parsing a value"),
        ("\"ab", 1, 4, "EOF while parsing a string"),
        ("\"a\\qb\"", 1, 4, "invalid escape"),
        (
            "\"a\u{1}\"",
            1,
            3,
            "control character (\\u0000-\\u001F) found while parsing a string",
        ),
        ("\"\\ud800\"", 1, 2, "unexpected end of hex escape"),
        ("\"\\udc00\"", 1, 2, "lone leading surrogate in hex escape"),
        ("01", 1, 2, "invalid number"),
        ("-", 1, 2, "EOF while parsing a value"),
        ("-a", 1, 2, "invalid number"),
        ("1.", 1, 3, "EOF while parsing a value"),
        ("1.e5", 1, 3, "invalid number"),
        ("1e400", 1, 1, "number out of range"),
        ("{} x", 1, 4, "trailing characters"),
        ("[1, 2", 1, 6, "EOF while parsing a list"),
        ("{\"a\": 1", 1, 8, "EOF while parsing an object"),
        ("?", 1, 1, "expected value"),
    ];
    for (text, line, column, message) in cases {
        assert_eq!(syntax(text), (line, column, message.to_owned()), "{text:?}");
        // serde_json refuses every one of them, with the same message.
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert!(e.to_string().starts_with(message), "{text:?}: {e}");
    }
}

#[test]
fn escapes_and_non_ascii_text() {
    let node = parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 Rembang é""#).unwrap();
    assert_eq!(
        node.value(),
        &Value::String("\"\\/\u{8}\u{c}\n\r\té😀 Rembang é".into())
    );
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(
        syntax(&deep),
        (1, MAX_DEPTH + 1, "recursion limit exceeded".into())
    );
    // Hostile: a megabyte of brackets is one error, found at once.
    let hostile = "[{\"a\":".repeat(200_000);
    assert_eq!(syntax(&hostile).2, "recursion limit exceeded");
}

#[derive(Debug, PartialEq)]
struct Probe {
    n: usize,
    x: Option<f64>,
    names: Vec<String>,
    flag: bool,
}
json_struct!(deny Probe { n: "n", x: "x" = None, names: "names" = Vec::new(), flag: "flag" = false });

fn problem(text: &str) -> (String, String, Option<usize>) {
    let e = read::<Probe>(text, "probe").unwrap_err();
    let p = e.first();
    // The kind the TOML walker gives for the same fault.
    let kind = match p.message().split([' ', ':']).next() {
        Some("unknown") => ProblemKind::UnknownKey,
        Some("missing") => ProblemKind::MissingKey,
        Some("duplicate") => ProblemKind::DuplicateId,
        _ if p.message().starts_with("invalid value") => ProblemKind::InvalidValue,
        _ => ProblemKind::InvalidType,
    };
    assert_eq!(p.kind(), kind, "{text:?}");
    (p.path().to_owned(), p.message().to_owned(), p.column())
}

#[test]
fn reads_structs_with_defaults() {
    let p: Probe = read(r#"{"n": 3, "names": ["a", "b"]}"#, "").unwrap();
    assert_eq!(
        p,
        Probe {
            n: 3,
            x: None,
            names: vec!["a".into(), "b".into()],
            flag: false
        }
    );
    // `null` for an optional value is its absence; an integer is a number.
    let p: Probe = read(r#"{"n": 0, "x": 2, "flag": true}"#, "").unwrap();
    assert_eq!((p.x, p.flag), (Some(2.0), true));
    let p: Probe = read(r#"{"x": null, "n": 1}"#, "").unwrap();
    assert_eq!(p.x, None);
}

#[test]
fn type_errors_name_the_path_and_the_value() {
    let cases = [
        (
            r#"{"n": "5"}"#,
            "probe.n",
            "invalid type: string \"5\", expected a whole number, 0 or more",
            7,
        ),
        (
            r#"{"n": 1.5}"#,
            "probe.n",
            "invalid type: floating point `1.5`, expected a whole number, 0 or more",
            7,
        ),
        (
            r#"{"n": 2.0}"#,
            "probe.n",
            "invalid type: floating point `2.0`, expected a whole number, 0 or more",
            7,
        ),
        (
            r#"{"n": -1}"#,
            "probe.n",
            "invalid value: integer `-1`, expected a whole number, 0 or more",
            7,
        ),
        (
            r#"{"n": 1, "x": true}"#,
            "probe.x",
            "invalid type: boolean `true`, expected a number",
            15,
        ),
        (
            r#"{"n": 1, "names": ["a", 2]}"#,
            "probe.names[1]",
            "invalid type: integer `2`, expected a string",
            25,
        ),
        (
            r#"{"n": 1, "names": {}}"#,
            "probe.names",
            "invalid type: map, expected a sequence",
            19,
        ),
        (
            r#"{"n": 1, "flag": null}"#,
            "probe.flag",
            "invalid type: null, expected `true` or `false`",
            18,
        ),
        (
            r#"[1]"#,
            "probe",
            "invalid type: sequence, expected a map",
            1,
        ),
        (r#"{"x": 1}"#, "probe", "missing field `n`", 1),
        (
            r#"{"n": 1, "nn": 2}"#,
            "probe",
            "unknown field `nn`, expected one of `n`, `x`, `names`, `flag`",
            10,
        ),
        (r#"{"n": 1, "n": 2}"#, "probe", "duplicate field `n`", 10),
    ];
    for (text, path, message, column) in cases {
        assert_eq!(
            problem(text),
            (path.to_owned(), message.to_owned(), Some(column)),
            "{text}"
        );
    }
    let e = read::<u32>("4294967296", "").unwrap_err();
    assert_eq!(
        e.first().message(),
        "invalid value: integer `4294967296`, expected a whole number from 0 to 2^32 − 1"
    );
}

#[test]
fn serde_users_get_the_same_rules() {
    // Through serde_json::Value (no locations) and from text.
    let v = serde_json::json!({"n": 1, "names": ["a", 2]});
    let e = serde_json::from_value::<ProbeSerde>(v).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid type: integer `2`, expected a string (at `names[1]`)"
    );
    let ok: ProbeSerde = serde_json::from_str(r#"{"n": 4}"#).unwrap();
    assert_eq!(ok.0.n, 4);
}

#[derive(Debug)]
struct ProbeSerde(Probe);
impl FromJson for ProbeSerde {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        Probe::from_json(v).map(ProbeSerde)
    }
}
deserialize_via_json!(ProbeSerde);

/// Texts built from JSON's tokens, valid and not.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just(","),
        Just(":"),
        Just(" "),
        Just("\"a\""),
        Just("\"b\""),
        Just("\"\\u00e9\\n\""),
        Just("\"\\ud83d\\ude00\""),
        Just("\"\\ud800\""),
        Just("\"x"),
        Just("0"),
        Just("-0"),
        Just("17"),
        Just("-3"),
        Just("1.5e3"),
        Just("2."),
        Just("1e999"),
        Just("18446744073709551616"),
        Just("true"),
        Just("fals"),
        Just("null"),
        Just("\n"),
    ];
    prop::collection::vec(token, 0..24).prop_map(|t| t.concat())
}

/// Every shape serde can hand a serializer, for comparing `to_string`
/// with serde_json: enum variants of each kind, maps with number,
/// boolean and character keys, options, characters, `f32`, bytes and
/// 128-bit integers.
#[derive(Debug, Clone, serde::Serialize)]
enum Shape {
    Unit,
    Newtype(f64),
    Tuple(i32, String),
    Struct { a: Option<u8>, b: Vec<Shape> },
}

#[derive(Debug, Clone, serde::Serialize)]
struct Shapes {
    shapes: Vec<Shape>,
    by_number: std::collections::BTreeMap<i64, f32>,
    by_flag: std::collections::BTreeMap<bool, char>,
    by_char: std::collections::BTreeMap<char, ()>,
    #[serde(with = "serde_bytes_as_seq")]
    bytes: Vec<u8>,
    big: (i128, u128),
    unit: (),
    text: String,
}

mod serde_bytes_as_seq {
    pub(super) fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![
        Just(Shape::Unit),
        any::<f64>().prop_map(Shape::Newtype),
        (any::<i32>(), "\\PC{0,8}|[\"\\\\\u{0}-\u{1f}\u{7f}a]{0,8}")
            .prop_map(|(n, s)| Shape::Tuple(n, s)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        (any::<Option<u8>>(), prop::collection::vec(inner, 0..4))
            .prop_map(|(a, b)| Shape::Struct { a, b })
    })
}

/// Pieces longer than the writer's array, and output many times its
/// size, both ways.
#[test]
fn long_texts_are_written_whole() {
    let long = format!("{}\"\n{}", "é".repeat(300), "k".repeat(700));
    let v: std::collections::BTreeMap<String, Vec<String>> = [
        (long.clone(), vec![long.clone(); 5]),
        ("a".repeat(257), vec![]),
    ]
    .into();
    let reference = serde_json::to_string(&v).unwrap();
    assert_eq!(write_with::<false, _>(&v).unwrap(), reference);
    assert_eq!(write_with::<true, _>(&v).unwrap(), reference);
}

#[test]
fn map_keys_that_are_not_strings_fail_as_in_serde_json() {
    let v: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    assert_eq!(
        to_string(&v).unwrap_err().to_string(),
        serde_json::to_string(&v).unwrap_err().to_string()
    );
    let v: std::collections::BTreeMap<u8, f64> = [(1, f64::NAN)].into();
    assert_eq!(to_string(&v).unwrap(), serde_json::to_string(&v).unwrap());
}

proptest! {
    /// `to_string` writes serde_json's bytes for every shape of value.
    #[test]
    fn writes_what_serde_json_writes(
        shapes in prop::collection::vec(shape(), 0..4),
        by_number in prop::collection::btree_map(any::<i64>(), any::<f32>(), 0..4),
        by_flag in prop::collection::btree_map(any::<bool>(), any::<char>(), 0..3),
        by_char in prop::collection::btree_map(any::<char>(), Just(()), 0..3),
        bytes in prop::collection::vec(any::<u8>(), 0..6),
        big in (any::<i128>(), any::<u128>()),
        text in "\\PC{0,20}|[\"\\\\\u{0}-\u{1f}\u{7f}é]{0,20}",
    ) {
        let v = Shapes { shapes, by_number, by_flag, by_char, bytes, big, unit: (), text };
        let reference = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(&write_with::<false, _>(&v).unwrap(), &reference);
        prop_assert_eq!(&write_with::<true, _>(&v).unwrap(), &reference);
    }

    /// Numbers are read to the same bits as std's correctly rounded
    /// parser, and serde_json's with `float_roundtrip`, give them.
    #[test]
    fn numbers_round_as_std_and_serde_json_round(
        text in r"-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?"
    ) {
        let reference = serde_json::from_str::<serde_json::Value>(&text);
        match parse(&text) {
            Ok(node) => {
                let ours = to_serde(&node);
                let reference = reference.unwrap();
                prop_assert_eq!(&ours, &reference);
                if let Value::Number(Number::Float(x)) = node.value() {
                    prop_assert_eq!(x.to_bits(), text.parse::<f64>().unwrap().to_bits());
                }
            }
            Err(e) => {
                prop_assert_eq!(e.first().message(), "number out of range");
                prop_assert!(reference.is_err());
            }
        }
    }

    /// serde_json is the reference: the same texts are accepted, and
    /// give the same values (serde_json's maps keep a repeated key's
    /// last value, as `to_serde` does).
    #[test]
    fn agrees_with_serde_json(text in prop_oneof![jsonish(), ".{0,40}"]) {
        let ours = parse(&text).map(|n| to_serde(&n));
        let reference = serde_json::from_str::<serde_json::Value>(&text);
        match (ours, reference) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a, &b);
                // And `to_string` writes serde_json's bytes, both ways.
                let reference = serde_json::to_string(&b).unwrap();
                prop_assert_eq!(&write_with::<false, _>(&a).unwrap(), &reference);
                prop_assert_eq!(&write_with::<true, _>(&a).unwrap(), &reference);
            }
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "{text:?}: ours {a:?}, serde_json {b:?}"),
        }
    }
}

/// A byte-order mark before the value is skipped (a file saved by some
/// Windows editors), and spans stay offsets into the text given.
#[test]
fn a_byte_order_mark_is_skipped() {
    let node = parse("\u{feff}{\"a\": 1}").unwrap();
    assert_eq!(node.span(), 3..11);
    assert!(parse("\u{feff}").is_err());
    // Only at the start: elsewhere it is not white space.
    assert!(parse("{\"a\": \u{feff}1}").is_err());
    let e =
        read::<std::collections::BTreeMap<String, f64>>("\u{feff}{\"a\": true}", "").unwrap_err();
    assert_eq!((e.first().line(), e.first().column()), (Some(1), Some(8)));
}
