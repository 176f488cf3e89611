//! Reading a [`Node`] into Rust types: the [`FromJson`] trait, its impls
//! for the std types the engine reads, [`read`], [`read_node`] and
//! [`read_batch`], and the helpers hand-written impls use ([`field`],
//! [`element`], [`within`], the type and key errors of a node), each
//! problem in serde's wording, with its key path and the span of the value.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Key, Node, Number, Value, parse};
use crate::num::float_found;
use crate::problem::{Error, LineIndex, Problem, ProblemKind, backtick_list, quoted, shown};

/// Parses `text` and reads it into `T`; `root` is the key path of the whole
/// value in problems (`""`, or for example `config` or `options`).
///
/// # Errors
///
/// A syntax error, or the first value that does not fit `T`, located by
/// line and column.
pub fn read<T: FromJson>(text: &str, root: &str) -> Result<T, Error> {
    read_node(&parse(text)?, text, root)
}

/// Reads a node parsed from `text` into `T` (see [`read`]); use this for
/// the elements of an array parsed once.
///
/// # Errors
///
/// The first value that does not fit `T`, located by line and column.
pub fn read_node<T: FromJson>(node: &Node<'_>, text: &str, root: &str) -> Result<T, Error> {
    T::from_json(node).map_err(|p| {
        let p = if root.is_empty() { p } else { within(p, root) };
        Error::single(*p).located(text)
    })
}

/// Reads a JSON text that holds one value or an array of values (the
/// command line's batch input) into a `T` each: every element's result in
/// order, with the element's byte span. A problem in an element is located
/// by its index path (`[3].answers.R1`; `[0]` for a value that is not an
/// array), line and column; the lines of the
/// text are indexed once, however many elements fail.
///
/// # Errors
///
/// A syntax error anywhere in the text, located by line and column.
pub fn read_batch<T: FromJson>(text: &str) -> Result<Vec<Batched<T>>, Error> {
    let root = parse(text)?;
    let nodes = root.batch();
    let mut index = None;
    Ok(nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let value = T::from_json(node).map_err(|p| {
                let p = within(p, &format!("[{i}]"));
                let index = index.get_or_insert_with(|| LineIndex::new(text));
                Error::single(*p).located_with(index)
            });
            Batched {
                value,
                span: node.span(),
            }
        })
        .collect())
}

/// One element of a batch read by [`read_batch`].
#[derive(Debug)]
pub struct Batched<T> {
    /// The element, or the problem that stops it.
    pub value: Result<T, Error>,
    /// Its byte span in the text.
    pub span: Range<usize>,
}

/// A read's result: the value, or the one problem that stops it (boxed:
/// the error path is rare and a `Problem` is large).
pub type JsonResult<T> = Result<T, Box<Problem>>;

/// Reading one type out of a [`Node`].
///
/// A problem is made where it is found, with an empty key path; [`field`]
/// and [`element`] put their key or index in front of it on the way out.
/// So reading builds no path unless something is wrong.
pub trait FromJson: Sized {
    /// Converts `v`, or says what is wrong with it and where.
    ///
    /// # Errors
    ///
    /// When `v` does not fit the type.
    fn from_json(v: &Node<'_>) -> JsonResult<Self>;
}

/// Reads `v`, the value of `key`, into `T`; a problem gets `key` in front
/// of its path.
///
/// # Errors
///
/// When `v` does not fit `T`.
pub fn field<T: FromJson>(key: &str, v: &Node<'_>) -> JsonResult<T> {
    T::from_json(v).map_err(|p| within(p, key))
}

/// Reads `v`, element `i` of an array, into `T`; a problem gets `[i]` in
/// front of its path.
///
/// # Errors
///
/// When `v` does not fit `T`.
pub fn element<T: FromJson>(i: usize, v: &Node<'_>) -> JsonResult<T> {
    T::from_json(v).map_err(|p| within(p, &format!("[{i}]")))
}

/// `p` with `segment` put in front of its key path (a key or `[i]`).
#[inline(never)]
pub fn within(mut p: Box<Problem>, segment: &str) -> Box<Problem> {
    p.prefix_path(segment);
    p
}

impl Node<'_> {
    /// The entries of this object, or a type error.
    ///
    /// # Errors
    ///
    /// When this is not an object.
    pub fn object(&self) -> JsonResult<&[(Key<'_>, Node<'_>)]> {
        match &self.value {
            Value::Object(entries) => Ok(entries),
            _ => Err(self.type_error("a map")),
        }
    }

    /// "invalid type: X, expected `expected`" at this value.
    pub fn type_error(&self, expected: &str) -> Box<Problem> {
        let found = match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(Number::PosInt(n)) => format!("integer `{n}`"),
            Value::Number(Number::NegInt(n)) => format!("integer `{n}`"),
            Value::Number(Number::Float(x)) => float_found(*x),
            Value::String(s) => format!("string {}", quoted(s)),
            Value::Array(_) => "sequence".to_owned(),
            Value::Object(_) => "map".to_owned(),
        };
        self.problem(
            ProblemKind::InvalidType,
            format!("invalid type: {found}, expected {expected}"),
        )
    }

    /// A problem of `kind` at this value.
    pub fn problem(&self, kind: ProblemKind, message: String) -> Box<Problem> {
        problem_at(self.span(), kind, message)
    }

    /// A required key absent from this object.
    pub fn missing_field(&self, key: &str) -> Box<Problem> {
        self.problem(ProblemKind::MissingKey, format!("missing field `{key}`"))
    }

    /// The value of the name this holds, from `names`.
    ///
    /// # Errors
    ///
    /// When this is not a string, or not one of the names.
    pub fn variant<T: Copy>(&self, names: &[(&str, T)]) -> JsonResult<T> {
        let Value::String(s) = &self.value else {
            return Err(self.type_error("a name (string)"));
        };
        names
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                self.problem(
                    ProblemKind::InvalidValue,
                    format!("unknown variant `{}`, expected {}", shown(s), one_of(&list)),
                )
            })
    }

    /// A whole number that fits `T`.
    fn whole<T: TryFrom<u64>>(&self, expected: &str) -> JsonResult<T> {
        let n = match &self.value {
            Value::Number(Number::PosInt(n)) => {
                if let Ok(x) = T::try_from(*n) {
                    return Ok(x);
                }
                n.to_string()
            }
            Value::Number(Number::NegInt(n)) => n.to_string(),
            _ => return Err(self.type_error(expected)),
        };
        Err(self.problem(
            ProblemKind::InvalidValue,
            format!("invalid value: integer `{n}`, expected {expected}"),
        ))
    }
}

impl Key<'_> {
    /// This key, which the object does not allow (`expected`: the keys it
    /// does).
    pub fn unknown_field(&self, expected: &[&str]) -> Box<Problem> {
        problem_at(
            self.span.clone(),
            ProblemKind::UnknownKey,
            format!(
                "unknown field `{}`, expected {}",
                shown(&self.text),
                one_of(expected)
            ),
        )
    }

    /// This key, given twice in an object that allows it once.
    pub fn duplicate_field(&self) -> Box<Problem> {
        problem_at(
            self.span.clone(),
            ProblemKind::DuplicateId,
            format!("duplicate field `{}`", shown(&self.text)),
        )
    }
}

/// A problem of `kind` at `span`: the kinds are those the TOML walker
/// ([`crate::toml::de`]) gives for the same fault (`unknown_key`,
/// `missing_key`, `invalid_value`, `invalid_type`), so that a fault is
/// named alike whichever format the input came in.
fn problem_at(span: Range<usize>, kind: ProblemKind, message: String) -> Box<Problem> {
    Box::new(Problem::new(kind, "", message).with_span((!span.is_empty()).then_some(span)))
}

/// serde's wording for the allowed names: "`a`", "`a` or `b`", "one of
/// `a`, `b`, `c`".
pub(super) fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!("one of {}", backtick_list(names.iter().copied())),
    }
}

impl FromJson for String {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::String(s) => Ok(String::from(&**s)),
            _ => Err(v.type_error("a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Bool(b) => Ok(*b),
            _ => Err(v.type_error("`true` or `false`")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Number(Number::PosInt(n)) => Ok(*n as f64),
            Value::Number(Number::NegInt(n)) => Ok(*n as f64),
            Value::Number(Number::Float(x)) => Ok(*x),
            _ => Err(v.type_error("a number")),
        }
    }
}

impl FromJson for u64 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number from 0 to 2^64 − 1")
    }
}

impl FromJson for u32 {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number from 0 to 2^32 − 1")
    }
}

impl FromJson for usize {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        v.whole("a whole number, 0 or more")
    }
}

/// `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        match &v.value {
            Value::Null => Ok(None),
            _ => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let Value::Array(items) = &v.value else {
            return Err(v.type_error("a sequence"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| element(i, item))
            .collect()
    }
}

/// A repeated key: the last value wins, as with serde's maps.
/// A map: a key given twice is refused (`duplicate_id`, at the second),
/// rather than keeping the last value silently.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        let mut out = BTreeMap::new();
        for (k, item) in v.object()? {
            let value = field(&k.text, item)?;
            if out.insert(k.text.to_string(), value).is_some() {
                return Err(k.duplicate_field());
            }
        }
        Ok(out)
    }
}

/// Any JSON (response metadata), numbers as serde_json keeps them.
impl FromJson for serde_json::Value {
    fn from_json(v: &Node<'_>) -> JsonResult<Self> {
        Ok(to_serde(v))
    }
}

pub(super) fn to_serde(v: &Node<'_>) -> serde_json::Value {
    match &v.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(Number::PosInt(n)) => serde_json::Value::from(*n),
        Value::Number(Number::NegInt(n)) => serde_json::Value::from(*n),
        // Finite (the parser refuses others), so never null here.
        Value::Number(Number::Float(x)) => serde_json::Value::from(*x),
        Value::String(s) => serde_json::Value::String(String::from(&**s)),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(entries) => {
            // A repeated key: the last value wins, as in serde_json.
            let mut m = serde_json::Map::new();
            for (k, item) in entries {
                m.insert(k.text.to_string(), to_serde(item));
            }
            serde_json::Value::Object(m)
        }
    }
}
