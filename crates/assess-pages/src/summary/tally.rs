//! The tallies: the records of `assess score` counted per group.

use std::collections::BTreeMap;

use serde::Deserialize;

use assess_core::{Names, RowStatus};

/// The group of records whose metadata lacks the column.
pub(super) const UNKNOWN: &str = "(?)";

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

    pub(super) fn scored(&self) -> usize {
        self.status[0] + self.status[1]
    }
}

/// A band of a scale as first seen, with the lowest value seen in it of
/// what the bands are cut on.
pub(super) struct BandKey {
    pub(super) scale: usize,
    pub(super) id: String,
    pub(super) label: String,
    lowest: Option<f64>,
}

/// Scales in the order first seen (every record lists its instrument's
/// scales in the instrument's order) and their bands.
#[derive(Default)]
pub(super) struct Keys {
    pub(super) scales: Vec<(String, String)>,
    pub(super) bands: Vec<BandKey>,
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
    pub(super) fn band_order(&self) -> Vec<usize> {
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
    pub(super) fn bands_of(&self, scale: usize) -> Vec<usize> {
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
    pub(super) keys: Keys,
    pub(super) flag_kinds: Vec<String>,
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
