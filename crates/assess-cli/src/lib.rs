//! The `assess` command for counsellors and programme staff, as a library:
//! the binary is a thin `main` over [`run`], and the examples call the
//! commands' own code through the modules below, so that they run exactly
//! what `assess report`, `assess score` and `assess summary` run.
//!
//! Every rule of scoring lives in `assess_core`; these modules read files,
//! call the core and write its results (JSON, CSV, HTML).
//!
//! ```no_run
//! use std::path::Path;
//! use std::process::ExitCode;
//!
//! use assess_cli::summary;
//!
//! // `assess summary batch.jsonl --by district --csv summary.csv`
//! let by = ["district".to_owned()];
//! let csv = Path::new("summary.csv").to_path_buf();
//! let code = summary::main(&summary::Request {
//!     input: Path::new("batch.jsonl"),
//!     by: &by,
//!     min_group: 10,
//!     lang: "en",
//!     html: None,
//!     csv: Some(&csv),
//!     formula_guard: true,
//! });
//! assert_eq!(code, ExitCode::SUCCESS);
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

mod analyze;
mod calibrate;
mod check;
mod cli;
mod files;
mod norms;
mod progress;
pub mod report;
pub mod score;
mod simulate;
pub mod summary;

/// Runs the `assess` command on the process's arguments (`assess --help`
/// lists the subcommands) and gives its exit code: 0 done, 1 some input had
/// problems (`check`, `score`), 2 the command could not run, 130
/// interrupted (`score`).
///
/// `--help`, `--version` and invalid arguments are answered by clap, which
/// prints and exits the process (0 for help and version, 2 for invalid
/// arguments).
pub fn run() -> ExitCode {
    cli::run()
}

/// `--format` of `assess check` and `assess simulate`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
}

/// Reads and validates a file with `parse` (an instrument or a
/// catalogue), printing its problems, located, when it fails.
pub(crate) fn load<T>(
    path: &PathBuf,
    parse: fn(&str) -> Result<T, assess_core::Error>,
) -> Option<T> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("error[io]: {msg}");
            return None;
        }
    };
    match parse(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            eprintln!("{}", e.with_source_name(path.display().to_string()));
            None
        }
    }
}

/// Reads a file as UTF-8, with a message a person can act on.
pub(crate) fn read_text(path: &PathBuf) -> Result<String, String> {
    use std::io::Read as _;
    let max = assess_core::limits::MAX_DOCUMENT_BYTES;
    let too_large = |size: String| {
        format!(
            "`{}` is {size} bytes; instruments are at most {max} bytes",
            path.display()
        )
    };
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if let Ok(meta) = file.metadata() {
        if meta.len() > max as u64 {
            return Err(too_large(meta.len().to_string()));
        }
    }
    // Read through a bound: a pipe, a device (`/dev/zero`) or a file that
    // grows reports no size, and must not fill the memory.
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() > max {
        return Err(too_large(format!("more than {max}")));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
