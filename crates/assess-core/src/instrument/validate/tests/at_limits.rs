//! The limits of `support::limits` that validation enforces: each at the limit accepted, one above rejected.

use super::*;

// ---- limits: at the limit accepted, one above rejected ---------------------

/// mini.toml with its items replaced by `n` generated ones, alternately of
/// scale `R` (`R1`, `R2`…) and `S`, each with the extra lines `extra(i)`.
fn with_items(n: usize, extra: impl Fn(usize) -> String) -> String {
    let start = MINI.find(FIRST_ITEM).unwrap();
    let end = MINI.find(FORMS).unwrap();
    let mut items = String::new();
    for i in 0..n {
        let (scale, k) = if i % 2 == 0 {
            ("R", i / 2 + 1)
        } else {
            ("S", i / 2 + 1)
        };
        items.push_str(&format!(
            "[[items]]\nid = \"{scale}{k}\"\nscale = \"{scale}\"\nformat = \"suka5\"\ntext = {{ id = \"Kegiatan {i}\", en = \"Activity {i}\" }}\n{}\n",
            extra(i)
        ));
    }
    format!("{}{items}{}", &MINI[..start], &MINI[end..])
}

#[test]
fn limit_document_bytes() {
    let pad = |n: usize| format!("{MINI}#{}\n", "x".repeat(n - MINI.len() - 2));
    valid(&pad(limits::MAX_DOCUMENT_BYTES));
    check(
        &pad(limits::MAX_DOCUMENT_BYTES + 1),
        &[(
            TooLarge,
            "",
            "input is 2097153 bytes; expected at most 2097152 bytes",
            None,
        )],
    );
}

#[test]
fn limit_items() {
    valid(&with_items(limits::MAX_ITEMS, |_| String::new()));
    check_first(
        &with_items(limits::MAX_ITEMS + 1, |_| String::new()),
        5,
        (
            TooLarge,
            "items",
            "2001 items; expected at most 2000",
            Some((86, 1)),
        ),
    );
}

#[test]
fn limit_scales() {
    let scales = |n: usize| {
        let mut t = String::new();
        let mut items = String::new();
        for i in 2..n {
            t.push_str(&format!(
                "[[scales]]\nid = \"X{i}\"\nname = {{ id = \"Skala {i}\", en = \"Scale {i}\" }}\n\n"
            ));
            items.push_str(&format!("[[items]]\nid = \"X{i}\"\nscale = \"X{i}\"\nformat = \"suka5\"\ntext = {{ id = \"Kegiatan {i}\", en = \"Activity {i}\" }}\n\n"));
        }
        let doc = before(MINI, FIRST_ITEM, &t);
        // Without the form, which would need an item of every scale.
        let doc = &doc[..doc.find(FORMS).unwrap()];
        format!("{doc}{items}")
    };
    valid(&scales(limits::MAX_SCALES));
    check_first(
        &scales(limits::MAX_SCALES + 1),
        206,
        (
            TooLarge,
            "scales",
            "201 scales; expected at most 200",
            Some((36, 1)),
        ),
    );
}

#[test]
fn limit_options() {
    let options = |n: usize| {
        let list: String = (0..n).map(|k| format!("  {{ key = \"K{k}\", text = {{ id = \"Pilihan {k}\", en = \"Option {k}\" }} }},\n")).collect();
        with_choice_item(
            "pilih",
            "type = \"single_choice\"\n",
            &format!("key = \"K0\"\noptions = [\n{list}]\n"),
        )
    };
    valid(&options(limits::MAX_OPTIONS));
    check(
        &options(limits::MAX_OPTIONS + 1),
        &[(
            TooLarge,
            "items[6].options",
            "13 options; expected at most 12",
            Some((136, 11)),
        )],
    );
}

#[test]
fn limit_bands() {
    let bands = |n: usize| {
        let start = MINI
            .find("[[scales.bands]]\nid = \"rendah\"\nmin = 0.0")
            .unwrap();
        let end = MINI.find("[[scales]]\nid = \"S\"").unwrap();
        let mut t = String::new();
        for i in 0..n {
            let (lo, hi) = (
                100.0 * i as f64 / n as f64,
                100.0 * (i + 1) as f64 / n as f64,
            );
            let hi = if i + 1 == n { 100.0 } else { hi };
            t.push_str(&format!("[[scales.bands]]\nid = \"b{i}\"\nmin = {lo:?}\nmax = {hi:?}\nlabel = {{ id = \"Pita {i}\", en = \"Band {i}\" }}\ninterpretation = {{ id = \"Tafsiran {i}\", en = \"Meaning {i}\" }}\n\n"));
        }
        format!("{}{t}{}", &MINI[..start], &MINI[end..])
    };
    valid(&bands(limits::MAX_BANDS));
    check(
        &bands(limits::MAX_BANDS + 1),
        &[(
            TooLarge,
            "scales[0].bands",
            "13 bands; expected at most 12",
            Some((44, 1)),
        )],
    );
}

#[test]
fn limit_norm_groups() {
    let norms = |n: usize| {
        let t: String = (0..n).map(|i| format!("[[scales.norms]]\ngroup = \"g{i}\"\nsource = \"Invented.\"\nsample_size = 100\npopulation = \"Pupils\"\ncollected = \"2024\"\nmethod = \"normal\"\nmean = 3.0\nsd = 0.8\nnormal = true\n\n")).collect();
        before(MINI, FIRST_ITEM, &t)
    };
    valid(&norms(limits::MAX_NORM_GROUPS));
    check(
        &norms(limits::MAX_NORM_GROUPS + 1),
        &[(
            TooLarge,
            "scales[1].norms",
            "33 norm groups; expected at most 32",
            Some((86, 1)),
        )],
    );
}

#[test]
fn limit_norm_rows() {
    let rows = |n: usize| {
        let list: String = (0..n)
            .map(|i| {
                format!(
                    "  {{ score = {i}.0, percentile = {}, t = {} }},\n",
                    i * 100 / n,
                    20 + i * 60 / n
                )
            })
            .collect();
        let t = format!(
            "[[scales.norms]]\ngroup = \"smk\"\nsource = \"Invented.\"\nsample_size = 100\npopulation = \"Pupils\"\ncollected = \"2024\"\nmethod = \"table\"\ntable = [\n{list}]\n\n"
        );
        before(MINI, FIRST_ITEM, &t)
    };
    valid(&rows(limits::MAX_NORM_ROWS));
    check(
        &rows(limits::MAX_NORM_ROWS + 1),
        &[(
            TooLarge,
            "scales[1].norms[0].table",
            "2001 norm rows; expected at most 2000",
            Some((93, 9)),
        )],
    );
}

#[test]
fn limit_forms() {
    let forms = |n: usize| {
        let t: String = (1..n).map(|i| format!("\n[[forms]]\nid = \"f{i}\"\nname = {{ id = \"Bentuk {i}\", en = \"Form {i}\" }}\nitems = [\"R1\", \"S1\"]\n")).collect();
        format!("{MINI}{t}")
    };
    valid(&forms(limits::MAX_FORMS));
    check(
        &forms(limits::MAX_FORMS + 1),
        &[(
            TooLarge,
            "forms",
            "17 forms; expected at most 16",
            Some((127, 1)),
        )],
    );
}

#[test]
fn limit_formats() {
    let formats = |n: usize| {
        let t: String = (1..n).map(|i| format!("[formats.f{i}]\ntype = \"binary\"\nlabels = [{{ id = \"Tidak\", en = \"No\" }}, {{ id = \"Ya\", en = \"Yes\" }}]\n\n")).collect();
        before(MINI, FIRST_SCALE, &t)
    };
    valid(&formats(limits::MAX_FORMATS));
    check(
        &formats(limits::MAX_FORMATS + 1),
        &[(
            TooLarge,
            "formats",
            "65 formats; expected at most 64",
            Some((24, 2)),
        )],
    );
}

#[test]
fn limit_languages() {
    let langs = |n: usize| {
        let extra: Vec<String> = (0..n - 2)
            .map(|i| format!("x{}", char::from(b'a' + u8::try_from(i).unwrap())))
            .collect();
        let list: String = extra.iter().map(|l| format!(", \"{l}\"")).collect();
        let texts: String = extra.iter().map(|l| format!("{l} = \"t\", ")).collect();
        let t = with(
            "languages = [\"id\", \"en\"]",
            &format!("languages = [\"id\", \"en\"{list}]"),
        );
        t.replace("\", en = \"", &format!("\", {texts}en = \""))
    };
    valid(&langs(limits::MAX_LANGUAGES));
    check_first(
        &langs(limits::MAX_LANGUAGES + 1),
        500,
        (
            TooLarge,
            "instrument.languages",
            "17 languages; expected at most 16",
            Some((10, 13)),
        ),
    );
}

#[test]
fn limit_text_chars() {
    let title = |n: usize| {
        with(
            "title = { id = \"Minat Kerja Singkat\"",
            &format!("title = {{ id = \"{}\"", "é".repeat(n)),
        )
    };
    valid(&title(limits::MAX_TEXT_CHARS));
    check(
        &title(limits::MAX_TEXT_CHARS + 1),
        &[(
            TooLarge,
            "instrument.title.id",
            "text is longer than 4000 characters",
            Some((14, 9)),
        )],
    );
    let licence = |n: usize| {
        with(
            "licence = \"CC-BY-4.0\"",
            &format!("licence = \"{}\"", "é".repeat(n)),
        )
    };
    valid(&licence(limits::MAX_TEXT_CHARS));
    check(
        &licence(limits::MAX_TEXT_CHARS + 1),
        &[(
            TooLarge,
            "instrument.licence",
            "text is longer than 4000 characters",
            Some((13, 11)),
        )],
    );
}

#[test]
fn limit_svg_bytes() {
    let svg = |n: usize| with_figure(&format!("<svg>{}</svg>", " ".repeat(n - 11)), ALT);
    valid(&svg(limits::MAX_SVG_BYTES));
    check(
        &svg(limits::MAX_SVG_BYTES + 1),
        &[(
            TooLarge,
            "items[0].figure.svg",
            "figure is 32769 bytes; expected at most 32768",
            Some((90, 18)),
        )],
    );
}

#[test]
fn limit_id_len() {
    let id = |n: usize| {
        with(
            "id = \"mini-minat\"",
            &format!("id = \"m{}\"", "i".repeat(n - 1)),
        )
    };
    valid(&id(limits::MAX_ID_LEN));
    check(
        &id(limits::MAX_ID_LEN + 1),
        &[(
            TooLarge,
            "instrument.id",
            "identifier is 65 bytes long; expected at most 64",
            Some((7, 6)),
        )],
    );
}

#[test]
fn limit_likert_points() {
    let points = |n: i64| {
        let labels: String = (0..n.max(0))
            .map(|k| format!("{{ id = \"Titik {k}\", en = \"Point {k}\" }}, "))
            .collect();
        before(
            MINI,
            FIRST_SCALE,
            &format!("[formats.skala]\ntype = \"likert\"\npoints = {n}\nlabels = [{labels}]\n\n"),
        )
    };
    valid(&points(*limits::LIKERT_POINTS.start()));
    valid(&points(*limits::LIKERT_POINTS.end()));
    check(
        &points(*limits::LIKERT_POINTS.start() - 1),
        &[(
            InvalidValue,
            "formats.skala.points",
            "expected 2 to 11 points, found 1",
            Some((38, 10)),
        )],
    );
    check(
        &points(*limits::LIKERT_POINTS.end() + 1),
        &[(
            InvalidValue,
            "formats.skala.points",
            "expected 2 to 11 points, found 12",
            Some((38, 10)),
        )],
    );
}

#[test]
fn limit_problems() {
    // One invalid domain per item: n items, n problems.
    let doc = |n: usize| with_items(n, |_| "domain = \"9\"\n".to_owned());
    let first = (
        InvalidValue,
        "items[0].domain".to_owned(),
        "invalid identifier `9`; expected a letter followed by letters, digits, `-` or `_`"
            .to_owned(),
    );
    let at = problems(&doc(limits::MAX_PROBLEMS));
    assert_eq!(at.len(), limits::MAX_PROBLEMS);
    assert_eq!((at[0].0, at[0].1.clone(), at[0].2.clone()), first);
    assert_eq!(
        at[limits::MAX_PROBLEMS - 1].1,
        format!("items[{}].domain", limits::MAX_PROBLEMS - 1)
    );
    let above = problems(&doc(limits::MAX_PROBLEMS + 1));
    assert_eq!(above.len(), limits::MAX_PROBLEMS);
    // The first MAX_PROBLEMS, each where it was.
    assert_eq!(above, at);
}
