//! The summary as CSV: one row per group, percentages with a `.`.

use assess_core::analysis::shown_count;
use assess_core::{Names, RowStatus};

use super::tally::{Summary, Tally, suppressed};

fn pct(k: usize, n: usize) -> String {
    if n == 0 {
        "—".into()
    } else {
        format!("{:.1}", 100.0 * k as f64 / n as f64)
    }
}

/// [`pct`] for the page: with the decimal mark of `lang` (the CSV keeps
/// `.`).
pub(super) fn pct_in(k: usize, n: usize, lang: &str) -> String {
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
pub(super) fn most_common(g: &Tally, min: usize, k: usize) -> String {
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
