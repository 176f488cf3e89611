//! Hand-written derives: [`json_struct!`](crate::json_struct) for structs,
//! [`json_names!`](crate::json_names) for unit enums (with their one list
//! of names, [`Names`]), and
//! [`deserialize_via_json!`](crate::deserialize_via_json), which gives a
//! type `serde::Deserialize` through [`FromJson`](super::FromJson), by way
//! of [`serde_error`] and a [`Node`] read from any serde format.

use std::borrow::Cow;
use std::fmt;

use super::read::one_of;
use super::{Key, Node, Number, Value};
use crate::problem::{Error, Problem, ProblemKind, shown};

/// Implements [`FromJson`](crate::json::FromJson) for a struct from its
/// fields and their keys. A field written `key = default` may be absent;
/// the others are required (reported in declaration order). Keys not
/// listed are refused (`deny`) or ignored (`ignore`), and a listed key
/// given twice is refused.
///
/// ```
/// use assess_text::json::{self, FromJson};
/// #[derive(Debug, PartialEq)]
/// struct Page { lang: String, size: u32 }
/// assess_text::json_struct!(deny Page { lang: "lang", size: "size" = 20 });
///
/// let p: Page = json::read(r#"{"lang": "id"}"#, "")?;
/// assert_eq!(p, Page { lang: "id".into(), size: 20 });
/// let err = json::read::<Page>(r#"{"lang": "id", "sise": 5}"#, "").unwrap_err();
/// assert_eq!(err.first().message(), "unknown field `sise`, expected `lang` or `size`");
/// # Ok::<(), assess_text::Error>(())
/// ```
#[macro_export]
macro_rules! json_struct {
    ($unknown:ident $ty:ident { $($f:ident: $k:literal $(= $def:expr)?),* $(,)? }) => {
        impl $crate::Keys for $ty {
            const KEYS: &'static [&'static str] = &[$($k),*];
        }
        impl $crate::json::FromJson for $ty {
            #[allow(non_snake_case)]
            fn from_json(v: &$crate::json::Node<'_>) -> $crate::json::JsonResult<Self> {
                const KEYS: &[&str] = <$ty as $crate::Keys>::KEYS;
                $(let mut $f = None;)*
                for (k, val) in v.object()? {
                    match &*k.text {
                        $($k => {
                            if $f.is_some() {
                                return Err(k.duplicate_field());
                            }
                            $f = Some($crate::json::field($k, val)?);
                        })*
                        _ => $crate::json_struct!(@$unknown k KEYS),
                    }
                }
                Ok($ty {
                    $($f: match $f {
                        Some(x) => x,
                        None => $crate::json_struct!(@missing v $k $($def)?),
                    },)*
                })
            }
        }
    };
    (@deny $k:ident $keys:ident) => { return Err($k.unknown_field($keys)) };
    (@ignore $k:ident $keys:ident) => {{ let _ = $keys; }};
    (@missing $v:ident $k:literal) => { return Err($v.missing_field($k)) };
    (@missing $v:ident $k:literal $def:expr) => { $def };
}

/// The names of a unit enum's variants, as they are written in JSON, CSV
/// and on the command line: one list per enum
/// ([`json_names!`](crate::json_names)), which a
/// test compares with what serde writes.
pub trait Names: Sized + Copy + PartialEq + 'static {
    /// Every variant with its name.
    const NAMES: &'static [(&'static str, Self)];

    /// The variant named `name`.
    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// This variant's name.
    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(n, _)| n)
    }

    /// The variant named `name`, or an `invalid_value` problem at `path`
    /// in serde's wording (``unknown variant `x`, expected `a` or `b` ``).
    ///
    /// # Errors
    ///
    /// When no variant has that name.
    fn parse_name(name: &str, path: &str) -> Result<Self, Error> {
        Self::from_name(name).ok_or_else(|| {
            let list: Vec<&str> = Self::NAMES.iter().map(|(n, _)| *n).collect();
            Error::single(Problem::new(
                ProblemKind::InvalidValue,
                path,
                format!(
                    "unknown variant `{}`, expected {}",
                    shown(name),
                    one_of(&list)
                ),
            ))
        })
    }
}

/// Implements [`Names`] and [`FromJson`](crate::json::FromJson) for a unit
/// enum from its names.
#[macro_export]
macro_rules! json_names {
    ($ty:ident { $($name:literal => $variant:ident),* $(,)? }) => {
        impl $crate::json::Names for $ty {
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $ty::$variant)),*];
        }
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node<'_>) -> $crate::json::JsonResult<Self> {
                v.variant(<$ty as $crate::json::Names>::NAMES)
            }
        }
    };
}

/// Implements `serde::Deserialize` through
/// [`FromJson`](crate::json::FromJson), so that serde users get the same
/// rules and messages as [`read`](crate::json::read()).
#[macro_export]
macro_rules! deserialize_via_json {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> $crate::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let node = <$crate::json::Node<'static> as $crate::__serde::Deserialize>::deserialize(d)?;
                <$ty as $crate::json::FromJson>::from_json(&node)
                    .map_err(|p| $crate::json::serde_error(&p))
            }
        }
    )*};
}

/// A problem as a serde error: the message, then the path.
pub fn serde_error<E: serde::de::Error>(p: &Problem) -> E {
    if p.path().is_empty() {
        E::custom(p.message())
    } else {
        E::custom(format_args!("{} (at `{}`)", p.message(), p.path()))
    }
}

/// Any serde format into a [`Node`] (without locations; repeated keys kept
/// in order when the format delivers them).
impl<'de> serde::Deserialize<'de> for Node<'static> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Number(match u64::try_from(n) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(n),
        })))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Number(Number::PosInt(n))))
    }
    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Self::Value, E> {
        if x.is_finite() {
            Ok(Node::new(Value::Number(Number::Float(x))))
        } else {
            Err(E::custom("number out of range"))
        }
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Node::new(Value::String(Cow::Owned(s.to_owned()))))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Node::new(Value::String(Cow::Owned(s))))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Node::new(Value::Null))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node<'static>>()? {
            items.push(item);
        }
        Ok(Node::new(Value::Array(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Node<'static>>()? {
            entries.push((
                Key {
                    text: Cow::Owned(k),
                    span: 0..0,
                },
                v,
            ));
        }
        Ok(Node::new(Value::Object(entries)))
    }
}
