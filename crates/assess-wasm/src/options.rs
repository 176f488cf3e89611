//! The option objects a page passes, as Rust structs: their TypeScript
//! declarations are generated from these (tsify), and each maps one to one
//! onto the core's option builder.

use assess_core::Policy;
#[cfg(feature = "recommend")]
use assess_core::Schooling;
use assess_text::json::json_struct;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const ASSESS_ERROR: &str = r#"
/**
 * What every function of this package throws on bad input: a subclass of
 * `Error` (so `e instanceof AssessError` and `e instanceof Error` hold),
 * with the first problem's kind, key path, and 1-based line and column
 * (`null` when unknown), and the list of all problems.
 */
export class AssessError extends Error {
    private constructor();
    name: "AssessError";
    kind: ProblemKind;
    path: string;
    line: number | null;
    column: number | null;
    problems: Problem[];
}
"#;

/// How to score (`Instrument.score`, `Instrument.check`).
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreOptions {
    /// Language of the report text (`id` by default); one of the
    /// instrument's languages.
    #[serde(default)]
    #[tsify(optional)]
    pub language: Option<String>,
    /// `reject` (default: any problem throws) or `warn` (problems become
    /// the report's warnings).
    #[serde(default)]
    #[tsify(optional)]
    pub policy: Option<Policy>,
    /// The form answered, when the response set does not say.
    #[serde(default)]
    #[tsify(optional)]
    pub form: Option<String>,
    /// Use this norm group instead of each scale's first.
    #[serde(default)]
    #[tsify(optional)]
    pub norm_group: Option<String>,
}

json_struct!(deny ScoreOptions {
    language: "language" = None,
    policy: "policy" = None,
    form: "form" = None,
    norm_group: "normGroup" = None,
});

impl ScoreOptions {
    /// The core's options.
    pub fn to_core(&self) -> assess_core::ScoreOptions {
        assess_core::ScoreOptions::new()
            .language(self.language.as_deref().unwrap_or("id"))
            .policy(self.policy.unwrap_or_default())
            .norm_group(self.norm_group.as_deref())
    }
}

/// Which items to render and in what order (`Instrument.items`).
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemOptions {
    /// The form (`full` by default).
    #[serde(default)]
    #[tsify(optional)]
    pub form: Option<String>,
    /// Shuffle the item order (and the options of formats with
    /// `shuffle = true`) with this seed; store it to reproduce the order.
    /// An integer from 0 to 2^53 − 1.
    #[serde(default)]
    #[tsify(optional)]
    pub seed: Option<u64>,
}

json_struct!(deny ItemOptions { form: "form" = None, seed: "seed" = None });

/// What to recommend (`recommend`).
#[cfg(feature = "recommend")]
#[derive(Clone, Debug, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecommendOptions {
    /// Language of names and explanations (`id` by default); one of the
    /// catalogue's languages.
    #[serde(default)]
    #[tsify(optional)]
    pub language: Option<String>,
    /// How many families (5 by default; 0 for all).
    #[serde(default)]
    #[tsify(optional)]
    pub top: Option<usize>,
    /// Only families whose usual schooling is at most this level.
    #[serde(default)]
    #[tsify(optional)]
    pub max_schooling: Option<Schooling>,
    /// Only families whose job zone (1-5, the preparation they usually
    /// need) is at most this.
    #[serde(default)]
    #[tsify(optional)]
    pub max_zone: Option<usize>,
    /// Only families in at least one of these sectors.
    #[serde(default)]
    #[tsify(optional)]
    pub sectors: Option<Vec<String>>,
    /// Only families whose accessibility notes address all these groups
    /// (as asked for by the user; never inferred).
    #[serde(default)]
    #[tsify(optional)]
    pub accommodations_for: Option<Vec<String>>,
}

#[cfg(feature = "recommend")]
json_struct!(deny RecommendOptions {
    language: "language" = None,
    top: "top" = None,
    max_schooling: "maxSchooling" = None,
    max_zone: "maxZone" = None,
    sectors: "sectors" = None,
    accommodations_for: "accommodationsFor" = None,
});

#[cfg(feature = "recommend")]
impl RecommendOptions {
    /// The core's options.
    pub fn to_core(&self) -> assess_core::RecommendOptions {
        let strs = |v: &Option<Vec<String>>| -> Vec<String> { v.clone().unwrap_or_default() };
        let sectors = strs(&self.sectors);
        let groups = strs(&self.accommodations_for);
        assess_core::RecommendOptions::new()
            .language(self.language.as_deref().unwrap_or("id"))
            .top(self.top.unwrap_or(assess_core::recommend::DEFAULT_TOP))
            .max_schooling(self.max_schooling)
            // Every zone is at most 5: a larger limit filters nothing.
            .max_zone(self.max_zone.map(|z| u8::try_from(z).unwrap_or(u8::MAX)))
            .sectors(&sectors.iter().map(String::as_str).collect::<Vec<_>>())
            .accommodations_for(&groups.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use assess_text::Keys;
    use tsify::Tsify;

    /// The keys of a TypeScript interface declaration (`name?: type;`).
    fn declared(decl: &str) -> BTreeSet<&str> {
        decl.lines()
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(name, _)| name.trim_end_matches('?').trim())
            .filter(|name| !name.is_empty() && !name.contains(' '))
            .collect()
    }

    /// Each option object's keys are written twice, in serde's attributes
    /// (for the generated `.d.ts`) and in `json_struct!` (for reading):
    /// they must be the same keys.
    #[test]
    fn the_typescript_declarations_name_the_keys_that_are_read() {
        fn same<T: Tsify + Keys>() {
            let read: BTreeSet<&str> = T::KEYS.iter().copied().collect();
            assert_eq!(declared(T::DECL), read, "{}", T::DECL);
        }
        same::<super::ScoreOptions>();
        same::<super::ItemOptions>();
        #[cfg(feature = "recommend")]
        same::<super::RecommendOptions>();
        #[cfg(feature = "pages")]
        {
            same::<crate::BatchOptions>();
            same::<crate::ReportPageOptions>();
            same::<crate::SummaryPageOptions>();
        }
        // The parser of declarations sees a key that is there.
        assert!(declared(<super::ScoreOptions as Tsify>::DECL).contains("normGroup"));
    }
}
