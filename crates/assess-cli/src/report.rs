//! `assess report`: one respondent's results as a printable, self-contained
//! HTML page for the counsellor and the young person.
//!
//! Everything shown comes from the core's [`assess_core::Report`],
//! [`assess_core::RiasecProfile`] and [`assess_core::Recommendations`]:
//! this module reads the files, and [`assess_pages::report`] lays them out;
//! neither recomputes a score, band, code or explanation.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assess_core::{
    Catalog, Instrument, PersonResults, Policy, ResponseSet, Results, ScoreOptions, score,
};

use crate::score::{input_format_of, read_rows};
use assess_pages::report::{ReportOptions, Scored, render};

/// What `assess report` was asked to do.
pub struct Request<'a> {
    /// Instruments with the responses file for each.
    pub sources: Vec<(Instrument, PathBuf)>,
    /// Whose report; may be left out when every file holds one set.
    pub respondent: Option<&'a str>,
    /// Catalogue for job-family suggestions.
    pub catalog: Option<&'a Catalog>,
    /// `id` or `en`.
    pub lang: &'a str,
    /// How many families to suggest.
    pub top: usize,
    /// CSV files: the id column.
    pub id_column: &'a str,
    /// Output file (standard output when absent).
    pub out: Option<&'a PathBuf>,
    /// The session's date (today when the command line leaves it out).
    pub date: Option<assess_pages::date::Date>,
}

/// Runs `assess report`: scores the chosen respondent on each instrument
/// and writes the HTML page to `req.out` (standard output when absent).
/// Problems are printed on standard error. Exit codes: 0 done, 2 the page
/// could not be made (a file cannot be read, the respondent is not found or
/// not scored, the page cannot be written).
pub fn main(req: Request<'_>) -> ExitCode {
    let mut scored = Vec::new();
    for (inst, path) in req.sources {
        let set = match find_set(&inst, &path, req.respondent, req.id_column) {
            Ok(set) => set,
            Err(msg) => {
                eprintln!("error[report]: {msg}");
                return ExitCode::from(2);
            }
        };
        let options = ScoreOptions::new().language(req.lang).policy(Policy::Warn);
        match score(&inst, &set, &options) {
            Ok(report) => scored.push(Scored {
                instrument: inst,
                report,
            }),
            Err(e) => {
                eprintln!("{}", e.with_source_name(path.display().to_string()));
                return ExitCode::from(2);
            }
        }
    }
    let recs = req.catalog.and_then(|c| {
        PersonResults::for_report(
            scored.iter().map(|s| Results {
                instrument: &s.instrument,
                report: &s.report,
            }),
            c,
            req.lang,
            req.top,
        )
    });
    if req.catalog.is_some() && recs.is_none() {
        eprintln!(
            "warning: no job families: they need interest results with all six RIASEC scales scored"
        );
    }
    let html = render(
        &scored,
        recs.as_ref(),
        &ReportOptions {
            lang: req.lang,
            date: req.date,
        },
    );
    let written = match req.out {
        Some(p) => crate::files::write_whole(p, html.as_bytes()),
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(html.as_bytes())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error[io]: cannot write the report: {e}");
            ExitCode::from(2)
        }
    }
}

/// The response set of `respondent` in `path` (or its only set).
fn find_set(
    inst: &Instrument,
    path: &Path,
    respondent: Option<&str>,
    id_column: &str,
) -> Result<ResponseSet, String> {
    let mut found = Vec::new();
    let mut ids = Vec::new();
    let mut bad = Vec::new();
    read_rows(
        inst,
        path,
        input_format_of(path),
        id_column,
        0,
        &mut |row, set, _| {
            match set {
                Ok(set) => {
                    if respondent.is_none_or(|r| r == set.respondent_id) {
                        found.push(set);
                    } else {
                        ids.push(set.respondent_id);
                    }
                }
                Err(e) => bad.push(format!("row {row}: {}", e.first().message())),
            }
            Ok(())
        },
    )
    .map_err(|e| e.with_source_name(path.display().to_string()).to_string())?;
    let name = path.display();
    match (found.len(), respondent) {
        (1, _) => Ok(found.remove(0)),
        (0, Some(r)) => {
            let mut msg = format!("no respondent `{r}` in `{name}`");
            if !ids.is_empty() {
                ids.truncate(10);
                let _ = write!(msg, "; it holds `{}`", ids.join("`, `"));
            }
            if !bad.is_empty() {
                let _ = write!(msg, "; rows it could not read: {}", bad.join("; "));
            }
            Err(msg)
        }
        (0, None) => Err(format!("`{name}` holds no response set")),
        (n, Some(r)) => Err(format!(
            "`{name}` holds {n} response sets of respondent `{r}`; keep one"
        )),
        (n, None) => Err(format!(
            "`{name}` holds {n} response sets; choose one with `--respondent ID`"
        )),
    }
}
