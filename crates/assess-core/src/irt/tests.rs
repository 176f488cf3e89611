//! Unit tests of the IRT formulas and estimators: properties (category
//! probabilities sum to 1, information matches a numerical derivative, EAP
//! rises with a right answer, every estimate is finite) and the batch EAP
//! against the log-space EAP.

use super::model::log_prob_derivatives;
use super::*;
use crate::instrument::{EstimatorKind, ExtremePolicy, IrtModel, IrtParams};
use crate::support::math::exp;
use proptest::prelude::*;

fn two_pl(a: f64, d: f64) -> IrtParams {
    IrtParams::Dichotomous {
        model: IrtModel::TwoPl,
        a,
        d,
        c: 0.0,
        u: 1.0,
    }
}

fn any_item() -> impl Strategy<Value = IrtParams> {
    prop_oneof![
        (0.2f64..3.0, -3.0f64..3.0, 0.0f64..0.35, 0.85f64..1.0).prop_map(|(a, d, c, u)| {
            IrtParams::Dichotomous {
                model: IrtModel::FourPl,
                a,
                d,
                c,
                u,
            }
        }),
        (0.2f64..3.0, -3.0f64..3.0).prop_map(|(a, d)| two_pl(a, d)),
        (
            0.2f64..3.0,
            prop::collection::vec(0.2f64..1.5, 1..5),
            -2.0f64..2.0
        )
            .prop_map(|(a, gaps, top)| {
                let mut d = vec![top];
                for g in gaps {
                    let last = d[d.len() - 1];
                    d.push(last - g);
                }
                IrtParams::Graded { a, d }
            }),
        (0.2f64..3.0, prop::collection::vec(-3.0f64..3.0, 1..5))
            .prop_map(|(a, d)| IrtParams::PartialCredit { a, d }),
    ]
}

/// Numerical derivative of the category probability.
fn dp(p: &IrtParams, t: f64, k: usize) -> f64 {
    let h = 1e-5;
    (exp(log_probability(p, t + h, k)) - exp(log_probability(p, t - h, k))) / (2.0 * h)
}

proptest! {
    #[test]
    fn category_probabilities_sum_to_one(p in any_item(), t in -6.0f64..6.0) {
        let s: f64 = category_probabilities(&p, t).iter().sum();
        prop_assert!((s - 1.0).abs() < 1e-12, "sum {s}");
    }

    #[test]
    fn information_is_sum_of_squared_derivative_over_p(p in any_item(), t in -4.0f64..4.0) {
        // Fisher information identity: I(θ) = Σ_k P_k′(θ)² / P_k(θ),
        // with P_k′ by central differences.
        let numeric: f64 = (0..categories(&p))
            .map(|k| { let d = dp(&p, t, k); d * d / exp(log_probability(&p, t, k)) })
            .sum();
        let exact = item_information(&p, t);
        prop_assert!((numeric - exact).abs() < 1e-6 * (1.0 + exact), "{numeric} vs {exact}");
    }

    #[test]
    fn log_derivatives_match_numerical(p in any_item(), t in -4.0f64..4.0, k in 0usize..6) {
        let k = k % categories(&p);
        let h = 1e-5;
        let (d1, d2) = log_prob_derivatives(&p, t, k);
        let n1 = (log_probability(&p, t + h, k) - log_probability(&p, t - h, k)) / (2.0 * h);
        let n2 = (log_prob_derivatives(&p, t + h, k).0 - log_prob_derivatives(&p, t - h, k).0) / (2.0 * h);
        prop_assert!((d1 - n1).abs() < 1e-6 * (1.0 + d1.abs()));
        prop_assert!((d2 - n2).abs() < 1e-5 * (1.0 + d2.abs()));
    }

    #[test]
    fn eap_rises_when_a_wrong_answer_becomes_right(
        items in prop::collection::vec((0.3f64..2.5, -2.0f64..2.0), 1..20),
        answers in prop::collection::vec(0usize..2, 20),
        flip in 0usize..20,
    ) {
        let params: Vec<IrtParams> = items.iter().map(|&(a, d)| two_pl(a, d)).collect();
        let mut cats: Vec<usize> = answers[..params.len()].to_vec();
        let flip = flip % params.len();
        cats[flip] = 0;
        let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Map);
        let obs = |c: &[usize]| -> Vec<Observed<'_>> {
            params.iter().zip(c).map(|(p, &k)| Observed::new(p, k).unwrap()).collect()
        };
        let before = estimate(&obs(&cats), &rule, EstimatorKind::Eap).theta;
        cats[flip] = 1;
        let after = estimate(&obs(&cats), &rule, EstimatorKind::Eap).theta;
        prop_assert!(after > before);
    }

    #[test]
    fn batch_eap_equals_log_space_eap_for_any_pattern(
        items in prop::collection::vec((0.3f64..2.5, -2.0f64..2.0), 1..30),
        rows in prop::collection::vec(prop::collection::vec(0u8..3, 30), 1..6),
    ) {
        let params: Vec<IrtParams> = items.iter().map(|&(a, d)| two_pl(a, d)).collect();
        let m = params.len();
        // 2 stands for "not answered".
        let data: Vec<u8> = rows.iter().flat_map(|r| r[..m].iter().copied()).collect();
        let mut out = vec![(0.0, 0.0); rows.len()];
        eap_dichotomous_batch(&params, &Quadrature::standard(), &data, &mut out).unwrap();
        let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
        for (row, got) in data.chunks_exact(m).zip(&out) {
            let obs: Vec<Observed<'_>> = params.iter().zip(row).filter(|(_, x)| **x <= 1)
                .map(|(p, &x)| Observed::new(p, usize::from(x)).unwrap()).collect();
            let e = estimate(&obs, &rule, EstimatorKind::Eap);
            prop_assert!((e.theta - got.0).abs() < 1e-12 && (e.se - got.1).abs() < 1e-12, "{e:?} vs {got:?}");
        }
    }

    #[test]
    fn estimates_are_always_finite(
        items in prop::collection::vec(any_item(), 0..12),
        seed in 0usize..1000,
        policy in 0u8..3,
    ) {
        let extreme = match policy {
            0 => ExtremePolicy::Map,
            1 => ExtremePolicy::Eap,
            _ => ExtremePolicy::Clamp { min: -4.0, max: 4.0 },
        };
        let rule = ScoringRule::new(Quadrature::standard(), extreme);
        let obs: Vec<Observed<'_>> = items
            .iter()
            .enumerate()
            .map(|(i, p)| Observed::new(p, (seed / (i + 1)) % categories(p)).unwrap())
            .collect();
        for kind in [EstimatorKind::Eap, EstimatorKind::Map, EstimatorKind::Ml, EstimatorKind::Wle] {
            let e = estimate(&obs, &rule, kind);
            prop_assert!(e.theta.is_finite() && e.se.is_finite() && e.se > 0.0, "{kind:?}: {e:?}");
        }
    }
}

#[test]
fn batch_eap_equals_log_space_eap() {
    let items: Vec<IrtParams> = (0..21)
        .map(|i| two_pl(0.5 + 0.1 * f64::from(i), -2.0 + 0.2 * f64::from(i)))
        .collect();
    let rows: Vec<Vec<u8>> = (0u32..40)
        .map(|r| {
            (0..21u32)
                .map(|i| {
                    if (r * 7 + i * 3) % 5 < 2 {
                        1
                    } else if r == 3 && i == 4 {
                        9
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    let data: Vec<u8> = rows.concat();
    let mut out = vec![(0.0, 0.0); rows.len()];
    let quad = Quadrature::standard();
    eap_dichotomous_batch(&items, &quad, &data, &mut out).unwrap();
    let rule = ScoringRule::new(quad, ExtremePolicy::Eap);
    for (row, got) in rows.iter().zip(&out) {
        let obs: Vec<Observed<'_>> = items
            .iter()
            .zip(row)
            .filter(|(_, x)| **x <= 1)
            .map(|(p, &x)| Observed::new(p, usize::from(x)).unwrap())
            .collect();
        let e = estimate(&obs, &rule, EstimatorKind::Eap);
        assert!((e.theta - got.0).abs() < 1e-12 && (e.se - got.1).abs() < 1e-12);
    }
}

#[test]
fn long_tests_do_not_underflow() {
    // 5,000 right answers to hard, steep items: the likelihood is far
    // below the smallest double, the log posterior is not.
    let items = vec![two_pl(3.0, -9.0); 5000];
    let obs: Vec<Observed<'_>> = items.iter().map(|p| Observed::new(p, 1).unwrap()).collect();
    let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
    let e = estimate(&obs, &rule, EstimatorKind::Eap);
    assert!(e.theta > 3.9 && e.se.is_finite());
    let mut out = vec![(0.0, 0.0)];
    let data = vec![1u8; 5000];
    eap_dichotomous_batch(&items, &Quadrature::standard(), &data, &mut out).unwrap();
    assert!((out[0].0 - e.theta).abs() < 1e-12);
}

#[test]
fn ml_of_all_right_follows_the_policy_and_says_so() {
    let items = [two_pl(1.0, 0.0), two_pl(1.2, 0.5)];
    let obs: Vec<Observed<'_>> = items.iter().map(|p| Observed::new(p, 1).unwrap()).collect();
    let clamp = ScoringRule::new(
        Quadrature::standard(),
        ExtremePolicy::Clamp {
            min: -3.0,
            max: 3.0,
        },
    );
    let e = estimate(&obs, &clamp, EstimatorKind::Ml);
    assert_eq!(
        (e.theta, e.clamped, e.fallback),
        (3.0, true, Some(Fallback::AllHighest))
    );
    let eap = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
    let e = estimate(&obs, &eap, EstimatorKind::Ml);
    assert_eq!(e.estimator, EstimatorKind::Eap);
    assert_eq!(e.requested, EstimatorKind::Ml);
    // WLE is finite for an all-right 2PL pattern (Warm 1989).
    let w = estimate(&obs, &eap, EstimatorKind::Wle);
    assert_eq!((w.estimator, w.fallback), (EstimatorKind::Wle, None));
    assert!(Observed::new(&items[0], 2).is_err());
}
