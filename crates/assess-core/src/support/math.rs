//! The one place where the core computes transcendental functions.
//!
//! Platform math libraries and WebAssembly's differ in the last bit for
//! `exp`, `ln`, `pow` and friends; the engine promises byte-identical output
//! on every platform, so every such call goes through the pure-Rust `libm`
//! crate here. `clippy.toml` forbids the `f64` methods elsewhere. Basic
//! arithmetic and `sqrt` are exactly rounded by IEEE 754 on every target
//! and need no wrapper.

/// e^x.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// x^y.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// ln(1 + x), accurate for small x.
#[inline]
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// The error function.
#[inline]
pub fn erf(x: f64) -> f64 {
    libm::erf(x)
}

/// The complementary error function, accurate in the tails.
#[inline]
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}

/// Sine.
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// Cosine.
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// Standard normal cumulative distribution function Φ(z), via erfc so the
/// lower tail keeps its relative precision.
#[inline]
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// The logistic function 1 / (1 + e^(−x)), computed without overflow for
/// large |x|.
#[inline]
pub fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + exp(-x))
    } else {
        let e = exp(x);
        e / (1.0 + e)
    }
}

/// log(Σ e^xᵢ) without overflow or underflow; −∞ for an empty slice.
pub fn log_sum_exp(xs: &[f64]) -> f64 {
    let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return m;
    }
    let s: f64 = xs.iter().map(|&x| exp(x - m)).sum();
    m + ln(s)
}

/// Upper tail of the chi-square distribution with `df` degrees of freedom,
/// P(χ²_df ≥ x) = Q(df/2, x/2), the regularised upper incomplete gamma
/// function: its series below a + 1 and its continued fraction (modified
/// Lentz) above, as in Press et al., *Numerical Recipes* (3rd ed., 2007),
/// §6.2. `NaN` when df ≤ 0.
pub(crate) fn chi2_upper(x: f64, df: f64) -> f64 {
    if df.is_nan() || df <= 0.0 || x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let a = df / 2.0;
    let x = x / 2.0;
    let ln_front = a * ln(x) - x - libm::lgamma(a);
    if x < a + 1.0 {
        // P(a, x) by its series; Q = 1 − P.
        let mut ap = a;
        let mut del = 1.0 / a;
        let mut sum = del;
        for _ in 0..10_000 {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        1.0 - sum * exp(ln_front)
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-16 {
                break;
            }
        }
        exp(ln_front) * h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_published_values() {
        // Abramowitz & Stegun, Table 26.1: Φ(1.96) = 0.9750021048517795.
        assert!((normal_cdf(1.96) - 0.975_002_104_851_779_5).abs() < 1e-15);
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-16);
        // Φ(−5) = 2.866515718791939e-7 (R: pnorm(-5)).
        assert!((normal_cdf(-5.0) / 2.866_515_718_791_939e-7 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn logistic_is_symmetric_and_saturates_without_nan() {
        assert!((logistic(2.0) + logistic(-2.0) - 1.0).abs() < 1e-15);
        assert_eq!(logistic(1000.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(logistic(-1000.0).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn log_sum_exp_survives_extremes() {
        let v = log_sum_exp(&[-1000.0, -1000.0]);
        assert!((v - (-1000.0 + std::f64::consts::LN_2)).abs() < 1e-12);
        assert!(log_sum_exp(&[]).is_infinite() && log_sum_exp(&[]) < 0.0);
    }
}
