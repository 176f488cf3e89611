//! Recommendations: plausible for the personas, independent of metadata,
//! deterministic, monotone in interest, filtered only when asked.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::recommend::interest_fit;
use assess_core::{
    Catalog, Instrument, Policy, RecommendOptions, Report, ResponseSet, Results, RiasecProfile,
    Schooling, ScoreOptions, recommend, score,
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

#[test]
fn explanations_are_bilingual_and_name_the_interests() {
    let fx = fixture();
    let set = persona("riasec", "rembang-siti");
    let id = recommend(
        &RiasecProfile::from_report(&report(&fx.riasec, &set, "id")).unwrap(),
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().top(1),
    );
    let en = recommend(
        &RiasecProfile::from_report(&report(&fx.riasec, &set, "en")).unwrap(),
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().language("en").top(1),
    );
    assert!(
        id.families[0]
            .explanation
            .starts_with("Minat tertinggi Anda adalah Wirausaha dan Sosial. Pekerjaan ini banyak "),
        "{}",
        id.families[0].explanation
    );
    assert!(
        en.families[0].explanation.starts_with(
            "Your strongest interests are Enterprising and Social. This work involves a lot of "
        ),
        "{}",
        en.families[0].explanation
    );
    assert_eq!(id.families[0].id, en.families[0].id);
    assert!(!id.families[0].training.is_empty() && !id.families[0].next_steps.is_empty());
}

/// Gender, disability, district or any other metadata never change a
/// recommendation: the metadata is not an input, and a person with the
/// same answers gets the same bytes whatever it says.
#[test]
fn recommendations_ignore_metadata() {
    let fx = fixture();
    let base = persona("riasec", "banyumas-adi");
    let mut outputs = Vec::new();
    for (gender, disability) in [
        ("laki-laki", "tuli"),
        ("perempuan", "tidak ada"),
        ("", "netra"),
        ("perempuan", "daksa"),
    ] {
        let mut set = base.clone();
        set.metadata.insert("gender".into(), gender.into());
        set.metadata.insert("disability".into(), disability.into());
        set.metadata.insert("district".into(), "Demak".into());
        let r = report(&fx.riasec, &set, "id");
        let recs = recommend(
            &RiasecProfile::from_report(&r).unwrap(),
            None,
            None,
            &fx.catalog,
            &RecommendOptions::new().top(0),
        );
        outputs.push(serde_json::to_string(&recs).unwrap());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

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

#[test]
fn deterministic_bytes() {
    let fx = fixture();
    let r = report(&fx.riasec, &persona("riasec", "brebes-dewi"), "en");
    let p = RiasecProfile::from_report(&r).unwrap();
    let a = serde_json::to_string(&recommend(
        &p,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().top(0),
    ))
    .unwrap();
    let b = serde_json::to_string(&recommend(
        &p,
        None,
        None,
        &fx.catalog,
        &RecommendOptions::new().top(0),
    ))
    .unwrap();
    assert_eq!(a, b);
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
