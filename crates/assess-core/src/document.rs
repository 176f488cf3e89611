//! TOML documents with located errors: the shared first stage for
//! instruments and the job-family catalogue.
//!
//! 1. The size limit is checked before anything is parsed.
//! 2. The text is parsed into toml's spanned tree, recovering from syntax
//!    errors so that several are reported at once.
//! 3. The tree is deserialised into the raw structs; keys the format does
//!    not define are collected (not fatal yet) with their spans, and a type
//!    error is located at the value that caused it.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::error::{Problem, ProblemKind, did_you_mean};

/// A step in a key path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Renders a path as `items[12].scale`.
pub(crate) fn path_string(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// Parses `text` as TOML into `T`.
///
/// On success, returns the value and the problems for unknown keys (which
/// the caller reports together with its own validation problems). On
/// failure, returns every syntax problem, or the one type problem.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    max_bytes: usize,
    known_keys: &[&str],
) -> Result<(T, Vec<Problem>), Vec<Problem>> {
    if text.len() > max_bytes {
        return Err(vec![
            Problem::new(
                ProblemKind::TooLarge,
                "",
                format!(
                    "input is {} bytes; expected at most {max_bytes} bytes",
                    text.len()
                ),
            )
            .with_hint("split the file, or remove embedded figures that are not needed"),
        ]);
    }
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .take(crate::limits::MAX_PROBLEMS)
            .map(|e| {
                Problem::new(ProblemKind::Syntax, "", lower_first(e.message())).with_span(e.span())
            })
            .collect());
    }
    let mut ignored: Vec<Vec<Seg>> = Vec::new();
    let de = toml::de::Deserializer::from(table);
    let value: T = serde_ignored::deserialize(de, |path| ignored.push(segments(&path)))
        .map_err(|e| vec![type_problem(text, &e)])?;
    let unknown = if ignored.is_empty() {
        Vec::new()
    } else {
        let (tree, _) = DeTable::parse_recoverable(text);
        ignored
            .iter()
            .take(crate::limits::MAX_PROBLEMS)
            .map(|segs| {
                let key = match segs.last() {
                    Some(Seg::Key(k)) => k.as_str(),
                    _ => "",
                };
                Problem::new(
                    ProblemKind::UnknownKey,
                    path_string(segs),
                    format!("unknown key `{key}`"),
                )
                .with_span(key_span(tree.get_ref(), segs))
                .with_hint_opt(did_you_mean(key, known_keys.iter().copied()))
            })
            .collect()
    };
    Ok((value, unknown))
}

fn lower_first(s: &str) -> String {
    let s = s.trim_end_matches(['.', '\n']);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn segments(path: &serde_ignored::Path<'_>) -> Vec<Seg> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Map { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    };
    match path {
        Path::Seq { index, .. } => out.push(Seg::Index(*index)),
        // The spanned wrapper's private keys are not part of the document.
        Path::Map { key, .. } if !key.starts_with("$__serde_spanned") => {
            out.push(Seg::Key(key.clone()));
        }
        _ => {}
    }
    out
}

/// The span of the last key of `segs` in the tree (the key itself, so the
/// caret points at the typo).
fn key_span(root: &DeTable<'_>, segs: &[Seg]) -> Option<Range<usize>> {
    let mut table = root;
    let mut value: Option<&DeValue<'_>> = None;
    let mut span = None;
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                let t = match value {
                    None => table,
                    Some(v) => v.as_table()?,
                };
                let (key, v) = t.get_key_value(k.as_str())?;
                span = Some(key.span());
                table = t;
                value = Some(v.get_ref());
            }
            Seg::Index(i) => {
                let arr = value?.as_array()?;
                let v = arr.get(*i)?;
                span = Some(v.span());
                value = Some(v.get_ref());
            }
        }
    }
    span
}

/// The path of the deepest value (or key) whose span contains `pos`.
///
/// Searches the whole tree rather than trusting container spans: tables made
/// by `[a.b]` headers or `[[array]]` entries do not span their contents.
fn path_at(root: &DeTable<'_>, pos: usize) -> Vec<Seg> {
    fn in_table(t: &DeTable<'_>, pos: usize, out: &mut Vec<Seg>) -> bool {
        for (k, v) in t {
            out.push(Seg::Key(k.get_ref().to_string()));
            if k.span().contains(&pos) || in_value(v, pos, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    fn in_value(v: &toml::Spanned<DeValue<'_>>, pos: usize, out: &mut Vec<Seg>) -> bool {
        if let Some(t) = v.get_ref().as_table() {
            if in_table(t, pos, out) {
                return true;
            }
        } else if let Some(a) = v.get_ref().as_array() {
            for (i, item) in a.iter().enumerate() {
                out.push(Seg::Index(i));
                if in_value(item, pos, out) {
                    return true;
                }
                out.pop();
            }
        }
        v.span().contains(&pos)
    }
    let mut out = Vec::new();
    in_table(root, pos, &mut out);
    out
}

fn type_problem(text: &str, e: &toml::de::Error) -> Problem {
    let message = lower_first(e.message());
    let kind = if message.starts_with("missing field") {
        ProblemKind::MissingKey
    } else if message.starts_with("unknown variant") {
        ProblemKind::InvalidValue
    } else {
        ProblemKind::InvalidType
    };
    let path = match e.span() {
        Some(span) => {
            let (tree, _) = DeTable::parse_recoverable(text);
            path_string(&path_at(tree.get_ref(), span.start))
        }
        None => String::new(),
    };
    let message = message
        .replace("missing field", "missing key")
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected `true` or `false`");
    Problem::new(kind, path, message).with_span(e.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_strings() {
        let p = [
            Seg::Key("items".into()),
            Seg::Index(12),
            Seg::Key("scale".into()),
        ];
        assert_eq!(path_string(&p), "items[12].scale");
        assert_eq!(path_string(&[]), "");
    }

    #[test]
    fn path_at_finds_array_of_tables_entries() {
        let text = "[[items]]\nid = \"a\"\n[[items]]\nid = \"b\"\nscale = 3\n";
        let (tree, errs) = DeTable::parse_recoverable(text);
        assert!(errs.is_empty());
        let pos = text.find('3').unwrap();
        assert_eq!(path_string(&path_at(tree.get_ref(), pos)), "items[1].scale");
    }
}
