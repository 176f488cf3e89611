//! Answers read for calibration (`irt::calibrate`): one byte per answer,
//! from response sets read for analysis or straight from a response CSV.
//! Here, in the analysis stage, because it builds on the analysis readers.

use crate::irt::calibrate::{ItemSpec, MISSING, item_specs};
use assess_text::problem::{Error, Problem, ProblemKind};

/// The category of item score `x` among `possible` (ascending scores).
fn category(possible: &[f64], x: f64) -> u8 {
    if x.is_nan() {
        return MISSING;
    }
    possible
        .iter()
        .position(|&s| crate::support::prec::same_bound(s, x))
        .and_then(|k| u8::try_from(k).ok())
        .unwrap_or(MISSING)
}

/// The items to calibrate ([`item_specs`]) and their answer categories
/// (reverse-keyed items already reversed), from responses read for
/// analysis (JSON and JSON Lines; CSV is read more compactly by
/// [`CsvCalibrationReader`]).
///
/// # Errors
///
/// When an anchor has no `irt` parameters in the instrument.
pub fn answers_from(
    instrument: &crate::Instrument,
    data: &super::AnalysisData,
    items: &[usize],
    anchors: &[bool],
) -> Result<(Vec<ItemSpec>, Vec<u8>), Error> {
    let specs = item_specs(instrument, items, anchors)?;
    let scores: Vec<Vec<f64>> = items
        .iter()
        .map(|&ix| crate::irt::score::possible_scores(instrument, &instrument.items()[ix]))
        .collect();
    let n = data.n_items;
    let mut cells = Vec::with_capacity(data.rows() * items.len());
    for row in data.scores.chunks_exact(n.max(1)) {
        for (&ix, possible) in items.iter().zip(&scores) {
            cells.push(category(possible, row[ix]));
        }
    }
    Ok((specs, cells))
}

/// Answers read for calibration: one byte per answer.
#[derive(Clone, Debug)]
pub struct CalibrationAnswers {
    /// `rows × items` categories, [`MISSING`] for none.
    pub cells: Vec<u8>,
    /// Respondents.
    pub rows: usize,
    /// Some respondent id is a simulated respondent's.
    pub simulated: bool,
    /// The first answer problems (at most 50), located.
    pub problems: Vec<Problem>,
    /// Answers that were invalid and counted as missing, in all.
    pub invalid: usize,
}

/// Reads a response CSV straight into answer categories of the calibrated
/// items, one record at a time, keeping one byte per answer (reading for
/// analysis keeps two 8-byte numbers). Cells are parsed as
/// [`super::CsvAnalysisReader`] parses them, and scored by the
/// instrument's rules (reverse keying, option scores).
#[derive(Debug)]
pub struct CsvCalibrationReader<'i> {
    instrument: &'i crate::Instrument,
    reader: super::CsvAnalysisReader<'i>,
    items: Vec<usize>,
    scores: Vec<Vec<f64>>,
    rules: Vec<crate::scoring::Rule<'i>>,
    row: Vec<f64>,
    cells: Vec<u8>,
    problems: Vec<Problem>,
    invalid: usize,
}

impl<'i> CsvCalibrationReader<'i> {
    /// Works out the columns of `header` for the items `items` (instrument
    /// indices).
    ///
    /// # Errors
    ///
    /// When no column is an item.
    pub fn new(
        instrument: &'i crate::Instrument,
        header: &[&str],
        items: &[usize],
    ) -> Result<Self, Error> {
        Ok(CsvCalibrationReader {
            instrument,
            reader: super::CsvAnalysisReader::new(instrument, header, None)?,
            items: items.to_vec(),
            scores: items
                .iter()
                .map(|&ix| crate::irt::score::possible_scores(instrument, &instrument.items()[ix]))
                .collect(),
            rules: crate::scoring::rules(instrument),
            row: vec![f64::NAN; instrument.items().len()],
            cells: Vec::new(),
            problems: Vec::new(),
            invalid: 0,
        })
    }

    /// Takes respondent ids from the column `name` instead of
    /// `respondent_id` (ids only tell whether the data are simulated).
    #[must_use]
    pub fn id_column(mut self, name: &str) -> Self {
        self.reader = self.reader.id_column(name);
        self
    }

    /// Item ids of the instrument that have no column.
    pub fn absent_items(&self) -> &[String] {
        self.reader.absent_items()
    }

    /// Reads one record (cells in header order).
    pub fn push(&mut self, cells: &[&str]) {
        self.row.fill(f64::NAN);
        self.reader.parse(cells, &mut self.row);
        let r = self.reader.rows();
        for (&ix, possible) in self.items.iter().zip(&self.scores) {
            let x = self.row[ix];
            let k = if x.is_nan() {
                MISSING
            } else {
                match self.rules[ix].apply(x) {
                    Some(score) => category(possible, score),
                    None => {
                        self.invalid += 1;
                        if self.problems.len() < 50 {
                            let id = self.instrument.items()[ix].id();
                            self.problems.push(Problem::new(
                                ProblemKind::OutOfRange,
                                format!("rows[{r}].{id}"),
                                format!("answer {x} to `{id}` is out of range; counted as missing"),
                            ));
                        }
                        MISSING
                    }
                }
            };
            self.cells.push(k);
        }
    }

    /// The answers read.
    pub fn finish(self) -> CalibrationAnswers {
        let (parse_problems, parse_invalid) = self.reader.problems();
        let mut problems: Vec<Problem> = parse_problems.to_vec();
        problems.extend(self.problems);
        problems.truncate(50);
        CalibrationAnswers {
            rows: self.reader.rows(),
            simulated: self.reader.simulated(),
            invalid: parse_invalid + self.invalid,
            problems,
            cells: self.cells,
        }
    }
}
