//! Responses: one person's answers, and checking them against an instrument.
//!
//! A [`ResponseSet`] is plain serde data:
//!
//! ```json
//! {
//!   "respondent_id": "rembang-001",
//!   "form": "pendek",
//!   "answers": { "R01": 4, "Q12": "B", "S03": "skipped" },
//!   "seconds": { "R01": 3.5 },
//!   "metadata": { "age": 22, "gender": "female", "district": "Rembang" }
//! }
//! ```
//!
//! An answer is a number (a Likert point, or 0/1 for a binary item), an
//! option key (`"B"`) for choice items, or `"skipped"` (JSON `null` means
//! the same): the person saw the item and chose not to answer. An item with
//! no entry was not answered either; both count as missing when scoring.
//!
//! `metadata` is carried into the report for batch summaries and is
//! **never** read by scoring: gender, disability or district cannot change a
//! score.

pub mod simulate;
pub mod view;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::instrument::{FormatKind, Instrument};
use assess_text::json::{
    self, Batched, FromJson, JsonResult, Node, deserialize_via_json, json_names, json_struct,
};
use assess_text::num::Num;
use assess_text::problem::{
    Error, Hints, Problem, ProblemKind, backtick_list, did_you_mean, shown,
};

/// One answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// A Likert point or a binary 0/1.
    Number(f64),
    /// The key of the chosen option.
    Choice(String),
    /// Seen and deliberately not answered.
    Skipped,
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Number(x) => s.serialize_f64(*x),
            Answer::Choice(k) => s.serialize_str(k),
            Answer::Skipped => s.serialize_str("skipped"),
        }
    }
}

impl FromJson for Answer {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        Ok(match v.value() {
            json::Value::Number(_) => Answer::Number(f64::from_json(v)?),
            json::Value::String(k) if k == "skipped" => Answer::Skipped,
            json::Value::String(k) => Answer::Choice(k.to_string()),
            json::Value::Null => Answer::Skipped,
            _ => return Err(v.type_error("a number, an option key, \"skipped\" or null")),
        })
    }
}

/// Answers in the order they arrived, duplicates kept so that checking can
/// report them (a JSON object with a repeated key, a CSV with a repeated
/// column). Serialises as a JSON object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers(pub Vec<(String, Answer)>);

impl Answers {
    /// The answer to `item`, if any (the first, when repeated).
    pub fn get(&self, item: &str) -> Option<&Answer> {
        self.0.iter().find(|(k, _)| k == item).map(|(_, a)| a)
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>> FromIterator<(K, Answer)> for Answers {
    fn from_iter<T: IntoIterator<Item = (K, Answer)>>(iter: T) -> Self {
        Answers(iter.into_iter().map(|(k, a)| (k.into(), a)).collect())
    }
}

impl Serialize for Answers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Every entry, in order, repeated keys included.
impl FromJson for Answers {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let entries = v.object()?;
        let max = crate::support::limits::MAX_ITEMS * 2;
        if entries.len() > max {
            return Err(v.problem(
                ProblemKind::TooLarge,
                format!(
                    "too many answers: {}; expected at most {max}",
                    entries.len()
                ),
            ));
        }
        let mut out = Vec::with_capacity(entries.len());
        for (k, a) in entries {
            out.push((k.text.to_string(), json::field(&k.text, a)?));
        }
        Ok(Answers(out))
    }
}

json_struct!(deny ResponseSet {
    respondent_id: "respondent_id",
    form: "form" = None,
    answers: "answers" = Answers::default(),
    seconds: "seconds" = BTreeMap::new(),
    metadata: "metadata" = BTreeMap::new(),
});

deserialize_via_json!(Answer, Answers, ResponseSet);

/// One person's responses to one instrument.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ResponseSet {
    /// Respondent identifier (as the caller knows them; never interpreted).
    pub respondent_id: String,
    /// Form answered (`pendek`…); absent or `full` for all items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Answers by item id.
    #[serde(default)]
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Record<string, number | string | null>")
    )]
    pub answers: Answers,
    /// Seconds spent per item, when the client measured them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seconds: BTreeMap<String, f64>,
    /// Carried, never used in scoring: age, gender, district, disability,
    /// accommodations, and any other column.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl ResponseSet {
    /// Reads one response set from JSON text.
    ///
    /// ```
    /// use assess_core::ResponseSet;
    /// let set = ResponseSet::from_json(r#"{"respondent_id": "a", "answers": {"R1": 4}}"#)?;
    /// assert_eq!(set.answers.len(), 1);
    /// let err = ResponseSet::from_json(r#"{"respondent_id": "a", "answers": {"R1": true}}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.first().path(), "answers.R1");
    /// assert_eq!((err.first().line(), err.first().column()), (Some(1), Some(42)));
    /// # Ok::<(), assess_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A `syntax` or `invalid_type` problem, located by line and column.
    pub fn from_json(text: &str) -> Result<ResponseSet, Error> {
        json::read(text, "")
    }

    /// Reads JSON text that holds one response set or an array of them:
    /// each set, or the problem that stops it, in order, with its byte span
    /// in the text (the command line resumes after a span's end). A problem
    /// is located by the set's index (`[3].answers.R1`), line and column.
    ///
    /// # Errors
    ///
    /// A syntax error anywhere in the text, located by line and column.
    pub fn batch_from_json(text: &str) -> Result<Vec<Batched<ResponseSet>>, Error> {
        json::read_batch(text)
    }

    /// Builds a response set from one CSV record whose header is
    /// `respondent_id,<item ids>…` (see [`CsvLayout`]). For many records,
    /// make the [`CsvLayout`] once and call [`CsvLayout::read`].
    ///
    /// # Errors
    ///
    /// When the header has no `respondent_id` column or the record's length
    /// differs from the header's.
    pub fn from_csv_record(
        instrument: &Instrument,
        header: &[&str],
        cells: &[&str],
    ) -> Result<ResponseSet, Error> {
        CsvLayout::new(instrument, header, "respondent_id")?.read(cells)
    }
}

/// What each column of a response CSV holds, worked out once from the
/// header.
///
/// Columns: the respondent id column (by default `respondent_id`), `form`,
/// `seconds.<item id>` timings, item columns (an empty cell is unanswered,
/// `skipped` an explicit skip, a number a Likert or binary value, anything
/// else an option key), and every other column, kept as a metadata string.
/// A column that is not an item but looks like a misspelt item id of this
/// instrument is read as an answer, so that it is reported as an unknown
/// item instead of silently becoming metadata.
#[derive(Clone, Debug)]
pub struct CsvLayout {
    pub(crate) roles: Vec<Column>,
    pub(crate) id_col: usize,
}

#[derive(Clone, Debug)]
pub(crate) enum Column {
    Id,
    Form,
    Seconds(String),
    Item { name: String, choice: bool },
    Meta(String),
}

impl CsvLayout {
    /// The layout of `header` for `instrument`, with respondent ids in
    /// column `id_column`.
    ///
    /// # Errors
    ///
    /// When no column is named `id_column`.
    pub fn new(
        instrument: &Instrument,
        header: &[&str],
        id_column: &str,
    ) -> Result<CsvLayout, Error> {
        let Some(id_col) = header.iter().position(|h| h.trim() == id_column) else {
            return Err(Error::single(
                Problem::new(
                    ProblemKind::MissingKey,
                    id_column,
                    format!("missing column `{id_column}`"),
                )
                .with_hint("the first line must name the columns: `respondent_id,<item ids>…`"),
            ));
        };
        let hints = Hints::default();
        let roles = header
            .iter()
            .enumerate()
            .map(|(c, h)| {
                assess_text::ops::tick(1);
                let h = h.trim();
                if c == id_col {
                    Column::Id
                } else if h == "form" {
                    Column::Form
                } else if let Some(item) = h.strip_prefix("seconds.") {
                    Column::Seconds(item.to_owned())
                } else if let Some(it) = instrument.item(h) {
                    let choice = matches!(
                        instrument.format_of(it).kind(),
                        FormatKind::SingleChoice | FormatKind::ScoredChoice
                    );
                    Column::Item {
                        name: h.to_owned(),
                        choice,
                    }
                } else if looks_like_item(instrument, h, &hints) {
                    Column::Item {
                        name: h.to_owned(),
                        choice: false,
                    }
                } else {
                    Column::Meta(h.to_owned())
                }
            })
            .collect::<Vec<Column>>();
        // A column other than an item's given twice would keep its last
        // cell silently (items answered twice are reported when checking).
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (c, (role, h)) in roles.iter().zip(header).enumerate() {
            if matches!(role, Column::Item { .. }) {
                continue;
            }
            let h = h.trim();
            if let Some(first) = seen.insert(h, c) {
                return Err(Error::single(
                    Problem::new(
                        ProblemKind::DuplicateId,
                        h,
                        format!(
                            "column `{}` appears twice in the header (columns {} and {})",
                            shown(h),
                            first + 1,
                            c + 1
                        ),
                    )
                    .with_hint("keep one column of each name"),
                ));
            }
        }
        Ok(CsvLayout { roles, id_col })
    }

    /// The index of the respondent id column (its cell, trimmed, is the
    /// id [`CsvLayout::read`] gives the set).
    pub fn id_column(&self) -> usize {
        self.id_col
    }

    /// Reads one record.
    ///
    /// # Errors
    ///
    /// When the record's length differs from the header's.
    pub fn read(&self, cells: &[&str]) -> Result<ResponseSet, Error> {
        if cells.len() != self.roles.len() {
            let mut p = Problem::new(
                ProblemKind::Syntax,
                "",
                format!(
                    "expected {} cells as in the header, found {}",
                    self.roles.len(),
                    cells.len()
                ),
            );
            if let Some(id) = cells.get(self.id_col) {
                p = p.with_hint(format!(
                    "check the row of respondent `{}`",
                    assess_text::problem::shown(id.trim())
                ));
            }
            return Err(Error::single(p));
        }
        let mut set = ResponseSet {
            respondent_id: cells[self.id_col].trim().to_owned(),
            ..ResponseSet::default()
        };
        set.answers.0.reserve(cells.len());
        for (role, cell) in self.roles.iter().zip(cells) {
            let cell = cell.trim();
            match role {
                Column::Id => {}
                Column::Form => {
                    if !cell.is_empty() {
                        set.form = Some(cell.to_owned());
                    }
                }
                Column::Seconds(item) => {
                    if let Some(x) = assess_text::num::parse_f64(cell) {
                        set.seconds.insert(item.clone(), x);
                    }
                }
                Column::Item { name, choice } => {
                    if cell.is_empty() {
                        continue;
                    }
                    let answer = if cell == "skipped" {
                        Answer::Skipped
                    } else {
                        match assess_text::num::parse_f64(cell) {
                            Some(x) if !choice => Answer::Number(x),
                            _ => Answer::Choice(cell.to_owned()),
                        }
                    };
                    set.answers.0.push((name.clone(), answer));
                }
                Column::Meta(name) => {
                    if !cell.is_empty() {
                        set.metadata
                            .insert(name.clone(), serde_json::Value::String(cell.to_owned()));
                    }
                }
            }
        }
        Ok(set)
    }
}

/// Whether a header that is not an item id still looks like one of this
/// instrument's items (same shape as its ids), so that a misspelt item
/// column is reported as an unknown item rather than kept as metadata.
/// Asked of the first [`Hints::BUDGET`] such columns with a digit: each
/// answer compares the name with every item id.
fn looks_like_item(instrument: &Instrument, h: &str, hints: &Hints) -> bool {
    h.bytes().any(|b| b.is_ascii_digit())
        && hints
            .did_you_mean(h, instrument.items().iter().map(|i| i.id()))
            .is_some()
}

/// What to do with problems found in a response set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Policy {
    /// Any problem rejects the whole set.
    #[default]
    Reject,
    /// Score what is valid; report the problems as warnings.
    Warn,
}

json_names!(Policy { "reject" => Reject, "warn" => Warn });

/// A response set checked against an instrument: one slot per item, in
/// instrument order.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The answer per item (`None` when unanswered or invalid).
    pub(crate) values: Vec<Option<Value>>,
    /// Whether the person explicitly skipped the item.
    pub(crate) skipped: Vec<bool>,
    /// Seconds per item, when given.
    pub(crate) seconds: Vec<Option<f64>>,
    /// Items presented, in order (the form's items, or all).
    pub(crate) presented: Vec<usize>,
    /// The form id (`full` for all items).
    pub(crate) form: String,
    /// Problems found (warnings under [`Policy::Warn`]).
    pub(crate) problems: Vec<Problem>,
}

/// A checked answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value {
    /// Likert point or binary value, as given.
    Number(f64),
    /// Index of the chosen option.
    Option(usize),
}

impl Checked {
    /// Problems found while checking.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// The form's id (`full` when `form` is absent or `full`) and the indices
/// of its items in presentation order.
///
/// # Errors
///
/// An `unknown_reference` problem at `form` when the instrument has no such
/// form.
pub(crate) fn presented_items(
    instrument: &Instrument,
    form: Option<&str>,
) -> Result<(String, Vec<usize>), Error> {
    let n = instrument.items().len();
    match form {
        None | Some("full") => Ok(("full".to_owned(), (0..n).collect())),
        Some(f) => match instrument.form(f) {
            Some(form) => Ok((f.to_owned(), form.items().to_vec())),
            None => {
                let names: Vec<&str> = std::iter::once("full")
                    .chain(instrument.forms().iter().map(|f| f.id()))
                    .collect();
                Err(Error::single(
                    Problem::new(
                        ProblemKind::UnknownReference,
                        "form",
                        format!(
                            "unknown form `{}`; expected one of {}",
                            shown(f),
                            backtick_list(names.iter().copied())
                        ),
                    )
                    .with_hint_opt(did_you_mean(f, names.iter().copied())),
                ))
            }
        },
    }
}

/// Checks `set` against `instrument`, reporting every problem with the item
/// it concerns.
///
/// # Errors
///
/// Under [`Policy::Reject`], an [`Error`] listing every problem; under
/// [`Policy::Warn`], only an unknown form is an error.
pub fn check(instrument: &Instrument, set: &ResponseSet, policy: Policy) -> Result<Checked, Error> {
    let n = instrument.items().len();
    let mut problems = Vec::new();
    // "Did you mean" for the first few unknown items and options only: a
    // set may name thousands.
    let hints = Hints::default();
    let (form, presented) = presented_items(instrument, set.form.as_deref())?;
    let mut in_form = vec![false; n];
    for &i in &presented {
        in_form[i] = true;
    }
    let mut values: Vec<Option<Value>> = vec![None; n];
    let mut skipped = vec![false; n];
    let mut seen = vec![false; n];
    for (id, answer) in &set.answers.0 {
        // Built only when a problem needs it: most answers have none.
        let path = || format!("answers.{id}");
        let Some(idx) = instrument.item_index(id) else {
            problems.push(
                Problem::new(
                    ProblemKind::UnknownItem,
                    path(),
                    format!("unknown item `{}`", shown(id)),
                )
                .with_hint_opt(hints.did_you_mean(id, instrument.items().iter().map(|i| i.id()))),
            );
            continue;
        };
        if seen[idx] {
            problems.push(Problem::new(
                ProblemKind::DuplicateAnswer,
                path(),
                format!("item `{id}` is answered more than once; the first answer is kept"),
            ));
            continue;
        }
        seen[idx] = true;
        if !in_form[idx] {
            problems.push(Problem::new(
                ProblemKind::UnknownItem,
                path(),
                format!("item `{id}` is not part of form `{form}`"),
            ));
            continue;
        }
        let item = &instrument.items()[idx];
        let format = instrument.format_of(item);
        match (answer, format.kind()) {
            (Answer::Skipped, _) => skipped[idx] = true,
            (Answer::Number(x), FormatKind::Likert { min, max, .. }) => {
                if x.fract() == 0.0 && *x >= f64::from(*min) && *x <= f64::from(*max) {
                    values[idx] = Some(Value::Number(*x));
                } else {
                    problems.push(Problem::new(
                        ProblemKind::OutOfRange,
                        path(),
                        format!("answer {} to `{id}` is out of range; expected a whole number from {min} to {max}", Num(*x)),
                    ));
                }
            }
            (Answer::Number(x), FormatKind::Binary { .. }) => {
                if crate::support::prec::exactly(*x, 0.0) || crate::support::prec::exactly(*x, 1.0)
                {
                    values[idx] = Some(Value::Number(*x));
                } else {
                    problems.push(Problem::new(
                        ProblemKind::OutOfRange,
                        path(),
                        format!(
                            "answer {} to `{id}` is out of range; expected 0 or 1",
                            Num(*x)
                        ),
                    ));
                }
            }
            (Answer::Choice(k), FormatKind::SingleChoice | FormatKind::ScoredChoice) => {
                match item.options().iter().position(|o| o.key() == k) {
                    Some(o) => values[idx] = Some(Value::Option(o)),
                    None => {
                        let keys: Vec<&str> = item.options().iter().map(|o| o.key()).collect();
                        problems.push(
                            Problem::new(
                                ProblemKind::OutOfRange,
                                path(),
                                format!(
                                    "option `{}` does not exist in `{id}`; expected one of {}",
                                    shown(k),
                                    backtick_list(keys.iter().copied())
                                ),
                            )
                            .with_hint_opt(hints.did_you_mean(k, keys.iter().copied())),
                        );
                    }
                }
            }
            (Answer::Choice(k), _) => problems.push(Problem::new(
                ProblemKind::WrongAnswerType,
                path(),
                format!(
                    "expected a number for `{id}`, found the text `{}`",
                    shown(k)
                ),
            )),
            (Answer::Number(x), _) => problems.push(
                Problem::new(
                    ProblemKind::WrongAnswerType,
                    path(),
                    format!(
                        "expected an option key for `{id}`, found the number {}",
                        Num(*x)
                    ),
                )
                .with_hint("choice items are answered with the option key, such as \"B\""),
            ),
        }
    }
    let mut seconds = vec![None; n];
    for (id, s) in &set.seconds {
        let path = || format!("seconds.{id}");
        match instrument.item_index(id) {
            None => problems.push(Problem::new(
                ProblemKind::UnknownItem,
                path(),
                format!("seconds given for unknown item `{}`", shown(id)),
            )),
            Some(_) if !s.is_finite() || *s < 0.0 => problems.push(Problem::new(
                ProblemKind::OutOfRange,
                path(),
                format!("seconds for `{id}` must be 0 or more, found {}", Num(*s)),
            )),
            Some(i) => seconds[i] = Some(*s),
        }
    }
    if policy == Policy::Reject && !problems.is_empty() {
        return Err(Error::new(problems));
    }
    Ok(Checked {
        values,
        skipped,
        seconds,
        presented,
        form,
        problems,
    })
}
