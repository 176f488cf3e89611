//! Response sets in every input format, against the shipped instruments:
//! the first byte picks the instrument and the format (one JSON set, a
//! JSON array of sets, JSON Lines, or CSV with a header), the rest is the
//! input. Each set read is checked and scored under both policies; every
//! error is located and short. CSV records also go through the analysis
//! reader and the calibration reader (the same categories from both), and
//! the answers are calibrated for a few EM cycles: an error or a finite
//! fit, never a panic.
#![no_main]

mod common;

use std::sync::OnceLock;

use assess_core::analysis::{CsvAnalysisReader, CsvCalibrationReader, answers_from};
use assess_core::irt::calibrate::{CalibrationModel, CalibrationOptions, calibrate, item_specs};
use assess_core::{CsvLayout, Instrument, Policy, ResponseSet, ScoreOptions};
use libfuzzer_sys::fuzz_target;

fn instruments() -> &'static [Instrument; 3] {
    static ALL: OnceLock<[Instrument; 3]> = OnceLock::new();
    ALL.get_or_init(|| {
        let load = |t| Instrument::from_toml(t).expect("a shipped instrument");
        [
            load(include_str!("../../instruments/riasec.toml")),
            load(include_str!("../../instruments/aptitude.toml")),
            load(include_str!("../../instruments/readiness.toml")),
        ]
    })
}

fn use_set(inst: &Instrument, set: Result<ResponseSet, assess_core::Error>, text: &str) {
    let set = match set {
        Ok(set) => set,
        Err(e) => return common::check_error(&e, text),
    };
    for policy in [Policy::Reject, Policy::Warn] {
        let options = ScoreOptions::default().policy(policy);
        match assess_core::score(inst, &set, &options) {
            Ok(report) => {
                let _ = assess_text::json::to_string(&report).expect("a report serialises");
            }
            // Checked against the instrument: problems name the item, not
            // a place in this text.
            Err(e) => common::check_error(&e, ""),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let inst = &instruments()[usize::from(selector % 3)];
    match (selector / 3) % 4 {
        0 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            use_set(inst, ResponseSet::from_json(text), text);
        }
        1 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            match ResponseSet::batch_from_json(text) {
                Ok(sets) => {
                    for b in sets {
                        assert!(b.span.start <= b.span.end && b.span.end <= text.len());
                        use_set(inst, b.value, text);
                    }
                }
                Err(e) => common::check_error(&e, text),
            }
        }
        2 => {
            for line in rest.split(|&b| b == b'\n') {
                let Ok(line) = std::str::from_utf8(line) else {
                    continue;
                };
                use_set(inst, ResponseSet::from_json(line), line);
            }
        }
        _ => {
            // As `assess score` reads CSV: a flexible reader, a header
            // naming the columns, then one set per record.
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(true)
                .from_reader(rest);
            let Ok(header) = rdr.headers().cloned() else {
                return;
            };
            let header: Vec<&str> = header
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}'))
                .collect();
            let layout = match CsvLayout::new(inst, &header, "respondent_id") {
                Ok(layout) => layout,
                Err(e) => return common::check_error(&e, ""),
            };
            let items: Vec<usize> = (0..inst.items().len()).collect();
            let mut wide = CsvAnalysisReader::new(inst, &header, None).ok();
            let mut compact = CsvCalibrationReader::new(inst, &header, &items).ok();
            for record in rdr.records() {
                let Ok(record) = record else { continue };
                let cells: Vec<&str> = record.iter().collect();
                use_set(inst, layout.read(&cells), "");
                if let (Some(w), Some(c)) = (wide.as_mut(), compact.as_mut()) {
                    w.push(&cells);
                    c.push(&cells);
                }
            }
            if let (Some(w), Some(c)) = (wide, compact) {
                let data = w.finish();
                let read = c.finish();
                let no_anchors = vec![false; items.len()];
                let (_, cells) =
                    answers_from(inst, &data, &items, &no_anchors).expect("no anchors");
                assert_eq!(read.cells, cells, "both readers give the same categories");
                assert_eq!(read.rows, data.rows());
                let specs = item_specs(inst, &items, &no_anchors).expect("no anchors");
                let model = if selector % 3 == 1 {
                    CalibrationModel::TwoPl
                } else {
                    CalibrationModel::Grm
                };
                let options = CalibrationOptions {
                    model,
                    max_cycles: 5,
                    ..CalibrationOptions::default()
                };
                match calibrate(&specs, &read.cells, read.rows, &options) {
                    Ok(fit) => {
                        assert!(fit.convergence.log_likelihood.is_finite());
                        assert!(
                            fit.items
                                .iter()
                                .all(|i| i.a.is_finite() && i.d.iter().all(|d| d.is_finite()))
                        );
                    }
                    Err(e) => common::check_error(&e, ""),
                }
            }
        }
    }
});
