//! The summary page (HTML): the programme at a glance, then one section
//! per grouping.

use std::collections::BTreeMap;

use maud::{Markup, html};

use assess_core::messages::fill;
use assess_core::{FlagKind, Names};

use super::csv::{most_common, pct_in};
use super::tally::{Summary, Tally, UNKNOWN, suppressed};
use crate::html::Page;
use crate::text::{metadata_label, texts};

/// The summary page's own style: the overview fills the first printed
/// page; charts are HTML with a drawn bar, so their labels and values are
/// text a reader can see, select and enlarge; small multiples and band
/// tables sit side by side where the page is wide enough (A4, a desktop)
/// and one under another on a phone.
const CSS: &str = "\
td{overflow-wrap:anywhere}td.num{overflow-wrap:normal;white-space:nowrap}th{overflow-wrap:normal}
.overview h2{margin-top:1rem}
.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(19rem,100%),1fr));gap:0 1.5rem;align-items:start}
.glance h3,.by h3{margin-top:.6rem}
.glance>div{min-width:0}.glance table{font-size:.9rem}.glance th,.glance td{padding:.3rem .35rem}.glance td.num{white-space:normal}
dl.groups{margin:.3rem 0}dl.groups dt{font-weight:600}dl.groups dd{margin:0 0 .4rem}
figure.chart{margin:.4rem 0 .8rem}figure.chart figcaption{color:var(--ink);font-weight:600}
ul.bars{list-style:none;margin:.2rem 0;padding:0}
ul.bars li{display:grid;grid-template-columns:8.5em minmax(2.5rem,1fr) 3.4em;gap:.4rem;align-items:center;line-height:1.35;font-size:.9rem}
ul.bars .t{display:block;height:.75em;background:#e6e6e6}ul.bars .f{display:block;height:100%;background:#0b5cad}
ul.bars .t,ul.bars .f{print-color-adjust:exact;-webkit-print-color-adjust:exact;forced-color-adjust:none}
ul.bars .v{text-align:right;font-variant-numeric:tabular-nums}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1.5rem}
.pair{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-start}
.pair table{width:auto;flex:1 1 16rem;margin:.3rem 0 .6rem}
.by td:first-child{min-width:7.5em}
@media (max-width:40rem){.by td:first-child{min-width:6.5em}th{overflow-wrap:anywhere}.by table,.glance table{font-size:.8rem}}
@media print{.overview{break-after:page}.multiples,.pair,.glance table,.by table{font-size:9pt}\
.by th,.by td,.glance th,.glance td{padding:.1rem .25rem;line-height:1.25}.pair table{font-size:8.5pt}\
figure.chart{margin:.2rem 0 .4rem}ul.bars li{font-size:8.5pt;line-height:1.2}h2{margin-top:1.2rem}.by h3{margin-top:.3rem}}
";

/// The summary as a self-contained HTML page in `lang`: first the
/// programme at a glance (one printed page: how many records and their
/// status, the groups of each column, first letters of the Holland codes,
/// levels per scale, quality flags), then one section per `--by` column.
/// No figure of a suppressed group appears anywhere; every first-letter
/// chart uses one scale; bands are in the instrument's order everywhere.
#[must_use]
pub fn to_html(s: &Summary, source: &str, min: usize, lang: &str) -> String {
    let t = texts(lang);
    let mut page = Page::new(lang, t.summary_title).css(CSS);
    let shown = s.all.n >= min;
    let letters = LetterScale::of(s, min);
    let body = html! {
        section.overview {
            h1 { (t.summary_title) }
            p { (t.summary_source) " " code { (source) } ": " (s.all.n) " " (t.summary_rows) "." }
            section.status {
                p {
                    strong { (t.summary_privacy_protection) } " "
                    (fill(t.summary_privacy_rule, &[("min", &min)]))
                }
            }
            @if shown {
                (overview(s, min, lang, &letters))
            } @else {
                p { (t.summary_too_few) }
            }
        }
        @if shown {
            @for (col, groups) in &s.by {
                (grouping(s, col, groups, min, lang, &letters))
            }
        }
    };
    page.push(&body.into_string());
    page.finish()
}

/// The first page: the programme at a glance, from all records and the
/// sizes of the shown groups only.
fn overview(s: &Summary, min: usize, lang: &str, letters: &LetterScale) -> Markup {
    let t = texts(lang);
    let a = &s.all;
    let with_pct = |k: usize| format!("{k} ({}%)", pct_in(k, a.n, lang));
    html! {
        h2 { (t.summary_overview) }
        div.glance {
            div {
                table {
                    caption { (t.summary_all_records) " — " (t.summary_counts_and_status) }
                    thead { tr {
                        th scope="col" class="num" { (t.summary_total) }
                        th scope="col" class="num" { (t.summary_scored) }
                        th scope="col" class="num" { (t.summary_partial) }
                        th scope="col" class="num" { (t.summary_rejected) }
                    } }
                    tbody { tr {
                        td.num { (a.n) }
                        td.num { (with_pct(a.status[0])) }
                        td.num { (with_pct(a.status[1])) }
                        td.num { (with_pct(a.status[2])) }
                    } }
                }
                @if !s.by.is_empty() {
                    h3 { (t.summary_groups_caption) }
                    dl.groups {
                        @for (col, groups) in &s.by {
                            dt { (metadata_label(col, lang)) }
                            dd { (group_sizes(groups, min, lang)) }
                        }
                    }
                }
                (flags_table(s, a, lang))
            }
            div {
                @if a.coded > 0 {
                    (letter_chart(&sentence(t.summary_first_letter), a, letters, lang))
                    p.note { (fill(t.summary_same_scale, &[("max", &letters.max)])) }
                }
                (level_tables(s, a, lang))
            }
        }
    }
}

/// The shown groups of a column with their sizes, then the names of the
/// suppressed ones (names only, as in the CSV).
fn group_sizes(groups: &BTreeMap<String, Tally>, min: usize, lang: &str) -> Markup {
    let t = texts(lang);
    let hide = suppressed(groups, min);
    let shown: Vec<String> = groups
        .iter()
        .zip(&hide)
        .filter(|(_, h)| !**h)
        .map(|((name, g), _)| format!("{} {}", group_name(name, lang), g.n))
        .collect();
    let gone: Vec<&str> = groups
        .keys()
        .zip(&hide)
        .filter(|(_, h)| **h)
        .map(|(name, _)| group_name(name, lang))
        .collect();
    html! {
        (shown.join(" · "))
        @if !gone.is_empty() {
            @if !shown.is_empty() { "; " }
            (t.summary_suppressed) ": " (gone.join(", "))
        }
    }
}

/// The all-records row of quality flags: any flag, then each kind seen.
fn flags_table(s: &Summary, a: &Tally, lang: &str) -> Markup {
    let t = texts(lang);
    html! {
        table {
            caption { (t.summary_flags_caption) }
            thead { tr {
                th scope="col" class="num" { (t.summary_any_flag) }
                @for k in &s.flag_kinds { th scope="col" class="num" { (flag_label(k, lang)) } }
            } }
            tbody { tr {
                td.num { (pct_in(a.flagged, a.scored(), lang)) }
                @for k in &s.flag_kinds {
                    td.num { (pct_in(a.flags.get(k).copied().unwrap_or(0), a.scored(), lang)) }
                }
            } }
        }
    }
}

/// Levels per scale for all records: one table per run of scales with the
/// same bands (the shipped instruments have one), scales as rows, bands
/// as columns in the instrument's order.
fn level_tables(s: &Summary, a: &Tally, lang: &str) -> Markup {
    let t = texts(lang);
    let mut runs: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for scale in 0..s.keys.scales.len() {
        let ids: Vec<String> = s
            .keys
            .bands_of(scale)
            .iter()
            .map(|&i| s.keys.bands[i].id.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some((last, scales)) if *last == ids => scales.push(scale),
            _ => runs.push((ids, vec![scale])),
        }
    }
    html! {
        @if !runs.is_empty() { h3 { (t.summary_levels) } }
        @for (_, scales) in &runs {
            @let first = s.keys.bands_of(scales[0]);
            table {
                caption { (t.summary_levels_caption) }
                thead { tr {
                    th scope="col" { (t.scale) }
                    @for &i in &first { th scope="col" class="num" { (s.keys.bands[i].label) } }
                } }
                tbody {
                    @for &scale in scales {
                        tr {
                            td { (s.keys.scales[scale].1) }
                            @for &i in &s.keys.bands_of(scale) {
                                td.num { (band_pct(a, scale, i, lang)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The share of band `i` among the records with a band on `scale`.
fn band_pct(g: &Tally, scale: usize, i: usize, lang: &str) -> String {
    pct_in(
        g.bands.get(&i).copied().unwrap_or(0),
        g.banded.get(&scale).copied().unwrap_or(0),
        lang,
    )
}

/// One section per `--by` column: counts, status and flags per group,
/// the first letters of each shown group on the page's one scale, and
/// levels per scale with groups as rows.
fn grouping(
    s: &Summary,
    col: &str,
    groups: &BTreeMap<String, Tally>,
    min: usize,
    lang: &str,
    letters: &LetterScale,
) -> Markup {
    let t = texts(lang);
    let hide = suppressed(groups, min);
    let label = metadata_label(col, lang);
    let rows: Vec<(&str, &Tally, bool)> = groups
        .iter()
        .zip(&hide)
        .map(|((name, g), h)| (group_name(name, lang), g, *h))
        .collect();
    let gone = t.summary_suppressed;
    // A suppressed group's row: its name, the word, and empty cells.
    let hidden_row = |name: &str, cells: usize| {
        html! {
            tr {
                td { (name) }
                td.num { (gone) }
                @for _ in 1..cells { td.num {} }
            }
        }
    };
    let several_kinds = s.flag_kinds.len() > 1;
    html! {
        section.by {
            h2 { (t.summary_by) " " (heading_label(col, lang)) }
            table {
                caption { (label) " — " (t.summary_status_and_flags) }
                thead { tr {
                    th scope="col" { (breakable(label)) }
                    th scope="col" class="num" { "n" }
                    th scope="col" class="num" { (t.summary_percent_scored) }
                    th scope="col" class="num" { (t.summary_percent_partial) }
                    th scope="col" class="num" { (t.summary_percent_rejected) }
                    th scope="col" class="num" { (t.summary_percent_any_flag) }
                } }
                tbody {
                    @for &(name, g, h) in &rows {
                        @if h { (hidden_row(name, 5)) } @else {
                            tr {
                                td { (name) }
                                td.num { (g.n) }
                                td.num { (pct_in(g.status[0], g.n, lang)) }
                                td.num { (pct_in(g.status[1], g.n, lang)) }
                                td.num { (pct_in(g.status[2], g.n, lang)) }
                                td.num { (pct_in(g.flagged, g.scored(), lang)) }
                            }
                        }
                    }
                }
            }
            @if several_kinds {
                table {
                    caption { (label) " — " (t.summary_flags_caption) }
                    thead { tr {
                        th scope="col" { (breakable(label)) }
                        @for k in &s.flag_kinds { th scope="col" class="num" { (flag_label(k, lang)) } }
                    } }
                    tbody {
                        @for &(name, g, h) in &rows {
                            @if h { (hidden_row(name, s.flag_kinds.len())) } @else {
                                tr {
                                    td { (name) }
                                    @for k in &s.flag_kinds {
                                        td.num { (pct_in(g.flags.get(k).copied().unwrap_or(0), g.scored(), lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if s.all.coded > 0 {
                h3 { (sentence(t.summary_first_letter)) }
                p.note { (fill(t.summary_same_scale, &[("max", &letters.max)])) }
                div.multiples {
                    @for &(name, g, h) in &rows {
                        @if !h {
                            div {
                                (letter_chart(name, g, letters, lang))
                                @let codes = most_common(g, min, 3);
                                @if !codes.is_empty() {
                                    p.note { (t.summary_codes) ": " (codes) }
                                }
                            }
                        }
                    }
                }
            }
            @let scales: Vec<usize> = (0..s.keys.scales.len()).filter(|&sc| !s.keys.bands_of(sc).is_empty()).collect();
            @if !scales.is_empty() {
                h3 { (t.summary_levels) }
                div.pair {
                    @for &scale in &scales {
                        @let bands = s.keys.bands_of(scale);
                        table {
                            caption { (s.keys.scales[scale].1) " (%)" }
                            thead { tr {
                                th scope="col" { (breakable(label)) }
                                @for &i in &bands { th scope="col" class="num" { (s.keys.bands[i].label) } }
                            } }
                            tbody {
                                @for &(name, g, h) in &rows {
                                    @if h { (hidden_row(name, bands.len())) } @else {
                                        tr {
                                            td { (name) }
                                            @for &i in &bands { td.num { (band_pct(g, scale, i, lang)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The one scale of every first-letter chart on a page: the largest share
/// of a first letter among all records and the shown groups (never a
/// suppressed one: the scale would be a figure of it), rounded up to a
/// multiple of 10 %.
pub(super) struct LetterScale {
    /// The share, in %, that fills a bar.
    pub(super) max: u32,
}

impl LetterScale {
    pub(super) fn of(s: &Summary, min: usize) -> LetterScale {
        let mut top: f64 = 0.0;
        let mut see = |g: &Tally| {
            if g.coded > 0 {
                for k in g.first {
                    top = top.max(100.0 * k as f64 / g.coded as f64);
                }
            }
        };
        see(&s.all);
        for (_, groups) in &s.by {
            for (g, h) in groups.values().zip(suppressed(groups, min)) {
                if !h {
                    see(g);
                }
            }
        }
        // Shares are at most 100, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let max = ((top / 10.0).ceil() * 10.0).clamp(10.0, 100.0) as u32;
        LetterScale { max }
    }

    /// The width of a bar of share `k / n`, in % of the track.
    fn width(&self, k: usize, n: usize) -> f64 {
        if n == 0 {
            0.0
        } else {
            (100.0 * k as f64 / n as f64 / f64::from(self.max) * 100.0).clamp(0.0, 100.0)
        }
    }
}

/// The first letters of a group's Holland codes as a bar chart: one row
/// per letter with its name, a bar on the page's scale and the share as
/// text. The bar is a coloured box (kept when printed), hidden from
/// screen readers, which read the letter and the share.
fn letter_chart(title: &str, g: &Tally, scale: &LetterScale, lang: &str) -> Markup {
    html! {
        figure.chart {
            figcaption { (title) " (n = " (g.coded) ")" }
            ul.bars {
                @for (l, &k) in assess_core::riasec::Type::ALL.iter().zip(&g.first) {
                    li {
                        span.l { (l.letter()) " " (l.name(lang)) }
                        span.t aria-hidden="true" {
                            span.f style=(format!("width:{:.1}%", scale.width(k, g.coded))) {}
                        }
                        span.v { (pct_in(k, g.coded, lang)) "%" }
                    }
                }
            }
        }
    }
}

/// A group's name on the page: the records without the column are
/// "(tidak tercatat)" / "(not recorded)" (the CSV keeps `(?)`).
fn group_name<'a>(name: &'a str, lang: &str) -> &'a str {
    if name == UNKNOWN {
        texts(lang).summary_not_recorded
    } else {
        name
    }
}

/// A column's label inside a heading ("Menurut kabupaten/kota", "By
/// district"): the page's label for a known key, in lower case after its
/// first word; an unknown key as written.
fn heading_label(col: &str, lang: &str) -> String {
    let label = metadata_label(col, lang);
    if label == col {
        return label.to_owned();
    }
    let mut chars = label.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// `label` with a line-break opportunity after each `/`
/// ("Kabupaten/kota"), so a narrow table column can wrap it there.
fn breakable(label: &str) -> Markup {
    html! {
        @for (i, part) in label.split('/').enumerate() {
            @if i > 0 { "/" wbr; }
            (part)
        }
    }
}

/// `text` with its first letter in upper case (a caption made of a
/// phrase that is also used inside sentences).
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A flag kind's label in `lang`, or its identifier for a kind this engine
/// does not know.
fn flag_label<'k>(kind: &'k str, lang: &str) -> &'k str {
    <FlagKind as Names>::from_name(kind).map_or(kind, |f| f.label(lang))
}
