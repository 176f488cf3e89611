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
use std::fmt::Write as _;

use serde::Deserialize;

use assess_core::analysis::shown_count;
use assess_core::messages::fill;
use assess_core::{FlagKind, Names, RowStatus};

use crate::html::{Bar, Page, bar_chart, escape, table};
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
    band: Option<BandRef>,
}

#[derive(Deserialize)]
struct BandRef {
    id: String,
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
    /// By (scale, band), in first-seen order of `Summary::bands`.
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
                let key = s.band(scale, &b.id, &b.label);
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

/// Scales and bands in the order first seen (instrument order).
#[derive(Default)]
struct Keys {
    scales: Vec<(String, String)>,
    bands: Vec<(usize, String, String)>,
}

impl Keys {
    /// Band indices grouped by scale (instrument order), first seen first
    /// within a scale.
    fn band_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.bands.len()).collect();
        order.sort_by_key(|&i| (self.bands[i].0, i));
        order
    }
    fn scale(&mut self, id: &str, name: &str) -> usize {
        if let Some(i) = self.scales.iter().position(|(s, _)| s == id) {
            return i;
        }
        self.scales.push((id.to_owned(), name.to_owned()));
        self.scales.len() - 1
    }
    fn band(&mut self, scale: usize, id: &str, label: &str) -> usize {
        if let Some(i) = self
            .bands
            .iter()
            .position(|(s, b, _)| *s == scale && b == id)
        {
            return i;
        }
        self.bands.push((scale, id.to_owned(), label.to_owned()));
        self.bands.len() - 1
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
        let (scale, band, _) = &s.keys.bands[i];
        h.push(format!("{}.{band}_pct", s.keys.scales[*scale].0));
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
        let scale = &s.keys.bands[i].0;
        r.push(pct(
            g.bands.get(&i).copied().unwrap_or(0),
            g.banded.get(scale).copied().unwrap_or(0),
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

/// The summary as a self-contained HTML page in `lang`.
pub fn to_html(s: &Summary, source: &str, min: usize, lang: &str) -> String {
    let title = texts(lang).summary_title;
    let mut page = Page::new(lang, title)
        .css("td{overflow-wrap:anywhere}td.num{overflow-wrap:normal;white-space:nowrap}figure svg{max-width:34rem}");
    let mut h = String::new();
    let _ = write!(
        h,
        "<h1>{}</h1><p>{} <code>{}</code>: {} {}.</p>",
        escape(title),
        texts(lang).summary_source,
        escape(source),
        s.all.n,
        texts(lang).summary_rows,
    );
    let _ = write!(
        h,
        "<section class=\"status\"><p><strong>{}</strong> {}</p></section>",
        texts(lang).summary_privacy_protection,
        escape(&fill(texts(lang).summary_privacy_rule, &[("min", &min)]))
    );
    if s.all.n < min {
        let _ = write!(h, "<p>{}</p>", texts(lang).summary_too_few);
    } else {
        let all = BTreeMap::from([(texts(lang).all.to_owned(), s.all.clone())]);
        group_tables(&mut h, s, texts(lang).summary_all_records, &all, min, lang);
        for (col, groups) in &s.by {
            let heading = format!("{} {}", texts(lang).summary_by, metadata_label(col, lang));
            group_tables(&mut h, s, &heading, groups, min, lang);
        }
    }
    page.push(&h);
    page.finish()
}

/// One table row per group: its name, then `cells` of its tally, or for a
/// suppressed group the word `gone` and blank cells.
fn group_rows(
    groups: &BTreeMap<String, Tally>,
    hide: &[bool],
    gone: &str,
    cells: impl Fn(&Tally) -> Vec<String>,
) -> Vec<Vec<String>> {
    groups
        .iter()
        .zip(hide)
        .map(|((name, g), hidden)| {
            let values = cells(g);
            let mut r = vec![escape(name)];
            if *hidden {
                r.push(gone.to_owned());
                r.resize(values.len() + 1, String::new());
            } else {
                r.extend(values);
            }
            r
        })
        .collect()
}

fn group_tables(
    h: &mut String,
    s: &Summary,
    heading: &str,
    groups: &BTreeMap<String, Tally>,
    min: usize,
    lang: &str,
) {
    let hide = suppressed(groups, min);
    let _ = write!(h, "<section><h2>{}</h2>", escape(heading));
    let gone = texts(lang).summary_suppressed;
    let shown: Vec<(&String, &Tally)> = groups
        .iter()
        .zip(&hide)
        .filter(|(_, h)| !**h)
        .map(|(g, _)| g)
        .collect();
    // Counts and statuses.
    let rows = group_rows(groups, &hide, gone, |g| {
        vec![
            g.n.to_string(),
            pct_in(g.status[0], g.n, lang),
            pct_in(g.status[1], g.n, lang),
            pct_in(g.status[2], g.n, lang),
        ]
    });
    h.push_str(&table(
        &format!("{} — {}", heading, texts(lang).summary_counts_and_status),
        &[
            texts(lang).group,
            "n",
            texts(lang).summary_percent_scored,
            texts(lang).summary_percent_partial,
            texts(lang).summary_percent_rejected,
        ],
        &rows,
        &[false, true, true, true, true],
    ));
    if shown.len() > 1 {
        let bars: Vec<Bar<'_>> = shown
            .iter()
            .map(|(name, g)| Bar {
                label: name,
                value: g.n as f64,
                shown: g.n.to_string(),
            })
            .collect();
        let max = shown.iter().map(|(_, g)| g.n).max().unwrap_or(0) as f64;
        let _ = write!(
            h,
            "<figure>{}</figure>",
            bar_chart(&format!("{heading}: n"), &bars, max)
        );
    }
    if s.all.coded > 0 {
        let letters = assess_core::riasec::Type::ALL;
        let mut header = vec![texts(lang).group.to_owned()];
        header.extend(letters.iter().map(|l| format!("% {}", l.letter())));
        header.push(texts(lang).summary_common_codes.to_owned());
        let rows = group_rows(groups, &hide, gone, |g| {
            let mut r: Vec<String> = g.first.iter().map(|k| pct_in(*k, g.coded, lang)).collect();
            r.push(escape(&most_common(g, min, 10)));
            r
        });
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut numeric = vec![false];
        numeric.extend([true; 6]);
        numeric.push(false);
        h.push_str(&table(
            &format!("{} — {}", heading, texts(lang).summary_first_letter),
            &header_refs,
            &rows,
            &numeric,
        ));
        for (name, g) in &shown {
            let labels: Vec<String> = letters
                .iter()
                .map(|l| format!("{} {}", l.letter(), l.name(lang)))
                .collect();
            let bars: Vec<Bar<'_>> = labels
                .iter()
                .zip(g.first)
                .map(|(label, k)| Bar {
                    label,
                    value: k as f64,
                    shown: format!("{}%", pct_in(k, g.coded, lang)),
                })
                .collect();
            let max = g.first.iter().copied().max().unwrap_or(0) as f64;
            let _ = write!(
                h,
                "<figure>{}</figure>",
                bar_chart(
                    &format!("{} — {}", name, texts(lang).summary_first_letter),
                    &bars,
                    max
                )
            );
        }
    }
    // Bands (readiness levels, aptitude bands, interest levels) per scale.
    for (scale, (_, scale_name)) in s.keys.scales.iter().enumerate() {
        let bands: Vec<(usize, &str)> = s
            .keys
            .bands
            .iter()
            .enumerate()
            .filter(|(_, (sc, _, _))| *sc == scale)
            .map(|(i, (_, _, label))| (i, label.as_str()))
            .collect();
        let mut header = vec![texts(lang).group];
        header.extend(bands.iter().map(|(_, l)| *l));
        let rows = group_rows(groups, &hide, gone, |g| {
            let d = g.banded.get(&scale).copied().unwrap_or(0);
            bands
                .iter()
                .map(|(i, _)| pct_in(g.bands.get(i).copied().unwrap_or(0), d, lang))
                .collect()
        });
        let mut numeric = vec![false];
        numeric.extend(std::iter::repeat_n(true, bands.len()));
        h.push_str(&table(
            &format!("{} — {} (%)", heading, scale_name),
            &header,
            &rows,
            &numeric,
        ));
    }
    if !s.flag_kinds.is_empty() {
        let mut header = vec![texts(lang).group, texts(lang).summary_percent_any_flag];
        header.extend(
            s.flag_kinds
                .iter()
                .map(|k| <FlagKind as Names>::from_name(k).map_or(k.as_str(), |f| f.label(lang))),
        );
        let rows = group_rows(groups, &hide, gone, |g| {
            let mut r = vec![pct_in(g.flagged, g.scored(), lang)];
            r.extend(
                s.flag_kinds
                    .iter()
                    .map(|k| pct_in(g.flags.get(k).copied().unwrap_or(0), g.scored(), lang)),
            );
            r
        });
        let mut numeric = vec![false];
        numeric.extend(std::iter::repeat_n(true, s.flag_kinds.len() + 1));
        h.push_str(&table(
            &format!("{} — {}", heading, texts(lang).summary_quality_flags),
            &header,
            &rows,
            &numeric,
        ));
    }
    h.push_str("</section>\n");
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
}
