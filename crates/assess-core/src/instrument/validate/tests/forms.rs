//! Forms and the `[quality]` rules.

use super::*;

// ---- forms ---------------------------------------------------------------

#[test]
fn form_id_full_is_reserved() {
    check(
        &with("id = \"pendek\"", "id = \"full\""),
        &[(
            InvalidValue,
            "forms[0].id",
            "form id `full` is reserved for the form with every item",
            Some((128, 6)),
        )],
    );
}

#[test]
fn form_id_duplicate() {
    check(
        &format!(
            "{MINI}\n[[forms]]\nid = \"pendek\"\nname = {{ id = \"Lagi\", en = \"Again\" }}\nitems = [\"R1\", \"S1\"]\n"
        ),
        &[(
            DuplicateId,
            "forms[1].id",
            "duplicate form id `pendek`",
            Some((133, 6)),
        )],
    );
}

#[test]
fn form_unknown_item() {
    check(
        &with(
            "items = [\"R1\", \"S1\", \"R2\", \"S2\"]",
            "items = [\"R1\", \"S1\", \"R9\", \"S2\"]",
        ),
        &[(
            UnknownReference,
            "forms[0].items[2]",
            "unknown item `R9`",
            Some((130, 22)),
        )],
    );
}

#[test]
fn form_item_listed_twice() {
    check(
        &with(
            "items = [\"R1\", \"S1\", \"R2\", \"S2\"]",
            "items = [\"R1\", \"S1\", \"R1\", \"S2\"]",
        ),
        &[(
            DuplicateId,
            "forms[0].items[2]",
            "item `R1` is listed twice in the form",
            Some((130, 22)),
        )],
    );
}

#[test]
fn form_missing_a_scale() {
    check(
        &with(
            "items = [\"R1\", \"S1\", \"R2\", \"S2\"]",
            "items = [\"R1\", \"R2\"]",
        ),
        &[(
            Empty,
            "forms[0].items",
            "the form has no item of scale `S`",
            Some((130, 9)),
        )],
    );
}

// ---- quality ---------------------------------------------------------------

#[test]
fn quality_rules_out_of_range() {
    let t = with(
        "min_completion = 0.8\nmax_longstring = 5\nmin_seconds_per_item = 1.5\nmin_irv = 0.3",
        "min_completion = 1.5\nmax_longstring = 0\nmin_seconds_per_item = -1.0\nmin_irv = -0.1",
    );
    check(
        &t,
        &[
            (
                InvalidValue,
                "quality.min_completion",
                "expected a share from 0 to 1, found 1.5",
                Some((19, 18)),
            ),
            (
                InvalidValue,
                "quality.max_longstring",
                "expected a whole number of answers, 1 or more, found 0",
                Some((20, 18)),
            ),
            (
                InvalidValue,
                "quality.min_seconds_per_item",
                "expected seconds, 0 or more, found -1",
                Some((21, 24)),
            ),
            (
                InvalidValue,
                "quality.min_irv",
                "expected a standard deviation, 0 or more, found -0.1",
                Some((22, 11)),
            ),
        ],
    );
}
