//! The scales: ids, scoring, missing-data rule, reliability, band basis, composites.

use super::*;

// ---- scales --------------------------------------------------------------

#[test]
fn scale_id_duplicate() {
    check(
        &with("id = \"S\"\n", "id = \"R\"\n"),
        &[
            (
                DuplicateId,
                "scales[1].id",
                "duplicate scale id `R`; first defined at `scales[0]`",
                Some((66, 6)),
            ),
            (
                UnknownReference,
                "items[1].scale",
                "unknown scale `S`; expected one of `R`",
                Some((95, 9)),
            ),
            (
                UnknownReference,
                "items[3].scale",
                "unknown scale `S`; expected one of `R`",
                Some((109, 9)),
            ),
            (
                UnknownReference,
                "items[5].scale",
                "unknown scale `S`; expected one of `R`",
                Some((123, 9)),
            ),
        ],
    );
}

#[test]
fn scale_scoring_unknown() {
    check(
        &with("scoring = \"mean\"", "scoring = \"median\""),
        &[(
            InvalidValue,
            "scales[1].scoring",
            "unknown scoring method `median`; expected one of `sum`, `mean`",
            Some((69, 11)),
        )],
    );
}

#[test]
fn scale_without_items() {
    check(
        &before(
            MINI,
            FIRST_ITEM,
            "[[scales]]\nid = \"I\"\nname = { id = \"Investigatif\", en = \"Investigative\" }\n\n",
        ),
        &[(
            Empty,
            "scales[2].id",
            "scale `I` has no items",
            Some((87, 6)),
        )],
    );
}

#[test]
fn scale_missing_max_too_high() {
    check(
        &with(
            "missing = { max = 1, prorate = true }",
            "missing = { max = 3, prorate = true }",
        ),
        &[(
            InvalidValue,
            "scales[0].missing.max",
            "at most 2 of the scale's 3 items may be missing, found 3",
            Some((41, 19)),
        )],
    );
}

#[test]
fn scale_missing_max_negative() {
    check(
        &with(
            "missing = { max = 1, prorate = true }",
            "missing = { max = -1, prorate = true }",
        ),
        &[(
            InvalidValue,
            "scales[0].missing.max",
            "expected a whole number of items, 0 or more, found -1",
            Some((41, 19)),
        )],
    );
}

#[test]
fn scale_bands_on_unknown() {
    check(
        &with("bands_on = \"pomp\"", "bands_on = \"stanine\""),
        &[
            (
                InvalidValue,
                "scales[0].bands_on",
                "unknown band basis `stanine`; expected one of `score`, `pomp`, `percentile`",
                Some((42, 12)),
            ),
            (
                BandOverlap,
                "scales[0].bands[0].min",
                "the first band must start at the lowest possible score 3, found 0",
                Some((46, 7)),
            ),
            (
                BandOverlap,
                "scales[0].bands[2].max",
                "the last band must end at the highest possible score 15, found 100",
                Some((61, 7)),
            ),
        ],
    );
}

#[test]
fn scale_bands_on_percentile_without_norms() {
    check(
        &with("bands_on = \"pomp\"", "bands_on = \"percentile\""),
        &[(
            Inconsistent,
            "scales[0].bands_on",
            "bands on `percentile` need norms; add `[[scales.norms]]` or cut bands on `score` or `pomp`",
            Some((42, 12)),
        )],
    );
}

#[test]
fn scale_reliability_checks() {
    let rel = |v: &str| {
        with(
            "bands_on = \"pomp\"",
            &format!("bands_on = \"pomp\"\nreliability = {v}"),
        )
    };
    valid(&rel(
        "{ value = 0.8, method = \"alpha\", source = \"Invented.\", sample_size = 100, sd = 2.0 }",
    ));
    check(
        &rel("{ value = 1.0, method = \"alfa\", source = \"\", sample_size = 0, sd = -2.0 }"),
        &[
            (
                InvalidValue,
                "scales[0].reliability.value",
                "expected a reliability between 0 and 1 (exclusive), found 1",
                Some((43, 25)),
            ),
            (
                InvalidValue,
                "scales[0].reliability.method",
                "unknown reliability method `alfa`; expected one of `alpha`, `omega`, `kr20`, `test_retest`, `split_half`",
                Some((43, 39)),
            ),
            (
                InvalidValue,
                "scales[0].reliability.source",
                "expected a non-empty text, found an empty one",
                Some((43, 56)),
            ),
            (
                InvalidValue,
                "scales[0].reliability.sample_size",
                "expected a positive whole number, found 0",
                Some((43, 74)),
            ),
            (
                InvalidValue,
                "scales[0].reliability.sd",
                "expected a positive standard deviation, found -2",
                Some((43, 82)),
            ),
        ],
    );
}

#[test]
fn composite_with_scoring() {
    check(
        &with_composite("composite =", "scoring = \"sum\"\ncomposite ="),
        &[(
            Inconsistent,
            "scales[2].scoring",
            "a composite scale is the mean of its components' POMP scores; remove `scoring`",
            Some((89, 11)),
        )],
    );
}

#[test]
fn composite_empty() {
    check(
        &with_composite("[\"R\", \"S\"]", "[]"),
        &[(
            Empty,
            "scales[2].composite",
            "a composite scale needs at least one component",
            Some((89, 13)),
        )],
    );
}

#[test]
fn composite_of_unknown_scale() {
    check(
        &with_composite("[\"R\", \"S\"]", "[\"R\", \"T\"]"),
        &[(
            UnknownReference,
            "scales[2].composite[1]",
            "unknown scale `T`",
            Some((89, 19)),
        )],
    );
}

#[test]
fn composite_lists_a_scale_twice() {
    check(
        &with_composite("[\"R\", \"S\"]", "[\"R\", \"S\", \"R\"]"),
        &[(
            DuplicateId,
            "scales[2].composite[2]",
            "scale `R` is listed twice",
            Some((89, 24)),
        )],
    );
}

#[test]
fn composite_of_a_composite() {
    let t = with_composite("", "");
    check(
        &before(
            &t,
            FIRST_ITEM,
            "[[scales]]\nid = \"RSR\"\nname = { id = \"Gabungan 2\", en = \"Combined 2\" }\ncomposite = [\"RS\", \"R\"]\n\n",
        ),
        &[(
            Inconsistent,
            "scales[3].composite[0]",
            "scale `RS` is itself a composite; composites combine item scales only",
            Some((94, 14)),
        )],
    );
}

#[test]
fn composite_missing_max() {
    valid(&with_composite(
        "composite =",
        "missing = { max = 1 }\ncomposite =",
    ));
    check(
        &with_composite("composite =", "missing = { max = 2 }\ncomposite ="),
        &[(
            InvalidValue,
            "scales[2].missing.max",
            "at most 1 of the 2 components may be missing, found 2",
            Some((89, 19)),
        )],
    );
}

#[test]
fn item_in_a_composite_scale() {
    let t = with_composite("", "");
    check(
        &swap(
            &t,
            "id = \"R1\"\nscale = \"R\"",
            "id = \"R1\"\nscale = \"RS\"",
        ),
        &[(
            Inconsistent,
            "items[0].scale",
            "scale `RS` is a composite of other scales and cannot hold items",
            Some((93, 9)),
        )],
    );
}
