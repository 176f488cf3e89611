//! `assess score`: score one or many respondents, streaming.
//!
//! Every input row gives exactly one output record, scored or rejected with
//! its problems; a bad row never stops the batch. Output is written as rows
//! are read, so memory stays bounded for JSON Lines and CSV input.
//!
//! The command's parts, in the order a row goes through them: `input`
//! reads the rows (JSON, JSON Lines, CSV), `jobs` scores them in chunks on
//! worker threads, `output` encodes and writes the records in input order,
//! and `resume` continues an interrupted run; [`main`] here puts them
//! together.

mod input;
mod jobs;
mod output;
mod resume;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use assess_core::{Catalog, RecommendOptions, RowStatus};

use crate::progress::Progress;

pub use assess_core::RecordEncoder as Encoder;
pub(crate) use assess_core::formula_safe;
use assess_core::{MAX_CHECKED_IDS, SeenIds};
pub(crate) use input::{csv_error, csv_reader, io_error, not_utf8, read_rows, record_cells};
pub use jobs::Job;
use jobs::{INTERRUPTED, Settings, run};
use output::Sink;
use resume::{open_output, resume_point};

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

impl From<OutputFormat> for assess_core::RecordFormat {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Json => assess_core::RecordFormat::Json,
            OutputFormat::Jsonl => assess_core::RecordFormat::Jsonl,
            OutputFormat::Csv => assess_core::RecordFormat::Csv,
        }
    }
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
    let mut ids = SeenIds::default();
    let result = run(
        &b.job,
        b.input,
        b.input_format,
        b.id_column,
        settings,
        &mut ids,
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
                "{} rows: {} scored, {} partially scored, {} rejected{}",
                c.scored + c.partial + c.rejected,
                c.scored,
                c.partial,
                c.rejected,
                duplicates_note(&ids)
            );
            ExitCode::from(u8::from(c.rejected > 0))
        }
        Err(e) => {
            eprintln!("error[io]: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

/// The closing summary's warning about repeated respondent ids: empty when
/// there are none.
fn duplicates_note(ids: &SeenIds) -> String {
    let mut note = String::new();
    if ids.duplicates > 0 {
        note = format!(
            "; warning: {} {} a respondent id of an earlier row (flagged `duplicate_id`)",
            ids.duplicates,
            if ids.duplicates == 1 {
                "row repeats"
            } else {
                "rows repeat"
            }
        );
    }
    if ids.unchecked > 0 {
        note.push_str(&format!(
            "; {} respondent ids were not remembered (the check keeps at most {} distinct ones), so their repeats are not flagged",
            ids.unchecked,
            MAX_CHECKED_IDS
        ));
    }
    note
}
