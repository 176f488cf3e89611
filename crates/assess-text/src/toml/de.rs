//! The walk from the TOML tree ([`crate::toml`]) into plain structs, with
//! located errors: the shared first stage for the engine's instruments and
//! job-family catalogue.
//!
//! 1. The size limit is checked before anything is parsed.
//! 2. The text is parsed into the spanned tree of [`crate::toml`],
//!    recovering from syntax errors so that several are reported at once.
//! 3. The tree is walked into the raw structs by hand-written code (the
//!    [`FromDe`] trait; `from_de_struct!` for each struct), not by serde:
//!    keys the format does not define are collected (not fatal yet) with
//!    their spans, and a type error is located at the value that caused it.
//!    serde's derived deserialisers were most of the WebAssembly package.

use std::collections::BTreeMap;

use crate::problem::{Problem, ProblemKind, did_you_mean};
use crate::spanned::Sp;
use crate::toml::{Kind, Table};

/// Parses `text` as TOML into `T`.
///
/// On success, returns the value and the problems for unknown keys (which
/// the caller reports together with its own validation problems). On
/// failure, returns every syntax problem, or the one type problem.
pub fn parse<T: FromDe>(
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
    let (root, errors) = crate::toml::parse(text, crate::MAX_PROBLEMS);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| Problem::new(ProblemKind::Syntax, "", e.message).with_span(Some(e.span)))
            .collect());
    }
    let mut cx = Cx {
        unknown: Vec::new(),
        known_keys,
    };
    let value = T::from_de(&root, &mut cx).map_err(|e| vec![*e])?;
    Ok((value, cx.unknown))
}

/// The walk from the spanned tree into the raw structs: the unknown keys
/// met so far.
///
/// Hand-written rather than serde-derived: the WebAssembly package carries
/// one small walker instead of a deserialiser per struct and wrapper.
///
/// A problem is made with the key path from where it is found; each table
/// or array it leaves puts its key or index in front (`Problem::
/// prefix_path`), so a walk that meets no problem builds no path (it used
/// to allocate one `String` per key of the document).
pub struct Cx<'k> {
    unknown: Vec<Problem>,
    known_keys: &'k [&'k str],
}

/// The tree the walk reads.
pub type Value<'i> = crate::toml::Value<'i>;

/// A walk's result: the value, or the one problem that stops it (boxed:
/// the error path is rare and a `Problem` is large).
pub type DeResult<T> = Result<T, Box<Problem>>;

impl Cx<'_> {
    /// Reads the value of `key` into `T`, with `key` on the path.
    pub fn field<T: FromDe>(&mut self, key: &str, v: &Value<'_>) -> DeResult<T> {
        let mark = self.unknown.len();
        let mut r = T::from_de(v, self);
        if r.is_err() || self.unknown.len() > mark {
            self.relocate(mark, r.as_mut().err(), key);
        }
        r
    }

    /// Puts `segment` in front of the path of `problem` and of the unknown
    /// keys recorded since `mark`. Not generic, and called only when there
    /// is a problem: each `field::<T>` stays small.
    #[inline(never)]
    fn relocate(&mut self, mark: usize, problem: Option<&mut Box<Problem>>, segment: &str) {
        for p in &mut self.unknown[mark..] {
            p.prefix_path(segment);
        }
        if let Some(p) = problem {
            p.prefix_path(segment);
        }
    }

    /// The table in `v`, or a type error.
    pub fn table<'a, 'i>(&self, v: &'a Value<'i>) -> DeResult<&'a Table<'i>> {
        match &v.kind {
            Kind::Table(t) => Ok(t),
            _ => Err(self.type_error(v, "a table")),
        }
    }

    /// Records a key the format does not define (reported with the
    /// validation problems, not fatal here).
    pub fn unknown(&mut self, name: &str, key: &crate::toml::Span) {
        if self.unknown.len() >= crate::MAX_PROBLEMS {
            return;
        }
        let problem = Problem::new(
            ProblemKind::UnknownKey,
            name,
            format!("unknown key `{name}`"),
        )
        .with_span(Some(key.clone()))
        .with_hint_opt(did_you_mean(name, self.known_keys.iter().copied()));
        self.unknown.push(problem);
    }

    /// A required key absent from the table `v`.
    pub fn missing(&self, key: &str, v: &Value<'_>) -> Box<Problem> {
        Box::new(
            Problem::new(ProblemKind::MissingKey, "", format!("missing key `{key}`"))
                .with_span(Some(v.span.clone())),
        )
    }

    /// "invalid type: X, expected Y" at `v`.
    pub fn type_error(&self, v: &Value<'_>, expected: &str) -> Box<Problem> {
        if let Kind::Float(f) = &v.kind {
            // As toml did, whatever was expected: `1e999` is no number.
            if crate::num::parse_f64(f).is_some_and(f64::is_infinite) && !f.contains("inf") {
                return self.problem(
                    v,
                    ProblemKind::InvalidValue,
                    "floating-point number overflowed".to_owned(),
                );
            }
        }
        self.problem(
            v,
            ProblemKind::InvalidType,
            format!("invalid type: {}, expected {expected}", found(&v.kind)),
        )
    }

    fn problem(&self, v: &Value<'_>, kind: ProblemKind, message: String) -> Box<Problem> {
        Box::new(Problem::new(kind, "", message).with_span(Some(v.span.clone())))
    }
}

/// How a value the walker did not expect is named in a type error (the
/// wording serde uses: ``integer `5` ``, `string "5"`).
fn found(v: &Kind<'_>) -> String {
    match v {
        Kind::String(s) => format!("string {}", crate::problem::quoted(s)),
        Kind::Integer(i) => format!("integer `{i}`"),
        Kind::Float(f) => match crate::num::parse_f64(f) {
            Some(x) => crate::num::float_found(x),
            None => format!("floating point `{f}`"),
        },
        Kind::Boolean(b) => format!("boolean `{b}`"),
        Kind::Datetime(d) => format!("date-time `{d}`"),
        Kind::Array(_) => "sequence".to_owned(),
        Kind::Table(_) => "map".to_owned(),
    }
}

/// Reading one raw type out of the spanned tree.
pub trait FromDe: Sized {
    /// Converts `v`, or says what is wrong with it and where.
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self>;
}

impl FromDe for String {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        match &v.kind {
            Kind::String(s) => Ok(String::from(&**s)),
            _ => Err(cx.type_error(v, "a string")),
        }
    }
}

impl FromDe for bool {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        match &v.kind {
            Kind::Boolean(b) => Ok(*b),
            _ => Err(cx.type_error(v, "`true` or `false`")),
        }
    }
}

impl FromDe for i64 {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        match &v.kind {
            Kind::Integer(i) => i64::from_str_radix(&i.digits, i.radix).map_err(|_| {
                cx.problem(
                    v,
                    ProblemKind::InvalidValue,
                    format!("invalid value: integer `{i}`, expected a whole number"),
                )
            }),
            _ => Err(cx.type_error(v, "a whole number")),
        }
    }
}

impl FromDe for f64 {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        let parsed = match &v.kind {
            Kind::Integer(i) => match i64::from_str_radix(&i.digits, i.radix) {
                Ok(n) => Ok(n as f64),
                // Beyond i64, as serde's f64 takes u64 and i128 too.
                Err(_) => u128::from_str_radix(i.digits.trim_start_matches('-'), i.radix)
                    .map(|n| {
                        if i.digits.starts_with('-') {
                            -(n as f64)
                        } else {
                            n as f64
                        }
                    })
                    .map_err(|_| "integer number overflowed"),
            },
            Kind::Float(f) => match crate::num::parse_f64(f) {
                Some(x) if x.is_infinite() && !f.contains("inf") => {
                    Err("floating-point number overflowed")
                }
                Some(x) => Ok(x),
                None => Err("floating-point number overflowed"),
            },
            _ => return Err(cx.type_error(v, "a number")),
        };
        parsed.map_err(|m| cx.problem(v, ProblemKind::InvalidValue, m.to_owned()))
    }
}

impl<T: FromDe> FromDe for Sp<T> {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        Ok(Sp {
            value: T::from_de(v, cx)?,
            span: v.span.clone(),
        })
    }
}

impl<T: FromDe> FromDe for Vec<T> {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        let mut out = Vec::new();
        cx.each_element(v, &mut |item, cx| {
            out.push(T::from_de(item, cx)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl Cx<'_> {
    /// Hands each element of the array `v` to `f`, with its index put on
    /// the path of a problem. Not generic: each `Vec<T>` reader is only
    /// the closure that reads one `T` (there are about fifteen).
    #[inline(never)]
    fn each_element(
        &mut self,
        v: &Value<'_>,
        f: &mut dyn FnMut(&Value<'_>, &mut Self) -> DeResult<()>,
    ) -> DeResult<()> {
        let Kind::Array(items) = &v.kind else {
            return Err(self.type_error(v, "a sequence"));
        };
        for (i, item) in items.iter().enumerate() {
            let mark = self.unknown.len();
            let mut r = f(item, self);
            if r.is_err() || self.unknown.len() > mark {
                self.relocate(mark, r.as_mut().err(), &format!("[{i}]"));
            }
            r?;
        }
        Ok(())
    }

    /// Hands each entry of the table `v` whose key is in `keys` to `f`
    /// with the key's index; records the others as unknown keys. Not
    /// generic: a struct's reader (`from_de_struct!`) is only the closure
    /// that stores field `i`.
    #[inline(never)]
    pub fn fields(
        &mut self,
        v: &Value<'_>,
        keys: &[&str],
        f: &mut dyn FnMut(usize, &Value<'_>, &mut Self) -> DeResult<()>,
    ) -> DeResult<()> {
        let t = self.table(v)?;
        for (key, e) in t.iter() {
            match keys.iter().position(|k| *k == key) {
                Some(i) => f(i, &e.value, self)?,
                None => self.unknown(key, &e.key),
            }
        }
        Ok(())
    }
}

impl<T: FromDe> FromDe for BTreeMap<String, T> {
    fn from_de(v: &Value<'_>, cx: &mut Cx<'_>) -> DeResult<Self> {
        let mut out = BTreeMap::new();
        for_each_entry(v, cx, |key, value: T| {
            out.insert(key, value);
        })?;
        Ok(out)
    }
}

/// Reads each entry of a table whose keys are free (language codes, format
/// names) as `T` and hands it to `f`, in the order the table holds them. A
/// TOML table has no repeated keys.
pub fn for_each_entry<T: FromDe>(
    v: &Value<'_>,
    cx: &mut Cx<'_>,
    mut f: impl FnMut(String, T),
) -> DeResult<()> {
    let Kind::Table(t) = &v.kind else {
        return Err(cx.type_error(v, "a map"));
    };
    for (key, e) in t.iter() {
        f(key.to_owned(), cx.field(key, &e.value)?);
    }
    Ok(())
}

/// Implements [`FromDe`] for a raw struct: the required fields (in
/// declaration order, which is the order missing keys are reported in),
/// then the optional ones, each with its key in the file. Keys not listed
/// are recorded as unknown. The keys are also the struct's
/// [`crate::Keys`], so that a test can compare them with other lists of
/// the format's keys.
///
/// Each struct's reader, like each validation pass of instruments and
/// catalogues, is `#[inline(never)]`: in the WebAssembly build, link-time
/// optimisation otherwise folds readers and passes that are called once
/// into two functions of 37 and 47 KB, which the browser's optimising
/// compiler takes about 100 ms of CPU each to compile during the first
/// load of an instrument (docs/benchmark-history.md, WebAssembly package). Native code
/// is unaffected in practice: these run once per file.
#[macro_export]
macro_rules! from_de_struct {
    ($ty:ident { $($req:ident: $rk:literal),* $(,)? } { $($opt:ident: $ok:literal),* $(,)? }) => {
        impl $crate::Keys for $ty {
            const KEYS: &'static [&'static str] = &[$($rk,)* $($ok,)*];
        }
        impl $crate::toml::de::FromDe for $ty {
            #[allow(non_snake_case)]
            #[inline(never)] // one WebAssembly function per struct (see above)
            fn from_de(
                v: &$crate::toml::de::Value<'_>,
                cx: &mut $crate::toml::de::Cx<'_>,
            ) -> $crate::toml::de::DeResult<Self> {
                const KEYS: &[&str] = <$ty as $crate::Keys>::KEYS;
                $(let mut $req = None;)*
                $(let mut $opt = None;)*
                // The keys are matched by `Cx::fields` (not generic); each
                // field here is one arm on its index.
                cx.fields(v, KEYS, &mut |i, value, cx| {
                    let mut n = 0;
                    $(
                        if i == n {
                            $req = Some(cx.field(KEYS[n], value)?);
                            return Ok(());
                        }
                        n += 1;
                    )*
                    $(
                        if i == n {
                            $opt = Some(cx.field(KEYS[n], value)?);
                            return Ok(());
                        }
                        n += 1;
                    )*
                    let _ = n;
                    Ok(())
                })?;
                Ok($ty {
                    $($req: match $req {
                        Some(x) => x,
                        None => return Err(cx.missing($rk, v)),
                    },)*
                    $($opt,)*
                })
            }
        }
    };
}
#[doc(inline)]
pub use from_de_struct;

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    /// A small raw struct exercising every kind of value the walker reads.
    #[derive(Debug)]
    struct T {
        n: Sp<i64>,
        x: Option<Sp<f64>>,
        s: Option<Sp<Vec<Sp<String>>>>,
        t: Option<Sp<BTreeMap<String, String>>>,
        b: Option<Sp<bool>>,
        m: Option<Sp<BTreeMap<String, Sp<T>>>>,
    }
    from_de_struct!(T { n: "n" } { x: "x", s: "s", t: "t", b: "b", m: "m" });

    fn err(text: &str) -> (ProblemKind, String, String, Option<Range<usize>>) {
        let p = match parse::<T>(text, 1 << 20, &["n", "x"]) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(mut p) => p.remove(0),
        };
        (
            p.kind(),
            p.path().to_owned(),
            p.message().to_owned(),
            p.span(),
        )
    }

    #[test]
    fn reads_values_with_spans() {
        let text = "n = 3\nx = 2\ns = [\"a\"]\nt = { id = \"Halo\" }\nb = true\n[m.k]\nn = 4\n";
        let (v, unknown) = parse::<T>(text, 1 << 20, &[]).unwrap();
        assert!(unknown.is_empty());
        assert_eq!(*v.n, 3);
        assert_eq!(&text[v.n.span.clone()], "3");
        assert_eq!(v.x.map(|x| *x), Some(2.0)); // an integer is a number
        assert_eq!(v.s.unwrap()[0].value, "a");
        assert_eq!(v.t.unwrap()["id"], "Halo");
        assert_eq!(v.b.map(|b| *b), Some(true));
        assert_eq!(*v.m.unwrap()["k"].n, 4);
    }

    #[test]
    fn type_errors_name_what_was_expected_and_found() {
        let cases = [
            // (document, path, message, the located text)
            (
                "n = 1.5",
                "n",
                "invalid type: floating point `1.5`, expected a whole number",
                "1.5",
            ),
            (
                "n = 2.0",
                "n",
                "invalid type: floating point `2.0`, expected a whole number",
                "2.0",
            ),
            (
                "n = 1e3",
                "n",
                "invalid type: floating point `1000.0`, expected a whole number",
                "1e3",
            ),
            (
                "n = \"5\"",
                "n",
                "invalid type: string \"5\", expected a whole number",
                "\"5\"",
            ),
            (
                "n = [1]",
                "n",
                "invalid type: sequence, expected a whole number",
                "[1]",
            ),
            (
                "n = {}",
                "n",
                "invalid type: map, expected a whole number",
                "{}",
            ),
            (
                "n = 1979-05-27",
                "n",
                "invalid type: date-time `1979-05-27`, expected a whole number",
                "1979-05-27",
            ),
            (
                "n = 1\nx = \"a\"",
                "x",
                "invalid type: string \"a\", expected a number",
                "\"a\"",
            ),
            (
                "n = 1\nb = 1",
                "b",
                "invalid type: integer `1`, expected `true` or `false`",
                "1",
            ),
            (
                "n = 1\ns = [\"a\", 2]",
                "s[1]",
                "invalid type: integer `2`, expected a string",
                "2",
            ),
            (
                "n = 1\ns = \"a\"",
                "s",
                "invalid type: string \"a\", expected a sequence",
                "\"a\"",
            ),
            (
                "n = 1\nt = { id = 5 }",
                "t.id",
                "invalid type: integer `5`, expected a string",
                "5",
            ),
            (
                "n = 1\nt = \"Halo\"",
                "t",
                "invalid type: string \"Halo\", expected a map",
                "\"Halo\"",
            ),
            (
                "n = 1\nm = { k = 1 }",
                "m.k",
                "invalid type: integer `1`, expected a table",
                "1",
            ),
            (
                "n = 1\n[m.k]\nn = false",
                "m.k.n",
                "invalid type: boolean `false`, expected a whole number",
                "false",
            ),
            // serde accepted a struct written as a list (by position); a
            // TOML author never means that.
            (
                "n = 1\nm = { k = [] }",
                "m.k",
                "invalid type: sequence, expected a table",
                "[]",
            ),
        ];
        for (text, path, message, located) in cases {
            let (kind, p, m, span) = err(text);
            assert_eq!(
                (kind, p.as_str(), m.as_str()),
                (ProblemKind::InvalidType, path, message),
                "{text}"
            );
            let span = span.unwrap_or_default();
            assert_eq!(&text[span.clone()], located, "{text}");
            assert_eq!(span.start, text.rfind(located).unwrap_or(0), "{text}");
        }
    }

    #[test]
    fn out_of_range_numbers_are_errors_not_panics() {
        let (kind, path, message, _) = err("n = 9223372036854775808");
        assert_eq!((kind, path.as_str()), (ProblemKind::InvalidValue, "n"));
        assert_eq!(
            message,
            "invalid value: integer `9223372036854775808`, expected a whole number"
        );
        let (v, _) = parse::<T>("n = 1\nx = 18446744073709551616", 1 << 20, &[]).unwrap();
        assert_eq!(v.x.map(|x| *x), Some((1_u128 << 64) as f64));
        for text in ["n = 1\nx = 1e999", "n = 1e999", "n = 1\ns = -1e999"] {
            let (kind, _, message, _) = err(text);
            assert_eq!(
                (kind, message.as_str()),
                (
                    ProblemKind::InvalidValue,
                    "floating-point number overflowed"
                ),
                "{text}"
            );
        }
        let (_, _, message, _) = err("n = inf");
        assert_eq!(
            message,
            "invalid type: floating point `inf`, expected a whole number"
        );
    }

    #[test]
    fn missing_keys_are_located_at_their_table() {
        let (kind, path, message, span) = err("x = 1");
        assert_eq!(
            (kind, path.as_str(), message.as_str()),
            (ProblemKind::MissingKey, "", "missing key `n`")
        );
        assert!(span.is_some());
        let text = "n = 1\n[m.k]\nx = 1\n";
        let (kind, path, message, span) = err(text);
        assert_eq!(
            (kind, path.as_str(), message.as_str()),
            (ProblemKind::MissingKey, "m.k", "missing key `n`")
        );
        assert_eq!(&text[span.unwrap()], "[m.k]");
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_hint() {
        let text = "n = 1\nnn = 2\n[m.k]\nn = 1\ny = 3\n";
        let (_, unknown) = parse::<T>(text, 1 << 20, &["n", "x"]).unwrap();
        let got: Vec<_> = unknown
            .iter()
            .map(|p| {
                (
                    p.kind(),
                    p.path().to_owned(),
                    p.message().to_owned(),
                    &text[p.span().unwrap()],
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    ProblemKind::UnknownKey,
                    "m.k.y".to_owned(),
                    "unknown key `y`".to_owned(),
                    "y"
                ),
                (
                    ProblemKind::UnknownKey,
                    "nn".to_owned(),
                    "unknown key `nn`".to_owned(),
                    "nn"
                ),
            ]
        );
        assert!(unknown[1].hint().is_some_and(|h| h.contains("`n`")));
    }
}
