//! Decimal text into `f64`, as `str::parse::<f64>` reads it: the same
//! grammar and the same correctly rounded result (round half to even),
//! without the standard library's parser.
//!
//! std's parser (Eisel–Lemire with a table of 651 128-bit powers of five,
//! and a big-decimal fallback) was about 17 KB of the WebAssembly package.
//! The numbers the engine reads (answers, item parameters, thresholds,
//! norms) nearly all take the exact path below, without allocating: at most 19 significant
//! digits with a value under 2^53 and a power of ten up to 10^22, where one
//! multiplication or division of exact `f64`s is correctly rounded
//! (Clinger 1990). Every other number starts from an estimate that is a
//! few units in the last place (ulp) off, then is corrected one ulp at a
//! time by comparing the exact decimal value with the halfway points
//! between neighbouring `f64`s in integer arithmetic (Clinger's
//! Algorithm R). Property tests compare the result with std's bit for bit
//! on random texts, random `f64`s written in several ways, and exact
//! halfway cases.

/// Significant digits kept: an exact halfway point between two `f64`s has
/// at most 767, so a digit beyond 800 can only break a tie, which the
/// sticky digit in their place does.
const MAX_DIGITS: usize = 800;

/// Exact powers of ten as `f64` (10^22 is the largest).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `s` as `s.parse::<f64>().ok()` reads it: an optional sign, then
/// `inf`, `infinity` or `nan` (any case), or digits with an optional `.`
/// and an optional exponent (`e` or `E`, optional sign, digits).
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    // A whole number of at most 15 digits (every answer to a Likert, binary
    // or choice item): below 2^53, so the integer is the value exactly.
    if let [d @ b'0'..=b'9'] = b {
        return Some(f64::from(d - b'0'));
    }
    if !b.is_empty() && b.len() <= 15 && b.iter().all(u8::is_ascii_digit) {
        let m = b.iter().fold(0_u64, |m, &c| m * 10 + u64::from(c - b'0'));
        #[allow(clippy::cast_precision_loss)]
        return Some(m as f64);
    }
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let x = if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        decimal(rest)?
    };
    Some(if negative { -x } else { x })
}

/// Digits, `.`, exponent. Numbers of at most 19 significant digits take
/// [`exact`] when they can, without allocating; the others are read into
/// their significant digits (at most [`MAX_DIGITS`], the last one sticky)
/// and the power of ten they are multiplied by.
fn decimal(b: &[u8]) -> Option<f64> {
    let (int, frac, exp) = split(b)?;
    let mut m: u64 = 0;
    let mut n = 0_usize;
    for &c in int.iter().chain(frac) {
        if n == 0 && c == b'0' {
            continue;
        }
        if n < 19 {
            m = m * 10 + u64::from(c - b'0');
        }
        n += 1;
    }
    if n == 0 {
        return Some(0.0);
    }
    let frac_len = i64::try_from(frac.len()).unwrap_or(i64::MAX);
    if n <= 19 {
        if let Some(x) = exact(m, exp - frac_len) {
            return Some(x);
        }
    }
    let mut digits: Vec<u8> = Vec::with_capacity(n.min(MAX_DIGITS + 1));
    let mut exp10 = exp - frac_len;
    let mut sticky = false;
    for &c in int.iter().chain(frac) {
        if c == b'0' && digits.is_empty() {
            // A leading zero.
        } else if digits.len() < MAX_DIGITS {
            digits.push(c - b'0');
        } else {
            // Dropped: it only counts as the power of ten, and as the
            // sticky digit when not zero.
            exp10 += 1;
            sticky |= c != b'0';
        }
    }
    if sticky {
        // Replace the last kept digit's tail by a non-zero digit beyond it.
        digits.push(1);
        exp10 -= 1;
    }
    // Trailing zeros of the digits go into the power of ten.
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    Some(value(&digits, exp10))
}

/// The whole digits, the fraction's digits and the exponent (saturated
/// far beyond any `f64`: 10^±10^9 is infinity or zero) of digits with an
/// optional `.` and an optional exponent; `None` when `b` is not that or
/// has no digit.
fn split(b: &[u8]) -> Option<(&[u8], &[u8], i64)> {
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_end = digits(0);
    let (frac, mut i) = if b.get(int_end) == Some(&b'.') {
        let end = digits(int_end + 1);
        (&b[int_end + 1..end], end)
    } else {
        (&b[..0], int_end)
    };
    if int_end == 0 && frac.is_empty() {
        return None;
    }
    let mut exp = 0;
    if i < b.len() {
        if !matches!(b[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            exp = (exp * 10 + i64::from(c - b'0')).min(1_000_000_000);
        }
        if negative {
            exp = -exp;
        }
    }
    Some((&b[..int_end], frac, exp))
}

/// `m × 10^exp10` when one operation on exact `f64`s gives it correctly
/// rounded (Clinger 1990): `m` at most 2^53 and a power of ten up to
/// 10^22. The JSON reader takes this path first, too.
pub fn exact(m: u64, exp10: i64) -> Option<f64> {
    if m > 1 << 53 {
        return None;
    }
    let p = *POW10.get(usize::try_from(exp10.unsigned_abs()).ok()?)?;
    let x = m as f64;
    Some(if exp10 < 0 { x / p } else { x * p })
}

/// `digits × 10^exp10`, correctly rounded; `digits` has no leading or
/// trailing zero and is not empty.
fn value(digits: &[u8], exp10: i64) -> f64 {
    let n = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    // The value lies in [10^(n+exp10-1), 10^(n+exp10)).
    if n + exp10 > 310 {
        return f64::INFINITY;
    }
    if n + exp10 < -324 {
        return 0.0;
    }
    if digits.len() <= 19 {
        let m = digits.iter().fold(0_u64, |m, &d| m * 10 + u64::from(d));
        if let Some(x) = exact(m, exp10) {
            return x;
        }
    }
    // Now |exp10| < 1200, so the conversion cannot fail.
    let exp10 = i32::try_from(exp10).unwrap_or(0);
    let big = Big::from_digits(digits);
    let mut z = estimate(digits, exp10);
    // Each step moves one ulp towards the value; the estimate is a few
    // ulps off. The bound only guards against a defect looping forever.
    for _ in 0..1000 {
        match compare_to_neighbours(&big, exp10, z) {
            Step::Up => z = next_up(z),
            Step::Down => z = next_down(z),
            Step::Stay => break,
        }
    }
    z
}

/// A first estimate from the first 19 digits, within a few ulps (or 0, or
/// infinity, near the ends of the range).
fn estimate(digits: &[u8], exp10: i32) -> f64 {
    let k = digits.len().min(19);
    let m = digits[..k]
        .iter()
        .fold(0_u64, |m, &d| m * 10 + u64::from(d));
    let e = exp10 + i32::try_from(digits.len() - k).unwrap_or(0);
    // Two halves, so that neither power overflows or underflows early.
    let half = e / 2;
    let z = m as f64 * pow10(half) * pow10(e - half);
    if z.is_nan() { 0.0 } else { z }
}

/// About 10^e: exact up to 10^22, then a product of exact powers, off by
/// a few ulps at most (|e| ≤ 200 here).
fn pow10(e: i32) -> f64 {
    let mut n = e.unsigned_abs() as usize;
    let mut p = 1.0;
    while n > 22 {
        p *= POW10[22];
        n -= 22;
    }
    p *= POW10[n];
    if e < 0 { 1.0 / p } else { p }
}

enum Step {
    Up,
    Down,
    Stay,
}

/// Whether `digits × 10^exp10` rounds to `z` (a positive `f64` or
/// infinity), or is nearer a neighbour of it.
fn compare_to_neighbours(big: &Big, exp10: i32, z: f64) -> Step {
    if z.is_infinite() {
        // Infinity when at least halfway past the largest f64, whose
        // significand is odd, so the tie goes up too.
        return match compare(big, exp10, (2 * MAX_SIGNIFICAND + 1, MAX_EXP2 - 1)) {
            std::cmp::Ordering::Less => Step::Down,
            _ => Step::Stay,
        };
    }
    let (m, e2) = decompose(z);
    let odd = m & 1 == 1;
    // The halfway point above z.
    match compare(big, exp10, (2 * m + 1, e2 - 1)) {
        std::cmp::Ordering::Greater => return Step::Up,
        std::cmp::Ordering::Equal if odd => return Step::Up,
        _ => {}
    }
    if m == 0 {
        return Step::Stay;
    }
    // The halfway point below z: a quarter ulp below when z is the first
    // f64 of its binade (the one below is spaced half as far).
    let below = if m == 1 << 52 && e2 > MIN_EXP2 {
        (4 * m - 1, e2 - 2)
    } else {
        (2 * m - 1, e2 - 1)
    };
    match compare(big, exp10, below) {
        std::cmp::Ordering::Less => Step::Down,
        std::cmp::Ordering::Equal if odd => Step::Down,
        _ => Step::Stay,
    }
}

/// The largest significand and the exponent of an `f64`'s last bit.
const MAX_SIGNIFICAND: u64 = (1 << 53) - 1;
const MAX_EXP2: i32 = 971;
const MIN_EXP2: i32 = -1074;

/// `z = m × 2^e2`, `m` the integer significand (with its hidden bit).
fn decompose(z: f64) -> (u64, i32) {
    let bits = z.to_bits();
    let biased = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, MIN_EXP2)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

fn next_up(z: f64) -> f64 {
    if z == f64::INFINITY {
        z
    } else {
        f64::from_bits(z.to_bits() + 1)
    }
}

fn next_down(z: f64) -> f64 {
    if z == f64::INFINITY {
        f64::MAX
    } else if z.to_bits() == 0 {
        z
    } else {
        f64::from_bits(z.to_bits() - 1)
    }
}

/// `big × 10^exp10` against `m × 2^e2`, exactly.
fn compare(big: &Big, exp10: i32, (m, e2): (u64, i32)) -> std::cmp::Ordering {
    // big × 5^exp10 × 2^exp10 against m × 2^e2: powers of five to the
    // side where they are positive, and of two likewise.
    let mut left = big.clone();
    let mut right = Big::from_u64(m);
    if exp10 >= 0 {
        left.mul_pow5(exp10.unsigned_abs());
    } else {
        right.mul_pow5(exp10.unsigned_abs());
    }
    let shift = exp10 - e2;
    if shift >= 0 {
        left.shl(shift.unsigned_abs());
    } else {
        right.shl(shift.unsigned_abs());
    }
    left.cmp(&right)
}

/// The low 32 bits.
#[allow(clippy::cast_possible_truncation)]
fn low(x: u64) -> u32 {
    x as u32
}

/// A non-negative integer in base 2^32, least significant limb first,
/// without leading zero limbs.
#[derive(Clone, Debug)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(x: u64) -> Big {
        let mut b = Big(vec![low(x), low(x >> 32)]);
        b.trim();
        b
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let scale = 10_u32.pow(u32::try_from(chunk.len()).unwrap_or(0));
            let add = chunk.iter().fold(0_u32, |v, &d| v * 10 + u32::from(d));
            b.mul_add(scale, add);
        }
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self × factor + add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = low(v);
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(low(carry));
        }
        self.trim();
    }

    fn mul_pow5(&mut self, mut n: u32) {
        // 5^13 is the largest power of five under 2^32.
        while n >= 13 {
            self.mul_add(1_220_703_125, 0);
            n -= 13;
        }
        if n > 0 {
            self.mul_add(5_u32.pow(n), 0);
        }
    }

    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let limbs = (bits / 32) as usize;
        let bits = bits % 32;
        if bits > 0 {
            let mut carry = 0_u32;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = low(v);
                carry = low(v >> 32);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use proptest::prelude::*;

    fn same(s: &str) {
        let ours = parse_f64(s).map(f64::to_bits);
        let std = s.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{s:?}");
    }

    /// Whole numbers: up to 15 digits the short path, beyond it the general
    /// one; signs, spaces and other digits are not whole numbers here.
    #[test]
    fn whole_numbers_take_the_short_path_and_agree_with_std() {
        for s in [
            "0",
            "5",
            "007",
            "10",
            "999999999999999",
            "9007199254740993",
            "1234567890123456",
            "",
            "5 ",
            "٣",
        ] {
            same(s);
        }
    }

    /// Hard cases from the literature on decimal-to-binary conversion and
    /// the edges of the format.
    #[test]
    fn agrees_with_std_on_hard_cases() {
        let cases = [
            "0",
            "-0",
            "+0",
            "0.0",
            "00000",
            "0e999999999999",
            "1e-999999999999",
            "1e999999999999",
            "1",
            "1.",
            ".5",
            "5.",
            "+.5",
            "-5.e3",
            ".",
            "",
            "+",
            "-",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1.5e",
            "1..5",
            "1.5.",
            "--1",
            "+-1",
            " 1",
            "1 ",
            "1_0",
            "0x10",
            "inf",
            "-inf",
            "+inf",
            "INF",
            "Inf",
            "infinity",
            "-Infinity",
            "INFINITY",
            "infinit",
            "infinityy",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nann",
            "in",
            "i",
            "9007199254740992",
            "9007199254740993",
            "9007199254740994",
            "9007199254740995",
            "9007199254740993.0000000000000000000000001",
            "9007199254740992.9999999999999999999999999",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "1.000000000000000111022302462515654042363166809082031250000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281249",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "8.98846567431158e307",
            "1e308",
            "1e309",
            "1e-307",
            "1e-308",
            "1e-320",
            "1e-324",
            "1e-323",
            "3e-324",
            "123456789012345678901234567890",
            "0.1",
            "0.2",
            "0.3",
            "7.038531e-26",
            "9.5e-1",
            "2.5",
            "-3",
            "0.0000000000000000000000000001",
            "100000000000000000000000",
            "1e23",
            "8.589973e9",
            "1448997445238699",
        ];
        for s in cases {
            same(s);
        }
        // Digits beyond the kept ones, zero and not.
        same(&format!("1.{}1", "0".repeat(900)));
        same(&format!("1.{}", "0".repeat(900)));
        same(&format!("{}e-900", "1".repeat(1000)));
        same(&format!("0.{}1e400", "0".repeat(2000)));
        same(&format!("{}.5", "9".repeat(400)));
    }

    /// The exact decimal halfway point between `m × 2^e` and its neighbour
    /// above, for `e` in -29..0 (exact in u128 arithmetic).
    fn halfway(m: u64, e: i32) -> String {
        let k = u32::try_from(1 - e).unwrap();
        let n = u128::from(2 * m + 1) * 5_u128.pow(k);
        let s = n.to_string();
        let k = k as usize;
        if s.len() > k {
            format!("{}.{}", &s[..s.len() - k], &s[s.len() - k..])
        } else {
            format!("0.{}{s}", "0".repeat(k - s.len()))
        }
    }

    /// `n × factor^times` in decimal digits (most significant first), by
    /// schoolbook arithmetic independent of the code under test.
    fn digits_times(n: u64, factor: u32, times: u32) -> String {
        let mut d: Vec<u32> = n
            .to_string()
            .bytes()
            .rev()
            .map(|c| u32::from(c - b'0'))
            .collect();
        for _ in 0..times {
            let mut carry = 0;
            for x in &mut d {
                let v = *x * factor + carry;
                *x = v % 10;
                carry = v / 10;
            }
            while carry > 0 {
                d.push(carry % 10);
                carry /= 10;
            }
        }
        d.iter()
            .rev()
            .map(|&x| char::from(b'0' + u8::try_from(x).unwrap()))
            .collect()
    }

    /// Exact halfway points at the ends of the range: between subnormals,
    /// between the largest subnormal and the smallest normal, between
    /// normals of the lowest binade, and between the largest f64 and
    /// infinity; each also a hair above and below.
    #[test]
    fn rounds_ties_at_the_ends_of_the_range() {
        let mut texts = Vec::new();
        // (2m + 1) × 2^-1075 = (2m + 1) × 5^1075 / 10^1075.
        for m in [
            0_u64,
            1,
            2,
            3,
            1000,
            (1 << 52) - 2,
            (1 << 52) - 1,
            1 << 52,
            (1 << 52) + 1,
            (1 << 53) - 1,
        ] {
            let s = digits_times(2 * m + 1, 5, 1075);
            let k = 1075;
            let text = if s.len() > k {
                format!("{}.{}", &s[..s.len() - k], &s[s.len() - k..])
            } else {
                format!("0.{}{s}", "0".repeat(k - s.len()))
            };
            texts.push(text);
        }
        // (2^54 - 1) × 2^970, halfway between f64::MAX and 2^1024; and
        // the halfway point below f64::MAX.
        texts.push(digits_times((1 << 54) - 1, 2, 970));
        texts.push(digits_times((1 << 54) - 3, 2, 970));
        for t in texts {
            same(&t);
            same(&format!("{t}000000001"));
            let (head, last) = t.split_at(t.len() - 1);
            let last = last.as_bytes()[0];
            if last > b'0' {
                same(&format!("{head}{}999999", char::from(last - 1)));
            }
            same(&format!("{t}e-1"));
            same(&format!("{t}e1"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        /// Any finite f64 written as std and zmij write it, and with many
        /// digits, reads back as std reads it.
        #[test]
        fn agrees_with_std_on_written_numbers(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            for s in [
                format!("{x}"),
                format!("{x:e}"),
                format!("{x:.25e}"),
                format!("{x:.3e}"),
                format!("{:.40}", x),
                zmij::Buffer::new().format(x).to_owned(),
            ] {
                same(&s);
            }
        }

        /// Random decimal texts, well-formed or not.
        #[test]
        fn agrees_with_std_on_random_texts(
            s in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,4})?|[+-]?[0-9.eE+-]{0,8}|[+-]?(inf|nan|infinity|INF|NaN|Infinity)[a-z]?",
        ) {
            same(&s);
        }

        /// Exact halfway points between two f64s, and a hair above and
        /// below them: round half to even.
        #[test]
        fn rounds_ties_to_even(m in (1_u64 << 52)..(1 << 53), e in -29_i32..0) {
            let h = halfway(m, e);
            same(&h);
            same(&format!("{h}0000000000000000000001"));
            let below = {
                // The last digit of an exact halfway point is 5: take one
                // from it and end in 9s.
                let mut b = h.into_bytes();
                let last = b.len() - 1;
                b[last] -= 1;
                let mut s = String::from_utf8(b).unwrap();
                s.push_str("9999999999999999999999");
                s
            };
            same(&below);
        }

        /// Integers around halfway points above 2^53.
        #[test]
        fn rounds_large_integers(x in (1_u64 << 53)..u64::MAX) {
            for d in [0_u64, 1, 2] {
                same(&x.saturating_add(d).to_string());
                same(&format!("{}.5", x.saturating_sub(d)));
            }
        }
    }
}
