//! `assess summary`: a scored batch summarised by metadata columns for
//! programme staff, as an HTML page and a CSV table. The tallies and the
//! page are `assess_pages::summary`; this reads the file and writes the
//! outputs.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assess_core::analysis::MIN_GROUP_FLOOR;
use assess_pages::summary::{Summary, csv_records, to_html};

/// Reads the scored records of `path` (JSON Lines, or a JSON array when the
/// file starts with `[`) and tallies them by each of `columns`.
///
/// # Errors
///
/// When the file cannot be read or a record is not a record of
/// `assess score` (with its line).
pub(crate) fn summarise(path: &Path, columns: &[String]) -> Result<Summary, String> {
    let name = path.display();
    let file = File::open(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut s = Summary::new(columns);
    let starts_array = reader
        .fill_buf()
        .map_err(|e| format!("cannot read `{name}`: {e}"))?
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'[');
    if starts_array {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read `{name}`: {e}"))?;
        s.add_json_array(&text)
            .map_err(|e| format!("`{name}` is not the output of `assess score`: {e}"))?;
    } else {
        let mut line = String::new();
        let mut n = 0;
        loop {
            line.clear();
            if reader
                .read_line(&mut line)
                .map_err(|e| format!("cannot read `{name}`: {e}"))?
                == 0
            {
                break;
            }
            n += 1;
            if line.trim().is_empty() {
                continue;
            }
            s.add_json(&line).map_err(|e| {
                format!(
                    "line {n} of `{name}` is not a record of `assess score --format jsonl`: {e}"
                )
            })?;
        }
    }
    Ok(s)
}

/// The summary as CSV, each text cell guarded against spreadsheet formulas
/// when `guard` is set (group names and codes come from the records'
/// metadata).
pub(crate) fn to_csv(s: &Summary, min: usize, guard: bool) -> String {
    let mut out = Vec::new();
    let mut w = csv::Writer::from_writer(&mut out);
    for (i, row) in csv_records(s, min).into_iter().enumerate() {
        let row: Vec<String> = if guard && i > 0 {
            row.iter()
                .map(|c| crate::score::formula_safe(c).into_owned())
                .collect()
        } else {
            row
        };
        let _ = w.write_record(row);
    }
    drop(w);
    String::from_utf8(out).unwrap_or_default()
}

/// What `assess summary` was asked to do.
pub struct Request<'a> {
    /// Scored records (`assess score --format jsonl` or `json`).
    pub input: &'a Path,
    /// Metadata columns to group by.
    pub by: &'a [String],
    /// Smallest group shown.
    pub min_group: usize,
    /// `id` or `en`.
    pub lang: &'a str,
    /// HTML page.
    pub html: Option<&'a PathBuf>,
    /// CSV table.
    pub csv: Option<&'a PathBuf>,
    /// Put a `'` before CSV text cells a spreadsheet would run as formulas.
    pub formula_guard: bool,
}

/// Runs `assess summary`: tallies the records of `req.input` by the
/// `req.by` columns and writes the CSV table and HTML page asked for (the
/// CSV on standard output when neither is). Problems are printed on
/// standard error. Exit codes: 0 done, 2 the summary could not be made.
pub fn main(req: &Request<'_>) -> ExitCode {
    if req.min_group < MIN_GROUP_FLOOR {
        eprintln!("error[usage]: `--min-group` must be at least {MIN_GROUP_FLOOR}");
        return ExitCode::from(2);
    }
    let s = match summarise(req.input, req.by) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("error[summary]: {msg}");
            return ExitCode::from(2);
        }
    };
    let csv = to_csv(&s, req.min_group, req.formula_guard);
    let mut result = Ok(());
    if let Some(p) = req.html {
        let html = to_html(
            &s,
            &req.input.display().to_string(),
            req.min_group,
            req.lang,
        );
        result = result.and(crate::files::write_whole(p, html.as_bytes()));
    }
    match req.csv {
        Some(p) => result = result.and(crate::files::write_whole(p, csv.as_bytes())),
        None if req.html.is_none() => print!("{csv}"),
        None => {}
    }
    if let Err(e) = result {
        eprintln!("error[io]: cannot write the summary: {e}");
        return ExitCode::from(2);
    }
    eprintln!(
        "{} records summarised; groups under {} suppressed",
        s.all.n, req.min_group
    );
    ExitCode::SUCCESS
}
