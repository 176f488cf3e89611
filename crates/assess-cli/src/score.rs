//! `assess score`: score one or many respondents, streaming.
//!
//! Every input row gives exactly one output record, scored or rejected with
//! its problems; a bad row never stops the batch. Output is written as rows
//! are read, so memory stays bounded for JSON Lines and CSV input.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use assess_core::{
    BatchRecord, Catalog, CsvLayout, Error, Instrument, Problem, ProblemKind, RecommendOptions,
    ResponseSet, RowStatus, ScoreOptions, recommend, score,
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
#[derive(Default, Debug)]
pub struct Counts {
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
pub fn input_format_of(path: &Path) -> InputFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => InputFormat::Csv,
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        _ => InputFormat::Json,
    }
}

/// Writes records in the chosen layout as they come.
pub struct Sink<W: Write> {
    out: W,
    format: OutputFormat,
    first: bool,
    csv_header: Option<Vec<String>>,
    scale_ids: Vec<String>,
    interest: bool,
    pub counts: Counts,
}

impl<W: Write> Sink<W> {
    pub fn new(out: W, format: OutputFormat, instrument: &Instrument) -> Self {
        Sink {
            out,
            format,
            first: true,
            csv_header: None,
            scale_ids: instrument
                .scales()
                .iter()
                .map(|s| s.id().to_owned())
                .collect(),
            interest: instrument.kind() == assess_core::InstrumentKind::Interest,
            counts: Counts::default(),
        }
    }

    pub fn write(&mut self, rec: &BatchRecord) -> std::io::Result<()> {
        self.counts.add(rec.status);
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, rec)?;
                self.out.write_all(b"\n")
            }
            OutputFormat::Json => {
                self.out
                    .write_all(if self.first { b"[\n" } else { b",\n" })?;
                self.first = false;
                serde_json::to_writer(&mut self.out, rec)?;
                Ok(())
            }
            OutputFormat::Csv => self.write_csv(rec),
        }
    }

    fn write_csv(&mut self, rec: &BatchRecord) -> std::io::Result<()> {
        if self.csv_header.is_none() {
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
            h.push("flags".into());
            h.push("problems".into());
            write_csv_row(&mut self.out, h.iter().map(String::as_str))?;
            self.csv_header = Some(h);
        }
        let mut cells: Vec<String> = vec![
            rec.row.to_string(),
            rec.respondent_id.clone().unwrap_or_default(),
            status_name(rec.status).to_owned(),
        ];
        match &rec.report {
            Some(r) => {
                for s in &r.scales {
                    cells.push(s.score.map(num).unwrap_or_default());
                    cells.push(s.pomp.map(num).unwrap_or_default());
                    cells.push(s.band.as_ref().map(|b| b.id.clone()).unwrap_or_default());
                }
                if self.interest {
                    cells.push(
                        r.riasec
                            .as_ref()
                            .map(|p| p.holland.code.clone())
                            .unwrap_or_default(),
                    );
                    cells.push(
                        rec.recommendations
                            .as_ref()
                            .map(|x| {
                                x.families
                                    .iter()
                                    .map(|f| f.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(";")
                            })
                            .unwrap_or_default(),
                    );
                }
                let flags: Vec<String> = r
                    .quality
                    .flags
                    .iter()
                    .map(|f| {
                        serde_json::to_value(f.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    })
                    .collect();
                cells.push(flags.join(";"));
                cells.push(problem_list(&r.warnings));
            }
            None => {
                let blanks = self.scale_ids.len() * 3 + if self.interest { 2 } else { 0 };
                for _ in 0..blanks {
                    cells.push(String::new());
                }
                cells.push(String::new());
                cells.push(problem_list(&rec.problems));
            }
        }
        write_csv_row(&mut self.out, cells.iter().map(String::as_str))
    }

    pub fn finish(mut self) -> std::io::Result<Counts> {
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

/// Numbers as serde_json prints them, so CSV and JSON agree.
fn num(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_default()
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

fn write_csv_row<'a, W: Write>(
    out: &mut W,
    cells: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    let mut first = true;
    for c in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if c.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(c.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(c.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// Scores every row of `input` into `sink`.
///
/// # Errors
///
/// Only for problems that stop the whole run: the input cannot be read, a
/// JSON document is not JSON, a CSV file has no header. Problems of single
/// rows become rejected records.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub fn run<W: Write>(
    instrument: &Instrument,
    input: &Path,
    format: InputFormat,
    options: &ScoreOptions,
    form: Option<&str>,
    id_column: &str,
    rec: Option<&Recommend<'_>>,
    sink: &mut Sink<W>,
) -> Result<(), Error> {
    let file = File::open(input).map_err(|e| io_error(input, &e))?;
    let reader = BufReader::with_capacity(1 << 16, file);
    let one =
        |row: usize, set: Result<ResponseSet, Error>, sink: &mut Sink<W>| -> Result<(), Error> {
            let rec = match set {
                Ok(mut set) => {
                    if let (Some(f), None) = (form, &set.form) {
                        set.form = Some(f.to_owned());
                    }
                    let id = Some(set.respondent_id.clone());
                    let mut record = BatchRecord::new(row, id, score(instrument, &set, options));
                    if let (Some(rec), Some(profile)) =
                        (rec, record.report.as_ref().and_then(|r| r.riasec.as_ref()))
                    {
                        record.recommendations =
                            Some(recommend(profile, None, None, rec.catalog, &rec.options));
                    }
                    record
                }
                Err(e) => BatchRecord::new(row, None, Err(e)),
            };
            sink.write(&rec)
                .map_err(|e| io_error(Path::new("<output>"), &e))
        };
    match format {
        InputFormat::Jsonl => {
            let mut row = 0;
            for line in reader.split(b'\n') {
                let line = line.map_err(|e| io_error(input, &e))?;
                row += 1;
                let line = line.strip_suffix(b"\r").unwrap_or(&line);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let set = match std::str::from_utf8(line) {
                    Ok(text) => ResponseSet::from_json(text),
                    Err(e) => Err(not_utf8(row, e.valid_up_to())),
                };
                one(row, set, sink)?;
            }
        }
        InputFormat::Json => {
            let mut text = String::new();
            BufReader::new(reader)
                .read_to_string(&mut text)
                .map_err(|e| io_error(input, &e))?;
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                ResponseSet::from_json(&text).err().unwrap_or_else(|| {
                    Error::single(Problem::new(ProblemKind::Syntax, "", e.to_string()))
                })
            })?;
            let items = match value {
                serde_json::Value::Array(v) => v,
                other => vec![other],
            };
            for (i, v) in items.into_iter().enumerate() {
                let set = serde_json::from_value::<ResponseSet>(v).map_err(|e| {
                    Error::single(Problem::new(
                        ProblemKind::InvalidType,
                        format!("[{i}]"),
                        e.to_string(),
                    ))
                });
                one(i + 1, set, sink)?;
            }
        }
        InputFormat::Csv => {
            let (mut rdr, header) = csv_reader(reader, input)?;
            let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
            let layout = CsvLayout::new(instrument, &header_refs, id_column)?;
            let mut record = csv::ByteRecord::new();
            let mut row = 0;
            loop {
                match rdr.read_byte_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        row += 1;
                        let cells: Result<Vec<&str>, usize> = record
                            .iter()
                            .map(|c| std::str::from_utf8(c).map_err(|e| e.valid_up_to()))
                            .collect();
                        let set = match cells {
                            Ok(cells) => layout.read(&cells),
                            Err(at) => Err(not_utf8(row, at)),
                        };
                        one(row, set, sink)?;
                    }
                    Err(e) => {
                        row += 1;
                        let set = Err(Error::single(Problem::new(
                            ProblemKind::Syntax,
                            format!("row {row}"),
                            e.to_string(),
                        )));
                        one(row, set, sink)?;
                    }
                }
            }
        }
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

/// Opens the output: a file, or standard output.
pub fn open_output(out: Option<&PathBuf>) -> std::io::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => Box::new(BufWriter::with_capacity(1 << 16, File::create(p)?)),
        None => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    })
}
