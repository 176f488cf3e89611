//! Adaptive sessions: properties, resumption through JSON, refusals and
//! exposure/content rules, on the shipped aptitude bank and on synthetic
//! banks from a seeded generator (`cat::synthetic_bank`).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::float_cmp
)]

use std::collections::{BTreeMap, HashSet};

use assess_core::cat::{
    CatConfig, CatSession, Content, Exposure, ItemBank, StepOutcome, StopReason, simulate, start,
    step, step_category, synthetic_bank,
};
use assess_core::irt::{Observed, Quadrature, ScoringRule, estimate};
use assess_core::{Answer, EstimatorKind, ExtremePolicy, Instrument, ProblemKind};
use assess_tests::read;
use proptest::prelude::*;

fn aptitude() -> (Instrument, ItemBank) {
    let inst = Instrument::from_toml(&read("instruments/aptitude.toml")).unwrap();
    let bank = ItemBank::from_instrument(&inst).unwrap();
    (inst, bank)
}

/// Runs a session to the end, answering by `answer(index)`, optionally
/// passing the session through JSON text between steps (a browser or a
/// server that stores it).
fn run(
    bank: &ItemBank,
    config: CatConfig,
    seed: u64,
    via_json: bool,
    answer: impl Fn(usize) -> usize,
) -> StepOutcome {
    let mut out = start(bank, config, seed).unwrap();
    while let Some(next) = out.next.clone() {
        let session = if via_json {
            CatSession::from_json(&out.session.to_json()).unwrap()
        } else {
            out.session
        };
        out = step_category(bank, session, answer(next.index)).unwrap();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn sessions_never_repeat_an_item_and_stop_within_limits(
        seed in any::<u64>(),
        min in 1usize..6,
        extra in 0usize..15,
        se in 0.2f64..0.6,
        exposure in 0u8..3,
        balance in any::<bool>(),
        answers in prop::collection::vec(0usize..2, 40),
    ) {
        let bank = synthetic_bank(60, 4, 7).unwrap();
        let max = min + extra;
        let exposure = match exposure {
            0 => Exposure::None,
            1 => Exposure::Randomesque { candidates: 5 },
            _ => Exposure::SympsonHetter { rates: bank.items().iter().take(30).map(|it| (it.id().to_owned(), 0.5)).collect() },
        };
        let config = CatConfig::new().min_items(min).max_items(max).target_se(se).exposure(exposure)
            .content(if balance { Content::Equal } else { Content::None });
        let out = run(&bank, config, seed, false, |i| answers[i % 40]);
        let given: Vec<usize> = out.session.administered.iter().map(|a| a.index).collect();
        let distinct: HashSet<usize> = given.iter().copied().collect();
        prop_assert_eq!(distinct.len(), given.len());
        prop_assert!(given.len() >= min && given.len() <= max, "{} items", given.len());
        match out.stop.unwrap() {
            StopReason::MaxItems => prop_assert_eq!(given.len(), max),
            StopReason::SeReached => prop_assert!(out.estimate.se <= se),
            StopReason::BankExhausted => prop_assert!(false, "60 items cannot run out"),
        }
        prop_assert!(out.estimate.theta.is_finite() && out.estimate.se.is_finite());
    }

    #[test]
    fn a_resumed_session_makes_the_same_choices(seed in any::<u64>(), answers in prop::collection::vec(0usize..2, 40)) {
        let bank = synthetic_bank(80, 3, 11).unwrap();
        let config = CatConfig::new().max_items(15).target_se(None)
            .exposure(Exposure::Randomesque { candidates: 4 }).content(Content::Equal);
        let direct = run(&bank, config.clone(), seed, false, |i| answers[i % 40]);
        let resumed = run(&bank, config, seed, true, |i| answers[i % 40]);
        prop_assert_eq!(direct.session.to_json(), resumed.session.to_json());
    }
}

/// The posterior kept in the session equals EAP over the answered items
/// computed from scratch: the step never needed the history.
#[test]
fn incremental_posterior_equals_full_eap() {
    let (_, bank) = aptitude();
    let out = run(
        &bank,
        CatConfig::new().max_items(12).target_se(None),
        3,
        true,
        |i| i % 2,
    );
    let obs: Vec<Observed<'_>> = out
        .session
        .administered
        .iter()
        .map(|a| Observed::new(bank.items()[a.index].params(), a.category.unwrap()).unwrap())
        .collect();
    let full = estimate(&obs, bank.rule(), EstimatorKind::Eap);
    assert!((full.theta - out.estimate.theta).abs() < 1e-12);
    assert!((full.se - out.estimate.se).abs() < 1e-12);
}

#[test]
fn answers_by_option_key_and_content_balance_on_the_aptitude_bank() {
    let (inst, bank) = aptitude();
    assert_eq!(bank.items().len(), 40);
    assert_eq!(bank.domains().len(), 4);
    let config = CatConfig::new()
        .max_items(12)
        .target_se(None)
        .content(Content::Equal);
    let mut out = start(&bank, config, 9).unwrap();
    let mut correct = 0;
    while let Some(next) = out.next.clone() {
        let item = inst.item(&next.id).unwrap();
        // Alternate right and wrong answers by option key.
        let o = if correct % 2 == 0 {
            item.key().unwrap()
        } else {
            (item.key().unwrap() + 1) % item.options().len()
        };
        correct += 1;
        out = step(
            &bank,
            out.session,
            &Answer::Choice(item.options()[o].key().to_owned()),
        )
        .unwrap();
    }
    let mut per_domain: BTreeMap<String, usize> = BTreeMap::new();
    for a in &out.session.administered {
        *per_domain
            .entry(bank.items()[a.index].domain().unwrap().to_owned())
            .or_default() += 1;
        assert_eq!(
            a.category,
            Some(usize::from(per_domain.values().sum::<usize>() % 2 == 1))
        );
    }
    // 12 items over 4 domains, balanced: 3 each.
    assert!(per_domain.values().all(|&n| n == 3), "{per_domain:?}");
}

#[test]
fn bad_input_is_refused_with_located_errors() {
    let (inst, bank) = aptitude();
    let out = start(&bank, CatConfig::new(), 1).unwrap();
    let pending = out.next.clone().unwrap();
    // An option that does not exist, a number for a choice item.
    let e = step(&bank, out.session.clone(), &Answer::Choice("Z".into())).unwrap_err();
    assert_eq!(
        (e.kind(), e.first().path()),
        (
            ProblemKind::OutOfRange,
            format!("answers.{}", pending.id).as_str()
        )
    );
    let e = step(&bank, out.session.clone(), &Answer::Number(1.0)).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::WrongAnswerType);
    // A session for another bank (same ids, changed file).
    let other = Instrument::from_toml(
        &read("instruments/aptitude.toml").replace("scaling = 1.0", "scaling = 1.702"),
    )
    .unwrap();
    let other = ItemBank::from_instrument(&other).unwrap();
    let e = step(&other, out.session.clone(), &Answer::Skipped).unwrap_err();
    assert_eq!(
        (e.kind(), e.first().path()),
        (ProblemKind::Inconsistent, "session.bank")
    );
    // A tampered session: the pending item replaced by one already given.
    let mut s = step(&bank, out.session.clone(), &Answer::Skipped)
        .unwrap()
        .session;
    s.pending = Some(s.administered[0].clone()).map(|a| assess_core::cat::NextItem {
        index: a.index,
        id: a.item,
    });
    assert_eq!(
        step(&bank, s, &Answer::Skipped).unwrap_err().first().path(),
        "session.pending"
    );
    // Malformed JSON and a bad configuration, every problem at once.
    assert_eq!(
        CatSession::from_json("{").unwrap_err().kind(),
        ProblemKind::Syntax
    );
    let e = start(
        &bank,
        CatConfig::new().min_items(9).max_items(3).target_se(-1.0),
        1,
    )
    .unwrap_err();
    let paths: Vec<&str> = e.problems().iter().map(|p| p.path()).collect();
    assert_eq!(paths, ["config.min_items", "config.target_se"]);
    let e = start(
        &bank,
        CatConfig::new().content(Content::Targets {
            shares: [("nope".to_owned(), 1.0)].into(),
        }),
        1,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ProblemKind::UnknownReference);
    // An instrument without IRT parameters cannot be given adaptively.
    let riasec = Instrument::from_toml(&read("instruments/riasec.toml")).unwrap();
    assert_eq!(
        ItemBank::from_instrument(&riasec)
            .unwrap_err()
            .first()
            .path(),
        "irt"
    );
    let _ = inst;
}

#[test]
fn a_skipped_item_counts_towards_length_but_not_the_estimate() {
    let (_, bank) = aptitude();
    let out = start(&bank, CatConfig::new(), 5).unwrap();
    let before = out.estimate;
    let out = step(&bank, out.session, &Answer::Skipped).unwrap();
    assert_eq!(out.session.administered.len(), 1);
    assert_eq!(out.session.answered(), 0);
    assert_eq!(out.estimate.theta, before.theta);
}

#[test]
fn exposure_control_spreads_item_use() {
    let bank = synthetic_bank(200, 1, 5).unwrap();
    let base = CatConfig::new().min_items(10).max_items(10).target_se(None);
    let plain = simulate(&bank, &base, 300, 1, true).unwrap();
    let rand = simulate(
        &bank,
        &base
            .clone()
            .exposure(Exposure::Randomesque { candidates: 8 }),
        300,
        1,
        true,
    )
    .unwrap();
    assert!(
        rand.max_exposure < plain.max_exposure,
        "{} vs {}",
        rand.max_exposure,
        plain.max_exposure
    );
    assert!(rand.unused_items < plain.unused_items);
    // Sympson–Hetter with k = 0.3 on the items the plain test overuses.
    let rates = plain
        .exposure
        .iter()
        .filter(|x| x.1 > 0.3)
        .map(|x| (x.0.clone(), 0.3))
        .collect();
    let sh = simulate(
        &bank,
        &base.exposure(Exposure::SympsonHetter { rates }),
        300,
        1,
        true,
    )
    .unwrap();
    assert!(sh.max_exposure < plain.max_exposure);
    // The adaptive test measures about as well as its length allows.
    assert!(plain.rmse < 0.45 && plain.bias.abs() < 0.1, "{plain:?}");
}

#[test]
fn adaptive_beats_a_fixed_form_of_the_same_length() {
    // Source of the expectation: adaptive tests reach a given precision with
    // fewer items (Weiss & Kingsbury 1984). 10 adaptive items vs the first
    // 10 items of the same bank, same people (same seed).
    let bank = synthetic_bank(200, 1, 8).unwrap();
    let ten: Vec<_> = bank.items()[..10].to_vec();
    let fixed_bank = ItemBank::new(
        "ten",
        "0.0.0",
        ten,
        ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap),
        EstimatorKind::Eap,
    )
    .unwrap();
    let config = CatConfig::new().min_items(10).max_items(10).target_se(None);
    let adaptive = simulate(&bank, &config, 400, 2, true).unwrap();
    let fixed = simulate(&fixed_bank, &config, 400, 2, false).unwrap();
    assert_eq!((adaptive.mean_length, fixed.mean_length), (10.0, 10.0));
    assert!(
        adaptive.rmse < fixed.rmse,
        "{} vs {}",
        adaptive.rmse,
        fixed.rmse
    );
}

/// The JSON face used by the WebAssembly binding: every answer "A", ten
/// items balanced over the domains, seed 12345. The final outcome is
/// printed so it can be compared byte for byte with the WebAssembly build
/// (`node` run recorded in BENCHMARKS.md's IRT section).
#[test]
fn json_api_runs_a_session() {
    use assess_core::cat::{start_json, step_json};
    let (_, bank) = aptitude();
    let mut out = start_json(
        &bank,
        r#"{"max_items": 10, "target_se": null, "content": {"method": "equal"}}"#,
        12345,
    )
    .unwrap();
    let mut steps = 0;
    loop {
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        if v["next"].is_null() {
            assert_eq!(v["stop"], "max_items");
            break;
        }
        out = step_json(&bank, &v["session"].to_string(), r#""A""#).unwrap();
        steps += 1;
    }
    assert_eq!(steps, 10);
    println!("{out}");
    let e = step_json(&bank, "{}", r#""A""#).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::MissingKey);
    assert!(start_json(&bank, "{\"max_items\": \"ten\"}", 1).is_err());
}

/// The components are traits: a caller can swap one in. Here a stopper
/// that ends the test after three items, whatever the configuration.
#[test]
fn components_can_be_replaced() {
    use assess_core::cat::{
        CatEstimator, MaxInfo, PosteriorEstimator, StartTheta, Stopper, start_with, step_with,
    };
    use assess_core::irt::Estimate;
    struct AfterThree;
    impl Stopper for AfterThree {
        fn stop(&self, session: &CatSession, _: &Estimate) -> Option<StopReason> {
            (session.administered.len() >= 3).then_some(StopReason::MaxItems)
        }
    }
    let (_, bank) = aptitude();
    let est: &dyn CatEstimator = &PosteriorEstimator;
    let mut out = start_with(
        &bank,
        CatConfig::new(),
        1,
        &StartTheta,
        &MaxInfo,
        est,
        &AfterThree,
    )
    .unwrap();
    while out.next.is_some() {
        out = step_with(
            &bank,
            out.session,
            &Answer::Choice("A".into()),
            &MaxInfo,
            est,
            &AfterThree,
        )
        .unwrap();
    }
    assert_eq!(out.session.administered.len(), 3);
}

/// A stored session that was edited is checked like a new one.
#[test]
fn an_edited_session_is_checked_again() {
    let (_, bank) = aptitude();
    let out = start(&bank, CatConfig::new(), 1).unwrap();
    let mut s = out.session.clone();
    s.config.max_items = 0;
    assert_eq!(
        step(&bank, s, &Answer::Skipped).unwrap_err().first().path(),
        "config.max_items"
    );
    let mut s = out.session.clone();
    s.log_posterior.pop();
    assert_eq!(
        step(&bank, s, &Answer::Skipped).unwrap_err().first().path(),
        "session.log_posterior"
    );
    let mut s = out.session;
    s.steps = u64::MAX;
    assert!(
        step(&bank, s, &Answer::Skipped).is_ok(),
        "the step counter wraps, it does not panic"
    );
}

/// Polytomous banks work the same way: a GRM/GPCM bank answered with
/// category numbers; a number outside the categories is refused.
#[test]
fn a_polytomous_bank_runs_adaptively() {
    use assess_core::IrtParams;
    use assess_core::cat::BankItem;
    let items: Vec<BankItem> = (0..30)
        .map(|i| {
            let shift = f64::from(i % 10) / 3.0 - 1.5;
            let params = if i % 2 == 0 {
                IrtParams::Graded {
                    a: 1.5,
                    d: vec![2.0 - shift, 0.0 - shift, -2.0 - shift],
                }
            } else {
                IrtParams::PartialCredit {
                    a: 1.2,
                    d: vec![1.0 - shift, -shift, -1.0 - shift],
                }
            };
            BankItem::new(format!("P{i:02}"), params, None)
        })
        .collect();
    let bank = ItemBank::new(
        "poly",
        "0.1.0",
        items,
        ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap),
        EstimatorKind::Map,
    )
    .unwrap();
    let mut out = start(&bank, CatConfig::new().max_items(10).target_se(0.35), 3).unwrap();
    let e = step(&bank, out.session.clone(), &Answer::Number(4.0)).unwrap_err();
    assert_eq!(e.kind(), ProblemKind::OutOfRange);
    while out.next.is_some() {
        out = step(&bank, out.session, &Answer::Number(3.0)).unwrap();
    }
    // Always the top category: MAP climbs well above the prior mean.
    assert_eq!(out.estimate.estimator, EstimatorKind::Map);
    assert!(out.estimate.theta > 1.0, "{:?}", out.estimate);
    assert!(out.session.administered.len() <= 10);
}

/// A configuration refuses keys it does not read, like every other input,
/// at the top and inside `exposure` and `content` (the path names the
/// object, the message the key): a typo such as
/// `max_item` must not silently fall back to the default.
#[test]
fn configurations_refuse_unknown_keys() {
    let cases = [
        (
            r#"{"max_item": 10}"#,
            "config",
            "unknown field `max_item`, expected one of `estimator`, `min_items`, `max_items`, `target_se`, `start_theta`, `exposure`, `content`",
        ),
        (
            r#"{"exposure": {"method": "randomesque", "candidates": 3, "rate": 0.2}}"#,
            "config.exposure",
            "unknown field `rate`, expected `method` or `candidates`",
        ),
        (
            r#"{"content": {"method": "equal", "shares": {}}}"#,
            "config.content",
            "unknown field `shares`, expected `method`",
        ),
    ];
    for (text, path, message) in cases {
        let e = assess_core::cat::CatConfig::from_json(text).unwrap_err();
        assert_eq!(
            (e.kind(), e.first().path(), e.first().message()),
            (ProblemKind::UnknownKey, path, message),
            "{text}"
        );
    }
    // What the engine writes reads back.
    let config = assess_core::cat::CatConfig::from_json(
        r#"{"max_items": 12, "exposure": {"method": "randomesque", "candidates": 3}, "content": {"method": "equal"}}"#,
    )
    .unwrap();
    let text = assess_text::json::to_string(&config).unwrap();
    assert_eq!(
        assess_core::cat::CatConfig::from_json(&text).unwrap(),
        config
    );
}
