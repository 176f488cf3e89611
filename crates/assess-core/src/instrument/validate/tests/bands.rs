//! Bands: coverage of the scale's range, order, ids.

use super::*;

// ---- bands ---------------------------------------------------------------

#[test]
fn band_first_starts_above_the_lowest() {
    check(
        &with("min = 0.0\nmax = 40.0", "min = 5.0\nmax = 40.0"),
        &[(
            BandGap,
            "scales[0].bands[0].min",
            "the first band must start at the lowest possible POMP 0, found 5",
            Some((46, 7)),
        )],
    );
}

#[test]
fn band_first_starts_below_the_lowest() {
    check(
        &with("min = 0.0\nmax = 40.0", "min = -5.0\nmax = 40.0"),
        &[(
            BandOverlap,
            "scales[0].bands[0].min",
            "the first band must start at the lowest possible POMP 0, found -5",
            Some((46, 7)),
        )],
    );
}

#[test]
fn band_last_ends_below_the_highest() {
    check(
        &with("min = 70.0\nmax = 100.0", "min = 70.0\nmax = 90.0"),
        &[(
            BandGap,
            "scales[0].bands[2].max",
            "the last band must end at the highest possible POMP 100, found 90",
            Some((61, 7)),
        )],
    );
}

#[test]
fn band_last_ends_above_the_highest() {
    check(
        &with("min = 2.5\nmax = 5.0", "min = 2.5\nmax = 6.0"),
        &[(
            BandOverlap,
            "scales[1].bands[1].max",
            "the last band must end at the highest possible score 5, found 6",
            Some((82, 7)),
        )],
    );
}

#[test]
fn band_gap_and_overlap_between() {
    let t = with("min = 40.0\nmax = 70.0", "min = 45.0\nmax = 75.0");
    check(
        &t,
        &[
            (
                BandGap,
                "scales[0].bands[1].min",
                "gap between bands: `rendah` ends at 40 but `sedang` starts at 45",
                Some((53, 7)),
            ),
            (
                BandOverlap,
                "scales[0].bands[2].min",
                "bands overlap: `sedang` ends at 75 but `tinggi` starts at 70",
                Some((60, 7)),
            ),
        ],
    );
}

#[test]
fn band_max_not_above_min() {
    check(
        &with("min = 40.0\nmax = 70.0", "min = 40.0\nmax = 40.0"),
        &[
            (
                InvalidValue,
                "scales[0].bands[1].max",
                "band `max` (40) must be greater than `min` (40)",
                Some((54, 7)),
            ),
            (
                BandGap,
                "scales[0].bands[2].min",
                "gap between bands: `sedang` ends at 40 but `tinggi` starts at 70",
                Some((60, 7)),
            ),
        ],
    );
}

#[test]
fn band_id_duplicate() {
    check(
        &with("id = \"sedang\"", "id = \"rendah\""),
        &[(
            DuplicateId,
            "scales[0].bands[1].id",
            "duplicate band id `rendah`",
            Some((52, 6)),
        )],
    );
}

#[test]
fn band_bound_not_finite() {
    check(
        &with("min = 40.0\nmax = 70.0", "min = 40.0\nmax = inf"),
        &[(
            InvalidValue,
            "scales[0].bands[1].max",
            "expected a finite number, found `inf`",
            Some((54, 7)),
        )],
    );
}

#[test]
fn bands_empty() {
    check(
        &before(
            MINI,
            FIRST_ITEM,
            "[[scales]]\nid = \"RS\"\nname = { id = \"Gabungan\", en = \"Combined\" }\ncomposite = [\"R\", \"S\"]\nbands = []\n\n",
        ),
        &[(
            Empty,
            "scales[2].bands",
            "expected at least one band",
            Some((90, 9)),
        )],
    );
}

#[test]
fn bands_of_a_scale_with_invalid_scoring_are_not_ranged() {
    // The range of `S` is unknown, so its bands are not held against it.
    check(
        &with(
            "scoring = \"mean\"\nmissing = { max = 1, prorate = false }",
            "scoring = \"avg\"\nmissing = { max = 1, prorate = false }",
        ),
        &[(
            InvalidValue,
            "scales[1].scoring",
            "unknown scoring method `avg`; expected one of `sum`, `mean`",
            Some((69, 11)),
        )],
    );
}
