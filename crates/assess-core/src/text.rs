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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The language every instrument must carry: Bahasa Indonesia.
pub const PRIMARY_LANGUAGE: &str = "id";
/// The second fallback language: English.
pub const SECONDARY_LANGUAGE: &str = "en";

/// A text in several languages, keyed by language code (`id`, `en`, `jv`…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Localized(BTreeMap<String, String>);

impl crate::document::FromDe for Localized {
    fn from_de(
        v: &toml::Spanned<toml::de::DeValue<'_>>,
        cx: &mut crate::document::Cx<'_>,
    ) -> crate::document::DeResult<Self> {
        BTreeMap::from_de(v, cx).map(Localized)
    }
}

impl Localized {
    /// A text from `(language, text)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Localized(
            pairs
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
        )
    }

    /// The text in `lang`, following the fallback order: `lang`, then `id`,
    /// then `en`, then the first language present. Empty when the table is
    /// empty (validated instruments never have an empty table).
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(PRIMARY_LANGUAGE))
            .or_else(|| self.0.get(SECONDARY_LANGUAGE))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// The text in exactly `lang`, without fallback.
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// The languages present, in code order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
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
}
