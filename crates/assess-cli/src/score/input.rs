//! Reading the input rows: JSON (one set or an array, parsed once with
//! locations), JSON Lines and CSV (a header, then records turned into
//! response sets), and the errors that stop a whole run.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use assess_core::{Batched, CsvLayout, Error, Instrument, Problem, ProblemKind, ResponseSet};

use super::InputFormat;

/// Reads every row of `input`, calling `emit` with its number, the set or
/// its problems, and the bytes read so far.
pub(crate) fn read_rows(
    instrument: &Instrument,
    input: &Path,
    format: InputFormat,
    id_column: &str,
    skip_through: usize,
    emit: &mut dyn FnMut(usize, Result<ResponseSet, Error>, u64) -> Result<(), Error>,
) -> Result<(), Error> {
    let file = File::open(input).map_err(|e| io_error(input, &e))?;
    // JSON Lines and CSV are read a record at a time: a line is capped.
    let file: Box<dyn Read> = match format {
        InputFormat::Json => Box::new(file),
        _ => Box::new(crate::files::LineCap::new(file)),
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    match format {
        InputFormat::Jsonl => {
            let mut row = 0;
            let mut pos = 0u64;
            let mut line = Vec::new();
            loop {
                line.clear();
                let n = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|e| io_error(input, &e))?;
                if n == 0 {
                    break;
                }
                pos += n as u64;
                row += 1;
                if row <= skip_through {
                    continue;
                }
                let l = line.strip_suffix(b"\n").unwrap_or(&line);
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                if l.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let set = match std::str::from_utf8(l) {
                    Ok(text) => ResponseSet::from_json(text),
                    Err(e) => Err(not_utf8(row, e.valid_up_to())),
                };
                emit(row, set, pos)?;
            }
        }
        InputFormat::Json => {
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|e| io_error(input, &e))?;
            // Parsed once, with locations: a problem in the 900th response
            // set is reported at its line and column in the file.
            for (i, Batched { value: set, span }) in
                ResponseSet::batch_from_json(&text)?.into_iter().enumerate()
            {
                if i < skip_through {
                    continue;
                }
                emit(i + 1, set, span.end as u64)?;
            }
        }
        InputFormat::Csv => {
            let (mut rdr, layout) = csv_input(instrument, reader, input, id_column)?;
            csv_records(&mut rdr, skip_through, &mut |row, record, pos| {
                let set = record.and_then(|record| {
                    let mut cells = Vec::new();
                    match record_cells(&record, &mut cells) {
                        Ok(()) => layout.read(&cells),
                        Err(at) => Err(not_utf8(row, at)),
                    }
                });
                emit(row, set, pos)
            })?;
        }
    }
    Ok(())
}

/// A CSV input's reader, after its header, and the header's layout.
pub(super) fn csv_input<R: Read>(
    instrument: &Instrument,
    reader: R,
    input: &Path,
    id_column: &str,
) -> Result<(csv::Reader<R>, CsvLayout), Error> {
    let (rdr, header) = csv_reader(reader, input)?;
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = CsvLayout::new(instrument, &header_refs, id_column)?;
    Ok((rdr, layout))
}

/// Reads the records after the header, calling `emit` with each one's
/// 1-based number, the record or why it could not be read, and the bytes
/// read so far; records up to `skip_through` are skipped.
pub(super) fn csv_records<R: Read>(
    rdr: &mut csv::Reader<R>,
    skip_through: usize,
    emit: &mut dyn FnMut(usize, Result<csv::ByteRecord, Error>, u64) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut row = 0;
    loop {
        let mut record = csv::ByteRecord::new();
        let read = rdr.read_byte_record(&mut record);
        if matches!(read, Ok(false)) {
            return Ok(());
        }
        row += 1;
        if row <= skip_through {
            continue;
        }
        let record = read.map(|_| record).map_err(|e| {
            Error::single(Problem::new(
                ProblemKind::Syntax,
                format!("row {row}"),
                e.to_string(),
            ))
        });
        emit(row, record, rdr.position().byte())?;
    }
}

/// Appends the cells of `record` to `cells`; the number of valid bytes
/// before the first that is not UTF-8, if any.
pub(crate) fn record_cells<'r>(
    record: &'r csv::ByteRecord,
    cells: &mut Vec<&'r str>,
) -> Result<(), usize> {
    // The record's bytes are checked as UTF-8 once: fields end at ASCII
    // delimiters, so each field of valid text is text. With bad bytes,
    // field by field, to say how far the bad field is valid.
    if let Ok(all) = std::str::from_utf8(record.as_slice()) {
        // `as_slice` is the fields' bytes, one after another.
        let mut start = 0;
        for field in record {
            let end = start + field.len();
            cells.push(&all[start..end]);
            start = end;
        }
        return Ok(());
    }
    for c in record {
        cells.push(std::str::from_utf8(c).map_err(|e| e.valid_up_to())?);
    }
    Ok(())
}

/// A flexible CSV reader and its header (a leading byte-order mark removed).
pub(crate) fn csv_reader<R: Read>(
    reader: R,
    path: &Path,
) -> Result<(csv::Reader<R>, Vec<String>), Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let header = rdr
        .byte_headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    Ok((rdr, header))
}

pub(crate) fn not_utf8(row: usize, at: usize) -> Error {
    Error::single(
        Problem::new(
            ProblemKind::Syntax,
            "",
            format!("row {row} is not UTF-8 text (invalid byte after {at} valid bytes)"),
        )
        .with_hint("save the file as UTF-8"),
    )
}

pub(crate) fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::single(Problem::new(
        ProblemKind::Io,
        "",
        format!("cannot read `{}`: {e}", path.display()),
    ))
}

pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> Error {
    Error::single(Problem::new(
        ProblemKind::Syntax,
        "",
        format!("cannot read `{}` as CSV: {e}", path.display()),
    ))
}
