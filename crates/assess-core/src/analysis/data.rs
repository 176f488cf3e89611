//! [`AnalysisData`], the responses ready for analysis, built from
//! response sets, an answer matrix or a CSV file read in one pass
//! ([`CsvAnalysisReader`]); answer problems are counted and the first
//! ones kept, located.

use crate::instrument::{FormatKind, Instrument};
use crate::report::matrix::{AnswerMatrix, rules};
use crate::responses::simulate::is_simulated_id;
use crate::responses::{Policy, ResponseSet, Value, check};
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list, did_you_mean};

/// Responses ready for analysis: the answers of every respondent as a
/// dense matrix (one column per item in instrument order), their item
/// scores, and the labels of one grouping column.
#[derive(Clone, Debug)]
pub struct AnalysisData {
    pub(super) raw: Vec<f64>,
    pub(crate) scores: Vec<f64>,
    pub(super) rows: usize,
    pub(crate) n_items: usize,
    pub(super) group: Option<(String, Vec<Option<String>>)>,
    pub(super) invalid: usize,
    problems: Vec<Problem>,
    /// Some respondent id is a simulated respondent's.
    pub(super) simulated: bool,
}

/// At most this many answer problems are kept (all are counted).
const KEEP_PROBLEMS: usize = 50;

impl AnalysisData {
    fn build(
        instrument: &Instrument,
        raw: Vec<f64>,
        group: Option<(String, Vec<Option<String>>)>,
        mut problems: Vec<Problem>,
        mut invalid: usize,
    ) -> AnalysisData {
        let n_items = instrument.items().len();
        let rows = raw.len().checked_div(n_items).unwrap_or(0);
        let rules = rules(instrument);
        let mut scores = vec![f64::NAN; raw.len()];
        for (r, (src, dst)) in raw
            .chunks_exact(n_items.max(1))
            .zip(scores.chunks_exact_mut(n_items.max(1)))
            .enumerate()
        {
            for (i, (&x, d)) in src.iter().zip(dst.iter_mut()).enumerate() {
                if x.is_nan() {
                    continue;
                }
                match rules[i].apply(x) {
                    Some(v) => *d = v,
                    None => {
                        invalid += 1;
                        if problems.len() < KEEP_PROBLEMS {
                            problems.push(Problem::new(
                                ProblemKind::OutOfRange,
                                format!("rows[{}].{}", r + 1, instrument.items()[i].id()),
                                format!(
                                    "answer {x} to `{}` is out of range; counted as missing",
                                    instrument.items()[i].id()
                                ),
                            ));
                        }
                    }
                }
            }
        }
        AnalysisData {
            raw,
            scores,
            rows,
            n_items,
            group,
            invalid,
            problems,
            simulated: false,
        }
    }

    /// Whether the data hold simulated respondents (an id that starts with
    /// [`crate::simulate::SIMULATED_ID_PREFIX`]): norms built from them can
    /// never be `validated`, and their source must say they are simulated.
    pub fn simulated(&self) -> bool {
        self.simulated
    }

    /// Marks the data as simulated, for a caller who knows it when the data
    /// carry no ids ([`AnalysisData::from_matrix`]).
    #[must_use]
    pub fn mark_simulated(mut self) -> Self {
        self.simulated = true;
        self
    }

    /// From an answer matrix ([`AnswerMatrix`] conventions) and, optionally,
    /// a grouping column's name and one label per row (`None` unknown).
    ///
    /// # Errors
    ///
    /// When the number of labels differs from the number of rows.
    pub fn from_matrix(
        instrument: &Instrument,
        answers: &AnswerMatrix<'_>,
        group: Option<(&str, Vec<Option<String>>)>,
    ) -> Result<AnalysisData, Error> {
        if let Some((name, labels)) = &group {
            if labels.len() != answers.rows() {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    *name,
                    format!(
                        "expected {} group labels, one per row, found {}",
                        answers.rows(),
                        labels.len()
                    ),
                )));
            }
        }
        Ok(AnalysisData::build(
            instrument,
            answers.values().to_vec(),
            group.map(|(n, l)| (n.to_owned(), l)),
            Vec::new(),
            0,
        ))
    }

    /// From response sets, each checked against the instrument with
    /// [`Policy::Warn`] (invalid answers count as missing and are listed);
    /// the grouping labels from each set's `metadata[group]`.
    ///
    /// # Errors
    ///
    /// When no set carries the grouping column in its metadata.
    pub fn from_sets(
        instrument: &Instrument,
        sets: &[ResponseSet],
        group: Option<&str>,
    ) -> Result<AnalysisData, Error> {
        let n = instrument.items().len();
        let mut raw = vec![f64::NAN; sets.len() * n];
        let mut problems = Vec::new();
        let mut invalid = 0;
        for (r, set) in sets.iter().enumerate() {
            match check(instrument, set, Policy::Warn) {
                Ok(c) => {
                    for (i, v) in c.values.iter().enumerate() {
                        raw[r * n + i] = match v {
                            Some(Value::Number(x)) => *x,
                            Some(Value::Option(o)) => *o as f64,
                            None => f64::NAN,
                        };
                    }
                    invalid += c.problems.len();
                    for p in c.problems {
                        if problems.len() < KEEP_PROBLEMS {
                            problems.push(located(p, r, &set.respondent_id));
                        }
                    }
                }
                Err(e) => {
                    invalid += 1;
                    if problems.len() < KEEP_PROBLEMS {
                        problems.push(located(e.first().clone(), r, &set.respondent_id));
                    }
                }
            }
        }
        let group = match group {
            None => None,
            Some(g) => {
                let labels: Vec<Option<String>> = sets
                    .iter()
                    .map(|s| s.metadata.get(g).and_then(label))
                    .collect();
                if labels.iter().all(Option::is_none) {
                    let mut keys: Vec<&str> = sets
                        .iter()
                        .flat_map(|s| s.metadata.keys().map(String::as_str))
                        .collect();
                    keys.sort_unstable();
                    keys.dedup();
                    return Err(unknown_group(g, &keys));
                }
                Some((g.to_owned(), labels))
            }
        };
        let mut data = AnalysisData::build(instrument, raw, group, problems, invalid);
        data.simulated = sets.iter().any(|s| is_simulated_id(&s.respondent_id));
        Ok(data)
    }

    /// Number of respondents.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Answers that were invalid and counted as missing.
    pub fn invalid(&self) -> usize {
        self.invalid
    }
    /// The first problems found in the answers (all are counted in
    /// [`AnalysisData::invalid`]).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
    /// The grouping column's name, when there is one.
    pub fn group_column(&self) -> Option<&str> {
        self.group.as_ref().map(|g| g.0.as_str())
    }
}

fn located(p: Problem, row: usize, id: &str) -> Problem {
    let path = if p.path().is_empty() {
        format!("rows[{}]", row + 1)
    } else {
        format!("rows[{}].{}", row + 1, p.path())
    };
    Problem::new(
        p.kind(),
        path,
        format!(
            "respondent `{}`: {}",
            assess_text::problem::shown(id),
            p.message()
        ),
    )
}

fn label(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn unknown_group(g: &str, found: &[&str]) -> Error {
    Error::single(
        Problem::new(
            ProblemKind::UnknownReference,
            g,
            format!(
                "unknown grouping column `{g}`; the responses have {}",
                if found.is_empty() {
                    "no metadata columns".to_owned()
                } else {
                    backtick_list(found.iter().copied())
                }
            ),
        )
        .with_hint_opt(did_you_mean(g, found.iter().copied())),
    )
}

/// Reads a response CSV into [`AnalysisData`] one record at a time,
/// without building a response set per row (fast enough for a province's
/// intake). Columns: item ids (an empty cell or `skipped` is missing; a
/// number for Likert and binary items, an option key for choice items),
/// the grouping column, and any others, ignored.
#[derive(Clone, Debug)]
pub struct CsvAnalysisReader<'i> {
    instrument: &'i Instrument,
    /// Per column: the item index, and whether it is a choice item.
    items: Vec<Option<(usize, bool)>>,
    group_col: Option<usize>,
    group_name: Option<String>,
    raw: Vec<f64>,
    labels: Vec<Option<String>>,
    problems: Vec<Problem>,
    invalid: usize,
    rows: usize,
    /// Item ids without a column.
    absent: Vec<String>,
    /// The column of respondent ids (`respondent_id` unless told).
    id_col: Option<usize>,
    /// Some id was a simulated respondent's.
    simulated: bool,
    /// The column names, to find another id column.
    header: Vec<String>,
}

impl<'i> CsvAnalysisReader<'i> {
    /// Works out the columns of `header`.
    ///
    /// # Errors
    ///
    /// When `group` names no column, or when no column is an item.
    pub fn new(
        instrument: &'i Instrument,
        header: &[&str],
        group: Option<&str>,
    ) -> Result<Self, Error> {
        let items: Vec<Option<(usize, bool)>> = header
            .iter()
            .map(|h| {
                instrument.item_index(h.trim()).map(|i| {
                    let it = &instrument.items()[i];
                    let choice = matches!(
                        instrument.format_of(it).kind(),
                        FormatKind::SingleChoice | FormatKind::ScoredChoice
                    );
                    (i, choice)
                })
            })
            .collect();
        if items.iter().all(Option::is_none) {
            return Err(Error::single(
                Problem::new(
                    ProblemKind::Empty,
                    "",
                    format!("no column names an item of `{}`", instrument.id()),
                )
                .with_hint("the first line must name the columns: `respondent_id,<item ids>…`"),
            ));
        }
        let group_col = match group {
            None => None,
            Some(g) => match header.iter().position(|h| h.trim() == g) {
                Some(c) => Some(c),
                None => {
                    let others: Vec<&str> = header
                        .iter()
                        .zip(&items)
                        .filter(|(_, it)| it.is_none())
                        .map(|(h, _)| h.trim())
                        .collect();
                    return Err(unknown_group(g, &others));
                }
            },
        };
        let mut seen = vec![false; instrument.items().len()];
        for (i, _) in items.iter().flatten() {
            seen[*i] = true;
        }
        let absent = instrument
            .items()
            .iter()
            .zip(&seen)
            .filter(|(_, s)| !**s)
            .map(|(it, _)| it.id().to_owned())
            .collect();
        Ok(CsvAnalysisReader {
            instrument,
            items,
            group_col,
            group_name: group.map(str::to_owned),
            raw: Vec::new(),
            labels: Vec::new(),
            problems: Vec::new(),
            invalid: 0,
            rows: 0,
            absent,
            id_col: header.iter().position(|h| h.trim() == "respondent_id"),
            header: header.iter().map(|h| h.trim().to_owned()).collect(),
            simulated: false,
        })
    }

    /// Takes respondent ids from the column `name` instead of
    /// `respondent_id` (ids only tell whether the data are simulated).
    #[must_use]
    pub fn id_column(mut self, name: &str) -> Self {
        self.id_col = self.header.iter().position(|h| h == name.trim());
        self
    }

    /// Reads one record (cells in header order; a short record's missing
    /// cells are missing answers).
    pub fn push(&mut self, cells: &[&str]) {
        let n = self.instrument.items().len();
        let base = self.raw.len();
        self.raw.resize(base + n, f64::NAN);
        let mut row = std::mem::take(&mut self.raw);
        self.parse(cells, &mut row[base..]);
        self.raw = row;
    }

    /// Reads one record into `row` (one answer per instrument item, in
    /// instrument order, `NaN` when missing; `row` must hold `NaN`s), keeping
    /// the counts, problems, ids and group labels but not the answers: for a
    /// caller that stores them more compactly (`irt::calibrate`).
    pub fn parse(&mut self, cells: &[&str], row: &mut [f64]) {
        if let Some(id) = self.id_col.and_then(|c| cells.get(c)) {
            self.simulated |= is_simulated_id(id);
        }
        self.rows += 1;
        for (c, cell) in cells.iter().enumerate() {
            let Some(Some((i, choice))) = self.items.get(c) else {
                continue;
            };
            // A cell that starts and ends with a visible ASCII character
            // has nothing to trim (most cells: `4`), so skip `trim`'s
            // Unicode-aware scan.
            let b = cell.as_bytes();
            let cell = if b.first().is_some_and(u8::is_ascii_graphic)
                && b.last().is_some_and(u8::is_ascii_graphic)
            {
                cell
            } else {
                cell.trim()
            };
            if cell.is_empty() || cell == "skipped" {
                continue;
            }
            let it = &self.instrument.items()[*i];
            let v = if *choice {
                it.options()
                    .iter()
                    .position(|o| o.key() == cell)
                    .map(|o| o as f64)
            } else {
                assess_text::num::parse_f64(cell).filter(|x| x.is_finite())
            };
            match v {
                Some(v) => row[*i] = v,
                None => {
                    self.invalid += 1;
                    if self.problems.len() < KEEP_PROBLEMS {
                        let expected = if *choice {
                            format!(
                                "one of {}",
                                backtick_list(it.options().iter().map(|o| o.key()))
                            )
                        } else {
                            "a number".to_owned()
                        };
                        self.problems.push(Problem::new(
                            if *choice {
                                ProblemKind::OutOfRange
                            } else {
                                ProblemKind::WrongAnswerType
                            },
                            format!("rows[{}].{}", self.rows, it.id()),
                            format!(
                                "expected {expected} for `{}`, found `{cell}`; counted as missing",
                                it.id()
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(g) = self.group_col {
            self.labels.push(
                cells
                    .get(g)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
        }
    }

    /// Item ids of the instrument that have no column.
    pub fn absent_items(&self) -> &[String] {
        &self.absent
    }

    /// Records read so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Whether some id so far is a simulated respondent's.
    pub fn simulated(&self) -> bool {
        self.simulated
    }

    /// The answer problems kept so far (at most 50) and how many answers
    /// were invalid in all.
    pub fn problems(&self) -> (&[Problem], usize) {
        (&self.problems, self.invalid)
    }

    /// The data read.
    pub fn finish(self) -> AnalysisData {
        let group = self.group_name.map(|g| (g, self.labels));
        let mut data = AnalysisData::build(
            self.instrument,
            self.raw,
            group,
            self.problems,
            self.invalid,
        );
        data.simulated = self.simulated;
        data
    }
}
