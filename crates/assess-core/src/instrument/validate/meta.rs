//! The head of the document: the format version and the `[instrument]`
//! table (languages, id, semantic version, kind, status, source, licence,
//! title, description, instructions).

use super::Validator;
use crate::instrument::raw::RawDocument;
use crate::instrument::{FORMAT_VERSION, InstrumentKind, Status};
use assess_text::problem::{Problem, ProblemKind};

impl Validator {
    /// Checks `format` and `[instrument]`, languages first (every later
    /// text is checked against them); returns the kind and the status when
    /// they are valid.
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn header(&mut self, doc: &RawDocument) -> (Option<InstrumentKind>, Option<Status>) {
        if doc.format.value != FORMAT_VERSION {
            self.problem(
                ProblemKind::InvalidValue,
                "format",
                &doc.format,
                format!(
                    "unsupported format version `{}`; this engine reads format {FORMAT_VERSION}",
                    doc.format.value
                ),
            );
        }
        let meta = &doc.instrument.value;
        self.languages(&meta.languages);
        self.id(&meta.id, "instrument.id");
        if semver::Version::parse(&meta.version.value).is_err() {
            self.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    "instrument.version",
                    format!(
                        "invalid version `{}`; expected a semantic version such as `1.0.0`",
                        meta.version.value
                    ),
                )
                .with_span(meta.version.at()),
            );
        }
        let kind = self.choice(
            &meta.kind,
            "instrument.kind",
            "instrument kind",
            &[
                ("interest", InstrumentKind::Interest),
                ("aptitude", InstrumentKind::Aptitude),
                ("readiness", InstrumentKind::Readiness),
            ],
        );
        let status = self.status(&meta.status, "instrument.status");
        self.nonempty(&meta.source, "instrument.source");
        self.nonempty(&meta.licence, "instrument.licence");
        self.text(&meta.title, "instrument.title");
        self.opt_text(&meta.description, "instrument.description");
        self.opt_text(&meta.instructions, "instrument.instructions");
        (kind, status)
    }
}
