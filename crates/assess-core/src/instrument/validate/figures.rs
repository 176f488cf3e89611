//! An item's `figure`: inline SVG markup of at most
//! [`limits::MAX_SVG_BYTES`] that the allow-list sanitiser
//! ([`assess_text::svg`]) accepts — drawing elements and presentation
//! attributes only: no scripts, event handlers, styles, links, external
//! references, foreign objects or animation — and its text alternative in
//! every language. The instrument keeps the figure as the sanitiser wrote
//! it again, so pages never show the author's own text.

use super::Validator;
use crate::instrument::raw;
use crate::support::limits;
use assess_text::Sp;
use assess_text::problem::ProblemKind;

impl Validator {
    /// Checks the figure at `path`; its sanitised markup when it is valid.
    pub(super) fn figure(&mut self, fig: &Sp<raw::RawFigure>, path: &str) -> Option<String> {
        let svg = &fig.value.svg;
        let sp = format!("{path}.svg");
        let clean = if svg.value.len() > limits::MAX_SVG_BYTES {
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
            None
        } else {
            match assess_text::svg::sanitise(&svg.value) {
                Ok(clean) => Some(clean),
                Err(e) => {
                    // The byte counts characters of the figure's text as
                    // TOML gave it (after its escapes).
                    let column = svg.value[..e.at].chars().count() + 1;
                    self.problem(
                        ProblemKind::InvalidValue,
                        sp,
                        svg,
                        format!("{} (character {column} of the figure)", e.message),
                    );
                    None
                }
            }
        };
        self.text(&fig.value.alt, &format!("{path}.alt"));
        clean
    }
}
