//! A scored batch summarised by metadata columns for programme staff: the
//! tallies and the HTML page (`assess summary`, and the staff build of the
//! WebAssembly package).
//!
//! Counts only: it reads the records `assess score` wrote (one JSON record
//! at a time) and tallies statuses, first letters and Holland codes, bands
//! and quality flags per group. Nothing is rescored.
//!
//! Small groups are suppressed so that no individual can be singled out:
//! a group with fewer than `min_group` records shows no figures at all, and
//! when the suppressed groups of a column add up to fewer than `min_group`
//! (so that subtracting the shown groups from the total would reveal them),
//! the next smallest group is suppressed too. Within a shown group, a full
//! Holland code is listed only when at least `min_group` people share it.

use std::collections::BTreeMap;

use maud::{Markup, html};
use serde::Deserialize;

use assess_core::analysis::shown_count;
use assess_core::messages::fill;
use assess_core::{FlagKind, Names, RowStatus};

use crate::html::Page;
use crate::text::{metadata_label, texts};

/// The group of records whose metadata lacks the column.
const UNKNOWN: &str = "(?)";

/// The parts of a scored record the summary counts.
#[derive(Deserialize)]
struct Record {
    status: String,
    report: Option<Rep>,
}

#[derive(Deserialize)]
struct Rep {
    scales: Vec<Sc>,
    quality: Q,
    riasec: Option<Ri>,
    #[serde(default)]
    metadata: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct Sc {
    id: String,
    name: String,
    score: Option<f64>,
    pomp: Option<f64>,
    norm: Option<NormRef>,
    band: Option<BandRef>,
}

impl Sc {
    /// The value the band was cut on (`basis`), when the record has it.
    fn band_value(&self) -> Option<f64> {
        match self.band.as_ref()?.basis.as_deref()? {
            "score" => self.score,
            "pomp" => self.pomp,
            "percentile" => self.norm.as_ref().map(|n| n.percentile),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct NormRef {
    percentile: f64,
}

#[derive(Deserialize)]
struct BandRef {
    id: String,
    #[serde(default)]
    basis: Option<String>,
    label: String,
}

#[derive(Deserialize)]
struct Q {
    flags: Vec<FlagRef>,
}

#[derive(Deserialize)]
struct FlagRef {
    kind: String,
}

#[derive(Deserialize)]
struct Ri {
    holland: H,
}

#[derive(Deserialize)]
struct H {
    code: String,
}

/// Counts of one group.
#[derive(Default, Clone)]
pub struct Tally {
    /// Records.
    pub n: usize,
    /// By status: scored, partial, rejected.
    pub status: [usize; 3],
    /// Records with a Holland code, by first letter R I A S E C.
    pub first: [usize; 6],
    /// Records with a Holland code.
    pub coded: usize,
    /// By full Holland code.
    pub codes: BTreeMap<String, usize>,
    /// By (scale, band): the index of the band in first-seen order.
    pub bands: BTreeMap<usize, usize>,
    /// Records with a scale of each `Summary::scales` index that has a band.
    pub banded: BTreeMap<usize, usize>,
    /// Scored records with any flag.
    pub flagged: usize,
    /// By flag kind.
    pub flags: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, rec: &Record, s: &mut Keys) {
        self.n += 1;
        self.status[match RowStatus::from_name(&rec.status) {
            Some(RowStatus::Scored) => 0,
            Some(RowStatus::Partial) => 1,
            _ => 2,
        }] += 1;
        let Some(r) = &rec.report else { return };
        if let Some(code) = r.riasec.as_ref().map(|p| &p.holland.code) {
            if let Some(i) = code.chars().next().and_then(|c| "RIASEC".find(c)) {
                self.first[i] += 1;
                self.coded += 1;
                *self.codes.entry(code.clone()).or_default() += 1;
            }
        }
        for sc in &r.scales {
            if let Some(b) = &sc.band {
                let scale = s.scale(&sc.id, &sc.name);
                let key = s.band(scale, &b.id, &b.label, sc.band_value());
                *self.bands.entry(key).or_default() += 1;
                *self.banded.entry(scale).or_default() += 1;
            }
        }
        if !r.quality.flags.is_empty() {
            self.flagged += 1;
        }
        for f in &r.quality.flags {
            *self.flags.entry(f.kind.clone()).or_default() += 1;
        }
    }

    fn scored(&self) -> usize {
        self.status[0] + self.status[1]
    }
}

/// A band of a scale as first seen, with the lowest value seen in it of
/// what the bands are cut on.
struct BandKey {
    scale: usize,
    id: String,
    label: String,
    lowest: Option<f64>,
}

/// Scales in the order first seen (every record lists its instrument's
/// scales in the instrument's order) and their bands.
#[derive(Default)]
struct Keys {
    scales: Vec<(String, String)>,
    bands: Vec<BandKey>,
}

impl Keys {
    /// Band indices grouped by scale, and within a scale in the
    /// instrument's order, lowest band first. A record names its band but
    /// not the instrument's list, so the order is read from the scores: an
    /// instrument lists its bands lowest first and they do not overlap
    /// (validation holds it), so ordering the bands by the lowest value
    /// seen in each gives the instrument's order whatever order the records
    /// come in. Bands without a value (records of an older format) follow,
    /// first seen first.
    fn band_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.bands.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.bands[a], &self.bands[b]);
            x.scale
                .cmp(&y.scale)
                .then_with(|| match (x.lowest, y.lowest) {
                    (Some(p), Some(q)) => p.total_cmp(&q),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then(a.cmp(&b))
        });
        order
    }

    /// The bands of `scale` in the instrument's order.
    fn bands_of(&self, scale: usize) -> Vec<usize> {
        self.band_order()
            .into_iter()
            .filter(|&i| self.bands[i].scale == scale)
            .collect()
    }
    fn scale(&mut self, id: &str, name: &str) -> usize {
        if let Some(i) = self.scales.iter().position(|(s, _)| s == id) {
            return i;
        }
        self.scales.push((id.to_owned(), name.to_owned()));
        self.scales.len() - 1
    }
    fn band(&mut self, scale: usize, id: &str, label: &str, value: Option<f64>) -> usize {
        let i = match self
            .bands
            .iter()
            .position(|b| b.scale == scale && b.id == id)
        {
            Some(i) => i,
            None => {
                self.bands.push(BandKey {
                    scale,
                    id: id.to_owned(),
                    label: label.to_owned(),
                    lowest: None,
                });
                self.bands.len() - 1
            }
        };
        if let Some(v) = value.filter(|v| v.is_finite()) {
            let lowest = &mut self.bands[i].lowest;
            *lowest = Some(lowest.map_or(v, |l| l.min(v)));
        }
        i
    }
}

/// A summarised batch.
pub struct Summary {
    /// All records.
    pub all: Tally,
    /// Per requested column: groups by value.
    pub by: Vec<(String, BTreeMap<String, Tally>)>,
    keys: Keys,
    flag_kinds: Vec<String>,
}

impl Summary {
    /// An empty summary that will group records by each of `columns`.
    #[must_use]
    pub fn new(columns: &[String]) -> Summary {
        Summary {
            all: Tally::default(),
            by: columns
                .iter()
                .map(|c| (c.clone(), BTreeMap::new()))
                .collect(),
            keys: Keys::default(),
            flag_kinds: Vec::new(),
        }
    }

    /// Counts one record of `assess score` (a JSON object).
    ///
    /// # Errors
    ///
    /// When `json` is not such a record (serde's message, with its line and
    /// column within `json`).
    pub fn add_json(&mut self, json: &str) -> Result<(), String> {
        let rec: Record = serde_json::from_str(json).map_err(|e| e.to_string())?;
        self.add(&rec);
        Ok(())
    }

    /// Counts every record of a JSON array of records.
    ///
    /// # Errors
    ///
    /// As [`Summary::add_json`], for the array.
    pub fn add_json_array(&mut self, json: &str) -> Result<(), String> {
        let recs: Vec<Record> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        for rec in &recs {
            self.add(rec);
        }
        Ok(())
    }

    fn add(&mut self, rec: &Record) {
        self.all.add(rec, &mut self.keys);
        for (col, groups) in &mut self.by {
            let value = rec
                .report
                .as_ref()
                .and_then(|r| r.metadata.get(col))
                .map_or_else(
                    || UNKNOWN.to_owned(),
                    |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                );
            groups.entry(value).or_default().add(rec, &mut self.keys);
        }
        if let Some(r) = &rec.report {
            for f in &r.quality.flags {
                if !self.flag_kinds.contains(&f.kind) {
                    let at = self.flag_kinds.partition_point(|k| *k < f.kind);
                    self.flag_kinds.insert(at, f.kind.clone());
                }
            }
        }
    }
}

/// Which groups of a column to suppress (the core's rule, by group size).
pub fn suppressed(groups: &BTreeMap<String, Tally>, min: usize) -> Vec<bool> {
    let sizes: Vec<usize> = groups.values().map(|g| g.n).collect();
    assess_core::analysis::suppressed(&sizes, min)
}

fn pct(k: usize, n: usize) -> String {
    if n == 0 {
        "—".into()
    } else {
        format!("{:.1}", 100.0 * k as f64 / n as f64)
    }
}

/// [`pct`] for the page: with the decimal mark of `lang` (the CSV keeps
/// `.`).
fn pct_in(k: usize, n: usize, lang: &str) -> String {
    assess_core::messages::messages(lang).decimal(pct(k, n))
}

/// The CSV columns after `column,group`.
fn csv_header(s: &Summary) -> Vec<String> {
    let mut h: Vec<String> = ["column", "group", "suppressed", "n"]
        .iter()
        .copied()
        .chain([RowStatus::Scored, RowStatus::Partial, RowStatus::Rejected].map(RowStatus::name))
        .map(str::to_owned)
        .collect();
    if s.all.coded > 0 {
        for l in "RIASEC".chars() {
            h.push(format!("first_{l}_pct"));
        }
        h.push("common_codes".into());
    }
    for i in s.keys.band_order() {
        let b = &s.keys.bands[i];
        h.push(format!("{}.{}_pct", s.keys.scales[b.scale].0, b.id));
    }
    h.push("flagged_pct".into());
    for k in &s.flag_kinds {
        h.push(format!("{k}_pct"));
    }
    h
}

fn common_codes(g: &Tally, min: usize) -> String {
    g.codes
        .iter()
        .filter(|(_, n)| shown_count(**n, min))
        .map(|(c, n)| format!("{c}:{n}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The `k` most common codes shared by at least `min` people, most common
/// first (ties in code order).
fn most_common(g: &Tally, min: usize, k: usize) -> String {
    let mut codes: Vec<(&String, &usize)> = g
        .codes
        .iter()
        .filter(|(_, n)| shown_count(**n, min))
        .collect();
    codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    codes
        .iter()
        .take(k)
        .map(|(c, n)| format!("{c} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn csv_row(
    s: &Summary,
    column: &str,
    group: &str,
    g: &Tally,
    hide: bool,
    min: usize,
) -> Vec<String> {
    let mut r = vec![column.to_owned(), group.to_owned()];
    let width = csv_header(s).len();
    if hide {
        r.push("yes".into());
        r.resize(width, String::new());
        return r;
    }
    r.push("no".into());
    r.push(g.n.to_string());
    for k in g.status {
        r.push(k.to_string());
    }
    if s.all.coded > 0 {
        for k in g.first {
            r.push(pct(k, g.coded));
        }
        r.push(common_codes(g, min));
    }
    for i in s.keys.band_order() {
        let scale = s.keys.bands[i].scale;
        r.push(pct(
            g.bands.get(&i).copied().unwrap_or(0),
            g.banded.get(&scale).copied().unwrap_or(0),
        ));
    }
    r.push(pct(g.flagged, g.scored()));
    for k in &s.flag_kinds {
        r.push(pct(g.flags.get(k).copied().unwrap_or(0), g.scored()));
    }
    r
}

/// The summary as CSV records (header first): one row for all records,
/// then one per group of each column; suppressed groups keep their name and
/// `suppressed=yes` only. Cells are plain text: the writer quotes them and
/// guards them against spreadsheet formulas.
#[must_use]
pub fn csv_records(s: &Summary, min: usize) -> Vec<Vec<String>> {
    let mut out = vec![csv_header(s)];
    let hide_all = s.all.n < min;
    out.push(csv_row(s, "", "", &s.all, hide_all, min));
    for (col, groups) in &s.by {
        let hide = suppressed(groups, min);
        for ((value, g), h) in groups.iter().zip(hide) {
            out.push(csv_row(s, col, value, g, h, min));
        }
    }
    out
}

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
struct LetterScale {
    /// The share, in %, that fills a bar.
    max: u32,
}

impl LetterScale {
    fn of(s: &Summary, min: usize) -> LetterScale {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The page and the CSV apply the core's rule (its own tests are in
    /// `analysis::disclosure`) to the groups in their display order.
    #[test]
    fn groups_are_suppressed_by_the_cores_rule_in_display_order() {
        let groups: BTreeMap<String, Tally> = [("Demak", 30), ("Rembang", 3), ("Sragen", 12)]
            .into_iter()
            .map(|(g, n)| {
                (
                    g.to_owned(),
                    Tally {
                        n,
                        ..Tally::default()
                    },
                )
            })
            .collect();
        assert_eq!(suppressed(&groups, 10), [false, true, true]);
        assert_eq!(suppressed(&groups, 3), [false, false, false]);
    }

    /// One scored record of `assess score` with the parts the summary
    /// reads: metadata, a Holland code when `code` is given, and each
    /// `(scale, band, label, pomp)` of a readiness-like instrument whose
    /// bands are cut on POMP (0–50, 50–75, 75–100, as
    /// `instruments/readiness.toml`).
    fn record(
        meta: &[(&str, &str)],
        code: Option<&str>,
        scales: &[(&str, &str, &str, f64)],
    ) -> String {
        let metadata: serde_json::Map<String, serde_json::Value> = meta
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
            .collect();
        let scales: Vec<serde_json::Value> = scales
            .iter()
            .map(|(id, band, label, pomp)| {
                serde_json::json!({
                    "id": id, "name": id, "score": pomp, "pomp": pomp,
                    "band": {"id": band, "basis": "pomp", "label": label}
                })
            })
            .collect();
        serde_json::json!({
            "status": "scored",
            "report": {
                "scales": scales,
                "quality": {"flags": []},
                "riasec": code.map(|c| serde_json::json!({"holland": {"code": c}})),
                "metadata": metadata,
            }
        })
        .to_string()
    }

    fn summary(columns: &[&str], records: &[String]) -> Summary {
        let columns: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        let mut s = Summary::new(&columns);
        for r in records {
            s.add_json(r).unwrap();
        }
        s
    }

    /// The text of every `<thead>` of `html`.
    fn table_heads(html: &str) -> Vec<&str> {
        html.split("<thead>")
            .skip(1)
            .map(|t| &t[..t.find("</thead>").unwrap()])
            .collect()
    }

    /// Records that meet the bands in the opposite of the instrument's
    /// order, and each scale in a different order: every table and the
    /// CSV still list them lowest first, as the instrument does.
    #[test]
    fn bands_are_in_the_instruments_order_in_every_table_and_the_csv() {
        let levels = [
            ("siap_kerja", "Siap kerja", 80.0),
            ("perlu_pendampingan", "Perlu pendampingan", 20.0),
            ("berkembang", "Berkembang", 60.0),
        ];
        let records: Vec<String> = (0..30)
            .map(|i| {
                let (k, d) = (levels[i % 3], levels[(i + 2) % 3]);
                record(
                    &[
                        ("district", if i < 15 { "Demak" } else { "Rembang" }),
                        ("gender", "perempuan"),
                    ],
                    None,
                    &[
                        ("komunikasi", k.0, k.1, k.2),
                        ("digital", d.0, d.1, d.2 + 5.0),
                    ],
                )
            })
            .collect();
        let s = summary(&["district", "gender"], &records);
        let header = &csv_records(&s, 10)[0];
        let bands: Vec<&str> = header
            .iter()
            .filter(|h| h.contains('.'))
            .map(String::as_str)
            .collect();
        assert_eq!(
            bands,
            [
                "komunikasi.perlu_pendampingan_pct",
                "komunikasi.berkembang_pct",
                "komunikasi.siap_kerja_pct",
                "digital.perlu_pendampingan_pct",
                "digital.berkembang_pct",
                "digital.siap_kerja_pct",
            ]
        );
        for lang in ["id", "en"] {
            let html = to_html(&s, "x.jsonl", 10, lang);
            let heads: Vec<&str> = table_heads(&html)
                .into_iter()
                .filter(|h| h.contains("Siap kerja"))
                .collect();
            // The overview's table, and one per scale in each of two columns.
            assert_eq!(heads.len(), 1 + 2 * 2, "{lang}");
            for h in heads {
                let at = |label: &str| h.find(label).unwrap();
                assert!(
                    at("Perlu pendampingan") < at("Berkembang")
                        && at("Berkembang") < at("Siap kerja"),
                    "{lang}: {h}"
                );
            }
        }
    }

    /// No figure of a suppressed group anywhere: not its size in the
    /// overview, not a row of figures, not a chart, not its common codes,
    /// not even the scale of the charts.
    #[test]
    fn suppressed_groups_show_no_figure_on_the_first_page_or_in_the_sections() {
        let mut records = Vec::new();
        for (district, n, code, band) in [
            ("Demak", 15, "RIA", ("berkembang", "Berkembang", 60.0)),
            ("Demak", 15, "IRA", ("berkembang", "Berkembang", 60.0)),
            ("Rembang", 3, "SEC", ("siap_kerja", "Siap kerja", 90.0)),
            ("Sragen", 12, "CSE", ("siap_kerja", "Siap kerja", 90.0)),
        ] {
            for _ in 0..n {
                records.push(record(
                    &[("district", district)],
                    Some(code),
                    &[("komunikasi", band.0, band.1, band.2)],
                ));
            }
        }
        let s = summary(&["district"], &records);
        let html = to_html(&s, "x.jsonl", 10, "id");
        // The overview: shown sizes, the names of the suppressed only.
        assert!(
            html.contains("<dd>Demak 30; disembunyikan: Rembang, Sragen</dd>"),
            "{html}"
        );
        // The section's tables: the name, the word, empty cells.
        for name in ["Rembang", "Sragen"] {
            let rows: Vec<&str> = html
                .split("<tr>")
                .filter(|r| r.starts_with(&format!("<td>{name}</td>")))
                .collect();
            assert_eq!(rows.len(), 2, "{name}: status table and one scale");
            for r in rows {
                let cells = r
                    .trim_end_matches("</tr>")
                    .replace("<td class=\"num\"></td>", "");
                assert_eq!(
                    cells.split("</tr>").next().unwrap(),
                    format!("<td>{name}</td><td class=\"num\">disembunyikan</td>"),
                );
            }
            assert!(!html.contains(&format!("<figcaption>{name}")), "{name}");
        }
        // All records and Demak only; Demak's largest share (R and I, 50 %)
        // sets the scale, not Sragen's (C, 100 %).
        assert_eq!(html.matches("<figure class=\"chart\">").count(), 2);
        assert!(html.contains("<figcaption>Demak (n = 30)</figcaption>"));
        assert!(html.contains("IRA (15), RIA (15)"));
        assert!(!html.contains("CSE") && !html.contains("SEC"));
        assert_eq!(LetterScale::of(&s, 10).max, 50);
        assert!(html.contains("0–50%"));
        // The CSV agrees: names and `yes` only.
        for r in &csv_records(&s, 10)[2..] {
            let hidden = r[1] != "Demak";
            assert_eq!(r[2], if hidden { "yes" } else { "no" });
            assert_eq!(r[3..].iter().all(String::is_empty), hidden);
        }
    }

    /// Section headings and first columns use the page's label of a known
    /// metadata key, in the page's language; an unknown key is shown as
    /// written.
    #[test]
    fn headings_use_the_labels_of_metadata_keys() {
        let records: Vec<String> = (0..12)
            .map(|_| {
                record(
                    &[
                        ("district", "Demak"),
                        ("gender", "perempuan"),
                        ("kota_asal", "Semarang"),
                    ],
                    Some("SEC"),
                    &[],
                )
            })
            .collect();
        let s = summary(&["district", "gender", "kota_asal"], &records);
        let id = to_html(&s, "x.jsonl", 10, "id");
        for h in [
            "Menurut kabupaten/kota",
            "Menurut jenis kelamin",
            "Menurut kota_asal",
        ] {
            assert!(id.contains(&format!("<h2>{h}</h2>")), "{h}");
        }
        assert!(id.contains("<th scope=\"col\">Kabupaten/<wbr>kota</th>"));
        assert!(id.contains("<dt>Jenis kelamin</dt>"));
        let en = to_html(&s, "x.jsonl", 10, "en");
        for h in ["By district", "By gender", "By kota_asal"] {
            assert!(en.contains(&format!("<h2>{h}</h2>")), "{h}");
        }
        // No raw key of a known column in the Indonesian page's headings,
        // captions or column heads.
        for tag in ["h2", "h3", "caption", "th", "dt", "figcaption"] {
            for part in id.split(&format!("<{tag}")).skip(1) {
                if !part.starts_with(['>', ' ']) {
                    continue; // `<thead>` for `<th`
                }
                let text = &part[..part.find(&format!("</{tag}>")).unwrap()];
                for key in ["district", "gender", "Group", "District", "Gender"] {
                    assert!(!text.contains(key), "<{tag}{text}");
                }
            }
        }
    }

    /// Every first-letter chart of a page is drawn on one scale: two groups
    /// whose largest shares differ (60 % and 30 %) get bars whose widths
    /// are their shares over the same maximum, so 30 % is half of 60 %.
    #[test]
    fn first_letter_charts_share_one_scale() {
        let mut records = Vec::new();
        for (district, codes) in [("Demak", "RRRRRRIIAA"), ("Sragen", "SSSEEECCRR")] {
            for c in codes.chars() {
                let code = format!("{c}XY");
                records.push(record(&[("district", district)], Some(&code), &[]));
            }
        }
        let s = summary(&["district"], &records);
        let html = to_html(&s, "x.jsonl", 2, "en");
        // R: 8 of 20 overall, 6 of 10 in Demak: 60 % rounds up to a 60 % scale.
        assert!(html.contains("uses the same scale, 0–60%"));
        let charts: Vec<(String, Vec<(f64, f64)>)> = html
            .split("<figure class=\"chart\">")
            .skip(1)
            .map(|f| {
                let f = &f[..f.find("</figure>").unwrap()];
                let title = f["<figcaption>".len()..f.find("</figcaption>").unwrap()].to_owned();
                let widths = f
                    .split("<span class=\"f\" style=\"width:")
                    .skip(1)
                    .map(|w| w[..w.find('%').unwrap()].parse::<f64>().unwrap());
                let shares = f
                    .split("<span class=\"v\">")
                    .skip(1)
                    .map(|v| v[..v.find('%').unwrap()].parse::<f64>().unwrap());
                (title, widths.zip(shares).collect())
            })
            .collect();
        let titles: Vec<&str> = charts.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "First letter of the Holland code (n = 20)",
                "Demak (n = 10)",
                "Sragen (n = 10)"
            ]
        );
        for (title, bars) in &charts {
            assert_eq!(bars.len(), 6, "{title}");
            for (width, share) in bars {
                // Width in % of the track: share / 60 %, to the tenth.
                assert!(
                    (width - share / 60.0 * 100.0).abs() < 0.051,
                    "{title}: {width} {share}"
                );
            }
        }
        // R in Demak fills the bar; S in Sragen (30 %) fills half of it.
        assert_eq!(charts[1].1[0], (100.0, 60.0));
        assert_eq!(charts[2].1[3], (50.0, 30.0));
    }
}
