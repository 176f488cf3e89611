//! End-to-end tests of `assess simulate`.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod common;
use common::assess;

#[test]
fn simulate_the_aptitude_bank_as_json_is_reproducible() {
    let args = [
        "simulate",
        "--people",
        "60",
        "--seed",
        "7",
        "--max-items",
        "12",
        "--randomesque",
        "3",
        "--balance",
        "--format",
        "json",
    ];
    let a = assess(&args);
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert_eq!(a.stdout, assess(&args).stdout, "same seed, same figures");
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["bank"]["id"], "aptitude");
    assert_eq!(v["items"], 40);
    assert_eq!(v["provisional_parameters"], true);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let (adaptive, fixed) = (&results[0], &results[1]);
    assert_eq!(
        (adaptive["mode"].as_str(), fixed["mode"].as_str()),
        (Some("adaptive"), Some("fixed"))
    );
    assert!(adaptive["mean_length"].as_f64().unwrap() <= 12.0);
    assert!(adaptive["length_range"][1].as_u64().unwrap() <= 12);
    assert_eq!(fixed["mean_length"].as_f64(), Some(40.0));
    for r in results {
        for key in ["bias", "rmse", "max_exposure"] {
            assert!(r[key].as_f64().unwrap().is_finite(), "{key}");
        }
        assert_eq!(r["exposure"].as_array().unwrap().len(), 40);
    }
    // Another seed gives other figures.
    let other = assess(&[
        "simulate",
        "--people",
        "60",
        "--seed",
        "8",
        "--max-items",
        "12",
        "--format",
        "json",
    ]);
    assert_ne!(other.stdout, a.stdout);
}

#[test]
fn simulate_a_synthetic_bank_as_text() {
    let out = assess(&[
        "simulate",
        "--synthetic",
        "300",
        "--people",
        "50",
        "--mode",
        "adaptive",
        "--target-se",
        "0.35",
        "--max-items",
        "30",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("bank: synthetic-2pl 0.0.0 (300 items, sha256:"),
        "{s}"
    );
    assert!(s.contains("mode       people     bias    rmse"), "{s}");
    assert!(s.contains("adaptive: stopped by"), "{s}");
}

#[test]
fn simulate_refuses_an_instrument_without_irt_and_a_bad_config() {
    let out = assess(&["simulate", "-i", "instruments/riasec.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("has no `[irt]` section"), "{err}");
    let out = assess(&["simulate", "--min-items", "30", "--max-items", "10"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("config.min_items"), "{err}");
    let out = assess(&["simulate", "-i", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn simulate_calibrates_sympson_hetter_and_lowers_the_highest_exposure() {
    let base = [
        "simulate",
        "--synthetic",
        "150",
        "--people",
        "200",
        "--max-items",
        "12",
        "--target-se",
        "0",
        "--mode",
        "adaptive",
        "--format",
        "json",
    ];
    let plain: serde_json::Value = serde_json::from_slice(&assess(&base).stdout).unwrap();
    let mut args = base.to_vec();
    args.extend(["--sympson-hetter", "0.3"]);
    let out = assess(&args);
    assert_eq!(out.status.code(), Some(0));
    let sh: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sh["config"]["exposure"]["method"], "sympson_hetter");
    assert!(
        !sh["config"]["exposure"]["rates"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    let max = |v: &serde_json::Value| v["results"][0]["max_exposure"].as_f64().unwrap();
    assert!(
        max(&plain) > 0.9,
        "without control the best items go to nearly everyone"
    );
    assert!(max(&sh) < 0.45, "{}", max(&sh));
    let bad = assess(&["simulate", "--sympson-hetter", "1.5"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The example configuration for the aptitude battery (also what a front
/// end would pass to `CatBank.start`) runs as documented.
#[test]
fn simulate_with_the_example_configuration_file() {
    let out = assess(&[
        "simulate",
        "--config",
        "examples/aptitude-adaptive.json",
        "--people",
        "40",
        "--mode",
        "adaptive",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["config"]["max_items"], 16);
    assert_eq!(v["config"]["exposure"]["candidates"], 3);
    let r = &v["results"][0];
    assert!(
        r["length_range"][0].as_u64().unwrap() >= 8 && r["length_range"][1].as_u64().unwrap() <= 16
    );
    // A broken configuration file: located error, exit 2.
    let out = assess(&["simulate", "--config", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cargo.toml"));
}
