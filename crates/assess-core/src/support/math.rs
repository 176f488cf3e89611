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
