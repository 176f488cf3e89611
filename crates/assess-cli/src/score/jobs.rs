//! Scoring the rows: read in chunks of [`CHUNK`] rows, each chunk scored
//! and encoded on a worker thread (or on the reading thread with one job),
//! written in input order with memory bounded by a few chunks per thread;
//! Ctrl-C stops the batch at a chunk boundary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;

use assess_core::{
    BatchRecord, CsvLayout, CsvRowScorer, Error, Instrument, Problem, ProblemKind, RecordFormat,
    ResponseSet, RowScores, RowScoring, ScoreOptions, SeenIds,
};

use super::Encoder;
use super::input::{csv_input, csv_records, io_error, not_utf8, read_rows, record_cells};
use super::output::{Encoded, Sink};
use super::{InputFormat, Recommend};

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

/// One input row, read: its 1-based number, what was read, and whether
/// its respondent id was given to an earlier row.
type Row = (usize, Input, bool);

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
    /// The record of one row, by the core's rule (the staff build's
    /// `Batch` calls the same).
    fn record(&self, row: usize, set: Result<ResponseSet, Error>) -> BatchRecord {
        RowScoring {
            instrument: self.instrument,
            options: self.options,
            form: self.form,
            recommend: self.rec.map(|r| (r.catalog, &r.options)),
        }
        .record(row, set)
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
        for (row, input, duplicate) in &mut rows {
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
                                self.encoder.encode_lean(
                                    *row,
                                    id,
                                    &lean,
                                    *duplicate,
                                    &mut out.bytes,
                                );
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
            let mut rec = self.record(*row, set);
            rec.duplicate_id = *duplicate;
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
/// `settings.jobs` threads; memory is bounded by a few chunks per thread
/// (and the fingerprints of [`SeenIds`]). Rows whose respondent id was
/// given to an earlier row are flagged, and counted in `ids`.
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
    ids: &mut SeenIds,
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
        let reader = BufReader::with_capacity(1 << 16, crate::files::LineCap::new(file));
        let (rdr, layout) = csv_input(job.instrument, reader, input, id_column)?;
        // The lean path writes wide CSV rows without recommendations, for
        // sets of the full form (a `--form` applies to every row); with an
        // `[irt]` section, θ from the scorer's EAP tables.
        let lean =
            (job.encoder.format() == RecordFormat::Csv && job.rec.is_none() && job.form.is_none())
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
        let mut each = |row, input: Input, pos| -> Result<(), Error> {
            // Every row's id is checked in input order, those kept by
            // `--resume` too: they are read again, then dropped here.
            let id = match &input {
                Input::Set(Ok(set)) => Some(set.respondent_id.as_str()),
                Input::Set(Err(_)) => None,
                Input::Record(r) => csv
                    .and_then(|c| r.get(c.layout.id_column()))
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .map(str::trim),
            };
            let duplicate = id.is_some_and(|id| ids.repeated(id));
            if row <= skip_through {
                return Ok(());
            }
            pending.push((row, input, duplicate));
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
            Some(rdr) => csv_records(rdr, 0, &mut |row, record, pos| {
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
                0,
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
