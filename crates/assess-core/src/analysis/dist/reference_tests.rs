//! The distribution functions of `dist.rs` (and [`math::normal_cdf`],
//! which they build on) against two independent references:
//!
//! - statrs 0.18, over a grid of a few hundred points per function across
//!   its range;
//! - mpmath 1.3 at 50 significant digits, rounded once to the nearest
//!   double (`tests/golden/dist/mpmath.json`, written by
//!   `tests/golden/dist/make_dist.py`), where statrs is not precise enough:
//!   its normal CDF is good to about 1e-10, its log-gamma (and so its
//!   incomplete beta) loses more than ours for large parameters, and its F
//!   quantile is a Newton iteration good to about 4e-11.
//!
//! Every tolerance is the function's conditioning times a small factor,
//! derived in `docs/distributions.md` ("How they are checked"); the factors
//! leave a margin of two to ten over the largest error measured.

#![allow(clippy::unwrap_used, clippy::panic, clippy::float_cmp)]

use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor, Normal};
use statrs::function::beta::beta_reg;

use super::{beta_inc, chi2_1_upper, f_quantile, normal_quantile};
use crate::math::{self, normal_cdf};
use crate::support::math::chi2_upper;

const EPS: f64 = f64::EPSILON;

/// Acklam's published bound on the relative error of his rational
/// approximation, the starting value of `normal_quantile`.
const ACKLAM: f64 = 1.15e-9;

/// statrs's `Normal::cdf` against mpmath: about 4.5e5 ulps (1e-10) at
/// worst on the grid below (measured with statrs 0.18).
const STATRS_NORMAL_CDF: f64 = 4e-10;

/// statrs's `beta_reg` against mpmath, apart from its growth with the
/// parameters: at worst 1.4e-12 relative on the table's parameters up to
/// 1000, and 5.9e-13 at I_0.9(15, 1), which is 0.9¹⁵ exactly and which
/// `beta_inc` gets to the last bit (statrs 0.18).
const STATRS_BETA: f64 = 2e-12;

const TABLE: &str = include_str!("../../../../../tests/golden/dist/mpmath.json");

/// The rows of one function in the mpmath table: inputs, then the value.
fn mpmath(key: &str) -> Vec<Vec<f64>> {
    let v: serde_json::Value = serde_json::from_str(TABLE).unwrap();
    let rows: Vec<Vec<f64>> = v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no `{key}` in mpmath.json"))
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect();
    assert!(rows.len() >= 30, "`{key}`: only {} rows", rows.len());
    rows
}

/// Collects the points where |got − want| > rel·|want| (plus the smallest
/// normal double, for a value that underflows), and fails with all of them.
#[derive(Default)]
struct Check {
    n: usize,
    failures: Vec<String>,
}

impl Check {
    fn close(&mut self, what: impl FnOnce() -> String, got: f64, want: f64, rel: f64) {
        self.n += 1;
        let err = (got - want).abs();
        // Written so that a NaN fails too.
        let within = err <= rel * want.abs() + f64::MIN_POSITIVE;
        if !within {
            self.failures.push(format!(
                "{}: got {got:e}, expected {want:e} (relative error {:.3e}, tolerance {rel:.3e})",
                what(),
                err / want.abs()
            ));
        }
    }
    fn done(self, at_least: usize) {
        assert!(self.n >= at_least, "only {} points", self.n);
        assert!(
            self.failures.is_empty(),
            "{} of {} points out of tolerance:\n{}",
            self.failures.len(),
            self.n,
            self.failures.join("\n")
        );
    }
}

/// The standard normal density.
fn phi(x: f64) -> f64 {
    math::exp(-0.5 * x * x) / (2.0 * std::f64::consts::PI).sqrt()
}

/// The condition number of I_x(a, b) through its prefactor
/// exp(lnΓ(a+b) − lnΓ(a) − lnΓ(b) + a·ln x + b·ln(1−x)): each term is
/// rounded, so the exponent is off by ε times the sum of their sizes, and
/// the value by that much relatively.
fn beta_condition(a: f64, b: f64, x: f64) -> f64 {
    1.0 + libm::lgamma(a + b).abs()
        + libm::lgamma(a).abs()
        + libm::lgamma(b).abs()
        + (a * math::ln(x)).abs()
        + (b * math::ln_1p(-x)).abs()
}

/// The beta(a, b) density at x.
fn beta_density(a: f64, b: f64, x: f64) -> f64 {
    math::exp(
        (a - 1.0) * math::ln(x) + (b - 1.0) * math::ln_1p(-x) - libm::lgamma(a) - libm::lgamma(b)
            + libm::lgamma(a + b),
    )
}

/// The relative error an F quantile q = d2·x/(d1·(1 − x)) can have when x
/// is found to its last bit on an I_x(a, b) that is itself off by
/// ε·(1 + cond·p): δx = ε·x + δI/density, and δq/q = δx/(x·(1 − x)).
fn f_quantile_condition(p: f64, d1: f64, d2: f64, q: f64) -> f64 {
    let (a, b) = (d1 / 2.0, d2 / 2.0);
    let x = d1 * q / (d1 * q + d2);
    let di = 1.0 + beta_condition(a, b, x) * p;
    (x + di / beta_density(a, b, x)) / (x * (1.0 - x))
}

#[test]
fn normal_cdf_matches_mpmath_from_z_minus_37_to_8() {
    // Φ(z) = ½·erfc(−z/√2): rounding −z/√2 moves erfc's argument t by up
    // to ε·|t|, which moves ln erfc(t) by about 2t·εt = z²·ε; libm's erfc
    // adds a few ulps. Tolerance 2ε·(1 + z²) (largest measured: 0.6 of it,
    // at z = −37).
    let mut c = Check::default();
    for r in mpmath("normal_cdf") {
        let z = r[0];
        c.close(
            || format!("normal_cdf({z})"),
            normal_cdf(z),
            r[1],
            2.0 * EPS * (1.0 + z * z),
        );
    }
    c.done(150);
}

#[test]
fn normal_cdf_matches_statrs_on_456_points() {
    let n = Normal::new(0.0, 1.0).unwrap();
    let mut c = Check::default();
    for i in 0..456 {
        let z = -37.0 + 0.1 * f64::from(i);
        c.close(
            || format!("normal_cdf({z})"),
            normal_cdf(z),
            n.cdf(z),
            STATRS_NORMAL_CDF + 2.0 * EPS * (1.0 + z * z),
        );
    }
    c.done(456);
}

#[test]
fn normal_quantile_matches_mpmath_in_both_tails() {
    // Below ½ the two Newton steps on Φ bring Acklam's start to within a
    // few ulps: tolerance 8ε (largest measured 4ε). Above ½, Φ(x) is near
    // 1, where doubles are ε apart, so the Newton correction (Φ(x) − p)/φ(x)
    // resolves x only to about ε/φ(x) (relative ε/(x·φ(x))); where that
    // exceeds Acklam's own bound the steps do nothing and his 1.15e-9
    // remains (measured: 1.12e-9 at p = 1 − 1e-13). Tolerance 8ε plus the
    // smaller of the two. A quantile computed as −Φ⁻¹(1 − p), with 1 − p
    // exact for p ≥ ½, would meet 8ε here too (docs/distributions.md).
    let mut c = Check::default();
    for r in mpmath("normal_quantile") {
        let (p, x) = (r[0], r[1]);
        let tol = if p <= 0.5 {
            8.0 * EPS
        } else {
            8.0 * EPS + (EPS / (x * phi(x))).min(ACKLAM)
        };
        c.close(
            || format!("normal_quantile({p})"),
            normal_quantile(p),
            x,
            tol,
        );
    }
    c.done(70);
}

#[test]
fn normal_quantile_matches_statrs_on_400_points() {
    // statrs: −√2·erfc⁻¹(2p), good to a few ulps while 2p is not close to
    // 2; so p from 1e-300 to ½ on a log scale, and 0.01 … 0.99.
    // Tolerance 32ε (largest measured 23ε).
    let n = Normal::new(0.0, 1.0).unwrap();
    let mut c = Check::default();
    for i in 0..300 {
        let p = 0.5 * math::pow(10.0, -299.5 * f64::from(i) / 299.0);
        c.close(
            || format!("normal_quantile({p})"),
            normal_quantile(p),
            n.inverse_cdf(p),
            32.0 * EPS,
        );
    }
    for i in 1..=99 {
        let p = f64::from(i) / 100.0;
        c.close(
            || format!("normal_quantile({p})"),
            normal_quantile(p),
            n.inverse_cdf(p),
            32.0 * EPS,
        );
    }
    c.done(399);
}

#[test]
fn chi_square_tail_matches_mpmath_up_to_1400() {
    // erfc(√(x/2)): rounding x/2 and the square root moves ln erfc by
    // about (x/2)·2ε = x·ε. Tolerance 2ε·(1 + x) (largest measured 0.43 of
    // it); at x = 1400 the tail is 2e-306, near the end of the doubles.
    let mut c = Check::default();
    for r in mpmath("chi2_1_upper") {
        let x = r[0];
        c.close(
            || format!("chi2_1_upper({x})"),
            chi2_1_upper(x),
            r[1],
            2.0 * EPS * (1.0 + x),
        );
    }
    c.done(30);
}

#[test]
fn chi_square_tail_matches_statrs_on_401_points() {
    // statrs's regularised upper gamma is itself off by up to about
    // 20ε + 0.3ε·x against mpmath: tolerance 64ε + 4ε·x.
    let chi2 = ChiSquared::new(1.0).unwrap();
    let mut c = Check::default();
    for i in 0..=400 {
        let t = f64::from(i) / 400.0;
        let x = 1400.0 * t * t;
        c.close(
            || format!("chi2_1_upper({x})"),
            chi2_1_upper(x),
            chi2.sf(x),
            64.0 * EPS + 4.0 * EPS * x,
        );
    }
    c.done(401);
}

#[test]
fn chi_square_tail_with_df_matches_statrs_and_the_one_df_form() {
    // The S-X² item fit's p-values (irt::calibrate): df from 1 to 300, x
    // from 0 to 3·df + 60, against statrs 0.18's `ChiSquared::sf`, within
    // 1e-12 absolute plus 1e-9 relative (p-values are printed to 4
    // decimals); and df = 1 against `chi2_1_upper` (erfc).
    let mut bad = Vec::new();
    let mut n = 0;
    let mut check = |what: String, got: f64, want: f64, tol: f64| {
        n += 1;
        if (got - want).abs().is_nan() || (got - want).abs() > tol {
            bad.push(format!("{what}: got {got:e}, expected {want:e}"));
        }
    };
    for df in [1.0, 2.0, 3.0, 5.0, 7.5, 10.0, 25.0, 71.0, 100.0, 300.0] {
        let chi2 = ChiSquared::new(df).unwrap();
        for i in 0..=60 {
            let x = (3.0 * df + 60.0) * f64::from(i) / 60.0;
            let want = chi2.sf(x);
            check(
                format!("chi2_upper({x}, {df})"),
                chi2_upper(x, df),
                want,
                1e-12 + 1e-9 * want,
            );
        }
    }
    for i in 0..=100 {
        let x = 0.5 * f64::from(i);
        check(
            format!("chi2_upper({x}, 1)"),
            chi2_upper(x, 1.0),
            chi2_1_upper(x),
            1e-14,
        );
    }
    assert!(chi2_upper(1.0, 0.0).is_nan());
    assert_eq!(n, 711);
    assert!(
        bad.is_empty(),
        "{} of {n} out of tolerance:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn incomplete_beta_matches_mpmath_for_parameters_up_to_5000() {
    // Tolerance 8ε·cond (largest measured 4.1ε·cond, at a = b = 5000 where
    // cond = 1.6e5: lnΓ(10000) ≈ 82 000 is rounded before the difference
    // of three such terms is taken). The table's rows that underflow to 0
    // must underflow here too.
    let mut c = Check::default();
    for r in mpmath("beta_inc") {
        let (a, b, x) = (r[0], r[1], r[2]);
        c.close(
            || format!("beta_inc({a}, {b}, {x})"),
            beta_inc(a, b, x),
            r[3],
            8.0 * EPS * beta_condition(a, b, x),
        );
    }
    c.done(600);
}

#[test]
fn incomplete_beta_matches_statrs_on_900_points() {
    // statrs computes the same prefactor with its Lanczos lnΓ, whose error
    // grows with the argument faster than libm's (up to 21ε·cond against
    // mpmath), and its continued fraction stops after 140 steps:
    // tolerance 32ε·cond + STATRS_BETA.
    let ab = [0.5, 1.0, 2.0, 3.5, 7.0, 15.0, 40.0, 100.0, 300.0, 1000.0];
    let xs = [0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999];
    let mut c = Check::default();
    for a in ab {
        for b in ab {
            for x in xs {
                c.close(
                    || format!("beta_inc({a}, {b}, {x})"),
                    beta_inc(a, b, x),
                    beta_reg(a, b, x),
                    32.0 * EPS * beta_condition(a, b, x) + STATRS_BETA,
                );
            }
        }
    }
    c.done(900);
}

#[test]
fn incomplete_beta_with_b_1_is_a_power() {
    // I_x(a, 1) = x^a (the integral of a·t^(a−1) from 0 to x), computed
    // with libm's pow: tolerance 8ε·cond, as against mpmath.
    let mut c = Check::default();
    for a in [0.5, 1.0, 2.0, 3.5, 7.0, 15.0, 40.0, 100.0, 300.0, 1000.0] {
        for i in 1..30 {
            let x = f64::from(i) / 30.0;
            c.close(
                || format!("beta_inc({a}, 1, {x})"),
                beta_inc(a, 1.0, x),
                math::pow(x, a),
                8.0 * EPS * beta_condition(a, 1.0, x),
            );
        }
    }
    c.done(290);
}

#[test]
fn f_quantile_matches_mpmath_up_to_5000_and_95000_degrees_of_freedom() {
    // Tolerance 2ε·f_quantile_condition (largest measured 0.37 of one):
    // 3.2e-11 relative for F(1, 1) at p = .999, where x = 1 − 2.5e-6 and
    // the last bit of x is a 4e-11 share of 1 − x.
    let mut c = Check::default();
    for r in mpmath("f_quantile") {
        let (p, d1, d2, q) = (r[0], r[1], r[2], r[3]);
        c.close(
            || format!("f_quantile({p}, {d1}, {d2})"),
            f_quantile(p, d1, d2),
            q,
            2.0 * EPS * f_quantile_condition(p, d1, d2, q),
        );
    }
    c.done(70);
}

#[test]
fn f_quantile_inverts_statrs_cdf_on_1040_points() {
    // statrs's own F quantile (AS 64 and Newton steps) is good to about
    // 4e-11 only, so the check goes the other way: statrs's CDF at our
    // quantile gives back p, to within statrs's incomplete beta (32ε·cond
    // + STATRS_BETA, as above) plus what the last bit of q moves the CDF (density × δq).
    let d1s = [1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 279.0, 1000.0];
    let d2s = [1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 1116.0, 10_000.0];
    let ps = [
        0.001, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999,
    ];
    let mut c = Check::default();
    for d1 in d1s {
        for d2 in d2s {
            let f = FisherSnedecor::new(d1, d2).unwrap();
            for p in ps {
                let q = f_quantile(p, d1, d2);
                let (a, b) = (d1 / 2.0, d2 / 2.0);
                let x = d1 * q / (d1 * q + d2);
                let cond = beta_condition(a, b, x);
                // dF/dq·q = density(x)·x·(1 − x), times q's own tolerance
                // (2ε·f_quantile_condition).
                let moved = 2.0 * EPS * (x * beta_density(a, b, x) + 1.0 + cond * p);
                c.close(
                    || format!("F({d1}, {d2}) CDF at f_quantile({p}) = {q}"),
                    f.cdf(q),
                    p,
                    32.0 * EPS * cond + STATRS_BETA + moved / p,
                );
            }
        }
    }
    c.done(1040);
}

#[test]
fn ends_of_the_ranges() {
    // The limits as statrs and R give them: Φ⁻¹(0) = −∞, Φ⁻¹(1) = ∞,
    // P(χ²₁ ≥ 0) = 1, I_0 = 0 and I_1 = 1.
    let n = Normal::new(0.0, 1.0).unwrap();
    assert_eq!(normal_quantile(0.0), n.inverse_cdf(0.0));
    assert_eq!(normal_quantile(1.0), n.inverse_cdf(1.0));
    assert_eq!(normal_quantile(0.5), 0.0);
    let chi2 = ChiSquared::new(1.0).unwrap();
    assert_eq!(chi2_1_upper(0.0), chi2.sf(0.0));
    assert_eq!(chi2_1_upper(-1.0), 1.0);
    assert_eq!(beta_inc(2.0, 3.0, 0.0), beta_reg(2.0, 3.0, 0.0));
    assert_eq!(beta_inc(2.0, 3.0, 1.0), beta_reg(2.0, 3.0, 1.0));
    assert_eq!(normal_cdf(-40.0), 0.0);
    assert_eq!(normal_cdf(9.0), 1.0);
}
