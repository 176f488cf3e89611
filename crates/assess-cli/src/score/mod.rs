//! `assess score`: score one or many respondents, streaming.
//!
//! Every input row gives exactly one output record, scored or rejected with
//! its problems; a bad row never stops the batch. Output is written as rows
//! are read, so memory stays bounded for JSON Lines and CSV input.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::progress::Progress;
use std::sync::mpsc::sync_channel;

use assess_core::{
    BatchRecord, Batched, Catalog, CsvLayout, CsvRowScorer, Error, FlagKind, Instrument, Problem,
    ProblemKind, RecommendOptions, ResponseSet, RowScores, RowStatus, ScoreOptions, recommend,
    score,
};

/// Recommendations to add to each scored interest record.
pub struct Recommend<'a> {
    /// The catalogue.
    pub catalog: &'a Catalog,
    /// Options (language, top N, filters).
    pub options: RecommendOptions,
}

/// Input layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One response set, or an array of them.
    Json,
    /// One response set per line.
    Jsonl,
    /// Header `respondent_id,<item ids>…`; other columns kept as metadata.
    Csv,
}

/// Output layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A JSON array of records.
    Json,
    /// One record per line.
    Jsonl,
    /// One row per respondent, for spreadsheets.
    Csv,
}

/// Counts for the closing summary.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub scored: usize,
    pub partial: usize,
    pub rejected: usize,
}

impl Counts {
    fn add(&mut self, s: RowStatus) {
        match s {
            RowStatus::Scored => self.scored += 1,
            RowStatus::Partial => self.partial += 1,
            RowStatus::Rejected => self.rejected += 1,
        }
    }
}

/// Guesses the input format from the file name.
pub(crate) fn input_format_of(path: &Path) -> InputFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => InputFormat::Csv,
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        _ => InputFormat::Json,
    }
}

/// Turns records into output bytes (one record at a time) and writes
/// them, in input order, with the layout's header and separators.
///
/// Encoding is split from writing so that worker threads can encode their
/// chunk while the writer keeps the order.
#[derive(Clone)]
pub struct Encoder {
    format: OutputFormat,
    scale_ids: Vec<String>,
    interest: bool,
    irt: bool,
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
        }
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
        cell(out, rec.respondent_id.as_deref().unwrap_or_default());
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
                        cell(out, &b.id);
                    }
                }
                if self.interest {
                    out.push(b',');
                    if let Some(p) = &r.riasec {
                        cell(out, &p.holland.code);
                    }
                    out.push(b',');
                    if let Some(x) = &rec.recommendations {
                        let ids: Vec<&str> = x.families.iter().map(|f| f.id.as_str()).collect();
                        cell(out, &ids.join(";"));
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
                for (i, f) in r.quality.flags.iter().enumerate() {
                    if i > 0 {
                        out.push(b';');
                    }
                    out.extend_from_slice(flag_name(f.kind).as_bytes());
                }
                out.push(b',');
                cell(out, &problem_list(&r.warnings));
            }
            None => {
                let blanks = self.scale_ids.len() * 3
                    + if self.interest { 2 } else { 0 }
                    + if self.irt { 3 } else { 0 }
                    + 1;
                out.extend(std::iter::repeat_n(b',', blanks));
                out.push(b',');
                cell(out, &problem_list(&rec.problems));
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
    fn encode_lean(&self, row: usize, id: &str, r: &RowScores<'_>, out: &mut Vec<u8>) {
        let _ = write!(out, "{row}");
        out.push(b',');
        cell(out, id);
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
                cell(out, b);
            }
        }
        if self.interest {
            out.push(b',');
            if let Some(code) = &r.holland {
                cell(out, code);
            }
            out.push(b',');
        }
        out.push(b',');
        for (i, &f) in r.flags.iter().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            out.extend_from_slice(flag_name(f).as_bytes());
        }
        out.extend_from_slice(b",\n");
    }
}

/// One CSV cell, quoted when it holds a separator, quote or line end.
fn cell(out: &mut Vec<u8>, c: &str) {
    if c.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(c.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(c.as_bytes());
    }
}

/// The snake_case name of a flag kind, as in the JSON report.
pub(crate) fn flag_name(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::LowCompletion => "low_completion",
        FlagKind::Longstring => "longstring",
        FlagKind::LowVariability => "low_variability",
        FlagKind::TooFast => "too_fast",
        FlagKind::IdenticalAnswers => "identical_answers",
    }
}

/// Encoded records of one chunk, in input order.
pub(crate) struct Encoded {
    seq: usize,
    bytes: Vec<u8>,
    /// Each record's status and end offset in `bytes`.
    records: Vec<(RowStatus, usize)>,
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

    fn write(&mut self, chunk: &Encoded) -> std::io::Result<()> {
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
    match s {
        RowStatus::Scored => "scored",
        RowStatus::Partial => "partial",
        RowStatus::Rejected => "rejected",
    }
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
        cell(out, c);
    }
    out.push(b'\n');
}

/// What scoring a row needs; shared by the worker threads.
pub struct Job<'a> {
    /// The instrument.
    pub instrument: &'a Instrument,
    /// Scoring options.
    pub options: &'a ScoreOptions,
    /// Form for sets that do not name one.
    pub form: Option<&'a str>,
    /// Recommendations to add, if any.
    pub rec: Option<&'a Recommend<'a>>,
    /// The output layout.
    pub encoder: &'a Encoder,
}

/// Rows per chunk handed to a worker: large enough that channel traffic is
/// negligible, small enough that memory stays bounded.
const CHUNK: usize = 256;

/// One input row, read: its 1-based number and what was read.
type Row = (usize, Input);

/// What was read of one input row.
enum Input {
    /// A response set, or why it could not be read.
    Set(Result<ResponseSet, Error>),
    /// A CSV record, turned into a response set (or scored by the lean
    /// path) on the worker thread.
    Record(csv::ByteRecord),
}

/// CSV input: the layout of its header and, when the output allows it,
/// the lean scorer of its rows.
struct CsvInput<'a> {
    layout: CsvLayout,
    lean: Option<CsvRowScorer<'a>>,
}

impl Job<'_> {
    fn record(&self, row: usize, set: Result<ResponseSet, Error>) -> BatchRecord {
        match set {
            Ok(mut set) => {
                if let (Some(f), None) = (self.form, &set.form) {
                    set.form = Some(f.to_owned());
                }
                let id = Some(set.respondent_id.clone());
                let mut record =
                    BatchRecord::new(row, id, score(self.instrument, &set, self.options));
                if let (Some(rec), Some(profile)) = (
                    self.rec,
                    record.report.as_ref().and_then(|r| r.riasec.as_ref()),
                ) {
                    record.recommendations =
                        Some(recommend(profile, None, None, rec.catalog, &rec.options));
                }
                record
            }
            Err(e) => BatchRecord::new(row, None, Err(e)),
        }
    }

    fn encode(
        &self,
        seq: usize,
        mut rows: Vec<Row>,
        csv: Option<&CsvInput<'_>>,
    ) -> std::io::Result<Encoded> {
        let mut out = Encoded {
            seq,
            bytes: Vec::with_capacity(rows.len() * 256),
            records: Vec::with_capacity(rows.len()),
        };
        let mut lean = RowScores::default();
        let mut cells: Vec<&str> = Vec::new();
        for (row, input) in &mut rows {
            let set = match (input, csv) {
                // Taken out: an empty set costs no allocation.
                (Input::Set(set), _) => std::mem::replace(set, Ok(ResponseSet::default())),
                (Input::Record(record), Some(csv)) => {
                    cells.clear();
                    match record_cells(record, &mut cells) {
                        Err(at) => Err(not_utf8(*row, at)),
                        Ok(()) => {
                            if let Some(scorer) = &csv.lean
                                && scorer.score(&cells, &mut lean)
                            {
                                let id = scorer.respondent_id(&cells).unwrap_or_default();
                                self.encoder.encode_lean(*row, id, &lean, &mut out.bytes);
                                out.records.push((lean.status, out.bytes.len()));
                                continue;
                            }
                            csv.layout.read(&cells)
                        }
                    }
                }
                // `run` reads records only with a layout; kept as a row
                // problem rather than a panic.
                (Input::Record(_), None) => Err(Error::single(Problem::new(
                    ProblemKind::Syntax,
                    format!("row {row}"),
                    "a CSV record without its header",
                ))),
            };
            let rec = self.record(*row, set);
            self.encoder.encode(&rec, &mut out.bytes)?;
            out.records.push((rec.status, out.bytes.len()));
        }
        Ok(out)
    }
}

/// How to run a batch.
pub(crate) struct Settings {
    /// Worker threads (1: score on the reading thread).
    pub jobs: usize,
    /// Skip input rows up to this number (kept from an earlier run).
    pub skip_through: usize,
    /// Progress bar on standard error, when shown.
    pub progress: Option<crate::progress::Progress>,
}

/// Scores every row of `input` into `sink`, in input order, with
/// `settings.jobs` threads; memory is bounded by a few chunks per thread.
///
/// # Errors
///
/// Only for problems that stop the whole run: the input cannot be read, a
/// JSON document is not JSON, a CSV file has no header, the output cannot
/// be written. Problems of single rows become rejected records. Rows read
/// before a stopping problem are written.
pub(crate) fn run<W: Write + Send>(
    job: &Job<'_>,
    input: &Path,
    format: InputFormat,
    id_column: &str,
    settings: Settings,
    sink: &mut Sink<W>,
) -> Result<(), Error> {
    let Settings {
        jobs,
        skip_through,
        mut progress,
    } = settings;
    // CSV input: the header is read here, and each record is turned into
    // a response set (or scored by the lean path) by the worker threads.
    let mut csv = None;
    if format == InputFormat::Csv {
        let file = File::open(input).map_err(|e| io_error(input, &e))?;
        let reader = BufReader::with_capacity(1 << 16, file);
        let (rdr, layout) = csv_input(job.instrument, reader, input, id_column)?;
        // The lean path writes wide CSV rows without recommendations and
        // without an IRT estimate (θ comes from the full report), for sets
        // of the full form (a `--form` applies to every row).
        let lean = (job.encoder.format == OutputFormat::Csv
            && job.rec.is_none()
            && job.form.is_none()
            && job.instrument.irt().is_none())
        .then(|| CsvRowScorer::new(job.instrument, &layout, job.options))
        .flatten();
        csv = Some((rdr, CsvInput { layout, lean }));
    }
    let (mut records, csv) = match csv {
        Some((rdr, c)) => (Some(rdr), Some(c)),
        None => (None, None),
    };
    let csv = csv.as_ref();
    // Reads the input in chunks of `CHUNK` rows, handing each, numbered,
    // to `dispatch`.
    let mut chunks = |dispatch: &mut dyn FnMut(Vec<Row>, usize) -> Result<(), Error>| {
        let mut pending: Vec<Row> = Vec::with_capacity(CHUNK);
        let (mut seq, mut read) = (0, 0usize);
        let mut each = |row, input, pos| -> Result<(), Error> {
            pending.push((row, input));
            read += 1;
            if pending.len() == CHUNK {
                dispatch(
                    std::mem::replace(&mut pending, Vec::with_capacity(CHUNK)),
                    seq,
                )?;
                seq += 1;
                if let Some(p) = progress.as_mut() {
                    p.tick(read, pos);
                }
                if INTERRUPTED.load(Ordering::Relaxed) {
                    // Stop reading; what was read is still written.
                    return Err(interrupted());
                }
            }
            Ok(())
        };
        match records.as_mut() {
            Some(rdr) => csv_records(rdr, skip_through, &mut |row, record, pos| {
                each(
                    row,
                    match record {
                        Ok(r) => Input::Record(r),
                        Err(e) => Input::Set(Err(e)),
                    },
                    pos,
                )
            })?,
            None => read_rows(
                job.instrument,
                input,
                format,
                id_column,
                skip_through,
                &mut |row, set, pos| each(row, Input::Set(set), pos),
            )?,
        }
        dispatch(pending, seq)
    };
    let result = if jobs <= 1 {
        chunks(&mut |rows, seq| {
            let chunk = job.encode(seq, rows, csv).map_err(|e| write_error(&e))?;
            sink.write(&chunk).map_err(|e| write_error(&e))
        })
    } else {
        // In flight at most `cap` chunks: the reader takes a token per
        // chunk and the writer returns it once the chunk is written, so a
        // slow chunk cannot make the others pile up.
        let cap = jobs * 4;
        let (work_tx, work_rx) = sync_channel::<(usize, Vec<Row>)>(cap);
        let work_rx = Mutex::new(work_rx);
        std::thread::scope(|s| {
            let (done_tx, done_rx) = sync_channel::<std::io::Result<Encoded>>(cap);
            let (token_tx, token_rx) = sync_channel::<()>(cap);
            for _ in 0..cap {
                let _ = token_tx.send(());
            }
            for _ in 0..jobs {
                let (work_rx, done_tx) = (&work_rx, done_tx.clone());
                s.spawn(move || {
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((seq, rows)) = next else { return };
                        if done_tx.send(job.encode(seq, rows, csv)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let writer = s.spawn(move || -> std::io::Result<()> {
                let mut waiting: BTreeMap<usize, Encoded> = BTreeMap::new();
                let mut next = 0;
                for chunk in done_rx {
                    let chunk = chunk?;
                    waiting.insert(chunk.seq, chunk);
                    while let Some(chunk) = waiting.remove(&next) {
                        sink.write(&chunk)?;
                        next += 1;
                        let _ = token_tx.send(());
                    }
                }
                Ok(())
            });
            // Either fails only when the writer stopped on an error, which
            // `join` below reports.
            let r = chunks(&mut |rows, seq| {
                token_rx.recv().map_err(|_| stopped())?;
                work_tx.send((seq, rows)).map_err(|_| stopped())
            });
            drop(work_tx);
            let written = match writer.join() {
                Ok(w) => w.map_err(|e| write_error(&e)),
                Err(_) => Err(stopped()),
            };
            // A write error explains a stopped reader; report it first.
            written.and(r)
        })
    };
    if let Some(p) = progress.as_mut() {
        p.clear();
    }
    result
}

/// Set by Ctrl-C (SIGINT): the batch stops at the next chunk boundary,
/// writes what it has read and closes its output, so the file holds only
/// complete records and `--resume` can continue it.
pub(crate) static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn interrupted() -> Error {
    Error::single(Problem::new(ProblemKind::Io, "", "interrupted"))
}

fn stopped() -> Error {
    Error::single(Problem::new(
        ProblemKind::Io,
        "",
        "the output writer stopped",
    ))
}

fn write_error(e: &std::io::Error) -> Error {
    Error::single(Problem::new(
        ProblemKind::Io,
        "",
        format!("cannot write output: {e}"),
    ))
}

/// Reads every row of `input`, calling `emit` with its number, the set or
/// its problems, and the bytes read so far.
pub(crate) fn read_rows(
    instrument: &Instrument,
    input: &Path,
    format: InputFormat,
    id_column: &str,
    skip_through: usize,
    emit: &mut dyn FnMut(usize, Result<ResponseSet, Error>, u64) -> Result<(), Error>,
) -> Result<(), Error> {
    let file = File::open(input).map_err(|e| io_error(input, &e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    match format {
        InputFormat::Jsonl => {
            let mut row = 0;
            let mut pos = 0u64;
            let mut line = Vec::new();
            loop {
                line.clear();
                let n = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|e| io_error(input, &e))?;
                if n == 0 {
                    break;
                }
                pos += n as u64;
                row += 1;
                if row <= skip_through {
                    continue;
                }
                let l = line.strip_suffix(b"\n").unwrap_or(&line);
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                if l.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let set = match std::str::from_utf8(l) {
                    Ok(text) => ResponseSet::from_json(text),
                    Err(e) => Err(not_utf8(row, e.valid_up_to())),
                };
                emit(row, set, pos)?;
            }
        }
        InputFormat::Json => {
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|e| io_error(input, &e))?;
            // Parsed once, with locations: a problem in the 900th response
            // set is reported at its line and column in the file.
            for (i, Batched { value: set, span }) in
                ResponseSet::batch_from_json(&text)?.into_iter().enumerate()
            {
                if i < skip_through {
                    continue;
                }
                emit(i + 1, set, span.end as u64)?;
            }
        }
        InputFormat::Csv => {
            let (mut rdr, layout) = csv_input(instrument, reader, input, id_column)?;
            csv_records(&mut rdr, skip_through, &mut |row, record, pos| {
                let set = record.and_then(|record| {
                    let mut cells = Vec::new();
                    match record_cells(&record, &mut cells) {
                        Ok(()) => layout.read(&cells),
                        Err(at) => Err(not_utf8(row, at)),
                    }
                });
                emit(row, set, pos)
            })?;
        }
    }
    Ok(())
}

/// A CSV input's reader, after its header, and the header's layout.
fn csv_input<R: Read>(
    instrument: &Instrument,
    reader: R,
    input: &Path,
    id_column: &str,
) -> Result<(csv::Reader<R>, CsvLayout), Error> {
    let (rdr, header) = csv_reader(reader, input)?;
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = CsvLayout::new(instrument, &header_refs, id_column)?;
    Ok((rdr, layout))
}

/// Reads the records after the header, calling `emit` with each one's
/// 1-based number, the record or why it could not be read, and the bytes
/// read so far; records up to `skip_through` are skipped.
fn csv_records<R: Read>(
    rdr: &mut csv::Reader<R>,
    skip_through: usize,
    emit: &mut dyn FnMut(usize, Result<csv::ByteRecord, Error>, u64) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut row = 0;
    loop {
        let mut record = csv::ByteRecord::new();
        let read = rdr.read_byte_record(&mut record);
        if matches!(read, Ok(false)) {
            return Ok(());
        }
        row += 1;
        if row <= skip_through {
            continue;
        }
        let record = read.map(|_| record).map_err(|e| {
            Error::single(Problem::new(
                ProblemKind::Syntax,
                format!("row {row}"),
                e.to_string(),
            ))
        });
        emit(row, record, rdr.position().byte())?;
    }
}

/// Appends the cells of `record` to `cells`; the number of valid bytes
/// before the first that is not UTF-8, if any.
fn record_cells<'r>(record: &'r csv::ByteRecord, cells: &mut Vec<&'r str>) -> Result<(), usize> {
    for c in record {
        cells.push(std::str::from_utf8(c).map_err(|e| e.valid_up_to())?);
    }
    Ok(())
}

/// A flexible CSV reader and its header (a leading byte-order mark removed).
pub(crate) fn csv_reader<R: Read>(
    reader: R,
    path: &Path,
) -> Result<(csv::Reader<R>, Vec<String>), Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let header = rdr
        .byte_headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    Ok((rdr, header))
}

pub(crate) fn not_utf8(row: usize, at: usize) -> Error {
    Error::single(
        Problem::new(
            ProblemKind::Syntax,
            "",
            format!("row {row} is not UTF-8 text (invalid byte after {at} valid bytes)"),
        )
        .with_hint("save the file as UTF-8"),
    )
}

pub(crate) fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::single(Problem::new(
        ProblemKind::Io,
        "",
        format!("cannot read `{}`: {e}", path.display()),
    ))
}

pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> Error {
    Error::single(Problem::new(
        ProblemKind::Syntax,
        "",
        format!("cannot read `{}` as CSV: {e}", path.display()),
    ))
}

/// Opens the output: a file (replaced, or appended to after `keep` bytes
/// when resuming), or standard output.
///
/// # Errors
///
/// When the file cannot be created or truncated.
pub(crate) fn open_output(
    out: Option<&PathBuf>,
    keep: Option<u64>,
) -> std::io::Result<Box<dyn Write + Send>> {
    Ok(match (out, keep) {
        (Some(p), Some(keep)) => {
            let f = std::fs::OpenOptions::new().write(true).open(p)?;
            f.set_len(keep)?;
            drop(f);
            let f = std::fs::OpenOptions::new().append(true).open(p)?;
            Box::new(BufWriter::with_capacity(1 << 16, f))
        }
        (Some(p), None) => Box::new(BufWriter::with_capacity(1 << 16, File::create(p)?)),
        (None, _) => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
    })
}

/// The size of a file and whether it ends with a line end.
fn last_byte(path: &Path) -> std::io::Result<(u64, bool)> {
    use std::io::{Seek, SeekFrom};
    let mut f = File::open(path)?;
    let size = f.metadata()?.len();
    if size == 0 {
        return Ok((0, false));
    }
    f.seek(SeekFrom::End(-1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    Ok((size, b[0] == b'\n'))
}

/// Where an interrupted run stops and how to go on from it.
#[derive(Debug, Default)]
pub(crate) struct Resume {
    /// The last input row with a complete record in the output.
    pub last_row: usize,
    /// Complete records kept, by status.
    pub counts: Counts,
    /// Bytes of the output that hold complete records (the rest, a record
    /// cut off by the interruption, is truncated).
    pub keep: u64,
}

/// Reads the output of an interrupted run: complete records are kept, a
/// partial last record is dropped, and the run goes on after the last
/// kept record's input row.
///
/// # Errors
///
/// When the layout cannot be continued (a JSON array), or the file is not
/// the output of `assess score` in this layout (a complete line that is not
/// a record, a CSV header that differs from this run's).
pub(crate) fn resume_point(path: &Path, encoder: &Encoder) -> Result<Resume, String> {
    let name = path.display();
    let file = File::open(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut r = Resume::default();
    let mut line = Vec::new();
    let mut n = 0usize;
    match encoder.format {
        OutputFormat::Json => {
            return Err(
                "`--resume` needs `--format jsonl` or `--format csv`: a JSON array cannot be continued"
                    .into(),
            );
        }
        OutputFormat::Jsonl => {
            #[derive(serde::Deserialize)]
            struct Head {
                row: usize,
                status: String,
            }
            loop {
                line.clear();
                let len = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|e| format!("cannot read `{name}`: {e}"))?;
                if len == 0 || line.last() != Some(&b'\n') {
                    break;
                }
                n += 1;
                let head: Head = serde_json::from_slice(&line).map_err(|_| {
                    format!("line {n} of `{name}` is not a record of `assess score`; use `--overwrite` to replace the file")
                })?;
                r.counts.add(match head.status.as_str() {
                    "scored" => RowStatus::Scored,
                    "partial" => RowStatus::Partial,
                    _ => RowStatus::Rejected,
                });
                r.last_row = head.row;
                r.keep += len as u64;
            }
        }
        OutputFormat::Csv => {
            let header = encoder.csv_header();
            let len = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("cannot read `{name}`: {e}"))?;
            if len == 0 || line.last() != Some(&b'\n') {
                // Not even the header was written: start afresh.
                return Ok(r);
            }
            if line != header {
                return Err(format!(
                    "the header of `{name}` differs from this run's (another instrument or layout); use `--overwrite` to replace the file"
                ));
            }
            r.keep = len as u64;
            let (size, ends_with_newline) =
                last_byte(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .from_reader(reader);
            let fields = header.iter().filter(|&&b| b == b',').count() + 1;
            let mut record = csv::ByteRecord::new();
            while let Ok(true) = rdr.read_byte_record(&mut record) {
                let end = rdr.position().byte();
                let row = std::str::from_utf8(&record[0])
                    .ok()
                    .and_then(|s| s.parse().ok());
                let status = match &record.get(2) {
                    Some(b"scored") => Some(RowStatus::Scored),
                    Some(b"partial") => Some(RowStatus::Partial),
                    Some(b"rejected") => Some(RowStatus::Rejected),
                    _ => None,
                };
                // A record cut off by the interruption lacks cells or its
                // line end; only the last one can be.
                let terminated = len as u64 + end < size || ends_with_newline;
                match (row, status, record.len() == fields && terminated) {
                    (Some(row), Some(status), true) => {
                        r.counts.add(status);
                        r.last_row = row;
                        r.keep = len as u64 + end;
                    }
                    _ => break,
                }
            }
        }
    }
    Ok(r)
}

/// Everything `assess score` was asked to do.
pub struct Batch<'a> {
    /// How to score and write each row.
    pub job: Job<'a>,
    /// Responses file.
    pub input: &'a Path,
    /// Its layout.
    pub input_format: InputFormat,
    /// CSV input: the id column.
    pub id_column: &'a str,
    /// Output file (standard output when absent).
    pub out: Option<&'a PathBuf>,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// No progress bar.
    pub quiet: bool,
    /// Continue an interrupted run.
    pub resume: bool,
    /// Replace an existing output file.
    pub overwrite: bool,
}

/// Runs `assess score`: prepares the output (refusing to replace a file
/// unless asked, or resuming it), scores, and prints the closing summary.
///
/// Exit codes: 0 every row scored, 1 any row rejected, 2 the run could not
/// start or its output could not be written, 130 interrupted with Ctrl-C
/// (the output then holds complete records only).
pub fn main(b: &Batch<'_>) -> std::process::ExitCode {
    use std::process::ExitCode;
    let mut resumed = None;
    if let Some(path) = b.out.filter(|p| p.exists()) {
        if b.resume {
            match resume_point(path, b.job.encoder) {
                Ok(r) => resumed = Some(r),
                Err(msg) => {
                    eprintln!("error[resume]: {msg}");
                    return ExitCode::from(2);
                }
            }
        } else if !b.overwrite {
            eprintln!(
                "error[io]: `{}` exists; pass `--overwrite` to replace it or `--resume` to continue an interrupted run",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    let writer = match open_output(b.out, resumed.as_ref().map(|r| r.keep)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error[io]: cannot write output: {e}");
            return ExitCode::from(2);
        }
    };
    let kept = resumed.as_ref().filter(|r| r.keep > 0).map(|r| r.counts);
    let mut sink = Sink::new(writer, b.job.encoder, kept);
    let jobs = if b.jobs == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        b.jobs
    };
    use std::io::IsTerminal;
    let progress = (!b.quiet && std::io::stderr().is_terminal())
        .then(|| {
            std::fs::metadata(b.input)
                .map(|m| Progress::new(m.len()))
                .ok()
        })
        .flatten();
    let settings = Settings {
        jobs,
        skip_through: resumed.as_ref().map_or(0, |r| r.last_row),
        progress,
    };
    // A second call (the example runs several batches) keeps the first.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed));
    let result = run(
        &b.job,
        b.input,
        b.input_format,
        b.id_column,
        settings,
        &mut sink,
    );
    let finished = sink.finish();
    if INTERRUPTED.load(Ordering::Relaxed) {
        match finished {
            Ok(c) => eprintln!(
                "interrupted: the output holds {} complete records ({} scored, {} partially scored, {} rejected); run the same command with `--resume` to continue",
                c.scored + c.partial + c.rejected,
                c.scored,
                c.partial,
                c.rejected
            ),
            Err(e) => eprintln!("error[io]: cannot write output: {e}"),
        }
        return ExitCode::from(130);
    }
    if let Err(e) = result {
        eprintln!("{}", e.with_source_name(b.input.display().to_string()));
        return ExitCode::from(2);
    }
    match finished {
        Ok(c) => {
            if let Some(r) = resumed.filter(|r| r.keep > 0) {
                let kept = r.counts.scored + r.counts.partial + r.counts.rejected;
                eprintln!(
                    "resumed after input row {}: {kept} records kept from the earlier run",
                    r.last_row
                );
            }
            eprintln!(
                "{} rows: {} scored, {} partially scored, {} rejected",
                c.scored + c.partial + c.rejected,
                c.scored,
                c.partial,
                c.rejected
            );
            ExitCode::from(u8::from(c.rejected > 0))
        }
        Err(e) => {
            eprintln!("error[io]: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
