//! The staff pages: one person's report (`assess report`) and a
//! programme's summary (`assess summary --html`), rendered by the same
//! `assess-pages` code as the command line, so the HTML is the same.

use assess_core::analysis::MIN_GROUP_FLOOR;
use assess_core::{Error, PersonResults, Problem, ProblemKind, Results};
use assess_pages::date::Date;
use assess_pages::summary::Summary;
use assess_text::json::json_struct;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::catalog::WasmCatalog;
use crate::convert::{options_from, to_js_error};
use crate::instrument::Scored;

/// How to render a report (`renderReport`).
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportPageOptions {
    /// The page's language.
    #[tsify(type = "\"id\" | \"en\"")]
    pub lang: String,
    /// The session's date, `YYYY-MM-DD` (as `assess report --date`); no
    /// date on the page when left out (the package has no clock).
    #[serde(default)]
    #[tsify(optional)]
    pub date: Option<String>,
    /// How many job families to suggest (5 by default, as `assess
    /// report --top`).
    #[serde(default)]
    #[tsify(optional)]
    pub top: Option<usize>,
}

json_struct!(deny ReportPageOptions {
    lang: "lang",
    date: "date" = None,
    top: "top" = None,
});

/// How to render a summary (`renderSummary`).
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryPageOptions {
    /// Metadata columns to group by (as `assess summary --by`).
    pub by: Vec<String>,
    /// Smallest group shown (as `--min-group`); at least the engine's
    /// floor, 5 by default.
    #[serde(default)]
    #[tsify(optional)]
    pub min_group: Option<usize>,
    /// The page's language.
    #[tsify(type = "\"id\" | \"en\"")]
    pub lang: String,
    /// The name of the scored file, shown on the page (the command line
    /// shows the path it was given).
    pub source: String,
}

json_struct!(deny SummaryPageOptions {
    by: "by",
    min_group: "minGroup" = None,
    lang: "lang",
    source: "source",
});

/// One person's report page: the same HTML as `assess report` gives for
/// the same results (each instrument's `Scored`, in the order given),
/// with job families from `catalog` when it is given and there is an
/// interest result with a profile.
///
/// Throws an `AssessError` for an empty list or an element that is not a
/// `Scored`, a language other than `id` or `en` or one an instrument or
/// the catalogue lacks, or a date that is not `YYYY-MM-DD`. The `Scored`
/// handles are not consumed.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(
    #[wasm_bindgen(unchecked_param_type = "Scored[]")] scored: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalog | undefined")] catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportPageOptions")] options: JsValue,
) -> Result<String, JsValue> {
    let o: ReportPageOptions = options_from(&options)?;
    if !js_sys::Array::is_array(&scored) {
        return Err(to_js_error(&invalid("scored", "an array of `Scored`")));
    }
    let mut list = Vec::new();
    for (i, v) in js_sys::Array::from(&scored).iter().enumerate() {
        list.push(
            handle::<Scored>(&v)
                .ok_or_else(|| to_js_error(&invalid(&format!("scored[{i}]"), "a `Scored`")))?,
        );
    }
    let catalog = if catalog.is_undefined() || catalog.is_null() {
        None
    } else {
        Some(
            handle::<WasmCatalog>(&catalog)
                .ok_or_else(|| to_js_error(&invalid("catalog", "a `Catalog` or undefined")))?,
        )
    };
    report_html(&list, catalog.as_ref().map(|c| &*c.inner), &o).map_err(|e| to_js_error(&e))
}

/// The Rust value behind a handle of the caller's (a `Scored`, a
/// `Catalog`), through a handle of its own (the class's `clone()`, which
/// shares the value): the caller's handle stays valid, where taking it
/// would free it.
fn handle<T: wasm_bindgen::convert::TryFromJsValue>(v: &JsValue) -> Option<T> {
    let clone = js_sys::Reflect::get(v, &JsValue::from_str("clone"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(v)
        .ok()?;
    T::try_from_js_value(clone).ok()
}

/// `renderReport`, free of JavaScript types.
///
/// # Errors
///
/// As `renderReport`.
pub fn report_html(
    scored: &[Scored],
    catalog: Option<&assess_core::Catalog>,
    o: &ReportPageOptions,
) -> Result<String, Error> {
    if scored.is_empty() {
        return Err(invalid("scored", "at least one scored result"));
    }
    page_language(&o.lang)?;
    for s in scored {
        s.instrument.check_language(&o.lang, "options.lang")?;
    }
    if let Some(c) = catalog {
        c.check_language(&o.lang, "options.lang")?;
    }
    let date = match &o.date {
        Some(d) => Some(Date::parse(d).map_err(|msg| {
            Error::single(Problem::new(ProblemKind::InvalidValue, "options.date", msg))
        })?),
        None => None,
    };
    let top = o.top.unwrap_or(assess_core::recommend::DEFAULT_TOP);
    let recs = catalog.and_then(|c| {
        PersonResults::for_report(
            scored.iter().map(|s| Results {
                instrument: &s.instrument,
                report: &s.report,
            }),
            c,
            &o.lang,
            top,
        )
    });
    let pages: Vec<assess_pages::report::Scored> = scored
        .iter()
        .map(|s| assess_pages::report::Scored {
            instrument: (*s.instrument).clone(),
            report: (*s.report).clone(),
        })
        .collect();
    Ok(assess_pages::report::render(
        &pages,
        recs.as_ref(),
        &assess_pages::report::ReportOptions {
            lang: &o.lang,
            date,
        },
    ))
}

/// A programme's summary page: the same HTML as `assess summary --html`
/// gives for the same scored records (`jsonl`: `Batch.scoredJsonl()` or
/// the text of `assess score --format jsonl`; a JSON array of records is
/// read too, as the command line reads a file that starts with `[`).
///
/// Throws an `AssessError` for a line that is not a scored record (with
/// its line), a `minGroup` below the engine's floor, or a language other
/// than `id` or `en`.
#[wasm_bindgen(js_name = renderSummary)]
pub fn render_summary(
    jsonl: &str,
    #[wasm_bindgen(unchecked_param_type = "SummaryPageOptions")] options: JsValue,
) -> Result<String, JsValue> {
    let o: SummaryPageOptions = options_from(&options)?;
    summary_html(jsonl, &o).map_err(|e| to_js_error(&e))
}

/// The name the report and summary pages give a metadata key in `lang`
/// (`district` → "Kabupaten/kota" in `id`, "District" in `en`), or the key
/// as written when the pages have no name for it: the console labels its
/// grouping choices with the summary's own headings.
#[wasm_bindgen(js_name = metadataLabel)]
#[must_use]
pub fn metadata_label(key: &str, lang: &str) -> String {
    assess_pages::text::metadata_label(key, lang).to_owned()
}

/// `renderSummary`, free of JavaScript types.
///
/// # Errors
///
/// As `renderSummary`.
pub fn summary_html(text: &str, o: &SummaryPageOptions) -> Result<String, Error> {
    page_language(&o.lang)?;
    let min = o
        .min_group
        .unwrap_or(assess_core::analysis::DEFAULT_MIN_GROUP);
    if min < MIN_GROUP_FLOOR {
        return Err(Error::single(Problem::new(
            ProblemKind::OutOfRange,
            "options.minGroup",
            format!("`minGroup` must be at least {MIN_GROUP_FLOOR}, found {min}"),
        )));
    }
    let mut s = Summary::new(&o.by);
    let bad = |span: std::ops::Range<usize>, msg: String| {
        Error::single(Problem::new(ProblemKind::Syntax, "", msg).with_span(Some(span)))
            .located(text)
    };
    if text.trim_start().starts_with('[') {
        s.add_json_array(text).map_err(|e| {
            bad(
                0..0,
                format!("the text is not the output of `assess score`: {e}"),
            )
        })?;
    } else {
        let mut start = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let span = start..start + line.len();
            start = span.end;
            if line.trim().is_empty() {
                continue;
            }
            s.add_json(line).map_err(|e| {
                bad(
                    span.start..span.start,
                    format!(
                        "line {} is not a record of `assess score --format jsonl`: {e}",
                        i + 1
                    ),
                )
            })?;
        }
    }
    Ok(assess_pages::summary::to_html(&s, &o.source, min, &o.lang))
}

/// The pages are written in `id` and `en`.
fn page_language(lang: &str) -> Result<(), Error> {
    if lang == "id" || lang == "en" {
        return Ok(());
    }
    Err(Error::single(Problem::new(
        ProblemKind::Language,
        "options.lang",
        format!("the pages have no language `{lang}`; expected `en`, `id`"),
    )))
}

fn invalid(path: &str, expected: &str) -> Error {
    Error::single(Problem::new(
        ProblemKind::InvalidType,
        path,
        format!("invalid argument; expected {expected}"),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_min_group_below_the_floor_is_refused() {
        let o = SummaryPageOptions {
            by: vec!["district".into()],
            min_group: Some(MIN_GROUP_FLOOR - 1),
            lang: "id".into(),
            source: "x.jsonl".into(),
        };
        let e = summary_html("", &o).unwrap_err();
        assert_eq!(
            (e.kind(), e.first().path()),
            (ProblemKind::OutOfRange, "options.minGroup")
        );
    }

    #[test]
    fn a_line_that_is_no_record_is_located() {
        let o = SummaryPageOptions {
            by: vec!["district".into()],
            min_group: None,
            lang: "en".into(),
            source: "x.jsonl".into(),
        };
        let e = summary_html("\n{\"row\": oops}\n", &o).unwrap_err();
        assert_eq!((e.first().line(), e.first().column()), (Some(2), Some(1)));
    }
}
