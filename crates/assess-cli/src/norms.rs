//! `assess norms`: build norm tables from collected responses and write
//! them into a copy of the instrument, so that the next scoring run uses
//! them.

use assess_core::Status;
use assess_core::analysis::{NormInfo, NormTable};

/// A short summary of the tables for standard error.
pub fn summary(tables: &[NormTable]) -> String {
    tables
        .iter()
        .map(|t| {
            format!(
                "{} {}: n {}, mean {:.3}, SD {:.3}, {} rows",
                t.scale,
                t.group,
                t.n,
                t.mean,
                t.sd,
                t.rows.len()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Options of `assess norms`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: crate::analyze::Input,
    /// Identifier of the new norm group (everybody).
    #[arg(long)]
    norm_group: String,
    /// Where the data come from (written into the file; required).
    #[arg(long)]
    source: String,
    /// Who the respondents were (required).
    #[arg(long)]
    population: String,
    /// When the data were collected, such as `2027-01/2027-06` (required).
    #[arg(long)]
    collected: String,
    /// Status of the norms: `draft`, `provisional` or `validated`.
    #[arg(long, value_enum, default_value_t = StatusArg::Provisional)]
    status: StatusArg,
    /// Also build one table per value of this column (district…), as
    /// `<norm-group>-<value>`. Norms over women and men together are the
    /// default practice; group norms are for local comparisons.
    #[arg(long)]
    group: Option<String>,
    /// Smallest group given a norm table.
    #[arg(long, default_value_t = 100)]
    min_n: usize,
    /// Smooth the score frequencies (¼, ½, ¼) before the percentile ranks.
    #[arg(long)]
    smooth: bool,
    /// T-scores: `normalized` (from the percentile rank) or `linear`.
    #[arg(long, value_enum, default_value_t = TArg::Normalized)]
    t_score: TArg,
    /// Write the normed instrument here instead of standard output.
    #[arg(long, short)]
    out: Option<std::path::PathBuf>,
    /// Also write the tables as JSON here.
    #[arg(long)]
    json: Option<std::path::PathBuf>,
    /// Replace `--out` and `--json` if they exist (without it, an existing
    /// file is never overwritten).
    #[arg(long)]
    overwrite: bool,
}

/// Norm status.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Not for use with respondents.
    Draft,
    /// Usable, not yet validated.
    Provisional,
    /// Validated on the population.
    Validated,
}

/// T-score method.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TArg {
    /// 50 + 10·Φ⁻¹(PR/100).
    Normalized,
    /// 50 + 10·(x − mean)/SD.
    Linear,
}

/// Runs `assess norms`. Exit codes: 0 done, 2 could not run.
pub fn run(args: &Args) -> std::process::ExitCode {
    if let Err(msg) = crate::files::check_outputs(
        &[args.out.as_deref(), args.json.as_deref()],
        &[args.input.instrument(), args.input.responses()],
        args.overwrite,
    ) {
        eprintln!("error[io]: {msg}");
        return std::process::ExitCode::from(2);
    }
    use crate::analyze::fail;
    use assess_core::analysis::{NormOptions, TScore, build_norms, insert_norms};
    let Some((text, inst, loaded)) = args.input.read(args.group.as_deref()) else {
        return std::process::ExitCode::from(2);
    };
    let info = NormInfo {
        group: args.norm_group.clone(),
        source: args.source.clone(),
        population: args.population.clone(),
        collected: args.collected.clone(),
        status: match args.status {
            StatusArg::Draft => Status::Draft,
            StatusArg::Provisional => Status::Provisional,
            StatusArg::Validated => Status::Validated,
        },
    };
    let options = NormOptions {
        t_score: match args.t_score {
            TArg::Normalized => TScore::Normalized,
            TArg::Linear => TScore::Linear,
        },
        smooth: args.smooth,
        min_n: args.min_n.max(2),
    };
    let tables = match build_norms(&inst, &loaded.data, args.group.is_some(), &info, &options) {
        Ok(t) => t,
        Err(e) => return fail(e, args.input.responses()),
    };
    let normed = match insert_norms(&text, &inst, &tables, &info, args.group.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(e, args.input.instrument()),
    };
    let written = match &args.out {
        Some(p) => crate::files::write_whole(p, normed.as_bytes()),
        None => {
            use std::io::Write as _;
            std::io::stdout().lock().write_all(normed.as_bytes())
        }
    };
    if let Err(e) = written {
        eprintln!("error[io]: cannot write output: {e}");
        return std::process::ExitCode::from(2);
    }
    if let Some(p) = &args.json {
        let json = serde_json::to_string_pretty(&tables).unwrap_or_default();
        if let Err(e) = crate::files::write_whole(p, json.as_bytes()) {
            eprintln!("error[io]: cannot write `{}`: {e}", p.display());
            return std::process::ExitCode::from(2);
        }
    }
    eprintln!("{}", summary(&tables));
    std::process::ExitCode::SUCCESS
}
