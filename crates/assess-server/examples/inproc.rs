//! The library's own cost of the work behind each endpoint, in this
//! process, without HTTP: what `scripts/bench-server` prints next to the
//! service's figures. One JSON line per part, microseconds per call
//! (median of 7 rounds).
//!
//! ```text
//! cargo run --release -p assess-server --example inproc
//! ```

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::cast_precision_loss
)]

use std::time::Instant;

use assess_core::cat::{CatConfig, ItemBank};

fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut rounds: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[3]
}

fn main() {
    let smoke = std::env::var("BENCH_SMOKE").is_ok_and(|v| v == "1");
    let n = if smoke { 20 } else { 5_000 };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let riasec = assess_core::Instrument::from_toml(&read("instruments/riasec.toml")).unwrap();
    let apt = assess_core::Instrument::from_toml(&read("instruments/aptitude.toml")).unwrap();
    let catalog = assess_core::Catalog::from_toml(&read("instruments/job-families.toml")).unwrap();
    let personas: serde_json::Value =
        serde_json::from_str(&read("examples/responses/riasec-personas.json")).unwrap();
    let set_text = personas[0].to_string();
    let options = assess_core::ScoreOptions::new().language("id");

    let score = median_us(n, || {
        let set = assess_core::ResponseSet::from_json(&set_text).unwrap();
        let r = assess_core::score(&riasec, &set, &options).unwrap();
        std::hint::black_box(assess_text::json::to_string(&r).unwrap());
    });
    let results = median_us(n, || {
        let set = assess_core::ResponseSet::from_json(&set_text).unwrap();
        let r = assess_core::score(&riasec, &set, &options).unwrap();
        let person = assess_core::PersonResults::new(assess_core::Results {
            instrument: &riasec,
            report: &r,
        })
        .unwrap();
        let rec = person.recommend(&catalog, &assess_core::RecommendOptions::new());
        let body = assess_text::json::to_string(&r).unwrap()
            + &assess_text::json::to_string(&rec).unwrap();
        std::hint::black_box(lz4_flex::compress_prepend_size(body.as_bytes()));
    });

    let bank = ItemBank::from_instrument(&apt).unwrap();
    let cfg = CatConfig::from_json(r#"{"min_items":8,"max_items":15,"target_se":0.4,"exposure":{"method":"randomesque","candidates":3},"content":{"method":"equal"}}"#).unwrap();
    let sealer = assess_server::seal::Sealer::new(&[1; 32]);
    let header = assess_server::seal::Header {
        sid: "0".repeat(32),
        n: 4,
        inst: "aptitude".into(),
        lang: "id".into(),
        exp: u64::MAX,
    };
    let mut out = assess_core::cat::start(&bank, cfg, 7).unwrap();
    for _ in 0..4 {
        out = assess_core::cat::step(&bank, out.session, &assess_core::Answer::Choice("A".into()))
            .unwrap();
    }
    let token = sealer.seal(&header, &out.session).unwrap();
    let answer = assess_core::Answer::Choice("B".into());
    let step = median_us(n, || {
        let (_, session) = sealer.open(&token, 0).unwrap();
        let next = assess_core::cat::step(&bank, session, &answer).unwrap();
        let id = next.next.as_ref().map(|x| x.id.clone()).unwrap_or_default();
        let view = apt.item_view(&id, "id", Some(next.session.seed));
        std::hint::black_box((
            sealer.seal(&header, &next.session).unwrap(),
            assess_text::json::to_string(&view).unwrap(),
        ));
    });
    let open = median_us(n, || {
        std::hint::black_box(sealer.open(&token, 0).unwrap());
    });
    let seal = median_us(n, || {
        std::hint::black_box(sealer.seal(&header, &out.session).unwrap());
    });
    println!(
        "{{\"part\":\"score one 60-item interest set (read, score, JSON)\",\"us\":{score:.1}}}"
    );
    println!(
        "{{\"part\":\"…with recommendations and the stored body compressed\",\"us\":{results:.1}}}"
    );
    println!(
        "{{\"part\":\"one adaptive step (open token, step, item view, seal token)\",\"us\":{step:.1}}}"
    );
    println!(
        "{{\"part\":\"  of which: open a token\",\"us\":{open:.1},\"token_bytes\":{}}}",
        token.len()
    );
    println!("{{\"part\":\"  of which: seal a token\",\"us\":{seal:.1}}}");
}
