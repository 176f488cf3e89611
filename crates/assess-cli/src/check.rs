//! `assess check`: validate instrument and catalogue files and print every
//! problem, located.

use std::path::PathBuf;
use std::process::ExitCode;

use assess_core::Document;

use crate::{OutputFormat, read_text};

/// Runs `assess check` on `files`. Exit codes: 0 every file valid, 1 a file
/// has problems, 2 a file cannot be read.
pub(crate) fn run(files: &[PathBuf], format: OutputFormat) -> ExitCode {
    let mut worst = 0u8;
    let mut reports = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let text = match read_text(path) {
            Ok(t) => t,
            Err(msg) => {
                worst = worst.max(2);
                match format {
                    OutputFormat::Text => eprintln!("error[io]: {msg}\n --> {name}\n"),
                    OutputFormat::Json => reports.push(serde_json::json!({
                        "file": name, "valid": false,
                        "problems": [{ "kind": "io", "message": msg, "path": "" }],
                    })),
                }
                continue;
            }
        };
        match Document::from_toml(&text) {
            Ok(Document::Instrument(inst)) => match format {
                OutputFormat::Text => println!(
                    "ok: {name} ({} {}, {} items, {} scales, {}, {})",
                    inst.id(),
                    inst.version(),
                    inst.items().len(),
                    inst.scales().len(),
                    inst.status().as_str(),
                    inst.hash()
                ),
                OutputFormat::Json => reports.push(serde_json::json!({
                    "file": name, "valid": true, "kind": "instrument", "id": inst.id(), "version": inst.version(),
                    "hash": inst.hash(), "problems": [],
                })),
            },
            Ok(Document::Catalog(cat)) => match format {
                OutputFormat::Text => println!(
                    "ok: {name} (catalogue {} {}, {} families, {}, {})",
                    cat.id(),
                    cat.version(),
                    cat.families().len(),
                    cat.status().as_str(),
                    cat.hash()
                ),
                OutputFormat::Json => reports.push(serde_json::json!({
                    "file": name, "valid": true, "kind": "catalog", "id": cat.id(), "version": cat.version(),
                    "hash": cat.hash(), "problems": [],
                })),
            },
            Err(err) => {
                worst = worst.max(1);
                let err = err.with_source_name(&name);
                match format {
                    OutputFormat::Text => eprintln!("{err}"),
                    OutputFormat::Json => reports.push(serde_json::json!({
                        "file": name, "valid": false, "problems": err.problems(),
                    })),
                }
            }
        }
    }
    if format == OutputFormat::Json {
        match serde_json::to_string_pretty(&reports) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: cannot render the report: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::from(worst)
}
