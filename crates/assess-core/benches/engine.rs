//! Speed of the engine's hot paths. Run with
//! `cargo bench -p assess-core --bench engine`; results and how they were
//! measured are written up in BENCHMARKS.md.
//!
//! Inputs: the shipped 60-item bilingual RIASEC inventory, and the shared
//! benchmark file `../shared/bench/likert_16000x60.csv` (16,000 synthetic
//! respondents × 60 Likert items) when it is beside the checkout.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::sync::LazyLock;

use assess_core::{AnswerMatrix, Instrument, ResponseSet, ScoreOptions, score, score_matrix};
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

static RIASEC_TEXT: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string(format!("{ROOT}/instruments/riasec.toml")).unwrap());
static RIASEC: LazyLock<Instrument> =
    LazyLock::new(|| Instrument::from_toml(&RIASEC_TEXT).unwrap());

/// The 16,000 × 60 answers of the shared benchmark file, columns put in
/// the instrument's item order by name (or, without the file, the same
/// shape from a fixed pattern).
static LIKERT: LazyLock<Vec<f64>> = LazyLock::new(|| {
    let path = format!("{ROOT}/../shared/bench/likert_16000x60.csv");
    let Ok(text) = std::fs::read_to_string(path) else {
        return (0..16_000 * 60)
            .map(|i| f64::from((i * 7 + i / 60) % 5 + 1))
            .collect();
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cols: Vec<usize> = RIASEC
        .items()
        .iter()
        .map(|it| header.iter().position(|h| *h == it.id()).unwrap())
        .collect();
    let mut out = Vec::with_capacity(16_000 * 60);
    for line in lines {
        let cells: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
        out.extend(cols.iter().map(|&c| cells[c]));
    }
    out
});

/// Parse and validate the 60-item bilingual instrument.
#[divan::bench]
fn parse_and_validate_riasec(b: Bencher<'_, '_>) {
    let text = RIASEC_TEXT.as_str();
    b.bench(|| Instrument::from_toml(black_box(text)).unwrap());
}

/// The first respondent of the benchmark file as a response set.
fn first_respondent() -> ResponseSet {
    ResponseSet {
        respondent_id: "bench-1".into(),
        answers: RIASEC
            .items()
            .iter()
            .zip(&LIKERT[..60])
            .map(|(it, &x)| (it.id().to_owned(), assess_core::Answer::Number(x)))
            .collect(),
        ..ResponseSet::default()
    }
}

/// Check and score one respondent on 60 items, building the full Report.
#[divan::bench]
fn check_and_score_one_respondent(b: Bencher<'_, '_>) {
    let set = first_respondent();
    let opts = ScoreOptions::new();
    b.bench(|| score(&RIASEC, black_box(&set), &opts).unwrap());
}

/// Read one respondent's response set from JSON as a browser sends it
/// (`JSON.stringify`: whole numbers without `.0`).
#[divan::bench]
fn response_set_from_json(b: Bencher<'_, '_>) {
    let text = serde_json::to_string(&first_respondent())
        .unwrap()
        .replace(".0", "");
    b.bench(|| ResponseSet::from_json(black_box(&text)).unwrap());
}

/// Serialise one Report to JSON (what every client stores).
#[divan::bench]
fn report_to_json(b: Bencher<'_, '_>) {
    let report = score(&RIASEC, &first_respondent(), &ScoreOptions::new()).unwrap();
    b.bench(|| serde_json::to_string(black_box(&report)).unwrap());
}

/// Scale scores of 16,000 respondents × 60 items in memory, one core.
#[divan::bench(sample_count = 30)]
fn score_matrix_16000x60(b: Bencher<'_, '_>) {
    let inst = &*RIASEC;
    let m = AnswerMatrix::new(inst, &LIKERT).unwrap();
    b.counter(divan::counter::ItemsCount::new(m.rows()))
        .bench(|| score_matrix(inst, black_box(&m)));
}

static CATALOG: LazyLock<assess_core::Catalog> = LazyLock::new(|| {
    assess_core::Catalog::from_toml(
        &std::fs::read_to_string(format!("{ROOT}/instruments/job-families.toml")).unwrap(),
    )
    .unwrap()
});

/// Profile plus ranking of the whole catalogue (54 families) for one
/// person, from a scored interest report; the top 5 are explained.
#[divan::bench]
fn profile_and_rank_catalogue(b: Bencher<'_, '_>) {
    let report = score(&RIASEC, &first_respondent(), &ScoreOptions::new()).unwrap();
    let opts = assess_core::RecommendOptions::new().top(5);
    b.bench(|| {
        let profile = assess_core::RiasecProfile::from_report(black_box(&report)).unwrap();
        assess_core::recommend(&profile, None, None, &CATALOG, &opts)
    });
}

/// Reliability, item analysis and answer distributions of the six scales,
/// 16,000 respondents × 60 items in memory, one core (the work of R
/// psych's `alpha` on each scale, and more).
#[divan::bench(sample_count = 30)]
fn analyze_16000x60(b: Bencher<'_, '_>) {
    use assess_core::analysis::{AnalysisData, AnalysisOptions, analyze};
    let inst = &*RIASEC;
    let m = AnswerMatrix::new(inst, &LIKERT).unwrap();
    let data = AnalysisData::from_matrix(inst, &m, None).unwrap();
    let opts = AnalysisOptions::new();
    b.counter(divan::counter::ItemsCount::new(m.rows()))
        .bench(|| analyze(inst, black_box(&data), &opts).unwrap());
}

/// DIF of 60 polytomous items for one focal group (8,000 / 8,000), matched
/// on each scale's total.
#[divan::bench(sample_count = 20)]
fn dif_16000x60_two_groups(b: Bencher<'_, '_>) {
    use assess_core::analysis::{AnalysisData, AnalysisOptions, analyze};
    let inst = &*RIASEC;
    let m = AnswerMatrix::new(inst, &LIKERT).unwrap();
    let labels = (0..m.rows())
        .map(|r| Some(if r % 2 == 0 { "a" } else { "b" }.to_owned()))
        .collect();
    let data = AnalysisData::from_matrix(inst, &m, Some(("group", labels))).unwrap();
    let opts = AnalysisOptions::new();
    b.bench(|| analyze(inst, black_box(&data), &opts).unwrap());
}
