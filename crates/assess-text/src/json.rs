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
mod tests;
