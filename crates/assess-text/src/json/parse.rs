//! The reader of JSON text: [`parse`] makes a [`Node`] tree that keeps
//! every key in the order written, repeated keys included, and the byte
//! span of every value and key; a syntax error is located by line and
//! column, where serde_json locates it. The reader is recursive, and
//! refuses nesting deeper than [`MAX_DEPTH`].

use std::borrow::Cow;
use std::ops::Range;

use crate::problem::{Error, Problem, ProblemKind};

/// Arrays and objects nested deeper than this are refused (serde_json's
/// limit too): the reader is recursive, and no input of this engine nests
/// more than a few levels.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with the byte span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub(super) span: Range<usize>,
    pub(super) value: Value<'a>,
}

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string (borrowed from the text unless it had escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object: its entries in the order written, repeated keys kept.
    Object(Vec<(Key<'a>, Node<'a>)>),
}

/// A JSON number, classified as serde_json does: a whole number without a
/// fraction or exponent is an integer when it fits 64 bits, anything else
/// a float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A whole number from 0 to 2^64 − 1.
    PosInt(u64),
    /// A negative whole number down to −2^63.
    NegInt(i64),
    /// Any other (finite) number.
    Float(f64),
}

/// An object's key with its span (quotes included).
#[derive(Clone, Debug, PartialEq)]
pub struct Key<'a> {
    /// The key.
    pub text: Cow<'a, str>,
    /// Where it was written.
    pub span: Range<usize>,
}

impl<'a> Node<'a> {
    /// A node without a location (values that did not come from text).
    pub fn new(value: Value<'a>) -> Self {
        Node { span: 0..0, value }
    }
    /// The value.
    pub fn value(&self) -> &Value<'a> {
        &self.value
    }
    /// The byte span in the text (empty for values not read from text).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
    /// The elements of this array, or this value alone: a batch of one or
    /// many (the command line's JSON input).
    pub fn batch(&self) -> &[Node<'a>] {
        match &self.value {
            Value::Array(items) => items,
            _ => std::slice::from_ref(self),
        }
    }
    /// The value of the first entry named `key`, if this is an object that
    /// has one.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parses `text` as one JSON value; a UTF-8 byte-order mark before it is
/// skipped, as the TOML and CSV readers skip it.
///
/// # Errors
///
/// The first syntax error, as a [`ProblemKind::Syntax`] problem located by
/// line and column.
pub fn parse(text: &str) -> Result<Node<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        // A byte-order mark (which some Windows editors write) is not part
        // of the value; spans stay offsets into `text`.
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
        depth: 0,
        items: Vec::new(),
        entries: Vec::new(),
    };
    p.value()
        .and_then(|node| {
            p.space();
            if p.at < p.bytes.len() {
                Err(p.error(p.at, "trailing characters"))
            } else {
                Ok(node)
            }
        })
        .map_err(|e| Error::single(*e).located(text))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    /// The elements of the arrays and the entries of the objects being
    /// read, innermost last: each array or object is moved out at its
    /// close into a vector of exactly its length (one allocation, where
    /// growing a vector per array would reallocate as it doubles).
    items: Vec<Node<'a>>,
    entries: Vec<(Key<'a>, Node<'a>)>,
}

type PResult<T> = Result<T, Box<Problem>>;

impl<'a> Parser<'a> {
    /// A syntax error at the character that starts at byte `at` (its whole
    /// UTF-8 sequence, so that the span is always text).
    fn error(&self, at: usize, message: &str) -> Box<Problem> {
        let at = at.min(self.bytes.len());
        let mut end = (at + 1).min(self.bytes.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Box::new(Problem::new(ProblemKind::Syntax, "", message).with_span(Some(at..end)))
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            crate::ops::tick(1);
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        crate::ops::tick(1);
        self.bytes.get(self.at).copied()
    }

    #[inline(never)]
    fn value(&mut self) -> PResult<Node<'a>> {
        self.space();
        let start = self.at;
        let value = match self.peek() {
            None => return Err(self.error(start, "EOF while parsing a value")),
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b'[') => Value::Array(self.nested(Self::array)?),
            Some(b'{') => Value::Object(self.nested(Self::object)?),
            Some(_) => return Err(self.error(start, "expected value")),
        };
        Ok(Node {
            span: start..self.at,
            value,
        })
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> PResult<Value<'a>> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            Ok(value)
        } else {
            // The first byte that differs, as serde_json reports it.
            let bad = (self.at..end)
                .find(|&i| self.bytes.get(i) != word.as_bytes().get(i - self.at))
                .unwrap_or(end);
            Err(if bad >= self.bytes.len() {
                self.error(bad, "EOF while parsing a value")
            } else {
                self.error(bad, "expected ident")
            })
        }
    }

    fn nested<T>(&mut self, f: fn(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(self.at, "recursion limit exceeded"));
        }
        self.depth += 1;
        self.at += 1; // `[` or `{`
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// After `[`.
    fn array(&mut self) -> PResult<Vec<Node<'a>>> {
        let base = self.items.len();
        if self.closes(b']') {
            return Ok(Vec::new());
        }
        loop {
            let item = self.value()?;
            self.items.push(item);
            if self.separator(b']', "EOF while parsing a list", "expected `,` or `]`")? {
                return Ok(self.items.drain(base..).collect());
            }
        }
    }

    /// Whether `close` comes next (after spaces); consumes it if so.
    fn closes(&mut self, close: u8) -> bool {
        self.space();
        let closed = self.peek() == Some(close);
        if closed {
            self.at += 1;
        }
        closed
    }

    /// After an element or entry: `true` at the closing `close` (consumed),
    /// `false` after a `,` that another element follows.
    fn separator(&mut self, close: u8, eof: &str, expected: &str) -> PResult<bool> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.space();
                if self.peek() == Some(close) {
                    return Err(self.error(self.at, "trailing comma"));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            None => Err(self.error(self.at, eof)),
            Some(_) => Err(self.error(self.at, expected)),
        }
    }

    /// After `{`.
    fn object(&mut self) -> PResult<Vec<(Key<'a>, Node<'a>)>> {
        let base = self.entries.len();
        if self.closes(b'}') {
            return Ok(Vec::new());
        }
        loop {
            let start = self.at;
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error(start, "EOF while parsing an object")),
                Some(_) => return Err(self.error(start, "key must be a string")),
            }
            let text = self.string()?;
            let key = Key {
                text,
                span: start..self.at,
            };
            self.space();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.error(self.at, "EOF while parsing an object")),
                Some(_) => return Err(self.error(self.at, "expected `:`")),
            }
            let value = self.value()?;
            self.entries.push((key, value));
            if self.separator(b'}', "EOF while parsing an object", "expected `,` or `}`")? {
                return Ok(self.entries.drain(base..).collect());
            }
        }
    }

    /// At `"`: the string, borrowed when it has no escapes.
    fn string(&mut self) -> PResult<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        let mut owned: Option<String> = None;
        let mut run = start; // start of the text not yet copied into `owned`
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error(self.at, "EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let tail = &self.text[run..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let c = self.escape()?;
                    owned.get_or_insert_with(String::new).push(c);
                    run = self.at;
                }
                0..=0x1f => {
                    return Err(self.error(
                        self.at,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                // Text is UTF-8 already: multi-byte characters pass whole.
                _ => self.at += 1,
            }
        }
    }

    /// After `\`: the escaped character.
    fn escape(&mut self) -> PResult<char> {
        let Some(b) = self.peek() else {
            return Err(self.error(self.at, "EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let at = self.at - 2;
                let hi = self.hex4()?;
                if (0xDC00..0xE000).contains(&hi) {
                    return Err(self.error(at, "lone leading surrogate in hex escape"));
                }
                if (0xD800..0xDC00).contains(&hi) {
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.error(at, "unexpected end of hex escape"));
                    }
                    self.at += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.error(at, "lone leading surrogate in hex escape"));
                    }
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER)
                } else {
                    // Not a surrogate: always a scalar value.
                    char::from_u32(hi).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
            }
            _ => return Err(self.error(self.at - 1, "invalid escape")),
        })
    }

    fn hex4(&mut self) -> PResult<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return Err(self.error(self.at, "EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16),
            };
            let Some(d) = d else {
                return Err(self.error(self.at, "invalid escape"));
            };
            n = n * 16 + d;
            self.at += 1;
        }
        Ok(n)
    }

    /// At `-` or a digit.
    fn number(&mut self) -> PResult<Number> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.error(self.at, "EOF while parsing a value")),
            Some(_) => return Err(self.error(self.at, "invalid number")),
        }
        let int = int_start..self.at;
        let mut frac = self.at..self.at;
        if self.peek() == Some(b'.') {
            self.at += 1;
            let from = self.at;
            self.digits_required()?;
            frac = from..self.at;
        }
        let mut exp: Option<i64> = None;
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let minus = self.peek() == Some(b'-');
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            let from = self.at;
            self.digits_required()?;
            // Clamped: beyond ±10^6 the value is 0 or out of range anyway.
            let e = self.bytes[from..self.at]
                .iter()
                .fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1_000_000));
            exp = Some(if minus { -e } else { e });
        }
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            // `01`: a leading zero.
            return Err(self.error(self.at, "invalid number"));
        }
        let whole = whole_number(0, &self.bytes[int.clone()]);
        if frac.is_empty() && exp.is_none() {
            if let Some(n) = whole {
                // As serde_json: u64 when it fits, then i64, then a float
                // (below −2^63, and for `-0`).
                if !negative {
                    return Ok(Number::PosInt(n));
                }
                let neg = (n as i64).wrapping_neg();
                return Ok(if neg < 0 {
                    Number::NegInt(neg)
                } else {
                    Number::Float(-(n as f64))
                });
            }
        }
        // Clinger's exact path first (`num::exact_f64`), then the full
        // parser (both correctly rounded, as serde_json's `float_roundtrip`).
        let significand = whole.and_then(|n| whole_number(n, &self.bytes[frac.clone()]));
        let scale = exp.unwrap_or(0) - frac.len() as i64;
        let x = match significand.and_then(|m| crate::num::exact_f64(m, scale)) {
            Some(x) if negative => -x,
            Some(x) => x,
            None => crate::num::parse_f64(&self.text[start..self.at]).unwrap_or(f64::INFINITY),
        };
        if x.is_finite() {
            Ok(Number::Float(x))
        } else {
            Err(self.error(start, "number out of range"))
        }
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    fn digits_required(&mut self) -> PResult<()> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.error(self.at, "EOF while parsing a value")),
            Some(_) => Err(self.error(self.at, "invalid number")),
        }
    }
}

/// `acc` followed by the decimal `digits`, if it fits in 64 bits.
fn whole_number(acc: u64, digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(acc, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}
