//! The JSON reader: any bytes. It accepts exactly the JSON that serde_json
//! accepts (both refuse nesting deeper than 128), every span lies inside
//! the text, and errors are located.
#![no_main]

mod common;

use assess_text::json::{Node, Value};
use libfuzzer_sys::fuzz_target;

fn spans(node: &Node<'_>, len: usize) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let s = n.span();
        assert!(s.start <= s.end && s.end <= len, "{s:?} of {len}");
        match n.value() {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = assess_text::json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match &ours {
        Ok(node) => spans(node, text.len()),
        Err(e) => common::check_error(e, text),
    }
    // A leading byte-order mark is skipped by the readers above this one.
    if !text.starts_with('\u{feff}') {
        assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "ours: {:?}, serde_json: {:?}",
            ours.as_ref().err().map(ToString::to_string),
            theirs.as_ref().err().map(ToString::to_string)
        );
    }
});
