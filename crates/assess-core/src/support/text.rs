//! Localised text.
//!
//! Every piece of text a person reads is a table keyed by language code:
//! `{ id = "Memperbaiki mesin jahit", en = "Repair sewing machines" }`.
//! Bahasa Indonesia (`id`) is required everywhere; an instrument declares
//! which other languages it carries, and each of them must then be complete.
//!
//! Fallback order when a text is asked for in a language: the requested
//! language, then Bahasa Indonesia (`id`), then English (`en`), then the
//! first language present in code order.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language every instrument must carry: Bahasa Indonesia.
pub const PRIMARY_LANGUAGE: &str = "id";
/// The second fallback language: English.
pub const SECONDARY_LANGUAGE: &str = "en";

/// A text in several languages, keyed by language code (`id`, `en`, `jv`…).
//
// Held as `(language, text)` pairs sorted by language, serialised as an
// object in that order: a table has a handful of languages, and a vector is
// much less WebAssembly than a B-tree on the way to the first
// `loadInstrument` (see `crate::support::sorted`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transparent))]
pub struct Localized(
    #[cfg_attr(
        feature = "schema",
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    Vec<(String, String)>,
);

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, String>::deserialize(d)?;
        Ok(Localized(map.into_iter().collect()))
    }
}

impl assess_text::toml::de::FromDe for Localized {
    fn from_de(
        v: &assess_text::toml::de::Value<'_>,
        cx: &mut assess_text::toml::de::Cx<'_>,
    ) -> assess_text::toml::de::DeResult<Self> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        assess_text::toml::de::for_each_entry(v, cx, |lang, text| pairs.push((lang, text)))?;
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(Localized(pairs))
    }
}

impl Localized {
    /// A text from `(language, text)` pairs; a repeated language keeps its
    /// last text.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut v: Vec<(String, String)> = Vec::new();
        for (l, t) in pairs {
            match v.binary_search_by(|(k, _)| k.as_str().cmp(l)) {
                Ok(at) => v[at].1 = t.to_owned(),
                Err(at) => v.insert(at, (l.to_owned(), t.to_owned())),
            }
        }
        Localized(v)
    }

    /// The text in `lang`, following the fallback order: `lang`, then `id`,
    /// then `en`, then the first language present. Empty when the table is
    /// empty (validated instruments never have an empty table).
    pub fn get(&self, lang: &str) -> &str {
        self.exact(lang)
            .or_else(|| self.exact(PRIMARY_LANGUAGE))
            .or_else(|| self.exact(SECONDARY_LANGUAGE))
            .or_else(|| self.0.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }

    /// The text in exactly `lang`, without fallback.
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(lang))
            .ok()
            .map(|at| self.0[at].1.as_str())
    }

    /// The languages present, in code order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(l, _)| l.as_str())
    }

    /// `(language, text)` pairs in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(l, t)| (l.as_str(), t.as_str()))
    }

    /// True when no language is present.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether `code` looks like an ISO 639 language code: two or three
/// lowercase ASCII letters.
pub(crate) fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_order_is_requested_then_id_then_en() {
        let t = Localized::from_pairs([("en", "Hello"), ("id", "Halo"), ("jv", "Sugeng")]);
        assert_eq!(t.get("jv"), "Sugeng");
        assert_eq!(t.get("en"), "Hello");
        assert_eq!(t.get("fr"), "Halo");
        let only_en = Localized::from_pairs([("en", "Hello"), ("zh", "你好")]);
        assert_eq!(only_en.get("fr"), "Hello");
        let only_zh = Localized::from_pairs([("zh", "你好")]);
        assert_eq!(only_zh.get("id"), "你好");
        assert_eq!(Localized::default().get("id"), "");
    }

    #[test]
    fn pairs_are_kept_in_code_order_and_serialise_as_an_object() {
        let t = Localized::from_pairs([
            ("id", "Halo"),
            ("en", "Hi"),
            ("en", "Hello"),
            ("jv", "Sugeng"),
        ]);
        assert_eq!(t.languages().collect::<Vec<_>>(), ["en", "id", "jv"]);
        assert_eq!(
            t.exact("en"),
            Some("Hello"),
            "a repeated language keeps its last text"
        );
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"en":"Hello","id":"Halo","jv":"Sugeng"}"#);
        let back: Localized =
            serde_json::from_str(r#"{"jv":"Sugeng","id":"Halo","en":"Hello"}"#).unwrap();
        assert_eq!(back, t);
    }
}
