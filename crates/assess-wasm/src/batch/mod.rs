//! `Batch`: a whole file of answers (CSV, JSON or JSON Lines) scored a
//! chunk of rows at a time, for the staff console; the scored CSV and JSON
//! Lines byte-identical to `assess score`'s.
//!
//! The rows go through the core's own batch rules (`RowScoring`,
//! `SeenIds`, `RecordEncoder`), and CSV records are split by `csv-core`,
//! the tokeniser of the `csv` crate the command line reads with, set up as
//! that crate sets it up: the browser and the command line see the same
//! cells. The common CSV row (every answer valid, the full form, no
//! timings) is scored by the core's lean path, `CsvRowScorer`, straight
//! from its cells to its CSV line, as `assess score` scores it; any other
//! row through the full report. Memory per row is its place in the input,
//! its status and its CSV line: reports are scored again when asked for
//! (`scored`, `scoredJsonl`), the same report from the same row.
//!
//! Inputs are untrusted: reading is linear in the input, a bad row is a
//! rejected row with its problems (a line longer than
//! [`MAX_LINE_BYTES`] too, as the command line's limit), and only a file
//! that cannot be read at all (a CSV header without the id column, JSON
//! that is not JSON) throws, with its line and column.

use std::ops::Range;
use std::rc::Rc;

use assess_core::{
    Batched, CsvLayout, CsvRowScorer, Error, Instrument, Policy, Problem, ProblemKind,
    RecordEncoder, RecordFormat, ResponseSet, RowScores, RowScoring, RowStatus, ScoreOptions,
    SeenIds,
};
use assess_text::json::json_struct;
use assess_text::ops::tick;
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::convert::{json_to_js, options_from, to_js_error};
use crate::instrument::{Scored, WasmInstrument};

/// The longest line of a CSV or JSON Lines input, in bytes, as the command
/// line's default `--max-line-bytes`: a response set of the largest
/// instrument (2,000 items, with timings) is under 100 KB. A longer line
/// is a rejected row.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How to read a batch (`new Batch(…, options)`).
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchOptions {
    /// CSV input: the column of respondent ids (`respondent_id` by
    /// default), as `assess score --id-column`.
    #[serde(default)]
    #[tsify(optional)]
    pub id_column: Option<String>,
    /// Language of the reports' labels and interpretations (`id` by
    /// default), as `assess score --lang`.
    #[serde(default)]
    #[tsify(optional, type = "\"id\" | \"en\"")]
    pub lang: Option<String>,
}

json_struct!(deny BatchOptions {
    id_column: "idColumn" = None,
    lang: "lang" = None,
});

/// What `Batch.next` tells of one row.
#[derive(Clone, Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RowOutcome {
    /// 1-based row number in the input: the record after the header for
    /// CSV, the line for JSON Lines, the element for a JSON array.
    pub row: usize,
    /// The respondent id, when it could be read.
    pub respondent_id: Option<String>,
    /// `scored`, `partial` (scored, with partial scales or warnings) or
    /// `rejected`.
    pub status: RowStatus,
    /// Why the row was rejected, or the warnings of a partial row.
    pub problems: Vec<Problem>,
    /// The Holland code, for an interest instrument's scored row.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub holland_code: Option<String>,
}

/// The input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Jsonl,
}

/// A CSV input's tokeniser and the buffers one record is split into.
struct CsvSource {
    reader: csv_core::Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
}

impl CsvSource {
    fn new() -> CsvSource {
        // `csv::ReaderBuilder::new()`'s tokeniser: `,`, `"` doubled to
        // escape, any of `\r`, `\n`, `\r\n` ending a record, blank
        // lines skipped.
        CsvSource {
            reader: csv_core::Reader::new(),
            fields: vec![0; 1024],
            ends: vec![0; 128],
        }
    }

    /// The next record of `bytes` from `*pos` (moved past it): the number
    /// of fields, or `None` at the end. As `csv::Reader::read_byte_record`
    /// drives the same tokeniser: linear, the buffers doubled when full.
    fn next(&mut self, bytes: &[u8], pos: &mut usize) -> Option<usize> {
        use csv_core::ReadRecordResult as R;
        let (mut out, mut end) = (0, 0);
        loop {
            let (res, nin, nout, nend) = self.reader.read_record(
                &bytes[*pos..],
                &mut self.fields[out..],
                &mut self.ends[end..],
            );
            *pos += nin;
            tick(nin);
            out += nout;
            end += nend;
            match res {
                R::InputEmpty => {}
                R::OutputFull => self.fields.resize(self.fields.len().max(256) * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len().max(64) * 2, 0),
                R::Record => return Some(end),
                R::End => return None,
            }
        }
    }

    /// The cells of the record just read, with `n` fields.
    fn cells(&self, n: usize) -> Result<Vec<&str>, Error> {
        let all = &self.fields[..self.ends[..n].last().copied().unwrap_or(0)];
        tick(all.len() + n);
        // Fields of UTF-8 text end at ASCII delimiters: each is text.
        let all = std::str::from_utf8(all).map_err(|_| {
            Error::single(Problem::new(
                ProblemKind::Syntax,
                "",
                "the record is not UTF-8 text",
            ))
        })?;
        let mut start = 0;
        let mut cells = Vec::with_capacity(n);
        for &e in &self.ends[..n] {
            cells.push(all.get(start..e).unwrap_or_default());
            start = e;
        }
        Ok(cells)
    }
}

/// Where the rows come from.
enum Source {
    Csv(Box<CsvSource>, CsvLayout),
    Jsonl,
    /// The elements of a JSON document (parsed at once, as the command
    /// line parses it), each with its span.
    Json(Vec<Batched<ResponseSet>>),
}

/// One row read: its number, the set or why it could not be read, the
/// respondent id to check for repeats, and where it is (a byte span of the
/// input; the element's index for JSON).
struct Read {
    row: usize,
    set: Result<ResponseSet, Error>,
    id: Option<String>,
    at: Range<usize>,
}

/// The next row: read into a response set, or (a CSV record the lean
/// path took) already scored into the caller's `RowScores`.
enum Next {
    Read(Read),
    Lean {
        row: usize,
        /// The respondent id cell, trimmed.
        id: String,
        at: Range<usize>,
    },
}

/// What is kept of a scored row.
struct Kept {
    row: usize,
    at: Range<usize>,
    status: RowStatus,
    duplicate: bool,
    /// The CSV line, formula-guarded.
    csv: Box<[u8]>,
    /// The CSV line without the guard, when it differs.
    plain: Option<Box<[u8]>>,
}

/// A batch of response sets being scored: created from the file's text,
/// scored a chunk at a time with `next`, exported with `scoredCsv` and
/// `scoredJsonl`, one row's results with `scored`.
#[wasm_bindgen]
pub struct Batch {
    instrument: Rc<Instrument>,
    text: String,
    total: usize,
    format: Format,
    options: ScoreOptions,
    source: Source,
    /// Reading position: a byte offset (CSV, JSON Lines) or the next
    /// element (JSON).
    pos: usize,
    /// The last row number read (JSON Lines: blank lines count).
    row: usize,
    done: bool,
    seen: SeenIds,
    rows: Vec<Kept>,
    guarded: RecordEncoder,
    plain: RecordEncoder,
    /// Whether CSV rows may take the lean path (tests turn it off to
    /// compare it with the full path).
    lean: bool,
    /// Rows the lean path scored.
    lean_rows: usize,
}

#[wasm_bindgen]
impl Batch {
    /// Opens `text`, a file of response sets in `format` (`"csv"`,
    /// `"json"` or `"jsonl"`), for scoring on `instrument`, as
    /// `assess score` would (policy `reject`, the full form unless a set
    /// names another).
    ///
    /// Throws an `AssessError` when the file cannot be read at all: an
    /// unknown format, a CSV header without the id column, a JSON document
    /// that is not JSON (with its line and column), a language the
    /// instrument lacks. Problems of single rows come from `next`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        instrument: &WasmInstrument,
        text: String,
        #[wasm_bindgen(unchecked_param_type = "\"csv\" | \"json\" | \"jsonl\"")] format: &str,
        #[wasm_bindgen(unchecked_param_type = "BatchOptions")] options: Option<JsValue>,
    ) -> Result<Batch, JsValue> {
        let o: BatchOptions = options_from(&options.unwrap_or(JsValue::UNDEFINED))?;
        Batch::open(
            Rc::clone(&instrument.inner),
            text,
            format,
            o.id_column.as_deref().unwrap_or("respondent_id"),
            o.lang.as_deref().unwrap_or("id"),
        )
        .map_err(|e| to_js_error(&e))
    }

    /// Scores up to `maxRows` more rows and tells how each went, in input
    /// order; `[]` once every row is read.
    #[wasm_bindgen(unchecked_return_type = "RowOutcome[]")]
    pub fn next(
        &mut self,
        #[wasm_bindgen(js_name = maxRows)] max_rows: usize,
    ) -> Result<JsValue, JsValue> {
        json_to_js(&self.next_rows(max_rows))
    }

    /// Whether every row has been read.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.done
    }

    /// Bytes of the input read so far (UTF-8), for a progress bar.
    #[wasm_bindgen(getter, js_name = bytesRead)]
    pub fn bytes_read(&self) -> usize {
        match &self.source {
            _ if self.done => self.total,
            Source::Json(sets) => self
                .pos
                .checked_sub(1)
                .and_then(|i| sets.get(i))
                .map_or(0, |b| b.span.end),
            _ => self.pos,
        }
    }

    /// Bytes of the input in all (UTF-8).
    #[wasm_bindgen(getter, js_name = bytesTotal)]
    pub fn bytes_total(&self) -> usize {
        self.total
    }

    /// Rows read so far (scored, partial or rejected).
    #[wasm_bindgen(getter, js_name = rowsRead)]
    pub fn rows_read(&self) -> usize {
        self.rows.len()
    }

    /// The rows read so far as the wide CSV of `assess score --format csv`,
    /// byte for byte: with `formulaGuard`, text cells a spreadsheet would
    /// run as formulas get a `'` in front (the command line's default);
    /// without, as `--csv-formulas`.
    #[wasm_bindgen(js_name = scoredCsv)]
    pub fn scored_csv(
        &self,
        #[wasm_bindgen(js_name = formulaGuard)] formula_guard: bool,
    ) -> String {
        String::from_utf8(self.csv_bytes(formula_guard)).unwrap_or_default()
    }

    /// The rows read so far as `assess score --format jsonl` writes them,
    /// byte for byte (each row scored again: the same record).
    #[wasm_bindgen(js_name = scoredJsonl)]
    pub fn scored_jsonl(&self) -> String {
        String::from_utf8(self.jsonl_bytes()).unwrap_or_default()
    }

    /// The results of row `row` (its number in `RowOutcome.row`), for its
    /// report: `undefined` for a rejected row or a row not read.
    pub fn scored(&self, row: usize) -> Result<Option<Scored>, JsValue> {
        let Some(report) = self.report(row) else {
            return Ok(None);
        };
        Scored::new(Rc::clone(&self.instrument), report)
            .map(Some)
            .map_err(|e| to_js_error(&e))
    }
}

impl Batch {
    /// `new Batch`, free of JavaScript types.
    ///
    /// # Errors
    ///
    /// As the constructor.
    pub fn open(
        instrument: Rc<Instrument>,
        text: String,
        format: &str,
        id_column: &str,
        lang: &str,
    ) -> Result<Batch, Error> {
        let format = match format {
            "csv" => Format::Csv,
            "json" => Format::Json,
            "jsonl" => Format::Jsonl,
            other => {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    "format",
                    format!("unknown format `{other}`, expected `csv`, `json` or `jsonl`"),
                )));
            }
        };
        instrument.check_language(lang, "options.lang")?;
        let (mut text, mut pos) = (text, 0);
        let source = match format {
            Format::Jsonl => Source::Jsonl,
            Format::Json => {
                let sets = ResponseSet::batch_from_json(&text)?;
                // The sets hold what the rows need: the text is not kept.
                let total = text.len();
                text = String::new();
                return Ok(Batch::with(
                    instrument,
                    text,
                    total,
                    format,
                    lang,
                    Source::Json(sets),
                    0,
                ));
            }
            Format::Csv => {
                let mut csv = CsvSource::new();
                let header = match csv.next(text.as_bytes(), &mut pos) {
                    Some(n) => csv.cells(n)?,
                    None => Vec::new(),
                };
                // A leading byte-order mark is not part of the first name.
                let header: Vec<String> = header
                    .iter()
                    .map(|h| h.trim_start_matches('\u{feff}').to_owned())
                    .collect();
                let names: Vec<&str> = header.iter().map(String::as_str).collect();
                let layout = CsvLayout::new(&instrument, &names, id_column)?;
                Source::Csv(Box::new(csv), layout)
            }
        };
        let total = text.len();
        Ok(Batch::with(
            instrument, text, total, format, lang, source, pos,
        ))
    }

    fn with(
        instrument: Rc<Instrument>,
        text: String,
        total: usize,
        format: Format,
        lang: &str,
        source: Source,
        pos: usize,
    ) -> Batch {
        let guarded = RecordEncoder::new(RecordFormat::Csv, &instrument);
        let plain = guarded.clone().formula_guard(false);
        Batch {
            options: ScoreOptions::new().language(lang).policy(Policy::Reject),
            instrument,
            text,
            total,
            format,
            source,
            pos,
            row: 0,
            done: false,
            seen: SeenIds::default(),
            rows: Vec::new(),
            guarded,
            plain,
            lean: true,
            lean_rows: 0,
        }
    }

    /// Scores up to `max` more rows: `Batch.next`.
    pub fn next_rows(&mut self, max: usize) -> Vec<RowOutcome> {
        // The lean scorer borrows the instrument: a handle of its own, so
        // that the batch stays free to move on.
        let instrument = Rc::clone(&self.instrument);
        let lean = match &self.source {
            Source::Csv(_, layout) if self.lean => {
                CsvRowScorer::new(&instrument, layout, &self.options)
            }
            _ => None,
        };
        let mut scores = RowScores::default();
        let mut out = Vec::new();
        while out.len() < max {
            let read = match self.read_next(lean.as_ref(), &mut scores) {
                None => {
                    self.done = true;
                    break;
                }
                Some(Next::Read(read)) => read,
                Some(Next::Lean { row, id, at }) => {
                    let duplicate = self.seen.repeated(&id);
                    let (csv, plain) = self.encode(|e, line| {
                        e.encode_lean(row, &id, &scores, duplicate, line);
                    });
                    out.push(RowOutcome {
                        row,
                        respondent_id: Some(id),
                        status: scores.status,
                        // The lean path takes only rows without warnings.
                        problems: Vec::new(),
                        holland_code: scores.holland.clone(),
                    });
                    self.keep(row, at, scores.status, duplicate, csv, plain);
                    self.lean_rows += 1;
                    continue;
                }
            };
            let duplicate = read.id.as_deref().is_some_and(|id| self.seen.repeated(id));
            let mut rec = self.scoring().record(read.row, read.set);
            rec.duplicate_id = duplicate;
            // Encoding the engine's records does not fail; a failure would
            // leave the line empty rather than stop the batch.
            let (csv, plain) = self.encode(|e, line| {
                let _ = e.encode(&rec, line);
            });
            let problems = match &rec.report {
                Some(r) => r.warnings.clone(),
                None => rec.problems.clone(),
            };
            out.push(RowOutcome {
                row: rec.row,
                respondent_id: rec.respondent_id.clone(),
                status: rec.status,
                problems,
                holland_code: rec
                    .report
                    .as_ref()
                    .and_then(|r| r.riasec.as_ref())
                    .map(|p| p.holland.code.clone()),
            });
            self.keep(rec.row, read.at, rec.status, duplicate, csv, plain);
        }
        out
    }

    /// A row's CSV line with the formula guard, and without it when that
    /// differs, each written by `write`.
    fn encode(&self, write: impl Fn(&RecordEncoder, &mut Vec<u8>)) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut csv = Vec::with_capacity(256);
        write(&self.guarded, &mut csv);
        // The guard only ever puts a `'` in front of a cell: a line
        // without one is the unguarded line too, and is not encoded
        // again.
        let plain = csv.contains(&b'\'').then(|| {
            let mut plain = Vec::with_capacity(csv.len());
            write(&self.plain, &mut plain);
            plain
        });
        let plain = plain.filter(|p| *p != csv);
        (csv, plain)
    }

    fn keep(
        &mut self,
        row: usize,
        at: Range<usize>,
        status: RowStatus,
        duplicate: bool,
        csv: Vec<u8>,
        plain: Option<Vec<u8>>,
    ) {
        self.rows.push(Kept {
            row,
            at,
            status,
            duplicate,
            plain: plain.map(Vec::into_boxed_slice),
            csv: csv.into_boxed_slice(),
        });
    }

    fn scoring(&self) -> RowScoring<'_> {
        RowScoring {
            instrument: &self.instrument,
            options: &self.options,
            form: None,
            recommend: None,
        }
    }

    /// The next row of the input, or `None` at its end. A CSV record that
    /// `lean` scores is scored into `scores`.
    fn read_next<'a>(
        &mut self,
        lean: Option<&CsvRowScorer<'a>>,
        scores: &mut RowScores<'a>,
    ) -> Option<Next> {
        match &mut self.source {
            Source::Json(sets) => {
                let i = self.pos;
                let b = sets.get(i)?;
                self.pos += 1;
                let set = b.value.clone();
                Some(Next::Read(Read {
                    row: i + 1,
                    id: set.as_ref().ok().map(|s| s.respondent_id.clone()),
                    set,
                    at: i..i + 1,
                }))
            }
            Source::Jsonl => loop {
                let bytes = self.text.as_bytes();
                if self.pos >= bytes.len() {
                    return None;
                }
                let start = self.pos;
                let end = memchr_newline(&bytes[start..]).map_or(bytes.len(), |n| start + n + 1);
                tick(end - start);
                self.pos = end;
                self.row += 1;
                let line = trim_line(&self.text[start..end]);
                if line.bytes().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                let set = jsonl_set(self.row, &self.text[start..end]);
                return Some(Next::Read(Read {
                    row: self.row,
                    id: set.as_ref().ok().map(|s| s.respondent_id.clone()),
                    set,
                    at: start..end,
                }));
            },
            Source::Csv(csv, layout) => {
                let start = self.pos;
                let n = csv.next(self.text.as_bytes(), &mut self.pos)?;
                self.row += 1;
                let at = start..self.pos;
                let cells = csv_cells(csv, n, self.row, &self.text[at.clone()]);
                if let (Some(scorer), Ok(cells)) = (lean, &cells)
                    && scorer.score(cells, scores)
                {
                    let id = scorer.respondent_id(cells).unwrap_or_default().to_owned();
                    return Some(Next::Lean {
                        row: self.row,
                        id,
                        at,
                    });
                }
                let (set, id) = csv_set(cells, layout);
                Some(Next::Read(Read {
                    row: self.row,
                    set,
                    id,
                    at,
                }))
            }
        }
    }

    /// The response set of a kept row, read again from its place.
    fn reread(&self, kept: &Kept) -> Result<ResponseSet, Error> {
        match &self.source {
            Source::Json(sets) => sets
                .get(kept.at.start)
                .map_or_else(|| Err(lost()), |b| b.value.clone()),
            Source::Jsonl => jsonl_set(kept.row, &self.text[kept.at.clone()]),
            Source::Csv(_, layout) => {
                let mut again = CsvSource::new();
                let bytes = &self.text.as_bytes()[..kept.at.end];
                let mut pos = kept.at.start;
                match again.next(bytes, &mut pos) {
                    Some(n) => {
                        let raw = &self.text[kept.at.clone()];
                        csv_set(csv_cells(&again, n, kept.row, raw), layout).0
                    }
                    None => Err(lost()),
                }
            }
        }
    }

    /// The report of row `row`, scored again; `None` when rejected or not
    /// read.
    pub fn report(&self, row: usize) -> Option<assess_core::Report> {
        let i = self.rows.binary_search_by_key(&row, |k| k.row).ok()?;
        let kept = &self.rows[i];
        if kept.status == RowStatus::Rejected {
            return None;
        }
        self.scoring().record(kept.row, self.reread(kept)).report
    }

    /// `scoredCsv`'s bytes.
    pub fn csv_bytes(&self, guard: bool) -> Vec<u8> {
        let mut out = self.guarded.csv_header();
        for k in &self.rows {
            match (&k.plain, guard) {
                (Some(plain), false) => out.extend_from_slice(plain),
                _ => out.extend_from_slice(&k.csv),
            }
        }
        out
    }

    /// `scoredJsonl`'s bytes.
    pub fn jsonl_bytes(&self) -> Vec<u8> {
        let encoder = RecordEncoder::new(RecordFormat::Jsonl, &self.instrument);
        let mut out = Vec::new();
        for k in &self.rows {
            let mut rec = self.scoring().record(k.row, self.reread(k));
            rec.duplicate_id = k.duplicate;
            let _ = encoder.encode(&rec, &mut out);
        }
        out
    }

    /// The batch with every row scored through the full report, for tests
    /// (the fuzz target's) that hold the lean path to it.
    #[doc(hidden)]
    #[must_use]
    pub fn without_lean_path(mut self) -> Batch {
        self.lean = false;
        self
    }

    /// How many rows the lean path scored, for tests.
    #[doc(hidden)]
    pub fn lean_rows(&self) -> usize {
        self.lean_rows
    }

    /// The layout read, for tests.
    #[doc(hidden)]
    pub fn format_name(&self) -> &'static str {
        match self.format {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// A row that was read once and cannot be found again (not expected).
fn lost() -> Error {
    Error::single(Problem::new(
        ProblemKind::Syntax,
        "",
        "the row cannot be read again",
    ))
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// A line without its line end (`\n`, `\r\n`).
fn trim_line(l: &str) -> &str {
    let l = l.strip_suffix('\n').unwrap_or(l);
    l.strip_suffix('\r').unwrap_or(l)
}

/// A line longer than the limit, as a row's problem.
fn too_long(row: usize) -> Error {
    Error::single(
        Problem::new(
            ProblemKind::Syntax,
            format!("row {row}"),
            format!("the line is longer than {MAX_LINE_BYTES} bytes"),
        )
        .with_hint("a response set is much shorter; is this the right file?"),
    )
}

/// The response set of a JSON Lines line (with its line end).
fn jsonl_set(row: usize, line: &str) -> Result<ResponseSet, Error> {
    if trim_line(line).len() > MAX_LINE_BYTES {
        return Err(too_long(row));
    }
    ResponseSet::from_json(trim_line(line))
}

/// The cells of the CSV record just read into `csv` (`n` fields, `raw` its
/// bytes in the input, row `row`), or why the row cannot be read: a line
/// longer than [`MAX_LINE_BYTES`], a record that is not UTF-8.
fn csv_cells<'c>(
    csv: &'c CsvSource,
    n: usize,
    row: usize,
    raw: &str,
) -> Result<Vec<&'c str>, Error> {
    tick(raw.len());
    if raw.split('\n').any(|l| l.len() > MAX_LINE_BYTES) {
        return Err(too_long(row));
    }
    csv.cells(n)
}

/// The response set of a CSV record's cells (or why there is none), and
/// its respondent id cell, trimmed, as the command line checks it for
/// repeats.
fn csv_set(
    cells: Result<Vec<&str>, Error>,
    layout: &CsvLayout,
) -> (Result<ResponseSet, Error>, Option<String>) {
    match cells {
        Ok(cells) => {
            let id = cells.get(layout.id_column()).map(|c| c.trim().to_owned());
            (layout.read(&cells), id)
        }
        Err(e) => (Err(e), None),
    }
}

#[cfg(test)]
mod tests;
