//! TOML text into a tree of spanned values: the first stage of reading an
//! instrument or the job-family catalogue ([`de`] walks the tree into the
//! raw structs).
//!
//! It reads TOML 1.1 (<https://toml.io/en/v1.1.0>), the version the `toml`
//! crate 1.2 reads, and builds the same tree that crate's `DeTable::
//! parse_recoverable` builds: the same values, keys in the same (sorted)
//! order, and the same spans for values, keys and tables, so that every
//! located problem points where it did. A differential test
//! (`tests::agrees_with_the_toml_crate` and the property tests beside it)
//! compares the two on the shipped instruments, the fixtures, the TOML
//! test cases below and random documents.
//!
//! Written here rather than taken from that crate because the WebAssembly
//! package carries it. The crate's lexer, event parser, error sink and
//! date-time parser, with the Unicode tables its `{:?}` messages pulled in,
//! made the front end's `.wasm` 44 KB larger than this reader does
//! (502,064 against 457,725 bytes), and this reader parses an instrument in
//! one pass, without a token or event list: the first load of the RIASEC
//! inventory in Chromium went from about 19.5 to 15 ms (docs/benchmark-history.md).
//!
//! Syntax errors are reported several at a time: after an error the reader
//! skips to the next line that starts a key-value pair or a table header,
//! so one broken value does not hide a second one further down, and the
//! lines of a broken multi-line array are not each reported again.

pub mod de;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry as MapEntry;
use std::fmt;
use std::ops::Range;

/// Byte offsets into the text.
pub type Span = Range<usize>;

/// Arrays and inline tables nested deeper than this are an error, as in
/// the `toml` crate: the reader recurses, and hostile input must not
/// overflow the stack.
pub const MAX_DEPTH: u32 = 80;

/// A value and where it is in the text. A table made by a header spans the
/// header (`[a.b]`); a table made implicitly spans the key that made it;
/// the document's root table spans nothing (`0..0`).
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'i> {
    /// Where the value is in the text.
    pub span: Span,
    /// The value.
    pub kind: Kind<'i>,
}

/// What a value is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'i> {
    /// A string, escapes resolved.
    String(Cow<'i, str>),
    /// An integer as written.
    Integer(Integer<'i>),
    /// The float as written without `_`, which `f64::from_str` reads
    /// (`inf`, `-nan` included).
    Float(Cow<'i, str>),
    /// `true` or `false`.
    Boolean(bool),
    /// A date, time or date-time as written (checked, not converted).
    Datetime(&'i str),
    /// An array.
    Array(Vec<Value<'i>>),
    /// A table (header, dotted key or inline).
    Table(Table<'i>),
}

/// An integer as written: its digits without `_` or the radix prefix (a
/// decimal keeps its sign), for `i64::from_str_radix` with `radix`. Not
/// converted here, so that a number beyond `i64` is the walker's located
/// type error rather than a syntax error.
#[derive(Clone, Debug, PartialEq)]
pub struct Integer<'i> {
    /// The digits, without `_` or prefix; a decimal keeps its sign.
    pub digits: Cow<'i, str>,
    /// 2, 8, 10 or 16.
    pub radix: u32,
}

impl fmt::Display for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.radix {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        };
        write!(f, "{prefix}{}", self.digits)
    }
}

/// A table: its entries in key order, and how it was made (TOML's rules on
/// defining a table twice depend on it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'i> {
    entries: BTreeMap<Cow<'i, str>, Entry<'i>>,
    /// Made as the parent of a header or a dotted key, not defined itself.
    implicit: bool,
    /// Made by a dotted key.
    dotted: bool,
    /// Written inline (`{ ... }`), so closed to later keys and headers.
    inline: bool,
    /// One of the tables of an `[[array]]`.
    of_tables: bool,
}

/// A key's span and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'i> {
    /// Where the key is in the text.
    pub key: Span,
    /// The value.
    pub value: Value<'i>,
}

impl<'i> Table<'i> {
    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Entry<'i>)> {
        self.entries.iter().map(|(k, e)| (&**k, e))
    }

    /// Whether the table has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
}

/// A syntax error: what is wrong, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, in the house style.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// Reads `text` into its root table (a [`Value`] spanning `0..0`), with
/// every syntax error found, in the order they are found, at most `max_errors`
/// of them. The tree holds what could be read even when there are errors.
pub fn parse(text: &str, max_errors: usize) -> (Value<'_>, Vec<SyntaxError>) {
    let mut p = Reader {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        errors: Errors {
            text,
            list: Vec::new(),
        },
    };
    let root = p.document(max_errors.max(1));
    let mut errors = p.errors.list;
    errors.truncate(max_errors);
    (
        Value {
            span: 0..0,
            kind: Kind::Table(root),
        },
        errors,
    )
}

type R<T> = Result<T, SyntaxError>;

/// The problems found so far, and the text to say on which line a key was
/// first defined.
struct Errors<'i> {
    text: &'i str,
    list: Vec<SyntaxError>,
}

impl Errors<'_> {
    fn push(&mut self, span: Span, message: String) {
        self.list.push(SyntaxError { message, span });
    }

    /// `name` (a key or a header's key) defined again at `at`; `first` is
    /// the span of its first definition when it is known.
    #[inline(never)]
    fn defined_twice(&mut self, at: Span, what: &str, name: &str, first: Option<&Span>) {
        let name = crate::problem::shown(name);
        let message = match first {
            Some(first) => {
                let line = crate::problem::LineIndex::new(self.text)
                    .locate(first.clone())
                    .line;
                format!("{what} `{name}` is defined twice (first on line {line})")
            }
            None => format!("{what} `{name}` is defined twice"),
        };
        self.push(at, message);
    }

    /// A dotted key or header that would add to a value that is not an
    /// open table.
    #[inline(never)]
    fn cannot_extend(&mut self, at: Span, name: &str, what: &str) {
        let name = crate::problem::shown(name);
        self.push(
            at,
            format!("`{name}` is {what}, so keys cannot be added to it here"),
        );
    }
}

/// A key as written: its name (quotes and escapes resolved) and span.
#[derive(Clone)]
struct Key<'i> {
    name: Cow<'i, str>,
    span: Span,
}

/// A `[table]` or `[[array]]` header.
struct Header<'i> {
    path: Vec<Key<'i>>,
    key: Key<'i>,
    span: Span,
    is_array: bool,
}

struct Reader<'i> {
    s: &'i str,
    b: &'i [u8],
    pos: usize,
    errors: Errors<'i>,
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Control characters, which TOML allows in no string or comment (tab
/// aside; newlines only where a line may end).
fn is_control(c: u8) -> bool {
    (c < 0x20 && c != b'\t') || c == 0x7f
}

impl<'i> Reader<'i> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.pos + k).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The span of the character at the reading position (empty at the
    /// end of the text).
    fn here(&self) -> Span {
        let len = self.s[self.pos..].chars().next().map_or(0, char::len_utf8);
        self.pos..self.pos + len
    }

    /// The character at the reading position, as a message names it.
    fn found(&self) -> String {
        match self.s[self.pos..].chars().next() {
            None => "the end of the file".to_owned(),
            Some('\n') => "the end of the line".to_owned(),
            Some('\r') if self.peek_at(1) == Some(b'\n') => "the end of the line".to_owned(),
            Some('\r') => "a carriage return without a line feed".to_owned(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
        }
    }

    /// "expected X, found Y" at the reading position.
    /// Right after a closing quote, a letter or digit usually means the
    /// string's quotes are not where the author meant: say so.
    #[inline(never)]
    fn expected(&self, what: &str) -> SyntaxError {
        let after_quote = self.pos > 0
            && matches!(self.b[self.pos - 1], b'"' | b'\'')
            && self.peek().is_some_and(|c| c.is_ascii_alphanumeric());
        let hint = if after_quote {
            " (a string ends just before it: is a quote missing, or one too many?)"
        } else {
            ""
        };
        SyntaxError {
            message: format!("expected {what}, found {}{hint}", self.found()),
            span: self.here(),
        }
    }

    fn error<T>(span: Span, message: impl Into<String>) -> R<T> {
        Err(SyntaxError {
            message: message.into(),
            span,
        })
    }

    fn document(&mut self, max_errors: usize) -> Table<'i> {
        let mut st = State::default();
        if self.s.starts_with('\u{feff}') {
            self.pos = 3;
        }
        loop {
            self.ws();
            let Some(c) = self.peek() else { break };
            let r = match c {
                b'\n' => {
                    self.pos += 1;
                    Ok(())
                }
                b'\r' => self.newline(),
                b'#' => self.comment(),
                b'[' => self.header().and_then(|h| {
                    st.finish_table(&mut self.errors);
                    st.start_table(h, &mut self.errors);
                    self.end_of_line("the table header")
                }),
                _ => self.keyval(0, false).and_then(|(path, key, value)| {
                    st.keyval(path, key, value, &mut self.errors);
                    self.end_of_line("the value")
                }),
            };
            if let Err(e) = r {
                self.errors.list.push(e);
                self.recover();
            }
            if self.errors.list.len() >= max_errors {
                break;
            }
        }
        st.finish_table(&mut self.errors);
        st.root
    }

    /// After an error: on to the next line that starts a key-value pair or
    /// a table header (or to the end).
    fn recover(&mut self) {
        loop {
            match self.b[self.pos.min(self.b.len())..]
                .iter()
                .position(|&c| c == b'\n')
            {
                Some(i) => self.pos += i + 1,
                None => {
                    self.pos = self.b.len();
                    return;
                }
            }
            if starts_statement(&self.b[self.pos..]) {
                return;
            }
        }
    }

    fn newline(&mut self) -> R<()> {
        match (self.peek(), self.peek_at(1)) {
            (Some(b'\n'), _) => self.pos += 1,
            (Some(b'\r'), Some(b'\n')) => self.pos += 2,
            _ => return Err(self.expected("a newline")),
        }
        Ok(())
    }

    /// A comment, from `#` to the end of the line (not included).
    fn comment(&mut self) -> R<()> {
        self.pos += 1;
        while let Some(c) = self.peek() {
            if c == b'\n' || (c == b'\r' && self.peek_at(1) == Some(b'\n')) {
                break;
            }
            if is_control(c) {
                return Err(self.control());
            }
            self.pos += 1;
        }
        Ok(())
    }

    #[inline(never)]
    fn control(&self) -> SyntaxError {
        let c = self.peek().unwrap_or(0);
        SyntaxError {
            span: self.here(),
            message: format!(
                "control character U+{:04X} is not allowed here; write it as an escape (\\u{:04X}) inside a \"string\"",
                c, c
            ),
        }
    }

    /// What may follow a statement: spaces, a comment, the end of the line.
    fn end_of_line(&mut self, after: &str) -> R<()> {
        self.ws();
        match (self.peek(), self.peek_at(1)) {
            (None | Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => Ok(()),
            (Some(b'#'), _) => self.comment(),
            _ => Err(self.expected(&format!("the end of the line after {after}"))),
        }
    }

    /// Spaces, comments and newlines, inside arrays and inline tables.
    fn blank(&mut self) -> R<()> {
        loop {
            self.ws();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Ok(()),
            }
        }
    }

    fn simple_key(&mut self) -> R<Key<'i>> {
        let start = self.pos;
        let name = match self.peek() {
            Some(q @ (b'"' | b'\'')) => self.string(q)?,
            Some(c) if is_bare(c) => {
                while self.peek().is_some_and(is_bare) {
                    self.pos += 1;
                }
                Cow::Borrowed(&self.s[start..self.pos])
            }
            _ => return Err(self.expected("a key")),
        };
        Ok(Key {
            name,
            span: start..self.pos,
        })
    }

    /// `a.b.c`: the path to the table (`a`, `b`) and the last key (`c`).
    fn dotted_key(&mut self) -> R<(Vec<Key<'i>>, Key<'i>)> {
        let mut path = Vec::new();
        let mut key = self.simple_key()?;
        loop {
            let save = self.pos;
            self.ws();
            if self.peek() == Some(b'.') {
                self.pos += 1;
                self.ws();
                path.push(key);
                key = self.simple_key()?;
            } else {
                self.pos = save;
                return Ok((path, key));
            }
        }
    }

    fn header(&mut self) -> R<Header<'i>> {
        let start = self.pos;
        let is_array = self.peek_at(1) == Some(b'[');
        self.pos += if is_array { 2 } else { 1 };
        self.ws();
        let (path, key) = self.dotted_key()?;
        self.ws();
        let close: &[u8] = if is_array { b"]]" } else { b"]" };
        if !self.b[self.pos..].starts_with(close) {
            return Err(self.expected(if is_array {
                "`]]` to end the header"
            } else {
                "`]` to end the header"
            }));
        }
        self.pos += close.len();
        Ok(Header {
            path,
            key,
            span: start..self.pos,
            is_array,
        })
    }

    /// `key = value`. Inside an inline table (`inline`), line breaks and
    /// comments may come before and after the `=`, as the `toml` crate
    /// allows (TOML 1.1 itself allows them only between pairs).
    fn keyval(&mut self, depth: u32, inline: bool) -> R<(Vec<Key<'i>>, Key<'i>, Value<'i>)> {
        let (path, key) = self.dotted_key()?;
        self.space(inline)?;
        if self.peek() != Some(b'=') {
            return Err(self.expected("`=` after the key"));
        }
        self.pos += 1;
        self.space(inline)?;
        let value = self.value(depth)?;
        Ok((path, key, value))
    }

    fn space(&mut self, blank: bool) -> R<()> {
        if blank {
            self.blank()
        } else {
            self.ws();
            Ok(())
        }
    }

    fn value(&mut self, depth: u32) -> R<Value<'i>> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(q @ (b'"' | b'\'')) if self.b[self.pos..].starts_with(&[q, q, q]) => {
                Kind::String(self.multiline_string(q)?)
            }
            Some(q @ (b'"' | b'\'')) => Kind::String(self.string(q)?),
            Some(b'[' | b'{') if depth >= MAX_DEPTH => {
                return Self::error(
                    self.here(),
                    format!("arrays and inline tables are nested more than {MAX_DEPTH} deep"),
                );
            }
            Some(b'[') => Kind::Array(self.array(depth + 1)?),
            Some(b'{') => Kind::Table(self.inline_table(depth + 1)?),
            _ => return self.scalar(),
        };
        Ok(Value {
            span: start..self.pos,
            kind,
        })
    }

    fn array(&mut self, depth: u32) -> R<Vec<Value<'i>>> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            if self.at_close(b']')? {
                return Ok(items);
            }
            items.push(self.value(depth)?);
            if self.after_element(b']', "`,` or `]` in the array")? {
                return Ok(items);
            }
        }
    }

    /// Before an element of an array or inline table: whether `close`
    /// ends it here (blank lines and comments skipped).
    fn at_close(&mut self, close: u8) -> R<bool> {
        self.blank()?;
        let closed = self.peek() == Some(close);
        if closed {
            self.pos += 1;
        }
        Ok(closed)
    }

    /// After an element: `,` (more may follow) or `close` (the end, `true`).
    fn after_element(&mut self, close: u8, expected: &str) -> R<bool> {
        self.blank()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.expected(expected)),
        }
    }

    fn inline_table(&mut self, depth: u32) -> R<Table<'i>> {
        self.pos += 1;
        let mut table = Table {
            inline: true,
            ..Table::default()
        };
        loop {
            if self.at_close(b'}')? {
                return Ok(table);
            }
            let (path, key, value) = self.keyval(depth, true)?;
            insert_inline(&mut table, &path, key, value, &mut self.errors);
            if self.after_element(b'}', "`,` or `}` in the inline table")? {
                return Ok(table);
            }
        }
    }

    /// `"..."`, escapes resolved, or `'...'`, as written (`quote` says
    /// which).
    fn string(&mut self, quote: u8) -> R<Cow<'i, str>> {
        let open = self.pos;
        self.pos += 1;
        let mut text = Text::new(self.pos);
        loop {
            match self.peek() {
                Some(c) if c == quote => {
                    let s = text.finish(self.s, self.pos);
                    self.pos += 1;
                    return Ok(s);
                }
                Some(b'\\') if quote == b'"' => self.escape(&mut text)?,
                None | Some(b'\n') => return Err(Self::unterminated(open..open + 1, "string")),
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                    return Err(Self::unterminated(open..open + 1, "string"));
                }
                Some(c) if is_control(c) => return Err(self.control()),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// `"""..."""` or `'''...'''`: a newline right after the opening quotes is
    /// dropped; in `"""`, escapes are resolved and a `\` at the end of a
    /// line drops the line break and the spaces after.
    fn multiline_string(&mut self, quote: u8) -> R<Cow<'i, str>> {
        let open = self.pos;
        self.pos += 3;
        self.first_newline();
        let mut text = Text::new(self.pos);
        loop {
            match self.peek() {
                Some(c) if c == quote => {
                    if let Some(s) = self.close_multiline(quote, &mut text)? {
                        return Ok(s);
                    }
                }
                Some(b'\\') if quote == b'"' => {
                    let mut k = self.pos + 1;
                    while matches!(self.b.get(k), Some(b' ' | b'\t')) {
                        k += 1;
                    }
                    if matches!(self.b.get(k), Some(b'\n'))
                        || (self.b.get(k) == Some(&b'\r') && self.b.get(k + 1) == Some(&b'\n'))
                    {
                        text.cut(self.s, self.pos);
                        self.pos = k;
                        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n'))
                            || (self.peek() == Some(b'\r') && self.peek_at(1) == Some(b'\n'))
                        {
                            self.pos += 1;
                        }
                        text.start = self.pos;
                    } else {
                        self.escape(&mut text)?;
                    }
                }
                None => return Err(Self::unterminated(open..open + 3, "multi-line string")),
                Some(b'\n') => self.pos += 1,
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                Some(c) if is_control(c) => return Err(self.control()),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn first_newline(&mut self) {
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        } else if self.peek() == Some(b'\r') && self.peek_at(1) == Some(b'\n') {
            self.pos += 2;
        }
    }

    /// At a run of `quote`s in a multi-line string: three end it, and up to
    /// two more before them belong to the text. `None` when the run is
    /// shorter than three (text, read on).
    fn close_multiline(&mut self, quote: u8, text: &mut Text) -> R<Option<Cow<'i, str>>> {
        let run = self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == quote)
            .count();
        if run < 3 {
            self.pos += run;
            return Ok(None);
        }
        if run > 5 {
            return Self::error(
                self.pos..self.pos + run,
                "more than five quotes in a row in a multi-line string; escape some of them",
            );
        }
        let end = self.pos + run - 3;
        let s = text.finish(self.s, end);
        self.pos += run;
        Ok(Some(s))
    }

    #[inline(never)]
    fn unterminated(open: Span, what: &str) -> SyntaxError {
        SyntaxError {
            span: open,
            message: format!("this {what} is not closed: its closing quote is missing"),
        }
    }

    /// An escape in a basic string (at the `\`), appended to `text`.
    fn escape(&mut self, text: &mut Text) -> R<()> {
        let at = self.pos;
        text.cut(self.s, at);
        let c = self.peek_at(1);
        self.pos += 2;
        let ch = match c {
            Some(b'b') => '\u{8}',
            Some(b't') => '\t',
            Some(b'n') => '\n',
            Some(b'f') => '\u{c}',
            Some(b'r') => '\r',
            Some(b'e') => '\u{1b}',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'x') => self.hex(at, 2)?,
            Some(b'u') => self.hex(at, 4)?,
            Some(b'U') => self.hex(at, 8)?,
            _ => {
                self.pos = at + 1;
                let end = at + 1 + self.here().len();
                return Self::error(
                    at..end,
                    format!(
                        "unknown escape `{}`; write a backslash as `\\\\`",
                        &self.s[at..end]
                    ),
                );
            }
        };
        text.owned.push(ch);
        text.start = self.pos;
        Ok(())
    }

    /// `n` hexadecimal digits after `\x`, `\u` or `\U` (at `at`).
    fn hex(&mut self, at: usize, n: usize) -> R<char> {
        let digits = self.b.get(self.pos..self.pos + n).unwrap_or(&[]);
        let value = if digits.len() == n && digits.iter().all(u8::is_ascii_hexdigit) {
            // n ≤ 8 hexadecimal digits fit a u32.
            digits.iter().fold(0_u32, |v, &d| {
                v * 16 + char::from(d).to_digit(16).unwrap_or(0)
            })
        } else {
            return Self::error(
                at..self.pos,
                format!(
                    "expected {n} hexadecimal digits after `{}`",
                    &self.s[at..self.pos]
                ),
            );
        };
        self.pos += n;
        char::from_u32(value).ok_or_else(|| SyntaxError {
            message: format!("`{}` is not a Unicode character", &self.s[at..self.pos]),
            span: at..self.pos,
        })
    }

    /// A number, boolean or date-time: the run of characters they are
    /// written with, then checked against each form.
    fn scalar(&mut self) -> R<Value<'i>> {
        let start = self.pos;
        self.scalar_run();
        // A date, a space and a time are one date-time.
        if self.pos - start == 10
            && date(&self.b[start..self.pos]).is_some()
            && self.peek() == Some(b' ')
            && self.peek_at(1).is_some_and(|c| c.is_ascii_digit())
            && self.peek_at(2).is_some_and(|c| c.is_ascii_digit())
            && self.peek_at(3) == Some(b':')
        {
            self.pos += 1;
            self.scalar_run();
        }
        let span = start..self.pos;
        let tok = &self.s[span.clone()];
        if tok.is_empty() {
            return Err(self.expected("a value"));
        }
        match classify(tok) {
            Some(kind) => Ok(Value { span, kind }),
            None => Self::error(span, not_a_value(tok)),
        }
    }

    fn scalar_run(&mut self) {
        while self.peek().is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-' | b'.' | b':')
        }) {
            self.pos += 1;
        }
    }
}

/// Why a run of characters is no value, for the author to fix it.
#[inline(never)]
fn not_a_value(tok: &str) -> String {
    let shown = crate::problem::shown(tok);
    let b = tok.as_bytes();
    let numeric = b
        .first()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'));
    if !numeric {
        format!(
            "`{shown}` is not a value: write text in quotes (\"{shown}\"), and yes or no as `true` or `false`"
        )
    } else if b.len() >= 5
        && (b[4] == b'-' || b[2] == b':')
        && b[..2].iter().all(u8::is_ascii_digit)
    {
        format!(
            "`{shown}` is not a valid date or time (dates are written 2026-01-31, times 07:30:00)"
        )
    } else {
        format!("`{shown}` is not a valid number")
    }
}

/// A string being read: borrowed from the text until an escape or a cut
/// makes it owned.
struct Text {
    /// Where the part not yet copied starts.
    start: usize,
    owned: String,
    is_owned: bool,
}

impl Text {
    fn new(start: usize) -> Text {
        Text {
            start,
            owned: String::new(),
            is_owned: false,
        }
    }

    /// Copies the text up to `end` and goes on owned.
    fn cut(&mut self, s: &str, end: usize) {
        self.owned.push_str(&s[self.start..end]);
        self.is_owned = true;
    }

    fn finish<'i>(&mut self, s: &'i str, end: usize) -> Cow<'i, str> {
        if self.is_owned {
            self.owned.push_str(&s[self.start..end]);
            Cow::Owned(std::mem::take(&mut self.owned))
        } else {
            Cow::Borrowed(&s[self.start..end])
        }
    }
}

/// Whether a line (after an error) starts a key-value pair or a header:
/// keys, dots and spaces, then `=` (or `]` in a header).
fn starts_statement(line: &[u8]) -> bool {
    let mut i = line
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    let close = if line.get(i) == Some(&b'[') {
        i += if line.get(i + 1) == Some(&b'[') { 2 } else { 1 };
        b']'
    } else {
        b'='
    };
    let mut key = false;
    while let Some(&c) = line.get(i) {
        match c {
            b'"' | b'\'' => match line[i + 1..].iter().position(|&d| d == c || d == b'\n') {
                Some(j) if line[i + 1 + j] == c => {
                    i += j + 2;
                    key = true;
                }
                _ => return false,
            },
            c if is_bare(c) => {
                i += 1;
                key = true;
            }
            b'.' | b' ' | b'\t' => i += 1,
            c => return key && c == close,
        }
    }
    false
}

/// The value a run of number, boolean or date-time characters is, if any.
fn classify(tok: &str) -> Option<Kind<'_>> {
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
fn date(b: &[u8]) -> Option<()> {
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

/// The tables of a document being read: the root, and the table the last
/// header opened (put in its place when the next header comes).
#[derive(Default)]
struct State<'i> {
    root: Table<'i>,
    current: Table<'i>,
    header: Option<Header<'i>>,
}

impl<'i> State<'i> {
    fn keyval(&mut self, path: Vec<Key<'i>>, key: Key<'i>, value: Value<'i>, errors: &mut Errors) {
        let dotted = !path.is_empty();
        let Some(parent) = descend(&mut self.current, &path, dotted, false, errors) else {
            return;
        };
        if dotted && !parent.implicit {
            // Dotted keys cannot add to a table defined with a header.
            let last = path.last().map_or(&key, |k| k);
            errors.defined_twice(key.span.clone(), "table", &last.name, None);
            return;
        }
        insert(parent, key, value, errors);
    }

    /// Puts the table the last header opened in its place.
    fn finish_table(&mut self, errors: &mut Errors) {
        let table = std::mem::take(&mut self.current);
        let Some(h) = self.header.take() else {
            self.root = table;
            return;
        };
        let value = Value {
            span: h.span.clone(),
            kind: Kind::Table(table),
        };
        let Some(parent) = descend(&mut self.root, &h.path, false, false, errors) else {
            return;
        };
        if !h.is_array {
            parent.entries.insert(
                h.key.name,
                Entry {
                    key: h.key.span,
                    value,
                },
            );
            return;
        }
        let mut value = value;
        if let Kind::Table(t) = &mut value.kind {
            t.of_tables = true;
        }
        match parent.entries.entry(h.key.name) {
            MapEntry::Vacant(v) => {
                v.insert(Entry {
                    key: h.key.span,
                    value: Value {
                        span: h.span,
                        kind: Kind::Array(vec![value]),
                    },
                });
            }
            MapEntry::Occupied(mut o) => match &mut o.get_mut().value.kind {
                // An array of tables: its tables are marked (a value array
                // holds inline tables at most, which are not).
                Kind::Array(items) if matches!(items.last(), Some(Value { kind: Kind::Table(t), .. }) if t.of_tables) =>
                {
                    items.push(value);
                }
                _ => {
                    let first = o.get().key.clone();
                    errors.defined_twice(h.key.span, "key", o.key(), Some(&first));
                }
            },
        }
    }

    fn start_table(&mut self, h: Header<'i>, errors: &mut Errors) {
        if !h.is_array {
            if let Some(parent) = descend(&mut self.root, &h.path, false, false, errors) {
                if let Some(old) = parent.entries.remove(&*h.key.name) {
                    match old.value.kind {
                        Kind::Table(t) if t.implicit && !t.dotted => self.current = t,
                        kind => {
                            errors.defined_twice(
                                h.key.span.clone(),
                                "table",
                                &h.key.name,
                                Some(&old.key),
                            );
                            if let Kind::Table(t) = kind {
                                self.current = t;
                            }
                        }
                    }
                }
            }
        }
        self.current.implicit = false;
        self.current.dotted = false;
        self.header = Some(h);
    }
}

fn insert<'i>(table: &mut Table<'i>, key: Key<'i>, value: Value<'i>, errors: &mut Errors) {
    match table.entries.entry(key.name) {
        MapEntry::Vacant(v) => {
            v.insert(Entry {
                key: key.span,
                value,
            });
        }
        MapEntry::Occupied(o) => {
            let first = o.get().key.clone();
            errors.defined_twice(key.span, "key", o.key(), Some(&first));
        }
    }
}

/// A key-value pair inside `{ ... }`.
fn insert_inline<'i>(
    table: &mut Table<'i>,
    path: &[Key<'i>],
    key: Key<'i>,
    value: Value<'i>,
    errors: &mut Errors,
) {
    let Some(parent) = descend(table, path, true, true, errors) else {
        return;
    };
    if parent.dotted == path.is_empty() {
        errors.defined_twice(key.span, "key", &key.name, None);
        return;
    }
    insert(parent, key, value, errors);
}

/// The table at `path` under `table`, made (implicit) where missing.
/// `dotted`: the path is a dotted key's (not a header's); `inline`: inside
/// an inline table.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
    inline: bool,
    errors: &mut Errors,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let entry = match table.entries.entry(key.name.clone()) {
            MapEntry::Vacant(v) => v.insert(Entry {
                key: key.span.clone(),
                value: Value {
                    span: key.span.clone(),
                    kind: Kind::Table(Table {
                        implicit: true,
                        dotted,
                        inline,
                        ..Table::default()
                    }),
                },
            }),
            MapEntry::Occupied(o) => o.into_mut(),
        };
        table = match &mut entry.value.kind {
            Kind::Array(items) if !inline => match items.last_mut().map(|v| &mut v.kind) {
                Some(Kind::Table(t)) if t.of_tables => t,
                _ => {
                    errors.cannot_extend(key.span.clone(), &key.name, "an array");
                    return None;
                }
            },
            Kind::Table(t) => {
                if !inline {
                    if t.inline {
                        errors.cannot_extend(key.span.clone(), &key.name, "an inline table");
                        return None;
                    }
                    if dotted && t.implicit {
                        t.dotted = true;
                    }
                }
                if dotted && !t.implicit {
                    errors.defined_twice(key.span.clone(), "table", &key.name, None);
                    return None;
                }
                t
            }
            _ => {
                errors.cannot_extend(key.span.clone(), &key.name, "not a table");
                return None;
            }
        };
    }
    Some(table)
}

#[cfg(test)]
mod tests;
