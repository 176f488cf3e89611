//! Seeded randomness: the one generator every seeded draw of the engine
//! uses (item order in a form, simulated respondents, adaptive tests'
//! random starts), so that the same seed gives the same draws on every
//! platform.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::support::math::{cos, ln};

/// The project's standard seeded generator.
pub fn seeded_rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A standard normal draw (Box–Muller, through `libm`).
pub fn standard_normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    // u1 in (0, 1]: never ln(0).
    let u1 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * ln(u1)).sqrt() * cos(std::f64::consts::TAU * u2)
}
