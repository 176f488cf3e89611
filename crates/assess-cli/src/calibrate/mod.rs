//! `assess calibrate`: item parameters from collected answers (marginal
//! maximum likelihood, `assess_core::irt::calibrate`), written back into a
//! copy of the instrument with their provenance, and reported as JSON and
//! as a bilingual HTML page.
//!
//! The instrument is edited with `toml_edit`, so comments, order and layout
//! outside the changed values stay as they were; the result is checked by
//! the instrument reader before anything is written.

mod html;
mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assess_core::Status;
use assess_core::analysis::{CalibrationAnswers, CsvCalibrationReader, answers_from};
use assess_core::irt::calibrate::{
    Calibration, CalibrationFlag, CalibrationModel, CalibrationOptions, calibrate, item_specs,
};
use assess_core::{Error, Instrument};
use clap::ValueEnum;

/// Options of `assess calibrate`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: crate::analyze::Input,
    /// The model of the items calibrated.
    #[arg(long, value_enum)]
    model: ModelArg,
    /// Calibrate only the items of this scale (default: every item with a
    /// 0/1, Likert or scored-choice format).
    #[arg(long)]
    scale: Option<String>,
    /// Hold these items fixed at their instrument parameters (anchors,
    /// comma-separated ids): the other items are put on their scale.
    #[arg(long, value_delimiter = ',')]
    anchor: Vec<String>,
    /// Hold fixed every item that already has `irt` parameters; calibrate
    /// the items without (new items onto the existing scale).
    #[arg(long)]
    anchor_existing: bool,
    /// Quadrature points (equally spaced).
    #[arg(long, default_value_t = 61)]
    points: usize,
    /// Quadrature range, `MIN,MAX`.
    #[arg(long, default_value = "-6,6", allow_hyphen_values = true, value_parser = parse_range)]
    range: (f64, f64),
    /// Converged when no parameter moves more than this in an EM cycle.
    #[arg(long, default_value_t = 1e-4)]
    tolerance: f64,
    /// Most EM cycles.
    #[arg(long, default_value_t = 2000)]
    max_cycles: usize,
    /// Plain EM, without SQUAREM acceleration.
    #[arg(long)]
    no_accelerate: bool,
    /// Skip the standard errors.
    #[arg(long)]
    no_se: bool,
    /// S-X²: merge score groups until every expected count reaches this
    /// (0: no merging).
    #[arg(long, default_value_t = 1.0)]
    min_expected: f64,
    /// Status written for the parameters: `provisional` (default) or
    /// `validated` (refused for simulated answers, a fit that did not
    /// converge, or items with too few answers).
    #[arg(long, value_enum, default_value_t = StatusArg::Provisional)]
    status: StatusArg,
    /// A sentence about the sample (who, where, when), written first in
    /// the parameters' source.
    #[arg(long)]
    source: Option<String>,
    /// The date written into the provenance (default: today, UTC).
    #[arg(long)]
    date: Option<String>,
    /// Write the calibrated instrument here.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Write the whole fit as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write a readable HTML page here.
    #[arg(long)]
    html: Option<PathBuf>,
    /// Language of the HTML page: `id` or `en`.
    #[arg(long, default_value = "id")]
    lang: String,
    /// Threads (default: the machine's cores). The numbers do not depend
    /// on it.
    #[arg(long)]
    jobs: Option<usize>,
    /// Replace `--out`, `--json` and `--html` if they exist.
    #[arg(long)]
    overwrite: bool,
}

/// Models on the command line.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// One slope shared by all items (Rasch with estimated variance).
    #[value(name = "1pl", alias = "rasch")]
    OnePl,
    /// Two-parameter logistic.
    #[value(name = "2pl")]
    TwoPl,
    /// Three-parameter logistic (Beta prior on c).
    #[value(name = "3pl")]
    ThreePl,
    /// Graded response model.
    Grm,
    /// Generalised partial credit model.
    Gpcm,
}

/// Status of the written parameters.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Usable, not yet validated.
    Provisional,
    /// Backed by data from the population served.
    Validated,
}

/// What the written files say about the run.
pub(crate) struct Provenance {
    pub sample: String,
    pub date: String,
    pub engine: String,
    pub simulated: bool,
    pub status: Status,
    pub source: Option<String>,
    pub anchors: Vec<String>,
}

/// `MIN,MAX` of `--range`.
fn parse_range(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("expected `MIN,MAX` such as `-6,6`, found `{s}`");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let a: f64 = a.trim().parse().map_err(|_| bad())?;
    let b: f64 = b.trim().parse().map_err(|_| bad())?;
    Ok((a, b))
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Runs `assess calibrate`. Exit codes: 0 done, 2 could not run.
pub fn run(args: &Args) -> ExitCode {
    if let Err(msg) = crate::files::check_outputs(
        &[
            args.out.as_deref(),
            args.json.as_deref(),
            args.html.as_deref(),
        ],
        &[args.input.instrument(), args.input.responses()],
        args.overwrite,
    ) {
        eprintln!("error[io]: {msg}");
        return ExitCode::from(2);
    }
    if !["id", "en"].contains(&args.lang.as_str()) {
        eprintln!(
            "error[usage]: `--lang` is `id` or `en`, found `{}`",
            args.lang
        );
        return ExitCode::from(2);
    }
    let Some((text, inst)) = args.input.read_instrument() else {
        return ExitCode::from(2);
    };
    // The items: the scale's, or every item with categories.
    if let Some(s) = &args.scale {
        if !inst.scales().iter().any(|sc| sc.id() == s) {
            eprintln!(
                "error[unknown_reference]: scale `{s}` is not in the instrument; it has {}",
                inst.scales()
                    .iter()
                    .map(|s| format!("`{}`", s.id()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return ExitCode::from(2);
        }
    }
    let items: Vec<usize> = inst
        .items()
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            args.scale
                .as_ref()
                .is_none_or(|s| inst.scales()[it.scale_index()].id() == s)
        })
        .filter(|(i, _)| assess_core::irt::item_categories(&inst, *i) >= 2)
        .map(|(i, _)| i)
        .collect();
    let mut scales: Vec<usize> = items
        .iter()
        .map(|&i| inst.items()[i].scale_index())
        .collect();
    scales.sort_unstable();
    scales.dedup();
    if scales.len() > 1 {
        eprintln!(
            "note: the {} items belong to {} scales; calibration puts them all on one θ, as IRT scoring of the instrument does. To calibrate one scale, pass `--scale` ({}).",
            items.len(),
            scales.len(),
            scales
                .iter()
                .map(|&s| format!("`{}`", inst.scales()[s].id()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for a in &args.anchor {
        if !items.iter().any(|&i| inst.items()[i].id() == a) {
            eprintln!("error[unknown_reference]: anchor `{a}` is not among the items calibrated");
            return ExitCode::from(2);
        }
    }
    let anchors: Vec<bool> = items
        .iter()
        .map(|&i| {
            let it = &inst.items()[i];
            args.anchor.iter().any(|a| a == it.id()) || (args.anchor_existing && it.irt().is_some())
        })
        .collect();
    if args.anchor_existing && anchors.iter().all(|&a| a) {
        eprintln!(
            "error[usage]: `--anchor-existing`: every item already has parameters; nothing is left to calibrate"
        );
        return ExitCode::from(2);
    }
    let specs = match item_specs(&inst, &items, &anchors) {
        Ok(x) => x,
        Err(e) => return crate::analyze::fail(e, args.input.instrument()),
    };
    let answers = match read_answers(&args.input, &inst, &items, &anchors) {
        Ok(a) => a,
        Err(e) => return crate::analyze::fail(e, args.input.responses()),
    };
    report_problems(&answers);
    let options = CalibrationOptions {
        model: match args.model {
            ModelArg::OnePl => CalibrationModel::OnePl,
            ModelArg::TwoPl => CalibrationModel::TwoPl,
            ModelArg::ThreePl => CalibrationModel::ThreePl,
            ModelArg::Grm => CalibrationModel::Grm,
            ModelArg::Gpcm => CalibrationModel::Gpcm,
        },
        quadrature: (args.points, args.range.0, args.range.1),
        max_cycles: args.max_cycles,
        tolerance: args.tolerance,
        accelerate: !args.no_accelerate,
        standard_errors: !args.no_se,
        min_expected: args.min_expected,
        threads: args
            .jobs
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
            })
            .max(1),
    };
    let fit = match calibrate(&specs, &answers.cells, answers.rows, &options) {
        Ok(f) => f,
        Err(e) => return crate::analyze::fail(e, args.input.responses()),
    };
    let status = match args.status {
        StatusArg::Provisional => Status::Provisional,
        StatusArg::Validated => {
            if let Err(why) = may_validate(&fit, answers.simulated) {
                eprintln!(
                    "error[status]: the parameters cannot be marked `validated`: {why} (nothing was written)"
                );
                return ExitCode::from(2);
            }
            Status::Validated
        }
    };
    let provenance = Provenance {
        sample: file_name(args.input.responses()),
        date: args
            .date
            .clone()
            .unwrap_or_else(|| crate::cli::today().iso()),
        engine: format!("assess {}", env!("CARGO_PKG_VERSION")),
        simulated: answers.simulated,
        status,
        source: args.source.clone(),
        anchors: fit
            .items
            .iter()
            .filter(|i| i.anchor)
            .map(|i| i.id.clone())
            .collect(),
    };
    if let Some(out) = &args.out {
        let written = match write::calibrated_instrument(&text, &inst, &fit, &provenance) {
            Ok(t) => t,
            Err(e) => return crate::analyze::fail(e, args.input.instrument()),
        };
        if let Err(e) = crate::files::write_whole(out, written.as_bytes()) {
            eprintln!("error[io]: cannot write `{}`: {e}", out.display());
            return ExitCode::from(2);
        }
    }
    if let Some(p) = &args.json {
        let report = serde_json::json!({
            "instrument": { "id": inst.id(), "version": inst.version() },
            "sample": provenance.sample,
            "simulated": provenance.simulated,
            "date": provenance.date,
            "engine": provenance.engine,
            "method": "marginal maximum likelihood, Bock–Aitkin EM",
            "calibration": fit,
        });
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        if let Err(e) = crate::files::write_whole(p, json.as_bytes()) {
            eprintln!("error[io]: cannot write `{}`: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    if let Some(p) = &args.html {
        let page = html::page(&inst, &fit, &provenance, &args.lang);
        if let Err(e) = crate::files::write_whole(p, page.as_bytes()) {
            eprintln!("error[io]: cannot write `{}`: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    eprintln!("{}", summary(&fit, answers.simulated));
    if args.out.is_none() && args.json.is_none() && args.html.is_none() {
        print!("{}", table(&fit));
    }
    ExitCode::SUCCESS
}

/// Reads the answers of the calibrated items: CSV a record at a time into
/// one byte per answer; JSON and JSON Lines as `assess analyze` reads them.
fn read_answers(
    input: &crate::analyze::Input,
    inst: &Instrument,
    items: &[usize],
    anchors: &[bool],
) -> Result<CalibrationAnswers, Error> {
    use crate::score::{InputFormat, csv_reader, io_error};
    let path = input.responses();
    if input.format() != InputFormat::Csv {
        let loaded = crate::analyze::load(inst, path, input.format(), None, input.id_column())?;
        let (_, cells) = answers_from(inst, &loaded.data, items, anchors)?;
        return Ok(CalibrationAnswers {
            cells,
            rows: loaded.data.rows(),
            simulated: loaded.simulated,
            problems: loaded.data.problems().to_vec(),
            invalid: loaded.data.invalid(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let reader = std::io::BufReader::with_capacity(1 << 16, crate::files::LineCap::new(file));
    let (mut rdr, header) = csv_reader(reader, path)?;
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut r = CsvCalibrationReader::new(inst, &refs, items)?.id_column(input.id_column());
    let absent: Vec<String> = r.absent_items().to_vec();
    crate::analyze::each_record(&mut rdr, path, |cells| r.push(cells))?;
    let missing: Vec<&String> = absent
        .iter()
        .filter(|id| items.iter().any(|&i| inst.items()[i].id() == id.as_str()))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "warning: no column for {} calibrated item(s), missing for everybody: {}",
            missing.len(),
            missing
                .iter()
                .take(10)
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(r.finish())
}

/// Prints the answer problems (the first ones).
fn report_problems(a: &CalibrationAnswers) {
    for p in &a.problems {
        eprintln!(
            "warning[{}]: {}: {}",
            p.kind().as_str(),
            p.path(),
            p.message()
        );
    }
    if a.invalid > a.problems.len() {
        eprintln!(
            "warning: {} invalid answers in all, counted as missing (the first {} shown)",
            a.invalid,
            a.problems.len()
        );
    }
}

/// Why the parameters may not be `validated`, if so.
fn may_validate(fit: &Calibration, simulated: bool) -> Result<(), String> {
    if simulated {
        return Err("the answers are simulated".to_owned());
    }
    if !fit.convergence.converged {
        return Err(format!(
            "EM did not converge in {} cycles",
            fit.convergence.cycles
        ));
    }
    let few: Vec<&str> = fit
        .items
        .iter()
        .filter(|i| i.flags.contains(&CalibrationFlag::FewAnswers))
        .map(|i| i.id.as_str())
        .collect();
    if !few.is_empty() {
        return Err(format!("too few answers to {}", few.join(", ")));
    }
    Ok(())
}

/// One paragraph for standard error.
fn summary(fit: &Calibration, simulated: bool) -> String {
    let c = &fit.convergence;
    let flagged = fit.items.iter().filter(|i| !i.flags.is_empty()).count();
    format!(
        "{} calibration of {} items on {} respondents{}: {} after {} EM cycles (largest change {:.2e}), −2 ln L {:.3}, AIC {:.3}, BIC {:.3}; {} item(s) flagged{}",
        fit.model.as_str(),
        fit.items.len(),
        fit.respondents,
        if simulated {
            " (simulated answers)"
        } else {
            ""
        },
        if c.converged {
            "converged"
        } else {
            "NOT converged"
        },
        c.cycles,
        c.largest_change,
        fit.fit.minus_two_log_likelihood,
        fit.fit.aic,
        fit.fit.bic,
        flagged,
        if fit.population.estimated {
            format!(
                "; θ mean {:.3}, SD {:.3} on the anchors' scale",
                fit.population.mean, fit.population.sd
            )
        } else {
            String::new()
        }
    )
}

/// A plain-text table of the estimates for standard output.
fn table(fit: &Calibration) -> String {
    let mut out = String::from("item\tanchor\tanswered\ta\tse_a\tb\tse_b\tc\tS-X2\tdf\tp\tflags\n");
    let f = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |v| format!("{v:.4}"));
    for it in &fit.items {
        let b =
            it.b.iter()
                .map(|b| format!("{b:.4}"))
                .collect::<Vec<_>>()
                .join(" ");
        let se_b = it.se_b.iter().map(|s| f(*s)).collect::<Vec<_>>().join(" ");
        out.push_str(&format!(
            "{}\t{}\t{}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            it.id,
            if it.anchor { "yes" } else { "no" },
            it.answered,
            it.a,
            f(it.se_a),
            b,
            se_b,
            f(it.c),
            f(it.fit.as_ref().map(|x| x.s_x2)),
            it.fit
                .as_ref()
                .map_or_else(|| "-".to_owned(), |x| x.df.to_string()),
            f(it.fit.as_ref().and_then(|x| x.p)),
            it.flags
                .iter()
                .map(|f| flag_name(*f))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    out
}

/// The snake_case name of a flag.
pub(crate) fn flag_name(f: CalibrationFlag) -> &'static str {
    match f {
        CalibrationFlag::NegativeDiscrimination => "negative_discrimination",
        CalibrationFlag::LowDiscrimination => "low_discrimination",
        CalibrationFlag::HighDiscrimination => "high_discrimination",
        CalibrationFlag::ExtremeDifficulty => "extreme_difficulty",
        CalibrationFlag::HighGuessing => "high_guessing",
        CalibrationFlag::Misfit => "misfit",
        CalibrationFlag::FewAnswers => "few_answers",
        CalibrationFlag::NoStandardError => "no_standard_error",
        CalibrationFlag::AnchorDrift => "anchor_drift",
    }
}
