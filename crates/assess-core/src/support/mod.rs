//! What every stage shares: arithmetic that gives the same bytes on every
//! platform ([`math`]), tolerances ([`prec`]), input limits ([`limits`]),
//! content hashes, seeded randomness, sorted sets, localised text and the
//! engine's own messages in each language ([`messages`]).

pub(crate) mod hash;
pub mod limits;
pub mod math;
pub mod messages;
pub mod prec;
pub(crate) mod random;
pub(crate) mod sorted;
pub(crate) mod text;
