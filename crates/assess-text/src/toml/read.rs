//! The reader: one recursive-descent pass over the text, statement by
//! statement, with no token or event list. It reads keys, headers, arrays,
//! inline tables and the run of characters of a number, boolean or
//! date-time, hands each statement to the tree as it goes, and after a
//! syntax error skips to the next line that starts a statement, so several
//! errors are reported at once. Strings are read in `string`, scalars
//! checked in `scalar`.

use std::borrow::Cow;

use super::scalar::{classify, date};
use super::tree::{Kind, State, Table, Value, insert_inline};
use super::{MAX_DEPTH, Span};

/// A syntax error: what is wrong, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, in the house style.
    pub message: String,
    /// Where.
    pub span: Span,
}

pub(super) type R<T> = Result<T, SyntaxError>;

/// The problems found so far, and the text to say on which line a key was
/// first defined.
pub(super) struct Errors<'i> {
    pub(super) text: &'i str,
    pub(super) list: Vec<SyntaxError>,
    /// Errors past this many are dropped: an inline table of 400,000
    /// repeated keys gives `max` problems, not 400,000.
    pub(super) max: usize,
    /// The text's lines, indexed once when a line number is first needed.
    pub(super) index: Option<crate::problem::LineIndex<'i>>,
}

impl Errors<'_> {
    pub(super) fn push(&mut self, span: Span, message: String) {
        if self.list.len() < self.max {
            self.list.push(SyntaxError { message, span });
        }
    }

    /// Whether no more errors are kept.
    pub(super) fn full(&self) -> bool {
        self.list.len() >= self.max
    }

    /// `name` (a key or a header's key) defined again at `at`; `first` is
    /// the span of its first definition when it is known.
    #[inline(never)]
    pub(super) fn defined_twice(&mut self, at: Span, what: &str, name: &str, first: Option<&Span>) {
        if self.full() {
            return;
        }
        let name = crate::problem::shown(name);
        let message = match first {
            Some(first) => {
                let text = self.text;
                let line = self
                    .index
                    .get_or_insert_with(|| crate::problem::LineIndex::new(text))
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
    pub(super) fn cannot_extend(&mut self, at: Span, name: &str, what: &str) {
        let name = crate::problem::shown(name);
        self.push(
            at,
            format!("`{name}` is {what}, so keys cannot be added to it here"),
        );
    }
}

/// A key as written: its name (quotes and escapes resolved) and span.
#[derive(Clone)]
pub(super) struct Key<'i> {
    pub(super) name: Cow<'i, str>,
    pub(super) span: Span,
}

/// A `[table]` or `[[array]]` header.
pub(super) struct Header<'i> {
    pub(super) path: Vec<Key<'i>>,
    pub(super) key: Key<'i>,
    pub(super) span: Span,
    pub(super) is_array: bool,
}

pub(super) struct Reader<'i> {
    pub(super) s: &'i str,
    pub(super) b: &'i [u8],
    pub(super) pos: usize,
    pub(super) errors: Errors<'i>,
    /// How many keys the current table header has (0 at the root): the
    /// depth its key-value pairs start at.
    pub(super) table_depth: u32,
}

/// How many tables a path of keys opens (at most `u32::MAX`).
fn nested<T>(path: &[T]) -> u32 {
    u32::try_from(path.len()).unwrap_or(u32::MAX)
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Control characters, which TOML allows in no string or comment (tab
/// aside; newlines only where a line may end).
pub(super) fn is_control(c: u8) -> bool {
    (c < 0x20 && c != b'\t') || c == 0x7f
}

impl<'i> Reader<'i> {
    pub(super) fn peek(&self) -> Option<u8> {
        crate::ops::tick(1);
        self.b.get(self.pos).copied()
    }

    pub(super) fn peek_at(&self, k: usize) -> Option<u8> {
        crate::ops::tick(1);
        self.b.get(self.pos + k).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The span of the character at the reading position (empty at the
    /// end of the text).
    pub(super) fn here(&self) -> Span {
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

    pub(super) fn error<T>(span: Span, message: impl Into<String>) -> R<T> {
        Err(SyntaxError {
            message: message.into(),
            span,
        })
    }

    pub(super) fn document(&mut self) -> Table<'i> {
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
                    self.table_depth = nested(&h.path).saturating_add(1);
                    st.finish_table(&mut self.errors);
                    st.start_table(h, &mut self.errors);
                    self.end_of_line("the table header")
                }),
                _ => self
                    .keyval(self.table_depth, false)
                    .and_then(|(path, key, value)| {
                        st.keyval(path, key, value, &mut self.errors);
                        self.end_of_line("the value")
                    }),
            };
            if let Err(e) = r {
                self.errors.push(e.span, e.message);
                self.recover();
            }
            if self.errors.full() {
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
    pub(super) fn control(&self) -> SyntaxError {
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
    /// `depth`: how many tables the key already sits under; a key that would
    /// nest its value deeper than [`MAX_DEPTH`] is an error.
    fn dotted_key(&mut self, depth: u32) -> R<(Vec<Key<'i>>, Key<'i>)> {
        let mut path = Vec::new();
        let mut key = self.simple_key()?;
        loop {
            let save = self.pos;
            self.ws();
            if self.peek() == Some(b'.') {
                self.pos += 1;
                self.ws();
                path.push(key);
                if depth.saturating_add(nested(&path)) > MAX_DEPTH {
                    return Self::error(
                        self.here(),
                        format!("keys and tables are nested more than {MAX_DEPTH} deep"),
                    );
                }
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
        let (path, key) = self.dotted_key(0)?;
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
        let (path, key) = self.dotted_key(depth)?;
        self.space(inline)?;
        if self.peek() != Some(b'=') {
            return Err(self.expected("`=` after the key"));
        }
        self.pos += 1;
        self.space(inline)?;
        let value = self.value(depth.saturating_add(nested(&path)))?;
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
