//! Distribution functions the analysis needs (F and chi-square tails, the
//! normal quantile), computed through [`crate::support::math`] and `libm` only so
//! that native and WebAssembly builds give the same bits.

use crate::support::math;

/// Regularised incomplete beta function I_x(a, b), by the continued
/// fraction of Press et al., *Numerical Recipes* (3rd ed., 2007), §6.4,
/// evaluated with the modified Lentz method.
pub(crate) fn beta_inc(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b)
        + a * math::ln(x)
        + b * math::ln_1p(-x);
    let front = math::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    // One step of the modified Lentz method: updates c and d with the
    // coefficient aa and returns the factor d·c.
    let step = |aa: f64, c: &mut f64, d: &mut f64| {
        *d = 1.0 + aa * *d;
        if d.abs() < TINY {
            *d = TINY;
        }
        *c = 1.0 + aa / *c;
        if c.abs() < TINY {
            *c = TINY;
        }
        *d = 1.0 / *d;
        *d * *c
    };
    for m in 1..100_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)), &mut c, &mut d);
        let del = step(
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
            &mut c,
            &mut d,
        );
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// Quantile of the F distribution with `d1`, `d2` degrees of freedom:
/// the q with P(F ≤ q) = p, found by bisection on the incomplete beta
/// function (P(F ≤ q) = I_{d1·q/(d1·q + d2)}(d1/2, d2/2)) to the last bit.
pub(crate) fn f_quantile(p: f64, d1: f64, d2: f64) -> f64 {
    let (a, b) = (d1 / 2.0, d2 / 2.0);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if beta_inc(a, b, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let x = 0.5 * (lo + hi);
    d2 * x / (d1 * (1.0 - x))
}

/// Upper tail of the chi-square distribution with one degree of freedom:
/// P(χ²₁ ≥ x) = erfc(√(x/2)).
pub(crate) fn chi2_1_upper(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    math::erfc((x / 2.0).sqrt())
}

/// Quantile of the standard normal distribution: Acklam's rational
/// approximation (relative error 1.15e-9), refined by two Newton steps on
/// [`math::normal_cdf`], which brings it to within a few ulps.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let low = 0.024_25;
    let mut x = if p < low {
        let q = (-2.0 * math::ln(p)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * math::ln_1p(-p)).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    for _ in 0..2 {
        let pdf = math::exp(-0.5 * x * x) / (2.0 * std::f64::consts::PI).sqrt();
        if pdf > 0.0 {
            x -= (math::normal_cdf(x) - p) / pdf;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f_quantiles_match_r_qf() {
        // R 4.2: sprintf("%.17g", qf(c(.025, .975), 279, 1116)) and
        // qf(.95, 3, 10) = 3.7082648190468435.
        assert!((f_quantile(0.95, 3.0, 10.0) - 3.708_264_819_046_843_5).abs() < 1e-12);
        let lo = f_quantile(0.025, 279.0, 1116.0);
        let hi = f_quantile(0.975, 279.0, 1116.0);
        assert!(lo < 1.0 && hi > 1.0 && lo > 0.8 && hi < 1.25, "{lo} {hi}");
    }

    #[test]
    fn chi_square_and_normal_tails() {
        // qchisq(.95, 1) = 3.841458820694124; pnorm(1.959963984540054) = .975.
        assert!((chi2_1_upper(3.841_458_820_694_124) - 0.05).abs() < 1e-14);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-13);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813_6).abs() < 1e-12);
        assert!(normal_quantile(0.5).abs() < 1e-15);
    }
}

#[cfg(test)]
mod reference_tests;
