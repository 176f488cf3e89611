//! A file the engine reads when it does not know which kind it is: an
//! instrument or a job-family catalogue, told apart by a top-level
//! `[catalog]` table.

use super::Catalog;
use crate::support::limits;
use assess_text::problem::Error;

/// A file the engine reads: an instrument or a job-family catalogue.
#[derive(Clone, Debug)]
pub enum Document {
    /// An instrument.
    Instrument(Box<crate::Instrument>),
    /// A job-family catalogue.
    Catalog(Box<Catalog>),
}

impl Document {
    /// Reads either kind of file: a document with a top-level `[catalog]`
    /// table is a catalogue, anything else an instrument.
    ///
    /// # Errors
    ///
    /// The located problems of whichever kind the text is.
    pub fn from_toml(text: &str) -> Result<Document, Error> {
        let is_catalog = text.len() <= limits::MAX_DOCUMENT_BYTES && {
            let (root, _) = assess_text::toml::parse(text, limits::MAX_PROBLEMS);
            matches!(&root.kind, assess_text::toml::Kind::Table(t) if t.contains_key("catalog"))
        };
        if is_catalog {
            Catalog::from_toml(text).map(|c| Document::Catalog(Box::new(c)))
        } else {
            crate::Instrument::from_toml(text).map(|i| Document::Instrument(Box::new(i)))
        }
    }
}
