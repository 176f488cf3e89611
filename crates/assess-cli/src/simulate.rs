//! `assess simulate`: seeded simulations of an item bank, adaptive and
//! fixed, reporting bias, RMSE, mean test length and item exposure. All the
//! rules live in `assess_core::cat`; this module reads arguments and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use assess_core::cat::{
    CatConfig, Content, Exposure, ItemBank, SimulationSummary, calibrate_sympson_hetter, simulate,
};
use assess_core::{EstimatorKind, Instrument};
use clap::{Args, ValueEnum};

/// Arguments of `assess simulate`.
#[derive(Args)]
pub(crate) struct SimulateArgs {
    /// The instrument whose items have IRT parameters.
    #[arg(long, short, default_value = "instruments/aptitude.toml")]
    instrument: PathBuf,
    /// Simulate a synthetic 2PL bank of this many items (a ~ U(0.8, 2),
    /// b ~ N(0, 1), from the seed) instead of an instrument.
    #[arg(long, value_name = "ITEMS")]
    synthetic: Option<usize>,
    /// Simulated people (θ drawn from the instrument's prior).
    #[arg(long, default_value_t = 1000)]
    people: usize,
    /// Seed of the random generator: the same seed gives the same figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// `adaptive`, `fixed` (every item of the bank) or `both`.
    #[arg(long, value_enum, default_value_t = Mode::Both)]
    mode: Mode,
    /// Adaptive configuration as a JSON file (keys of `CatConfig`, see
    /// docs/irt.md); the options below override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Minimum test length.
    #[arg(long)]
    min_items: Option<usize>,
    /// Maximum test length.
    #[arg(long)]
    max_items: Option<usize>,
    /// Stop when the SE reaches this (`0` for none: run to the maximum).
    #[arg(long)]
    target_se: Option<f64>,
    /// Randomesque exposure control: choose among this many best items.
    #[arg(long)]
    randomesque: Option<usize>,
    /// Sympson–Hetter exposure control with this highest exposure rate
    /// (0–1): the parameters are first calibrated by simulation (5 rounds
    /// of `--people`, seeds after `--seed`), then used.
    #[arg(long, value_name = "R_MAX")]
    sympson_hetter: Option<f64>,
    /// Balance content across the bank's domains (equal shares).
    #[arg(long)]
    balance: bool,
    /// Estimator: `eap`, `map`, `ml` or `wle` (the instrument's by default).
    #[arg(long, value_enum)]
    estimator: Option<EstimatorArg>,
    /// `text` or `json`.
    #[arg(long, value_enum, default_value_t = crate::OutputFormat::Text)]
    format: crate::OutputFormat,
    /// Instead of simulating adaptive tests, write the simulated answers
    /// of `--people` respondents to every item of the instrument, drawn
    /// from the items' IRT parameters, as a response CSV (ids
    /// `sintetis-bank-…`, so every command treats them as simulated; a
    /// `theta` column holds the θ drawn). For calibration round trips.
    #[arg(long, value_name = "CSV")]
    answers: Option<PathBuf>,
    /// With `--answers`: mean of the simulated θ.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    theta_mean: f64,
    /// With `--answers`: SD of the simulated θ.
    #[arg(long, default_value_t = 1.0)]
    theta_sd: f64,
    /// With `--answers`: probability that an answer is missing.
    #[arg(long, default_value_t = 0.0)]
    missing: f64,
    /// With `--answers`: replace the file if it exists.
    #[arg(long)]
    overwrite: bool,
}

/// `assess simulate --answers`: simulated answers from the bank.
fn write_answers(args: &SimulateArgs, out: &std::path::Path) -> ExitCode {
    use assess_core::Answer;
    if args.synthetic.is_some() {
        eprintln!("error[usage]: `--answers` simulates an instrument's items; drop `--synthetic`");
        return ExitCode::from(2);
    }
    let usable = args.theta_sd > 0.0
        && args.theta_sd.is_finite()
        && args.theta_mean.is_finite()
        && (0.0..1.0).contains(&args.missing);
    if !usable {
        eprintln!("error[usage]: `--theta-sd` must be positive and `--missing` in [0, 1)");
        return ExitCode::from(2);
    }
    if let Err(msg) =
        crate::files::check_outputs(&[Some(out)], &[args.instrument.as_path()], args.overwrite)
    {
        eprintln!("error[io]: {msg}");
        return ExitCode::from(2);
    }
    let Some(inst) = crate::load(&args.instrument, Instrument::from_toml) else {
        return ExitCode::from(2);
    };
    let mut rng = assess_core::simulate::seeded_rng(args.seed);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["respondent_id"];
    header.extend(inst.items().iter().map(|i| i.id()));
    header.push("theta");
    let _ = w.write_record(&header);
    for p in 0..args.people {
        let theta =
            args.theta_mean + args.theta_sd * assess_core::simulate::standard_normal(&mut rng);
        let id = format!("sintetis-bank-{:06}", p + 1);
        let sim = match assess_core::irt::calibrate::simulate_from_bank(
            &inst,
            &id,
            theta,
            args.missing,
            &mut rng,
        ) {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "{}",
                    e.with_source_name(args.instrument.display().to_string())
                );
                return ExitCode::from(2);
            }
        };
        let mut row: Vec<String> = vec![id];
        for it in inst.items() {
            row.push(match sim.responses.answers.get(it.id()) {
                Some(Answer::Number(v)) => format!("{v}"),
                Some(Answer::Choice(k)) => k.clone(),
                Some(_) | None => String::new(),
            });
        }
        row.push(format!("{theta:.6}"));
        let _ = w.write_record(&row);
    }
    let bytes = match w.into_inner() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error[io]: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = crate::files::write_whole(out, &bytes) {
        eprintln!("error[io]: cannot write `{}`: {e}", out.display());
        return ExitCode::from(2);
    }
    eprintln!(
        "{} simulated respondents (θ ~ N({}, {}²), missing {}) answering {} items written to {}",
        args.people,
        args.theta_mean,
        args.theta_sd,
        args.missing,
        inst.items().len(),
        out.display()
    );
    ExitCode::SUCCESS
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    Adaptive,
    Fixed,
    Both,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EstimatorArg {
    Eap,
    Map,
    Ml,
    Wle,
}

/// Runs `assess simulate`: 0 on success, 2 when it cannot start.
pub(crate) fn run(args: SimulateArgs) -> ExitCode {
    if let Some(out) = &args.answers {
        return write_answers(&args, out);
    }
    let bank = match args.synthetic {
        Some(n) => assess_core::cat::synthetic_bank(n, 4, args.seed),
        None => {
            let Some(inst) = crate::load(&args.instrument, Instrument::from_toml) else {
                return ExitCode::from(2);
            };
            ItemBank::from_instrument(&inst)
                .map_err(|e| e.with_source_name(args.instrument.display().to_string()))
        }
    };
    let bank = match bank {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut config = match &args.config {
        Some(path) => {
            let Some(c) = crate::load(path, CatConfig::from_json) else {
                return ExitCode::from(2);
            };
            c
        }
        None => CatConfig::new(),
    };
    if let Some(n) = args.min_items {
        config.min_items = n;
    }
    if let Some(n) = args.max_items {
        config.max_items = n;
    }
    if let Some(se) = args.target_se {
        config.target_se = (se > 0.0).then_some(se);
    }
    if let Some(n) = args.randomesque {
        config.exposure = Exposure::Randomesque { candidates: n };
    }
    if args.balance {
        config.content = Content::Equal;
    }
    if let Some(e) = args.estimator {
        config.estimator = Some(match e {
            EstimatorArg::Eap => EstimatorKind::Eap,
            EstimatorArg::Map => EstimatorKind::Map,
            EstimatorArg::Ml => EstimatorKind::Ml,
            EstimatorArg::Wle => EstimatorKind::Wle,
        });
    }
    if let Some(r_max) = args.sympson_hetter {
        let seed = args.seed.wrapping_add(1_000_000);
        match calibrate_sympson_hetter(&bank, &config, r_max, args.people, 5, seed) {
            Ok(rates) => config.exposure = Exposure::SympsonHetter { rates },
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let modes: &[bool] = match args.mode {
        Mode::Adaptive => &[true],
        Mode::Fixed => &[false],
        Mode::Both => &[true, false],
    };
    let mut results = Vec::new();
    for &adaptive in modes {
        match simulate(&bank, &config, args.people, args.seed, adaptive) {
            Ok(s) => results.push(s),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    match args.format {
        crate::OutputFormat::Json => {
            let out = serde_json::json!({
                "bank": bank.reference(),
                "items": bank.items().len(),
                "provisional_parameters": bank.provisional(),
                "config": config,
                "results": results,
            });
            match serde_json::to_string_pretty(&out) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("error: cannot render the results: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        crate::OutputFormat::Text => print_text(&bank, &config, &results),
    }
    ExitCode::SUCCESS
}

fn print_text(bank: &ItemBank, config: &CatConfig, results: &[SimulationSummary]) {
    let r = bank.reference();
    println!(
        "bank: {} {} ({} items, {})",
        r.id,
        r.version,
        bank.items().len(),
        r.hash
    );
    if bank.provisional() {
        println!(
            "note: the item parameters are provisional; these figures describe the model, not real respondents"
        );
    }
    println!(
        "adaptive: {}–{} items, target SE {}, exposure {}, content {}",
        config.min_items,
        config.max_items,
        config
            .target_se
            .map_or("none".to_owned(), |s| s.to_string()),
        match &config.exposure {
            Exposure::None => "not controlled".to_owned(),
            Exposure::Randomesque { candidates } => format!("randomesque among {candidates}"),
            Exposure::SympsonHetter { rates } => {
                format!("Sympson–Hetter ({} items with k < 1)", rates.len())
            }
        },
        match &config.content {
            Content::None => "not balanced".to_owned(),
            Content::Equal => "balanced equally over domains".to_owned(),
            Content::Targets { shares } => format!("balanced by shares {shares:?}"),
        },
    );
    println!(
        "{:<9} {:>7} {:>8} {:>7} {:>8} {:>11} {:>9} {:>12} {:>7}",
        "mode",
        "people",
        "bias",
        "rmse",
        "mean se",
        "mean length",
        "lengths",
        "max exposure",
        "unused"
    );
    for s in results {
        println!(
            "{:<9} {:>7} {:>8.4} {:>7.4} {:>8.4} {:>11.2} {:>9} {:>12.3} {:>7}",
            s.mode,
            s.people,
            s.bias,
            s.rmse,
            s.mean_se,
            s.mean_length,
            format!("{}–{}", s.length_range.0, s.length_range.1),
            s.max_exposure,
            s.unused_items,
        );
    }
    for s in results {
        let stops: Vec<String> = s.stops.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let est: Vec<String> = s
            .estimators
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!(
            "{}: stopped by {}; estimators used: {}; seed {}",
            s.mode,
            stops.join(", "),
            est.join(", "),
            s.seed
        );
    }
}
