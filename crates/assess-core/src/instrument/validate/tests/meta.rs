//! The head: the format version and the `[instrument]` table, and unknown keys.

use super::*;

// ---- the head: format version and [instrument] ---------------------------

#[test]
fn format_version() {
    check(
        &with("format = 1\n", "format = 2\n"),
        &[(
            InvalidValue,
            "format",
            "unsupported format version `2`; this engine reads format 1",
            Some((4, 10)),
        )],
    );
}

#[test]
fn language_code_invalid() {
    check(
        &with(
            "languages = [\"id\", \"en\"]",
            "languages = [\"id\", \"en\", \"EN\"]",
        ),
        &[(
            InvalidValue,
            "instrument.languages[2]",
            "invalid language code `EN`; expected two or three lowercase letters such as `id` or `en`",
            Some((10, 26)),
        )],
    );
}

#[test]
fn language_listed_twice() {
    check(
        &with(
            "languages = [\"id\", \"en\"]",
            "languages = [\"id\", \"en\", \"en\"]",
        ),
        &[(
            DuplicateId,
            "instrument.languages[2]",
            "language `en` is listed twice",
            Some((10, 26)),
        )],
    );
}

#[test]
fn language_id_required() {
    check(
        &with("languages = [\"id\", \"en\"]", "languages = [\"en\"]"),
        &[(
            Language,
            "instrument.languages",
            "Bahasa Indonesia (`id`) is required in `languages`",
            Some((10, 13)),
        )],
    );
}

#[test]
fn instrument_id_invalid() {
    check(
        &with("id = \"mini-minat\"", "id = \"1mini\""),
        &[(
            InvalidValue,
            "instrument.id",
            "invalid identifier `1mini`; expected a letter followed by letters, digits, `-` or `_`",
            Some((7, 6)),
        )],
    );
}

#[test]
fn version_not_semantic() {
    check(
        &with("version = \"0.1.0\"", "version = \"0.1\""),
        &[(
            InvalidValue,
            "instrument.version",
            "invalid version `0.1`; expected a semantic version such as `1.0.0`",
            Some((8, 11)),
        )],
    );
}

#[test]
fn kind_unknown_with_hint() {
    let text = with("kind = \"interest\"", "kind = \"interests\"");
    check(
        &text,
        &[(
            InvalidValue,
            "instrument.kind",
            "unknown instrument kind `interests`; expected one of `interest`, `aptitude`, `readiness`",
            Some((9, 8)),
        )],
    );
    let err = load(&text).unwrap_err();
    assert_eq!(err.first().hint(), Some("did you mean `interest`?"));
}

#[test]
fn status_unknown() {
    check(
        &with("status = \"draft\"", "status = \"final\""),
        &[(
            InvalidValue,
            "instrument.status",
            "unknown status `final`; expected one of `draft`, `provisional`, `validated`",
            Some((11, 10)),
        )],
    );
}

#[test]
fn source_empty() {
    check(
        &with(
            "source = \"Test fixture written for the assess test suite; never given to respondents.\"",
            "source = \" \"",
        ),
        &[(
            InvalidValue,
            "instrument.source",
            "expected a non-empty text, found an empty one",
            Some((12, 10)),
        )],
    );
}

#[test]
fn title_missing_a_language() {
    check(
        &with(
            "title = { id = \"Minat Kerja Singkat\", en = \"Short Work Interest Check\" }",
            "title = { id = \"Minat Kerja Singkat\" }",
        ),
        &[(
            Language,
            "instrument.title",
            "missing text in `en`; the instrument declares `en`, `id`",
            Some((14, 9)),
        )],
    );
}

#[test]
fn title_in_an_undeclared_language() {
    check(
        &with(
            "en = \"Short Work Interest Check\" }",
            "en = \"Short Work Interest Check\", fr = \"Intérêts\" }",
        ),
        &[(
            Language,
            "instrument.title.fr",
            "language `fr` is not declared in `instrument.languages`",
            Some((14, 9)),
        )],
    );
}

#[test]
fn unknown_key_reported_with_the_rest() {
    check(
        &with(
            "licence = \"CC-BY-4.0\"",
            "licence = \"CC-BY-4.0\"\nlicense = \"CC-BY-4.0\"",
        ),
        &[(
            UnknownKey,
            "instrument.license",
            "unknown key `license`",
            Some((14, 1)),
        )],
    );
}
