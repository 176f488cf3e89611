//! One precision policy: the named tolerances the engine uses, in one place.

/// Two score bounds closer than this are the same bound (band edges against
/// the score range, band against band). Scores are sums and means of small
/// numbers; 1e-9 is far below any meaningful difference and far above
/// rounding error.
pub const BOUND_EPS: f64 = 1e-9;

/// Whether `a` and `b` are the same bound under [`BOUND_EPS`].
#[inline]
pub fn same_bound(a: f64, b: f64) -> bool {
    (a - b).abs() <= BOUND_EPS * (1.0 + a.abs().max(b.abs()))
}

/// Whether `x` is exactly `v`. For answers, which are whole numbers typed
/// or parsed from text: there is no rounding error to allow for, and a
/// tolerance would accept `0.9999` as a `1`.
#[inline]
#[allow(clippy::float_cmp)]
pub fn exactly(x: f64, v: f64) -> bool {
    x == v
}

/// Fisher information is floored at this before taking 1/√I, so a standard
/// error is never infinite (at most 10⁶ logits: "no information").
pub const MIN_INFORMATION: f64 = 1e-12;

/// Root searches for θ (MAP, ML, WLE) stop when the bracket is narrower
/// than this (relative to 1 + |θ|): far below the 1e-6 agreement the golden
/// tests ask for.
pub const ROOT_TOL: f64 = 1e-12;

/// Golden IRT values (EAP, MAP, ML against an independent high-precision
/// quadrature on the same grid) must agree to this.
pub const IRT_GOLDEN: f64 = 1e-6;
