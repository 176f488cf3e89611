//! The HTML pages of assess: one respondent's report and a programme's
//! summary, rendered by the same code for the `assess` command and for the
//! staff build of the WebAssembly package, so that a counsellor gets the
//! same page from either (a parity test holds them equal).
//!
//! Pages are self-contained (style inline, no script, no external file),
//! printable on A4 and readable on a phone. Everything shown comes from the
//! core's results; nothing here computes a score.

pub mod date;
pub mod html;
pub mod report;
pub mod summary;
pub mod text;
