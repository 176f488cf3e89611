//! The items: ids, texts, references, reverse keying, options and answer keys.

use super::*;

// ---- items ---------------------------------------------------------------

#[test]
fn item_id_duplicate() {
    check(
        &with("id = \"S1\"", "id = \"R1\""),
        &[
            (
                DuplicateId,
                "items[1].id",
                "duplicate item id `R1`; first defined at `items[0]`",
                Some((94, 6)),
            ),
            (
                UnknownReference,
                "forms[0].items[1]",
                "unknown item `S1`",
                Some((130, 16)),
            ),
        ],
    );
}

#[test]
fn item_text_repeated() {
    check(
        &with(
            "text = { id = \"Menanam dan merawat cabai di kebun\"",
            "text = { id = \"Memperbaiki motor yang mogok\"",
        ),
        &[(
            DuplicateId,
            "items[2].text",
            "item text repeats `items[0]`",
            Some((105, 8)),
        )],
    );
}

#[test]
fn item_format_unknown_with_hint() {
    let text = with(
        "id = \"R1\"\nscale = \"R\"\nformat = \"suka5\"",
        "id = \"R1\"\nscale = \"R\"\nformat = \"suka6\"",
    );
    check(
        &text,
        &[(
            UnknownReference,
            "items[0].format",
            "unknown format `suka6`; expected one of `suka5`",
            Some((89, 10)),
        )],
    );
    assert_eq!(
        load(&text).unwrap_err().first().hint(),
        Some("did you mean `suka5`?")
    );
}

#[test]
fn item_scale_unknown() {
    check(
        &with("id = \"R1\"\nscale = \"R\"", "id = \"R1\"\nscale = \"Q\""),
        &[(
            UnknownReference,
            "items[0].scale",
            "unknown scale `Q`; expected one of `R`, `S`",
            Some((88, 9)),
        )],
    );
}

#[test]
fn item_domain_invalid() {
    check(
        &with("domain = \"tani\"", "domain = \"tani kebun\""),
        &[(
            InvalidValue,
            "items[2].domain",
            "invalid identifier `tani kebun`; expected a letter followed by letters, digits, `-` or `_`",
            Some((104, 10)),
        )],
    );
}

#[test]
fn item_plain_missing_a_language() {
    check(
        &with(
            "plain = { id = \"Mengajar anak\", en = \"Teach a child\" }",
            "plain = { id = \"Mengajar anak\", en = \"\" }",
        ),
        &[(
            Language,
            "items[1].plain",
            "missing text in `en`; the instrument declares `en`, `id`",
            Some((98, 9)),
        )],
    );
}

#[test]
fn item_options_on_likert() {
    check(
        &with(
            "id = \"S1\"\nscale = \"S\"\nformat = \"suka5\"",
            &format!("id = \"S1\"\nscale = \"S\"\nformat = \"suka5\"\nkey = \"A\"\n{TWO_OPTIONS}"),
        ),
        &[
            (
                Inconsistent,
                "items[1].key",
                "`key` does not apply to format `suka5`",
                Some((97, 7)),
            ),
            (
                Inconsistent,
                "items[1].options",
                "`options` do not apply to format `suka5`; its labels come from the format",
                Some((98, 11)),
            ),
        ],
    );
}

#[test]
fn choice_item_reversed() {
    check(
        &with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            &format!("reverse = true\nkey = \"A\"\n{TWO_OPTIONS}"),
        ),
        &[(
            ReverseUnordered,
            "items[6].reverse",
            "reverse keying needs an ordered format; `pilih` is a choice format",
            Some((135, 11)),
        )],
    );
}

#[test]
fn choice_item_without_options() {
    check(
        &with_choice_item("pilih", "type = \"single_choice\"\n", "key = \"A\"\n"),
        &[(
            MissingKey,
            "items[6].options",
            "missing key `options`; format `pilih` is a choice format",
            Some((131, 6)),
        )],
    );
}

#[test]
fn choice_item_one_option() {
    check(
        &with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            "key = \"A\"\noptions = [{ key = \"A\", text = { id = \"Palu\", en = \"Hammer\" } }]\n",
        ),
        &[(
            Empty,
            "items[6].options",
            "a choice item needs at least 2 options, found 1",
            Some((136, 11)),
        )],
    );
}

#[test]
fn choice_option_key_duplicate() {
    check(
        &with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            &format!(
                "key = \"A\"\n{}",
                TWO_OPTIONS.replace("key = \"B\"", "key = \"A\"")
            ),
        ),
        &[(
            DuplicateId,
            "items[6].options[1].key",
            "duplicate option key `A`",
            Some((138, 11)),
        )],
    );
}

#[test]
fn single_choice_option_with_score() {
    check(
        &with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            &format!("key = \"A\"\n{}", scored_options(", score = 1.0", "")),
        ),
        &[(
            Inconsistent,
            "items[6].options[0].score",
            "`score` does not apply to `single_choice`; the correct option scores 1 and the others 0 (use `scored_choice` for partial credit)",
            Some((137, 63)),
        )],
    );
}

#[test]
fn single_choice_without_key() {
    check(
        &with_choice_item("pilih", "type = \"single_choice\"\n", TWO_OPTIONS),
        &[(
            MissingKey,
            "items[6].key",
            "missing key `key`: the correct option of a `single_choice` item",
            Some((131, 6)),
        )],
    );
}

#[test]
fn single_choice_key_not_an_option() {
    check(
        &with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            &format!("key = \"C\"\n{TWO_OPTIONS}"),
        ),
        &[(
            UnknownReference,
            "items[6].key",
            "answer key `C` is not an option; expected one of `A`, `B`",
            Some((135, 7)),
        )],
    );
}

#[test]
fn scored_choice_option_without_score() {
    check(
        &with_choice_item(
            "nilai",
            "type = \"scored_choice\"\n",
            &scored_options(", score = 1.0", ""),
        ),
        &[(
            MissingKey,
            "items[6].options[1].score",
            "missing key `score`; every option of `scored_choice` format `nilai` carries a score",
            Some((137, 3)),
        )],
    );
}

#[test]
fn scored_choice_score_out_of_range() {
    check(
        &with_choice_item(
            "nilai",
            "type = \"scored_choice\"\n",
            &scored_options(", score = 0.0", ", score = 1001.0"),
        ),
        &[(
            InvalidValue,
            "items[6].options[1].score",
            "expected an option score from -1000 to 1000, found 1001",
            Some((137, 63)),
        )],
    );
}

#[test]
fn scored_choice_with_key() {
    check(
        &with_choice_item(
            "nilai",
            "type = \"scored_choice\"\n",
            &format!(
                "key = \"A\"\n{}",
                scored_options(", score = 0.0", ", score = 1.0")
            ),
        ),
        &[(
            Inconsistent,
            "items[6].key",
            "`key` applies to `single_choice` only; `scored_choice` options carry scores",
            Some((135, 7)),
        )],
    );
}

#[test]
fn scored_choice_same_scores() {
    check(
        &with_choice_item(
            "nilai",
            "type = \"scored_choice\"\n",
            &scored_options(", score = 1.0", ", score = 1.0"),
        ),
        &[(
            InvalidValue,
            "items[6].options",
            "every option has the same score; the item cannot discriminate",
            Some((135, 11)),
        )],
    );
}
