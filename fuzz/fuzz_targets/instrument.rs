//! Instrument loading and validation: any text. A valid instrument is then
//! used as the engine uses it — described, shown in both languages and
//! every form, answered by a simulated respondent and scored, and, with
//! IRT parameters, an adaptive test started and stepped — so that a
//! hostile yet valid instrument cannot crash what comes after loading.
#![no_main]

mod common;

use assess_core::cat::{self, CatConfig, ItemBank};
use assess_core::simulate::simulate_respondent;
use assess_core::{Answer, Instrument, ScoreOptions};
use libfuzzer_sys::fuzz_target;
use rand_chacha::rand_core::SeedableRng;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Instrument::from_toml(text) {
        Err(e) => common::check_error(&e, text),
        Ok(inst) => use_instrument(&inst),
    }
});

fn use_instrument(inst: &Instrument) {
    for lang in ["id", "en"] {
        let _ = inst.info(lang);
        let _ = inst
            .item_views(lang, None, Some(7))
            .expect("the whole instrument");
        for form in inst.forms() {
            let _ = inst
                .item_views(lang, Some(form.id()), None)
                .expect("a form of its own");
        }
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let sim = simulate_respondent(inst, "fuzz", 0.1, &mut rng);
    // A simulated respondent answers only what the instrument asks, as it
    // asks it: the report is always made.
    let report = assess_core::score(inst, &sim.responses, &ScoreOptions::default())
        .expect("a simulated respondent is scored");
    let _ = assess_text::json::to_string(&report).expect("a report serialises");
    if let Ok(bank) = ItemBank::from_instrument(inst) {
        if let Ok(mut out) = cat::start(&bank, CatConfig::new().max_items(5), 3) {
            while out.next.is_some() {
                out = cat::step(&bank, out.session, &Answer::Skipped).expect("a step");
            }
        }
    }
}
