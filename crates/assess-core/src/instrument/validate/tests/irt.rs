//! The `[irt]` settings and the items' IRT parameters.

use super::*;

// ---- [irt] settings --------------------------------------------------------

#[test]
fn irt_status_unknown() {
    check(
        &swap(
            &with_irt(""),
            "status = \"draft\"\nsource = \"Invented",
            "status = \"final\"\nsource = \"Invented",
        ),
        &[(
            InvalidValue,
            "irt.status",
            "unknown status `final`; expected one of `draft`, `provisional`, `validated`",
            Some((25, 10)),
        )],
    );
}

#[test]
fn irt_scaling_zero() {
    check(
        &with_irt("scaling = 0.0\n"),
        &[(
            InvalidValue,
            "irt.scaling",
            "expected a scaling constant greater than 0 (1 or 1.702), found 0",
            Some((28, 11)),
        )],
    );
}

#[test]
fn irt_estimator_unknown() {
    check(
        &with_irt("estimator = \"mle\"\n"),
        &[(
            InvalidValue,
            "irt.estimator",
            "unknown estimator `mle`; expected one of `eap`, `map`, `ml`, `wle`",
            Some((28, 13)),
        )],
    );
}

#[test]
fn irt_quadrature_points_and_range() {
    check(
        &with_irt("quadrature = { points = 4, min = 4.0, max = -4.0 }\n"),
        &[
            (
                InvalidValue,
                "irt.quadrature",
                "expected `min` < `max` within 20 logits, found [4, -4]",
                Some((28, 14)),
            ),
            (
                InvalidValue,
                "irt.quadrature.points",
                "expected 5 to 401 quadrature points, found 4",
                Some((28, 25)),
            ),
        ],
    );
}

#[test]
fn irt_quadrature_points_at_their_bounds() {
    valid(&with_irt(
        "quadrature = { points = 5, min = -4.0, max = 4.0 }\n",
    ));
    valid(&with_irt(
        "quadrature = { points = 401, min = -10.0, max = 10.0 }\n",
    ));
    check(
        &with_irt("quadrature = { points = 402, min = -4.0, max = 4.0 }\n"),
        &[(
            InvalidValue,
            "irt.quadrature.points",
            "expected 5 to 401 quadrature points, found 402",
            Some((28, 25)),
        )],
    );
}

#[test]
fn irt_prior_out_of_range() {
    check(
        &with_irt("prior = { mean = 11.0, sd = 0.0 }\n"),
        &[
            (
                InvalidValue,
                "irt.prior.mean",
                "expected a prior mean from -10 to 10, found 11",
                Some((28, 18)),
            ),
            (
                InvalidValue,
                "irt.prior.sd",
                "expected a prior SD greater than 0 and at most 10, found 0",
                Some((28, 29)),
            ),
        ],
    );
}

#[test]
fn irt_clamp_missing() {
    check(
        &with_irt("extreme = \"clamp\"\n"),
        &[(
            MissingKey,
            "irt.clamp",
            "`extreme = \"clamp\"` needs `clamp = [min, max]`",
            Some((24, 1)),
        )],
    );
}

#[test]
fn irt_clamp_reversed() {
    check(
        &with_irt("extreme = \"clamp\"\nclamp = [4.0, -4.0]\n"),
        &[(
            InvalidValue,
            "irt.clamp",
            "expected `clamp = [min, max]` with min < max",
            Some((29, 9)),
        )],
    );
}

#[test]
fn irt_clamp_without_clamp_policy() {
    check(
        &with_irt("extreme = \"map\"\nclamp = [-4.0, 4.0]\n"),
        &[(
            Inconsistent,
            "irt.clamp",
            "`clamp` applies only with `extreme = \"clamp\"`",
            Some((29, 9)),
        )],
    );
}

#[test]
fn irt_extreme_unknown() {
    check(
        &with_irt("extreme = \"drop\"\n"),
        &[(
            InvalidValue,
            "irt.extreme",
            "unknown extreme-pattern policy `drop`; expected one of `map`, `eap`, `clamp`",
            Some((28, 11)),
        )],
    );
}

// ---- item IRT parameters ---------------------------------------------------

#[test]
fn irt_item_without_settings() {
    let t = with_binary_irt("{ model = \"2pl\", a = 1.2, b = 0.5 }");
    check(
        &swap(&t, IRT, ""),
        &[(
            MissingKey,
            "items[6].irt",
            "items with `irt` parameters need an `[irt]` section stating their `status` and `source`",
            Some((136, 7)),
        )],
    );
}

#[test]
fn irt_model_unknown() {
    check(
        &with_binary_irt("{ model = \"5pl\", a = 1.2, b = 0.5 }"),
        &[(
            InvalidValue,
            "items[6].irt.model",
            "unknown IRT model `5pl`; expected one of `rasch`, `2pl`, `3pl`, `4pl`, `grm`, `gpcm`",
            Some((140, 17)),
        )],
    );
}

#[test]
fn irt_dichotomous_model_on_likert() {
    check(
        &with_likert_irt("{ model = \"2pl\", a = 1.2, b = 0.5 }"),
        &[(
            Inconsistent,
            "items[0].irt.model",
            "model `2pl` is for 0/1 items; format `suka5` has 5 categories (use `grm` or `gpcm`)",
            Some((94, 17)),
        )],
    );
}

#[test]
fn irt_ordered_model_on_binary() {
    check(
        &with_binary_irt("{ model = \"grm\", a = 1.2, b = [0.5] }"),
        &[(
            Inconsistent,
            "items[6].irt.model",
            "model `grm` is for items with ordered categories; use `2pl` for a 0/1 item",
            Some((140, 17)),
        )],
    );
}

#[test]
fn irt_rasch_with_slope() {
    check(
        &with_binary_irt("{ model = \"rasch\", a = 1.2, b = 0.5 }"),
        &[(
            Inconsistent,
            "items[6].irt.a",
            "`a` does not apply to model `rasch`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_2pl_without_slope() {
    check(
        &with_binary_irt("{ model = \"2pl\", b = 0.5 }"),
        &[(
            MissingKey,
            "items[6].irt.a",
            "missing key `a` (discrimination) for model `2pl`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_slope_out_of_range() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 25.0, b = 0.5 }"),
        &[(
            IrtOutOfRange,
            "items[6].irt.a",
            "discrimination `a` must be greater than 0 and at most 20, found 25",
            Some((140, 28)),
        )],
    );
}

#[test]
fn irt_3pl_without_guessing() {
    check(
        &with_binary_irt("{ model = \"3pl\", a = 1.2, b = 0.5 }"),
        &[(
            MissingKey,
            "items[6].irt.c",
            "missing key `c` (lower asymptote) for model `3pl`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_guessing_out_of_range() {
    check(
        &with_binary_irt("{ model = \"3pl\", a = 1.2, b = 0.5, c = 1.0 }"),
        &[(
            IrtOutOfRange,
            "items[6].irt.c",
            "guessing `c` must be in [0, 1), found 1",
            Some((140, 46)),
        )],
    );
}

#[test]
fn irt_guessing_on_2pl() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 1.2, b = 0.5, c = 0.2 }"),
        &[(
            Inconsistent,
            "items[6].irt.c",
            "`c` does not apply to model `2pl`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_4pl_without_upper() {
    check(
        &with_binary_irt("{ model = \"4pl\", a = 1.2, b = 0.5, c = 0.2 }"),
        &[(
            MissingKey,
            "items[6].irt.u",
            "missing key `u` (upper asymptote) for model `4pl`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_4pl_upper_below_guessing() {
    check(
        &with_binary_irt("{ model = \"4pl\", a = 1.2, b = 0.5, c = 0.2, u = 0.1 }"),
        &[(
            IrtOutOfRange,
            "items[6].irt.u",
            "upper asymptote `u` must be in (c, 1], found 0.1",
            Some((140, 55)),
        )],
    );
}

#[test]
fn irt_both_b_and_d() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 1.2, b = 0.5, d = -0.6 }"),
        &[(
            Inconsistent,
            "items[6].irt.d",
            "give either `b` (a/b form) or `d` (slope–intercept form), not both",
            Some((140, 46)),
        )],
    );
}

#[test]
fn irt_neither_b_nor_d() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 1.2 }"),
        &[(
            MissingKey,
            "items[6].irt.b",
            "missing key `b` (difficulty) or `d` (intercept) for model `2pl`",
            Some((140, 7)),
        )],
    );
}

#[test]
fn irt_list_for_a_dichotomous_model() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 1.2, b = [0.5] }"),
        &[(
            InvalidType,
            "items[6].irt.b",
            "expected one number for model `2pl`, found a list",
            Some((140, 37)),
        )],
    );
}

#[test]
fn irt_one_number_for_grm() {
    check(
        &with_likert_irt("{ model = \"grm\", a = 1.2, b = 0.5 }"),
        &[(
            InvalidType,
            "items[0].irt.b",
            "expected a list of 4 thresholds for model `grm`, found one number",
            Some((94, 37)),
        )],
    );
}

#[test]
fn irt_grm_wrong_threshold_count() {
    check(
        &with_likert_irt("{ model = \"grm\", a = 1.2, b = [-1.0, 0.0, 1.0] }"),
        &[(
            Inconsistent,
            "items[0].irt.b",
            "expected 4 values (categories − 1) for a format with 5 categories, found 3",
            Some((94, 37)),
        )],
    );
}

#[test]
fn irt_location_out_of_range() {
    check(
        &with_binary_irt("{ model = \"2pl\", a = 1.2, b = 60.0 }"),
        &[(
            IrtOutOfRange,
            "items[6].irt.b",
            "`b` must be a finite number from -50 to 50, found 60",
            Some((140, 37)),
        )],
    );
}

#[test]
fn irt_grm_thresholds_unordered() {
    check(
        &with_likert_irt("{ model = \"grm\", a = 1.2, b = [-1.0, 1.0, 0.0, 2.0] }"),
        &[(
            IrtUnordered,
            "items[0].irt.b",
            "graded-response thresholds `b` must be strictly increasing, found [-1, 1, 0, 2]",
            Some((94, 37)),
        )],
    );
}

#[test]
fn irt_grm_intercepts_must_decrease() {
    valid(&with_likert_irt(
        "{ model = \"grm\", a = 1.2, d = [2.0, 1.0, 0.0, -1.0] }",
    ));
    check(
        &with_likert_irt("{ model = \"grm\", a = 1.2, d = [-1.0, 0.0, 1.0, 2.0] }"),
        &[(
            IrtUnordered,
            "items[0].irt.d",
            "graded-response thresholds `d` must be strictly decreasing, found [-1, 0, 1, 2]",
            Some((94, 37)),
        )],
    );
}
