//! A counsellor's first look: score one sample persona on the three shipped
//! instruments and print a readable summary in Bahasa Indonesia and English.
//!
//! ```sh
//! cargo run -p assess-cli --example persona_summary              # rembang-siti
//! cargo run -p assess-cli --example persona_summary -- banyumas-adi
//! cargo run -p assess-cli --example persona_summary -- kebumen-rina en
//! ```
//!
//! Personas: rembang-siti, banyumas-adi, kebumen-rina, brebes-dewi,
//! grobogan-bayu, sragen-joko (simulated from stated profiles, not real
//! people; see examples/responses/).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use assess_core::{
    Instrument, Policy, Report, ResponseSet, RiasecProfile, ScaleStatus, ScoreOptions, Status,
    score,
};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let persona = args.first().map_or("rembang-siti", String::as_str);
    let langs: Vec<&str> = match args.get(1).map(String::as_str) {
        Some(l) => vec![l],
        None => vec!["id", "en"],
    };
    for lang in langs {
        print_summary(persona, lang);
    }
}

fn print_summary(persona: &str, lang: &str) {
    let en = lang == "en";
    let rule = "=".repeat(72);
    println!("{rule}");
    println!(
        "{} {persona}",
        if en { "Summary for" } else { "Ringkasan untuk" }
    );
    println!("{rule}");
    for name in ["riasec", "aptitude", "readiness"] {
        let inst = Instrument::from_toml(
            &std::fs::read_to_string(format!("{ROOT}/instruments/{name}.toml")).unwrap(),
        )
        .unwrap();
        let sets: Vec<ResponseSet> = serde_json::from_str(
            &std::fs::read_to_string(format!("{ROOT}/examples/responses/{name}-personas.json"))
                .unwrap(),
        )
        .unwrap();
        let Some(set) = sets.iter().find(|s| s.respondent_id == persona) else {
            println!(
                "({}: {persona}?)",
                if en {
                    "no such persona"
                } else {
                    "persona tidak ada"
                }
            );
            return;
        };
        let report = score(
            &inst,
            set,
            &ScoreOptions::new().language(lang).policy(Policy::Warn),
        )
        .unwrap();
        println!();
        println!("## {}", inst.title().get(lang));
        if inst.status() != Status::Validated {
            println!(
                "   ({})",
                if en {
                    "provisional: not yet tried or normed on Central Java respondents; use for discussion, not decisions"
                } else {
                    "sementara: belum diuji dan belum punya norma untuk responden Jawa Tengah; untuk bahan diskusi, bukan keputusan"
                }
            );
        }
        if name == "riasec" {
            print_profile(&report, en);
        }
        for s in &report.scales {
            match (s.status, s.pomp, &s.band) {
                (ScaleStatus::NotScorable, _, _) => {
                    println!("   - {}: {}", s.name, s.reason.as_deref().unwrap_or(""));
                }
                (_, Some(p), Some(b)) => {
                    println!("   - {}: {} ({:.0}/100)", s.name, b.label, p);
                    println!("       {}", b.interpretation);
                    if let Some(next) = &b.next_step {
                        println!(
                            "       {} {next}",
                            if en { "Next step:" } else { "Langkah berikut:" }
                        );
                    }
                }
                (_, Some(p), None) => println!("   - {}: {:.0}/100", s.name, p),
                _ => {}
            }
        }
        for f in &report.quality.flags {
            println!(
                "   ! {}: {}",
                if en {
                    "Note for the counsellor"
                } else {
                    "Catatan untuk konselor"
                },
                f.message
            );
        }
    }
    println!();
}

fn print_profile(report: &Report, en: bool) {
    let Ok(p) = RiasecProfile::from_report(report) else {
        return;
    };
    let lang = if en { "en" } else { "id" };
    let names: Vec<&str> = p
        .holland
        .code
        .chars()
        .filter_map(assess_core::riasec::Type::from_letter)
        .map(|t| t.name(lang))
        .collect();
    println!(
        "   {} {} ({})",
        if en { "Holland code:" } else { "Kode Holland:" },
        p.holland.code,
        names.join(", ")
    );
    if p.holland.tied {
        println!(
            "   {} {}",
            if en {
                "Tied scores; other possible codes:"
            } else {
                "Ada skor sama; kode lain yang mungkin:"
            },
            p.holland.alternatives[1..].join(", ")
        );
    }
    if let Some(note) = &p.note {
        println!("   {note}");
    }
}
