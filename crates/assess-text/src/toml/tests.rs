//! Unit tests of the TOML reader: the tree, spans and error messages on
//! hand-written cases, and the differential tests against the `toml` crate
//! (the same tree, keys and spans) on the shipped instruments, the
//! fixtures, TOML test cases and random documents.

#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use proptest::prelude::*;
use std::fmt::Write as _;
use toml::de::{DeTable, DeValue};

/// A tree as text: kinds, spans, keys and values, for comparing two
/// readers. Numbers are compared by what they read as, dates by span.
fn ours(v: &Value<'_>, out: &mut String) {
    let s = &v.span;
    match &v.kind {
        Kind::String(x) => write!(out, "S{s:?}{x:?}"),
        Kind::Integer(i) => write!(
            out,
            "I{s:?}{}/{}",
            i.digits.trim_start_matches('+'),
            i.radix
        ),
        Kind::Float(f) => write!(out, "F{s:?}{:?}", f.parse::<f64>().map(f64::to_bits)),
        Kind::Boolean(b) => write!(out, "B{s:?}{b}"),
        Kind::Datetime(_) => write!(out, "D{s:?}"),
        Kind::Array(items) => {
            write!(out, "A{s:?}[").unwrap();
            for item in items {
                ours(item, out);
                out.push(',');
            }
            write!(out, "]")
        }
        Kind::Table(t) => {
            write!(out, "T{s:?}{{").unwrap();
            for (k, e) in t.iter() {
                write!(out, "{k:?}{:?}=", e.key).unwrap();
                ours(&e.value, out);
                out.push(',');
            }
            write!(out, "}}")
        }
    }
    .unwrap();
}

fn theirs(v: &toml::Spanned<DeValue<'_>>, out: &mut String) {
    let s = &v.span();
    match v.get_ref() {
        DeValue::String(x) => write!(out, "S{s:?}{x:?}"),
        DeValue::Integer(i) => {
            let digits = i.as_str().trim_start_matches('+');
            let digits = digits.strip_prefix('-').unwrap_or(digits);
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(i.radix())) {
                // toml 1.2.1 takes `a = 0x` and `2_026-11-29` for
                // integers, which TOML does not: see `agree`.
                out.push_str(NOT_A_NUMBER);
            }
            write!(
                out,
                "I{s:?}{}/{}",
                i.as_str().trim_start_matches('+'),
                i.radix()
            )
        }
        DeValue::Float(f) => {
            write!(
                out,
                "F{s:?}{:?}",
                f.as_str().parse::<f64>().map(f64::to_bits)
            )
        }
        DeValue::Boolean(b) => write!(out, "B{s:?}{b}"),
        DeValue::Datetime(_) => write!(out, "D{s:?}"),
        DeValue::Array(items) => {
            write!(out, "A{s:?}[").unwrap();
            for item in items.iter() {
                theirs(item, out);
                out.push(',');
            }
            write!(out, "]")
        }
        DeValue::Table(t) => {
            write!(out, "T{s:?}{{").unwrap();
            for (k, item) in t.iter() {
                let name: &str = k.get_ref();
                write!(out, "{name:?}{:?}=", k.span()).unwrap();
                theirs(item, out);
                out.push(',');
            }
            write!(out, "}}")
        }
    }
    .unwrap();
}

/// Both readers' verdicts on `text`: the tree when it is TOML, `None`
/// when it is not.
fn both(text: &str) -> (Option<String>, Option<String>) {
    let (root, errors) = parse(text, 100);
    let mine = errors.is_empty().then(|| {
        let mut s = String::new();
        ours(&root, &mut s);
        s
    });
    let (table, errors) = DeTable::parse_recoverable(text);
    let reference = errors.is_empty().then(|| {
        let mut s = String::new();
        theirs(
            &toml::Spanned::new(0..0, DeValue::Table(table.into_inner())),
            &mut s,
        );
        s
    });
    (mine, reference)
}

/// Marks an integer the `toml` crate (1.2.1) accepts whose digits are
/// no number: `0x` with no digits, or a date-time with an `_` in its
/// year. TOML has no such values, and this reader rejects them.
const NOT_A_NUMBER: &str = "<not a number>";

fn agree(text: &str) {
    let (mine, reference) = both(text);
    if reference
        .as_deref()
        .is_some_and(|r| r.contains(NOT_A_NUMBER))
    {
        assert_eq!(mine, None, "on {text:?}");
        return;
    }
    assert_eq!(mine, reference, "on {text:?}: {:?}", parse(text, 100).1);
}

fn files(dir: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    assert!(!out.is_empty(), "{}", dir.display());
    out
}

/// Documents from the TOML 1.1 specification's examples and the corner
/// cases of its grammar: values, keys, tables and arrays of tables,
/// each either TOML (both readers accept, with the same tree) or not
/// (both reject).
const CASES: &[&str] = &[
    // keys
    "key = \"value\"",
    "bare_key = 1\nbare-key = 2\n1234 = 3",
    "\"127.0.0.1\" = 1\n\"character encoding\" = 2\n'key2' = 3\n'quoted \"value\"' = 4",
    "\"\" = 1",
    "'' = 1",
    "= 1",
    "name = \"Tom\"\nname = \"Pradyun\"",
    "spelling = 1\n\"spelling\" = 2",
    "fruit.name = 1\nfruit. color = 2\nfruit . flavor = 3",
    "3.14159 = \"pi\"",
    "a.b.c = 1\na.d = 2",
    "a.b = 1\na.b.c = 2",
    "a = 1\na.b = 2",
    "apple.type = 1\norange.type = 2\napple.skin = 3",
    "key",
    "key =",
    "key = # c",
    "first = \"Tom\" last = \"Preston\"",
    "a = 1 # comment\n# whole line\n  b = 2",
    "a = 1\r\nb = 2\r\n",
    "a = 1\rb = 2",
    "\u{feff}a = 1",
    "a = 1\u{7}",
    "# comment \u{7f}\na = 1",
    "# comment \t tab\na = 1",
    "ключ = 1",
    "a = 1\n\n\n",
    "",
    "   ",
    "\t# only\n",
    // strings
    r#"s = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF.""#,
    r#"s = "\e \x41 \U0001F600""#,
    r#"s = "\q""#,
    r#"s = "\u00""#,
    r#"s = "\uD800""#,
    r#"s = "\U00110000""#,
    r#"s = "\x4""#,
    "s = \"a\nb\"",
    "s = \"unclosed",
    "s = \"tab\there\"",
    "s = \"bell\u{7}\"",
    "s = \"\"\"\nRoses are red\nViolets are blue\"\"\"",
    "s = \"\"\"\r\nRoses\r\nare red\"\"\"",
    "s = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"",
    "s = \"\"\"\\\n       The quick brown \\\n       fox.\\\n       \"\"\"",
    "s = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"",
    "s = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"",
    "s = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"",
    "s = \"\"\"a\"\"\"\"\"",
    "s = \"\"\"a\"\"\"\"\"\"",
    "s = \"\"\"a",
    "s = \"\"\"a \\  \n  b\"\"\"",
    "s = \"\"\"a \\ b\"\"\"",
    "s = 'C:\\Users\\nodejs\\templates'\nt = '<\\i\\c*\\s*>'",
    "s = 'a\nb'",
    "s = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''",
    "s = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''",
    "s = ''''That,' she said, 'is still pointless.''''",
    "s = '''a''''''",
    "s = '''a",
    "s = \"a\" \"b\"",
    // integers
    "a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\ng = 53_49_221\nh = 1_2_3_4_5",
    "a = 0xDEADBEEF\nb = 0xdeadbeef\nc = 0xdead_beef\nd = 0o01234567\ne = 0o755\nf = 0b11010110",
    "a = 9223372036854775807\nb = -9223372036854775808\nc = 9223372036854775808",
    "a = 01",
    "a = +0\nb = -0",
    "a = 1__0",
    "a = _1",
    "a = 1_",
    "a = 0x",
    "a = 0xG",
    "a = +0x1",
    "a = 0X1",
    "a = 0b2",
    "a = 0o8",
    "a = 0x_1",
    "a = 1a",
    // floats
    "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991_228",
    "a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan",
    "a = .7",
    "a = 7.",
    "a = 3.e+20",
    "a = 1e",
    "a = 1e_1",
    "a = 1.5_",
    "a = 01.5",
    "a = 0.5\nb = 0e0\nc = -0.0\nd = 1e-0_1",
    "a = 1e999",
    "a = Inf",
    "a = NaN",
    "a = 0.0.0",
    "a = 1..2",
    // booleans and bare words
    "a = true\nb = false",
    "a = True",
    "a = truee",
    "a = yes",
    // date-times
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999-07:00",
    "a = 1979-05-27 07:32:00Z",
    "a = 1979-05-27t07:32:00z",
    "a = 1979-05-27T07:32:00\nb = 1979-05-27T00:32:00.999999",
    "a = 1979-05-27\nb = 07:32:00\nc = 00:32:00.999999",
    "a = 07:32\nb = 1979-05-27T07:32\nc = 1979-05-27 07:32Z",
    "a = 2000-02-29\nb = 2024-02-29",
    "a = 1900-02-29",
    "a = 2023-02-29",
    "a = 2023-04-31",
    "a = 2023-13-01",
    "a = 2023-00-01",
    "a = 2023-01-00",
    "a = 24:00:00",
    "a = 23:60:00",
    "a = 23:59:60",
    "a = 23:59:61",
    "a = 07:32:00.",
    "a = 1979-05-27T07:32:00+24:00",
    "a = 1979-05-27T07:32:00+07",
    "a = 1979-5-27",
    "a = 1979-05-27T",
    "a = 1979-05-27 # date",
    "a = 1979-05-27  07:32:00",
    "a = 1979-05-27 07:32:00 # c",
    "a = 1979-05-27T07:32:00.5Z",
    "a = [1979-05-27, 07:32:00]",
    // arrays
    "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", \"yellow\", \"green\" ]\nnested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]\nnested_mixed_array = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\nstring_array = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]",
    "numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\ncontributors = [\n  \"Foo Bar <foo@example.com>\",\n  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = \"https://example.com/bazqux\" }\n]",
    "a = [\n  1,\n  2, # two\n]",
    "a = [,]",
    "a = [1,,2]",
    "a = [1 2]",
    "a = [",
    "a = [1",
    "a = []\nb = [ ]\nc = [\n]",
    "a = [[]]",
    // inline tables
    "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = \"pug\" }",
    "a = {}\nb = { }",
    "a = { x = 1, }",
    "a = {\n  x = 1,\n  y = 2 # c\n}",
    "a = { x = 1, x = 2 }",
    "a = { x.y = 1, x.z = 2 }",
    "a = { x.y = 1, x = 2 }",
    "a = { x = {}, x.y = 1 }",
    "a = { x = 1 y = 2 }",
    "a = { x = 1",
    "[product]\ntype = { name = \"Nail\" }\ntype.edible = false",
    "[product]\ntype.name = \"Nail\"\ntype = { edible = false }",
    "a = { b = [ { c = 1 } ] }",
    // tables
    "[table]\n[table-1]\nkey1 = \"some string\"\nkey2 = 123\n[table-2]\nkey1 = \"another string\"\nkey2 = 456",
    "[dog.\"tater.man\"]\ntype.name = \"pug\"",
    "[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"ʞ\" . 'l' ]",
    "[x.y.z.w]\n[x]",
    "[fruit]\napple = \"red\"\n[fruit]\norange = \"orange\"",
    "[fruit]\napple = \"red\"\n[fruit.apple]\ntexture = \"smooth\"",
    "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
    "[fruit]\napple.color = \"red\"\n[fruit.apple]\nx = 1",
    "[fruit.apple]\nx = 1\n[fruit]\napple.y = 2",
    "[a]\nb.c = 1\n[a.b.d]\ne = 2",
    "a.b = 1\n[a]\nc = 2",
    "[a.b]\nc = 1\n[a]\nb.d = 2",
    "[a]\n[a.b]\n[a]",
    "[]",
    "[a",
    "[a]]",
    "[a] b = 1",
    "[a] # c",
    "[ a ]",
    "[a.]",
    "[.a]",
    "[a..b]",
    "[\"\"]",
    "a = 1\n[a]",
    "a = {}\n[a]",
    "a = {}\n[a.b]",
    "a = []\n[a.b]",
    // arrays of tables
    "[[products]]\nname = \"Hammer\"\nsku = 738594937\n[[products]]  # empty table within the array\n[[products]]\nname = \"Nail\"\nsku = 284758393\ncolor = \"gray\"",
    "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"",
    "[fruit.physical]\ncolor = \"red\"\n[[fruit]]\nname = \"apple\"",
    "fruits = []\n[[fruits]]",
    "fruits = [{ a = 1 }]\n[[fruits]]",
    "[[fruits]]\nname = \"apple\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[fruits.varieties]\nname = \"granny smith\"",
    "[[fruits]]\n[fruits]",
    "[fruits]\n[[fruits]]",
    "[[a]]\nb.c = 1\n[a.b]",
    "[[a]]\n[a.b]\n[[a]]\n[a.b]",
    "[[ a ]]",
    "[ [a]]",
    "[[a] ]",
    "[[a]",
    "[[a]]]",
    "a = [1]\na.b = 2",
    "a = [{}]\na.b = 2",
    "a.b = 1\n[[a]]",
    "[a]\nb = 1\n[[a.c]]\n[a]",
];

#[test]
fn agrees_with_the_toml_crate() {
    for text in CASES {
        agree(text);
    }
    for dir in [
        "instruments",
        "tests/fixtures/valid",
        "tests/fixtures/invalid",
    ] {
        for text in files(dir) {
            agree(&text);
        }
    }
}

#[test]
fn syntax_errors_are_located_and_several_are_reported() {
    let text = "a = 1\nb = = 2\nc = [\n  1,\n  2 3,\n  4,\n]\nd = 4\ne = tru\n";
    let (_, errors) = parse(text, 100);
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.message.as_str(), &text[e.span.clone()]))
        .collect();
    assert_eq!(
        got,
        [
            ("expected a value, found `=`", "="),
            ("expected `,` or `]` in the array, found `3`", "3"),
            (
                "`tru` is not a value: write text in quotes (\"tru\"), and yes or no as `true` or `false`",
                "tru"
            ),
        ]
    );
    let (_, errors) = parse(text, 2);
    assert_eq!(errors.len(), 2);
}

#[test]
fn messages_say_what_is_wrong() {
    let cases = [
        (
            "a = 1\na = 2",
            "key `a` is defined twice (first on line 1)",
            "a",
        ),
        (
            "[t]\n[t]",
            "table `t` is defined twice (first on line 1)",
            "t",
        ),
        (
            "s = \"abc",
            "this string is not closed: its closing quote is missing",
            "\"",
        ),
        (
            "s = \"\"\"abc",
            "this multi-line string is not closed: its closing quote is missing",
            "\"\"\"",
        ),
        (
            "s = \"a\\qb\"",
            "unknown escape `\\q`; write a backslash as `\\\\`",
            "\\q",
        ),
        (
            "s = \"\\uD800\"",
            "`\\uD800` is not a Unicode character",
            "\\uD800",
        ),
        (
            "s = \"\\u12\"",
            "expected 4 hexadecimal digits after `\\u`",
            "\\u",
        ),
        (
            "a = 2023-02-30",
            "`2023-02-30` is not a valid date or time (dates are written 2026-01-31, times 07:30:00)",
            "2023-02-30",
        ),
        ("a = 1__0", "`1__0` is not a valid number", "1__0"),
        (
            "a = [1]\n[a.b]",
            "`a` is an array, so keys cannot be added to it here",
            "a",
        ),
        (
            "a = {}\n[a.b]",
            "`a` is an inline table, so keys cannot be added to it here",
            "a",
        ),
        (
            "a = 1\na.b = 2",
            "`a` is not a table, so keys cannot be added to it here",
            "a",
        ),
        ("a b = 1", "expected `=` after the key, found `b`", "b"),
        (
            "[a\nb = 1",
            "expected `]` to end the header, found the end of the line",
            "\n",
        ),
        (
            "[t] x = 1",
            "expected the end of the line after the table header, found `x`",
            "x",
        ),
        (
            "a = 1 b",
            "expected the end of the line after the value, found `b`",
            "b",
        ),
        (
            "a = \"x\"y\"",
            "expected the end of the line after the value, found `y` (a string ends just before it: is a quote missing, or one too many?)",
            "y",
        ),
        (
            "a = \"\u{7}\"",
            "control character U+0007 is not allowed here; write it as an escape (\\u0007) inside a \"string\"",
            "\u{7}",
        ),
        (
            "a = 1\r",
            "expected the end of the line after the value, found a carriage return without a line feed",
            "\r",
        ),
        ("a =", "expected a value, found the end of the file", ""),
    ];
    for (text, message, located) in cases {
        let (_, errors) = parse(text, 100);
        let e = errors
            .first()
            .unwrap_or_else(|| panic!("no error for {text:?}"));
        assert_eq!(
            (e.message.as_str(), &text[e.span.clone()]),
            (message, located),
            "{text:?}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "{a="] {
        let text = format!("a = {}", open.repeat(100_000));
        let (_, errors) = parse(&text, 100);
        assert!(
            errors[0].message.contains("nested more than 80 deep"),
            "{:?}",
            errors[0]
        );
    }
    let ok = format!("a = {}{}", "[".repeat(80), "]".repeat(80));
    assert!(parse(&ok, 100).1.is_empty());
    agree(&ok);
    agree(&format!("a = {}{}", "[".repeat(81), "]".repeat(81)));
}

/// Dotted keys and table headers count towards the depth too: 100,000
/// segments (a 200 KB file) aborted the process when the tree was dropped,
/// and 10,000 threw `RangeError` in the WebAssembly build (issue 18).
#[test]
fn deep_dotted_keys_and_headers_are_an_error_not_a_stack_overflow() {
    let deep = vec!["a"; 100_000].join(".");
    for text in [
        format!("{deep} = 1"),
        format!("[{deep}]"),
        format!("[[{deep}]]"),
        format!("x = {{ {deep} = 1 }}"),
    ] {
        let (_, errors) = parse(&text, 100);
        assert_eq!(errors.len(), 1, "{}", &text[..20]);
        assert_eq!(
            errors[0].message,
            "keys and tables are nested more than 80 deep",
            "{}",
            &text[..20]
        );
    }
    // Each table counts once, wherever it comes from: under a header of 40
    // keys (40 tables), a dotted key of 41 segments opens 40 more (80 in
    // all) and is allowed; one more segment is too many.
    let header = vec!["h"; 40].join(".");
    let key = |n: usize| vec!["k"; n].join(".");
    assert!(
        parse(&format!("[{header}]\n{} = 1", key(41)), 100)
            .1
            .is_empty()
    );
    let (_, errors) = parse(&format!("[{header}]\n{} = 1", key(42)), 100);
    assert_eq!(
        errors[0].message,
        "keys and tables are nested more than 80 deep"
    );
    // ... and an array or inline table below those 80 is one too many.
    let (_, errors) = parse(&format!("[{header}]\n{} = [1]", key(41)), 100);
    assert!(
        errors[0].message.contains("nested more than 80 deep"),
        "{errors:?}"
    );
    assert!(
        parse(&format!("[{header}]\n{} = [1]", key(40)), 100)
            .1
            .is_empty()
    );
}

/// A key repeated in an inline table is one error each, up to the cap, and
/// the time is linear: 400,000 repeats (1.6 MB) did not finish in 120 s,
/// because each one indexed the lines of the whole text again (issue 18).
#[test]
fn repeated_keys_in_an_inline_table_are_capped_and_linear() {
    let text = format!("x = {{{}}}", vec!["k=1"; 400_000].join(","));
    let (_, errors) = parse(&text, 500);
    assert_eq!(errors.len(), 500);
    assert_eq!(
        errors[0].message,
        "key `k` is defined twice (first on line 1)"
    );
}

/// Lines a random document is made of: keys, headers and values that
/// meet and clash in every way TOML's table rules care about, and a few
/// broken ones.
const KEYS: &[&str] = &[
    "a", "b", "a.b", "a.c", "b.a", "\"a\"", "'b'", "a.b.c", " a . b ", "\"a.b\"", "x-1", "1",
];
const VALUES: &[&str] = &[
    "1",
    "-2",
    "1.5",
    "1e3",
    "inf",
    "0x1f",
    "true",
    "\"s\"",
    "'l'",
    "\"\"\"m\nl\"\"\"",
    "'''r'''",
    "\"e\\u00e9\\n\"",
    "[]",
    "[1, 2]",
    "[[1], ['a']]",
    "{}",
    "{ x = 1 }",
    "{ a.b = 1, a.c = 2 }",
    "[{ x = 1 }]",
    "1979-05-27",
    "07:32:00",
    "1979-05-27T07:32:00Z",
    "1979-05-27 07:32",
    "[\n1,\n# c\n2,\n]",
    "{\nx = 1,\n}",
    "01",
    "1__2",
    "\"open",
    "= 1",
    "tru",
    "[1 2]",
    "{ x = 1, x = 2 }",
    "2023-02-29",
];
const HEADERS: &[&str] = &[
    "[a]",
    "[b]",
    "[a.b]",
    "[a.c]",
    "[[a]]",
    "[[b]]",
    "[[a.b]]",
    "[ a . \"b\" ]",
    "[a.b.c]",
    "[[a.c]]",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..KEYS.len(), 0..VALUES.len()).prop_map(|(k, v)| format!("{} = {}", KEYS[k], VALUES[v])),
        1 => (0..HEADERS.len()).prop_map(|h| HEADERS[h].to_owned()),
        1 => Just("# comment".to_owned()),
    ]
}

/// Characters to insert when mutating a document.
const NOISE: &[char] = &[
    '[', ']', '{', '}', '=', '.', ',', '"', '\'', '#', '\n', ' ', 'a', '1', '\\', '_', '-', ':',
    'e', '+',
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Random documents of clashing keys, headers and values.
    #[test]
    fn agrees_on_random_documents(lines in prop::collection::vec(line(), 0..8)) {
        agree(&lines.join("\n"));
    }

    /// A shipped-like document with random edits.
    #[test]
    fn agrees_on_edited_documents(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..NOISE.len() + 1), 1..4),
    ) {
        let mut chars: Vec<char> = EDITED.chars().collect();
        for (at, what) in edits {
            let i = at.index(chars.len() + 1);
            match NOISE.get(what) {
                Some(&c) => chars.insert(i, c),
                None if i < chars.len() => {
                    chars.remove(i);
                }
                None => {}
            }
        }
        agree(&chars.into_iter().collect::<String>());
    }
}

const EDITED: &str = "format = 1\n[instrument]\nid = \"x\"\ntitle = { id = \"Judul\", en = \"Title\" }\nlanguages = [\"id\", \"en\"]\n\n[[items]]\nid = \"R1\"\nkey = [1, 2.5, -3]\ntext.id = '''teks'''\n\n[[items]]\nid = \"R2\"\n[items.meta]\nwhen = 2026-11-29T10:00:00+07:00\n";
