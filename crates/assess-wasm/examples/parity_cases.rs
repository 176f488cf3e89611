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
//!
//! `cat.jsonl` holds N adaptive sessions on the aptitude battery, one a
//! line: `{"config", "seed", "answers", "outcomes"}` — the configuration and
//! seed given to `start`, the answers given to each `step` (JSON text), and
//! every outcome the native engine returned (JSON text: the start's, then
//! one per answer). Sessions rotate through five configurations (each
//! estimator, randomesque exposure, content balancing) and five answer
//! patterns (all right, all wrong — the extreme-pattern fallbacks — and
//! seeded mixtures with skipped items).
//!
//! `analysis.jsonl` holds instrument analyses: the shipped synthetic
//! aptitude and readiness samples as JSON arrays of response sets, with a
//! grouping column and options, and the native `analyze_json` output.

use std::fmt::Write as _;
use std::path::PathBuf;

use assess_core::analysis::analyze_json;
use assess_core::cat::{ItemBank, start_json, step_json};
use assess_core::simulate::{seeded_rng, simulate_respondent};
use assess_core::{
    Catalog, CsvLayout, Instrument, Policy, RecommendOptions, Report, Results, ScoreOptions,
    recommend, score,
};
use rand::Rng;

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
    let mut analyses = String::new();
    for (k, group, options) in [
        (1, "gender", "{}"),
        (
            2,
            "disability",
            r#"{"reference":"tidak ada","rest_as_focal":true,"missing":"listwise"}"#,
        ),
    ] {
        let responses = sample_sets(&instruments[k], names[k]);
        let expected = analyze_json(&instruments[k], &responses, Some(group), options)
            .expect("the samples can be analysed");
        writeln!(
            analyses,
            "{{\"instrument\":{},\"group\":{},\"options\":{},\"responses\":{},\"analysis\":{}}}",
            json(&names[k]),
            json(&group),
            json(&options),
            json(&responses),
            json(&expected)
        )
        .expect("write");
    }
    std::fs::write(out.join("analysis.jsonl"), analyses).expect("write the analyses");
    let cat = cat_sessions(&instruments[1], n);
    std::fs::write(out.join("cat.jsonl"), cat).expect("write the sessions");
    eprintln!("{}: {n} sessions", out.join("cat.jsonl").display());
    for (k, name) in names.iter().enumerate() {
        let path = out.join(format!("{name}.jsonl"));
        std::fs::write(&path, &lines[k]).expect("write the cases");
        eprintln!("{}: {n} cases", path.display());
    }
}

/// The configurations the adaptive sessions rotate through.
const CAT_CONFIGS: [&str; 5] = [
    "{}",
    r#"{"max_items":15,"target_se":0.35,"exposure":{"method":"randomesque","candidates":3},"content":{"method":"equal"}}"#,
    r#"{"estimator":"map","min_items":3,"max_items":12,"target_se":0.5}"#,
    r#"{"estimator":"wle","max_items":10,"target_se":null}"#,
    r#"{"estimator":"ml","min_items":3,"max_items":8,"content":{"method":"equal"}}"#,
];

/// `n` seeded adaptive sessions on `aptitude`, as JSON Lines.
fn cat_sessions(aptitude: &Instrument, n: usize) -> String {
    let bank = ItemBank::from_instrument(aptitude).expect("the battery has IRT parameters");
    let mut lines = String::new();
    for i in 0..n {
        let config = CAT_CONFIGS[i % CAT_CONFIGS.len()];
        let seed = 7_000_000 + i as u64;
        let mut rng = seeded_rng(seed);
        // Share of right answers: all, none, or a seeded mixture.
        let right = match (i / CAT_CONFIGS.len()) % 5 {
            0 => 1.0,
            1 => 0.0,
            k => 0.25 * k as f64 - 0.25,
        };
        let mut outcome = start_json(&bank, config, seed).expect("a valid configuration");
        let (mut answers, mut outcomes) = (Vec::new(), vec![outcome.clone()]);
        loop {
            let value: serde_json::Value = serde_json::from_str(&outcome).expect("outcome JSON");
            let Some(id) = value["next"]["id"].as_str() else {
                break;
            };
            let item = aptitude
                .item(id)
                .expect("a bank item is an instrument item");
            let key = item.key().expect("a keyed item");
            let u: f64 = rng.random();
            let answer = if right > 0.0 && right < 1.0 && u < 0.05 {
                "\"skipped\"".to_owned()
            } else if u < right {
                json(&item.options()[key].key())
            } else {
                let wrong = (key + 1 + rng.random_range(0..item.options().len() - 1))
                    % item.options().len();
                json(&item.options()[wrong].key())
            };
            let session = json(&value["session"]);
            outcome = step_json(&bank, &session, &answer).expect("a valid answer");
            answers.push(answer);
            outcomes.push(outcome.clone());
        }
        writeln!(
            lines,
            "{{\"config\":{},\"seed\":{seed},\"answers\":{},\"outcomes\":{}}}",
            json(&config),
            json(&answers),
            json(&outcomes)
        )
        .expect("write");
    }
    lines
}

/// The shipped synthetic sample of `name` as a JSON array of response sets.
fn sample_sets(instrument: &Instrument, name: &str) -> String {
    let text = std::fs::read_to_string(format!("examples/responses/synthetic-{name}.csv"))
        .expect("the shipped sample");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = CsvLayout::new(instrument, &header, "respondent_id").expect("a valid header");
    let sets: Vec<_> = rows
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            let cells: Vec<&str> = r.iter().collect();
            layout.read(&cells).expect("a valid row")
        })
        .collect();
    json(&sets)
}
