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

// The reader of text (`parse`), reading a tree into types (`read`), the
// hand-written derives (`derive`) and the writer (`write`).
mod derive;
mod parse;
mod read;
mod write;

#[doc(inline)]
pub use crate::{deserialize_via_json, json_names, json_struct};
pub use derive::{Names, serde_error};
pub use parse::{Key, MAX_DEPTH, Node, Number, Value, parse};
pub use read::{
    Batched, FromJson, JsonResult, element, field, read, read_batch, read_node, within,
};

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

#[cfg(test)]
mod tests;
