//! Errors a person can act on.
//!
//! Every problem the engine finds in an input has a [`ProblemKind`] to match
//! on, a message in the house style (lowercase, identifiers in backticks,
//! "expected X, found Y"), a key path such as `items[12].scale`, the byte
//! span in the source text when the input came from TOML, the 1-based line
//! and column computed from that span, and a hint when one is known.
//!
//! Validation collects *all* problems of a document; [`Error`] holds them
//! together with the name of the source, and its `Display` shows each one
//! with the offending source line and a caret underline:
//!
//! ```
//! use assess_text::{Error, Problem, ProblemKind};
//!
//! let text = "[[items]]\nid = \"R1\"\nscale = \"Q\"\n";
//! let at = text.find("\"Q\"").unwrap();
//! let problem = Problem::new(
//!     ProblemKind::UnknownReference,
//!     "items[0].scale",
//!     "unknown scale `Q`; expected one of `R`, `S`",
//! )
//! .with_span(Some(at..at + 3))
//! .with_hint("did you mean `R`?");
//! let err = Error::single(problem).with_source_name("riasec.toml").located(text);
//! assert_eq!(
//!     err.to_string(),
//!     "\
//! error[unknown_reference]: unknown scale `Q`; expected one of `R`, `S`
//!  --> riasec.toml:3:9
//!   |
//! 3 | scale = \"Q\"
//!   |         ^^^
//!   = path: items[0].scale
//!   = hint: did you mean `R`?
//! "
//! );
//! ```

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// What went wrong, as a small enum to match on.
///
/// Serialised in snake_case (`"unknown_key"`); the names are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum ProblemKind {
    /// The text is not valid TOML (or JSON, for response files).
    Syntax,
    /// The input is larger than the engine accepts (bytes, items, text length…).
    TooLarge,
    /// A key the format does not define (often a typo).
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value has the wrong type (a string where a number belongs…).
    InvalidType,
    /// A value has the right type but is not allowed (an unknown variant, a
    /// malformed identifier or version, a number out of range).
    InvalidValue,
    /// Two things that must have distinct identifiers share one.
    DuplicateId,
    /// A reference to a scale, format, option or item that does not exist.
    UnknownReference,
    /// A scale with no items, a form with no items for a scale, a choice item
    /// without options.
    Empty,
    /// Localised text lacks a language the instrument declares, or names one
    /// it does not declare.
    Language,
    /// Reverse keying asked of a format whose options have no order.
    ReverseUnordered,
    /// Score bands leave part of the score range uncovered.
    BandGap,
    /// Score bands overlap.
    BandOverlap,
    /// A norm table whose raw scores, percentiles or T-scores are not
    /// increasing.
    NormNotMonotone,
    /// Item response theory parameters outside their admissible range.
    IrtOutOfRange,
    /// Thresholds of an ordered IRT model that are not in order.
    IrtUnordered,
    /// Two parts of a document contradict each other (an IRT model that does
    /// not fit the item's response format, a composite of a composite…).
    Inconsistent,
    /// A response names an item the instrument does not have.
    UnknownItem,
    /// A response value outside the item's allowed values.
    OutOfRange,
    /// The same item answered twice in one response set.
    DuplicateAnswer,
    /// A response of the wrong kind for the item (a number for a choice item…).
    WrongAnswerType,
    /// An input/output failure reading or writing a file (command line only).
    Io,
}

impl ProblemKind {
    /// The stable snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Syntax => "syntax",
            ProblemKind::TooLarge => "too_large",
            ProblemKind::UnknownKey => "unknown_key",
            ProblemKind::MissingKey => "missing_key",
            ProblemKind::InvalidType => "invalid_type",
            ProblemKind::InvalidValue => "invalid_value",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::UnknownReference => "unknown_reference",
            ProblemKind::Empty => "empty",
            ProblemKind::Language => "language",
            ProblemKind::ReverseUnordered => "reverse_unordered",
            ProblemKind::BandGap => "band_gap",
            ProblemKind::BandOverlap => "band_overlap",
            ProblemKind::NormNotMonotone => "norm_not_monotone",
            ProblemKind::IrtOutOfRange => "irt_out_of_range",
            ProblemKind::IrtUnordered => "irt_unordered",
            ProblemKind::Inconsistent => "inconsistent",
            ProblemKind::UnknownItem => "unknown_item",
            ProblemKind::OutOfRange => "out_of_range",
            ProblemKind::DuplicateAnswer => "duplicate_answer",
            ProblemKind::WrongAnswerType => "wrong_answer_type",
            ProblemKind::Io => "io",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One located problem.
///
/// `line` and `column` are 1-based; the column counts Unicode scalar values
/// (characters), not bytes, so `é` or an emoji is one column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Problem {
    kind: ProblemKind,
    message: String,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "{ start: number; end: number }"))]
    span: Option<Range<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip)]
    snippet: Option<Snippet>,
}

/// The source line of a problem, kept for display.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Snippet {
    text: String,
    /// Caret start and width, in characters within `text`.
    start: usize,
    width: usize,
}

impl Problem {
    /// A problem of `kind` at key `path` with `message`, not yet located in
    /// the source.
    pub fn new(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            kind,
            message: message.into(),
            path: capped(path.into()),
            line: None,
            column: None,
            span: None,
            hint: None,
            snippet: None,
        }
    }

    /// Adds the byte span in the source text.
    #[must_use]
    pub fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Puts a key or an index (`[3]`) in front of the key path.
    pub fn prefix_path(&mut self, segment: &str) {
        let dot = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        crate::ops::tick(segment.len() + self.path.len());
        self.path = capped(format!("{segment}{dot}{}", self.path));
    }

    /// Adds a hint on how to fix the problem.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    #[must_use]
    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }
    /// The message, in the house style (lowercase, no final period).
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The key path, such as `items[12].scale` (0-based indices); empty for
    /// the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// 1-based line, when the problem has a location in the source.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
    /// 1-based column in characters, when the problem has a location.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
    /// Byte span in the source text.
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }
    /// How to fix it, when known.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// Computes line, column and the display snippet from the span.
    pub fn locate(&mut self, index: &LineIndex<'_>) {
        let Some(span) = self.span.clone() else {
            return;
        };
        let loc = index.locate(span);
        self.line = Some(loc.line);
        self.column = Some(loc.column);
        self.snippet = Some(Snippet {
            text: loc.line_text,
            start: loc.excerpt_column,
            width: loc.width,
        });
    }

    fn render(&self, f: &mut fmt::Formatter<'_>, source_name: Option<&str>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.kind, self.message)?;
        let name = source_name.unwrap_or("<input>");
        let gutter = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        match (self.line, self.column) {
            (Some(line), Some(column)) => writeln!(f, "{pad}--> {name}:{line}:{column}")?,
            _ => writeln!(f, "{pad}--> {name}")?,
        }
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{line} | {}", snippet.text)?;
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(snippet.start),
                "^".repeat(snippet.width.max(1))
            )?;
        }
        if !self.path.is_empty() {
            writeln!(f, "{pad} = path: {}", self.path)?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, None)
    }
}

/// All problems found in one input, with the name of its source.
///
/// This is the one public error type of the pipeline. [`Error::kind`] is the
/// kind of the first problem; [`Error::problems`] lists every one in document
/// order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    #[serde(skip_serializing_if = "Option::is_none")]
    source_name: Option<String>,
    problems: Vec<Problem>,
}

impl Error {
    /// An error made of `problems`; there must be at least one, otherwise an
    /// internal problem is recorded so the error is never empty.
    pub fn new(mut problems: Vec<Problem>) -> Self {
        if problems.is_empty() {
            problems.push(Problem::new(
                ProblemKind::InvalidValue,
                "",
                "invalid input (no details were recorded)",
            ));
        }
        Error {
            source_name: None,
            problems,
        }
    }

    /// An error with a single problem.
    pub fn single(problem: Problem) -> Self {
        Error::new(vec![problem])
    }

    /// Names the source (a file name) for display.
    #[must_use]
    pub fn with_source_name(mut self, name: impl Into<String>) -> Self {
        self.source_name = Some(name.into());
        self
    }

    /// The name of the source, when given.
    pub fn source_name(&self) -> Option<&str> {
        self.source_name.as_deref()
    }

    /// The kind of the first problem.
    pub fn kind(&self) -> ProblemKind {
        self.problems[0].kind
    }

    /// The first problem.
    pub fn first(&self) -> &Problem {
        &self.problems[0]
    }

    /// Every problem, in document order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Locates every problem that has a span in `source`, and sorts them in
    /// document order (problems without a location keep their relative order
    /// at the end).
    pub fn located(self, source: &str) -> Self {
        self.located_with(&LineIndex::new(source))
    }

    /// [`Error::located`] with the lines of the source indexed already: for
    /// many errors in one text, index it once.
    pub fn located_with(mut self, index: &LineIndex<'_>) -> Self {
        for p in &mut self.problems {
            p.locate(index);
        }
        self.problems
            .sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
        self
    }
}

/// How many problems an [`Error`] shows as text; the rest are counted (all
/// stay in [`Error::problems`]). 400,000 repeated keys gave 500 problems,
/// 408 KB of text, before.
pub const MAX_SHOWN: usize = 50;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            p.render(f, self.source_name.as_deref())?;
        }
        let n = self.problems.len();
        if n > MAX_SHOWN {
            writeln!(f)?;
            writeln!(
                f,
                "… and {} more, not shown: fix these first",
                n - MAX_SHOWN
            )?;
        }
        if n > 1 {
            writeln!(f)?;
            writeln!(f, "{n} problems found")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A resolved source location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// The line without its line ending, or, on a line longer than
    /// [`MAX_EXCERPT_BYTES`] each side of the span, an excerpt around the
    /// span with `…` where it is cut: a message never echoes a long input.
    pub line_text: String,
    /// Where the span starts in `line_text`, in characters.
    pub excerpt_column: usize,
    /// Width of the span on that line, in characters (at least 1; at most
    /// to the end of the excerpt).
    pub width: usize,
}

/// How much of a line a message shows each side of a problem's start, in
/// bytes (rounded to characters): a 100 MB line with an error at its end
/// is quoted in a few hundred bytes.
pub const MAX_EXCERPT_BYTES: usize = 240;

/// Maps byte offsets to lines and columns.
///
/// Locating problems in the order they stand in the text is linear in the
/// text however many there are: the column is counted on from the last
/// location on the same line.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last location: its byte offset and its 0-based column.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (one pass).
    pub fn new(text: &'a str) -> Self {
        crate::ops::tick(text.len());
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// Location of a byte span. Offsets past the end or inside a multi-byte
    /// character are clamped to the nearest character boundary at or before
    /// them, so no input can make this panic.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(self.text, span.start);
        let end = floor_char_boundary(self.text, span.end.max(span.start));
        let line_idx = match self.starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.starts[line_idx];
        let line_end = self
            .starts
            .get(line_idx + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let raw_line = &self.text[line_start..line_end];
        let line_text = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let line_end = line_start + line_text.len();
        // The column, counted on from the last location when it is earlier
        // on the same line.
        let (last_at, last_col) = self.last.get();
        let column = if (line_start..=start).contains(&last_at) {
            last_col + self.text[last_at..start].chars().count()
        } else {
            self.text[line_start..start].chars().count()
        };
        self.last.set((start, column));
        crate::ops::tick(start.abs_diff(last_at).min(start - line_start) + 2 * MAX_EXCERPT_BYTES);
        // The excerpt: the whole line when it is short, else a window.
        let from = if start - line_start > MAX_EXCERPT_BYTES {
            floor_char_boundary(self.text, start - MAX_EXCERPT_BYTES)
        } else {
            line_start
        };
        let to = if line_end.saturating_sub(start) > MAX_EXCERPT_BYTES {
            floor_char_boundary(self.text, start + MAX_EXCERPT_BYTES)
        } else {
            line_end
        };
        let (before, after) = (from > line_start, to < line_end);
        let mut excerpt = String::with_capacity(to - from + 8);
        if before {
            excerpt.push('…');
        }
        excerpt.push_str(&self.text[from..to].replace('\t', " "));
        if after {
            excerpt.push('…');
        }
        let excerpt_column = usize::from(before) + self.text[from..start].chars().count();
        let visible_end = end.min(to).max(start);
        let width = self.text[start..visible_end].chars().count().max(1);
        Location {
            line: line_idx + 1,
            column: column + 1,
            line_text: excerpt,
            excerpt_column,
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "Did you mean" hints with a budget: the first [`Hints::BUDGET`] asked
/// for are computed, later ones are `None`. Each hint compares the name
/// with every candidate, so a document naming thousands of unknown items
/// among thousands of known ones would otherwise cost their product
/// (issue 18's complexity tests found it); a person fixes the first few
/// anyway.
#[derive(Debug)]
pub struct Hints {
    left: std::cell::Cell<usize>,
}

impl Default for Hints {
    fn default() -> Self {
        Hints {
            left: std::cell::Cell::new(Self::BUDGET),
        }
    }
}

impl Hints {
    /// Hints computed per document.
    pub const BUDGET: usize = 16;

    /// [`did_you_mean`], while the budget lasts.
    pub fn did_you_mean<'c>(
        &self,
        found: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        let left = self.left.get();
        if left == 0 {
            return None;
        }
        self.left.set(left - 1);
        did_you_mean(found, candidates)
    }
}

/// The closest candidate to `found` by edit distance, for "did you mean"
/// hints; `None` when nothing is close.
pub fn did_you_mean<'c>(
    found: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    let found_lower = crate::lowercase(found);
    let found_len = found.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c_len = c.chars().count();
        let limit = (c_len.max(found_len) / 3).max(1);
        // The distance is at least the difference in length: skip the
        // table (quadratic in memory) when that alone is over the limit,
        // as it is for a hostile ten-megabyte key.
        if c_len.abs_diff(found_len) > limit {
            continue;
        }
        let d = levenshtein(&found_lower, &crate::lowercase(c));
        // Ties go to the candidate that sorts first, so the hint never
        // depends on the order candidates arrive in.
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Edit distance counting an adjacent transposition as one edit (optimal
/// string alignment), so `scael` is one edit from `scale`.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    crate::ops::tick(a.len() * w);
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The longest key path a problem keeps, in bytes: a path names keys of the
/// input, and a hostile key may be megabytes long.
pub const MAX_PATH: usize = 240;

/// `path`, cut to at most [`MAX_PATH`] bytes (at a character boundary) and
/// marked `…` when cut.
fn capped(mut path: String) -> String {
    if path.len() > MAX_PATH {
        let mut at = MAX_PATH;
        while !path.is_char_boundary(at) {
            at -= 1;
        }
        path.truncate(at);
        path.push('…');
    }
    path
}

/// `s` as quoted in a message: at most 60 characters, the rest elided
/// with `…`, so that a message never echoes a hostile input whole (the
/// key path and the input itself keep it).
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..at])),
    }
}

/// `s` in double quotes as a type error shows a string (`string "5"`),
/// shortened by [`shown`]; quotes, backslashes and control characters are
/// escaped as Rust's `{:?}` escapes them. (`{:?}` itself would do, with
/// Unicode tables of printable characters the WebAssembly package does not
/// otherwise need.)
pub fn quoted(s: &str) -> String {
    let s = shown(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Formats a list of identifiers as "`a`, `b`, `c`".
pub fn backtick_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let v: Vec<String> = items.into_iter().map(|s| format!("`{s}`")).collect();
    v.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message quotes a short excerpt of a long line, not the line: a
    /// syntax error at the end of a megabyte-long line writes a few hundred
    /// bytes (issue 18).
    #[test]
    fn long_lines_are_quoted_as_an_excerpt() {
        let text = format!("{}é{}", "a".repeat(1_000_000), "b".repeat(1_000_000));
        let at = 1_000_000;
        let e = Error::single(
            Problem::new(ProblemKind::Syntax, "", "here").with_span(Some(at..at + 2)),
        )
        .located(&text);
        let shown = e.to_string();
        assert!(shown.len() < 4 * MAX_EXCERPT_BYTES, "{} bytes", shown.len());
        let p = e.first();
        assert_eq!((p.line(), p.column()), (Some(1), Some(1_000_001)));
        let line = shown.lines().nth(3).unwrap();
        assert!(
            line.starts_with("1 | …aaa") && line.ends_with("bbb…"),
            "{line}"
        );
        // The caret stands under the `é`.
        let caret = shown.lines().nth(4).unwrap();
        assert_eq!(
            caret.chars().position(|c| c == '^'),
            line.chars().position(|c| c == 'é')
        );
        // A short line is quoted whole.
        let e = Error::single(Problem::new(ProblemKind::Syntax, "", "x").with_span(Some(2..3)))
            .located("ab c de");
        assert!(e.to_string().contains("1 | ab c de\n"));
    }

    /// Many problems on one long line are located in time linear in the
    /// text: each column is counted on from the one before.
    #[test]
    fn many_problems_on_one_line_are_located_in_order_linearly() {
        let text = "x".repeat(200_000);
        let index = LineIndex::new(&text);
        for at in (0..200_000).step_by(5) {
            let loc = index.locate(at..at + 1);
            assert_eq!(loc.column, at + 1);
        }
        // Out of order is still right (counted from the line's start).
        assert_eq!(index.locate(10..11).column, 11);
    }

    #[test]
    fn paths_are_built_from_the_inside_out() {
        let mut p = Problem::new(ProblemKind::InvalidType, "scale", "m");
        p.prefix_path("[12]");
        p.prefix_path("items");
        assert_eq!(p.path(), "items[12].scale");
        let mut p = Problem::new(ProblemKind::InvalidType, "", "m");
        p.prefix_path("[0]");
        p.prefix_path("[3]");
        p.prefix_path("b");
        assert_eq!(p.path(), "b[3][0]");
    }

    /// A key path names keys of the input; a hostile key of a megabyte
    /// gives a path of at most [`MAX_PATH`] bytes and a mark, however
    /// deep (found by the `cat` fuzz target, issue 18).
    /// Text shows the first [`MAX_SHOWN`] problems and counts the rest;
    /// every problem stays in the error.
    #[test]
    fn many_problems_show_the_first_fifty() {
        let e = Error::new(
            (0..500)
                .map(|i| Problem::new(ProblemKind::Syntax, format!("k{i}"), "repeated"))
                .collect(),
        );
        let text = e.to_string();
        assert_eq!(text.matches("error[syntax]").count(), MAX_SHOWN);
        assert!(text.contains("… and 450 more, not shown: fix these first\n"));
        assert!(text.ends_with("500 problems found\n"));
        assert_eq!(e.problems().len(), 500);
    }

    #[test]
    fn long_paths_are_cut() {
        let key = "é".repeat(500_000);
        let mut p = Problem::new(ProblemKind::UnknownItem, format!("answers.{key}"), "m");
        assert!(p.path().starts_with("answers.éé") && p.path().ends_with('…'));
        assert!(p.path().len() <= MAX_PATH + '…'.len_utf8());
        for _ in 0..200 {
            p.prefix_path(&key);
        }
        assert!(p.path().len() <= MAX_PATH + '…'.len_utf8());
    }

    #[test]
    fn quoted_escapes_like_debug_for_common_text() {
        for s in [
            "5",
            "Rembang",
            "a\"b",
            "back\\slash",
            "line\nbreak",
            "tab\there",
            "é ünï",
        ] {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
        assert_eq!(quoted("\u{1}"), "\"\\u{1}\"");
        assert!(quoted(&"x".repeat(100)).ends_with("…\""));
    }

    fn loc(text: &str, span: Range<usize>) -> (usize, usize, String, usize) {
        let l = LineIndex::new(text).locate(span);
        (l.line, l.column, l.line_text, l.width)
    }

    #[test]
    fn empty_input_is_line_1_column_1() {
        assert_eq!(loc("", 0..0), (1, 1, String::new(), 1));
    }

    #[test]
    fn last_byte_and_past_the_end() {
        let t = "a = 1\nb = 2";
        assert_eq!(loc(t, 10..11), (2, 5, "b = 2".into(), 1));
        // A span at or beyond the end is clamped to the end of the last line.
        assert_eq!(loc(t, 11..11), (2, 6, "b = 2".into(), 1));
        assert_eq!(loc(t, 50..60), (2, 6, "b = 2".into(), 1));
    }

    #[test]
    fn trailing_newline_gives_a_final_empty_line() {
        let t = "a = 1\n";
        assert_eq!(loc(t, 6..6), (2, 1, String::new(), 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // "Sémarang" has a two-byte é; the value starts after `name = "`.
        let t = "name = \"Séma\" x";
        let x = t.find('x').unwrap();
        assert_eq!(loc(t, x..x + 1).1, 15);
        // An emoji is four bytes and one column.
        let t = "a = \"🙂\" # b";
        let b = t.find('b').unwrap();
        assert_eq!(loc(t, b..b + 1).1, 11);
    }

    #[test]
    fn span_inside_a_multibyte_character_does_not_panic() {
        let t = "x = \"é\"";
        // Byte 6 is the second byte of `é`; it is clamped back to byte 5.
        assert_eq!(loc(t, 6..7).1, 6);
    }

    #[test]
    fn crlf_line_endings_are_not_shown() {
        let t = "a = 1\r\nb = 2\r\n";
        assert_eq!(loc(t, 7..8), (2, 1, "b = 2".into(), 1));
    }

    #[test]
    fn width_stops_at_the_end_of_the_line() {
        let t = "a = [\n1]\n";
        assert_eq!(loc(t, 4..9).3, 1);
    }

    #[test]
    fn hints_find_close_names_only() {
        assert_eq!(
            did_you_mean("scael", ["scale", "items"]),
            Some("did you mean `scale`?".into())
        );
        assert_eq!(did_you_mean("zzz", ["scale", "items"]), None);
        assert_eq!(
            did_you_mean("scael", ["scales", "scale"]),
            Some("did you mean `scale`?".into())
        );
        assert_eq!(
            did_you_mean("r", ["R", "I", "A"]),
            Some("did you mean `R`?".into())
        );
    }

    #[test]
    fn display_shows_the_line_and_a_caret() {
        let src = "[instrument]\nid = \"x\"\nscale = \"Q\"\n";
        let start = src.find("\"Q\"").unwrap();
        let err = Error::new(vec![
            Problem::new(
                ProblemKind::UnknownReference,
                "items[0].scale",
                "unknown scale `Q`",
            )
            .with_span(Some(start..start + 3))
            .with_hint("did you mean `R`?"),
        ])
        .with_source_name("t.toml")
        .located(src);
        let shown = err.to_string();
        assert_eq!(
            shown,
            "error[unknown_reference]: unknown scale `Q`\n --> t.toml:3:9\n  |\n3 | scale = \"Q\"\n  |         ^^^\n  = path: items[0].scale\n  = hint: did you mean `R`?\n"
        );
    }
}
