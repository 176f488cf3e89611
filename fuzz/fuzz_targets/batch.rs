//! The counsellor console's batch reader (`assess_wasm::Batch`, the staff
//! build's, run natively): a selector byte (instrument × layout × chunk
//! size × language), then a whole file as the console gets it (text).
//! Besides no crash, hang or runaway memory it checks that
//!
//! - a file that cannot be read at all is a located, short error;
//! - reading a chunk of rows at a time gives exactly what one call gives
//!   (rows, exports), and never more rows than asked for;
//! - every row read is in both exports: the scored CSV holds one record
//!   per row, the JSON Lines one line per row, each row's problems are
//!   short;
//! - a CSV's rows are the command line's rows: the file read as
//!   `assess score` reads it (the `csv` crate, flexible, with a header),
//!   each record through the core, gives the same report for every row,
//!   and the same number of rows;
//! - the lean path (a CSV's common rows scored straight to their line)
//!   gives the rows and both CSV exports of the full path.
#![no_main]

mod common;

use std::rc::Rc;

use assess_core::{CsvLayout, Instrument, Policy, RowStatus, ScoreOptions};
use assess_wasm::Batch;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static INSTRUMENTS: [Rc<Instrument>; 3] = {
        let load = |t| Rc::new(Instrument::from_toml(t).expect("a shipped instrument"));
        [
            load(include_str!("../../instruments/riasec.toml")),
            load(include_str!("../../instruments/aptitude.toml")),
            load(include_str!("../../instruments/readiness.toml")),
        ]
    };
}

const LAYOUTS: [&str; 3] = ["csv", "json", "jsonl"];
const CHUNKS: [usize; 3] = [1, 3, 1000];

fn check(inst: &Rc<Instrument>, text: &str, layout: &str, chunk: usize, lang: &str) {
    let open = || Batch::open(Rc::clone(inst), text.to_owned(), layout, "respondent_id", lang);
    let mut whole = match open() {
        Ok(b) => b,
        Err(e) => return common::check_error(&e, text),
    };
    let all = whole.next_rows(usize::MAX);
    assert!(whole.done(), "one call reads to the end");
    assert!(whole.next_rows(1).is_empty(), "nothing after the end");

    let mut chunked = open().expect("a file that opened once opens again");
    let mut rows = Vec::new();
    loop {
        let next = chunked.next_rows(chunk);
        assert!(next.len() <= chunk, "{} rows for a chunk of {chunk}", next.len());
        if next.is_empty() {
            break;
        }
        rows.extend(next);
    }
    assert_eq!(
        serde_json::to_string(&rows).expect("rows serialise"),
        serde_json::to_string(&all).expect("rows serialise"),
        "chunks of {chunk} give the rows of one call"
    );
    let csv = whole.csv_bytes(true);
    assert_eq!(csv, chunked.csv_bytes(true), "the same scored CSV");
    let jsonl = whole.jsonl_bytes();
    assert_eq!(jsonl, chunked.jsonl_bytes(), "the same JSON Lines");

    // Both exports hold every row.
    let records = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_slice())
        .records()
        .map(|r| r.expect("the scored CSV is CSV"))
        .count();
    assert_eq!(records, all.len(), "a scored CSV record per row");
    let lines = std::str::from_utf8(&jsonl).expect("JSON Lines are text").lines().count();
    assert_eq!(lines, all.len(), "a JSON line per row");
    for r in &all {
        for p in &r.problems {
            assert!(!p.message().is_empty() && p.message().len() <= common::MAX_MESSAGE);
            assert!(p.path().len() <= assess_text::problem::MAX_PATH + 3);
        }
        let report = whole.report(r.row);
        assert_eq!(report.is_some(), r.status != RowStatus::Rejected, "row {}", r.row);
    }

    if layout == "csv" {
        same_as_the_command_line(inst, text, lang, &whole, all.len());
        let mut full = open().expect("opened before").without_lean_path();
        let slow = full.next_rows(usize::MAX);
        assert_eq!(full.lean_rows(), 0);
        assert_eq!(
            serde_json::to_string(&slow).expect("rows serialise"),
            serde_json::to_string(&all).expect("rows serialise"),
            "the lean path's rows are the full path's"
        );
        assert_eq!(full.csv_bytes(true), csv, "the same scored CSV, lean or not");
        assert_eq!(full.csv_bytes(false), whole.csv_bytes(false), "the same unguarded CSV");
    }
}

/// The CSV read as `assess score` reads it gives the batch's rows.
fn same_as_the_command_line(inst: &Instrument, text: &str, lang: &str, batch: &Batch, n: usize) {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = rdr.headers().expect("the batch read this header").clone();
    let header: Vec<&str> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}'))
        .collect();
    let layout = CsvLayout::new(inst, &header, "respondent_id").expect("the batch's layout");
    let options = ScoreOptions::new().language(lang).policy(Policy::Reject);
    let mut rows = 0;
    for (i, record) in rdr.records().enumerate() {
        rows += 1;
        let record = record.expect("text is UTF-8");
        let cells: Vec<&str> = record.iter().collect();
        let expected = layout
            .read(&cells)
            .ok()
            .and_then(|set| assess_core::score(inst, &set, &options).ok())
            .map(|r| assess_text::json::to_string(&r).expect("a report serialises"));
        let got = batch
            .report(i + 1)
            .map(|r| assess_text::json::to_string(&r).expect("a report serialises"));
        assert_eq!(got, expected, "row {}", i + 1);
    }
    assert_eq!(rows, n, "the command line's number of rows");
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    // The console reads a file with `File.text()`: text.
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let s = usize::from(selector);
    let layout = LAYOUTS[(s / 3) % 3];
    let chunk = CHUNKS[(s / 9) % 3];
    let lang = if (s / 27) % 2 == 0 { "id" } else { "en" };
    INSTRUMENTS.with(|all| check(&all[s % 3], text, layout, chunk, lang));
});
