//! The validator's own tests: each starts from `tests/fixtures/valid/mini.toml`
//! (or a small valid extension of it, built by the helpers here), changes one
//! thing, and asserts every problem reported: its kind, key path, message,
//! and line and column in the changed text. One file per part of the
//! validator (`tests/meta.rs` … `tests/forms.rs`, with `[quality]` in
//! `forms.rs`), and the limits in `tests/at_limits.rs`.

mod at_limits;
mod bands;
mod figures;
mod formats;
mod forms;
mod irt;
mod items;
mod meta;
mod norms;
mod scales;

use super::load;
use crate::support::limits;
use assess_text::problem::ProblemKind::{self, *};

const MINI: &str = include_str!("../../../../../tests/fixtures/valid/mini.toml");

/// One expected problem: kind, path, message, (line, column).
type Row<'a> = (ProblemKind, &'a str, &'a str, Option<(usize, usize)>);

/// `text` with its only occurrence of `from` replaced by `to`.
fn swap(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// `table` with `from` replaced by `to`, unchanged when `from` is empty.
fn edit(table: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        table.to_owned()
    } else {
        swap(table, from, to)
    }
}

/// mini.toml with its only occurrence of `from` replaced by `to`.
fn with(from: &str, to: &str) -> String {
    swap(MINI, from, to)
}

/// `text` with `insert` placed just before the only occurrence of `anchor`.
fn before(text: &str, anchor: &str, insert: &str) -> String {
    swap(text, anchor, &format!("{insert}{anchor}"))
}

/// Where new `[[items]]` go (after the last item, before the form).
const FORMS: &str = "[[forms]]\n";
/// Where new scales and norm groups of scale `S` go (before the first item).
const FIRST_ITEM: &str = "[[items]]\nid = \"R1\"\n";
/// Where new formats go (after `suka5`, before the first scale).
const FIRST_SCALE: &str = "[[scales]]\nid = \"R\"\n";

type Got = (ProblemKind, String, String, Option<(usize, usize)>);

fn problems(text: &str) -> Vec<Got> {
    match load(text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems()
            .iter()
            .map(|p| {
                (
                    p.kind(),
                    p.path().to_owned(),
                    p.message().to_owned(),
                    p.line().zip(p.column()),
                )
            })
            .collect(),
    }
}

/// Asserts that `text` gives exactly `expected`, in that order.
#[track_caller]
fn check(text: &str, expected: &[Row<'_>]) {
    let got = problems(text);
    let want: Vec<Got> = expected
        .iter()
        .map(|(k, p, m, at)| (*k, (*p).to_owned(), (*m).to_owned(), *at))
        .collect();
    assert_eq!(got, want);
}

/// Asserts that `text` gives `count` problems, the first of them `first`
/// (for limits whose excess leaves later references dangling).
#[track_caller]
fn check_first(text: &str, count: usize, first: Row<'_>) {
    let got = problems(text);
    let (k, p, m, at) = first;
    assert_eq!(got.first(), Some(&(k, p.to_owned(), m.to_owned(), at)));
    assert_eq!(got.len(), count);
}

#[track_caller]
fn valid(text: &str) {
    let got = problems(text);
    assert!(
        got.is_empty(),
        "expected a valid instrument, found {got:#?}"
    );
}

// ---- the base documents --------------------------------------------------

#[test]
fn mini_is_valid() {
    let inst = load(MINI).unwrap();
    assert_eq!(inst.id(), "mini-minat");
    assert_eq!(inst.items().len(), 6);
    assert_eq!(inst.scales().len(), 2);
}

/// The `[irt]` section, placed before the formats.
const IRT: &str = "[irt]\nstatus = \"draft\"\nsource = \"Invented for a unit test.\"\n\n";

/// mini.toml with an `[irt]` section whose extra lines are `extra`.
fn with_irt(extra: &str) -> String {
    before(MINI, "[formats.suka5]", &format!("{IRT}{extra}\n"))
}

/// mini.toml with `[irt]`, a `binary` format `ya` and an item `R4` of that
/// format whose `irt` table is `irt`.
fn with_binary_irt(irt: &str) -> String {
    let t = before(MINI, "[formats.suka5]", IRT);
    let t = before(
        &t,
        FIRST_SCALE,
        "[formats.ya]\ntype = \"binary\"\nlabels = [{ id = \"Tidak\", en = \"No\" }, { id = \"Ya\", en = \"Yes\" }]\n\n",
    );
    before(
        &t,
        FORMS,
        &format!(
            "[[items]]\nid = \"R4\"\nscale = \"R\"\nformat = \"ya\"\ntext = {{ id = \"Memakai obeng\", en = \"Use a screwdriver\" }}\nirt = {irt}\n\n"
        ),
    )
}

/// mini.toml with `[irt]` and item `R1` (likert, 5 points) given `irt`.
fn with_likert_irt(irt: &str) -> String {
    let t = before(MINI, "[formats.suka5]", IRT);
    swap(
        &t,
        "domain = \"bengkel\"\ntext = { id = \"Memperbaiki",
        &format!("irt = {irt}\ndomain = \"bengkel\"\ntext = {{ id = \"Memperbaiki"),
    )
}

/// mini.toml with a format `name` of the given body and an item `R4` of it
/// with the given extra lines.
fn with_choice_item(name: &str, format_body: &str, item: &str) -> String {
    let t = before(
        MINI,
        FIRST_SCALE,
        &format!("[formats.{name}]\n{format_body}\n"),
    );
    before(
        &t,
        FORMS,
        &format!(
            "[[items]]\nid = \"R4\"\nscale = \"R\"\nformat = \"{name}\"\ntext = {{ id = \"Memilih alat\", en = \"Choose a tool\" }}\n{item}\n"
        ),
    )
}

const TWO_OPTIONS: &str = "options = [\n  { key = \"A\", text = { id = \"Palu\", en = \"Hammer\" } },\n  { key = \"B\", text = { id = \"Gergaji\", en = \"Saw\" } },\n]\n";

/// A `scored_choice` item's options with these scores.
fn scored_options(a: &str, b: &str) -> String {
    format!(
        "options = [\n  {{ key = \"A\", text = {{ id = \"Palu\", en = \"Hammer\" }}{a} }},\n  {{ key = \"B\", text = {{ id = \"Gergaji\", en = \"Saw\" }}{b} }},\n]\n"
    )
}

/// mini.toml with a composite scale `RS` of `R` and `S`, changed by
/// `from` → `to` in its table.
fn with_composite(from: &str, to: &str) -> String {
    let table = "[[scales]]\nid = \"RS\"\nname = { id = \"Gabungan\", en = \"Combined\" }\ncomposite = [\"R\", \"S\"]\n\n";
    before(MINI, FIRST_ITEM, &edit(table, from, to))
}

/// mini.toml with a norm group for scale `S`, changed by `from` → `to`.
fn with_norm(from: &str, to: &str) -> String {
    let table = "[[scales.norms]]\ngroup = \"smk\"\nsource = \"Invented for a unit test.\"\nsample_size = 120\npopulation = \"SMK pupils\"\ncollected = \"2024\"\nmethod = \"normal\"\nmean = 3.0\nsd = 0.8\nnormal = true\n\n";
    before(MINI, FIRST_ITEM, &edit(table, from, to))
}

/// mini.toml with a norm table for scale `S`, changed by `from` → `to`.
fn with_norm_table(from: &str, to: &str) -> String {
    let table = "[[scales.norms]]\ngroup = \"smk\"\nsource = \"Invented for a unit test.\"\nsample_size = 120\npopulation = \"SMK pupils\"\ncollected = \"2024\"\nmethod = \"table\"\ntable = [\n  { score = 1.0, percentile = 5.0, t = 34.0 },\n  { score = 3.0, percentile = 50.0, t = 50.0 },\n  { score = 5.0, percentile = 95.0, t = 66.0 },\n]\n\n";
    before(MINI, FIRST_ITEM, &edit(table, from, to))
}

/// mini.toml with item `R1` given `figure = { svg = …, alt = … }`.
fn with_figure(svg: &str, alt: &str) -> String {
    with(
        "domain = \"bengkel\"\ntext = { id = \"Memperbaiki",
        &format!(
            "figure = {{ svg = '{svg}', alt = {alt} }}\ndomain = \"bengkel\"\ntext = {{ id = \"Memperbaiki"
        ),
    )
}

const ALT: &str = "{ id = \"Sebuah kotak\", en = \"A box\" }";

#[test]
fn extensions_used_below_are_valid() {
    valid(&with_irt(""));
    valid(&with_binary_irt("{ model = \"2pl\", a = 1.2, b = 0.5 }"));
    valid(&with_likert_irt(
        "{ model = \"grm\", a = 1.2, b = [-1.0, 0.0, 1.0, 2.0] }",
    ));
    valid(&with_choice_item(
        "pilih",
        "type = \"single_choice\"\n",
        &format!("key = \"A\"\n{TWO_OPTIONS}"),
    ));
    valid(&with_choice_item(
        "nilai",
        "type = \"scored_choice\"\n",
        &scored_options(", score = 0.0", ", score = 2.0"),
    ));
    valid(&with_composite("", ""));
    valid(&with_norm("", ""));
    valid(&with_norm_table("", ""));
    valid(&with_figure(
        "<svg viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\"/></svg>",
        ALT,
    ));
}

// ---- all problems at once, in document order -------------------------------

#[test]
fn every_problem_at_once_in_document_order() {
    // Five problems in five parts. The checks meet them in the order format,
    // items, bands, forms, quality; they are reported at once, in the order
    // of the document.
    let t = with(
        "items = [\"R1\", \"S1\", \"R2\", \"S2\"]",
        "items = [\"R1\", \"S1\", \"R9\", \"S2\"]",
    );
    let t = swap(
        &t,
        "id = \"R1\"\nscale = \"R\"",
        "id = \"R1\"\nscale = \"Q\"",
    );
    let t = swap(&t, "min = 40.0\nmax = 70.0", "min = 45.0\nmax = 70.0");
    let t = swap(&t, "min_irv = 0.3", "min_irv = -0.3");
    let t = swap(&t, "format = 1\n", "format = 2\n");
    check(
        &t,
        &[
            (
                InvalidValue,
                "format",
                "unsupported format version `2`; this engine reads format 1",
                Some((4, 10)),
            ),
            (
                InvalidValue,
                "quality.min_irv",
                "expected a standard deviation, 0 or more, found -0.3",
                Some((22, 11)),
            ),
            (
                BandGap,
                "scales[0].bands[1].min",
                "gap between bands: `rendah` ends at 40 but `sedang` starts at 45",
                Some((53, 7)),
            ),
            (
                UnknownReference,
                "items[0].scale",
                "unknown scale `Q`; expected one of `R`, `S`",
                Some((88, 9)),
            ),
            (
                Empty,
                "forms[0].items",
                "the form has no item of scale `R`",
                Some((130, 9)),
            ),
            (
                UnknownReference,
                "forms[0].items[2]",
                "unknown item `R9`",
                Some((130, 22)),
            ),
        ],
    );
}
