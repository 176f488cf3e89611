//! End-to-end tests of `assess report`, `assess summary` and the batch
//! features of `assess score` (threads, resume, broken rows) on the shipped
//! instruments and sample responses.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::{assess, root, text};

/// A fresh temporary folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("assess-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// Checks that every element opened is closed, in order (void elements
/// excepted), and that the page has the parts a browser and a screen
/// reader rely on.
fn assert_well_formed(html: &str) {
    const VOID: [&str; 8] = [
        "meta", "br", "wbr", "rect", "line", "polygon", "hr", "input",
    ];
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if let Some(closing) = tag.strip_prefix('/') {
            let _ = closing;
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("`</{name}>` closes nothing"));
            assert_eq!(open, name, "`<{open}>` closed by `</{name}>`");
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            if name == "style" {
                let close = rest.find("</style>").unwrap();
                rest = &rest[close + "</style>".len()..];
                continue;
            }
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    // Text is escaped: no stray `<` inside text was left (the walk above
    // would have failed), and every chart has a text alternative.
    assert_eq!(
        html.matches("<svg").count(),
        html.matches("role=\"img\"").count()
    );
    assert_eq!(html.matches("<svg").count(), html.matches("<desc").count());
}

fn persona_report(lang: &str, who: &str) -> String {
    let r = "examples/responses";
    let out = assess(&[
        "report",
        "--respondent",
        who,
        "--lang",
        lang,
        "-i",
        "instruments/riasec.toml",
        "-r",
        &format!("{r}/riasec-personas.json"),
        "-i",
        "instruments/aptitude.toml",
        "-r",
        &format!("{r}/aptitude-personas.csv"),
        "-i",
        "instruments/readiness.toml",
        "-r",
        &format!("{r}/readiness-personas.json"),
        "--catalog",
        "instruments/job-families.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// The report shows what the core computed: the same Holland code,
/// consistency text, bands and families as `assess score --recommend`.
#[test]
fn report_shows_the_cores_results_in_both_languages() {
    let scored = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
        "--format",
        "jsonl",
        "--recommend",
        "instruments/job-families.toml",
    ]);
    let records: Vec<serde_json::Value> = text(&scored.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for rec in &records {
        let who = rec["respondent_id"].as_str().unwrap();
        let html = persona_report("id", who);
        assert_well_formed(&html);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        let code = rec["report"]["riasec"]["holland"]["code"].as_str().unwrap();
        assert!(
            html.contains(&format!("<span class=\"code\">{code}</span>")),
            "{who}: code {code}"
        );
        // Ties are shown, never hidden: the other codes, not the chosen one.
        let others: Vec<&str> = rec["report"]["riasec"]["holland"]["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .filter(|c| *c != code)
            .collect();
        if !others.is_empty() {
            assert!(
                html.contains(&format!(
                    "kode lain yang sama sahnya: {}",
                    others.join(", ")
                )),
                "{who}: ties {others:?}"
            );
        }
        // Status, visibly.
        assert!(html.contains("class=\"status\""));
        assert!(html.contains("Sementara — belum dinormakan pada responden Jawa Tengah"));
        // Every scale's band label.
        for sc in rec["report"]["scales"].as_array().unwrap() {
            if let Some(label) = sc["band"]["label"].as_str() {
                assert!(html.contains(label), "{who}: band {label}");
            }
        }
        // Five families, each explained, from the catalogue (names as
        // `assess score --recommend` gives them): the first three on the
        // first pages, all five in the details.
        let (first, details) = html.split_once("<div class=\"details\">").unwrap();
        assert_eq!(
            first.matches("<section class=\"card\">").count(),
            3,
            "{who}"
        );
        assert_eq!(
            details.matches("<section class=\"card\">").count(),
            5,
            "{who}"
        );
        assert!(html.contains("Katalog job-families-jateng"));
        assert!(html.contains("Jalur pelatihan"));
        assert!(html.contains("Konsistensi"));
        assert!(html.contains("Diferensiasi"));
        assert!(html.contains("<svg viewBox=\"0 0 460 320\""), "hexagon");
        assert!(html.contains("Catatan kualitas jawaban"));
    }
    let en = persona_report("en", "sragen-joko");
    assert_well_formed(&en);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("Provisional — not yet normed on Central Java respondents"));
    assert!(en.contains("Response-quality notes (for the counsellor)"));
    assert!(en.contains("Training routes"));
    // Sragen-joko left questions unanswered: the report says so.
    assert!(en.contains("Partial: answered") || en.contains("Answered: "));
    // Same input, same bytes.
    assert_eq!(en, persona_report("en", "sragen-joko"));
}

/// The words a person reads, without tags, styles and charts, each run
/// of spaces as one.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = &html[html.find("<body").unwrap()..];
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        rest = &rest[start + rest[start..].find("</svg>").unwrap()..];
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Numbers with a decimal point (`3.2`) in `text`, leaving out versions
/// (`0.1.0`), which are not decimal numbers.
fn decimal_points(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "(),;:".contains(c))
        .filter(|w| {
            let b = w.as_bytes();
            w.matches('.').count() == 1
                && (1..b.len().saturating_sub(1))
                    .any(|i| b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
        })
        .map(str::to_owned)
        .collect()
}

/// Issue 19, part 7: the Indonesian report is in Indonesian throughout:
/// numbers with a decimal comma (Siti's Realistic mean is 3.2 and her
/// general aptitude 62.5 in the JSON, `3,2` and `62,5` on the page), training
/// routes and statuses by their Indonesian names, metadata keys with
/// Indonesian labels, flags named in Indonesian.
#[test]
fn the_indonesian_report_is_in_indonesian() {
    let html = persona_report("id", "rembang-siti");
    let text = visible_text(&html);
    assert!(text.contains("Realistis 3,2 (1–5)"), "{text}");
    assert!(text.contains("Kemampuan Umum 62,5 (0–100)"), "{text}");
    assert_eq!(decimal_points(&text), Vec::<String>::new());
    for english in [
        "course",
        "apprenticeship",
        "certification",
        "mentoring",
        "(blk",
        "provisional",
        "district",
        "gender",
        "education",
        "disability",
        "full)",
    ] {
        assert!(
            !text.contains(english),
            "`{english}` in the Indonesian report"
        );
    }
    assert!(text.contains("(kursus, 24 jam)"), "{text}");
    assert!(text.contains("(magang, 3 bulan)"));
    assert!(text.contains("Kabupaten/kota Rembang"));
    assert!(text.contains("Minat Kerja versi 0.1.0 · sementara"));
    // The fit is shown once, beside the family's name, not again in the
    // explanation.
    assert_eq!(text.matches(", kecocokan ").count(), 3 + 5);
    assert!(!text.contains("Kecocokan minat:"));
    // English keeps the decimal point and English names.
    let en = visible_text(&persona_report("en", "rembang-siti"));
    assert!(en.contains("Realistic 3.2 (1–5)"));
    assert!(en.contains("(short course, 24 hours)"), "{en}");
    assert!(!en.contains(" jam)") && !en.contains(" bulan)"), "{en}");
}

/// Valid HTML needs every `id` once: the report shows the RIASEC profile
/// as a hexagon and as bars with the same title and values, whose title
/// and description ids were once the same.
#[test]
fn every_id_of_a_report_is_unique() {
    for lang in ["id", "en"] {
        let html = persona_report(lang, "rembang-siti");
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let all = ids.len();
        assert!(all >= 8, "{all} ids");
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "a repeated id in the {lang} report");
    }
}

/// Every answer the middle "Ragu-ragu": a flat profile. The page does not
/// show its code (RIA by the tie rule) as a finding, lists no tie-breaks,
/// does not read consistency, and says the families are examples to
/// explore, without ranks.
#[test]
fn a_flat_profile_is_said_plainly_on_the_report() {
    let d = dir("flat");
    let answers: Vec<String> = ["R", "I", "A", "S", "E", "C"]
        .iter()
        .flat_map(|t| (1..=10).map(move |i| format!("\"{t}{i:02}\":3")))
        .collect();
    let input = d.join("ragu.json");
    std::fs::write(
        &input,
        format!(
            "{{\"respondent_id\":\"ragu\",\"answers\":{{{}}}}}",
            answers.join(",")
        ),
    )
    .unwrap();
    let out = assess(&[
        "report",
        "-i",
        "instruments/riasec.toml",
        "-r",
        s(&input),
        "--catalog",
        "instruments/job-families.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let html = text(&out.stdout);
    assert_well_formed(&html);
    assert!(!html.contains("<span class=\"code\">"));
    assert!(html.contains("Kode ini belum menunjukkan minat yang jelas"));
    assert!(!html.contains("kode lain yang sama sahnya"));
    assert!(html.contains("Konsistensi tidak dibaca"));
    assert!(
        html.contains(
            "kelompok pekerjaan berikut adalah contoh untuk dijelajahi, bukan peringkat."
        )
    );
    assert!(!html.contains("tertinggi"));
    assert!(!html.contains("<h3>1. "));
    assert_eq!(html.matches("<section class=\"card\">").count(), 3 + 5);
}

#[test]
fn report_names_what_is_wrong_with_its_input() {
    let out = assess(&[
        "report",
        "--respondent",
        "nobody",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.starts_with(
        "error[report]: no respondent `nobody` in `examples/responses/riasec-personas.json`; it holds `rembang-siti`"
    ));
    let out = assess(&[
        "report",
        "-i",
        "instruments/riasec.toml",
        "-r",
        "examples/responses/riasec-personas.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("holds 6 response sets; choose one with `--respondent ID`"));
    let out = assess(&[
        "report",
        "-i",
        "instruments/riasec.toml",
        "-i",
        "instruments/aptitude.toml",
        "-r",
        "examples/responses/riasec-personas.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("2 instruments but 1 responses files"));
    // Readiness alone: a report, and a note that families need interests.
    let out = assess(&[
        "report",
        "--respondent",
        "sragen-joko",
        "-i",
        "instruments/readiness.toml",
        "-r",
        "examples/responses/readiness-personas.json",
        "--catalog",
        "instruments/job-families.toml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("<h2 id=\"inst-readiness\">Kesiapan Kerja</h2>"));
    assert!(!text(&out.stdout).contains("<h2 id=\"families\">"));
    assert_eq!(
        text(&out.stderr),
        "warning: no job families: they need interest results with all six RIASEC scales scored\n"
    );
}

/// A batch with every kind of broken row: nothing is lost, with one thread
/// or several, and the output is the same bytes either way.
#[test]
fn broken_rows_are_all_reported_with_any_number_of_threads() {
    let d = dir("broken");
    let csv =
        std::fs::read_to_string(root().join("examples/responses/synthetic-riasec.csv")).unwrap();
    let mut lines: Vec<Vec<u8>> = csv
        .lines()
        .take(1201)
        .map(|l| l.as_bytes().to_vec())
        .collect();
    let edit = |l: &[u8], from: &str, to: &str| {
        let t = String::from_utf8(l.to_vec()).unwrap();
        assert!(t.contains(from));
        t.replacen(from, to, 1).into_bytes()
    };
    // Row 5: an answer out of range; row 300: a word for a number; row 600:
    // a truncated line; row 900: a Latin-1 byte (not UTF-8).
    lines[5] = edit(&lines[5], ",3,", ",9,");
    lines[300] = edit(&lines[300], ",4,", ",banyak,");
    let cut = lines[600].len() / 2;
    lines[600].truncate(cut);
    lines[900].push(0xE9);
    let mut body = lines.join(&b"\n"[..]);
    body.push(b'\n');
    let input = d.join("broken.csv");
    std::fs::write(&input, &body).unwrap();
    let run = |jobs: &str, format: &str| {
        let out = assess(&[
            "score",
            "-i",
            "instruments/riasec.toml",
            "-r",
            s(&input),
            "--format",
            format,
            "--jobs",
            jobs,
            "--quiet",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        out
    };
    let one = run("1", "jsonl");
    let three = run("3", "jsonl");
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(one.stderr, three.stderr);
    let records: Vec<serde_json::Value> = text(&one.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every input row, once, in order.
    assert_eq!(records.len(), 1200);
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["row"], i + 1);
    }
    let rejected: Vec<u64> = records
        .iter()
        .filter(|r| r["status"] == "rejected")
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rejected, [5, 300, 600, 900]);
    assert!(
        records[4]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("out of range")
    );
    assert!(
        records[599]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("cells as in the header")
    );
    assert!(
        records[899]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("is not UTF-8 text")
    );
    let summary = text(&one.stderr);
    let scored = records.iter().filter(|r| r["status"] == "scored").count();
    let partial = records.iter().filter(|r| r["status"] == "partial").count();
    assert_eq!(
        summary,
        format!("1200 rows: {scored} scored, {partial} partially scored, 4 rejected\n")
    );
    // CSV output: one line per row plus the header, same with threads.
    let c1 = run("1", "csv");
    let c2 = run("2", "csv");
    assert_eq!(c1.stdout, c2.stdout);
    assert_eq!(text(&c1.stdout).lines().count(), 1201);
    let j1 = run("1", "json");
    let j4 = run("4", "json");
    assert_eq!(j1.stdout, j4.stdout);
    let arr: Vec<serde_json::Value> = serde_json::from_slice(&j1.stdout).unwrap();
    assert_eq!(arr.len(), 1200);

    // JSON Lines: an unknown item, a cut line, a Latin-1 byte, a blank
    // line (no record), then a good row: every other line comes out.
    let good = r#"{"respondent_id":"a","answers":{"R01":3}}"#;
    let mut jl = Vec::new();
    jl.extend_from_slice(good.as_bytes());
    jl.extend_from_slice(b"\n{\"respondent_id\":\"b\",\"answers\":{\"Q99\":3}}\n");
    jl.extend_from_slice(b"{\"respondent_id\":\"c\",\"answ\n");
    jl.extend_from_slice(b"{\"respondent_id\":\"d\xE9\",\"answers\":{}}\n\n");
    jl.extend_from_slice(good.as_bytes());
    let input = d.join("broken.jsonl");
    std::fs::write(&input, &jl).unwrap();
    let outs: Vec<Output> = ["1", "2"]
        .iter()
        .map(|j| {
            assess(&[
                "score",
                "-i",
                "instruments/riasec.toml",
                "-r",
                s(&input),
                "--format",
                "jsonl",
                "-j",
                j,
                "--policy",
                "warn",
            ])
        })
        .collect();
    assert_eq!(outs[0].stdout, outs[1].stdout);
    let recs: Vec<serde_json::Value> = text(&outs[0].stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows: Vec<(u64, &str)> = recs
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "partial"),
            (2, "partial"),
            (3, "rejected"),
            (4, "rejected"),
            (6, "partial")
        ]
    );
    assert!(text(&outs[0].stdout).contains("Q99"));
}

/// An interrupted run (output cut in the middle of a record) resumed gives
/// exactly the bytes of an uninterrupted run; an existing file is never
/// replaced without `--overwrite`.
#[test]
fn resume_continues_an_interrupted_run_and_overwrite_is_explicit() {
    let d = dir("resume");
    let input = "examples/responses/synthetic-readiness.csv";
    for format in ["csv", "jsonl"] {
        let full = d.join(format!("full.{format}"));
        let args = |out: &PathBuf, extra: &[&str]| -> Output {
            let mut a = vec![
                "score",
                "-i",
                "instruments/readiness.toml",
                "-r",
                input,
                "--format",
                format,
                "-q",
                "-o",
            ];
            let out = s(out).to_owned();
            a.push(&out);
            a.extend_from_slice(extra);
            assess(&a)
        };
        let first = args(&full, &[]);
        assert!(first.status.code().unwrap() <= 1, "{}", text(&first.stderr));
        let reference = std::fs::read(&full).unwrap();
        // Refuses to replace it.
        let again = args(&full, &[]);
        assert_eq!(again.status.code(), Some(2));
        assert!(
            text(&again.stderr).contains("exists; pass `--overwrite` to replace it or `--resume`")
        );
        assert_eq!(std::fs::read(&full).unwrap(), reference);
        // Replaces it when asked.
        let over = args(&full, &["--overwrite"]);
        assert_eq!(over.status.code(), first.status.code());
        assert_eq!(std::fs::read(&full).unwrap(), reference);
        // Cut at several places, including mid-record and right after the
        // header; resume must rebuild the same bytes.
        let header_end = reference.iter().position(|&b| b == b'\n').unwrap() + 1;
        for cut in [
            header_end,
            reference.len() / 3,
            reference.len() / 2 + 17,
            reference.len() - 1,
            5,
        ] {
            let part = d.join(format!("part.{format}"));
            std::fs::write(&part, &reference[..cut]).unwrap();
            let resumed = args(&part, &["--resume", "--jobs", "2"]);
            assert!(
                resumed.status.code().unwrap() <= 1,
                "{}",
                text(&resumed.stderr)
            );
            assert_eq!(
                std::fs::read(&part).unwrap(),
                reference,
                "{format} cut at {cut}"
            );
            // The closing summary counts the whole file.
            assert_eq!(
                text(&resumed.stderr).lines().last(),
                text(&first.stderr).lines().last()
            );
        }
        // Resuming a complete file adds nothing.
        let done = args(&full, &["--resume"]);
        assert!(done.status.code().unwrap() <= 1);
        assert_eq!(std::fs::read(&full).unwrap(), reference);
    }
    // A JSON array cannot be continued; a foreign file is not touched.
    let refuse = |format: &str, file: &PathBuf, contents: &str, message: &str| {
        std::fs::write(file, contents).unwrap();
        let out = assess(&[
            "score",
            "-i",
            "instruments/readiness.toml",
            "-r",
            input,
            "--format",
            format,
            "-o",
            s(file),
            "--resume",
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
    };
    refuse(
        "json",
        &d.join("out.json"),
        "[\n",
        "a JSON array cannot be continued",
    );
    let other = d.join("other.csv");
    refuse(
        "csv",
        &other,
        "name,age\nSiti,20\n",
        "differs from this run's",
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "name,age\nSiti,20\n"
    );
}

/// Groups under the threshold show no figures (HTML and CSV), and a group
/// that would reveal them by subtraction is hidden too.
#[test]
fn summary_suppresses_small_groups() {
    let d = dir("summary");
    let csv =
        std::fs::read_to_string(root().join("examples/responses/synthetic-riasec.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let district_col = header.split(',').position(|h| h == "district").unwrap();
    // Sizes: Demak 30, Rembang 12, Kebumen 4 (suppressed; 4 < 10 so the
    // smallest shown group, Rembang, is suppressed as well), Brebes 3.
    let plan = [("Demak", 30), ("Rembang", 12), ("Kebumen", 4)];
    let mut out = format!("{header}\n");
    for (name, n) in plan {
        for _ in 0..n {
            let mut cells: Vec<&str> = lines.next().unwrap().split(',').collect();
            cells[district_col] = name;
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    let input = d.join("in.csv");
    std::fs::write(&input, out).unwrap();
    let scored = d.join("scored.jsonl");
    let o = assess(&[
        "score",
        "-i",
        "instruments/riasec.toml",
        "-r",
        s(&input),
        "--format",
        "jsonl",
        "-q",
        "-o",
        s(&scored),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let html = d.join("s.html");
    let csv_out = d.join("s.csv");
    let o = assess(&[
        "summary",
        s(&scored),
        "--by",
        "district",
        "--by",
        "gender",
        "--html",
        s(&html),
        "--csv",
        s(&csv_out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let table = std::fs::read_to_string(&csv_out).unwrap();
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split(',').collect()).collect();
    let row = |col: &str, group: &str| {
        rows.iter()
            .find(|r| r[0] == col && r[1] == group)
            .unwrap()
            .clone()
    };
    assert_eq!(&row("", "")[2..4], ["no", "46"]);
    assert_eq!(&row("district", "Demak")[2..4], ["no", "30"]);
    for small in ["Kebumen", "Rembang"] {
        let r = row("district", small);
        assert_eq!(r[2], "yes");
        assert!(r[3..].iter().all(|c| c.is_empty()), "{small}: {r:?}");
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert_well_formed(&page);
    assert!(page.contains("kelompok dengan kurang dari 10 orang tidak ditampilkan"));
    assert!(page.contains("<td>Kebumen</td><td class=\"num\">disembunyikan</td>"));
    assert!(page.contains("<td>Rembang</td><td class=\"num\">disembunyikan</td>"));
    assert!(page.contains("<td>Demak</td><td class=\"num\">30</td>"));
    // The page is in Indonesian: the column's label, and percentages with a
    // decimal comma where the CSV has a point.
    assert!(page.contains("<h2>Menurut kabupaten/kota</h2>"));
    let with_point = row("district", "Demak")[4..]
        .iter()
        .find(|c| c.contains('.'))
        .unwrap()
        .to_string();
    // (A table cell, or a chart's value with its `%`.)
    let with_comma = with_point.replace('.', ",");
    assert!(
        page.contains(&format!(">{with_comma}<")) || page.contains(&format!(">{with_comma}%<")),
        "{with_point}"
    );
    assert_eq!(decimal_points(&visible_text(&page)), Vec::<String>::new());
    // A higher threshold hides Demak too, and then everything by district.
    let o = assess(&[
        "summary",
        s(&scored),
        "--by",
        "district",
        "--min-group",
        "31",
    ]);
    let t = text(&o.stdout);
    assert!(
        t.lines()
            .filter(|l| l.starts_with("district,"))
            .all(|l| l.contains(",yes,"))
    );
    // The threshold is at least 2.
    let o = assess(&["summary", s(&scored), "--min-group", "1"]);
    assert_eq!(o.status.code(), Some(2));
    // Not the output of `assess score`: a located error, nothing written.
    let bad = d.join("bad.jsonl");
    let mut lines = std::fs::read_to_string(&scored).unwrap();
    lines.push_str("{\"name\": \"not a record\"}\n");
    std::fs::write(&bad, lines).unwrap();
    let o = assess(&["summary", s(&bad), "--csv", s(&d.join("never.csv"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with(&format!(
            "error[summary]: line 47 of `{}` is not a record of `assess score --format jsonl`",
            bad.display()
        )),
        "{}",
        text(&o.stderr)
    );
    assert!(!d.join("never.csv").exists());
}

/// Ctrl-C (SIGINT) in the middle of a batch: the run stops at a chunk
/// boundary, writes what it has read, and leaves only complete records;
/// `--resume` then completes it to the bytes of an uninterrupted run.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_valid_output_and_resumes() {
    let d = dir("sigint");
    let csv =
        std::fs::read_to_string(root().join("examples/responses/synthetic-riasec.csv")).unwrap();
    let mut lines = csv.lines();
    let mut big = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.collect();
    for i in 0..40_000 {
        let (_, rest) = rows[i % rows.len()].split_once(',').unwrap();
        big.push_str(&format!("r{i},{rest}\n"));
    }
    let input = d.join("big.csv");
    std::fs::write(&input, big).unwrap();
    let out = d.join("out.csv");
    let args = |o: &PathBuf, extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = [
            "score",
            "-q",
            "-i",
            "instruments/riasec.toml",
            "-r",
            s(&input),
            "--format",
            "csv",
            "-o",
            s(o),
        ]
        .iter()
        .map(|x| (*x).to_owned())
        .collect();
        a.extend(extra.iter().map(|x| (*x).to_owned()));
        a
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_assess"))
        .args(args(&out, &["-j", "2"]))
        .current_dir(root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first records are on disk (if the run is not
    // over by then; either way the checks below hold).
    for _ in 0..400 {
        if std::fs::metadata(&out)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    let partial = std::fs::read(&out).unwrap();
    assert_eq!(partial.last(), Some(&b'\n'), "ends with a complete record");
    let header_cells = partial
        .split(|&b| b == b'\n')
        .next()
        .unwrap()
        .split(|&b| b == b',')
        .count();
    let mut rdr = csv::ReaderBuilder::new().from_reader(&partial[..]);
    let mut kept = 0;
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), header_cells);
        assert_eq!(rec[0].parse::<usize>().unwrap(), i + 1);
        kept += 1;
    }
    if status.code() == Some(130) {
        assert!(
            err.contains(&format!(
                "interrupted: the output holds {kept} complete records"
            )),
            "{err}"
        );
        assert!(kept < 40_000);
    }
    let resumed = assess(
        &args(&out, &["--resume"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed.stderr));
    let whole = d.join("whole.csv");
    let fresh = assess(
        &args(&whole, &[])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&whole).unwrap());
}
