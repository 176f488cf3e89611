//! What every stage shares: arithmetic that gives the same bytes on every
//! platform ([`math`]), tolerances ([`prec`]), input limits ([`limits`]),
//! content hashes, seeded randomness, sorted sets, localised text and the
//! engine's own messages in each language ([`messages`]).

pub(crate) mod hash;
pub mod limits;
pub mod math;
pub mod messages;
pub mod prec;
pub(crate) mod random;
pub(crate) mod sorted;
pub(crate) mod text;

/// For the tests that prove a format's lists of keys agree with what its
/// readers accept (the instrument's and the catalogue's).
#[cfg(test)]
pub(crate) mod keys {
    use std::collections::BTreeSet;

    /// The keys the raw structs read, given each struct's `Keys::KEYS`;
    /// `source` is the file of their `from_de_struct!` lines, whose count
    /// must be the number of lists, so that no struct is left out.
    pub(crate) fn read_keys(source: &str, all: &[&'static [&'static str]]) -> BTreeSet<String> {
        assert_eq!(
            source.matches("\nfrom_de_struct!(").count(),
            all.len(),
            "a raw struct is missing from the test's list"
        );
        all.iter()
            .flat_map(|keys| keys.iter())
            .map(|k| (*k).to_owned())
            .collect()
    }

    /// Every property a JSON Schema names, in its definitions and at its top.
    #[cfg(feature = "schema")]
    pub(crate) fn schema_keys(schema: &serde_json::Value) -> BTreeSet<String> {
        let defs = schema["$defs"]
            .as_object()
            .into_iter()
            .flat_map(|d| d.values());
        defs.chain([schema])
            .filter_map(|def| def["properties"].as_object())
            .flat_map(|props| props.keys().cloned())
            .collect()
    }
}
