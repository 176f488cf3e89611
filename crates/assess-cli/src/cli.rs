//! The `assess` command line: its subcommands and flags (clap), and the
//! dispatch of each subcommand to its module.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assess_core::{Instrument, Policy, ScoreOptions};
use clap::{Parser, Subcommand, ValueEnum};

use crate::{OutputFormat, analyze, load, norms, report, score, simulate, summary};

/// Psychometric assessment engine for E-Makaryo: check instruments, score
/// responses, report and analyse.
#[derive(Parser)]
#[command(name = "assess", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The longest line of a JSON Lines or CSV input, in bytes (a longer
    /// one stops the run with a message; one response set is far smaller).
    #[arg(long, global = true, default_value_t = crate::files::DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Command {
    /// Check instrument files and print every problem, located.
    ///
    /// Exits with 0 when every file is valid, 1 when any file has problems,
    /// 2 when a file cannot be read.
    Check {
        /// Instrument files (TOML).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `text` (problems on stderr) or `json` (a report on stdout).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Print the JSON Schema of the instrument format (or, with
    /// `--catalog`, of the job-family catalogue format).
    Schema {
        /// The catalogue format instead of the instrument format.
        #[arg(long)]
        catalog: bool,
    },
    /// Score responses: one respondent or a whole batch, streaming.
    ///
    /// Every input row gives one output record, scored or rejected with its
    /// problems; a summary goes to stderr. Exits with 0 when every row was
    /// scored, 1 when any row was rejected, 2 when the run could not start,
    /// 130 when interrupted with Ctrl-C (the output then holds complete
    /// records only; continue with `--resume`).
    Score {
        /// The instrument (TOML).
        #[arg(long, short)]
        instrument: PathBuf,
        /// Responses: JSON (one set or an array), JSON Lines, or CSV with a
        /// header `respondent_id,<item ids>…`.
        #[arg(long, short)]
        responses: PathBuf,
        /// Input layout; by default from the file extension.
        #[arg(long, value_enum)]
        input_format: Option<score::InputFormat>,
        /// Output layout.
        #[arg(long, value_enum, default_value_t = score::OutputFormat::Json)]
        format: score::OutputFormat,
        /// Language of labels and interpretations: `id` or `en`.
        #[arg(long, default_value = "id")]
        lang: String,
        /// Form answered, for sets that do not name one (`pendek`…).
        #[arg(long)]
        form: Option<String>,
        /// `reject`: a row with any bad answer is rejected; `warn`: score
        /// the valid answers and list the rest as warnings.
        #[arg(long, value_enum, default_value_t = PolicyArg::Reject)]
        policy: PolicyArg,
        /// Norm group to use instead of each scale's first.
        #[arg(long)]
        norm_group: Option<String>,
        /// CSV input: the column holding respondent ids.
        #[arg(long, default_value = "respondent_id")]
        id_column: String,
        /// Add job-family recommendations from this catalogue to each
        /// scored interest record.
        #[arg(long, value_name = "CATALOG")]
        recommend: Option<PathBuf>,
        /// With `--recommend`: how many families (0 for all).
        #[arg(long, default_value_t = assess_core::recommend::DEFAULT_TOP)]
        top: usize,
        /// With `--recommend`: only families whose usual schooling is at
        /// most this level (SD, SMP, SMA, SMK, D1–D4, S1).
        #[arg(long)]
        schooling: Option<String>,
        /// With `--recommend`: only families whose job zone (the
        /// preparation the work needs, 1–5) is at most this.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        max_zone: Option<u8>,
        /// With `--recommend`: only families in these sectors (repeatable).
        #[arg(long)]
        sector: Vec<String>,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Worker threads; 0 for one per core; at most 256.
        #[arg(long, short, default_value_t = 1, value_parser = parse_jobs)]
        jobs: usize,
        /// No progress bar (it is shown only on a terminal anyway).
        #[arg(long, short)]
        quiet: bool,
        /// Continue an interrupted run: keep the complete records of
        /// `--out`, drop a record cut off at its end, and score the input
        /// rows after the last kept one (`jsonl` and `csv` layouts).
        #[arg(long, requires = "out", conflicts_with = "overwrite")]
        resume: bool,
        /// Replace `--out` if it exists (without it, an existing file is
        /// never overwritten).
        #[arg(long, requires = "out")]
        overwrite: bool,
        /// CSV: write text cells exactly, even those a spreadsheet would run
        /// as formulas (by default a cell starting with `=`, `+`, `-`, `@`,
        /// a tab or a carriage return gets a `'` in front). For pipelines.
        #[arg(long)]
        csv_formulas: bool,
    },
    /// One respondent's results as a printable, self-contained HTML page
    /// (interest, aptitude and readiness, whichever are given).
    ///
    /// Give each instrument with its responses file, in pairs:
    /// `-i instruments/riasec.toml -r riasec.json -i instruments/readiness.toml -r readiness.json`.
    Report {
        /// Instruments (TOML), one per responses file, in the same order.
        #[arg(long, short, required = true)]
        instrument: Vec<PathBuf>,
        /// Responses files (JSON, JSON Lines or CSV), one per instrument.
        #[arg(long, short, required = true)]
        responses: Vec<PathBuf>,
        /// Whose results; may be left out when each file holds one set.
        #[arg(long)]
        respondent: Option<String>,
        /// Job-family catalogue for suggestions with training routes.
        #[arg(long, value_name = "CATALOG")]
        catalog: Option<PathBuf>,
        /// How many job families to suggest.
        #[arg(long, default_value_t = assess_core::recommend::DEFAULT_TOP)]
        top: usize,
        /// Language of the page: `id` or `en`.
        #[arg(long, default_value = "id")]
        lang: String,
        /// CSV responses: the column holding respondent ids.
        #[arg(long, default_value = "respondent_id")]
        id_column: String,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Replace `--out` if it exists (without it, an existing file is
        /// never overwritten).
        #[arg(long, requires = "out")]
        overwrite: bool,
        /// The session's date on the page, YYYY-MM-DD (default: today, by
        /// this computer's clock, UTC).
        #[arg(long, value_parser = parse_date)]
        date: Option<assess_pages::date::Date>,
    },
    /// Summarise a scored batch by metadata columns (district, gender,
    /// disability, age group…) for programme staff: counts, first letters
    /// and Holland codes, bands, quality-flag rates; small groups are
    /// suppressed. CSV on standard output unless `--html`/`--csv` is given.
    Summary {
        /// Scored records: the output of `assess score --format jsonl` (or `json`).
        input: PathBuf,
        /// Metadata column to group by (repeatable).
        #[arg(long)]
        by: Vec<String>,
        /// Groups with fewer records than this are suppressed.
        #[arg(long, default_value_t = assess_core::analysis::DEFAULT_MIN_GROUP)]
        min_group: usize,
        /// Language of the HTML page: `id` or `en`.
        #[arg(long, default_value = "id")]
        lang: String,
        /// Write the HTML page here.
        #[arg(long)]
        html: Option<PathBuf>,
        /// Write the CSV table here.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Replace `--html` and `--csv` if they exist (without it, an
        /// existing file is never overwritten).
        #[arg(long)]
        overwrite: bool,
        /// CSV: write text cells exactly, even those a spreadsheet would run
        /// as formulas (see `assess score --csv-formulas`).
        #[arg(long)]
        csv_formulas: bool,
    },
    /// Analyse an instrument from collected responses: reliability, item
    /// analysis, distractors and (with `--group`) DIF; JSON and an HTML
    /// report.
    ///
    /// Exits with 0 when done, 2 when the analysis could not run.
    Analyze(analyze::Args),
    /// Build local norm tables from collected responses and write them
    /// into a copy of the instrument, for `assess score` to use.
    ///
    /// Exits with 0 when done, 2 when the norms could not be built.
    Norms(norms::Args),
    /// Calibrate item parameters from collected answers (1PL, 2PL, 3PL,
    /// GRM, GPCM by marginal maximum likelihood), optionally on the scale
    /// of anchor items held fixed; write them into a copy of the
    /// instrument with their provenance, a JSON report and an HTML page.
    ///
    /// Exits with 0 when done, 2 when the calibration could not run.
    Calibrate(crate::calibrate::Args),
    /// Simulate an item bank, adaptive and fixed, from a seed: bias, RMSE,
    /// mean test length and item exposure.
    Simulate(simulate::SimulateArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PolicyArg {
    Reject,
    Warn,
}

/// Parses the process's arguments and runs the subcommand.
pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::files::MAX_LINE_BYTES.store(cli.max_line_bytes, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Check { files, format } => crate::check::run(&files, format),
        Command::Score {
            instrument,
            responses,
            input_format,
            format,
            lang,
            form,
            policy,
            norm_group,
            id_column,
            recommend,
            top,
            schooling,
            max_zone,
            sector,
            out,
            jobs,
            quiet,
            resume,
            overwrite,
            csv_formulas,
        } => {
            let Some(inst) = load(&instrument, Instrument::from_toml) else {
                return ExitCode::from(2);
            };
            let options = ScoreOptions::new()
                .language(&lang)
                .policy(match policy {
                    PolicyArg::Reject => Policy::Reject,
                    PolicyArg::Warn => Policy::Warn,
                })
                .norm_group(norm_group.as_deref());
            let catalog = match &recommend {
                Some(path) => match load(path, assess_core::Catalog::from_toml) {
                    Some(c) => Some(c),
                    None => return ExitCode::from(2),
                },
                None => None,
            };
            let schooling = match schooling.as_deref() {
                Some(s) => match assess_core::Schooling::parse(s) {
                    Some(level) => Some(level),
                    None => {
                        eprintln!(
                            "error[invalid_value]: unknown schooling `{s}`; expected one of `SD`, `SMP`, `SMA`, `SMK`, `D1`, `D2`, `D3`, `D4`, `S1`"
                        );
                        return ExitCode::from(2);
                    }
                },
                None => None,
            };
            let sectors: Vec<&str> = sector.iter().map(String::as_str).collect();
            let rec = catalog.as_ref().map(|c| score::Recommend {
                catalog: c,
                options: assess_core::RecommendOptions::new()
                    .language(&lang)
                    .top(top)
                    .max_schooling(schooling)
                    .max_zone(max_zone)
                    .sectors(&sectors),
            });
            if let Some(o) = &out {
                let mut inputs = vec![instrument.as_path(), responses.as_path()];
                inputs.extend(recommend.as_deref());
                if let Err(msg) = crate::files::not_an_input(o, &inputs) {
                    eprintln!("error[io]: {msg}");
                    return ExitCode::from(2);
                }
            }
            let input_format = input_format.unwrap_or_else(|| score::input_format_of(&responses));
            let encoder = score::Encoder::new(format, &inst).formula_guard(!csv_formulas);
            let run = score::Batch {
                job: score::Job {
                    instrument: &inst,
                    options: &options,
                    form: form.as_deref(),
                    rec: rec.as_ref(),
                    encoder: &encoder,
                },
                input: &responses,
                input_format,
                id_column: &id_column,
                out: out.as_ref(),
                jobs,
                quiet,
                resume,
                overwrite,
            };
            score::main(&run)
        }
        Command::Report {
            instrument,
            responses,
            respondent,
            catalog,
            top,
            lang,
            id_column,
            out,
            overwrite,
            date,
        } => {
            let inputs: Vec<&Path> = instrument
                .iter()
                .chain(&responses)
                .chain(&catalog)
                .map(PathBuf::as_path)
                .collect();
            if let Err(msg) = crate::files::check_outputs(&[out.as_deref()], &inputs, overwrite) {
                eprintln!("error[io]: {msg}");
                return ExitCode::from(2);
            }
            if instrument.len() != responses.len() {
                eprintln!(
                    "error[usage]: {} instruments but {} responses files; give them in pairs (`-i` then `-r`)",
                    instrument.len(),
                    responses.len()
                );
                return ExitCode::from(2);
            }
            let mut sources = Vec::new();
            for (i, r) in instrument.iter().zip(responses) {
                let Some(inst) = load(i, Instrument::from_toml) else {
                    return ExitCode::from(2);
                };
                sources.push((inst, r));
            }
            let catalog = match &catalog {
                Some(path) => match load(path, assess_core::Catalog::from_toml) {
                    Some(c) => Some(c),
                    None => return ExitCode::from(2),
                },
                None => None,
            };
            report::main(report::Request {
                sources,
                respondent: respondent.as_deref(),
                catalog: catalog.as_ref(),
                lang: &lang,
                top,
                id_column: &id_column,
                out: out.as_ref(),
                date: Some(date.unwrap_or_else(today)),
            })
        }
        Command::Analyze(args) => analyze::run(&args),
        Command::Norms(args) => norms::run(&args),
        Command::Calibrate(args) => crate::calibrate::run(&args),
        Command::Summary {
            input,
            by,
            min_group,
            lang,
            html,
            csv,
            overwrite,
            csv_formulas,
        } => {
            if let Err(msg) = crate::files::check_outputs(
                &[html.as_deref(), csv.as_deref()],
                &[&input],
                overwrite,
            ) {
                eprintln!("error[io]: {msg}");
                return ExitCode::from(2);
            }
            summary::main(&summary::Request {
                input: &input,
                by: &by,
                min_group,
                lang: &lang,
                html: html.as_ref(),
                csv: csv.as_ref(),
                formula_guard: !csv_formulas,
            })
        }
        Command::Simulate(args) => simulate::run(args),
        Command::Schema { catalog } => {
            let schema = if catalog {
                assess_core::catalog_schema()
            } else {
                assess_core::instrument_schema()
            };
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot render the schema: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// The most worker threads `--jobs` accepts: far more than the cores of
/// any machine this runs on, and few enough that each keeps its bounded
/// queue (thousands of threads abort the process or exhaust memory).
pub(crate) const MAX_JOBS: usize = 256;

/// `--jobs`: a whole number from 0 (one per core) to [`MAX_JOBS`].
fn parse_jobs(s: &str) -> Result<usize, String> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "expected a whole number of worker threads from 0 to {MAX_JOBS}"
        ));
    }
    match t.parse::<usize>() {
        Ok(n) if n <= MAX_JOBS => Ok(n),
        _ => Err(format!(
            "at most {MAX_JOBS} worker threads; use 0 for one per core"
        )),
    }
}

/// `--date`: a calendar date, YYYY-MM-DD.
fn parse_date(text: &str) -> Result<assess_pages::date::Date, String> {
    assess_pages::date::Date::parse(text)
}

/// Today's date by this computer's clock (UTC).
pub(crate) fn today() -> assess_pages::date::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    assess_pages::date::Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}
