//! Limits that keep a hostile or broken input from exhausting memory or time.
//!
//! They are far above what any real instrument needs (the shipped ones are
//! 30–100 KB with 40–60 items) and are checked before or during validation,
//! so an oversized document is rejected with a located `too_large` problem.

/// Largest instrument or catalogue file, in bytes (2 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// Most items in one instrument.
pub const MAX_ITEMS: usize = 2_000;
/// Most scales in one instrument.
pub const MAX_SCALES: usize = 200;
/// Most options of one choice item.
pub const MAX_OPTIONS: usize = 12;
/// Most bands of one scale.
pub const MAX_BANDS: usize = 12;
/// Most norm groups of one scale.
pub const MAX_NORM_GROUPS: usize = 32;
/// Most rows of one norm table.
pub const MAX_NORM_ROWS: usize = 2_000;
/// Most forms in one instrument.
pub const MAX_FORMS: usize = 16;
/// Most response formats in one instrument.
pub const MAX_FORMATS: usize = 64;
/// Most languages in one instrument.
pub const MAX_LANGUAGES: usize = 16;
/// Longest text, in characters (item text, descriptions, interpretations).
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Longest inline SVG figure, in bytes.
pub const MAX_SVG_BYTES: usize = 32 * 1024;
/// Longest identifier, in bytes.
pub const MAX_ID_LEN: usize = 64;
/// Most problems reported for one document; the rest are summarised.
pub use assess_text::MAX_PROBLEMS;
/// Likert points allowed.
pub const LIKERT_POINTS: std::ops::RangeInclusive<i64> = 2..=11;
