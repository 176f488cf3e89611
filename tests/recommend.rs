//! Recommendations: plausible for the personas, the same bytes as the
//! golden files, monotone in interest, filtered only when asked.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::recommend::interest_fit;
use assess_core::{
    Catalog, Clarity, Instrument, Policy, RecommendOptions, Report, ResponseSet, Results,
    RiasecProfile, Schooling, ScoreOptions, recommend, score,
};
use assess_tests::read;
use proptest::prelude::*;

struct Fixture {
    riasec: Instrument,
    aptitude: Instrument,
    readiness: Instrument,
    catalog: Catalog,
}

fn fixture() -> Fixture {
    Fixture {
        riasec: Instrument::from_toml(&read("instruments/riasec.toml")).unwrap(),
        aptitude: Instrument::from_toml(&read("instruments/aptitude.toml")).unwrap(),
        readiness: Instrument::from_toml(&read("instruments/readiness.toml")).unwrap(),
        catalog: Catalog::from_toml(&read("instruments/job-families.toml")).unwrap(),
    }
}

fn persona(file: &str, id: &str) -> ResponseSet {
    let sets: Vec<ResponseSet> =
        serde_json::from_str(&read(&format!("examples/responses/{file}-personas.json"))).unwrap();
    sets.into_iter().find(|s| s.respondent_id == id).unwrap()
}

fn report(inst: &Instrument, set: &ResponseSet, lang: &str) -> Report {
    score(
        inst,
        set,
        &ScoreOptions::new().language(lang).policy(Policy::Warn),
    )
    .unwrap()
}

/// For each persona, the families at the top are led by the person's
/// strongest interests: the first family's high-point letter, and that of
/// at least three of the top five, is one of the letters of the person's
/// Holland code.
#[test]
fn personas_get_plausible_families() {
    let fx = fixture();
    for id in [
        "rembang-siti",
        "banyumas-adi",
        "brebes-dewi",
        "grobogan-bayu",
        "sragen-joko",
    ] {
        let r = report(&fx.riasec, &persona("riasec", id), "en");
        let profile = RiasecProfile::from_report(&r).unwrap();
        let recs = recommend(
            &profile,
            None,
            None,
            &fx.catalog,
            &RecommendOptions::new().language("en").top(5),
        );
        let ids: Vec<(&str, &str)> = recs
            .families
            .iter()
            .map(|f| (f.id.as_str(), f.family_code.as_str()))
            .collect();
        println!("{id} ({}): {ids:?}", profile.holland.code);
        let person_code: Vec<char> = profile.holland.code.chars().collect();
        let led = |code: &str| person_code.contains(&code.chars().next().unwrap());
        assert!(
            led(ids[0].1),
            "{id} ({}): {:?} is led by another interest",
            profile.holland.code,
            ids[0]
        );
        let n = ids.iter().filter(|(_, code)| led(code)).count();
        assert!(
            n >= 3,
            "{id} ({}): only {n} of the top five led by the person's interests",
            profile.holland.code
        );
        assert_eq!(
            recs.considered,
            fx.catalog.families().len(),
            "no filter was asked for"
        );
        assert!(recs.families.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

/// The explanation of a family names the person's two strongest
/// interests, the family's code, and which of its letters are among the
/// person's three strongest interests and which not, by name; no fit figure.
/// Siti's POMP scores are R 55, I 22.5, A 37.5, S 60, E 80, C 50, so her
/// code is ESR; the online shop administrator's family is ECA: E is among
/// her three strongest interests, C (fourth) and A (fifth) are not.
#[test]
fn explanations_name_shared_and_unshared_letters() {
    let fx = fixture();
    let set = persona("riasec", "rembang-siti");
    let family = |lang: &str| {
        let profile = RiasecProfile::from_report(&report(&fx.riasec, &set, lang)).unwrap();
        assert_eq!(profile.holland.code, "ESR", "{:?}", profile.scores);
        assert_eq!(profile.clarity, Clarity::Clear);
        let recs = recommend(
            &profile,
            None,
            None,
            &fx.catalog,
            &RecommendOptions::new().language(lang).top(0),
        );
        assert_eq!(recs.clarity, Clarity::Clear);
        assert_eq!(recs.note, None);
        recs.families
            .into_iter()
            .find(|f| f.id == "admin-toko-online")
            .unwrap()
    };
    let id = family("id");
    assert_eq!(id.family_code, "ECA");
    assert_eq!(
        id.explanation,
        "Minat tertinggi Anda adalah Wirausaha dan Sosial. Kode kelompok pekerjaan ini ECA. \
         Yang termasuk tiga minat tertinggi Anda: Wirausaha (E); yang tidak: \
         Konvensional (C) dan Artistik (A). Pekerjaan ini banyak melayani pembeli lewat \
         ponsel dan mencatat pesanan."
    );
    let en = family("en");
    assert_eq!(
        en.explanation,
        "Your strongest interests are Enterprising and Social. This family's code is ECA. \
         Among your three strongest interests: Enterprising (E); not among them: \
         Conventional (C) and Artistic (A). This work involves a lot of serving buyers by \
         phone and recording orders."
    );
    assert!(!id.training.is_empty() && !id.next_steps.is_empty());
    // No letter shared: Dewi (ERA) and the pharmacy assistant's CIS.
    let dewi =
        RiasecProfile::from_report(&report(&fx.riasec, &persona("riasec", "brebes-dewi"), "en"))
            .unwrap();
    assert_eq!(dewi.holland.code, "ERA");
    let recs = recommend(
        &dewi,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().language("en").top(0),
    );
    let cis = recs
        .families
        .iter()
        .find(|f| f.id == "asisten-apoteker")
        .unwrap();
    assert!(
        cis.explanation.contains(
            "This family's code is CIS. None of its letters is among your three strongest \
             interests: Conventional (C), Investigative (I) and Social (S)."
        ),
        "{}",
        cis.explanation
    );
}

/// One person who gives `answer` to every item of the RIASEC inventory.
fn same_answer_everywhere(fx: &Fixture, id: &str, answer: u8) -> ResponseSet {
    let answers: Vec<String> = fx
        .riasec
        .items()
        .iter()
        .map(|i| format!("\"{}\":{answer}", i.id()))
        .collect();
    ResponseSet::from_json(&format!(
        "{{\"respondent_id\":\"{id}\",\"answers\":{{{}}}}}",
        answers.join(",")
    ))
    .unwrap()
}

/// Every answer "Tidak suka" (Dislike): POMP 25 on all six types, a low
/// profile (and a flat one; low is said first). The recommendations say
/// there is no high interest yet and the families are examples.
#[test]
fn a_low_profile_is_said_plainly() {
    let fx = fixture();
    let set = same_answer_everywhere(&fx, "tidak-suka", 2);
    let profile = RiasecProfile::from_report(&report(&fx.riasec, &set, "id")).unwrap();
    assert!(profile.low && profile.flat);
    assert_eq!(profile.clarity, Clarity::Low);
    let recs = recommend(&profile, None, None, &fx.catalog, &RecommendOptions::new());
    assert_eq!(recs.clarity, Clarity::Low);
    assert_eq!(
        recs.note.as_deref(),
        Some(
            "Belum ada minat yang tinggi, jadi kelompok pekerjaan berikut adalah contoh untuk \
             dijelajahi, bukan peringkat."
        )
    );
    for f in &recs.families {
        assert!(
            f.explanation
                .starts_with("Belum ada jenis minat yang jelas Anda sukai, jadi "),
            "{}",
            f.explanation
        );
        assert!(!f.explanation.contains("tertinggi"), "{}", f.explanation);
    }
}

/// Every answer the middle "Ragu-ragu" (Not sure): POMP 50 on all six
/// types, a flat profile. Its code (RIA, by the tie rule) is not shown as a
/// finding: the recommendations say they are examples to explore, no
/// explanation speaks of the strongest interests, and the families, equal
/// on every number, share rank 1.
#[test]
// Exact on purpose: a mean of 3 is exactly POMP 50, and a weighted mean of
// equal values is exactly that value.
#[allow(clippy::float_cmp)]
fn a_flat_profile_is_said_plainly() {
    let fx = fixture();
    let set = same_answer_everywhere(&fx, "ragu", 3);
    for lang in ["id", "en"] {
        let profile = RiasecProfile::from_report(&report(&fx.riasec, &set, lang)).unwrap();
        assert_eq!(profile.scores, [50.0; 6]);
        assert_eq!(profile.clarity, Clarity::Flat);
        assert!(profile.flat && !profile.low);
        let recs = recommend(
            &profile,
            None,
            None,
            &fx.catalog,
            &RecommendOptions::new().language(lang),
        );
        assert_eq!(recs.clarity, Clarity::Flat);
        let note = recs.note.as_deref().unwrap();
        let first = &recs.families[0].explanation;
        if lang == "id" {
            assert_eq!(
                note,
                "Jawaban belum membedakan satu jenis minat dari yang lain, jadi kelompok \
                 pekerjaan berikut adalah contoh untuk dijelajahi, bukan peringkat."
            );
            assert!(
                first.starts_with(
                    "Jawaban Anda belum membedakan satu jenis minat dari yang lain, jadi \
                     kelompok pekerjaan ini adalah salah satu contoh untuk dijelajahi, bukan \
                     pilihan teratas. Kode kelompok pekerjaan ini "
                ),
                "{first}"
            );
        } else {
            assert!(
                note.ends_with("examples to explore, not a ranking."),
                "{note}"
            );
        }
        for f in &recs.families {
            assert_eq!(f.interest_fit, 50.0, "{}", f.id);
            assert_eq!(f.rank, 1, "{}: tied families share a rank", f.id);
            for word in ["tertinggi", "strongest", "Realistis dan", "Realistic and"] {
                assert!(!f.explanation.contains(word), "{}: {}", f.id, f.explanation);
            }
        }
        // Every letter of a family's code is named, for exploring.
        let f = &recs.families[0];
        for t in f.family_code.chars() {
            let name = assess_core::riasec::Type::from_letter(t)
                .unwrap()
                .name(lang);
            assert!(
                f.explanation.contains(&format!("{name} ({t})")),
                "{}",
                f.explanation
            );
        }
    }
}

/// No explanation carries a figure: the fit is a number of its own
/// (`interest_fit`, `score`) that pages show once.
#[test]
fn explanations_carry_no_fit_figure() {
    let fx = fixture();
    for id in [
        "rembang-siti",
        "banyumas-adi",
        "brebes-dewi",
        "kebumen-rina",
    ] {
        for lang in ["id", "en"] {
            let profile =
                RiasecProfile::from_report(&report(&fx.riasec, &persona("riasec", id), lang))
                    .unwrap();
            let recs = recommend(
                &profile,
                None,
                None,
                &fx.catalog,
                &RecommendOptions::new().language(lang).top(0),
            );
            for f in &recs.families {
                assert!(
                    !f.explanation.chars().any(|c| c.is_ascii_digit()),
                    "{id} {lang} {}: {}",
                    f.id,
                    f.explanation
                );
            }
        }
    }
}

// That gender, disability, district and age change no score and no
// recommendation is checked where they can reach them, with the metadata
// in the response sets: `assess score --recommend`
// (crates/assess-cli/tests/metadata.rs) and the WebAssembly binding
// (crates/assess-wasm/tests/binding.rs). `recommend` itself takes a
// profile, which has no metadata to ignore.

#[test]
fn aptitude_and_readiness_adjust_and_explain() {
    let fx = fixture();
    let id = "rembang-siti";
    let interest = report(&fx.riasec, &persona("riasec", id), "en");
    let apt = report(&fx.aptitude, &persona("aptitude", id), "en");
    let ready = report(&fx.readiness, &persona("readiness", id), "en");
    let profile = RiasecProfile::from_report(&interest).unwrap();
    let plain = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().language("en").top(0),
    );
    let adjusted = recommend(
        &profile,
        Some(Results {
            instrument: &fx.aptitude,
            report: &apt,
        }),
        Some(Results {
            instrument: &fx.readiness,
            report: &ready,
        }),
        &fx.catalog,
        &RecommendOptions::new().language("en").top(0),
    );
    // Siti's digital skills are at the lowest level (persona profile).
    let digital_level = ready
        .scales
        .iter()
        .find(|s| s.id == "digital")
        .unwrap()
        .band
        .as_ref()
        .unwrap()
        .id
        .clone();
    assert_eq!(digital_level, "perlu_pendampingan");
    let online = adjusted
        .families
        .iter()
        .find(|f| f.id == "admin-toko-online")
        .unwrap();
    let check = online
        .readiness
        .iter()
        .find(|c| c.competency == "digital")
        .unwrap();
    assert!(check.strengthen);
    assert!(online.adjustment <= -3.0);
    assert!(
        online
            .explanation
            .contains("Also strengthen: basic digital skills"),
        "{}",
        online.explanation
    );
    assert!(
        online
            .next_steps
            .iter()
            .any(|s| s.contains("Digital Literacy for Work"))
    );
    // The interest fit itself is unchanged by the adjustments, and nothing
    // is removed.
    let plain_online = plain
        .families
        .iter()
        .find(|f| f.id == "admin-toko-online")
        .unwrap();
    assert_eq!(
        plain_online.interest_fit.to_bits(),
        online.interest_fit.to_bits()
    );
    assert_eq!(plain.families.len(), adjusted.families.len());
    // Ranking computes each family's adjustment without building its
    // checks (`family_adjustment`): the order agrees with the scores the
    // checks give, and both kinds of penalty occur here.
    assert!(
        adjusted
            .families
            .windows(2)
            .all(|w| w[0].score >= w[1].score)
    );
    assert!(
        adjusted
            .families
            .iter()
            .any(|f| f.aptitude.iter().any(|a| a.meets == Some(false)))
    );
    assert!(
        adjusted
            .families
            .iter()
            .any(|f| f.readiness.iter().any(|c| c.strengthen))
    );
}

#[test]
fn filters_apply_only_when_asked() {
    let fx = fixture();
    let r = report(&fx.riasec, &persona("riasec", "kebumen-rina"), "id");
    let profile = RiasecProfile::from_report(&r).unwrap();
    let all = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().top(0),
    );
    assert_eq!(all.families.len(), fx.catalog.families().len());
    let smp = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new()
            .top(0)
            .max_schooling(Some(Schooling::SMP)),
    );
    assert!(
        smp.families
            .iter()
            .all(|f| f.schooling.level() <= Schooling::SMP.level())
    );
    assert!(smp.families.len() < all.families.len() && !smp.families.is_empty());
    for z in 1..=5u8 {
        let zoned = recommend(
            &profile,
            None,
            None,
            &fx.catalog,
            &RecommendOptions::new().top(0).max_zone(Some(z)),
        );
        let expected = fx
            .catalog
            .families()
            .iter()
            .filter(|f| f.zone() <= z)
            .count();
        assert_eq!(zoned.families.len(), expected, "job zone at most {z}");
        assert!(zoned.families.iter().all(|f| f.zone <= z));
    }
    let retail = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().top(0).sectors(&["ritel"]),
    );
    assert!(retail.families.iter().all(|f| {
        fx.catalog
            .families()
            .iter()
            .find(|c| c.id() == f.id)
            .unwrap()
            .sectors()
            .contains(&"ritel".to_owned())
    }));
    let netra = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new()
            .top(0)
            .accommodations_for(&["netra"]),
    );
    assert!(!netra.families.is_empty() && netra.families.len() < all.families.len());
    // Ranks are renumbered after filtering and the order is a sub-order.
    assert_eq!(netra.families[0].rank, 1);
}

/// The Indonesian words of a training route's length (`240 jam`, `3
/// bulan`, `3 tahun`, `1 musim tanam`).
const INDONESIAN_DURATION_WORDS: [&str; 4] = ["jam", "bulan", "tahun", "musim"];

/// The Indonesian duration words in `text`, as whole words.
fn indonesian_duration_words(text: &str) -> Vec<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    INDONESIAN_DURATION_WORDS
        .into_iter()
        .filter(|w| words.contains(w))
        .collect()
}

/// A route's length is said in the report language: an English
/// recommendation has no "jam", "bulan", "tahun" or "musim", in its
/// training routes or its next steps; an Indonesian one says each of them
/// somewhere, and every route with a length says one.
#[test]
fn training_lengths_are_in_the_report_language() {
    let fx = fixture();
    let r = report(&fx.riasec, &persona("riasec", "brebes-dewi"), "en");
    let profile = RiasecProfile::from_report(&r).unwrap();
    let en = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().language("en").top(0),
    );
    let id = recommend(
        &profile,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().language("id").top(0),
    );
    assert_eq!(en.families.len(), fx.catalog.families().len());
    let mut lengths = 0;
    for f in &en.families {
        for t in &f.training {
            if let Some(d) = &t.duration {
                lengths += 1;
                assert_eq!(
                    indonesian_duration_words(d),
                    Vec::<&str>::new(),
                    "{}: `{d}`",
                    f.id
                );
                assert!(
                    [
                        "hour", "hours", "month", "months", "year", "years", "season"
                    ]
                    .iter()
                    .any(|w| d.split(' ').any(|x| x == *w)),
                    "{}: `{d}`",
                    f.id
                );
            }
        }
        for step in &f.next_steps {
            assert_eq!(
                indonesian_duration_words(step),
                Vec::<&str>::new(),
                "{}: `{step}`",
                f.id
            );
        }
    }
    assert!(lengths >= 50, "{lengths} routes with a length");
    let mut said = std::collections::BTreeSet::new();
    for f in &id.families {
        for t in &f.training {
            if let Some(d) = &t.duration {
                let words = indonesian_duration_words(d);
                assert!(!words.is_empty(), "{}: `{d}`", f.id);
                said.extend(words);
            }
        }
    }
    assert_eq!(
        said.into_iter().collect::<Vec<_>>(),
        ["bulan", "jam", "musim", "tahun"]
    );
    // The same routes, only the language differs.
    let count = |r: &assess_core::Recommendations| {
        r.families
            .iter()
            .flat_map(|f| &f.training)
            .filter(|t| t.duration.is_some())
            .count()
    };
    assert_eq!(count(&en), count(&id));
}

/// The exact bytes of the recommendations for fixed inputs: the shipped
/// instruments and catalogue, the persona answers in `examples/responses/`
/// and the options named in each file's name. Each golden file in
/// `tests/golden/recommend/` holds the engine's JSON
/// (`assess_text::json::to_string`, the bytes every platform gives) and a
/// final newline.
///
/// When a change to recommendations is deliberate, rewrite the files with
/// `UPDATE_SNAPSHOTS=1 cargo test -p assess-tests --test recommend` and
/// review the diff (the convention of `tests/fixtures.rs`).
#[test]
fn recommendations_match_their_golden_files() {
    let fx = fixture();
    let interest_only = |id: &str, lang: &str, options: RecommendOptions| {
        let r = report(&fx.riasec, &persona("riasec", id), lang);
        let profile = RiasecProfile::from_report(&r).unwrap();
        recommend(&profile, None, None, &fx.catalog, &options)
    };
    let siti = {
        let id = "rembang-siti";
        let interest = report(&fx.riasec, &persona("riasec", id), "id");
        let apt = report(&fx.aptitude, &persona("aptitude", id), "id");
        let ready = report(&fx.readiness, &persona("readiness", id), "id");
        recommend(
            &RiasecProfile::from_report(&interest).unwrap(),
            Some(Results {
                instrument: &fx.aptitude,
                report: &apt,
            }),
            Some(Results {
                instrument: &fx.readiness,
                report: &ready,
            }),
            &fx.catalog,
            &RecommendOptions::new().top(0),
        )
    };
    let cases = [
        // The defaults of `assess score --recommend` and of the binding's
        // `recommend` (Indonesian, top 5); also read by the metadata tests
        // of the command line and the binding.
        (
            "banyumas-adi.id.top5.json",
            interest_only("banyumas-adi", "id", RecommendOptions::new()),
        ),
        (
            "brebes-dewi.en.all.json",
            interest_only(
                "brebes-dewi",
                "en",
                RecommendOptions::new().language("en").top(0),
            ),
        ),
        (
            "kebumen-rina.id.smp.json",
            interest_only(
                "kebumen-rina",
                "id",
                RecommendOptions::new()
                    .top(0)
                    .max_schooling(Some(Schooling::SMP)),
            ),
        ),
        ("rembang-siti.id.adjusted.json", siti),
    ];
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = assess_tests::root().join("tests/golden/recommend");
    let mut failures = Vec::new();
    for (name, recs) in &cases {
        let shown = format!("{}\n", assess_text::json::to_string(recs).unwrap());
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &shown).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == shown => {}
            Ok(want) => {
                let at = want
                    .bytes()
                    .zip(shown.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.len().min(shown.len()));
                let from = at.saturating_sub(80);
                failures.push(format!(
                    "{name}: differs from byte {at}\n--- golden\n…{}\n--- now\n…{}",
                    want.get(from..(at + 80).min(want.len()))
                        .unwrap_or_default(),
                    shown
                        .get(from..(at + 80).min(shown.len()))
                        .unwrap_or_default(),
                ));
            }
            Err(e) => failures.push(format!("{name}: cannot read {}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is deliberate: UPDATE_SNAPSHOTS=1 cargo test -p assess-tests --test recommend",
        failures.join("\n\n")
    );
    // The four cases are four different outputs, so a golden file cannot
    // stand in for another.
    let texts: Vec<String> = cases
        .iter()
        .map(|(_, r)| assess_text::json::to_string(r).unwrap())
        .collect();
    for (i, a) in texts.iter().enumerate() {
        assert!(texts[i + 1..].iter().all(|b| a != b));
    }
}

proptest! {
    /// Raising the person's score on a family's first letter never lowers
    /// that family's interest fit (nor does raising any other type).
    #[test]
    fn raising_the_first_letter_never_lowers_fit(
        scores in proptest::array::uniform6(0.0f64..=100.0),
        levels in proptest::array::uniform6(1u8..=7),
        raise in 0.0f64..=100.0,
        which in 0usize..6,
    ) {
        let first = (0..6).max_by_key(|&i| (levels[i], std::cmp::Reverse(i))).unwrap();
        let before = interest_fit(&scores, levels);
        for t in [first, which] {
            let mut up = scores;
            up[t] = (up[t] + raise).min(100.0);
            prop_assert!(interest_fit(&up, levels) >= before - 1e-12);
        }
        prop_assert!((0.0..=100.0).contains(&before));
    }
}
