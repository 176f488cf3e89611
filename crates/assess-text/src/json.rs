//! JSON input with located errors, and JSON output. The engine reads its
//! response sets, adaptive-test configurations and sessions and the
//! options of the WebAssembly package with it.
//!
//! 1. [`parse`] reads the text into a [`Node`] tree that keeps every key in
//!    the order written, repeated keys included (checking reports an item
//!    answered twice; `serde_json::Value` would keep only the last), and the
//!    byte span of every value and key. Nesting deeper than [`MAX_DEPTH`] is
//!    refused, as serde_json does.
//! 2. [`FromJson`] reads a node into a Rust type by hand-written code. A type
//!    error names the key path (`answers.R1`) and the line and column of the
//!    value itself, where serde_json gives the position after it.
//!
//! Why not serde's derive: in the WebAssembly package, serde_json's reader
//! and the derived deserialisers of these types were about 15 % of the
//! front end's `.wasm` (docs/benchmark-history.md); this module is a fraction of that.
//! The messages keep serde's wording (``invalid type: boolean `true`,
//! expected a number``, ``unknown field `x`, expected one of …``) and the
//! same types still implement `serde::Deserialize`, through this reader
//! ([`Node`] deserialises from any serde format), so there is one set of
//! rules whichever way a response set arrives.
//!
//! ```
//! use std::collections::BTreeMap;
//! use assess_text::json;
//! let answers: BTreeMap<String, f64> = json::read(r#"{"R1": 4, "R2": 5}"#, "answers")?;
//! assert_eq!(answers.len(), 2);
//! let err = json::read::<BTreeMap<String, f64>>(r#"{"R1": 4, "R2": true}"#, "answers")
//!     .unwrap_err();
//! assert_eq!(err.first().path(), "answers.R2");
//! assert_eq!((err.first().line(), err.first().column()), (Some(1), Some(17)));
//! # Ok::<(), assess_text::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::num::float_found;
use crate::problem::{Error, LineIndex, Problem, ProblemKind, backtick_list, quoted, shown};

/// Arrays and objects nested deeper than this are refused (serde_json's
/// limit too): the reader is recursive, and no input of this engine nests
/// more than a few levels.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with the byte span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    span: Range<usize>,
    value: Value<'a>,
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

/// Parses `text` as one JSON value.
///
/// # Errors
///
/// The first syntax error, as a [`ProblemKind::Syntax`] problem located by
/// line and column.
pub fn parse(text: &str) -> Result<Node<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
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

/// Parses `text` and reads it into `T`; `root` is the key path of the whole
/// value in problems (`""`, or for example `config` or `options`).
///
/// # Errors
///
/// A syntax error, or the first value that does not fit `T`, located by
/// line and column.
pub fn read<T: FromJson>(text: &str, root: &str) -> Result<T, Error> {
    read_node(&parse(text)?, text, root)
}

/// Reads a node parsed from `text` into `T` (see [`read`]); use this for
/// the elements of an array parsed once.
///
/// # Errors
///
/// The first value that does not fit `T`, located by line and column.
pub fn read_node<T: FromJson>(node: &Node<'_>, text: &str, root: &str) -> Result<T, Error> {
    T::from_json(node).map_err(|p| {
        let p = if root.is_empty() { p } else { within(p, root) };
        Error::single(*p).located(text)
    })
}

/// Reads a JSON text that holds one value or an array of values (the
/// command line's batch input) into a `T` each: every element's result in
/// order, with the element's byte span. A problem in an element is located
/// by its index path (`[3].answers.R1`; `[0]` for a value that is not an
/// array), line and column; the lines of the
/// text are indexed once, however many elements fail.
///
/// # Errors
///
/// A syntax error anywhere in the text, located by line and column.
pub fn read_batch<T: FromJson>(text: &str) -> Result<Vec<Batched<T>>, Error> {
    let root = parse(text)?;
    let nodes = root.batch();
    let mut index = None;
    Ok(nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let value = T::from_json(node).map_err(|p| {
                let p = within(p, &format!("[{i}]"));
                let index = index.get_or_insert_with(|| LineIndex::new(text));
                Error::single(*p).located_with(index)
            });
            Batched {
                value,
                span: node.span(),
            }
        })
        .collect())
}

/// One element of a batch read by [`read_batch`].
#[derive(Debug)]
pub struct Batched<T> {
    /// The element, or the problem that stops it.
    pub value: Result<T, Error>,
    /// Its byte span in the text.
    pub span: Range<usize>,
}

mod write;

/// `value` as compact JSON text, exactly as `serde_json::to_string` writes
/// it: every result of the engine is written by this one function, on
/// every platform. The writer is this module's (`json/write.rs`): in the
/// WebAssembly build, serde_json's `io::Write` plumbing cost more than the
/// text itself (docs/benchmark-history.md).
///
/// # Errors
///
/// When `value`'s `Serialize` fails (a map with keys that are not
/// strings, with serde_json's message); never for the engine's own types.
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    write_with::<{ cfg!(target_arch = "wasm32") }, T>(value)
}

/// [`to_string`], gathering bytes in an array (`CHUNKED`, the WebAssembly
/// way) or not; the tests write both ways.
fn write_with<const CHUNKED: bool, T: serde::Serialize + ?Sized>(
    value: &T,
) -> Result<String, serde_json::Error> {
    let mut w = write::Writer::<CHUNKED>::new();
    value.serialize(&mut w)?;
    // Only `str`s and ASCII are written: this check never fails.
    String::from_utf8(w.finish()).map_err(|_| serde::ser::Error::custom("invalid UTF-8"))
}

// ---- parser ---------------------------------------------------------------

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
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
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

// ---- reading --------------------------------------------------------------

/// A read's result: the value, or the one problem that stops it (boxed:
/// the error path is rare and a `Problem` is large).
pub type JsonResult<T> = Result<T, Box<Problem>>;

/// Reading one type out of a [`Node`].
///
/// A problem is made where it is found, with an empty key path; [`field`]
/// and [`element`] put their key or index in front of it on the way out.
/// So reading builds no path unless something is wrong.
pub trait FromJson: Sized {
    /// Converts `v`, or says what is wrong with it and where.
    ///
    /// # Errors
    ///
    /// When `v` does not fit the type.
    fn from_json(v: &Node<'_>) -> JsonResult<Self>;
}

/// Reads `v`, the value of `key`, into `T`; a problem gets `key` in front
/// of its path.
///
/// # Errors
///
/// When `v` does not fit `T`.
pub fn field<T: FromJson>(key: &str, v: &Node<'_>) -> JsonResult<T> {
    T::from_json(v).map_err(|p| within(p, key))
}

/// Reads `v`, element `i` of an array, into `T`; a problem gets `[i]` in
/// front of its path.
///
/// # Errors
///
/// When `v` does not fit `T`.
pub fn element<T: FromJson>(i: usize, v: &Node<'_>) -> JsonResult<T> {
    T::from_json(v).map_err(|p| within(p, &format!("[{i}]")))
}

/// `p` with `segment` put in front of its key path (a key or `[i]`).
#[inline(never)]
pub fn within(mut p: Box<Problem>, segment: &str) -> Box<Problem> {
    p.prefix_path(segment);
    p
}

impl Node<'_> {
    /// The entries of this object, or a type error.
    ///
    /// # Errors
    ///
    /// When this is not an object.
    pub fn object(&self) -> JsonResult<&[(Key<'_>, Node<'_>)]> {
        match &self.value {
            Value::Object(entries) => Ok(entries),
            _ => Err(self.type_error("a map")),
        }
    }

    /// "invalid type: X, expected `expected`" at this value.
    pub fn type_error(&self, expected: &str) -> Box<Problem> {
        let found = match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(Number::PosInt(n)) => format!("integer `{n}`"),
            Value::Number(Number::NegInt(n)) => format!("integer `{n}`"),
            Value::Number(Number::Float(x)) => float_found(*x),
            Value::String(s) => format!("string {}", quoted(s)),
            Value::Array(_) => "sequence".to_owned(),
            Value::Object(_) => "map".to_owned(),
        };
        self.problem(
            ProblemKind::InvalidType,
            format!("invalid type: {found}, expected {expected}"),
        )
    }

    /// A problem of `kind` at this value.
    pub fn problem(&self, kind: ProblemKind, message: String) -> Box<Problem> {
        problem_at(self.span(), kind, message)
    }

    /// A required key absent from this object.
    pub fn missing_field(&self, key: &str) -> Box<Problem> {
        self.problem(ProblemKind::MissingKey, format!("missing field `{key}`"))
    }

    /// The value of the name this holds, from `names`.
    ///
    /// # Errors
    ///
    /// When this is not a string, or not one of the names.
    pub fn variant<T: Copy>(&self, names: &[(&str, T)]) -> JsonResult<T> {
        let Value::String(s) = &self.value else {
            return Err(self.type_error("a name (string)"));
        };
        names
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                self.problem(
                    ProblemKind::InvalidValue,
                    format!("unknown variant `{}`, expected {}", shown(s), one_of(&list)),
                )
            })
    }

    /// A whole number that fits `T`.
    fn whole<T: TryFrom<u64>>(&self, expected: &str) -> JsonResult<T> {
        let n = match &self.value {
            Value::Number(Number::PosInt(n)) => {
                if let Ok(x) = T::try_from(*n) {
                    return Ok(x);
                }
                n.to_string()
            }
            Value::Number(Number::NegInt(n)) => n.to_string(),
            _ => return Err(self.type_error(expected)),
        };
        Err(self.problem(
            ProblemKind::InvalidValue,
            format!("invalid value: integer `{n}`, expected {expected}"),
        ))
    }
}

impl Key<'_> {
    /// This key, which the object does not allow (`expected`: the keys it
    /// does).
    pub fn unknown_field(&self, expected: &[&str]) -> Box<Problem> {
        problem_at(
            self.span.clone(),
            ProblemKind::UnknownKey,
            format!(
                "unknown field `{}`, expected {}",
                shown(&self.text),
                one_of(expected)
            ),
        )
    }

    /// This key, given twice in an object that allows it once.
    pub fn duplicate_field(&self) -> Box<Problem> {
        problem_at(
            self.span.clone(),
            ProblemKind::DuplicateId,
            format!("duplicate field `{}`", shown(&self.text)),
        )
    }
}

/// A problem of `kind` at `span`: the kinds are those the TOML walker
/// ([`crate::toml::de`]) gives for the same fault (`unknown_key`,
/// `missing_key`, `invalid_value`, `invalid_type`), so that a fault is
/// named alike whichever format the input came in.
fn problem_at(span: Range<usize>, kind: ProblemKind, message: String) -> Box<Problem> {
    Box::new(Problem::new(kind, "", message).with_span((!span.is_empty()).then_some(span)))
}

/// serde's wording for the allowed names: "`a`", "`a` or `b`", "one of
/// `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!("one of {}", backtick_list(names.iter().copied())),
    }
}

impl FromJson for String {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::String(s) => Ok(String::from(&**s)),
            _ => Err(v.type_error("a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Bool(b) => Ok(*b),
            _ => Err(v.type_error("`true` or `false`")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Number(Number::PosInt(n)) => Ok(*n as f64),
            Value::Number(Number::NegInt(n)) => Ok(*n as f64),
            Value::Number(Number::Float(x)) => Ok(*x),
            _ => Err(v.type_error("a number")),
        }
    }
}

impl FromJson for u64 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number from 0 to 2^64 − 1")
    }
}

impl FromJson for u32 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number from 0 to 2^32 − 1")
    }
}

impl FromJson for usize {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number, 0 or more")
    }
}

/// `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Null => Ok(None),
            _ => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let Value::Array(items) = &v.value else {
            return Err(v.type_error("a sequence"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| element(i, item))
            .collect()
    }
}

/// A repeated key: the last value wins, as with serde's maps.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let mut out = BTreeMap::new();
        for (k, item) in v.object()? {
            out.insert(k.text.to_string(), field(&k.text, item)?);
        }
        Ok(out)
    }
}

/// Any JSON (response metadata), numbers as serde_json keeps them.
impl FromJson for serde_json::Value {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        Ok(to_serde(v))
    }
}

fn to_serde(v: &Node<'_>) -> serde_json::Value {
    match &v.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(Number::PosInt(n)) => serde_json::Value::from(*n),
        Value::Number(Number::NegInt(n)) => serde_json::Value::from(*n),
        // Finite (the parser refuses others), so never null here.
        Value::Number(Number::Float(x)) => serde_json::Value::from(*x),
        Value::String(s) => serde_json::Value::String(String::from(&**s)),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(entries) => {
            // A repeated key: the last value wins, as in serde_json.
            let mut m = serde_json::Map::new();
            for (k, item) in entries {
                m.insert(k.text.to_string(), to_serde(item));
            }
            serde_json::Value::Object(m)
        }
    }
}

/// Implements [`FromJson`](crate::json::FromJson) for a struct from its
/// fields and their keys. A field written `key = default` may be absent;
/// the others are required (reported in declaration order). Keys not
/// listed are refused (`deny`) or ignored (`ignore`), and a listed key
/// given twice is refused.
///
/// ```
/// use assess_text::json::{self, FromJson};
/// #[derive(Debug, PartialEq)]
/// struct Page { lang: String, size: u32 }
/// assess_text::json_struct!(deny Page { lang: "lang", size: "size" = 20 });
///
/// let p: Page = json::read(r#"{"lang": "id"}"#, "")?;
/// assert_eq!(p, Page { lang: "id".into(), size: 20 });
/// let err = json::read::<Page>(r#"{"lang": "id", "sise": 5}"#, "").unwrap_err();
/// assert_eq!(err.first().message(), "unknown field `sise`, expected `lang` or `size`");
/// # Ok::<(), assess_text::Error>(())
/// ```
#[macro_export]
macro_rules! json_struct {
    ($unknown:ident $ty:ident { $($f:ident: $k:literal $(= $def:expr)?),* $(,)? }) => {
        impl $crate::Keys for $ty {
            const KEYS: &'static [&'static str] = &[$($k),*];
        }
        impl $crate::json::FromJson for $ty {
            #[allow(non_snake_case)]
            fn from_json(v: &$crate::json::Node<'_>) -> $crate::json::JsonResult<Self> {
                const KEYS: &[&str] = <$ty as $crate::Keys>::KEYS;
                $(let mut $f = None;)*
                for (k, val) in v.object()? {
                    match &*k.text {
                        $($k => {
                            if $f.is_some() {
                                return Err(k.duplicate_field());
                            }
                            $f = Some($crate::json::field($k, val)?);
                        })*
                        _ => $crate::json_struct!(@$unknown k KEYS),
                    }
                }
                Ok($ty {
                    $($f: match $f {
                        Some(x) => x,
                        None => $crate::json_struct!(@missing v $k $($def)?),
                    },)*
                })
            }
        }
    };
    (@deny $k:ident $keys:ident) => { return Err($k.unknown_field($keys)) };
    (@ignore $k:ident $keys:ident) => {{ let _ = $keys; }};
    (@missing $v:ident $k:literal) => { return Err($v.missing_field($k)) };
    (@missing $v:ident $k:literal $def:expr) => { $def };
}
#[doc(inline)]
pub use json_struct;

/// The names of a unit enum's variants, as they are written in JSON, CSV
/// and on the command line: one list per enum ([`json_names!`]), which a
/// test compares with what serde writes.
pub trait Names: Sized + Copy + PartialEq + 'static {
    /// Every variant with its name.
    const NAMES: &'static [(&'static str, Self)];

    /// The variant named `name`.
    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// This variant's name.
    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// The variant named `name`, or an `invalid_value` problem at `path`
    /// in serde's wording (``unknown variant `x`, expected `a` or `b` ``).
    ///
    /// # Errors
    ///
    /// When no variant has that name.
    fn parse_name(name: &str, path: &str) -> Result<Self, Error> {
        Self::from_name(name).ok_or_else(|| {
            let list: Vec<&str> = Self::NAMES.iter().map(|(n, _)| *n).collect();
            Error::single(Problem::new(
                ProblemKind::InvalidValue,
                path,
                format!(
                    "unknown variant `{}`, expected {}",
                    shown(name),
                    one_of(&list)
                ),
            ))
        })
    }
}

/// Implements [`Names`] and [`FromJson`] for a unit enum from its names.
#[macro_export]
macro_rules! json_names {
    ($ty:ident { $($name:literal => $variant:ident),* $(,)? }) => {
        impl $crate::json::Names for $ty {
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $ty::$variant)),*];
        }
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node<'_>) -> $crate::json::JsonResult<Self> {
                v.variant(<$ty as $crate::json::Names>::NAMES)
            }
        }
    };
}
#[doc(inline)]
pub use json_names;

/// Implements `serde::Deserialize` through [`FromJson`], so that serde
/// users get the same rules and messages as [`read`].
#[macro_export]
macro_rules! deserialize_via_json {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> $crate::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let node = <$crate::json::Node<'static> as $crate::__serde::Deserialize>::deserialize(d)?;
                <$ty as $crate::json::FromJson>::from_json(&node)
                    .map_err(|p| $crate::json::serde_error(&p))
            }
        }
    )*};
}
#[doc(inline)]
pub use deserialize_via_json;

/// A problem as a serde error: the message, then the path.
pub fn serde_error<E: serde::de::Error>(p: &Problem) -> E {
    if p.path().is_empty() {
        E::custom(p.message())
    } else {
        E::custom(format_args!("{} (at `{}`)", p.message(), p.path()))
    }
}

// ---- serde ----------------------------------------------------------------

/// Any serde format into a [`Node`] (without locations; repeated keys kept
/// in order when the format delivers them).
impl<'de> serde::Deserialize<'de> for Node<'static> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Number(match u64::try_from(n) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(n),
        })))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Number(Number::PosInt(n))))
    }
    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Self::Value, E> {
        if x.is_finite() {
            Ok(Node::new(Value::Number(Number::Float(x))))
        } else {
            Err(E::custom("number out of range"))
        }
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Node::new(Value::String(Cow::Owned(s.to_owned()))))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Node::new(Value::String(Cow::Owned(s))))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Null))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node<'static>>()? {
            items.push(item);
        }
        Ok(Node::new(Value::Array(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Node<'static>>()? {
            entries.push((
                Key {
                    text: Cow::Owned(k),
                    span: 0..0,
                },
                v,
            ));
        }
        Ok(Node::new(Value::Object(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (line, column, message) of the syntax error in `text`.
    fn syntax(text: &str) -> (usize, usize, String) {
        let e = parse(text).unwrap_err();
        let p = e.first();
        assert_eq!(p.kind(), ProblemKind::Syntax, "{text:?}");
        (
            p.line().unwrap_or(0),
            p.column().unwrap_or(0),
            p.message().to_owned(),
        )
    }

    #[test]
    fn keeps_order_repeated_keys_and_spans() {
        let text = "{\"b\": 1, \"a\": [true, null], \"b\": \"x\\ny\"}";
        let node = parse(text).unwrap();
        let Value::Object(entries) = node.value() else {
            panic!("an object")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| &*k.text).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(&text[entries[1].0.span.clone()], "\"a\"");
        assert_eq!(&text[entries[1].1.span()], "[true, null]");
        assert_eq!(entries[2].1.value(), &Value::String("x\ny".into()));
        // The first of a repeated key.
        assert_eq!(
            node.get("b").unwrap().value(),
            &Value::Number(Number::PosInt(1))
        );
        // Strings without escapes are borrowed from the text.
        assert!(matches!(entries[0].0.text, Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_are_classified_as_serde_json_classifies_them() {
        // Reference: serde_json 1.0 (`ParserNumber`): u64, then i64, `-0`
        // and integers beyond 64 bits as floats.
        let cases = [
            // (2^64 and -2^63 - 1 round to 2^64 = u64::MAX as f64, -2^63.)
            ("0", Number::PosInt(0)),
            ("18446744073709551615", Number::PosInt(u64::MAX)),
            ("18446744073709551616", Number::Float(u64::MAX as f64)),
            ("-1", Number::NegInt(-1)),
            ("-9223372036854775808", Number::NegInt(i64::MIN)),
            ("-9223372036854775809", Number::Float(i64::MIN as f64)),
            ("-0", Number::Float(-0.0)),
            ("1.0", Number::Float(1.0)),
            ("2.5E-3", Number::Float(0.0025)),
            ("1e-400", Number::Float(0.0)),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).unwrap().value(), &Value::Number(want), "{text}");
        }
    }

    #[test]
    fn syntax_errors_are_located_where_serde_json_locates_them() {
        // (text, line, column, message). The messages are serde_json's
        // (checked below). So are the positions, but for three kinds, where
        // serde_json 1.0.154 differs: at the end of the text it gives the
        // last character (we give the column after it); in a bad `\u`
        // escape, the end of the escape (we give its `\`); for a number out
        // of range, its end (we give its start).
        let cases = [
            ("", 1, 1, "EOF while parsing a value"),
            ("{\"a\": 1,}", 1, 9, "trailing comma"),
            ("[1, 2,]", 1, 7, "trailing comma"),
            ("[1 2]", 1, 4, "expected `,` or `]`"),
            ("{\"a\" 1}", 1, 6, "expected `:`"),
            ("{\"a\": 1 \"b\": 2}", 1, 9, "expected `,` or `}`"),
            ("{1: 2}", 1, 2, "key must be a string"),
            ("{\"a\":\n tru}", 2, 5, "expected ident"),
            ("[nul", 1, 5, "EOF while parsing a value"),
            ("\"ab", 1, 4, "EOF while parsing a string"),
            ("\"a\\qb\"", 1, 4, "invalid escape"),
            (
                "\"a\u{1}\"",
                1,
                3,
                "control character (\\u0000-\\u001F) found while parsing a string",
            ),
            ("\"\\ud800\"", 1, 2, "unexpected end of hex escape"),
            ("\"\\udc00\"", 1, 2, "lone leading surrogate in hex escape"),
            ("01", 1, 2, "invalid number"),
            ("-", 1, 2, "EOF while parsing a value"),
            ("-a", 1, 2, "invalid number"),
            ("1.", 1, 3, "EOF while parsing a value"),
            ("1.e5", 1, 3, "invalid number"),
            ("1e400", 1, 1, "number out of range"),
            ("{} x", 1, 4, "trailing characters"),
            ("[1, 2", 1, 6, "EOF while parsing a list"),
            ("{\"a\": 1", 1, 8, "EOF while parsing an object"),
            ("?", 1, 1, "expected value"),
        ];
        for (text, line, column, message) in cases {
            assert_eq!(syntax(text), (line, column, message.to_owned()), "{text:?}");
            // serde_json refuses every one of them, with the same message.
            let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            assert!(e.to_string().starts_with(message), "{text:?}: {e}");
        }
    }

    #[test]
    fn escapes_and_non_ascii_text() {
        let node = parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 Rembang é""#).unwrap();
        assert_eq!(
            node.value(),
            &Value::String("\"\\/\u{8}\u{c}\n\r\té😀 Rembang é".into())
        );
    }

    #[test]
    fn nesting_is_limited_without_overflowing_the_stack() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(
            syntax(&deep),
            (1, MAX_DEPTH + 1, "recursion limit exceeded".into())
        );
        // Hostile: a megabyte of brackets is one error, found at once.
        let hostile = "[{\"a\":".repeat(200_000);
        assert_eq!(syntax(&hostile).2, "recursion limit exceeded");
    }

    #[derive(Debug, PartialEq)]
    struct Probe {
        n: usize,
        x: Option<f64>,
        names: Vec<String>,
        flag: bool,
    }
    json_struct!(deny Probe { n: "n", x: "x" = None, names: "names" = Vec::new(), flag: "flag" = false });

    fn problem(text: &str) -> (String, String, Option<usize>) {
        let e = read::<Probe>(text, "probe").unwrap_err();
        let p = e.first();
        // The kind the TOML walker gives for the same fault.
        let kind = match p.message().split([' ', ':']).next() {
            Some("unknown") => ProblemKind::UnknownKey,
            Some("missing") => ProblemKind::MissingKey,
            Some("duplicate") => ProblemKind::DuplicateId,
            _ if p.message().starts_with("invalid value") => ProblemKind::InvalidValue,
            _ => ProblemKind::InvalidType,
        };
        assert_eq!(p.kind(), kind, "{text:?}");
        (p.path().to_owned(), p.message().to_owned(), p.column())
    }

    #[test]
    fn reads_structs_with_defaults() {
        let p: Probe = read(r#"{"n": 3, "names": ["a", "b"]}"#, "").unwrap();
        assert_eq!(
            p,
            Probe {
                n: 3,
                x: None,
                names: vec!["a".into(), "b".into()],
                flag: false
            }
        );
        // `null` for an optional value is its absence; an integer is a number.
        let p: Probe = read(r#"{"n": 0, "x": 2, "flag": true}"#, "").unwrap();
        assert_eq!((p.x, p.flag), (Some(2.0), true));
        let p: Probe = read(r#"{"x": null, "n": 1}"#, "").unwrap();
        assert_eq!(p.x, None);
    }

    #[test]
    fn type_errors_name_the_path_and_the_value() {
        let cases = [
            (
                r#"{"n": "5"}"#,
                "probe.n",
                "invalid type: string \"5\", expected a whole number, 0 or more",
                7,
            ),
            (
                r#"{"n": 1.5}"#,
                "probe.n",
                "invalid type: floating point `1.5`, expected a whole number, 0 or more",
                7,
            ),
            (
                r#"{"n": 2.0}"#,
                "probe.n",
                "invalid type: floating point `2.0`, expected a whole number, 0 or more",
                7,
            ),
            (
                r#"{"n": -1}"#,
                "probe.n",
                "invalid value: integer `-1`, expected a whole number, 0 or more",
                7,
            ),
            (
                r#"{"n": 1, "x": true}"#,
                "probe.x",
                "invalid type: boolean `true`, expected a number",
                15,
            ),
            (
                r#"{"n": 1, "names": ["a", 2]}"#,
                "probe.names[1]",
                "invalid type: integer `2`, expected a string",
                25,
            ),
            (
                r#"{"n": 1, "names": {}}"#,
                "probe.names",
                "invalid type: map, expected a sequence",
                19,
            ),
            (
                r#"{"n": 1, "flag": null}"#,
                "probe.flag",
                "invalid type: null, expected `true` or `false`",
                18,
            ),
            (
                r#"[1]"#,
                "probe",
                "invalid type: sequence, expected a map",
                1,
            ),
            (r#"{"x": 1}"#, "probe", "missing field `n`", 1),
            (
                r#"{"n": 1, "nn": 2}"#,
                "probe",
                "unknown field `nn`, expected one of `n`, `x`, `names`, `flag`",
                10,
            ),
            (r#"{"n": 1, "n": 2}"#, "probe", "duplicate field `n`", 10),
        ];
        for (text, path, message, column) in cases {
            assert_eq!(
                problem(text),
                (path.to_owned(), message.to_owned(), Some(column)),
                "{text}"
            );
        }
        let e = read::<u32>("4294967296", "").unwrap_err();
        assert_eq!(
            e.first().message(),
            "invalid value: integer `4294967296`, expected a whole number from 0 to 2^32 − 1"
        );
    }

    #[test]
    fn serde_users_get_the_same_rules() {
        // Through serde_json::Value (no locations) and from text.
        let v = serde_json::json!({"n": 1, "names": ["a", 2]});
        let e = serde_json::from_value::<ProbeSerde>(v).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid type: integer `2`, expected a string (at `names[1]`)"
        );
        let ok: ProbeSerde = serde_json::from_str(r#"{"n": 4}"#).unwrap();
        assert_eq!(ok.0.n, 4);
    }

    #[derive(Debug)]
    struct ProbeSerde(Probe);
    impl FromJson for ProbeSerde {
        fn from_json(v: &Node<'_>) -> JsonResult<Self> {
            Probe::from_json(v).map(ProbeSerde)
        }
    }
    deserialize_via_json!(ProbeSerde);

    /// Texts built from JSON's tokens, valid and not.
    fn jsonish() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            Just("{"),
            Just("}"),
            Just("["),
            Just("]"),
            Just(","),
            Just(":"),
            Just(" "),
            Just("\"a\""),
            Just("\"b\""),
            Just("\"\\u00e9\\n\""),
            Just("\"\\ud83d\\ude00\""),
            Just("\"\\ud800\""),
            Just("\"x"),
            Just("0"),
            Just("-0"),
            Just("17"),
            Just("-3"),
            Just("1.5e3"),
            Just("2."),
            Just("1e999"),
            Just("18446744073709551616"),
            Just("true"),
            Just("fals"),
            Just("null"),
            Just("\n"),
        ];
        prop::collection::vec(token, 0..24).prop_map(|t| t.concat())
    }

    /// Every shape serde can hand a serializer, for comparing `to_string`
    /// with serde_json: enum variants of each kind, maps with number,
    /// boolean and character keys, options, characters, `f32`, bytes and
    /// 128-bit integers.
    #[derive(Debug, Clone, serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(f64),
        Tuple(i32, String),
        Struct { a: Option<u8>, b: Vec<Shape> },
    }

    #[derive(Debug, Clone, serde::Serialize)]
    struct Shapes {
        shapes: Vec<Shape>,
        by_number: std::collections::BTreeMap<i64, f32>,
        by_flag: std::collections::BTreeMap<bool, char>,
        by_char: std::collections::BTreeMap<char, ()>,
        #[serde(with = "serde_bytes_as_seq")]
        bytes: Vec<u8>,
        big: (i128, u128),
        unit: (),
        text: String,
    }

    mod serde_bytes_as_seq {
        pub(super) fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    fn shape() -> impl Strategy<Value = Shape> {
        let leaf = prop_oneof![
            Just(Shape::Unit),
            any::<f64>().prop_map(Shape::Newtype),
            (any::<i32>(), "\\PC{0,8}|[\"\\\\\u{0}-\u{1f}\u{7f}a]{0,8}")
                .prop_map(|(n, s)| Shape::Tuple(n, s)),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            (any::<Option<u8>>(), prop::collection::vec(inner, 0..4))
                .prop_map(|(a, b)| Shape::Struct { a, b })
        })
    }

    /// Pieces longer than the writer's array, and output many times its
    /// size, both ways.
    #[test]
    fn long_texts_are_written_whole() {
        let long = format!("{}\"\n{}", "é".repeat(300), "k".repeat(700));
        let v: std::collections::BTreeMap<String, Vec<String>> = [
            (long.clone(), vec![long.clone(); 5]),
            ("a".repeat(257), vec![]),
        ]
        .into();
        let reference = serde_json::to_string(&v).unwrap();
        assert_eq!(write_with::<false, _>(&v).unwrap(), reference);
        assert_eq!(write_with::<true, _>(&v).unwrap(), reference);
    }

    #[test]
    fn map_keys_that_are_not_strings_fail_as_in_serde_json() {
        let v: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert_eq!(
            to_string(&v).unwrap_err().to_string(),
            serde_json::to_string(&v).unwrap_err().to_string()
        );
        let v: std::collections::BTreeMap<u8, f64> = [(1, f64::NAN)].into();
        assert_eq!(to_string(&v).unwrap(), serde_json::to_string(&v).unwrap());
    }

    proptest! {
        /// `to_string` writes serde_json's bytes for every shape of value.
        #[test]
        fn writes_what_serde_json_writes(
            shapes in prop::collection::vec(shape(), 0..4),
            by_number in prop::collection::btree_map(any::<i64>(), any::<f32>(), 0..4),
            by_flag in prop::collection::btree_map(any::<bool>(), any::<char>(), 0..3),
            by_char in prop::collection::btree_map(any::<char>(), Just(()), 0..3),
            bytes in prop::collection::vec(any::<u8>(), 0..6),
            big in (any::<i128>(), any::<u128>()),
            text in "\\PC{0,20}|[\"\\\\\u{0}-\u{1f}\u{7f}é]{0,20}",
        ) {
            let v = Shapes { shapes, by_number, by_flag, by_char, bytes, big, unit: (), text };
            let reference = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(&write_with::<false, _>(&v).unwrap(), &reference);
            prop_assert_eq!(&write_with::<true, _>(&v).unwrap(), &reference);
        }

        /// Numbers are read to the same bits as std's correctly rounded
        /// parser, and serde_json's with `float_roundtrip`, give them.
        #[test]
        fn numbers_round_as_std_and_serde_json_round(
            text in r"-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?"
        ) {
            let reference = serde_json::from_str::<serde_json::Value>(&text);
            match parse(&text) {
                Ok(node) => {
                    let ours = to_serde(&node);
                    let reference = reference.unwrap();
                    prop_assert_eq!(&ours, &reference);
                    if let Value::Number(Number::Float(x)) = node.value() {
                        prop_assert_eq!(x.to_bits(), text.parse::<f64>().unwrap().to_bits());
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e.first().message(), "number out of range");
                    prop_assert!(reference.is_err());
                }
            }
        }

        /// serde_json is the reference: the same texts are accepted, and
        /// give the same values (serde_json's maps keep a repeated key's
        /// last value, as `to_serde` does).
        #[test]
        fn agrees_with_serde_json(text in prop_oneof![jsonish(), ".{0,40}"]) {
            let ours = parse(&text).map(|n| to_serde(&n));
            let reference = serde_json::from_str::<serde_json::Value>(&text);
            match (ours, reference) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(&a, &b);
                    // And `to_string` writes serde_json's bytes, both ways.
                    let reference = serde_json::to_string(&b).unwrap();
                    prop_assert_eq!(&write_with::<false, _>(&a).unwrap(), &reference);
                    prop_assert_eq!(&write_with::<true, _>(&a).unwrap(), &reference);
                }
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(false, "{text:?}: ours {a:?}, serde_json {b:?}"),
            }
        }
    }
}
