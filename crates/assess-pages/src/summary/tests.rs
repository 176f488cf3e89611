use std::collections::BTreeMap;

use super::page::LetterScale;
use super::*;

/// The page and the CSV apply the core's rule (its own tests are in
/// `analysis::disclosure`) to the groups in their display order.
#[test]
fn groups_are_suppressed_by_the_cores_rule_in_display_order() {
    let groups: BTreeMap<String, Tally> = [("Demak", 30), ("Rembang", 3), ("Sragen", 12)]
        .into_iter()
        .map(|(g, n)| {
            (
                g.to_owned(),
                Tally {
                    n,
                    ..Tally::default()
                },
            )
        })
        .collect();
    assert_eq!(suppressed(&groups, 10), [false, true, true]);
    assert_eq!(suppressed(&groups, 3), [false, false, false]);
}

/// One scored record of `assess score` with the parts the summary
/// reads: metadata, a Holland code when `code` is given, and each
/// `(scale, band, label, pomp)` of a readiness-like instrument whose
/// bands are cut on POMP (0–50, 50–75, 75–100, as
/// `instruments/readiness.toml`).
fn record(meta: &[(&str, &str)], code: Option<&str>, scales: &[(&str, &str, &str, f64)]) -> String {
    let metadata: serde_json::Map<String, serde_json::Value> = meta
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
        .collect();
    let scales: Vec<serde_json::Value> = scales
        .iter()
        .map(|(id, band, label, pomp)| {
            serde_json::json!({
                "id": id, "name": id, "score": pomp, "pomp": pomp,
                "band": {"id": band, "basis": "pomp", "label": label}
            })
        })
        .collect();
    serde_json::json!({
        "status": "scored",
        "report": {
            "scales": scales,
            "quality": {"flags": []},
            "riasec": code.map(|c| serde_json::json!({"holland": {"code": c}})),
            "metadata": metadata,
        }
    })
    .to_string()
}

fn summary(columns: &[&str], records: &[String]) -> Summary {
    let columns: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    let mut s = Summary::new(&columns);
    for r in records {
        s.add_json(r).unwrap();
    }
    s
}

/// The text of every `<thead>` of `html`.
fn table_heads(html: &str) -> Vec<&str> {
    html.split("<thead>")
        .skip(1)
        .map(|t| &t[..t.find("</thead>").unwrap()])
        .collect()
}

/// Records that meet the bands in the opposite of the instrument's
/// order, and each scale in a different order: every table and the
/// CSV still list them lowest first, as the instrument does.
#[test]
fn bands_are_in_the_instruments_order_in_every_table_and_the_csv() {
    let levels = [
        ("siap_kerja", "Siap kerja", 80.0),
        ("perlu_pendampingan", "Perlu pendampingan", 20.0),
        ("berkembang", "Berkembang", 60.0),
    ];
    let records: Vec<String> = (0..30)
        .map(|i| {
            let (k, d) = (levels[i % 3], levels[(i + 2) % 3]);
            record(
                &[
                    ("district", if i < 15 { "Demak" } else { "Rembang" }),
                    ("gender", "perempuan"),
                ],
                None,
                &[
                    ("komunikasi", k.0, k.1, k.2),
                    ("digital", d.0, d.1, d.2 + 5.0),
                ],
            )
        })
        .collect();
    let s = summary(&["district", "gender"], &records);
    let header = &csv_records(&s, 10)[0];
    let bands: Vec<&str> = header
        .iter()
        .filter(|h| h.contains('.'))
        .map(String::as_str)
        .collect();
    assert_eq!(
        bands,
        [
            "komunikasi.perlu_pendampingan_pct",
            "komunikasi.berkembang_pct",
            "komunikasi.siap_kerja_pct",
            "digital.perlu_pendampingan_pct",
            "digital.berkembang_pct",
            "digital.siap_kerja_pct",
        ]
    );
    for lang in ["id", "en"] {
        let html = to_html(&s, "x.jsonl", 10, lang);
        let heads: Vec<&str> = table_heads(&html)
            .into_iter()
            .filter(|h| h.contains("Siap kerja"))
            .collect();
        // The overview's table, and one per scale in each of two columns.
        assert_eq!(heads.len(), 1 + 2 * 2, "{lang}");
        for h in heads {
            let at = |label: &str| h.find(label).unwrap();
            assert!(
                at("Perlu pendampingan") < at("Berkembang") && at("Berkembang") < at("Siap kerja"),
                "{lang}: {h}"
            );
        }
    }
}

/// No figure of a suppressed group anywhere: not its size in the
/// overview, not a row of figures, not a chart, not its common codes,
/// not even the scale of the charts.
#[test]
fn suppressed_groups_show_no_figure_on_the_first_page_or_in_the_sections() {
    let mut records = Vec::new();
    for (district, n, code, band) in [
        ("Demak", 15, "RIA", ("berkembang", "Berkembang", 60.0)),
        ("Demak", 15, "IRA", ("berkembang", "Berkembang", 60.0)),
        ("Rembang", 3, "SEC", ("siap_kerja", "Siap kerja", 90.0)),
        ("Sragen", 12, "CSE", ("siap_kerja", "Siap kerja", 90.0)),
    ] {
        for _ in 0..n {
            records.push(record(
                &[("district", district)],
                Some(code),
                &[("komunikasi", band.0, band.1, band.2)],
            ));
        }
    }
    let s = summary(&["district"], &records);
    let html = to_html(&s, "x.jsonl", 10, "id");
    // The overview: shown sizes, the names of the suppressed only.
    assert!(
        html.contains("<dd>Demak 30; disembunyikan: Rembang, Sragen</dd>"),
        "{html}"
    );
    // The section's tables: the name, the word, empty cells.
    for name in ["Rembang", "Sragen"] {
        let rows: Vec<&str> = html
            .split("<tr>")
            .filter(|r| r.starts_with(&format!("<td>{name}</td>")))
            .collect();
        assert_eq!(rows.len(), 2, "{name}: status table and one scale");
        for r in rows {
            let cells = r
                .trim_end_matches("</tr>")
                .replace("<td class=\"num\"></td>", "");
            assert_eq!(
                cells.split("</tr>").next().unwrap(),
                format!("<td>{name}</td><td class=\"num\">disembunyikan</td>"),
            );
        }
        assert!(!html.contains(&format!("<figcaption>{name}")), "{name}");
    }
    // All records and Demak only; Demak's largest share (R and I, 50 %)
    // sets the scale, not Sragen's (C, 100 %).
    assert_eq!(html.matches("<figure class=\"chart\">").count(), 2);
    assert!(html.contains("<figcaption>Demak (n = 30)</figcaption>"));
    assert!(html.contains("IRA (15), RIA (15)"));
    assert!(!html.contains("CSE") && !html.contains("SEC"));
    assert_eq!(LetterScale::of(&s, 10).max, 50);
    assert!(html.contains("0–50%"));
    // The CSV agrees: names and `yes` only.
    for r in &csv_records(&s, 10)[2..] {
        let hidden = r[1] != "Demak";
        assert_eq!(r[2], if hidden { "yes" } else { "no" });
        assert_eq!(r[3..].iter().all(String::is_empty), hidden);
    }
}

/// Section headings and first columns use the page's label of a known
/// metadata key, in the page's language; an unknown key is shown as
/// written.
#[test]
fn headings_use_the_labels_of_metadata_keys() {
    let records: Vec<String> = (0..12)
        .map(|_| {
            record(
                &[
                    ("district", "Demak"),
                    ("gender", "perempuan"),
                    ("kota_asal", "Semarang"),
                ],
                Some("SEC"),
                &[],
            )
        })
        .collect();
    let s = summary(&["district", "gender", "kota_asal"], &records);
    let id = to_html(&s, "x.jsonl", 10, "id");
    for h in [
        "Menurut kabupaten/kota",
        "Menurut jenis kelamin",
        "Menurut kota_asal",
    ] {
        assert!(id.contains(&format!("<h2>{h}</h2>")), "{h}");
    }
    assert!(id.contains("<th scope=\"col\">Kabupaten/<wbr>kota</th>"));
    assert!(id.contains("<dt>Jenis kelamin</dt>"));
    let en = to_html(&s, "x.jsonl", 10, "en");
    for h in ["By district", "By gender", "By kota_asal"] {
        assert!(en.contains(&format!("<h2>{h}</h2>")), "{h}");
    }
    // No raw key of a known column in the Indonesian page's headings,
    // captions or column heads.
    for tag in ["h2", "h3", "caption", "th", "dt", "figcaption"] {
        for part in id.split(&format!("<{tag}")).skip(1) {
            if !part.starts_with(['>', ' ']) {
                continue; // `<thead>` for `<th`
            }
            let text = &part[..part.find(&format!("</{tag}>")).unwrap()];
            for key in ["district", "gender", "Group", "District", "Gender"] {
                assert!(!text.contains(key), "<{tag}{text}");
            }
        }
    }
}

/// Every first-letter chart of a page is drawn on one scale: two groups
/// whose largest shares differ (60 % and 30 %) get bars whose widths
/// are their shares over the same maximum, so 30 % is half of 60 %.
#[test]
fn first_letter_charts_share_one_scale() {
    let mut records = Vec::new();
    for (district, codes) in [("Demak", "RRRRRRIIAA"), ("Sragen", "SSSEEECCRR")] {
        for c in codes.chars() {
            let code = format!("{c}XY");
            records.push(record(&[("district", district)], Some(&code), &[]));
        }
    }
    let s = summary(&["district"], &records);
    let html = to_html(&s, "x.jsonl", 2, "en");
    // R: 8 of 20 overall, 6 of 10 in Demak: 60 % rounds up to a 60 % scale.
    assert!(html.contains("uses the same scale, 0–60%"));
    let charts: Vec<(String, Vec<(f64, f64)>)> = html
        .split("<figure class=\"chart\">")
        .skip(1)
        .map(|f| {
            let f = &f[..f.find("</figure>").unwrap()];
            let title = f["<figcaption>".len()..f.find("</figcaption>").unwrap()].to_owned();
            let widths = f
                .split("<span class=\"f\" style=\"width:")
                .skip(1)
                .map(|w| w[..w.find('%').unwrap()].parse::<f64>().unwrap());
            let shares = f
                .split("<span class=\"v\">")
                .skip(1)
                .map(|v| v[..v.find('%').unwrap()].parse::<f64>().unwrap());
            (title, widths.zip(shares).collect())
        })
        .collect();
    let titles: Vec<&str> = charts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "First letter of the Holland code (n = 20)",
            "Demak (n = 10)",
            "Sragen (n = 10)"
        ]
    );
    for (title, bars) in &charts {
        assert_eq!(bars.len(), 6, "{title}");
        for (width, share) in bars {
            // Width in % of the track: share / 60 %, to the tenth.
            assert!(
                (width - share / 60.0 * 100.0).abs() < 0.051,
                "{title}: {width} {share}"
            );
        }
    }
    // R in Demak fills the bar; S in Sragen (30 %) fills half of it.
    assert_eq!(charts[1].1[0], (100.0, 60.0));
    assert_eq!(charts[2].1[3], (50.0, 30.0));
}
