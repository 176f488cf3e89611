//! Every reader of this crate is linear in its input (issue 18): inputs of
//! the hostile shapes of the issue, of size n and 4n, are read with no more
//! than 5× the operations (ops.rs counts them; no clock). Quadratic work
//! would show 16×.

use crate::ops::assert_linear as linear;

fn toml(text: &str) {
    let _ = crate::toml::parse(text, crate::MAX_PROBLEMS);
}

#[test]
fn toml_reader_is_linear() {
    linear(
        "dotted keys",
        5_000,
        |n| format!("{} = 1\n", vec!["a"; n].join(".")),
        toml,
    );
    linear(
        "table header",
        5_000,
        |n| format!("[{}]\n", vec!["a"; n].join(".")),
        toml,
    );
    linear(
        "inline duplicates",
        5_000,
        |n| format!("x = {{{}}}\n", vec!["k=1"; n].join(",")),
        toml,
    );
    linear("repeated keys", 5_000, |n| "k = 1\n".repeat(n), toml);
    linear("repeated tables", 2_500, |n| "[t]\nk = 1\n".repeat(n), toml);
    linear(
        "long line, error at the end",
        25_000,
        |n| format!("k = \"{}", "x".repeat(n)),
        toml,
    );
    linear("many syntax errors", 5_000, |n| "= =\n".repeat(n), toml);
    linear(
        "deep arrays",
        5_000,
        |n| format!("k = {}{}", "[".repeat(n), "]".repeat(n)),
        toml,
    );
    linear(
        "deep inline tables",
        5_000,
        |n| format!("k = {}{}", "{a=".repeat(n), "}".repeat(n)),
        toml,
    );
    linear(
        "long strings with escapes",
        12_500,
        |n| format!("k = \"{}\"\n", "\\u00e9".repeat(n)),
        toml,
    );
}

#[test]
fn json_reader_is_linear() {
    let parse = |t: &str| {
        let _ = crate::json::parse(t);
    };
    linear(
        "deep arrays",
        5_000,
        |n| format!("{}{}", "[".repeat(n), "]".repeat(n)),
        parse,
    );
    linear(
        "long line, error at the end",
        25_000,
        |n| format!("[\"{}\", x]", "y".repeat(n)),
        parse,
    );
    linear(
        "repeated keys",
        5_000,
        |n| format!("{{{}}}", vec!["\"k\":1"; n].join(",")),
        parse,
    );
    linear(
        "many values",
        5_000,
        |n| format!("[{}]", vec!["{\"a\":[1,2.5e3,\"\\u00e9\"]}"; n].join(",")),
        parse,
    );
    // A batch whose every element has the wrong type: each located, with
    // one line index (45.8 s for 40,000 rows before).
    let batch = |t: &str| {
        let _ = crate::json::read_batch::<u64>(t);
    };
    linear(
        "batch of bad rows",
        2_500,
        |n| format!("[\n{}\n]", vec!["\"x\""; n].join(",\n")),
        batch,
    );
    linear(
        "batch of bad rows on one line",
        2_500,
        |n| format!("[{}]", vec!["\"x\""; n].join(",")),
        batch,
    );
}

#[test]
fn svg_sanitiser_is_linear() {
    let svg = |t: &str| {
        let _ = crate::svg::sanitise(t);
    };
    linear(
        "many elements",
        1_250,
        |n| format!("<svg>{}</svg>", "<rect x=\"1\" y=\"2\"/>".repeat(n)),
        svg,
    );
    linear(
        "deep nesting",
        1_250,
        |n| format!("<svg>{}{}</svg>", "<g>".repeat(n), "</g>".repeat(n)),
        svg,
    );
    linear(
        "long attribute",
        12_500,
        |n| format!("<svg aria-label=\"{}\"/>", "&amp;x".repeat(n)),
        svg,
    );
    linear(
        "many comments",
        1_250,
        |n| format!("<svg>{}</svg>", "<!-- c -->".repeat(n)),
        svg,
    );
    linear(
        "unclosed comment",
        12_500,
        |n| format!("<svg><!--{}", "-".repeat(n)),
        svg,
    );
    linear(
        "long text",
        12_500,
        |n| format!("<svg><text>{}</text></svg>", "a &lt; b ".repeat(n)),
        svg,
    );
}

#[test]
fn locating_many_problems_is_linear() {
    use crate::problem::{Error, Problem, ProblemKind};
    let locate = |t: &str| {
        let problems = (0..t.len())
            .step_by(7)
            .map(|at| Problem::new(ProblemKind::Syntax, "", "x").with_span(Some(at..at + 1)))
            .collect();
        let _ = Error::new(problems).located(t);
    };
    linear("one long line", 5_000, |n| "abcdefg".repeat(n), locate);
    linear("many lines", 5_000, |n| "abcdef\n".repeat(n), locate);
}

#[test]
fn counting_sees_quadratic_work() {
    // The check above can fail: one line index per problem (the shape of
    // the bug of issue 18's batch reader) is caught.
    let quadratic = std::panic::catch_unwind(|| {
        linear(
            "a line index per problem",
            500,
            |n| "abcdef\n".repeat(n),
            |t| {
                for at in (0..t.len()).step_by(7) {
                    let _ = crate::problem::LineIndex::new(t).locate(at..at + 1);
                }
            },
        );
    });
    assert!(quadratic.is_err());
}
