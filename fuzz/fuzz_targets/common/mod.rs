//! What every target checks of an error, whatever the input: each problem
//! is located inside the text and says what is wrong in a short message,
//! never the hostile input echoed whole.

#![allow(dead_code)]

use assess_core::Error;

/// The longest message a problem may carry: the 240-byte excerpt of the
/// input it quotes, plus the sentence around it.
pub const MAX_MESSAGE: usize = 1024;

/// Checks every problem of `err`, found in `text` (empty when the problems
/// are not about a place in a text, such as answers checked against an
/// instrument).
pub fn check_error(err: &Error, text: &str) {
    assert!(!err.problems().is_empty(), "an error without a problem");
    let lines = text.split('\n').count();
    for p in err.problems() {
        assert!(
            p.message().len() <= MAX_MESSAGE,
            "a {}-byte message at {}",
            p.message().len(),
            p.path()
        );
        assert!(!p.message().is_empty(), "an empty message at {}", p.path());
        // A key path names keys of the input: cut, never whole.
        assert!(
            p.path().len() <= assess_text::problem::MAX_PATH + 3,
            "a {}-byte path",
            p.path().len()
        );
        if let Some(line) = p.line() {
            assert!(line >= 1, "line 0");
            assert!(text.is_empty() || line <= lines, "line {line} of {lines}");
            assert!(p.column().is_some_and(|c| c >= 1), "line without a column");
        }
        let _ = err.to_string();
    }
}
