//! Estimation: EAP from the stored posterior, MAP, ML and WLE against
//! their estimating equations, and the documented fallbacks for all-right,
//! all-wrong and unanswered patterns.

use super::*;

/// ∂/∂θ of the 2PL log-likelihood, Σ a(x − P), over the answered items.
fn score(s: &CatSession, theta: f64) -> f64 {
    s.administered
        .iter()
        .filter_map(|a| Some(ITEMS[a.index].1 * (a.category? as f64 - p_right(a.index, theta))))
        .sum()
}

fn test_info(s: &CatSession, theta: f64) -> f64 {
    s.administered
        .iter()
        .filter(|a| a.category.is_some())
        .map(|a| info(a.index, theta))
        .sum()
}

/// A session with the given answers and estimator, as `step` builds it.
fn answered(b: &ItemBank, kind: EstimatorKind, answers: &[usize]) -> StepOutcome {
    let config = CatConfig::new()
        .estimator(kind)
        .min_items(answers.len())
        .max_items(answers.len())
        .target_se(None);
    let mut out = start(b, config, 2).unwrap();
    for &k in answers {
        out = step_category(b, out.session, k).unwrap();
    }
    assert_eq!(out.stop, Some(StopReason::MaxItems));
    out
}

#[test]
fn eap_is_the_posterior_mean_and_sd_of_the_answers() {
    let b = bank();
    let out = answered(&b, EstimatorKind::Eap, &[1, 0, 1, 1]);
    let (mean, sd) = hand_eap(&b, &out.session.administered);
    assert!((out.estimate.theta - mean).abs() <= IRT_GOLDEN, "{mean}");
    assert!((out.estimate.se - sd).abs() <= IRT_GOLDEN, "{sd}");
    assert_eq!(out.estimate.estimator, EstimatorKind::Eap);
    assert_eq!(out.estimate.fallback, None);
    assert_eq!(PosteriorEstimator.estimate(&b, &out.session), out.estimate);
}

#[test]
fn a_skipped_item_changes_neither_posterior_nor_estimate() {
    let b = bank();
    let before = start(&b, CatConfig::new(), 1).unwrap();
    let after = step(&b, before.session.clone(), &Answer::Skipped).unwrap();
    assert_eq!(after.session.log_posterior, before.session.log_posterior);
    assert_eq!(after.estimate, before.estimate);
    assert_eq!(after.session.administered[0].category, None);
}

#[test]
fn map_solves_its_estimating_equation() {
    let b = bank_with(ExtremePolicy::Eap, EstimatorKind::Map);
    let out = answered(&b, EstimatorKind::Map, &[1, 0, 1, 0]);
    let (s, e) = (&out.session, out.estimate);
    // Prior N(0, 1): Σ a(x − P) − θ = 0; SE = 1/√(I + 1).
    assert!((score(s, e.theta) - e.theta).abs() <= IRT_GOLDEN);
    assert!((e.se - 1.0 / (test_info(s, e.theta) + 1.0).sqrt()).abs() <= IRT_GOLDEN);
    assert_eq!(
        (e.estimator, e.requested, e.fallback),
        (EstimatorKind::Map, EstimatorKind::Map, None)
    );
}

#[test]
fn ml_solves_its_estimating_equation_when_answers_are_mixed() {
    let b = bank();
    let out = answered(&b, EstimatorKind::Ml, &[1, 0, 1, 0]);
    let (s, e) = (&out.session, out.estimate);
    assert!(score(s, e.theta).abs() <= IRT_GOLDEN);
    assert!((e.se - 1.0 / test_info(s, e.theta).sqrt()).abs() <= IRT_GOLDEN);
    assert_eq!((e.estimator, e.fallback), (EstimatorKind::Ml, None));
}

#[test]
fn ml_of_all_right_or_all_wrong_falls_back_to_the_posterior_eap() {
    let b = bank_with(ExtremePolicy::Eap, EstimatorKind::Eap);
    for (k, reason) in [(1, Fallback::AllHighest), (0, Fallback::AllLowest)] {
        let out = answered(&b, EstimatorKind::Ml, &[k, k, k]);
        let e = out.estimate;
        assert_eq!(e.estimator, EstimatorKind::Eap);
        assert_eq!(e.requested, EstimatorKind::Ml);
        assert_eq!(e.fallback, Some(reason));
        assert!(!e.clamped);
        // The fallback's EAP is the one from the stored posterior.
        let grid = b.rule().quadrature().theta();
        let eap = eap_from_log_posterior(grid, &out.session.log_posterior);
        assert_eq!((e.theta, e.se), (eap.theta, eap.se));
        let (mean, sd) = hand_eap(&b, &out.session.administered);
        assert!((e.theta - mean).abs() <= IRT_GOLDEN && (e.se - sd).abs() <= IRT_GOLDEN);
        assert_eq!(e.theta > 0.0, k == 1);
    }
}

#[test]
fn ml_of_all_right_falls_back_to_map_under_the_map_policy() {
    let b = bank_with(ExtremePolicy::Map, EstimatorKind::Eap);
    let out = answered(&b, EstimatorKind::Ml, &[1, 1, 1]);
    let e = out.estimate;
    assert_eq!(
        (e.estimator, e.requested),
        (EstimatorKind::Map, EstimatorKind::Ml)
    );
    assert_eq!(e.fallback, Some(Fallback::AllHighest));
    assert!((score(&out.session, e.theta) - e.theta).abs() <= IRT_GOLDEN);
}

#[test]
fn wle_of_all_right_is_finite_and_needs_no_fallback() {
    // For 2PL items Warm's correction keeps the estimate finite:
    // Σ a(x − P) + J/(2I) = 0 with J = Σ a³P(1 − P)(1 − 2P).
    let b = bank_with(ExtremePolicy::Map, EstimatorKind::Eap);
    let out = answered(&b, EstimatorKind::Wle, &[1, 1, 1]);
    let (s, e) = (&out.session, out.estimate);
    let j: f64 = s
        .administered
        .iter()
        .map(|a| {
            let (p, a3) = (
                p_right(a.index, e.theta),
                ITEMS[a.index].1 * ITEMS[a.index].1 * ITEMS[a.index].1,
            );
            a3 * p * (1.0 - p) * (1.0 - 2.0 * p)
        })
        .sum();
    let g = score(s, e.theta) + j / (2.0 * test_info(s, e.theta));
    assert!(g.abs() <= IRT_GOLDEN, "{g}");
    assert_eq!((e.estimator, e.fallback), (EstimatorKind::Wle, None));
}

#[test]
fn ml_of_all_wrong_is_clamped_under_the_clamp_policy() {
    let policy = ExtremePolicy::Clamp {
        min: -3.0,
        max: 3.0,
    };
    let b = bank_with(policy, EstimatorKind::Eap);
    let out = answered(&b, EstimatorKind::Ml, &[0, 0, 0]);
    let e = out.estimate;
    assert_eq!(e.theta, -3.0);
    assert!(e.clamped);
    assert_eq!(
        (e.estimator, e.fallback),
        (EstimatorKind::Ml, Some(Fallback::AllLowest))
    );
    assert!((e.se - 1.0 / test_info(&out.session, -3.0).sqrt()).abs() <= IRT_GOLDEN);
}

#[test]
fn ml_with_every_item_skipped_falls_back_for_no_responses() {
    let b = bank();
    let config = CatConfig::new().estimator(EstimatorKind::Ml);
    let mut out = start(&b, config, 1).unwrap();
    out = step(&b, out.session, &Answer::Skipped).unwrap();
    out = step(&b, out.session, &Answer::Skipped).unwrap();
    let e = out.estimate;
    assert_eq!(
        (e.estimator, e.requested),
        (EstimatorKind::Eap, EstimatorKind::Ml)
    );
    assert_eq!(e.fallback, Some(Fallback::NoResponses));
    let (mean, sd) = hand_eap(&b, &[]);
    assert!((e.theta - mean).abs() <= IRT_GOLDEN && (e.se - sd).abs() <= IRT_GOLDEN);
}

#[test]
fn the_next_item_is_chosen_at_the_new_estimate() {
    let b = bank();
    let mut out = start(&b, CatConfig::new().max_items(5).target_se(None), 8).unwrap();
    while let Some(next) = out.next.clone() {
        let k = usize::from(next.index % 2 == 0);
        out = step_category(&b, out.session, k).unwrap();
        if let Some(n) = &out.next {
            let used: Vec<usize> = out.session.administered.iter().map(|a| a.index).collect();
            assert_eq!(n.index, best_at(out.estimate.theta, |i| !used.contains(&i)));
        }
    }
}

#[test]
fn the_stored_posterior_is_prior_times_likelihood_with_its_maximum_at_0() {
    let b = bank();
    let out = answered(&b, EstimatorKind::Eap, &[1, 1, 0, 1, 0]);
    let lp = &out.session.log_posterior;
    // ln of N(0, 1) × Π P^x (1 − P)^(1 − x), less its maximum.
    let hand: Vec<f64> = b
        .rule()
        .quadrature()
        .theta()
        .iter()
        .map(|&t| {
            let mut l = -t * t / 2.0;
            for a in &out.session.administered {
                let p = p_right(a.index, t);
                l += if a.category == Some(1) {
                    ln(p)
                } else {
                    ln(1.0 - p)
                };
            }
            l
        })
        .collect();
    let top = hand.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(lp.len(), hand.len());
    for (engine, hand) in lp.iter().zip(&hand) {
        assert!(
            (engine - (hand - top)).abs() <= IRT_GOLDEN,
            "{engine} {hand}"
        );
    }
    assert_eq!(lp.iter().copied().fold(f64::NEG_INFINITY, f64::max), 0.0);
}
