//! # assess-text
//!
//! The text formats of the assess engine, kept apart from its psychometrics:
//!
//! - [`toml`]: a TOML 1.1 reader that keeps the byte span of every key and
//!   value and reports several syntax errors at once, and [`toml::de`], the
//!   walk from its tree into plain structs with located type errors;
//! - [`json`]: a JSON reader that keeps spans and repeated keys, reads into
//!   Rust types by [`json::FromJson`] with located errors, and a JSON writer
//!   (serde `Serializer`) that writes what serde_json writes;
//! - [`num`]: decimal text into `f64` and `f64` into shortest decimal text,
//!   the same on every platform;
//! - [`problem`]: the located problem ([`Problem`], [`Error`]) that every
//!   reader of the engine returns, with the key path, line and column;
//! - [`lowercase`] for names in sentences and did-you-mean hints.
//!
//! Each piece is hand-written because the libraries that do the same job
//! made the WebAssembly package that a job seeker's phone downloads about
//! 190–200 KB larger; `README.md` beside this crate says what each one
//! measured. The public conformance suites (toml-test, JSONTestSuite) and
//! differential tests against the `toml` crate and serde_json check them.
//!
//! ```
//! use assess_text::json::{self, FromJson};
//!
//! #[derive(Debug, PartialEq)]
//! struct Page { lang: String, size: u32 }
//! assess_text::json_struct!(deny Page { lang: "lang", size: "size" = 20 });
//!
//! let p: Page = json::read(r#"{"lang": "id"}"#, "")?;
//! assert_eq!(p, Page { lang: "id".into(), size: 20 });
//! let err = json::read::<Page>("{\"lang\": \"id\",\n \"size\": true}", "").unwrap_err();
//! assert_eq!(err.first().path(), "size");
//! assert_eq!((err.first().line(), err.first().column()), (Some(2), Some(10)));
//! # Ok::<(), assess_text::Error>(())
//! ```

#![deny(missing_docs)]

pub mod json;
pub mod num;
pub mod ops;
pub mod problem;
pub mod spanned;
pub mod svg;
pub mod toml;

pub use problem::{Error, Problem, ProblemKind};
pub use spanned::Sp;

/// The keys a struct reads, in declaration order: implemented by
/// `from_de_struct!` (TOML) and `json_struct!` (JSON), so that tests can
/// prove other lists of a format's keys (hints, schemas, TypeScript
/// declarations) agree with what the readers accept.
pub trait Keys {
    /// The keys.
    const KEYS: &'static [&'static str];
}

/// Most problems reported for one document; the rest are summarised.
pub const MAX_PROBLEMS: usize = 500;

/// serde, for the code that the crate's macros write in other crates.
#[doc(hidden)]
pub use serde as __serde;

/// `s` in lower case, for a name in the middle of a sentence and for
/// comparing keys in "did you mean" hints: the capitals of ASCII and
/// Latin-1 (`A`–`Z`, `À`–`Þ` but `×`) are lowered as
/// `str::to_lowercase` lowers them, and every other character is kept.
///
/// The engine's texts are Bahasa Indonesia and English, written in these
/// letters; `str::to_lowercase` carries Unicode's whole case table, about
/// 16 KB of the WebAssembly package.
pub fn lowercase(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'A'..='Z' | 'À'..='Þ' if c != '×' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod complexity_tests;

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase_is_std_for_ascii_and_latin_1_and_keeps_the_rest() {
        for c in '\u{0}'..='\u{ff}' {
            let s = c.to_string();
            assert_eq!(super::lowercase(&s), s.to_lowercase(), "{c:?}");
        }
        assert_eq!(
            super::lowercase("Penalaran Logis dan Mekanis"),
            "penalaran logis dan mekanis"
        );
        assert_eq!(
            super::lowercase("Keselamatan kerja (K3) × 2"),
            "keselamatan kerja (k3) × 2"
        );
        // Outside Latin-1, kept as written.
        assert_eq!(super::lowercase("ΣΑ Ā"), "ΣΑ Ā");
    }
}
