//! Items' SVG figures.

use super::*;

// ---- figures ---------------------------------------------------------------

#[test]
fn figure_not_svg() {
    check(
        &with_figure("<img src=\"x.png\">", ALT),
        &[(
            InvalidValue,
            "items[0].figure.svg",
            "expected inline SVG markup starting with `<svg` and ending with `</svg>`",
            Some((90, 18)),
        )],
    );
}

#[test]
fn figure_with_event_handler() {
    check(
        &with_figure("<svg onload =\"x()\"></svg>", ALT),
        &[(
            InvalidValue,
            "items[0].figure.svg",
            "figures may not contain scripts, event handlers or foreign objects",
            Some((90, 18)),
        )],
    );
}

#[test]
fn figure_with_foreign_object() {
    check(
        &with_figure("<svg><foreignObject></foreignObject></svg>", ALT),
        &[(
            InvalidValue,
            "items[0].figure.svg",
            "figures may not contain scripts, event handlers or foreign objects",
            Some((90, 18)),
        )],
    );
}

#[test]
fn figure_alt_missing_a_language() {
    check(
        &with_figure("<svg></svg>", "{ id = \"Sebuah kotak\" }"),
        &[(
            Language,
            "items[0].figure.alt",
            "missing text in `en`; the instrument declares `en`, `id`",
            Some((90, 39)),
        )],
    );
}

#[test]
fn figure_attribute_starting_with_on_is_not_a_handler() {
    // `on` starts an event handler only after a space, tab, newline or `/`
    // and when a run of letters and `=` follow: `none` and `one` do not.
    valid(&with_figure(
        "<svg><text font-family=\"none\">one</text></svg>",
        ALT,
    ));
}
