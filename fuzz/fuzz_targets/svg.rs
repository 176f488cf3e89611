//! The SVG figure sanitiser: any text. What it accepts it writes again as
//! a fixed point (sanitising the output gives the output), in which `<`
//! opens only tags of allowed elements and no attribute is an event
//! handler, a style or a link; what it refuses it locates inside the text
//! with a short message.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match assess_text::svg::sanitise(text) {
        Err(e) => {
            assert!(e.at <= text.len(), "{e:?}");
            assert!(!e.message.is_empty() && e.message.len() <= 300, "{e:?}");
        }
        Ok(out) => {
            assert_eq!(assess_text::svg::sanitise(&out).as_ref(), Ok(&out));
            for tag in out.split('<').skip(1).filter(|t| !t.starts_with('/')) {
                let tag = &tag[..tag.find('>').expect("a closed tag")];
                let name = tag.split([' ', '/']).next().unwrap_or_default();
                assert!(ELEMENTS.contains(&name), "<{name}> in {out}");
                for part in tag.split('"').step_by(2) {
                    if let Some(attr) = part.rsplit(' ').next().and_then(|a| a.strip_suffix('=')) {
                        let lower = attr.to_ascii_lowercase();
                        assert!(
                            !lower.starts_with("on") && lower != "style",
                            "{attr} in {out}"
                        );
                        assert!(!lower.ends_with("href"), "{attr} in {out}");
                    }
                }
            }
        }
    }
});
