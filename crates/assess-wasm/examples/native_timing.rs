//! The native side of the WebAssembly timings in BENCHMARKS.md: the same
//! work as one call sequence of the JavaScript API for one respondent
//! (read the response JSON, check and score, serialise the report, build
//! the recommendations from the profile and serialise them), measured the
//! same way as in the browser: 3,000 warm-up runs, then the median of 100
//! batches of 20. JSON is written by `assess_text::json::to_string`, as in
//! the package. Not a test; timing is never asserted.
//!
//! `cargo run -q --release -p assess-wasm --example native_timing`

use std::time::Instant;

use assess_core::{
    Catalog, Instrument, RecommendOptions, ResponseSet, ScoreOptions, recommend, score,
};

fn main() {
    let text =
        std::fs::read_to_string("instruments/riasec.toml").expect("run from the repository root");
    let catalog_text = std::fs::read_to_string("instruments/job-families.toml")
        .expect("run from the repository root");
    let t0 = Instant::now();
    let riasec = Instrument::from_toml(&text).expect("valid");
    let load = t0.elapsed();
    let catalog = Catalog::from_toml(&catalog_text).expect("valid");
    let answers: Vec<String> = riasec
        .items()
        .iter()
        .map(|i| format!("\"{}\":{}", i.id(), 1 + u32::from(i.id().as_bytes()[0]) % 5))
        .collect();
    let set = format!(
        "{{\"respondent_id\":\"bench\",\"answers\":{{{}}}}}",
        answers.join(",")
    );
    let once = || {
        let s = ResponseSet::from_json(&set).expect("valid");
        let report = score(&riasec, &s, &ScoreOptions::new()).expect("scored");
        let json = assess_text::json::to_string(&report).expect("json");
        let profile = report.riasec.as_ref().expect("profile");
        let recs = recommend(profile, None, None, &catalog, &RecommendOptions::new());
        let rj = assess_text::json::to_string(&recs).expect("json");
        std::hint::black_box((json, rj));
    };
    for _ in 0..3000 {
        once();
    }
    let mut times: Vec<f64> = (0..100)
        .map(|_| {
            let s = Instant::now();
            for _ in 0..20 {
                once();
            }
            s.elapsed().as_secs_f64() * 1e3 / 20.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"loadInstrumentMs\":{},\"scoreAndRecommendMedianMs\":{},\"scoreAndRecommendP10Ms\":{},\"scoreAndRecommendP90Ms\":{}}}",
        load.as_secs_f64() * 1e3,
        times[50],
        times[10],
        times[90]
    );
}
