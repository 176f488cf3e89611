//! Strings: basic (`"..."`) and literal (`'...'`) strings, their
//! multi-line forms, and escapes, borrowed from the text until an escape or
//! a line-ending backslash makes a copy necessary.

use std::borrow::Cow;

use super::Span;

use super::read::{R, Reader, SyntaxError, is_control};

impl<'i> Reader<'i> {
    /// `"..."`, escapes resolved, or `'...'`, as written (`quote` says
    /// which).
    pub(super) fn string(&mut self, quote: u8) -> R<Cow<'i, str>> {
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
    pub(super) fn multiline_string(&mut self, quote: u8) -> R<Cow<'i, str>> {
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
