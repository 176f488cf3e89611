//! Speed of IRT scoring and of one adaptive step. Run with
//! `cargo bench -p assess-core --bench irt`; BENCHMARKS.md records results.
//!
//! Inputs:
//! - the shared file `../shared/bench/dich_2pl_16000x60.csv` (16,000
//!   synthetic respondents × 60 items scored 0/1) with its true 2PL
//!   parameters `dich_2pl_true_params.csv` (without them beside the
//!   checkout, a fixed pattern of the same shape);
//! - a synthetic 500-item 2PL bank from a seeded generator
//!   (`cat::synthetic_bank(500, 4, 2026)`: a ~ U(0.8, 2), b ~ N(0, 1), four
//!   domains).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::LazyLock;

use assess_core::cat::{
    CatConfig, CatSession, Content, Exposure, ItemBank, start, step_category, synthetic_bank,
};
use assess_core::irt::{Observed, Quadrature, ScoringRule, eap_dichotomous_batch, estimate};
use assess_core::{EstimatorKind, ExtremePolicy, IrtModel, IrtParams};
use divan::{Bencher, black_box};

#[path = "support/dich.rs"]
mod dich;

fn main() {
    divan::main();
}

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// (items, answers row by row).
static DICH: LazyLock<(Vec<IrtParams>, Vec<u8>)> = LazyLock::new(|| {
    let dir = format!("{ROOT}/../shared/bench");
    let (Ok(data), Ok(params)) = (
        std::fs::read_to_string(format!("{dir}/dich_2pl_16000x60.csv")),
        std::fs::read_to_string(format!("{dir}/dich_2pl_true_params.csv")),
    ) else {
        let items = (0..60)
            .map(|i| IrtParams::Dichotomous {
                model: IrtModel::TwoPl,
                a: 1.0 + f64::from(i % 7) / 10.0,
                d: f64::from(i % 9) / 3.0 - 1.5,
                c: 0.0,
                u: 1.0,
            })
            .collect();
        return (
            items,
            (0..16_000 * 60)
                .map(|i: u32| u8::from((i * 7 + i / 60) % 3 == 0))
                .collect(),
        );
    };
    let items = dich::params(&params);
    let (_, answers) = dich::answers(&data);
    (items, answers)
});

/// EAP and posterior SD, 61 points on [−4, 4], N(0, 1) prior, for all
/// 16,000 respondents (one thread; the pattern tables are built inside the
/// timed region).
#[divan::bench]
fn eap_61_16000x60(b: Bencher<'_, '_>) {
    let (items, data) = &*DICH;
    let quad = Quadrature::standard();
    let mut out = vec![(0.0, 0.0); data.len() / items.len()];
    b.bench_local(|| {
        eap_dichotomous_batch(black_box(items), &quad, black_box(data), &mut out).unwrap()
    });
}

/// The same in plain log space, one respondent at a time through
/// `irt::estimate` (the general path: any model, any subset).
#[divan::bench(sample_count = 5)]
fn eap_61_16000x60_log_space(b: Bencher<'_, '_>) {
    let (items, data) = &*DICH;
    let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
    b.bench_local(|| {
        let mut sum = 0.0;
        for row in data.chunks_exact(items.len()) {
            let obs: Vec<Observed<'_>> = items
                .iter()
                .zip(row)
                .map(|(p, &x)| Observed::new(p, usize::from(x)).unwrap())
                .collect();
            sum += estimate(&obs, &rule, EstimatorKind::Eap).theta;
        }
        sum
    });
}

static BANK: LazyLock<ItemBank> = LazyLock::new(|| synthetic_bank(500, 4, 2026).unwrap());

/// A session on the 500-item bank after 10 answers, waiting for the 11th.
fn session_after_ten(config: CatConfig) -> CatSession {
    let mut out = start(&BANK, config, 7).unwrap();
    for i in 0..10 {
        out = step_category(&BANK, out.session, i % 2).unwrap();
    }
    out.session
}

/// One adaptive step on the 500-item bank (absorb the answer into the
/// posterior, EAP, stopping rules, maximum-information selection over the
/// 490 items left). The session is cloned in the timed region, as a server
/// that keeps it would.
#[divan::bench(args = ["plain", "randomesque+balance"])]
fn cat_step_500(b: Bencher<'_, '_>, kind: &str) {
    let config = CatConfig::new().max_items(40).target_se(None);
    let config = match kind {
        "plain" => config,
        _ => config
            .exposure(Exposure::Randomesque { candidates: 5 })
            .content(Content::Equal),
    };
    let session = session_after_ten(config);
    b.bench_local(|| step_category(&BANK, black_box(session.clone()), 1).unwrap());
}

/// The same step through JSON text in and out (what the WebAssembly
/// binding does): parse the session, step, serialise the outcome.
#[divan::bench]
fn cat_step_500_json(b: Bencher<'_, '_>) {
    let text = session_after_ten(CatConfig::new().max_items(40).target_se(None)).to_json();
    b.bench_local(|| assess_core::cat::step_json(&BANK, black_box(&text), "1").unwrap());
}
