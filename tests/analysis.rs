//! Reliability and item statistics against R psych's `alpha`.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::{CsvLayout, Instrument, analysis};
use assess_tests::{read, root};

/// R psych 2.2.9, `alpha(na.omit(bfi[1:300, cols]), keys = <reversed>)` per
/// bfi scale (listwise, as here); script in tests/golden/bfi/make_golden.R.
#[test]
fn alpha_and_item_statistics_agree_with_r_psych_on_bfi() {
    let inst = Instrument::from_toml(&read("tests/fixtures/valid/bfi.toml")).unwrap();
    let mut rdr = csv::Reader::from_path(root().join("tests/golden/bfi/bfi_extract.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = CsvLayout::new(&inst, &header, "respondent_id").unwrap();
    let sets: Vec<_> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            layout.read(&r.iter().collect::<Vec<_>>()).unwrap()
        })
        .collect();
    let want: serde_json::Value =
        serde_json::from_str(&read("tests/golden/bfi/bfi_alpha.json")).unwrap();
    let got = analysis::reliability(&inst, &sets);
    assert_eq!(got.len(), 5);
    let close = |a: f64, b: &serde_json::Value, what: &str| {
        let b = b.as_f64().unwrap();
        assert!((a - b).abs() < 1e-9, "{what}: {a} vs R {b}");
    };
    for s in &got {
        let w = &want[&s.scale];
        assert_eq!(s.n as u64, w["n"].as_u64().unwrap(), "{}: n", s.scale);
        close(s.alpha, &w["raw_alpha"], &format!("{} alpha", s.scale));
        close(
            s.std_alpha,
            &w["std_alpha"],
            &format!("{} std alpha", s.scale),
        );
        close(
            s.average_r,
            &w["average_r"],
            &format!("{} average r", s.scale),
        );
        for (i, it) in s.items.iter().enumerate() {
            close(
                it.item_rest,
                &w["r_drop"][i],
                &format!("{} {} item-rest", s.scale, it.item),
            );
            close(
                it.alpha_if_dropped,
                &w["alpha_if_dropped"][i],
                &format!("{} {} alpha if dropped", s.scale, it.item),
            );
        }
    }
}

/// A hand-worked 4 × 3 example: items x1 = (1,2,3,4), x2 = (2,2,4,4),
/// x3 = (1,3,2,4). Variances (n − 1): 5/3, 4/3, 5/3, sum 14/3; the total
/// T = (4,7,9,12) has mean 8 and variance (16+1+1+16)/3 = 34/3;
/// alpha = 3/2·(1 − 14/34) = 30/34 = 0.882352941176470…
#[test]
fn alpha_hand_worked() {
    let x = [1.0, 2.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 2.0, 4.0, 4.0, 4.0];
    let a = analysis::alpha_from_matrix(&x, 4, 3).unwrap();
    assert!((a.alpha - 30.0 / 34.0).abs() < 1e-12, "{}", a.alpha);
    assert!(analysis::alpha_from_matrix(&x, 1, 3).is_none());
    // Constant answers: no variance, no alpha.
    assert!(analysis::alpha_from_matrix(&[1.0; 12], 4, 3).is_none());
}
