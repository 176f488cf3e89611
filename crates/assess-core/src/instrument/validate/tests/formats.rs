//! The `[formats.*]` tables.

use super::*;

// ---- formats -------------------------------------------------------------

#[test]
fn format_type_unknown() {
    check(
        &with("type = \"likert\"", "type = \"likret\""),
        &[(
            InvalidValue,
            "formats.suka5.type",
            "unknown format type `likret`; expected one of `likert`, `binary`, `single_choice`, `scored_choice`",
            Some((25, 8)),
        )],
    );
}

#[test]
fn format_name_invalid() {
    check(
        &before(
            MINI,
            FIRST_SCALE,
            "[formats.9ya]\ntype = \"binary\"\nlabels = [{ id = \"Tidak\", en = \"No\" }, { id = \"Ya\", en = \"Yes\" }]\n\n",
        ),
        &[(
            InvalidValue,
            "formats.9ya",
            "invalid identifier `9ya`; expected a letter followed by letters, digits, `-` or `_`",
            Some((36, 1)),
        )],
    );
}

#[test]
fn likert_shuffled() {
    check(
        &with("type = \"likert\"", "type = \"likert\"\nshuffle = true"),
        &[(
            Inconsistent,
            "formats.suka5.shuffle",
            "ordered formats (`likert`, `binary`) are never shuffled",
            Some((26, 11)),
        )],
    );
}

#[test]
fn likert_without_points() {
    check(
        &with("points = 5\n", ""),
        &[(
            MissingKey,
            "formats.suka5.points",
            "missing key `points` for a `likert` format",
            Some((24, 1)),
        )],
    );
}

#[test]
fn likert_min_out_of_range() {
    check(
        &with("min = 1\nlabels", "min = 1001\nlabels"),
        &[(
            InvalidValue,
            "formats.suka5.min",
            "expected a value from -1000 to 1000, found 1001",
            Some((27, 7)),
        )],
    );
}

#[test]
fn likert_labels_wrong_count() {
    check(
        &with("  { id = \"Sangat suka\", en = \"Strongly like\" },\n", ""),
        &[(
            InvalidValue,
            "formats.suka5.labels",
            "expected 5 labels, one per point, found 4",
            Some((28, 10)),
        )],
    );
}

#[test]
fn likert_without_labels() {
    check(
        &before(
            MINI,
            FIRST_SCALE,
            "[formats.dua]\ntype = \"likert\"\npoints = 2\n\n",
        ),
        &[(
            MissingKey,
            "formats.dua.labels",
            "missing key `labels`; expected 2 labels",
            Some((36, 1)),
        )],
    );
}

#[test]
fn choice_format_with_points() {
    check(
        &before(
            MINI,
            FIRST_SCALE,
            "[formats.pilih]\ntype = \"single_choice\"\npoints = 3\n\n",
        ),
        &[(
            Inconsistent,
            "formats.pilih.points",
            "`points` does not apply to choice formats; options are given per item",
            Some((36, 1)),
        )],
    );
}

#[test]
fn binary_with_min() {
    check(
        &before(
            MINI,
            FIRST_SCALE,
            "[formats.ya]\ntype = \"binary\"\nmin = 0\nlabels = [{ id = \"Tidak\", en = \"No\" }, { id = \"Ya\", en = \"Yes\" }]\n\n",
        ),
        &[(
            Inconsistent,
            "formats.ya.min",
            "`min` does not apply to `binary`; its values are 0 and 1",
            Some((36, 1)),
        )],
    );
}

#[test]
fn binary_labels_wrong_count() {
    check(
        &before(
            MINI,
            FIRST_SCALE,
            "[formats.ya]\ntype = \"binary\"\nlabels = [{ id = \"Ya\", en = \"Yes\" }]\n\n",
        ),
        &[(
            InvalidValue,
            "formats.ya.labels",
            "expected 2 labels, one per point, found 1",
            Some((38, 10)),
        )],
    );
}
