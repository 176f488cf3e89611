//! Scalars written without quotes: integers in four radixes, floats,
//! booleans, and the dates, times and date-times of RFC 3339 (checked, not
//! converted), told apart by the run of characters they are written with.

use std::borrow::Cow;

use super::tree::{Integer, Kind};

/// The value a run of number, boolean or date-time characters is, if any.
pub(super) fn classify(tok: &str) -> Option<Kind<'_>> {
    let b = tok.as_bytes();
    match tok {
        "true" => return Some(Kind::Boolean(true)),
        "false" => return Some(Kind::Boolean(false)),
        "inf" | "+inf" | "-inf" | "nan" | "+nan" | "-nan" => {
            return Some(Kind::Float(Cow::Borrowed(tok)));
        }
        _ => {}
    }
    if (b.len() >= 5 && b[4] == b'-' || b.len() >= 3 && b[2] == b':')
        && b[..2].iter().all(u8::is_ascii_digit)
    {
        return datetime(b).map(|()| Kind::Datetime(tok));
    }
    let prefixed = |radix: u32| {
        digits(&b[2..], |c| char::from(c).is_digit(radix)).then(|| {
            Kind::Integer(Integer {
                digits: without_underscores(&tok[2..]),
                radix,
            })
        })
    };
    match b {
        [b'0', b'x', ..] => return prefixed(16),
        [b'0', b'o', ..] => return prefixed(8),
        [b'0', b'b', ..] => return prefixed(2),
        _ => {}
    }
    let body = b
        .strip_prefix(b"+")
        .or_else(|| b.strip_prefix(b"-"))
        .unwrap_or(b);
    let (mantissa, exponent) = match body.iter().position(|&c| c == b'e' || c == b'E') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.iter().position(|&c| c == b'.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let decimal = |d: &[u8]| digits(d, |c| c.is_ascii_digit());
    if !decimal(whole) || (whole.len() > 1 && whole[0] == b'0') {
        return None;
    }
    if fraction.is_some_and(|f| !decimal(f)) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e
            .strip_prefix(b"+")
            .or_else(|| e.strip_prefix(b"-"))
            .unwrap_or(e);
        if !decimal(e) {
            return None;
        }
    }
    let clean = without_underscores(tok);
    Some(if fraction.is_none() && exponent.is_none() {
        Kind::Integer(Integer {
            digits: clean,
            radix: 10,
        })
    } else {
        Kind::Float(clean)
    })
}

/// Digits (by `is_digit`) with single `_` between them.
fn digits(b: &[u8], is_digit: impl Fn(u8) -> bool) -> bool {
    let mut prev_digit = false;
    for &c in b {
        if c == b'_' && prev_digit {
            prev_digit = false;
        } else if is_digit(c) {
            prev_digit = true;
        } else {
            return false;
        }
    }
    prev_digit
}

fn without_underscores(s: &str) -> Cow<'_, str> {
    if s.contains('_') {
        Cow::Owned(s.replace('_', ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// `n` ASCII digits as a number.
fn number(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0_u32, |v, &c| {
        c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, a real day (leap years counted).
pub(super) fn date(b: &[u8]) -> Option<()> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(())
}

/// `HH:MM[:SS[.fraction]]` (seconds optional since TOML 1.1).
fn time(b: &[u8]) -> Option<()> {
    if b.len() < 5 || b[2] != b':' || number(&b[..2])? > 23 || number(&b[3..5])? > 59 {
        return None;
    }
    match &b[5..] {
        [] => Some(()),
        [b':', s0, s1, rest @ ..] => {
            if number(&[*s0, *s1])? > 60 {
                return None;
            }
            match rest {
                [] => Some(()),
                [b'.', fraction @ ..] if !fraction.is_empty() => {
                    fraction.iter().all(u8::is_ascii_digit).then_some(())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A date, a time, or a date and time with an optional offset.
fn datetime(b: &[u8]) -> Option<()> {
    if b.len() >= 3 && b[2] == b':' {
        return time(b);
    }
    date(b.get(..10)?)?;
    let rest = &b[10..];
    let Some((&sep, rest)) = rest.split_first() else {
        return Some(());
    };
    if !matches!(sep, b'T' | b't' | b' ') {
        return None;
    }
    // The offset: `Z`, or `+HH:MM` / `-HH:MM` after the time.
    let (clock, offset) = match rest
        .iter()
        .position(|&c| matches!(c, b'Z' | b'z' | b'+' | b'-'))
    {
        Some(i) => rest.split_at(i),
        None => (rest, &[][..]),
    };
    time(clock)?;
    match offset {
        [] | [b'Z' | b'z'] => Some(()),
        [b'+' | b'-', h0, h1, b':', m0, m1] => {
            (number(&[*h0, *h1])? <= 23 && number(&[*m0, *m1])? <= 59).then_some(())
        }
        _ => None,
    }
}
