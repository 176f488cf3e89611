//! The records' bytes: [`Encoder`] turns each record into JSON, a JSON
//! Lines line or a wide CSV row (on the worker threads), and [`Sink`]
//! writes the encoded chunks in input order with the layout's header and
//! separators.

use std::io::Write;

use assess_core::{BatchRecord, FlagKind, Instrument, Names, Problem, RowScores, RowStatus};

use super::{Counts, OutputFormat};

/// Turns records into output bytes (one record at a time) and writes
/// them, in input order, with the layout's header and separators.
///
/// Encoding is split from writing so that worker threads can encode their
/// chunk while the writer keeps the order.
#[derive(Clone)]
pub struct Encoder {
    pub(super) format: OutputFormat,
    scale_ids: Vec<String>,
    interest: bool,
    irt: bool,
    formula_guard: bool,
}

impl Encoder {
    /// The encoder for records of `instrument` in `format`.
    pub fn new(format: OutputFormat, instrument: &Instrument) -> Self {
        Encoder {
            format,
            scale_ids: instrument
                .scales()
                .iter()
                .map(|s| s.id().to_owned())
                .collect(),
            interest: instrument.kind() == assess_core::InstrumentKind::Interest,
            irt: instrument.irt().is_some(),
            formula_guard: true,
        }
    }

    /// Whether CSV text cells that a spreadsheet would run as formulas get
    /// a `'` in front (see `formula_safe`); on by default, since counsellors
    /// open these files in a spreadsheet. Off for pipelines that need the
    /// text exactly (`assess score --csv-formulas`).
    #[must_use]
    pub fn formula_guard(mut self, on: bool) -> Self {
        self.formula_guard = on;
        self
    }

    /// The wide CSV's header line (with its newline).
    pub(crate) fn csv_header(&self) -> Vec<u8> {
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
        write_csv_row(&mut out, h.iter().map(String::as_str));
        out
    }

    /// Appends `rec` to `out`: the record alone for JSON (the writer adds
    /// separators), with its line end for JSON Lines and CSV.
    pub(crate) fn encode(&self, rec: &BatchRecord, out: &mut Vec<u8>) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, rec)?;
                out.push(b'\n');
                Ok(())
            }
            OutputFormat::Json => Ok(serde_json::to_writer(&mut *out, rec)?),
            OutputFormat::Csv => self.encode_csv(rec, out),
        }
    }

    /// One CSV row, written cell by cell straight into `out` (no
    /// intermediate strings: this runs once per respondent).
    fn encode_csv(&self, rec: &BatchRecord, out: &mut Vec<u8>) -> std::io::Result<()> {
        let _ = write!(out, "{}", rec.row);
        out.push(b',');
        cell(
            out,
            rec.respondent_id.as_deref().unwrap_or_default(),
            self.formula_guard,
        );
        out.push(b',');
        out.extend_from_slice(status_name(rec.status).as_bytes());
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
}

impl Encoder {
    /// One CSV row from the lean path ([`CsvRowScorer`]): the same bytes as
    /// [`Encoder::encode`] gives for the row's full record (a lean row has
    /// no warnings and no recommendations).
    pub(super) fn encode_lean(
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
        out.extend_from_slice(status_name(r.status).as_bytes());
        let number = |out: &mut Vec<u8>, x: Option<f64>| {
            out.push(b',');
            if let Some(x) = x {
                // Finite: `serde_json` cannot fail on it.
                let _ = serde_json::to_writer(&mut *out, &x);
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

/// A finite number as JSON writes it (an estimate is always finite, so
/// `serde_json` cannot fail on it).
fn number_into(out: &mut Vec<u8>, x: f64) {
    let _ = serde_json::to_writer(&mut *out, &x);
}

/// A text cell that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return), with a `'` in front, as
/// OWASP recommends against CSV injection: a respondent id
/// `=HYPERLINK(…)` opens as text. A cell that is a number (`-1.5`) is no
/// formula and stays as it is.
pub(crate) fn formula_safe(c: &str) -> std::borrow::Cow<'_, str> {
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
        .map(flag_name)
        .chain(duplicate.then_some("duplicate_id"));
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(name.as_bytes());
    }
}

/// The snake_case name of a flag kind, as in the JSON report.
pub(crate) fn flag_name(kind: FlagKind) -> &'static str {
    kind.name()
}

/// Encoded records of one chunk, in input order.
pub(crate) struct Encoded {
    pub(super) seq: usize,
    pub(super) bytes: Vec<u8>,
    /// Each record's status and end offset in `bytes`.
    pub(super) records: Vec<(RowStatus, usize)>,
}

/// Writes encoded chunks in order, with the layout's header and separators.
pub(crate) struct Sink<W: Write> {
    out: W,
    format: OutputFormat,
    first: bool,
    header: Vec<u8>,
    /// Records written, by status (with those kept by `--resume`).
    pub counts: Counts,
}

impl<W: Write> Sink<W> {
    /// A sink for `encoder`'s layout. `resumed`: the file already holds
    /// records (and, for CSV, the header), counted in `counts`.
    pub(crate) fn new(out: W, encoder: &Encoder, resumed: Option<Counts>) -> Self {
        Sink {
            out,
            format: encoder.format,
            first: resumed.is_none(),
            header: encoder.csv_header(),
            counts: resumed.unwrap_or_default(),
        }
    }

    pub(super) fn write(&mut self, chunk: &Encoded) -> std::io::Result<()> {
        let mut start = 0;
        for &(status, end) in &chunk.records {
            self.counts.add(status);
            match self.format {
                OutputFormat::Json => {
                    self.out
                        .write_all(if self.first { b"[\n" } else { b",\n" })?
                }
                OutputFormat::Csv if self.first => self.out.write_all(&self.header)?,
                _ => {}
            }
            self.first = false;
            self.out.write_all(&chunk.bytes[start..end])?;
            start = end;
        }
        Ok(())
    }

    /// Closes the layout (the JSON array) and flushes.
    ///
    /// # Errors
    ///
    /// When the output cannot be written.
    pub(crate) fn finish(mut self) -> std::io::Result<Counts> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.counts)
    }
}

fn status_name(s: RowStatus) -> &'static str {
    s.name()
}

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

fn write_csv_row<'a>(out: &mut Vec<u8>, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell(out, c, true);
    }
    out.push(b'\n');
}
