//! Norm groups: normal and table norms.

use super::*;

// ---- norms ---------------------------------------------------------------

#[test]
fn norm_group_checks() {
    check(
        &with_norm(
            "group = \"smk\"\nsource = \"Invented for a unit test.\"\nsample_size = 120\npopulation = \"SMK pupils\"\ncollected = \"2024\"",
            "group = \"SMK 1\"\nsource = \"\"\nsample_size = 0\npopulation = \"\"\ncollected = \"\"\nstatus = \"final\"",
        ),
        &[
            (
                InvalidValue,
                "scales[1].norms[0].group",
                "invalid identifier `SMK 1`; expected a letter followed by letters, digits, `-` or `_`",
                Some((87, 9)),
            ),
            (
                InvalidValue,
                "scales[1].norms[0].source",
                "expected a non-empty text, found an empty one",
                Some((88, 10)),
            ),
            (
                InvalidValue,
                "scales[1].norms[0].sample_size",
                "expected a positive whole number, found 0",
                Some((89, 15)),
            ),
            (
                InvalidValue,
                "scales[1].norms[0].population",
                "expected a non-empty text, found an empty one",
                Some((90, 14)),
            ),
            (
                InvalidValue,
                "scales[1].norms[0].collected",
                "expected a non-empty text, found an empty one",
                Some((91, 13)),
            ),
            (
                InvalidValue,
                "scales[1].norms[0].status",
                "unknown status `final`; expected one of `draft`, `provisional`, `validated`",
                Some((92, 10)),
            ),
        ],
    );
}

#[test]
fn norm_group_duplicate() {
    let t = with_norm("", "");
    check(
        &before(
            &t,
            FIRST_ITEM,
            "[[scales.norms]]\ngroup = \"smk\"\nsource = \"Invented.\"\nsample_size = 50\npopulation = \"SMK pupils\"\ncollected = \"2025\"\nmethod = \"normal\"\nmean = 3.0\nsd = 0.8\nnormal = true\n\n",
        ),
        &[(
            DuplicateId,
            "scales[1].norms[1].group",
            "duplicate norm group `smk`",
            Some((98, 9)),
        )],
    );
}

#[test]
fn norm_method_unknown() {
    check(
        &with_norm("method = \"normal\"", "method = \"linear\""),
        &[(
            InvalidValue,
            "scales[1].norms[0].method",
            "unknown norm method `linear`; expected one of `normal`, `table`",
            Some((92, 10)),
        )],
    );
}

#[test]
fn norm_normal_without_claim() {
    check(
        &with_norm("normal = true\n", ""),
        &[(
            MissingKey,
            "scales[1].norms[0].normal",
            "`method = \"normal\"` needs `normal = true`, stating that the scores are approximately normal",
            Some((86, 1)),
        )],
    );
}

#[test]
fn norm_normal_sd_not_positive() {
    check(
        &with_norm("sd = 0.8", "sd = 0.0"),
        &[(
            InvalidValue,
            "scales[1].norms[0].sd",
            "expected a positive standard deviation, found 0",
            Some((94, 6)),
        )],
    );
}

#[test]
fn norm_normal_mean_not_finite() {
    check(
        &with_norm("mean = 3.0", "mean = nan"),
        &[(
            InvalidValue,
            "scales[1].norms[0].mean",
            "expected a finite number, found `NaN`",
            Some((93, 8)),
        )],
    );
}

#[test]
fn norm_normal_without_mean() {
    check(
        &with_norm("mean = 3.0\n", ""),
        &[(
            MissingKey,
            "scales[1].norms[0]",
            "`method = \"normal\"` needs `mean` and `sd`",
            Some((86, 1)),
        )],
    );
}

#[test]
fn norm_normal_with_table() {
    check(
        &with_norm("normal = true\n", "normal = true\ntable = []\n"),
        &[(
            Inconsistent,
            "scales[1].norms[0].table",
            "`table` does not apply to `method = \"normal\"`",
            Some((96, 9)),
        )],
    );
}

#[test]
fn norm_table_with_mean() {
    check(
        &with_norm_table("method = \"table\"", "mean = 3.0\nmethod = \"table\""),
        &[(
            Inconsistent,
            "scales[1].norms[0].mean",
            "`mean` does not apply to `method = \"table\"`",
            Some((86, 1)),
        )],
    );
}

#[test]
fn norm_table_missing() {
    check(
        &with_norm(
            "method = \"normal\"\nmean = 3.0\nsd = 0.8\nnormal = true\n",
            "method = \"table\"\n",
        ),
        &[(
            MissingKey,
            "scales[1].norms[0].table",
            "`method = \"table\"` needs a `table`",
            Some((86, 1)),
        )],
    );
}

#[test]
fn norm_table_one_row() {
    check(
        &with_norm_table(
            "  { score = 3.0, percentile = 50.0, t = 50.0 },\n  { score = 5.0, percentile = 95.0, t = 66.0 },\n",
            "",
        ),
        &[(
            Empty,
            "scales[1].norms[0].table",
            "a norm table needs at least two rows",
            Some((93, 9)),
        )],
    );
}

#[test]
fn norm_table_percentile_out_of_range() {
    check(
        &with_norm_table("percentile = 95.0", "percentile = 101.0"),
        &[(
            InvalidValue,
            "scales[1].norms[0].table[2].percentile",
            "expected a percentile from 0 to 100, found 101",
            Some((96, 31)),
        )],
    );
}

#[test]
fn norm_table_not_monotone() {
    check(
        &with_norm_table(
            "{ score = 5.0, percentile = 95.0, t = 66.0 }",
            "{ score = 3.0, percentile = 40.0, t = 45.0 }",
        ),
        &[
            (
                NormNotMonotone,
                "scales[1].norms[0].table[2].score",
                "scores must increase down the table; found 3 after 3",
                Some((96, 13)),
            ),
            (
                NormNotMonotone,
                "scales[1].norms[0].table[2].percentile",
                "percentiles must not decrease as scores increase; found 40 after 50",
                Some((96, 31)),
            ),
            (
                NormNotMonotone,
                "scales[1].norms[0].table[2].t",
                "T-scores must not decrease as scores increase; found 45 after 50",
                Some((96, 41)),
            ),
        ],
    );
}
