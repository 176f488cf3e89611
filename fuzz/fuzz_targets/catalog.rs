//! The job-family catalogue: any text. A valid catalogue is then used for
//! recommendations from a few fixed profiles, in both languages, so that
//! a hostile yet valid catalogue cannot crash what comes after loading.
#![no_main]

mod common;

use assess_core::{Catalog, RecommendOptions, RiasecProfile, recommend};
use libfuzzer_sys::fuzz_target;

const PROFILES: [[f64; 6]; 3] = [
    [80.0, 20.0, 10.0, 55.0, 40.0, 30.0],
    [50.0; 6],
    [0.0, 0.0, 0.0, 0.0, 0.0, 100.0],
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Catalog::from_toml(text) {
        Err(e) => common::check_error(&e, text),
        Ok(catalog) => {
            for lang in ["id", "en"] {
                let options = RecommendOptions::new().language(lang);
                for scores in PROFILES {
                    let profile = RiasecProfile::from_scores(scores, lang);
                    let r = recommend(&profile, None, None, &catalog, &options);
                    let _ = assess_text::json::to_string(&r).expect("serialises");
                }
            }
        }
    }
});
