//! Writes the sample respondents in `examples/responses/`:
//!
//! - `<instrument>-personas.json` and `.csv`: a handful of personas per
//!   shipped instrument, each simulated from a stated interest, ability or
//!   readiness profile (the latent traits below) with a fixed seed;
//! - `synthetic-<instrument>.csv`: a few thousand **synthetic** respondents,
//!   traits drawn from N(0, 1), with synthetic metadata (district, gender,
//!   age group, disability) drawn independently of the answers.
//!
//! None of these are real people. Regenerate with
//! `cargo run -p assess-cli --example generate_samples [INSTRUMENT…]` (the
//! output is the same on every run and every machine: ChaCha8 with a fixed
//! seed per instrument).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use assess_core::simulate::{
    SIMULATED_ID_PREFIX, seeded_rng, simulate_respondent, simulate_with_theta,
};
use assess_core::{Answer, Instrument, ResponseSet};
use rand::Rng;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A persona: who they are, and their latent traits by scale id (others 0).
struct Persona {
    id: &'static str,
    story: &'static str,
    meta: &'static [(&'static str, &'static str)],
    riasec: &'static [(&'static str, f64)],
    aptitude: &'static [(&'static str, f64)],
    readiness: &'static [(&'static str, f64)],
}

const PERSONAS: &[Persona] = &[
    Persona {
        id: "rembang-siti",
        story: "Young woman from a fishing village in Rembang, sells fish with her mother at the market, interested in retail work",
        meta: &[
            ("district", "Rembang"),
            ("gender", "perempuan"),
            ("age", "20"),
            ("education", "SMP"),
            ("disability", "tidak ada"),
        ],
        riasec: &[
            ("E", 1.4),
            ("S", 1.0),
            ("C", 0.4),
            ("R", -0.3),
            ("I", -0.6),
            ("A", -0.2),
        ],
        aptitude: &[
            ("numerik", 0.6),
            ("verbal", 0.2),
            ("klerikal", 0.5),
            ("logika", -0.2),
        ],
        readiness: &[
            ("komunikasi", 1.0),
            ("layanan_pelanggan", 1.2),
            ("digital", -0.8),
            ("kebiasaan_kerja", 0.5),
        ],
    },
    Persona {
        id: "banyumas-adi",
        story: "Deaf young man in Banyumas who likes machines; helps at an uncle's motorbike workshop",
        meta: &[
            ("district", "Banyumas"),
            ("gender", "laki-laki"),
            ("age", "23"),
            ("education", "SMK"),
            ("disability", "tuli"),
            ("accommodations", "instruksi tertulis; juru bahasa isyarat"),
        ],
        riasec: &[
            ("R", 1.6),
            ("I", 0.7),
            ("C", 0.2),
            ("A", -0.2),
            ("S", -0.5),
            ("E", -0.4),
        ],
        aptitude: &[
            ("numerik", 0.3),
            ("verbal", -0.3),
            ("klerikal", 0.4),
            ("logika", 1.3),
        ],
        readiness: &[
            ("k3", 1.0),
            ("kebiasaan_kerja", 0.9),
            ("komunikasi", -0.4),
            ("pemecahan_masalah", 0.8),
        ],
    },
    Persona {
        id: "kebumen-rina",
        story: "SMK graduate in Kebumen (office administration) who is undecided: likes many things a little",
        meta: &[
            ("district", "Kebumen"),
            ("gender", "perempuan"),
            ("age", "19"),
            ("education", "SMK"),
            ("disability", "tidak ada"),
        ],
        riasec: &[
            ("R", 0.0),
            ("I", 0.1),
            ("A", 0.0),
            ("S", 0.1),
            ("E", 0.0),
            ("C", 0.2),
        ],
        aptitude: &[
            ("numerik", 0.2),
            ("verbal", 0.5),
            ("klerikal", 0.8),
            ("logika", 0.0),
        ],
        readiness: &[("digital", 0.6), ("pengelolaan_diri", -0.6)],
    },
    Persona {
        id: "brebes-dewi",
        story: "Young woman on her family's shallot farm in Brebes who wants to sell produce online",
        meta: &[
            ("district", "Brebes"),
            ("gender", "perempuan"),
            ("age", "24"),
            ("education", "SMA"),
            ("disability", "tidak ada"),
        ],
        riasec: &[
            ("R", 0.9),
            ("E", 1.1),
            ("C", 0.6),
            ("A", 0.3),
            ("S", 0.0),
            ("I", -0.2),
        ],
        aptitude: &[("numerik", 0.9), ("verbal", 0.4)],
        readiness: &[
            ("digital", 0.7),
            ("layanan_pelanggan", 0.6),
            ("pemecahan_masalah", 0.5),
        ],
    },
    Persona {
        id: "grobogan-bayu",
        story: "Young man in Grobogan who uses a wheelchair and draws designs for friends' online shops",
        meta: &[
            ("district", "Grobogan"),
            ("gender", "laki-laki"),
            ("age", "26"),
            ("education", "SMA"),
            ("disability", "daksa (pengguna kursi roda)"),
            ("accommodations", "tempat kerja tanpa tangga"),
        ],
        riasec: &[
            ("A", 1.5),
            ("I", 0.6),
            ("C", 0.5),
            ("E", 0.3),
            ("R", -0.4),
            ("S", -0.2),
        ],
        aptitude: &[("verbal", 0.7), ("logika", 0.6), ("klerikal", 0.3)],
        readiness: &[
            ("digital", 1.3),
            ("pengelolaan_diri", 0.8),
            ("kerja_sama", 0.2),
        ],
    },
    Persona {
        id: "sragen-joko",
        story: "Young man in Sragen who looked after his grandmother and is interested in care work; has missed some questions",
        meta: &[
            ("district", "Sragen"),
            ("gender", "laki-laki"),
            ("age", "29"),
            ("education", "SMP"),
            ("disability", "tidak ada"),
        ],
        riasec: &[
            ("S", 1.5),
            ("I", 0.4),
            ("C", 0.1),
            ("R", 0.2),
            ("E", -0.5),
            ("A", -0.3),
        ],
        aptitude: &[("verbal", 0.1), ("numerik", -0.5)],
        readiness: &[("kerja_sama", 1.1), ("komunikasi", 0.6), ("k3", 0.4)],
    },
];

fn main() {
    let out = format!("{ROOT}/examples/responses");
    std::fs::create_dir_all(&out).unwrap();
    // `generate_samples riasec` regenerates one instrument's files only.
    let only: Vec<String> = std::env::args().skip(1).collect();
    for (name, seed, synthetic) in [
        ("riasec", 11, 3000),
        ("aptitude", 12, 2000),
        ("readiness", 13, 2000),
    ] {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let text = std::fs::read_to_string(format!("{ROOT}/instruments/{name}.toml")).unwrap();
        let inst = Instrument::from_toml(&text).unwrap();
        let mut rng = seeded_rng(seed);
        let mut sets = Vec::new();
        for p in PERSONAS {
            let traits = match name {
                "riasec" => p.riasec,
                "aptitude" => p.aptitude,
                _ => p.readiness,
            };
            let by_id: BTreeMap<&str, f64> = traits.iter().copied().collect();
            let theta = inst
                .scales()
                .iter()
                .map(|s| by_id.get(s.id()).copied().unwrap_or(0.0))
                .collect();
            let missing = if p.id == "sragen-joko" { 0.06 } else { 0.0 };
            let mut set = simulate_with_theta(&inst, p.id, theta, missing, &mut rng).responses;
            for (k, v) in p.meta {
                set.metadata
                    .insert((*k).to_owned(), serde_json::Value::String((*v).to_owned()));
            }
            set.metadata.insert(
                "persona".into(),
                serde_json::Value::String(p.story.to_owned()),
            );
            sets.push(set);
        }
        std::fs::write(
            format!("{out}/{name}-personas.json"),
            serde_json::to_string_pretty(&sets).unwrap() + "\n",
        )
        .unwrap();
        std::fs::write(
            format!("{out}/{name}-personas.csv"),
            to_csv(
                &inst,
                &sets,
                &[
                    "district",
                    "gender",
                    "age",
                    "education",
                    "disability",
                    "accommodations",
                ],
            ),
        )
        .unwrap();

        let districts = [
            "Brebes",
            "Demak",
            "Rembang",
            "Grobogan",
            "Sragen",
            "Kebumen",
            "Banyumas",
            "Banjarnegara",
            "Boyolali",
            "Semarang",
            "Cilacap",
            "Purbalingga",
            "Wonosobo",
        ];
        let disabilities = ["tuli", "netra", "daksa", "intelektual", "psikososial"];
        let mut synth = Vec::with_capacity(synthetic);
        for i in 1..=synthetic {
            let mut set = simulate_respondent(
                &inst,
                &format!("{SIMULATED_ID_PREFIX}{name}-{i:05}"),
                0.01,
                &mut rng,
            )
            .responses;
            let d = districts[rng.random_range(0..districts.len())];
            set.metadata.insert("district".into(), d.into());
            set.metadata.insert(
                "gender".into(),
                (if rng.random::<bool>() {
                    "perempuan"
                } else {
                    "laki-laki"
                })
                .into(),
            );
            let age: u32 = rng.random_range(18..=34);
            set.metadata.insert(
                "age_group".into(),
                (if age < 25 { "18-24" } else { "25-34" }).into(),
            );
            let dis = if rng.random::<f64>() < 0.08 {
                disabilities[rng.random_range(0..disabilities.len())]
            } else {
                "tidak ada"
            };
            set.metadata.insert("disability".into(), dis.into());
            synth.push(set);
        }
        std::fs::write(
            format!("{out}/synthetic-{name}.csv"),
            to_csv(
                &inst,
                &synth,
                &["district", "gender", "age_group", "disability"],
            ),
        )
        .unwrap();
        println!(
            "{name}: {} personas, {synthetic} synthetic respondents",
            sets.len()
        );
    }
}

/// `respondent_id,<items in instrument order>,<metadata columns>`.
fn to_csv(inst: &Instrument, sets: &[ResponseSet], meta: &[&str]) -> String {
    let mut s = String::from("respondent_id");
    for it in inst.items() {
        s.push(',');
        s.push_str(it.id());
    }
    for m in meta {
        s.push(',');
        s.push_str(m);
    }
    s.push('\n');
    for set in sets {
        s.push_str(&set.respondent_id);
        for it in inst.items() {
            s.push(',');
            match set.answers.get(it.id()) {
                Some(Answer::Number(x)) => write!(s, "{x}").unwrap(),
                Some(Answer::Choice(k)) => s.push_str(k),
                Some(Answer::Skipped) => s.push_str("skipped"),
                None => {}
            }
        }
        for m in meta {
            s.push(',');
            if let Some(v) = set.metadata.get(*m).and_then(|v| v.as_str()) {
                if v.contains([',', '"']) {
                    write!(s, "\"{}\"", v.replace('"', "\"\"")).unwrap();
                } else {
                    s.push_str(v);
                }
            }
        }
        s.push('\n');
    }
    s
}
