//! Golden tests of the IRT estimators on LSAT7 (5 items, 2PL).
//!
//! Parameters: R mirt's LSAT7 2PL fit in slope–intercept form, as used in
//! mirt's published tests (`docs/psychometrics.md`, "Item response theory"). Expected values:
//! - `tests/golden/irt/lsat7.json`, written by the committed script
//!   `tests/golden/irt/lsat7.py` (mpmath, 50 digits): EAP/SD on the same
//!   grids, MAP, ML and WLE with their SEs, pattern by pattern; agreement
//!   within `prec::IRT_GOLDEN` (1e-6);
//! - mirt's published EAP of the all-wrong and all-right patterns
//!   (fscores, 61 points on [−6, 6], N(0, 1) prior): −1.870 (SE .693) and
//!   0.727 (SE .801), to the three decimals published.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::float_cmp
)]

use assess_core::irt::{Observed, Quadrature, ScoringRule, estimate};
use assess_core::prec::IRT_GOLDEN;
use assess_core::{EstimatorKind, ExtremePolicy, Instrument, IrtModel, IrtParams};
use assess_tests::read;
use serde_json::Value;

fn golden() -> Value {
    serde_json::from_str(&read("tests/golden/irt/lsat7.json")).unwrap()
}

fn lsat7(g: &Value) -> Vec<IrtParams> {
    let f = |k: &str| -> Vec<f64> {
        g[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    f("a")
        .into_iter()
        .zip(f("d"))
        .map(|(a, d)| IrtParams::Dichotomous {
            model: IrtModel::TwoPl,
            a,
            d,
            c: 0.0,
            u: 1.0,
        })
        .collect()
}

fn pair(v: &Value) -> (f64, f64) {
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

fn close(what: &str, got: (f64, f64), want: (f64, f64), tol: f64) {
    assert!(
        (got.0 - want.0).abs() <= tol && (got.1 - want.1).abs() <= tol,
        "{what}: got {got:?}, expected {want:?}"
    );
}

#[test]
fn lsat7_every_pattern_matches_the_high_precision_reference() {
    let g = golden();
    let items = lsat7(&g);
    let rules: Vec<(&str, ScoringRule)> = ["eap61_4", "eap61_6"]
        .iter()
        .map(|&name| {
            let (n, lo, hi) = pair3(&g["grids"][name]);
            (
                name,
                ScoringRule::new(
                    Quadrature::new(n, lo, hi, 0.0, 1.0).unwrap(),
                    ExtremePolicy::Map,
                ),
            )
        })
        .collect();
    let cases = g["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 32);
    let eap_rules: Vec<(&str, &ScoringRule)> = rules.iter().map(|(n, r)| (*n, r)).collect();
    for case in cases {
        check_case("lsat7", &items, case, &eap_rules, &rules[0].1);
    }
}

fn pair3(v: &Value) -> (usize, f64, f64) {
    (
        v[0].as_u64().unwrap() as usize,
        v[1].as_f64().unwrap(),
        v[2].as_f64().unwrap(),
    )
}

#[test]
fn lsat7_matches_mirts_published_eap() {
    let g = golden();
    let items = lsat7(&g);
    let rule = ScoringRule::new(
        Quadrature::new(61, -6.0, 6.0, 0.0, 1.0).unwrap(),
        ExtremePolicy::Eap,
    );
    for (k, want) in [(0, (-1.870, 0.693)), (1, (0.727, 0.801))] {
        let obs: Vec<Observed<'_>> = items.iter().map(|p| Observed::new(p, k).unwrap()).collect();
        let e = estimate(&obs, &rule, EstimatorKind::Eap);
        close(&format!("all {k}"), (e.theta, e.se), want, 0.0005);
    }
}

/// The same items written in a/b form with D = 1.702 and in
/// slope–intercept form give the same parameters once loaded.
#[test]
fn a_b_and_slope_intercept_forms_load_to_the_same_parameters() {
    let text = read("instruments/aptitude.toml");
    let inst = Instrument::from_toml(&text).unwrap();
    let scaled = Instrument::from_toml(&text.replace("scaling = 1.0", "scaling = 1.702")).unwrap();
    for (it, sc) in inst.items().iter().zip(scaled.items()) {
        let (
            Some(IrtParams::Dichotomous { a, d, c, .. }),
            Some(IrtParams::Dichotomous {
                a: a2,
                d: d2,
                c: c2,
                ..
            }),
        ) = (it.irt(), sc.irt())
        else {
            continue;
        };
        assert!((a * 1.702 - a2).abs() < 1e-12 && (d * 1.702 - d2).abs() < 1e-12 && c == c2);
    }
    // a/b form: d = −a·b (the shipped file's first item: a = 1.0, b = −2.0).
    let first = inst.items().iter().find_map(|i| i.irt()).unwrap();
    assert_eq!(
        first,
        &IrtParams::Dichotomous {
            model: IrtModel::ThreePl,
            a: 1.0,
            d: 2.0,
            c: 0.2,
            u: 1.0
        }
    );
}

/// An aptitude report carries the IRT estimate over the answered items,
/// with the estimator used and the parameters' status; a short form gets
/// one on the same metric.
#[test]
fn aptitude_report_carries_the_irt_estimate() {
    use assess_core::simulate::{seeded_rng, simulate_respondent};
    use assess_core::{ScoreOptions, Status, score};
    let inst = Instrument::from_toml(&read("instruments/aptitude.toml")).unwrap();
    let mut rng = seeded_rng(4);
    let sim = simulate_respondent(&inst, "r1", 0.1, &mut rng);
    let report = score(&inst, &sim.responses, &ScoreOptions::new()).unwrap();
    let irt = report.irt.as_ref().unwrap();
    assert_eq!(irt.parameters, Status::Provisional);
    assert_eq!(
        (irt.estimator, irt.requested),
        (EstimatorKind::Eap, EstimatorKind::Eap)
    );
    // The same estimate straight from the formulas: answered items only,
    // category 1 for the keyed option.
    let mut answered = Vec::new();
    for it in inst.items() {
        if let Some(assess_core::Answer::Choice(k)) = sim.responses.answers.get(it.id()) {
            let right = it.options()[it.key().unwrap()].key() == k;
            answered.push(Observed::new(it.irt().unwrap(), usize::from(right)).unwrap());
        }
    }
    assert_eq!(irt.items, answered.len());
    assert!(irt.items < 40, "some items were left unanswered");
    let rule = ScoringRule::from_settings(inst.irt().unwrap());
    let e = estimate(&answered, &rule, EstimatorKind::Eap);
    // Reports sum the log-likelihood of eight 0/1 items at a time (as the
    // batch tables do), `estimate` one item at a time: equal to rounding.
    assert!(
        (irt.theta - e.theta).abs() < 1e-13,
        "{} {}",
        irt.theta,
        e.theta
    );
    assert!((irt.se - e.se).abs() < 1e-13, "{} {}", irt.se, e.se);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["irt"]["parameters"], "provisional");
    assert_eq!(json["irt"]["estimator"], "eap");
    // Instruments without parameters have no `irt` block.
    let riasec = Instrument::from_toml(&read("instruments/riasec.toml")).unwrap();
    let sim = simulate_respondent(&riasec, "r2", 0.0, &mut rng);
    let report = score(&riasec, &sim.responses, &ScoreOptions::new()).unwrap();
    assert!(report.irt.is_none());
}

/// 3PL, 4PL, graded response and generalised partial credit items against
/// `tests/golden/irt/models.json`, written by the committed script
/// `tests/golden/irt/models.py` (mpmath, 50 digits, derivatives by numerical
/// differentiation — independent of the engine's analytic formulas):
/// category probabilities and information at three θ, and EAP, MAP, ML and
/// WLE with their SEs pattern by pattern, within `prec::IRT_GOLDEN`.
#[test]
fn polytomous_and_guessing_models_match_the_high_precision_reference() {
    let g: Value = serde_json::from_str(&read("tests/golden/irt/models.json")).unwrap();
    let rule = ScoringRule::new(
        Quadrature::new(61, -4.0, 4.0, 0.0, 1.0).unwrap(),
        ExtremePolicy::Map,
    );
    for (name, set) in g["sets"].as_object().unwrap() {
        let items: Vec<IrtParams> = set["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|it| {
                let a = it["a"].as_f64().unwrap();
                let list = || {
                    it["d"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_f64().unwrap())
                        .collect::<Vec<_>>()
                };
                match it["model"].as_str().unwrap() {
                    "grm" => IrtParams::Graded { a, d: list() },
                    "gpcm" => IrtParams::PartialCredit { a, d: list() },
                    m => IrtParams::Dichotomous {
                        model: match m {
                            "2pl" => IrtModel::TwoPl,
                            "3pl" => IrtModel::ThreePl,
                            _ => IrtModel::FourPl,
                        },
                        a,
                        d: it["d"].as_f64().unwrap(),
                        c: it["c"].as_f64().unwrap_or(0.0),
                        u: it["u"].as_f64().unwrap_or(1.0),
                    },
                }
            })
            .collect();
        for curve in set["curves"].as_array().unwrap() {
            let t = curve["theta"].as_f64().unwrap();
            for (i, p) in items.iter().enumerate() {
                let want: Vec<f64> = curve["probs"][i]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect();
                let got = assess_core::irt::category_probabilities(p, t);
                assert_eq!(got.len(), want.len(), "{name} item {i}");
                for (x, y) in got.iter().zip(&want) {
                    assert!(
                        (x - y).abs() < 1e-12,
                        "{name} item {i} θ {t}: {got:?} vs {want:?}"
                    );
                }
                let info = assess_core::irt::item_information(p, t);
                let want = curve["info"][i].as_f64().unwrap();
                assert!(
                    (info - want).abs() < 1e-10 * (1.0 + want),
                    "{name} item {i} θ {t}: information {info} vs {want}"
                );
            }
        }
        for case in set["cases"].as_array().unwrap() {
            check_case(name, &items, case, &[("eap", &rule)], &rule);
        }
    }
}

/// Checks one golden case: EAP on each named grid (the case's key), and
/// MAP, ML and WLE on `rule` (whose extreme policy is MAP). Where the
/// reference has no finite ML, the engine must say it fell back to MAP and
/// give MAP's value.
fn check_case(
    set: &str,
    items: &[IrtParams],
    case: &Value,
    eap_rules: &[(&str, &ScoringRule)],
    rule: &ScoringRule,
) {
    let pat: Vec<usize> = case["pattern"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    let obs: Vec<Observed<'_>> = items
        .iter()
        .zip(&pat)
        .map(|(p, &k)| Observed::new(p, k).unwrap())
        .collect();
    let what = |e: &str| format!("{set} {pat:?} {e}");
    for (key, r) in eap_rules {
        let e = estimate(&obs, r, EstimatorKind::Eap);
        close(&what(key), (e.theta, e.se), pair(&case[*key]), IRT_GOLDEN);
    }
    let map = estimate(&obs, rule, EstimatorKind::Map);
    close(
        &what("map"),
        (map.theta, map.se),
        pair(&case["map"]),
        IRT_GOLDEN,
    );
    let ml = estimate(&obs, rule, EstimatorKind::Ml);
    if let Some(v) = case.get("ml") {
        assert_eq!(
            (ml.estimator, ml.fallback),
            (EstimatorKind::Ml, None),
            "{}",
            what("ml")
        );
        close(&what("ml"), (ml.theta, ml.se), pair(v), IRT_GOLDEN);
    } else {
        assert_eq!(
            (ml.estimator, ml.requested),
            (EstimatorKind::Map, EstimatorKind::Ml),
            "{}",
            what("ml")
        );
        assert!(ml.fallback.is_some());
        close(
            &what("ml→map"),
            (ml.theta, ml.se),
            pair(&case["map"]),
            IRT_GOLDEN,
        );
    }
    if let Some(v) = case.get("wle") {
        let wle = estimate(&obs, rule, EstimatorKind::Wle);
        assert_eq!(wle.estimator, EstimatorKind::Wle, "{}", what("wle"));
        close(&what("wle"), (wle.theta, wle.se), pair(v), IRT_GOLDEN);
    }
}
