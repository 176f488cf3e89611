//! Adaptive tests on the shipped aptitude bank, driven by hostile JSON:
//! the first byte picks a configuration to start with (the rest of the
//! input) or a stored session and an answer to step with (the rest, split
//! at the first NUL byte). A session that `step` accepts always yields a
//! consistent outcome; one it refuses gives a located, short error.
#![no_main]

mod common;

use std::sync::OnceLock;

use assess_core::Instrument;
use assess_core::cat::{CatSession, ItemBank, start_json, step_json};
use libfuzzer_sys::fuzz_target;

fn bank() -> &'static ItemBank {
    static BANK: OnceLock<ItemBank> = OnceLock::new();
    BANK.get_or_init(|| {
        let inst = Instrument::from_toml(include_str!("../../instruments/aptitude.toml"))
            .expect("the shipped aptitude test");
        ItemBank::from_instrument(&inst).expect("its bank")
    })
}

fn check_outcome(json: &str) {
    let v: serde_json::Value = serde_json::from_str(json).expect("an outcome is JSON");
    let session = CatSession::from_json(&v["session"].to_string()).expect("reads back");
    let mut given = vec![false; bank().items().len()];
    for a in &session.administered {
        assert!(
            !std::mem::replace(&mut given[a.index], true),
            "item given twice"
        );
    }
    if let Some(next) = &session.pending {
        assert!(!given[next.index], "the next item was given already");
    }
    assert!(session.estimate.theta.is_finite());
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if selector % 2 == 0 {
        match start_json(bank(), text, u64::from(selector)) {
            Ok(out) => check_outcome(&out),
            Err(e) => common::check_error(&e, text),
        }
    } else {
        let (session, answer) = text.split_once('\0').unwrap_or((text, "\"A\""));
        match step_json(bank(), session, answer) {
            Ok(out) => check_outcome(&out),
            Err(e) => common::check_error(&e, ""),
        }
    }
});
