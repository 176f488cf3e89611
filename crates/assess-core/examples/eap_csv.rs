//! EAP scores of a 0/1 response file, for the side-by-side benchmark with
//! numpy and girth (`scripts/bench-irt`).
//!
//! `cargo run --release -p assess-core --example eap_csv -- DATA PARAMS OUT`
//!
//! DATA: `id,Q01,…` with 0/1 answers; PARAMS: `item,a,b,d_intercept` (2PL,
//! logistic, D = 1); OUT gets `id,theta,sd` (61 points on [−4, 4], N(0, 1)
//! prior, as `peers/numpy_eap.py`). The time of the EAP computation alone
//! (the median of `ASSESS_EAP_REPEAT` runs, default 1) goes to standard
//! error.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::time::Instant;

use assess_core::irt::{Quadrature, eap_dichotomous_batch};

#[path = "../benches/support/dich.rs"]
mod dich;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, params, out] = &args[..] else {
        eprintln!("usage: eap_csv DATA.csv PARAMS.csv OUT.csv");
        std::process::exit(2);
    };
    let items = dich::params(&std::fs::read_to_string(params).unwrap());
    let (ids, answers) = dich::answers(&std::fs::read_to_string(data).unwrap());
    let mut res = vec![(0.0, 0.0); ids.len()];
    // Timed ASSESS_EAP_REPEAT times (default 1), the median reported: the
    // in-process comparison with scripts/peers/numpy_eap_inprocess.py uses 20.
    let repeat: usize = std::env::var("ASSESS_EAP_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut times: Vec<f64> = (0..repeat)
        .map(|_| {
            let t = Instant::now();
            eap_dichotomous_batch(&items, &Quadrature::standard(), &answers, &mut res).unwrap();
            t.elapsed().as_secs_f64()
        })
        .collect();
    let first = times[0];
    times.sort_by(f64::total_cmp);
    let took = times[repeat / 2];
    let mut s = String::with_capacity(ids.len() * 48);
    s.push_str("id,theta,sd\n");
    for (id, (m, sd)) in ids.iter().zip(&res) {
        let _ = writeln!(s, "{id},{m},{sd}");
    }
    std::fs::write(out, s).unwrap();
    eprintln!(
        "eap: {} respondents × {} items, median of {} runs {:.3} ms (first run {:.3} ms)",
        ids.len(),
        items.len(),
        repeat,
        took * 1e3,
        first * 1e3
    );
}
