//! The whole flow for a counsellor and for programme staff, on the shipped
//! sample data, with the same code as the `assess` command (its library,
//! `assess_cli`):
//!
//! 1. a printable personal report (HTML) for each persona, in Bahasa
//!    Indonesia and English, from the interest, aptitude and readiness
//!    responses and the job-family catalogue (`assess report`);
//! 2. a batch of 3,000 synthetic respondents scored to JSON Lines and a
//!    wide CSV (`assess score`);
//! 3. a summary of that batch by district and by disability, HTML and CSV,
//!    with groups under 10 suppressed (`assess summary`).
//!
//! ```sh
//! cargo run -p assess-cli --example counsellor_flow              # all six personas
//! cargo run -p assess-cli --example counsellor_flow -- kebumen-rina
//! ```
//!
//! Files go to `target/counsellor-example/`; open the `.html` files in a
//! browser and print them (A4). Personas are simulated, not real people
//! (see examples/responses/).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use assess_cli::{report, score, summary};
use assess_core::{Catalog, Instrument, ScoreOptions};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const PERSONAS: [&str; 6] = [
    "rembang-siti",
    "banyumas-adi",
    "kebumen-rina",
    "brebes-dewi",
    "grobogan-bayu",
    "sragen-joko",
];

fn instrument(name: &str) -> Instrument {
    let text = std::fs::read_to_string(format!("{ROOT}/instruments/{name}.toml")).unwrap();
    Instrument::from_toml(&text).unwrap()
}

fn main() {
    let root = std::fs::canonicalize(ROOT).unwrap();
    let out = root.join("target/counsellor-example");
    std::fs::create_dir_all(&out).unwrap();
    let catalog = Catalog::from_toml(
        &std::fs::read_to_string(format!("{ROOT}/instruments/job-families.toml")).unwrap(),
    )
    .unwrap();
    let chosen: Vec<String> = match std::env::args().nth(1) {
        Some(p) => vec![p],
        None => PERSONAS.iter().map(|p| (*p).to_owned()).collect(),
    };

    println!("1. Laporan pribadi / personal reports");
    for persona in &chosen {
        for lang in ["id", "en"] {
            let file = out.join(format!("{persona}.{lang}.html"));
            let sources = ["riasec", "aptitude", "readiness"]
                .iter()
                .map(|name| {
                    (
                        instrument(name),
                        PathBuf::from(format!("{ROOT}/examples/responses/{name}-personas.json")),
                    )
                })
                .collect();
            let code = report::main(report::Request {
                sources,
                respondent: Some(persona),
                catalog: Some(&catalog),
                lang,
                top: 5,
                id_column: "respondent_id",
                out: Some(&file),
                // A fixed date: the example's pages are the same every day.
                date: assess_pages::date::Date::parse("2026-12-05").ok(),
            });
            assert_eq!(code, std::process::ExitCode::SUCCESS, "{persona}");
            println!("   {}", file.display());
        }
    }
    println!(
        "   = assess report --respondent {} -i instruments/riasec.toml -r examples/responses/riasec-personas.json \\\n     -i instruments/aptitude.toml -r examples/responses/aptitude-personas.json \\\n     -i instruments/readiness.toml -r examples/responses/readiness-personas.json \\\n     --catalog instruments/job-families.toml --lang id -o {}.id.html",
        chosen[0], chosen[0]
    );

    println!("\n2. Skor satu angkatan / score a batch (3,000 synthetic respondents)");
    let riasec = instrument("riasec");
    let options = ScoreOptions::new().language("id");
    let input = PathBuf::from(format!("{ROOT}/examples/responses/synthetic-riasec.csv"));
    let rec = score::Recommend {
        catalog: &catalog,
        options: assess_core::RecommendOptions::new().language("id").top(3),
    };
    for (format, name) in [
        (score::OutputFormat::Jsonl, "batch.jsonl"),
        (score::OutputFormat::Csv, "batch.csv"),
    ] {
        let encoder = score::Encoder::new(format, &riasec);
        let file = out.join(name);
        let code = score::main(&score::Batch {
            job: score::Job {
                instrument: &riasec,
                options: &options,
                form: None,
                rec: Some(&rec),
                encoder: &encoder,
            },
            input: &input,
            input_format: score::InputFormat::Csv,
            id_column: "respondent_id",
            out: Some(&file),
            jobs: 0,
            quiet: true,
            resume: false,
            overwrite: true,
        });
        assert_eq!(code, std::process::ExitCode::SUCCESS);
        println!("   {}", file.display());
    }
    println!(
        "   = assess score -i instruments/riasec.toml -r examples/responses/synthetic-riasec.csv \\\n     --recommend instruments/job-families.toml --top 3 --format csv --jobs 0 -o batch.csv"
    );

    println!("\n3. Ringkasan untuk staf program / summary for programme staff");
    for lang in ["id", "en"] {
        let html = out.join(format!("summary.{lang}.html"));
        let csv = out.join("summary.csv");
        let by = ["district".to_owned(), "disability".to_owned()];
        let code = summary::main(&summary::Request {
            input: &out.join("batch.jsonl"),
            by: &by,
            min_group: 10,
            lang,
            html: Some(&html),
            csv: Some(&csv),
            formula_guard: true,
        });
        assert_eq!(code, std::process::ExitCode::SUCCESS);
        println!("   {}", html.display());
    }
    println!("   {}", out.join("summary.csv").display());
    println!(
        "   = assess summary batch.jsonl --by district --by disability --html summary.id.html --csv summary.csv"
    );
}
