//! Opening the output, and continuing an interrupted run (`--resume`):
//! the complete records of the earlier output are kept and counted, a
//! record cut off at its end is dropped.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use assess_core::{Names, RecordFormat, RowStatus};

use super::{Counts, Encoder};

/// Opens the output: a file (replaced, or appended to after `keep` bytes
/// when resuming), or standard output.
///
/// # Errors
///
/// When the file cannot be created or truncated.
pub(crate) fn open_output(
    out: Option<&PathBuf>,
    keep: Option<u64>,
) -> std::io::Result<Box<dyn Write + Send>> {
    Ok(match (out, keep) {
        (Some(p), Some(keep)) => {
            let f = std::fs::OpenOptions::new().write(true).open(p)?;
            f.set_len(keep)?;
            drop(f);
            let f = std::fs::OpenOptions::new().append(true).open(p)?;
            Box::new(BufWriter::with_capacity(1 << 16, f))
        }
        (Some(p), None) => Box::new(BufWriter::with_capacity(1 << 16, File::create(p)?)),
        (None, _) => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
    })
}

/// The size of a file and whether it ends with a line end.
fn last_byte(path: &Path) -> std::io::Result<(u64, bool)> {
    use std::io::{Seek, SeekFrom};
    let mut f = File::open(path)?;
    let size = f.metadata()?.len();
    if size == 0 {
        return Ok((0, false));
    }
    f.seek(SeekFrom::End(-1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    Ok((size, b[0] == b'\n'))
}

/// Where an interrupted run stops and how to go on from it.
#[derive(Debug, Default)]
pub(crate) struct Resume {
    /// The last input row with a complete record in the output.
    pub last_row: usize,
    /// Complete records kept, by status.
    pub counts: Counts,
    /// Bytes of the output that hold complete records (the rest, a record
    /// cut off by the interruption, is truncated).
    pub keep: u64,
}

/// Reads the output of an interrupted run: complete records are kept, a
/// partial last record is dropped, and the run goes on after the last
/// kept record's input row.
///
/// # Errors
///
/// When the layout cannot be continued (a JSON array), or the file is not
/// the output of `assess score` in this layout (a complete line that is not
/// a record, a CSV header that differs from this run's).
pub(crate) fn resume_point(path: &Path, encoder: &Encoder) -> Result<Resume, String> {
    let name = path.display();
    let file = File::open(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut r = Resume::default();
    let mut line = Vec::new();
    let mut n = 0usize;
    match encoder.format() {
        RecordFormat::Json => {
            return Err(
                "`--resume` needs `--format jsonl` or `--format csv`: a JSON array cannot be continued"
                    .into(),
            );
        }
        RecordFormat::Jsonl => {
            #[derive(serde::Deserialize)]
            struct Head {
                row: usize,
                status: String,
            }
            loop {
                line.clear();
                let len = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|e| format!("cannot read `{name}`: {e}"))?;
                if len == 0 || line.last() != Some(&b'\n') {
                    break;
                }
                n += 1;
                let head: Head = serde_json::from_slice(&line).map_err(|_| {
                    format!("line {n} of `{name}` is not a record of `assess score`; use `--overwrite` to replace the file")
                })?;
                r.counts
                    .add(RowStatus::from_name(&head.status).unwrap_or(RowStatus::Rejected));
                r.last_row = head.row;
                r.keep += len as u64;
            }
        }
        RecordFormat::Csv => {
            let header = encoder.csv_header();
            let len = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("cannot read `{name}`: {e}"))?;
            if len == 0 || line.last() != Some(&b'\n') {
                // Not even the header was written: start afresh.
                return Ok(r);
            }
            if line != header {
                return Err(format!(
                    "the header of `{name}` differs from this run's (another instrument or layout); use `--overwrite` to replace the file"
                ));
            }
            r.keep = len as u64;
            let (size, ends_with_newline) =
                last_byte(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .from_reader(reader);
            let fields = header.iter().filter(|&&b| b == b',').count() + 1;
            let mut record = csv::ByteRecord::new();
            while let Ok(true) = rdr.read_byte_record(&mut record) {
                let end = rdr.position().byte();
                let row = std::str::from_utf8(&record[0])
                    .ok()
                    .and_then(|s| s.parse().ok());
                let status = record
                    .get(2)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(RowStatus::from_name);
                // A record cut off by the interruption lacks cells or its
                // line end; only the last one can be.
                let terminated = len as u64 + end < size || ends_with_newline;
                match (row, status, record.len() == fields && terminated) {
                    (Some(row), Some(status), true) => {
                        r.counts.add(status);
                        r.last_row = row;
                        r.keep = len as u64 + end;
                    }
                    _ => break,
                }
            }
        }
    }
    Ok(r)
}
