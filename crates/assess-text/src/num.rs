//! Numbers in messages and explanations, written as `format!("{x}")`
//! writes an `f64`, without the standard library's float formatter.
//! Every message and explanation of the engine formats its numbers with
//! [`Num`] (or [`whole`]), so the WebAssembly package has no other.
//!
//! std's `Display` for floats (Grisu with a Dragon4 fallback, plus the
//! exact-precision path for `{:.0}`) was about 20 KB of the WebAssembly
//! package. The shortest digits that read back to the same number are
//! unique, so they can come from zmij, the formatter serde_json already
//! links for JSON output; [`Num`] lays them out as std does (positional
//! notation, no exponent, `5` not `5.0`).
//!
//! One difference, in the last of 17 digits: when the binary value lies
//! exactly halfway between the two nearest 17-digit decimals (its exact
//! expansion has 18 digits and ends in 5, as `1 + 2^-17` =
//! `1.00000762939453125` does), zmij takes the even one and std the one
//! above. Both read back to the same number. Such values do not come out of
//! scoring (means of answers, POMP, θ), and every platform runs this same
//! code, so results stay byte-identical everywhere. A proptest compares it
//! with std on random bit patterns.

use std::fmt;

mod parse;
pub use parse::{exact as exact_f64, parse_f64};

/// An `f64` that displays as `format!("{}", x)` would, but for ties in the
/// last of 17 digits (see the module documentation).
///
/// ```
/// use assess_text::num::Num;
/// assert_eq!(Num(2.5).to_string(), "2.5");
/// assert_eq!(Num(100.0).to_string(), "100");
/// assert_eq!(Num(1e-7).to_string(), "0.0000001");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x > 0.0 { "inf" } else { "-inf" });
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        let mut buf = zmij::Buffer::new();
        let s = buf.format_finite(x.abs());
        // zmij writes `123.45`, `0.001` or `1.5e-7` / `1e+21`: split into
        // the significant digits and the position of the decimal point
        // relative to them.
        let (mantissa, exp) = match s.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (s, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
        // Lengths are at most zmij's 24-byte buffer.
        let len = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        let mut point = len(int.len()) + exp;
        let lead = digits.iter().take_while(|&&d| d == b'0').count();
        digits.drain(..lead);
        point -= len(lead);
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            return f.write_str("0");
        }
        let n = len(digits.len());
        let text = |d: &[u8]| std::str::from_utf8(d).unwrap_or_default().to_owned();
        if point <= 0 {
            // 0.000ddd
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(&text(&digits))
        } else if point >= n {
            // ddd000
            f.write_str(&text(&digits))?;
            for _ in 0..point - n {
                f.write_str("0")?;
            }
            Ok(())
        } else {
            let (a, b) = digits.split_at(usize::try_from(point).unwrap_or(0));
            write!(f, "{}.{}", text(a), text(b))
        }
    }
}

/// `x` rounded to a whole number as `format!("{:.0}", x)` rounds it (to
/// the nearest, ties to even), for display with [`Num`]. The same text for
/// |x| < 2^53 (above, `{:.0}` writes the exact binary value's digits); the
/// engine rounds scores from 0 to 100.
pub fn whole(x: f64) -> Num {
    Num(x.round_ties_even())
}

/// A float as serde names it in a type error: ``floating point `2.0` ``
/// (Display never uses an exponent: a whole number gets `.0`).
pub fn float_found(x: f64) -> String {
    let x = Num(x);
    if x.0.is_finite() && x.0.fract() == 0.0 {
        format!("floating point `{x}.0`")
    } else {
        format!("floating point `{x}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn special_and_edge_values_display_as_std_displays_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.3,
            2.5,
            100.0,
            1e15,
            1e16,
            1e21,
            1e22,
            123_456_789.125,
            1e-7,
            1.5e-7,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            83.333_333_333_333_33,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in values {
            assert_eq!(Num(x).to_string(), format!("{x}"), "{x:e}");
        }
    }

    #[test]
    fn a_tie_between_two_shortest_decimals_takes_the_even_one() {
        let x = 1.0 + 1.0 / 131_072.0; // 1 + 2^-17 = 1.00000762939453125
        assert_eq!(format!("{x}"), "1.0000076293945313");
        assert_eq!(Num(x).to_string(), "1.0000076293945312");
    }

    #[test]
    fn whole_rounds_as_precision_zero_rounds() {
        for x in [
            0.5,
            1.5,
            2.5,
            -0.5,
            -0.3,
            0.49999999999999994,
            72.5,
            73.5,
            99.999,
            4_503_599_627_370_495.5,
        ] {
            assert_eq!(whole(x).to_string(), format!("{x:.0}"), "{x}");
        }
    }

    proptest! {
        #[test]
        fn displays_as_std_displays(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            let (ours, std) = (Num(x).to_string(), format!("{x}"));
            if ours != std {
                // Only a tie between two 17-digit decimals: the same
                // length, differing in the last digit, the same number.
                prop_assert_eq!(ours.len(), std.len());
                prop_assert_eq!(&ours[..ours.len() - 1], &std[..std.len() - 1]);
                prop_assert_eq!(ours.parse::<f64>().unwrap().to_bits(), x.to_bits());
            }
        }

        #[test]
        fn displays_short_decimals_as_std(m in -1_000_000i64..1_000_000, e in 0u32..8) {
            let x = m as f64 / [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7][e as usize];
            prop_assert_eq!(Num(x).to_string(), format!("{x}"));
            prop_assert_eq!(whole(x).to_string(), format!("{x:.0}"));
        }
    }
}
