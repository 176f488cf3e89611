//! Raw document → [`Instrument`], collecting every problem.
//!
//! [`load`] parses the TOML text into the raw structs of [`super::raw`] and
//! hands them to a [`Validator`], whose [`Validator::document`] runs the
//! checks in a fixed order, so that problems come out in the same order for
//! the same document. Each concern lives in its own file, as another
//! `impl Validator` block:
//!
//! | file | what it checks |
//! |---|---|
//! | `meta.rs` | the format version and the `[instrument]` table: languages, id, version, kind, status, texts |
//! | `formats.rs` | the `[formats.*]` tables: likert points and labels, binary labels, choice formats |
//! | `irt.rs` | the `[irt]` settings, and each item's `irt` parameters against its format |
//! | `scales.rs` | the `[[scales]]`: ids, scoring, composites, missing-data rule, reliability; after the items, their score ranges |
//! | `norms.rs` | each scale's norm groups: normal (mean and SD) or a monotone table |
//! | `items.rs` | the `[[items]]`: ids, texts, format and scale references, reverse keying, options and answer keys |
//! | `figures.rs` | an item's inline SVG figure and its text alternative |
//! | `bands.rs` | each scale's bands: ids, texts, and that they tile the scale's range without gaps or overlaps |
//! | `forms.rs` | the `[[forms]]`: ids, item references, and that every item scale is represented |
//! | `quality.rs` | the `[quality]` response-quality rules |
//!
//! The checks shared with the catalogue's validator (identifiers, localised
//! text, choices from a list, list sizes) are on [`Checker`].

mod bands;
mod figures;
mod formats;
mod forms;
mod irt;
mod items;
mod meta;
mod norms;
mod quality;
mod scales;
#[cfg(test)]
mod tests;

use crate::support::sorted::SortedSet;

use super::Instrument;
use super::raw::RawDocument;
use crate::instrument::check::Checker;
use crate::support::limits;
use assess_text::problem::Error;

/// Every key the instrument format defines, for "did you mean" hints on
/// unknown keys.
pub(crate) const KNOWN_KEYS: &[&str] = &[
    "format",
    "instrument",
    "formats",
    "scales",
    "items",
    "forms",
    "quality",
    "irt",
    "id",
    "version",
    "kind",
    "languages",
    "status",
    "source",
    "licence",
    "title",
    "description",
    "instructions",
    "type",
    "points",
    "min",
    "max",
    "labels",
    "shuffle",
    "name",
    "scoring",
    "composite",
    "missing",
    "reliability",
    "bands_on",
    "bands",
    "norms",
    "prorate",
    "value",
    "method",
    "sample_size",
    "label",
    "interpretation",
    "next_step",
    "group",
    "population",
    "collected",
    "mean",
    "sd",
    "normal",
    "table",
    "score",
    "percentile",
    "t",
    "text",
    "plain",
    "scale",
    "reverse",
    "domain",
    "options",
    "key",
    "figure",
    "svg",
    "alt",
    "model",
    "a",
    "b",
    "d",
    "c",
    "u",
    "min_completion",
    "max_longstring",
    "min_seconds_per_item",
    "min_irv",
    "scaling",
    "estimator",
    "quadrature",
    "prior",
    "extreme",
    "clamp",
    "calibration",
    "sample",
    "respondents",
    "date",
    "engine",
    "simulated",
    "anchors",
];

pub(super) fn load(text: &str) -> Result<Instrument, Error> {
    let (doc, unknown) = match assess_text::toml::de::parse::<RawDocument>(
        text,
        limits::MAX_DOCUMENT_BYTES,
        KNOWN_KEYS,
    ) {
        Ok(v) => v,
        Err(problems) => return Err(Error::new(problems).located(text)),
    };
    let mut v = Validator {
        c: Checker {
            problems: unknown,
            languages: Vec::new(),
            hints: assess_text::problem::Hints::default(),
        },
        items_incomplete: false,
        declared_items: SortedSet::new(),
    };
    let built = v.document(doc, text);
    match built {
        Some(inst) if v.problems.is_empty() => Ok(inst),
        _ => {
            v.problems.truncate(limits::MAX_PROBLEMS);
            Err(Error::new(std::mem::take(&mut v.problems)).located(text))
        }
    }
}

struct Validator {
    c: Checker,
    /// Some item could not be built (its own problems are reported): scale
    /// ranges and empty-scale checks would only repeat them.
    items_incomplete: bool,
    /// Every item id written in the file, built or not.
    declared_items: SortedSet<String>,
}

impl std::ops::Deref for Validator {
    type Target = Checker;
    fn deref(&self) -> &Checker {
        &self.c
    }
}

impl std::ops::DerefMut for Validator {
    fn deref_mut(&mut self) -> &mut Checker {
        &mut self.c
    }
}

impl Validator {
    /// [`Checker::push`], on the validator itself so that a problem's
    /// arguments may read the checker (its "did you mean" hints).
    fn push(&mut self, p: assess_text::Problem) {
        self.c.push(p);
    }

    /// Runs the checks in their fixed order: the head of the document
    /// (languages first, since every text is checked against them),
    /// formats, IRT settings, scales, items (with their options, figures
    /// and IRT parameters), what depends on the items (composites, score
    /// ranges, missing-data rules, bands), forms, quality rules. Returns
    /// the instrument when it could be built; whether it is valid is for
    /// the caller to see in the problems.
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    fn document(&mut self, doc: RawDocument, source: &str) -> Option<Instrument> {
        let (kind, status) = self.header(&doc);
        let meta = &doc.instrument.value;
        let formats = self.formats(&doc.formats);
        let irt_settings = doc.irt.as_ref().and_then(|s| self.irt_settings(s));
        let scaling = irt_settings.as_ref().map_or(1.0, |s| s.scaling);
        let mut scales = self.scales(&doc.scales);
        let declared_formats: SortedSet<&str> =
            doc.formats.value.keys().map(String::as_str).collect();
        let (items, item_index) = self.items(
            &doc.items,
            &formats,
            &mut scales,
            &declared_formats,
            doc.irt.is_some(),
            scaling,
        );
        let scales = self.finish_scales(scales, &items);
        let forms = match &doc.forms {
            Some(forms) => self.forms(forms, &item_index, &scales),
            None => Vec::new(),
        };
        let quality = doc
            .quality
            .as_ref()
            .map(|q| self.quality(q))
            .unwrap_or_default();

        Some(Instrument {
            id: meta.id.value.clone(),
            version: meta.version.value.clone(),
            kind: kind?,
            languages: self.languages.clone(),
            status: status?,
            source: meta.source.value.clone(),
            licence: meta.licence.value.clone(),
            title: meta.title.value.clone(),
            description: meta.description.as_ref().map(|t| t.value.clone()),
            instructions: meta.instructions.as_ref().map(|t| t.value.clone()),
            formats: formats.into_iter().map(|(_, f)| f).collect(),
            scales,
            items,
            forms,
            quality,
            irt: irt_settings,
            hash: crate::support::hash::content_hash(source),
            item_index,
        })
    }
}
