//! Stopping: each reason — maximum length, SE on target after the
//! minimum, exhausted bank — exactly when it applies.

use super::*;

fn with_len(b: &ItemBank, config: CatConfig, n: usize) -> CatSession {
    let mut s = session(b, config);
    s.administered = (0..n).map(|i| given(i % ITEMS.len(), Some(1))).collect();
    s
}

fn se(e: &Estimate, se: f64) -> Estimate {
    Estimate { se, ..*e }
}

#[test]
fn stops_at_the_maximum_length_whatever_the_se() {
    let b = bank();
    let config = CatConfig::new().min_items(1).max_items(3).target_se(0.3);
    let s = with_len(&b, config.clone(), 2);
    assert_eq!(StopRules.stop(&s, &se(&s.estimate, 0.9)), None);
    let s = with_len(&b, config, 3);
    assert_eq!(
        StopRules.stop(&s, &se(&s.estimate, 0.9)),
        Some(StopReason::MaxItems)
    );
    // At the maximum with the SE reached too, the maximum is named.
    assert_eq!(
        StopRules.stop(&s, &se(&s.estimate, 0.1)),
        Some(StopReason::MaxItems)
    );
}

#[test]
fn stops_exactly_when_the_se_reaches_its_target_after_the_minimum() {
    let b = bank();
    let config = CatConfig::new().min_items(2).max_items(5).target_se(0.5);
    let s = with_len(&b, config.clone(), 2);
    assert_eq!(
        StopRules.stop(&s, &se(&s.estimate, 0.5)),
        Some(StopReason::SeReached)
    );
    assert_eq!(StopRules.stop(&s, &se(&s.estimate, 0.500_000_001)), None);
    let s = with_len(&b, config, 1);
    assert_eq!(StopRules.stop(&s, &se(&s.estimate, 0.1)), None);
    // No target: only the length stops the test.
    let s = with_len(
        &b,
        CatConfig::new().min_items(1).max_items(5).target_se(None),
        4,
    );
    assert_eq!(StopRules.stop(&s, &se(&s.estimate, 0.0)), None);
}

#[test]
fn a_run_stops_at_the_first_step_whose_se_is_on_target() {
    let b = bank();
    let target = 0.75;
    let config = CatConfig::new().min_items(2).max_items(5).target_se(target);
    let outs = run(&b, config, |i| usize::from(i != 1));
    let last = outs.last().unwrap();
    assert_eq!(last.stop, Some(StopReason::SeReached));
    assert_eq!(last.session.stopped, Some(StopReason::SeReached));
    assert!(last.estimate.se <= target && last.session.administered.len() >= 2);
    for o in &outs[..outs.len() - 1] {
        assert!(o.estimate.se > target || o.session.administered.len() < 2);
        assert_eq!(o.stop, None);
    }
}

#[test]
fn a_run_stops_at_max_items() {
    let b = bank();
    let config = CatConfig::new().min_items(1).max_items(3).target_se(None);
    let last = run(&b, config, |_| 1).pop().unwrap();
    assert_eq!(last.stop, Some(StopReason::MaxItems));
    assert_eq!((last.session.administered.len(), last.next), (3, None));
}

#[test]
fn a_run_stops_when_the_bank_is_exhausted() {
    let b = bank();
    let config = CatConfig::new().min_items(1).max_items(10).target_se(None);
    let last = run(&b, config, |i| i % 2).pop().unwrap();
    assert_eq!(last.stop, Some(StopReason::BankExhausted));
    assert_eq!(last.session.stopped, Some(StopReason::BankExhausted));
    assert_eq!((last.session.administered.len(), last.next), (5, None));
    assert_eq!(last.session.pending, None);
    // A maximum equal to the bank's size is reached first.
    let config = CatConfig::new().min_items(1).max_items(5).target_se(None);
    let last = run(&b, config, |i| i % 2).pop().unwrap();
    assert_eq!(last.stop, Some(StopReason::MaxItems));
}
