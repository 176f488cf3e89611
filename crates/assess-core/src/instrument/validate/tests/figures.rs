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
            "expected the figure to start with `<svg` (character 1 of the figure)",
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
            "event handler `onload` is not allowed in a figure (character 6 of the figure)",
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
            "element <foreignObject> is not allowed in a figure (character 6 of the figure)",
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

#[test]
fn an_instrument_keeps_the_figure_as_the_sanitiser_wrote_it() {
    // The deny-list this replaces let `x="a"onload=…` through (issue 18);
    // what an instrument keeps, and pages show, is the rewritten markup.
    let inst = crate::Instrument::from_toml(&with_figure(
        "<!-- box --><svg viewBox=\"0 0 10 10\"><rect   width=\"5\" height=\"5\"/></svg>",
        ALT,
    ))
    .unwrap();
    let fig = inst.items()[0].figure().unwrap();
    assert_eq!(
        fig.svg(),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\"/></svg>"
    );
    check(
        &with_figure("<svg x=\"a\"onload=\"alert(1)\"></svg>", ALT),
        &[(
            InvalidValue,
            "items[0].figure.svg",
            "expected white space before the attribute (character 11 of the figure)",
            Some((90, 18)),
        )],
    );
}
