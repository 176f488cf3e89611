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

// The reader (`read`, with the strings and scalars it reads in `string`
// and `scalar`) and the tree it builds (`tree`).
mod read;
mod scalar;
mod string;
mod tree;

use std::ops::Range;

pub use read::SyntaxError;
use read::{Errors, Reader};
pub use tree::{Entry, Integer, Kind, Table, Value};

/// Byte offsets into the text.
pub type Span = Range<usize>;

/// Tables, arrays and inline tables nested deeper than this are an error,
/// counting every level a value sits under: the keys of its table header,
/// the segments of its dotted key, and the arrays and inline tables around
/// it (`[a.b]` then `c.d = [{ e = 1 }]` puts `e` 6 deep). The reader
/// recurses on arrays and inline tables, and the tree it builds is walked
/// and dropped level by level, so hostile input (`a.a.a.…a = 1`, 100,000
/// segments) must not make it deep enough to overflow the stack.
pub const MAX_DEPTH: u32 = 80;

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
            max: max_errors.max(1),
            index: None,
        },
        table_depth: 0,
    };
    let root = p.document();
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

#[cfg(test)]
mod tests;
