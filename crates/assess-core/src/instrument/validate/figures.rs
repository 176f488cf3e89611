//! An item's `figure`: inline SVG markup of at most
//! [`limits::MAX_SVG_BYTES`], starting with `<svg` and ending with
//! `</svg>`, without scripts, `javascript:` links, event handlers or
//! foreign objects; and its text alternative in every language.

use super::Validator;
use crate::instrument::raw;
use crate::support::limits;
use assess_text::Sp;
use assess_text::problem::ProblemKind;

impl Validator {
    pub(super) fn figure(&mut self, fig: &Sp<raw::RawFigure>, path: &str) {
        let svg = &fig.value.svg;
        let sp = format!("{path}.svg");
        if svg.value.len() > limits::MAX_SVG_BYTES {
            self.problem(
                ProblemKind::TooLarge,
                sp,
                svg,
                format!(
                    "figure is {} bytes; expected at most {}",
                    svg.value.len(),
                    limits::MAX_SVG_BYTES
                ),
            );
        } else {
            let lower = svg.value.to_ascii_lowercase();
            if !lower.trim_start().starts_with("<svg") || !lower.trim_end().ends_with("</svg>") {
                self.problem(
                    ProblemKind::InvalidValue,
                    sp,
                    svg,
                    "expected inline SVG markup starting with `<svg` and ending with `</svg>`",
                );
            } else if lower.contains("<script")
                || lower.contains("javascript:")
                || lower.contains("<foreignobject")
                || has_event_handler(&lower)
            {
                self.problem(
                    ProblemKind::InvalidValue,
                    sp,
                    svg,
                    "figures may not contain scripts, event handlers or foreign objects",
                );
            }
        }
        self.text(&fig.value.alt, &format!("{path}.alt"));
    }
}

/// Whether lowercase markup has an `on…=` event-handler attribute.
fn has_event_handler(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.windows(3).enumerate().any(|(i, w)| {
        (w[0] == b' ' || w[0] == b'\t' || w[0] == b'\n' || w[0] == b'/')
            && w[1] == b'o'
            && w[2] == b'n'
            && b[i + 3..]
                .iter()
                .position(|&c| !c.is_ascii_alphabetic())
                .is_some_and(|p| {
                    p > 0 && b[i + 3 + p..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
                })
    })
}
