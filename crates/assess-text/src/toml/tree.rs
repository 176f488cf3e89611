//! The tree the reader builds: [`Value`]s with their spans, of each
//! [`Kind`], and [`Table`]s that remember how they were made, with the
//! rules TOML puts on adding to a table (a key or table defined twice, a
//! dotted key or header reaching into a value that is not an open table),
//! applied as each statement is read.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry as MapEntry;
use std::fmt;

use super::Span;
use super::read::{Errors, Header, Key};

/// A value and where it is in the text. A table made by a header spans the
/// header (`[a.b]`); a table made implicitly spans the key that made it;
/// the document's root table spans nothing (`0..0`).
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'i> {
    /// Where the value is in the text.
    pub span: Span,
    /// The value.
    pub kind: Kind<'i>,
}

/// What a value is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'i> {
    /// A string, escapes resolved.
    String(Cow<'i, str>),
    /// An integer as written.
    Integer(Integer<'i>),
    /// The float as written without `_`, which `f64::from_str` reads
    /// (`inf`, `-nan` included).
    Float(Cow<'i, str>),
    /// `true` or `false`.
    Boolean(bool),
    /// A date, time or date-time as written (checked, not converted).
    Datetime(&'i str),
    /// An array.
    Array(Vec<Value<'i>>),
    /// A table (header, dotted key or inline).
    Table(Table<'i>),
}

/// An integer as written: its digits without `_` or the radix prefix (a
/// decimal keeps its sign), for `i64::from_str_radix` with `radix`. Not
/// converted here, so that a number beyond `i64` is the walker's located
/// type error rather than a syntax error.
#[derive(Clone, Debug, PartialEq)]
pub struct Integer<'i> {
    /// The digits, without `_` or prefix; a decimal keeps its sign.
    pub digits: Cow<'i, str>,
    /// 2, 8, 10 or 16.
    pub radix: u32,
}

impl fmt::Display for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.radix {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        };
        write!(f, "{prefix}{}", self.digits)
    }
}

/// A table: its entries in key order, and how it was made (TOML's rules on
/// defining a table twice depend on it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'i> {
    pub(super) entries: BTreeMap<Cow<'i, str>, Entry<'i>>,
    /// Made as the parent of a header or a dotted key, not defined itself.
    pub(super) implicit: bool,
    /// Made by a dotted key.
    pub(super) dotted: bool,
    /// Written inline (`{ ... }`), so closed to later keys and headers.
    pub(super) inline: bool,
    /// One of the tables of an `[[array]]`.
    pub(super) of_tables: bool,
}

/// A key's span and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'i> {
    /// Where the key is in the text.
    pub key: Span,
    /// The value.
    pub value: Value<'i>,
}

impl<'i> Table<'i> {
    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Entry<'i>)> {
        self.entries.iter().map(|(k, e)| (&**k, e))
    }

    /// Whether the table has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
}

/// The tables of a document being read: the root, and the table the last
/// header opened (put in its place when the next header comes).
#[derive(Default)]
pub(super) struct State<'i> {
    pub(super) root: Table<'i>,
    pub(super) current: Table<'i>,
    pub(super) header: Option<Header<'i>>,
}

impl<'i> State<'i> {
    pub(super) fn keyval(
        &mut self,
        path: Vec<Key<'i>>,
        key: Key<'i>,
        value: Value<'i>,
        errors: &mut Errors,
    ) {
        let dotted = !path.is_empty();
        let Some(parent) = descend(&mut self.current, &path, dotted, false, errors) else {
            return;
        };
        if dotted && !parent.implicit {
            // Dotted keys cannot add to a table defined with a header.
            let last = path.last().map_or(&key, |k| k);
            errors.defined_twice(key.span.clone(), "table", &last.name, None);
            return;
        }
        insert(parent, key, value, errors);
    }

    /// Puts the table the last header opened in its place.
    pub(super) fn finish_table(&mut self, errors: &mut Errors) {
        let table = std::mem::take(&mut self.current);
        let Some(h) = self.header.take() else {
            self.root = table;
            return;
        };
        let value = Value {
            span: h.span.clone(),
            kind: Kind::Table(table),
        };
        let Some(parent) = descend(&mut self.root, &h.path, false, false, errors) else {
            return;
        };
        if !h.is_array {
            parent.entries.insert(
                h.key.name,
                Entry {
                    key: h.key.span,
                    value,
                },
            );
            return;
        }
        let mut value = value;
        if let Kind::Table(t) = &mut value.kind {
            t.of_tables = true;
        }
        match parent.entries.entry(h.key.name) {
            MapEntry::Vacant(v) => {
                v.insert(Entry {
                    key: h.key.span,
                    value: Value {
                        span: h.span,
                        kind: Kind::Array(vec![value]),
                    },
                });
            }
            MapEntry::Occupied(mut o) => match &mut o.get_mut().value.kind {
                // An array of tables: its tables are marked (a value array
                // holds inline tables at most, which are not).
                Kind::Array(items) if matches!(items.last(), Some(Value { kind: Kind::Table(t), .. }) if t.of_tables) =>
                {
                    items.push(value);
                }
                _ => {
                    let first = o.get().key.clone();
                    errors.defined_twice(h.key.span, "key", o.key(), Some(&first));
                }
            },
        }
    }

    pub(super) fn start_table(&mut self, h: Header<'i>, errors: &mut Errors) {
        if !h.is_array {
            if let Some(parent) = descend(&mut self.root, &h.path, false, false, errors) {
                if let Some(old) = parent.entries.remove(&*h.key.name) {
                    match old.value.kind {
                        Kind::Table(t) if t.implicit && !t.dotted => self.current = t,
                        kind => {
                            errors.defined_twice(
                                h.key.span.clone(),
                                "table",
                                &h.key.name,
                                Some(&old.key),
                            );
                            if let Kind::Table(t) = kind {
                                self.current = t;
                            }
                        }
                    }
                }
            }
        }
        self.current.implicit = false;
        self.current.dotted = false;
        self.header = Some(h);
    }
}

fn insert<'i>(table: &mut Table<'i>, key: Key<'i>, value: Value<'i>, errors: &mut Errors) {
    match table.entries.entry(key.name) {
        MapEntry::Vacant(v) => {
            v.insert(Entry {
                key: key.span,
                value,
            });
        }
        MapEntry::Occupied(o) => {
            let first = o.get().key.clone();
            errors.defined_twice(key.span, "key", o.key(), Some(&first));
        }
    }
}

/// A key-value pair inside `{ ... }`.
pub(super) fn insert_inline<'i>(
    table: &mut Table<'i>,
    path: &[Key<'i>],
    key: Key<'i>,
    value: Value<'i>,
    errors: &mut Errors,
) {
    let Some(parent) = descend(table, path, true, true, errors) else {
        return;
    };
    if parent.dotted == path.is_empty() {
        errors.defined_twice(key.span, "key", &key.name, None);
        return;
    }
    insert(parent, key, value, errors);
}

/// The table at `path` under `table`, made (implicit) where missing.
/// `dotted`: the path is a dotted key's (not a header's); `inline`: inside
/// an inline table.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
    inline: bool,
    errors: &mut Errors,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let entry = match table.entries.entry(key.name.clone()) {
            MapEntry::Vacant(v) => v.insert(Entry {
                key: key.span.clone(),
                value: Value {
                    span: key.span.clone(),
                    kind: Kind::Table(Table {
                        implicit: true,
                        dotted,
                        inline,
                        ..Table::default()
                    }),
                },
            }),
            MapEntry::Occupied(o) => o.into_mut(),
        };
        table = match &mut entry.value.kind {
            Kind::Array(items) if !inline => match items.last_mut().map(|v| &mut v.kind) {
                Some(Kind::Table(t)) if t.of_tables => t,
                _ => {
                    errors.cannot_extend(key.span.clone(), &key.name, "an array");
                    return None;
                }
            },
            Kind::Table(t) => {
                if !inline {
                    if t.inline {
                        errors.cannot_extend(key.span.clone(), &key.name, "an inline table");
                        return None;
                    }
                    if dotted && t.implicit {
                        t.dotted = true;
                    }
                }
                if dotted && !t.implicit {
                    errors.defined_twice(key.span.clone(), "table", &key.name, None);
                    return None;
                }
                t
            }
            _ => {
                errors.cannot_extend(key.span.clone(), &key.name, "not a table");
                return None;
            }
        };
    }
    Some(table)
}
