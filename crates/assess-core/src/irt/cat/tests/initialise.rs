//! Initialisation: the starting θ, the first item, the new session.

use super::*;

#[test]
fn starting_theta_is_the_configured_one_or_the_prior_mean() {
    // A grid whose prior mean is 0.5, so the default is not a 0 by chance.
    let rule = ScoringRule::new(
        Quadrature::new(41, -4.0, 4.0, 0.5, 1.0).unwrap(),
        ExtremePolicy::Eap,
    );
    let items = vec![BankItem::new("E1", two_pl(1.0, -1.0), None)];
    let b = ItemBank::new("one", "1", items, rule, EstimatorKind::Eap).unwrap();
    assert_eq!(StartTheta.initial_theta(&b, &CatConfig::new()), 0.5);
    let config = CatConfig::new().start_theta(-1.25);
    assert_eq!(StartTheta.initial_theta(&b, &config), -1.25);
}

#[test]
fn the_first_item_is_the_most_informative_at_the_starting_theta() {
    let b = bank();
    for (theta, expected) in [(-2.0, "E1"), (0.0, "E2"), (1.0, "E4"), (2.0, "E4")] {
        let out = start(&b, CatConfig::new().start_theta(theta), 3).unwrap();
        let next = out.next.unwrap();
        assert_eq!(next.index, best_at(theta, |_| true), "θ = {theta}");
        assert_eq!(next.id, expected, "θ = {theta}");
    }
}

#[test]
fn a_new_session_holds_the_prior_and_nothing_given() {
    let b = bank();
    let out = start(&b, CatConfig::new(), 77).unwrap();
    let s = &out.session;
    assert_eq!(s.format, SESSION_FORMAT);
    assert_eq!(s.bank, *b.reference());
    assert_eq!((s.seed, s.steps), (77, 1));
    assert!(s.administered.is_empty() && s.set_aside.is_empty());
    assert_eq!(s.log_posterior, b.rule().quadrature().log_prior());
    assert_eq!(s.pending, out.next);
    assert_eq!((s.stopped, out.stop), (None, None));
    // The prior's EAP: mean 0 on the symmetric grid, SD just under 1.
    let (mean, sd) = hand_eap(&b, &[]);
    assert!((out.estimate.theta - mean).abs() <= IRT_GOLDEN);
    assert!((out.estimate.se - sd).abs() <= IRT_GOLDEN);
    assert_eq!(out.estimate, s.estimate);
}
