#![allow(clippy::unwrap_used)]

use super::*;

fn mini() -> Rc<Instrument> {
    Rc::new(
        Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml")).unwrap(),
    )
}

#[test]
fn chunks_give_the_rows_of_one_call() {
    let mut text = "respondent_id,R1,R2,R3,S1,S2,S3\n".to_owned();
    for i in 0..50 {
        text.push_str(&format!(
            "p{},{},4,2,3,2,{}\r\n",
            i % 45,
            1 + i % 5,
            1 + i % 7
        ));
    }
    let mut one = Batch::open(mini(), text.clone(), "csv", "respondent_id", "en").unwrap();
    let all = one.next_rows(1000);
    assert!(one.next_rows(10).is_empty());
    assert!(one.done);
    let mut chunked = Batch::open(mini(), text, "csv", "respondent_id", "en").unwrap();
    let mut rows = Vec::new();
    while !chunked.done {
        rows.extend(chunked.next_rows(7));
    }
    assert_eq!(rows.len(), 50);
    assert_eq!(
        serde_json::to_string(&rows).unwrap(),
        serde_json::to_string(&all).unwrap()
    );
    assert_eq!(one.csv_bytes(true), chunked.csv_bytes(true));
    assert_eq!(one.jsonl_bytes(), chunked.jsonl_bytes());
    // Out-of-range answers (6, 7) are rejected rows; repeats flagged.
    assert!(all.iter().any(|r| r.status == RowStatus::Rejected));
    let csv = String::from_utf8(one.csv_bytes(true)).unwrap();
    assert!(csv.contains("duplicate_id"));
}

/// The lean path gives the rows and lines the full path gives, on the
/// shipped instruments' samples with awkward rows added: an answer out
/// of range, a formula in the id, a short row, a repeated id, a form
/// and a timing the lean path leaves to the full one.
#[test]
fn the_lean_path_gives_the_full_paths_rows_and_lines() {
    let cases = [
        (
            include_str!("../../../../instruments/riasec.toml"),
            include_str!("../../../../examples/responses/synthetic-riasec.csv"),
        ),
        (
            include_str!("../../../../instruments/aptitude.toml"),
            include_str!("../../../../examples/responses/synthetic-aptitude.csv"),
        ),
        (
            include_str!("../../../../instruments/readiness.toml"),
            include_str!("../../../../examples/responses/synthetic-readiness.csv"),
        ),
        (
            include_str!("../../../../instruments/aptitude.toml"),
            include_str!("../../../../examples/responses/aptitude-personas.csv"),
        ),
    ];
    for (toml, sample) in cases {
        let inst = Rc::new(Instrument::from_toml(toml).unwrap());
        let mut lines = sample.lines().take(201);
        let header = lines.next().unwrap();
        let rows: Vec<&str> = lines.collect();
        let mut text = format!("{header}\n");
        for r in &rows {
            text.push_str(r);
            text.push('\n');
        }
        let (id, rest) = rows[0].split_once(',').unwrap();
        let (first, after) = rest.split_once(',').unwrap();
        text.push_str(&format!("{id},{rest}\n"));
        text.push_str(&format!("=cmd|calc,{rest}\n"));
        text.push_str(&format!("x-range,99,{after}\n"));
        text.push_str(&format!("x-short,{first}\n"));
        text.push_str(&format!(" x-space ,{rest}\r\n"));
        text.push_str(&format!("\"x,quoted\",{rest}\n"));
        let with_form = format!("{header},form\nx-form,{rest},pendek\n");
        let with_seconds = format!("{header},seconds.{}\nx-sec,{rest},12\n", {
            header.split(',').nth(1).unwrap()
        });
        for input in [text, with_form, with_seconds] {
            let run = |lean: bool| {
                let mut b = Batch::open(
                    Rc::clone(&inst),
                    input.clone(),
                    "csv",
                    "respondent_id",
                    "id",
                )
                .unwrap();
                b.lean = lean;
                let mut out = Vec::new();
                while !b.done {
                    out.extend(b.next_rows(64));
                }
                let outcomes = serde_json::to_string(&out).unwrap();
                (
                    outcomes,
                    b.csv_bytes(true),
                    b.csv_bytes(false),
                    b.lean_rows(),
                )
            };
            let (fast, slow) = (run(true), run(false));
            assert_eq!(slow.3, 0);
            assert_eq!(fast.0, slow.0);
            assert_eq!(fast.1, slow.1);
            assert_eq!(fast.2, slow.2);
            if input.contains("x-range") {
                assert!(
                    fast.3 >= rows.len(),
                    "{} of {} rows lean",
                    fast.3,
                    rows.len()
                );
                assert!(fast.0.contains("rejected"));
                assert!(
                    String::from_utf8(fast.1.clone())
                        .unwrap()
                        .contains("'=cmd|calc")
                );
            }
        }
    }
}

#[test]
fn a_bad_header_or_document_is_a_located_error() {
    let e = Batch::open(mini(), "id,R1\n1,2\n".into(), "csv", "respondent_id", "id")
        .err()
        .unwrap();
    assert_eq!(e.kind(), ProblemKind::MissingKey);
    let e = Batch::open(
        mini(),
        "[\n {\"respondent_id\": }".into(),
        "json",
        "x",
        "id",
    )
    .err()
    .unwrap();
    assert_eq!((e.first().line(), e.first().column()), (Some(2), Some(20)));
    assert!(Batch::open(mini(), String::new(), "xml", "x", "id").is_err());
}

/// Reads a whole batch as the console does: every row, both exports,
/// each row's report.
fn read_all(inst: &Rc<Instrument>, layout: &str, text: &str) {
    let Ok(mut b) = Batch::open(
        Rc::clone(inst),
        text.to_owned(),
        layout,
        "respondent_id",
        "en",
    ) else {
        return;
    };
    let rows = b.next_rows(usize::MAX);
    let _ = (b.csv_bytes(true), b.jsonl_bytes());
    for r in rows.iter().take(3) {
        let _ = b.report(r.row);
    }
}

/// Reading is linear in the input (issue 18's rule for every reader),
/// in the shapes a hostile or broken file takes: operations counted by
/// assess-text's `ops` (the `op-count` feature of the dev-dependency),
/// for inputs of size n and 4n.
#[test]
fn batches_are_read_in_linear_operations() {
    use assess_text::ops::assert_linear as linear;
    const { assert!(assess_text::ops::ENABLED) };
    let inst = mini();
    let header = "respondent_id,R1,R2,R3,S1,S2,S3\n";
    let csv = |n: usize, row: &dyn Fn(usize) -> String| {
        let mut t = header.to_owned();
        for i in 0..n {
            t.push_str(&row(i));
        }
        t
    };
    let set = |i: usize| {
        format!("{{\"respondent_id\": \"p{i}\", \"answers\": {{\"R1\": 4, \"S1\": 2}}}}")
    };
    /// The input of size n.
    type Make<'a> = Box<dyn Fn(usize) -> String + 'a>;
    // (shape, n, layout, input)
    let shapes: [(&str, usize, &str, Make<'_>); 9] = [
        (
            "CSV rows",
            200,
            "csv",
            Box::new(|n| csv(n, &|i| format!("p{i},1,2,3,4,5,1\n"))),
        ),
        (
            "CSV rows with one id",
            200,
            "csv",
            Box::new(|n| csv(n, &|_| "p,1,2,3,4,5,1\n".into())),
        ),
        (
            "rejected CSV rows",
            200,
            "csv",
            Box::new(|n| csv(n, &|i| format!("p{i},9,x,,4,5,1,7,8\n"))),
        ),
        (
            "one quoted cell of many lines",
            2_000,
            "csv",
            Box::new(|n| format!("{header}\"{}\",1,2,3,4,5,1\n", "a\n".repeat(n))),
        ),
        (
            "a header of many unknown columns",
            200,
            "csv",
            Box::new(|n| {
                let cols: Vec<String> = (0..n).map(|i| format!("Q{i}")).collect();
                format!("respondent_id,R1,{}\np,1\n", cols.join(","))
            }),
        ),
        (
            "blank lines",
            2_000,
            "csv",
            Box::new(|n| csv(1, &|_| format!("p,1,2,3,4,5,1{}", "\n".repeat(n)))),
        ),
        (
            "JSON Lines",
            200,
            "jsonl",
            Box::new(|n| (0..n).map(|i| set(i) + "\n").collect()),
        ),
        (
            "broken JSON Lines",
            200,
            "jsonl",
            Box::new(|n| "{\"respondent_id\": [\n".repeat(n)),
        ),
        (
            "a JSON array",
            200,
            "json",
            Box::new(|n| format!("[{}]", (0..n).map(set).collect::<Vec<_>>().join(","))),
        ),
    ];
    for (shape, n, layout, make) in &shapes {
        linear(shape, *n, make, |t| read_all(&inst, layout, t));
    }
}

/// The unguarded CSV differs from the guarded one exactly where the
/// guard put a `'` in front of a cell; a `'` of the input stays in both.
#[test]
fn the_unguarded_csv_differs_only_where_the_guard_acted() {
    let text = "respondent_id,R1,R2,R3,S1,S2,S3\n=SUM(1),1,2,3,4,5,1\no'brien,1,2,3,4,5,1\np3,1,2,3,4,5,1\n";
    let mut b = Batch::open(mini(), text.into(), "csv", "respondent_id", "en").unwrap();
    assert_eq!(b.next_rows(10).len(), 3);
    let guarded = String::from_utf8(b.csv_bytes(true)).unwrap();
    let plain = String::from_utf8(b.csv_bytes(false)).unwrap();
    assert!(guarded.contains("\n1,'=SUM(1),"), "{guarded}");
    assert!(plain.contains("\n1,=SUM(1),"), "{plain}");
    assert_eq!(guarded.replacen("'=SUM(1)", "=SUM(1)", 1), plain);
    assert!(plain.contains("\n2,o'brien,"));
}

#[test]
fn a_long_line_is_a_rejected_row() {
    let long = format!(
        "{{\"respondent_id\": \"{}\"}}\n",
        "x".repeat(MAX_LINE_BYTES)
    );
    let text = format!("{long}{{\"respondent_id\": \"b\", \"answers\": {{\"R1\": 5}}}}\n");
    let mut b = Batch::open(mini(), text, "jsonl", "", "id").unwrap();
    let rows = b.next_rows(10);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].status, rows[0].problems[0].path()),
        (RowStatus::Rejected, "row 1")
    );
    assert_ne!(rows[1].status, RowStatus::Rejected);
}
