//! Writes the native half of the parity test: for every shipped instrument,
//! seeded simulated response sets (`simulate::simulate_respondent`) and the
//! JSON the native engine gives for them, as JSON Lines. The Node and
//! browser tests score the same inputs with the WebAssembly package and
//! compare the bytes.
//!
//! Usage: `cargo run -q -p assess-wasm --example parity_cases -- OUT_DIR [N]`
//! (N response sets per instrument, 1,000 by default). Each line:
//! `{"instrument", "language", "policy", "responses", "report"}` and, for
//! the interest instrument, `"recommendations"` (interest only, top 5) and
//! `"recommendations_all"` (with the same respondent's aptitude and
//! readiness results, top 10). Expected outputs are JSON text inside
//! JSON strings, so the comparison is byte for byte.

use std::fmt::Write as _;
use std::path::PathBuf;

use assess_core::simulate::{seeded_rng, simulate_respondent};
use assess_core::{
    Catalog, Instrument, Policy, RecommendOptions, Report, Results, ScoreOptions, recommend, score,
};

fn load(path: &str) -> Instrument {
    let text = std::fs::read_to_string(path).expect("run from the repository root");
    Instrument::from_toml(&text).expect("a valid shipped instrument")
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().expect("usage: parity_cases OUT_DIR [N]"));
    let n: usize = args
        .next()
        .map_or(1000, |s| s.parse().expect("N is a number"));
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    let names = ["riasec", "aptitude", "readiness"];
    let instruments: Vec<Instrument> = names
        .iter()
        .map(|n| load(&format!("instruments/{n}.toml")))
        .collect();
    let catalog = Catalog::from_toml(
        &std::fs::read_to_string("instruments/job-families.toml").expect("catalogue"),
    )
    .expect("valid catalogue");
    let mut lines = vec![String::new(); names.len()];
    for i in 0..n {
        let lang = if i % 2 == 0 { "id" } else { "en" };
        let mut reports: Vec<Report> = Vec::new();
        for (k, inst) in instruments.iter().enumerate() {
            let mut rng = seeded_rng(1_000_000 * (k as u64 + 1) + i as u64);
            // Every fourth set leaves about 8% of items unanswered, and
            // every tenth interest set answers the short form.
            let missing = if i % 4 == 3 { 0.08 } else { 0.0 };
            let mut set = simulate_respondent(
                inst,
                &format!("parity-{}-{i:05}", names[k]),
                missing,
                &mut rng,
            )
            .responses;
            if k == 0 && i % 10 == 9 {
                let form = &inst.forms()[0];
                let keep: Vec<&str> = form.items().iter().map(|&j| inst.items()[j].id()).collect();
                set.answers.0.retain(|(id, _)| keep.contains(&id.as_str()));
                set.form = Some(form.id().to_owned());
            }
            let policy = if missing > 0.0 {
                Policy::Warn
            } else {
                Policy::Reject
            };
            let options = ScoreOptions::new().language(lang).policy(policy);
            let report = score(inst, &set, &options).expect("simulated answers are valid");
            let mut line = format!(
                "{{\"instrument\":{},\"language\":{},\"policy\":{},\"responses\":{},\"report\":{}",
                json(&names[k]),
                json(&lang),
                json(&policy),
                json(&json(&set)),
                json(&json(&report)),
            );
            if k == 0 {
                // No profile (a type's scale not scorable): no
                // recommendations, and the binding must refuse too.
                let recs = report.riasec.as_ref().map(|profile| {
                    json(&recommend(
                        profile,
                        None,
                        None,
                        &catalog,
                        &RecommendOptions::new().language(lang),
                    ))
                });
                write!(line, ",\"recommendations\":{}", json(&recs)).expect("write");
            }
            lines[k].push_str(&line);
            reports.push(report);
        }
        // The interest line gets the recommendations with this respondent's
        // aptitude and readiness results, top 10.
        let all = reports[0].riasec.as_ref().map(|profile| {
            json(&recommend(
                profile,
                Some(Results {
                    instrument: &instruments[1],
                    report: &reports[1],
                }),
                Some(Results {
                    instrument: &instruments[2],
                    report: &reports[2],
                }),
                &catalog,
                &RecommendOptions::new().language(lang).top(10),
            ))
        });
        for (k, l) in lines.iter_mut().enumerate() {
            if k == 0 {
                write!(l, ",\"recommendations_all\":{}", json(&all)).expect("write");
            }
            l.push_str("}\n");
        }
    }
    for (k, name) in names.iter().enumerate() {
        let path = out.join(format!("{name}.jsonl"));
        std::fs::write(&path, &lines[k]).expect("write the cases");
        eprintln!("{}: {n} cases", path.display());
    }
}
