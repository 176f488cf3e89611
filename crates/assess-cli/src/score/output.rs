//! Writing the records: the core's [`Encoder`] turns each record into
//! JSON, a JSON Lines line or a wide CSV row (on the worker threads, the
//! same bytes as the WebAssembly staff build's `Batch` gives), and [`Sink`]
//! writes the encoded chunks in input order with the layout's header and
//! separators.

use std::io::Write;

use assess_core::{RecordFormat, RowStatus};

use super::{Counts, Encoder};

/// Encoded records of one chunk, in input order.
pub(crate) struct Encoded {
    pub(super) seq: usize,
    pub(super) bytes: Vec<u8>,
    /// Each record's status and end offset in `bytes`.
    pub(super) records: Vec<(RowStatus, usize)>,
}

/// Writes encoded chunks in order, with the layout's header and separators.
pub(crate) struct Sink<W: Write> {
    out: W,
    format: RecordFormat,
    first: bool,
    header: Vec<u8>,
    /// Records written, by status (with those kept by `--resume`).
    pub counts: Counts,
}

impl<W: Write> Sink<W> {
    /// A sink for `encoder`'s layout. `resumed`: the file already holds
    /// records (and, for CSV, the header), counted in `counts`.
    pub(crate) fn new(out: W, encoder: &Encoder, resumed: Option<Counts>) -> Self {
        Sink {
            out,
            format: encoder.format(),
            first: resumed.is_none(),
            header: encoder.csv_header(),
            counts: resumed.unwrap_or_default(),
        }
    }

    pub(super) fn write(&mut self, chunk: &Encoded) -> std::io::Result<()> {
        let mut start = 0;
        for &(status, end) in &chunk.records {
            self.counts.add(status);
            match self.format {
                RecordFormat::Json => {
                    self.out
                        .write_all(if self.first { b"[\n" } else { b",\n" })?
                }
                RecordFormat::Csv if self.first => self.out.write_all(&self.header)?,
                _ => {}
            }
            self.first = false;
            self.out.write_all(&chunk.bytes[start..end])?;
            start = end;
        }
        Ok(())
    }

    /// Closes the layout (the JSON array) and flushes.
    ///
    /// # Errors
    ///
    /// When the output cannot be written.
    pub(crate) fn finish(mut self) -> std::io::Result<Counts> {
        if self.format == RecordFormat::Json {
            self.out
                .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.counts)
    }
}
