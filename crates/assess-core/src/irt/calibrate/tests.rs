//! Unit tests of calibration; the golden comparisons with R mirt and
//! girth are in tests/calibration.rs.

use super::*;

/// LSAT7 (Bock & Lieberman 1970; R mirt's `LSAT7`): the 32 patterns of
/// five 0/1 items, item 1 first, and their frequencies (N = 1000).
pub(crate) const LSAT7_FREQ: [usize; 32] = [
    12, 19, 1, 7, 3, 19, 3, 17, 10, 5, 3, 7, 7, 23, 8, 28, 7, 39, 11, 34, 14, 51, 15, 90, 6, 25, 7,
    35, 18, 136, 32, 308,
];

pub(crate) fn lsat7() -> (Vec<u8>, usize) {
    let mut cells = Vec::new();
    for (p, &n) in LSAT7_FREQ.iter().enumerate() {
        for _ in 0..n {
            for i in 0..5 {
                cells.push(u8::from(p >> (4 - i) & 1 == 1));
            }
        }
    }
    (cells, 1000)
}

/// LSAT7 calibrated as 2PL with `options` (tolerance 1e-8 by default here).
fn lsat7_fit(options: CalibrationOptions) -> Calibration {
    let (cells, rows) = lsat7();
    calibrate(&items(5, 2), &cells, rows, &options).unwrap()
}

fn tight() -> CalibrationOptions {
    CalibrationOptions {
        tolerance: 1e-8,
        ..Default::default()
    }
}

fn items(n: usize, k: usize) -> Vec<ItemSpec> {
    (1..=n)
        .map(|i| ItemSpec::new(format!("Item.{i}"), k))
        .collect()
}

/// ln L of LSAT7 at 2PL parameters on mirt's grid (61 points on [−6, 6]).
fn lsat7_log_likelihood(a: &[f64], d: &[f64]) -> f64 {
    let theta: Vec<f64> = (0..61).map(|q| -6.0 + 0.2 * f64::from(q)).collect();
    let w: Vec<f64> = theta.iter().map(|t| exp(-0.5 * t * t)).collect();
    let sw: f64 = w.iter().sum();
    let mut ll = 0.0;
    for (p, &n) in LSAT7_FREQ.iter().enumerate() {
        let mut f = 0.0;
        for (q, &t) in theta.iter().enumerate() {
            let mut l = w[q] / sw;
            for i in 0..5 {
                let pr = logistic(a[i] * t + d[i]);
                l *= if p >> (4 - i) & 1 == 1 { pr } else { 1.0 - pr };
            }
            f += l;
        }
        ll += n as f64 * ln(f);
    }
    ll
}

#[test]
fn lsat7_2pl_is_the_maximum_mirt_reports() {
    // R mirt 1.45.5, `mirt(expand.table(LSAT7), 1)` as printed in mirt's
    // documentation (reference/PLCI.mirt.md and the `extract.mirt`
    // example): ln L = −2658.805, AIC 5337.61, BIC 5386.688, 61 points;
    // a and d from PLCI.mirt's `value` column (items 4 and 5 from mirt's
    // tests, tests/testthat/test-01-mirtOne.R, to 4 decimals).
    let mirt_a = [0.9879254, 1.0808847, 1.7058006, 0.7652, 0.7358];
    let mirt_d = [1.8560605, 0.8079786, 1.8042187, 0.486, 1.8545];
    let (cells, rows) = lsat7();
    let c = calibrate(&items(5, 2), &cells, rows, &CalibrationOptions::default()).unwrap();
    assert!(c.convergence.converged);
    assert!(
        (c.convergence.log_likelihood - -2658.805).abs() < 5e-4,
        "{:?}",
        c.convergence
    );
    assert!((c.fit.aic - 5337.61).abs() < 5e-3);
    assert!((c.fit.bic - 5386.688).abs() < 5e-4);
    assert_eq!(c.fit.parameters, 10);
    let a: Vec<f64> = c.items.iter().map(|i| i.a).collect();
    let d: Vec<f64> = c.items.iter().map(|i| i.d[0]).collect();
    // Within 1e-3 of mirt but item 3's slope (1.7e-3 above mirt's
    // 1.7058): mirt stops while item 3 still moves — at its estimates
    // ln L is 1.4e-5 lower than at ours on the same grid (independent
    // sum below), and ours are the maximum (tolerance 1e-8 moves nothing
    // by 5e-4).
    for i in 0..5 {
        let tol_a = if i == 2 { 2e-3 } else { 1e-3 };
        assert!(
            (a[i] - mirt_a[i]).abs() < tol_a,
            "a{} {} vs mirt {}",
            i + 1,
            a[i],
            mirt_a[i]
        );
        assert!(
            (d[i] - mirt_d[i]).abs() < 1.2e-3,
            "d{} {} vs mirt {}",
            i + 1,
            d[i],
            mirt_d[i]
        );
    }
    let at_mirt = lsat7_log_likelihood(&mirt_a, &mirt_d);
    let at_ours = lsat7_log_likelihood(&a, &d);
    assert!(at_ours > at_mirt, "ours {at_ours} mirt {at_mirt}");
    assert!((at_ours - c.convergence.log_likelihood).abs() < 1e-8);
    let tight = lsat7_fit(tight());
    for (x, y) in tight.items.iter().zip(&c.items) {
        assert!((x.a - y.a).abs() < 5e-4 && (x.d[0] - y.d[0]).abs() < 5e-4);
    }
}

#[test]
fn lsat7_cross_product_errors_agree_with_the_observed_information() {
    // Two estimates of the same asymptotic covariance: XPD against the
    // inverse of the numerically differentiated observed information
    // (central differences of the independent ln L above, h = 1e-4).
    let c = lsat7_fit(tight());
    let mut x: Vec<f64> = Vec::new();
    for it in &c.items {
        x.push(it.a);
        x.push(it.d[0]);
    }
    let f = |x: &[f64]| {
        let a: Vec<f64> = x.iter().step_by(2).copied().collect();
        let d: Vec<f64> = x.iter().skip(1).step_by(2).copied().collect();
        lsat7_log_likelihood(&a, &d)
    };
    let h = 1e-4;
    let n = 10;
    let mut hess = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut pp = x.clone();
            pp[i] += h;
            pp[j] += h;
            let mut pm = x.clone();
            pm[i] += h;
            pm[j] -= h;
            let mut mp = x.clone();
            mp[i] -= h;
            mp[j] += h;
            let mut mm = x.clone();
            mm[i] -= h;
            mm[j] -= h;
            hess[i * n + j] = -(f(&pp) - f(&pm) - f(&mp) + f(&mm)) / (4.0 * h * h);
        }
    }
    let cov = fit::inverse_spd(&hess, n).unwrap();
    for (k, it) in c.items.iter().enumerate() {
        let (sa, sd) = (
            cov[(2 * k) * n + 2 * k].sqrt(),
            cov[(2 * k + 1) * n + 2 * k + 1].sqrt(),
        );
        let (xa, xd) = (it.se_a.unwrap(), it.se_d[0].unwrap());
        assert!(
            (xa / sa - 1.0).abs() < 0.15,
            "{}: se(a) XPD {xa} observed {sa}",
            it.id
        );
        assert!(
            (xd / sd - 1.0).abs() < 0.15,
            "{}: se(d) XPD {xd} observed {sd}",
            it.id
        );
    }
}

#[test]
fn lsat7_s_x2_matches_mirt() {
    // jMetrik's test of its S-X² against R mirt (ItemFitSX2Test.java,
    // `itemfit(mod1, mincell = 0)` on mirt's LSAT7 2PL, a/b as printed by
    // `coef(mod1, IRTpars = TRUE)`, mirt's grid of the time: 41 points on
    // ±0.8·√41): S-X² 4.7492191, 14.4528980, 1.2703374, 5.2373430,
    // 0.9407036, df 2 each (jMetrik checks to 1e-2).
    let a = [0.988, 1.081, 1.706, 0.765, 0.736];
    let b = [-1.879, -0.748, -1.058, -0.635, -2.520];
    let want = [4.7492191, 14.4528980, 1.2703374, 5.2373430, 0.9407036];
    let params: Vec<IrtParams> = (0..5)
        .map(|i| IrtParams::Dichotomous {
            model: IrtModel::TwoPl,
            a: a[i],
            d: -a[i] * b[i],
            c: 0.0,
            u: 1.0,
        })
        .collect();
    let lim = 0.8 * 41f64.sqrt();
    let theta: Vec<f64> = (0..41)
        .map(|q| -lim + 2.0 * lim * f64::from(q) / 40.0)
        .collect();
    let w: Vec<f64> = theta.iter().map(|t| exp(-0.5 * t * t)).collect();
    let sw: f64 = w.iter().sum();
    let w: Vec<f64> = w.iter().map(|x| x / sw).collect();
    let (cells, _) = lsat7();
    let (fits, complete) = fit::s_x2(&params, &cells, &theta, &w, &[2; 5], 0.0, 2);
    assert_eq!(complete, 1000);
    for (f, want) in fits.iter().zip(want) {
        let f = f.as_ref().unwrap();
        assert_eq!(f.df, 2);
        assert!(
            (f.s_x2 - want).abs() < 1e-2,
            "S-X² {} vs mirt {want}",
            f.s_x2
        );
    }
}

#[test]
fn identification_problems_name_the_item() {
    let (mut cells, rows) = lsat7();
    // Item 2 all right, item 4 unanswered.
    for r in 0..rows {
        cells[r * 5 + 1] = 1;
        cells[r * 5 + 3] = MISSING;
    }
    let e = calibrate(&items(5, 2), &cells, rows, &CalibrationOptions::default()).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("items.Item.2") && text.contains("no variance"),
        "{text}"
    );
    assert!(
        text.contains("items.Item.4") && text.contains("nobody answered"),
        "{text}"
    );
    // A 3PL prior without a mode.
    let (cells, rows) = lsat7();
    let mut bad = items(5, 2);
    bad[4].guessing_prior = (0.5, 3.0);
    let e = calibrate(
        &bad,
        &cells,
        rows,
        &CalibrationOptions {
            model: CalibrationModel::ThreePl,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("the Beta prior on c of `Item.5` needs α ≥ 1 and β ≥ 1"),
        "{e}"
    );
    // A category nobody chose.
    let its: Vec<ItemSpec> = (1..=3).map(|i| ItemSpec::new(format!("L{i}"), 3)).collect();
    let cells = vec![0, 2, 1, 2, 0, 0, 0, 2, 2, 2, 2, 1];
    let e = calibrate(
        &its,
        &cells,
        4,
        &CalibrationOptions {
            model: CalibrationModel::Grm,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("nobody chose category 1 of `L1`"),
        "{e}"
    );
    // Out of range and the wrong model.
    let e = calibrate(&its, &[0, 1, 3, 1, 2, 0], 2, &CalibrationOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("category 3 of `L3` is outside 0 … 2"),
        "{e}"
    );
    let cells = vec![0, 1, 2, 1, 2, 0, 2, 0, 1];
    let e = calibrate(&its, &cells, 3, &CalibrationOptions::default()).unwrap_err();
    assert!(e.to_string().contains("use `grm` or `gpcm`"), "{e}");
    let e = calibrate(&its[..2], &cells[..6], 3, &CalibrationOptions::default()).unwrap_err();
    assert!(e.to_string().contains("at least 3 items"), "{e}");
}

#[test]
fn threads_do_not_change_a_bit() {
    let params: Vec<IrtParams> = (0..12)
        .map(|i| IrtParams::Dichotomous {
            model: IrtModel::TwoPl,
            a: 0.8 + 0.1 * f64::from(i),
            d: -1.5 + 0.25 * f64::from(i),
            c: 0.0,
            u: 1.0,
        })
        .collect();
    let mut rng = crate::support::random::seeded_rng(7);
    let (cells, _) = simulate_answers(&params, 5000, 0.0, 1.0, 0.05, &mut rng);
    let its: Vec<ItemSpec> = (0..12).map(|i| ItemSpec::new(format!("Q{i}"), 2)).collect();
    let one = calibrate(&its, &cells, 5000, &CalibrationOptions::default()).unwrap();
    let three = calibrate(
        &its,
        &cells,
        5000,
        &CalibrationOptions {
            threads: 3,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(one, three);
}

#[test]
fn lsat7_1pl_agrees_with_conditional_maximum_likelihood() {
    // R eRm 1.0.2 (Debian r-cran-erm), `RM(x, sum0 = TRUE)` on the
    // expanded LSAT7 (tests/golden/calibration/lsat7_rasch.R): Rasch item
    // difficulties by conditional maximum likelihood, centred, = −betapar.
    // CML does not assume a normal θ; the 1PL's difficulties on the logit
    // metric, a·b centred, estimate the same quantities by MML. Measured
    // difference: at most 0.0007; tolerance 0.005 (eRm's SEs are 0.07–0.08).
    let cml = [
        -0.5414703273,
        0.5365454726,
        -0.1335826505,
        0.8051663839,
        -0.6666588787,
    ];
    let (cells, rows) = lsat7();
    let options = CalibrationOptions {
        model: CalibrationModel::OnePl,
        tolerance: 1e-7,
        ..Default::default()
    };
    let c = calibrate(&items(5, 2), &cells, rows, &options).unwrap();
    let logit: Vec<f64> = c.items.iter().map(|i| i.a * i.b[0]).collect();
    let mean = logit.iter().sum::<f64>() / 5.0;
    for (i, (x, want)) in logit.iter().zip(cml).enumerate() {
        assert!(
            (x - mean - want).abs() < 0.005,
            "item {}: {} vs eRm {want}",
            i + 1,
            x - mean
        );
    }
    assert!(c.items.iter().all(|i| (i.a - c.items[0].a).abs() < 1e-12));
    assert_eq!(c.fit.parameters, 6);
}
