//! Selection: maximum information, ties, exhaustion, randomesque and
//! Sympson–Hetter exposure control, content balancing.

use super::*;

fn pick(b: &ItemBank, s: &mut CatSession, theta: f64, seed: u64) -> Option<usize> {
    MaxInfo.select(b, s, theta, &mut ChaCha8Rng::seed_from_u64(seed))
}

#[test]
fn picks_the_item_of_maximum_fisher_information_at_theta() {
    let b = bank();
    let mut s = session(&b, CatConfig::new());
    for theta in [-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0] {
        assert_eq!(
            pick(&b, &mut s, theta, 0),
            Some(best_at(theta, |_| true)),
            "θ = {theta}"
        );
    }
}

#[test]
fn leaves_out_items_already_given_or_set_aside() {
    let b = bank();
    let mut s = session(&b, CatConfig::new());
    // At θ = 1: E4, then E2, then E5.
    s.administered.push(given(index_of("E4"), Some(1)));
    assert_eq!(pick(&b, &mut s, 1.0, 0), Some(index_of("E2")));
    s.set_aside.push(index_of("E2"));
    assert_eq!(pick(&b, &mut s, 1.0, 0), Some(index_of("E5")));
    assert_eq!(
        index_of("E5"),
        best_at(1.0, |i| ITEMS[i].0 != "E4" && ITEMS[i].0 != "E2")
    );
}

#[test]
fn an_exhausted_bank_gives_no_item() {
    let b = bank();
    let mut s = session(&b, CatConfig::new());
    s.administered = (0..4).map(|i| given(i, Some(0))).collect();
    assert_eq!(pick(&b, &mut s, 0.0, 0), Some(4));
    s.administered.push(given(4, None));
    assert_eq!(pick(&b, &mut s, 0.0, 0), None);
}

#[test]
fn ties_go_to_the_first_item_in_bank_order() {
    let items = ["T1", "T2", "T3"]
        .iter()
        .map(|id| BankItem::new(*id, two_pl(1.0, 0.0), None))
        .collect();
    let rule = ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap);
    let b = ItemBank::new("ties", "1", items, rule, EstimatorKind::Eap).unwrap();
    let mut s = session(&b, CatConfig::new());
    assert_eq!(pick(&b, &mut s, 0.7, 0), Some(0));
    s.administered.push(Administered {
        item: "T1".into(),
        index: 0,
        category: Some(1),
    });
    assert_eq!(pick(&b, &mut s, 0.7, 0), Some(1));
}

#[test]
fn randomesque_draws_among_exactly_the_n_most_informative() {
    let b = bank();
    // At θ = 0 the two best are E2 (0.563) and E4 (0.420).
    let config = CatConfig::new().exposure(Exposure::Randomesque { candidates: 2 });
    let firsts: BTreeSet<String> = (0..64)
        .map(|seed| start(&b, config.clone(), seed).unwrap().next.unwrap().id)
        .collect();
    assert_eq!(firsts, BTreeSet::from(["E2".to_owned(), "E4".to_owned()]));
    // One candidate is plain maximum information.
    let config = CatConfig::new().exposure(Exposure::Randomesque { candidates: 1 });
    for seed in 0..16 {
        assert_eq!(
            start(&b, config.clone(), seed).unwrap().next.unwrap().id,
            "E2"
        );
    }
}

#[test]
fn sympson_hetter_sets_an_item_aside_and_gives_the_next_best() {
    let b = bank();
    // k = 10⁻⁹ for E2: a uniform draw below it is (for these seeds) never
    // seen, so E2 is set aside and E4, with k = 1, is given.
    let rates = BTreeMap::from([("E2".to_owned(), 1e-9)]);
    let config = CatConfig::new().exposure(Exposure::SympsonHetter { rates });
    for seed in 0..16 {
        let out = start(&b, config.clone(), seed).unwrap();
        assert_eq!(out.next.unwrap().id, "E4");
        assert_eq!(out.session.set_aside, vec![index_of("E2")]);
    }
}

#[test]
fn sympson_hetter_gives_the_least_informative_when_all_are_set_aside() {
    let b = bank();
    let rates = ITEMS.iter().map(|it| (it.0.to_owned(), 1e-9)).collect();
    let config = CatConfig::new().exposure(Exposure::SympsonHetter { rates });
    let out = start(&b, config, 4).unwrap();
    // At θ = 0 the order is E2, E4, E1, E3, E5.
    assert_eq!(out.next.unwrap().id, "E5");
    let aside: Vec<usize> = ["E2", "E4", "E1", "E3"].map(index_of).to_vec();
    assert_eq!(out.session.set_aside, aside);
}

#[test]
fn equal_content_takes_the_domain_furthest_below_its_share() {
    let b = bank();
    assert_eq!(b.domains(), ["numerik", "verbal"]);
    let mut s = session(&b, CatConfig::new().content(Content::Equal));
    // Nothing given: equal gaps go to the first domain, `numerik`,
    // although E1 (verbal) is the most informative at θ = −2.
    assert_eq!(best_at(-2.0, |_| true), index_of("E1"));
    assert_eq!(pick(&b, &mut s, -2.0, 0), Some(index_of("E2")));
    // One numerik item given: verbal is below its share; at θ = 1 the
    // best verbal item is E5 although E4 (numerik) is the best overall.
    s.administered.push(given(index_of("E2"), Some(1)));
    let verbal = |i: usize| ITEMS[i].3 == "verbal";
    assert_eq!(best_at(1.0, verbal), index_of("E5"));
    assert_eq!(pick(&b, &mut s, 1.0, 0), Some(index_of("E5")));
}

#[test]
fn target_shares_keep_to_their_domains_until_they_run_out() {
    let b = bank();
    let shares = BTreeMap::from([("numerik".to_owned(), 1.0)]);
    let mut s = session(&b, CatConfig::new().content(Content::Targets { shares }));
    assert_eq!(pick(&b, &mut s, -2.0, 0), Some(index_of("E2")));
    s.administered.push(given(index_of("E2"), Some(0)));
    assert_eq!(pick(&b, &mut s, -2.0, 0), Some(index_of("E4")));
    // Both numerik items given: any item, the most informative.
    s.administered.push(given(index_of("E4"), Some(0)));
    assert_eq!(pick(&b, &mut s, -2.0, 0), Some(index_of("E1")));
}
