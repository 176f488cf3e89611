//! One respondent's results as a printable, self-contained HTML page for
//! the counsellor and the young person (`assess report`, and the staff
//! build of the WebAssembly package).
//!
//! Everything shown comes from the core's [`Report`], [`RiasecProfile`] and
//! [`Recommendations`]: this module lays them out and never recomputes a
//! score, band, code or explanation.

use assess_core::messages::messages;
use assess_core::riasec::Type;
use assess_core::{Instrument, Recommendations, Report, RiasecProfile, ScaleStatus, status_notice};

use maud::{Markup, PreEscaped, html};

use crate::date::Date;
use crate::html::{Bar, Page, bar_chart, hexagon_chart};
use crate::text::{metadata_label, texts};

/// One instrument's scored results.
pub struct Scored {
    /// The instrument.
    pub instrument: Instrument,
    /// The person's report on it.
    pub report: Report,
}

const REPORT_CSS: &str = "\
.hex{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:center;break-inside:avoid}
@media (max-width:40rem){.hex{grid-template-columns:1fr}}
.scales td:nth-child(5){width:50%}.scales td:nth-child(2){white-space:nowrap}
@media print{table{break-inside:auto}tr{break-inside:avoid}}
.code{font-size:1.4rem;font-weight:700;letter-spacing:.1em}
section.card{border:1px solid var(--line);padding:.2rem .9rem .6rem;margin:.8rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}dt{font-weight:600}dd{margin:0}
.who{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.3rem 1.2rem;margin:.4rem 0}
.who label,.who span.k{font-weight:600;margin-right:.4rem}
.who input{font:inherit;border:0;border-bottom:1px solid var(--ink);min-width:10rem;width:60%;padding:.1rem;min-height:1.8rem}
.instruments{margin:.3rem 0;padding-left:1.2rem}.instruments li{margin:0}
.interest{display:grid;grid-template-columns:minmax(0,16rem) minmax(0,1fr);gap:1rem;align-items:start}
@media (max-width:40rem){.interest{grid-template-columns:1fr}}
.interest figure{margin:0}.interest ul{margin:.3rem 0;padding-left:1.2rem}
.essentials h2{margin-top:1rem}.essentials .note,.essentials figcaption{font-size:.9em}
.essentials section.card{padding:.1rem .7rem .3rem;margin:.5rem 0}
.essentials section.card h3{margin:.4rem 0 .2rem}.essentials section.card p{margin:.2rem 0}
.notes textarea{width:100%;min-height:9rem;font:inherit;border:1px solid var(--ink);padding:.4rem;background:repeating-linear-gradient(#fff 0 1.9rem,#ddd 1.9rem calc(1.9rem + 1px))}
.details{break-before:page}
@media print{.essentials{font-size:9.5pt}.essentials h2{margin:.6rem 0 .2rem}.interest{grid-template-columns:13rem 1fr}.notes textarea{min-height:7rem;resize:none}}
";

/// How a report page is made.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions<'a> {
    /// The page's language: `id` or `en`.
    pub lang: &'a str,
    /// The session's date, shown in the language's own form: the caller's
    /// clock (the pages have none), or left out.
    pub date: Option<Date>,
}

/// How many job families the first pages show (the rest are in the
/// details).
const FAMILIES_FIRST: usize = 3;
/// How many next steps the first pages list.
const STEPS_FIRST: usize = 5;

/// The whole page from the scored results: the essentials first (two A4
/// pages), then, after a page break, the details.
pub fn render(
    scored: &[Scored],
    recs: Option<&Recommendations>,
    options: &ReportOptions<'_>,
) -> String {
    let lang = options.lang;
    let id = scored
        .first()
        .map_or("", |s| s.report.respondent_id.as_str());
    let title = format!("{} — {id}", texts(lang).report_title);
    let mut page = Page::new(lang, &title).css(REPORT_CSS);
    page.push(&essentials(scored, recs, options).into_string());
    page.push(&details(scored, recs, lang).into_string());
    page.finish()
}

/// The pages after the break: the metadata as given, every instrument's
/// scales and quality notes, all job families, and where the results come
/// from.
fn details(scored: &[Scored], recs: Option<&Recommendations>, lang: &str) -> Markup {
    let t = texts(lang);
    let meta = scored
        .first()
        .map(|s| &s.report.metadata)
        .filter(|m| !m.is_empty());
    html! {
        div.details {
            h2 #details { (t.report_details) }
            p.note { (t.report_details_note) }
            @if let Some(meta) = meta {
                table {
                    caption { (t.report_metadata) }
                    thead { tr { th scope="col" { (t.report_field) } th scope="col" { (t.report_value) } } }
                    tbody {
                        @for (k, v) in meta {
                            tr {
                                td { (metadata_label(k, lang)) }
                                td { (v.as_str().map_or_else(|| v.to_string(), str::to_owned)) }
                            }
                        }
                    }
                }
            }
            @for s in scored { (instrument_section(s, lang)) }
            @if let Some(r) = recs { (families_section(r, lang)) }
            (footer(scored, recs, lang))
        }
    }
}

/// The first two pages: who and when, the instruments, the interest
/// profile, strengths, the first job families, next steps and room for
/// the session's notes.
fn essentials(
    scored: &[Scored],
    recs: Option<&Recommendations>,
    options: &ReportOptions<'_>,
) -> Markup {
    let lang = options.lang;
    let t = texts(lang);
    let id = scored
        .first()
        .map_or("", |s| s.report.respondent_id.as_str());
    let meta = scored.first().map(|s| &s.report.metadata);
    // Known fields only (their words are the page's); other keys are in
    // the details.
    let known: Vec<(&str, String)> = meta
        .into_iter()
        .flatten()
        .filter(|(k, _)| metadata_label(k, lang) != k.as_str())
        .map(|(k, v)| {
            (
                metadata_label(k, lang),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .collect();
    let statuses: Vec<_> = scored.iter().map(|s| s.report.instrument.status).collect();
    let one_status = statuses.windows(2).all(|w| w[0] == w[1]);
    let interest = scored
        .iter()
        .find_map(|s| s.report.riasec.as_ref().map(|p| (s, p)));
    let strengths = strengths(scored, lang);
    let steps = next_steps(scored, recs);
    html! {
        div.essentials {
            h1 { (t.report_title) }
            div.who {
                div { span.k { (t.report_respondent) ":" } (id) }
                div { span.k { (t.report_date) ":" } (options.date.map_or_else(String::new, |d| d.written(lang))) }
                div { label for="person-name" { (t.report_name) ":" } input #person-name type="text" name="person-name" autocomplete="off"; }
                div { label for="counsellor" { (t.report_counsellor) ":" } input #counsellor type="text" name="counsellor" autocomplete="off"; }
                @for (k, v) in &known {
                    div { span.k { (k) ":" } (v) }
                }
            }
            @if !known.is_empty() {
                p.note { (t.report_metadata_note) }
            }
            section.status aria-labelledby="instruments" {
                h2 #instruments { (t.report_instrument_status) }
                ul.instruments {
                    @for s in scored {
                        li {
                            strong { (s.instrument.title().get(lang)) } " "
                            (t.report_version) " " (s.instrument.version()) " · "
                            (s.report.instrument.status.name(lang))
                            @if !one_status { ": " (status_notice(s.report.instrument.status, lang)) }
                        }
                    }
                }
                @if one_status {
                    @if let Some(st) = statuses.first() { p { (status_notice(*st, lang)) } }
                }
            }
            @if let Some((s, p)) = interest {
                section aria-labelledby="interests" {
                    h2 #interests { (t.report_interests) }
                    (interest_summary(s, p, lang))
                }
            }
            @if !strengths.is_empty() {
                section aria-labelledby="strengths" {
                    h2 #strengths { (t.report_strengths) }
                    ul {
                        @for (name, band, inst) in &strengths {
                            li { strong { (name) } " — " (band) " " span.note { "(" (inst) ")" } }
                        }
                    }
                }
            }
            @if let Some(r) = recs {
                section aria-labelledby="top-families" {
                    h2 #top-families { (t.report_top_families) }
                    p.note {
                        @if let Some(n) = &r.note { span.flag { (n) } } @else { (t.report_families_note) }
                    }
                    @for f in r.families.iter().take(FAMILIES_FIRST) {
                        section.card {
                            h3 {
                                @if r.clarity.is_clear() { (f.rank) ". " }
                                (f.name) " "
                                span.note { "(" (t.report_code) " " (f.family_code) ", " (t.report_fit) " " (format!("{:.0}", f.score)) "/100)" }
                            }
                            p { (f.explanation) }
                            @if !f.training.is_empty() {
                                p {
                                    strong { (t.report_how_to_get_there) ": " }
                                    @for (i, tr) in f.training.iter().enumerate() {
                                        @if i > 0 { "; " }
                                        (tr.name) " (" (tr.kind_name)
                                        @if let Some(d) = &tr.duration { ", " (d) }
                                        ")"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !steps.is_empty() {
                section aria-labelledby="next-steps" {
                    h2 #next-steps { (t.report_next_steps_heading) }
                    ol { @for st in &steps { li { (st) } } }
                }
            }
            section.notes aria-labelledby="notes" {
                h2 #notes { label for="session-notes" { (t.report_session_notes) } }
                textarea #session-notes name="session-notes" rows="6" {}
            }
            p.note { (t.report_details_follow) }
        }
    }
}

/// The interest profile in brief: the hexagon, the Holland code with what
/// each of its letters means, and consistency and differentiation.
fn interest_summary(s: &Scored, p: &RiasecProfile, lang: &str) -> Markup {
    let t = texts(lang);
    let names: Vec<String> = Type::ALL
        .iter()
        .map(|ty| format!("{} {}", ty.letter(), ty.name(lang)))
        .collect();
    let shown: Vec<String> = p.scores.iter().map(|x| format!("{x:.0}")).collect();
    let axes: [(&str, f64, String); 6] =
        std::array::from_fn(|i| (names[i].as_str(), p.scores[i], shown[i].clone()));
    let letters: Vec<Type> = p
        .holland
        .code
        .chars()
        .filter_map(Type::from_letter)
        .collect();
    html! {
        div.interest {
            figure {
                (PreEscaped(hexagon_chart(t.report_riasec_profile, &axes, 100.0)))
                figcaption { (t.report_hexagon_caption) }
            }
            div {
                p {
                    (t.report_holland_code) ": "
                    @if p.clarity.is_clear() { span.code { (p.holland.code) } } @else { strong { (p.holland.code) } " " span.flag { (t.report_code_unclear) } }
                }
                @if p.clarity.is_clear() {
                    ul {
                        @for ty in &letters {
                            li {
                                strong { (ty.letter()) " " (ty.name(lang)) }
                                @if let Some(d) = s.instrument.scale(&ty.letter().to_string()).and_then(|sc| sc.description()) {
                                    ": " (d.get(lang))
                                }
                            }
                        }
                    }
                }
                @if p.holland.tied && p.clarity.is_clear() {
                    p { (t.report_tied_codes) " " (p.holland.alternatives.iter().filter(|c| **c != p.holland.code).cloned().collect::<Vec<_>>().join(", ")) }
                }
                p { (p.consistency_text(lang)) }
                p { (p.differentiation_text(lang)) }
                @if let Some(n) = &p.note { p.flag { (n) } }
            }
        }
    }
}

/// Strengths: the aptitude and readiness scales (not composites) in their
/// scale's highest band, as `(scale, band, instrument)`.
fn strengths(scored: &[Scored], lang: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in scored.iter().filter(|s| s.report.riasec.is_none()) {
        for sc in &s.report.scales {
            let Some(band) = &sc.band else { continue };
            let Some(def) = s.instrument.scale(&sc.id) else {
                continue;
            };
            if def.components().is_empty() && def.bands().last().is_some_and(|b| b.id() == band.id)
            {
                out.push((
                    sc.name.clone(),
                    band.label.clone(),
                    s.instrument.title().get(lang).to_owned(),
                ));
            }
        }
    }
    out
}

/// Next steps for the first pages: those of the scales in their lowest
/// band first, then of the overall (composite) scales, then of the first
/// job family; each once, at most [`STEPS_FIRST`].
fn next_steps(scored: &[Scored], recs: Option<&Recommendations>) -> Vec<String> {
    let mut low = Vec::new();
    let mut overall = Vec::new();
    for s in scored.iter().filter(|s| s.report.riasec.is_none()) {
        for sc in &s.report.scales {
            let (Some(band), Some(def)) = (&sc.band, s.instrument.scale(&sc.id)) else {
                continue;
            };
            let Some(step) = &band.next_step else {
                continue;
            };
            if !def.components().is_empty() {
                overall.push(step.clone());
            } else if def.bands().first().is_some_and(|b| b.id() == band.id) {
                low.push(step.clone());
            }
        }
    }
    let family = recs
        .and_then(|r| r.families.first())
        .map(|f| f.next_steps.clone())
        .unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for st in low.into_iter().chain(overall).chain(family) {
        if out.len() < STEPS_FIRST && !out.contains(&st) {
            out.push(st);
        }
    }
    out
}

/// One instrument: its profile (interest), every scale with its band,
/// meaning and next step, and the quality notes.
fn instrument_section(s: &Scored, lang: &str) -> Markup {
    let t = texts(lang);
    let r = &s.report;
    html! {
        // The instrument's id, prefixed: never the same as the page's own
        // ids (`notes`, `details`…).
        @let heading = format!("inst-{}", r.instrument.id);
        section aria-labelledby=(heading) {
            h2 #(heading) { (s.instrument.title().get(lang)) }
            @if let Some(p) = &r.riasec { (riasec_section(p, lang)) }
            div.scales {
                table {
                    caption { (t.report_scales_caption) }
                    thead {
                        tr {
                            th scope="col" { (t.scale) }
                            th.num scope="col" { (t.report_score_range) }
                            th.num scope="col" { (t.report_percent_of_max) }
                            th scope="col" { (t.report_band) }
                            th scope="col" { (t.report_what_it_means) }
                        }
                    }
                    tbody {
                        @for sc in &r.scales {
                            tr {
                                td { (sc.name) }
                                td.num {
                                    @if let Some(x) = sc.score {
                                        (short(x, lang)) " (" (short(sc.min, lang)) "–" (short(sc.max, lang)) ")"
                                    } @else {
                                        (sc.reason.as_deref().unwrap_or("—"))
                                    }
                                }
                                td.num { (sc.pomp.map_or_else(|| "—".into(), |p| format!("{p:.0}"))) }
                                td { (sc.band.as_ref().map_or("—", |b| b.label.as_str())) }
                                td {
                                    @if let Some(b) = &sc.band {
                                        (b.interpretation)
                                        @if let Some(n) = &b.next_step { br; em { (t.report_next_step) ":" } " " (n) }
                                    }
                                    @if sc.status == ScaleStatus::Partial {
                                        br; span.flag { (t.report_partial_answered) " " (sc.answered) "/" (sc.items) }
                                    }
                                    @if let Some(sem) = &sc.sem {
                                        br; span.note { (t.report_95_percent_range) " " (short(sem.lower, lang)) "–" (short(sem.upper, lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (quality_section(r, lang))
        }
    }
}

/// The interest profile's details: the scores as bars with their values
/// (the hexagon is on the first page), the code with its ties, and what
/// consistency and differentiation say.
fn riasec_section(p: &RiasecProfile, lang: &str) -> Markup {
    let t = texts(lang);
    let names: Vec<String> = Type::ALL
        .iter()
        .map(|ty| format!("{} {}", ty.letter(), ty.name(lang)))
        .collect();
    let bars: Vec<Bar<'_>> = names
        .iter()
        .zip(p.scores)
        .map(|(label, v)| Bar {
            label,
            value: v,
            shown: format!("{v:.0}"),
        })
        .collect();
    let code_names: Vec<&str> = p
        .holland
        .code
        .chars()
        .filter_map(Type::from_letter)
        .map(|ty| ty.name(lang))
        .collect();
    let others: Vec<&str> = p
        .holland
        .alternatives
        .iter()
        .filter(|c| **c != p.holland.code)
        .map(String::as_str)
        .collect();
    html! {
        figure {
            (PreEscaped(bar_chart(t.report_riasec_profile, &bars, 100.0)))
            figcaption { (t.report_riasec_profile) }
        }
        h3 { (t.report_holland_code) }
        @if p.clarity.is_clear() {
            p { span.code { (p.holland.code) } " — " (code_names.join(", ")) }
        } @else {
            // A flat or low profile: the code is not a finding, so it is
            // not shown large, and the page says why (the note below).
            p { (p.holland.code) " — " (code_names.join(", ")) " " span.flag { (t.report_code_unclear) } }
        }
        // Tie-breaks of an unclear code are no finding either.
        @if p.holland.tied && p.clarity.is_clear() {
            p { (t.report_tied_codes) " " (others.join(", ")) }
        }
        ul {
            li { (p.consistency_text(lang)) }
            li { (p.differentiation_text(lang)) }
        }
        @if let Some(n) = &p.note { p.flag { (n) } }
    }
}

/// Answer quality: how much was answered, how fast, and every flag and
/// warning.
fn quality_section(r: &Report, lang: &str) -> Markup {
    let t = texts(lang);
    let q = &r.quality;
    html! {
        h3 { (t.report_quality_notes) }
        p {
            (t.report_answered) ": " (q.answered) "/" (q.presented) " (" (format!("{:.0}", q.completion * 100.0)) "%)"
            @if let Some(sec) = q.median_seconds {
                "; " (t.report_median_seconds_per_item) ": " (messages(lang).decimal(format_args!("{sec:.1}"))) " s"
            }
            "."
        }
        @if q.flags.is_empty() && r.warnings.is_empty() {
            p { (t.report_no_flags) }
        } @else {
            ul {
                @for f in &q.flags { li { span.flag { (f.kind.label(lang)) } ": " (f.message) } }
                @for w in &r.warnings { li { (w.message()) } }
            }
            p.note { (t.report_flags_note) }
        }
    }
}

/// Every suggested job family: why, the training routes, next steps and
/// accessibility.
fn families_section(recs: &Recommendations, lang: &str) -> Markup {
    let t = texts(lang);
    html! {
        section aria-labelledby="families" {
            h2 #families { (t.report_families) }
            // A flat or low profile gives examples to explore, not a
            // ranking: the core's note replaces the note on ranking, and
            // no rank is shown.
            p.note {
                @if let Some(n) = &recs.note { span.flag { (n) } } @else { (t.report_families_note) }
            }
            @for f in &recs.families {
                section.card {
                    h3 {
                        @if recs.clarity.is_clear() { (f.rank) ". " }
                        (f.name) " "
                        span.note { "(" (t.report_code) " " (f.family_code) ", " (t.report_fit) " " (format!("{:.0}", f.score)) "/100)" }
                    }
                    p { (f.description) }
                    p { (f.explanation) }
                    @if !f.training.is_empty() {
                        p { strong { (t.report_training_routes) ":" } }
                        ul {
                            @for tr in &f.training {
                                li {
                                    (tr.name) " "
                                    span.note { "(" (tr.kind_name) @if let Some(d) = &tr.duration { ", " (d) } ")" }
                                }
                            }
                        }
                    }
                    @if !f.next_steps.is_empty() {
                        p { strong { (t.report_next_steps) ":" } " " (f.next_steps.join("; ")) }
                    }
                    @if !f.accessibility.is_empty() {
                        p.note { strong { (t.report_accessibility) ":" } " " (f.accessibility) }
                    }
                }
            }
        }
    }
}

/// Where the results come from: each instrument's id, version, status,
/// form and content hash, the catalogue's, and the engine's version.
fn footer(scored: &[Scored], recs: Option<&Recommendations>, lang: &str) -> Markup {
    let t = texts(lang);
    html! {
        footer.note {
            h2 { (t.report_provenance) }
            ul {
                @for s in scored {
                    @let i = &s.report.instrument;
                    // The form by its name in `lang` (the full form has
                    // none in the file: the engine's word for it).
                    @let form = s.instrument.form(&i.form).map_or(messages(lang).full_form, |f| f.name().get(lang));
                    li { (i.id) " " (i.version) " (" (i.status.name(lang)) ", " (t.report_form) ": " (form) "), " (i.hash) }
                }
                @if let Some(r) = recs {
                    li { (t.report_catalogue) " " (r.catalog.id) " " (r.catalog.version) " (" (r.catalog.status.name(lang)) "), " (r.catalog.hash) }
                }
                li { "assess " (assess_core::ENGINE_VERSION) }
            }
        }
    }
}

/// A score as a reader takes it in: one decimal, none when whole (the
/// exact value is in the JSON report), with the decimal mark of `lang`.
fn short(x: f64, lang: &str) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    messages(lang).decimal(s)
}
