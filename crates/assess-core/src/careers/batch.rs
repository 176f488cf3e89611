//! Batch rows, from a read response set to its output bytes: what the
//! command line's `assess score` and the WebAssembly staff build's `Batch`
//! share, so that the same input gives the same bytes from either.
//!
//! - [`RowScoring`] turns one read row (a response set, or why it could not
//!   be read) into its [`BatchRecord`], with job-family recommendations
//!   when asked for.
//! - [`SeenIds`] flags rows whose respondent id an earlier row gave
//!   (`duplicate_id`).
//! - [`RecordEncoder`] writes a record as JSON, a JSON Lines line or a
//!   wide CSV row; CSV text cells that a spreadsheet would run as formulas
//!   are guarded ([`formula_safe`]).

use std::io::Write as _;

use crate::careers::catalog::Catalog;
use crate::careers::recommend::{BatchRecord, RecommendOptions, recommend};
use crate::instrument::{Instrument, InstrumentKind};
use crate::report::FlagKind;
use crate::report::csvrow::RowScores;
use crate::report::score::{ScoreOptions, score};
use crate::responses::ResponseSet;
use assess_text::json::Names as _;
use assess_text::problem::{Error, Problem};

/// What scoring one batch row needs.
#[derive(Clone, Copy, Debug)]
pub struct RowScoring<'a> {
    /// The instrument.
    pub instrument: &'a Instrument,
    /// Scoring options.
    pub options: &'a ScoreOptions,
    /// Form for sets that do not name one.
    pub form: Option<&'a str>,
    /// Job-family recommendations to add to each scored interest record:
    /// the catalogue and the options.
    pub recommend: Option<(&'a Catalog, &'a RecommendOptions)>,
}

impl RowScoring<'_> {
    /// The record of input row `row` (1-based): `set` scored, or rejected
    /// with its problems when it could not be read or scored.
    pub fn record(&self, row: usize, set: Result<ResponseSet, Error>) -> BatchRecord {
        match set {
            Ok(mut set) => {
                if let (Some(f), None) = (self.form, &set.form) {
                    set.form = Some(f.to_owned());
                }
                let id = Some(set.respondent_id.clone());
                let mut record =
                    BatchRecord::new(row, id, score(self.instrument, &set, self.options));
                if let (Some((catalog, options)), Some(profile)) = (
                    self.recommend,
                    record.report.as_ref().and_then(|r| r.riasec.as_ref()),
                ) {
                    record.recommendations = Some(recommend(profile, None, None, catalog, options));
                }
                record
            }
            Err(e) => BatchRecord::new(row, None, Err(e)),
        }
    }
}

/// How many distinct respondent ids each of the 256 sets of [`SeenIds`]
/// remembers: as many as fill a table of 8,192 slots (hashbrown's load
/// factor is 7/8), so no set ever grows past it: 256 × 8,192 × 9 bytes,
/// about 19 MB at most. An id whose set is full is not remembered (the
/// caller can say how many).
const MAX_IDS_PER_SET: usize = 8192 / 8 * 7;

/// What each set holds before its first growth: 112 ids (a table of 128
/// slots). A set that fills it goes straight to [`MAX_IDS_PER_SET`], so a
/// batch of a few thousand rows touches about 0.6 MB of sets instead of
/// 19 MB (page faults that cost more than scoring 16,000 rows), and a set
/// leaves at most one small copy behind in the allocator.
const FIRST_IDS_PER_SET: usize = 128 / 8 * 7;

/// How many distinct respondent ids [`SeenIds`] remembers at most.
pub const MAX_CHECKED_IDS: usize = 256 * MAX_IDS_PER_SET;

/// Respondent ids seen so far in a batch, as fingerprints: a fixed-key
/// SipHash of the id, so that the same input always gives the same flags.
/// Two different ids share a fingerprint with a probability of about
/// n²/2⁶⁵ (below one in 30 million for a million rows). The fingerprints
/// are kept in 256 sets by their top byte, so that growing one set never
/// holds two copies of them all (a single set doubling at a million ids
/// peaked 8 MB higher).
#[derive(Debug)]
pub struct SeenIds {
    seen: Vec<std::collections::HashSet<u64>>,
    /// Rows flagged.
    pub duplicates: usize,
    /// Ids not checked because the set was full.
    pub unchecked: usize,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds {
            seen: vec![std::collections::HashSet::new(); 256],
            duplicates: 0,
            unchecked: 0,
        }
    }
}

impl SeenIds {
    /// Whether `id` was seen before (an empty id never is); remembers it.
    pub fn repeated(&mut self, id: &str) -> bool {
        if id.is_empty() {
            return false;
        }
        let mut h = std::hash::DefaultHasher::new();
        std::hash::Hasher::write(&mut h, id.as_bytes());
        let f = std::hash::Hasher::finish(&h);
        let shard = &mut self.seen[usize::from((f >> 56) as u8)];
        if shard.capacity() == 0 {
            shard.reserve(FIRST_IDS_PER_SET);
        } else if shard.len() == shard.capacity() && shard.len() < MAX_IDS_PER_SET {
            // Then at its full size at once: a set that grew by doubling
            // would leave its smaller copies behind in the allocator (a
            // million rows on two threads peaked 12 MB higher).
            shard.reserve(MAX_IDS_PER_SET - shard.len());
        }
        if shard.contains(&f) {
            self.duplicates += 1;
            true
        } else if shard.len() < MAX_IDS_PER_SET {
            shard.insert(f);
            false
        } else {
            self.unchecked += 1;
            false
        }
    }
}

/// The layouts a batch's records are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordFormat {
    /// A JSON array of records (the encoder writes each record alone; the
    /// writer adds the brackets and separators).
    Json,
    /// One record per line.
    Jsonl,
    /// One row per respondent, for spreadsheets, after
    /// [`RecordEncoder::csv_header`].
    Csv,
}

/// Turns batch records into output bytes, one record at a time (so that
/// worker threads can encode their rows while a writer keeps the order).
///
/// ```
/// use assess_core::{BatchRecord, Instrument, RecordEncoder, RecordFormat, ResponseSet};
/// use assess_core::{RowScoring, ScoreOptions};
/// let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
/// let options = ScoreOptions::new();
/// let scoring = RowScoring { instrument: &inst, options: &options, form: None, recommend: None };
/// let set = ResponseSet::from_json(r#"{"respondent_id": "=a1",
///     "answers": {"R1": 5, "R2": 4, "R3": 2, "S1": 3, "S2": 2, "S3": 4}}"#);
/// let record = scoring.record(1, set);
/// let encoder = RecordEncoder::new(RecordFormat::Csv, &inst);
/// let mut out = encoder.csv_header();
/// encoder.encode(&record, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("row,respondent_id,status,R.score,R.pomp,R.band,"));
/// // The id would run as a formula in a spreadsheet: guarded.
/// let row = text.lines().nth(1).unwrap();
/// assert!(row.starts_with("1,'=a1,scored,13.0,"), "{row}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct RecordEncoder {
    format: RecordFormat,
    scale_ids: Vec<String>,
    interest: bool,
    irt: bool,
    formula_guard: bool,
}

impl RecordEncoder {
    /// The encoder for records of `instrument` in `format`.
    pub fn new(format: impl Into<RecordFormat>, instrument: &Instrument) -> Self {
        RecordEncoder {
            format: format.into(),
            scale_ids: instrument
                .scales()
                .iter()
                .map(|s| s.id().to_owned())
                .collect(),
            interest: instrument.kind() == InstrumentKind::Interest,
            irt: instrument.irt().is_some(),
            formula_guard: true,
        }
    }

    /// Whether CSV text cells that a spreadsheet would run as formulas get
    /// a `'` in front (see [`formula_safe`]); on by default, since
    /// counsellors open these files in a spreadsheet. Off for pipelines
    /// that need the text exactly (`assess score --csv-formulas`).
    #[must_use]
    pub fn formula_guard(mut self, on: bool) -> Self {
        self.formula_guard = on;
        self
    }

    /// The layout written.
    pub fn format(&self) -> RecordFormat {
        self.format
    }

    /// The wide CSV's header line (with its newline).
    pub fn csv_header(&self) -> Vec<u8> {
        let mut h = vec!["row".to_owned(), "respondent_id".into(), "status".into()];
        for id in &self.scale_ids {
            for f in ["score", "pomp", "band"] {
                h.push(format!("{id}.{f}"));
            }
        }
        if self.interest {
            h.push("holland_code".into());
            h.push("top_families".into());
        }
        if self.irt {
            for f in ["theta", "theta_se", "theta_estimator"] {
                h.push(f.into());
            }
        }
        h.push("flags".into());
        h.push("problems".into());
        let mut out = Vec::new();
        for (i, c) in h.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            cell(&mut out, c, true);
        }
        out.push(b'\n');
        out
    }

    /// Appends `rec` to `out`: the record alone for JSON (the writer adds
    /// separators), with its line end for JSON Lines and CSV.
    ///
    /// # Errors
    ///
    /// Only if serialisation fails (it does not for the engine's records).
    pub fn encode(&self, rec: &BatchRecord, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self.format {
            RecordFormat::Jsonl => {
                serde_json::to_writer(&mut *out, rec)?;
                out.push(b'\n');
                Ok(())
            }
            RecordFormat::Json => serde_json::to_writer(&mut *out, rec),
            RecordFormat::Csv => self.encode_csv(rec, out),
        }
    }

    /// One CSV row, written cell by cell straight into `out` (no
    /// intermediate strings: this runs once per respondent).
    fn encode_csv(&self, rec: &BatchRecord, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        let _ = write!(out, "{}", rec.row);
        out.push(b',');
        cell(
            out,
            rec.respondent_id.as_deref().unwrap_or_default(),
            self.formula_guard,
        );
        out.push(b',');
        out.extend_from_slice(rec.status.name().as_bytes());
        match &rec.report {
            Some(r) => {
                for s in &r.scales {
                    out.push(b',');
                    if let Some(x) = s.score {
                        serde_json::to_writer(&mut *out, &x)?;
                    }
                    out.push(b',');
                    if let Some(x) = s.pomp {
                        serde_json::to_writer(&mut *out, &x)?;
                    }
                    out.push(b',');
                    if let Some(b) = &s.band {
                        cell(out, &b.id, self.formula_guard);
                    }
                }
                if self.interest {
                    out.push(b',');
                    if let Some(p) = &r.riasec {
                        cell(out, &p.holland.code, self.formula_guard);
                    }
                    out.push(b',');
                    if let Some(x) = &rec.recommendations {
                        let ids: Vec<&str> = x.families.iter().map(|f| f.id.as_str()).collect();
                        cell(out, &ids.join(";"), self.formula_guard);
                    }
                }
                if self.irt {
                    out.push(b',');
                    if let Some(e) = &r.irt {
                        serde_json::to_writer(&mut *out, &e.theta)?;
                        out.push(b',');
                        serde_json::to_writer(&mut *out, &e.se)?;
                        out.push(b',');
                        out.extend_from_slice(e.estimator.as_str().as_bytes());
                    } else {
                        out.extend_from_slice(b",,");
                    }
                }
                out.push(b',');
                flags(
                    out,
                    r.quality.flags.iter().map(|f| f.kind),
                    rec.duplicate_id,
                );
                out.push(b',');
                cell(out, &problem_list(&r.warnings), self.formula_guard);
            }
            None => {
                let blanks = self.scale_ids.len() * 3
                    + if self.interest { 2 } else { 0 }
                    + if self.irt { 3 } else { 0 };
                out.extend(std::iter::repeat_n(b',', blanks));
                out.push(b',');
                flags(out, std::iter::empty(), rec.duplicate_id);
                out.push(b',');
                cell(out, &problem_list(&rec.problems), self.formula_guard);
            }
        }
        out.push(b'\n');
        Ok(())
    }

    /// One CSV row from the lean path ([`crate::CsvRowScorer`]): the same
    /// bytes as [`RecordEncoder::encode`] gives for the row's full record
    /// (a lean row has no warnings and no recommendations).
    pub fn encode_lean(
        &self,
        row: usize,
        id: &str,
        r: &RowScores<'_>,
        duplicate: bool,
        out: &mut Vec<u8>,
    ) {
        let _ = write!(out, "{row}");
        out.push(b',');
        cell(out, id, self.formula_guard);
        out.push(b',');
        out.extend_from_slice(r.status.name().as_bytes());
        let number = |out: &mut Vec<u8>, x: Option<f64>| {
            out.push(b',');
            if let Some(x) = x {
                number_into(out, x);
            }
        };
        for s in &r.scales {
            number(out, s.score);
            number(out, s.pomp);
            out.push(b',');
            if let Some(b) = s.band {
                cell(out, b, self.formula_guard);
            }
        }
        if self.interest {
            out.push(b',');
            if let Some(code) = &r.holland {
                cell(out, code, self.formula_guard);
            }
            out.push(b',');
        }
        if self.irt {
            out.push(b',');
            match &r.irt {
                Some(e) => {
                    number_into(out, e.theta);
                    out.push(b',');
                    number_into(out, e.se);
                    out.push(b',');
                    out.extend_from_slice(e.estimator.as_str().as_bytes());
                }
                None => out.extend_from_slice(b",,"),
            }
        }
        out.push(b',');
        flags(out, r.flags.iter().copied(), duplicate);
        out.extend_from_slice(b",\n");
    }
}

/// A finite number as JSON writes it (scores and estimates are always
/// finite, so `serde_json` cannot fail on them).
fn number_into(out: &mut Vec<u8>, x: f64) {
    let _ = serde_json::to_writer(&mut *out, &x);
}

/// A text cell that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return), with a `'` in front, as
/// OWASP recommends against CSV injection: a respondent id
/// `=HYPERLINK(…)` opens as text. A cell that is a number (`-1.5`) is no
/// formula and stays as it is.
///
/// ```
/// use assess_core::formula_safe;
/// assert_eq!(formula_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(formula_safe("-1.5"), "-1.5");
/// assert_eq!(formula_safe("-inf"), "'-inf");
/// assert_eq!(formula_safe("rembang-siti"), "rembang-siti");
/// ```
pub fn formula_safe(c: &str) -> std::borrow::Cow<'_, str> {
    let risky = c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && assess_text::num::parse_f64(c).is_none_or(|x| !x.is_finite()) {
        std::borrow::Cow::Owned(format!("'{c}"))
    } else {
        std::borrow::Cow::Borrowed(c)
    }
}

/// One CSV cell, quoted when it holds a separator, quote or line end;
/// made [`formula_safe`] when `guard` is set.
fn cell(out: &mut Vec<u8>, c: &str, guard: bool) {
    let c = if guard { formula_safe(c) } else { c.into() };
    if c.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(c.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(c.as_bytes());
    }
}

/// The flags cell: the response-quality flags' names, then
/// `duplicate_id` when the row repeats an earlier row's respondent id; `;`
/// between them.
fn flags(out: &mut Vec<u8>, kinds: impl Iterator<Item = FlagKind>, duplicate: bool) {
    let names = kinds
        .map(|k| k.name())
        .chain(duplicate.then_some("duplicate_id"));
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(name.as_bytes());
    }
}

/// The problems cell: `kind: path: message`, ` | ` between them.
fn problem_list(ps: &[Problem]) -> String {
    ps.iter()
        .map(|p| {
            if p.path().is_empty() {
                format!("{}: {}", p.kind(), p.message())
            } else {
                format!("{}: {}: {}", p.kind(), p.path(), p.message())
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_are_found_across_the_sets_growth() {
        // 60,000 ids: every set passes its first 112 and grows once; each
        // id seen again later is flagged, and none twice-new.
        let mut seen = SeenIds::default();
        for i in 0..60_000 {
            assert!(!seen.repeated(&format!("r{i}")), "r{i} is new");
        }
        assert!(seen.seen.iter().all(|s| s.capacity() >= MAX_IDS_PER_SET));
        for i in (0..60_000).step_by(7) {
            assert!(seen.repeated(&format!("r{i}")), "r{i} was seen");
        }
        assert_eq!(seen.duplicates, 60_000usize.div_ceil(7));
        assert_eq!(seen.unchecked, 0);
        // A small batch touches small sets only.
        let mut small = SeenIds::default();
        for i in 0..2_000 {
            small.repeated(&format!("s{i}"));
        }
        assert!(small.seen.iter().all(|s| s.capacity() < MAX_IDS_PER_SET));
    }
}
