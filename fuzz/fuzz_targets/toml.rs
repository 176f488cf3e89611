//! The TOML reader: any bytes. Never a panic, a hang or deep recursion; at
//! most `MAX_PROBLEMS` syntax errors, each inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (value, errors) = assess_text::toml::parse(text, assess_text::MAX_PROBLEMS);
    assert!(errors.len() <= assess_text::MAX_PROBLEMS);
    for e in &errors {
        assert!(
            e.span.start <= e.span.end && e.span.end <= text.len(),
            "{e:?}"
        );
        assert!(!e.message.is_empty());
    }
    drop(value);
});
