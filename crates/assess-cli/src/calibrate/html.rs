//! The calibration page (Bahasa Indonesia or English): the run, the test
//! information curve, every item's estimates, fit and flags, and its
//! category characteristic curves, as inline SVG with text alternatives.
//! Item ids and instrument text are escaped; nothing runs script.

use std::fmt::Write as _;

use assess_core::Instrument;
use assess_core::irt::calibrate::{Calibration, CalibrationFlag, ItemEstimate};
use assess_core::irt::{category_probabilities, test_information};

use super::Provenance;
use assess_pages::html::{Page, escape, table_start};

/// The words of the page in one language.
struct Words {
    title: &'static str,
    simulated: &'static str,
    not_converged: &'static str,
    status: &'static str,
    run: &'static str,
    model: &'static str,
    method: &'static str,
    method_text: &'static str,
    respondents: &'static str,
    complete: &'static str,
    grid: &'static str,
    converged: &'static str,
    cycles: &'static str,
    yes: &'static str,
    no: &'static str,
    population: &'static str,
    population_fixed: &'static str,
    information: &'static str,
    information_desc: &'static str,
    items: &'static str,
    item: &'static str,
    anchor: &'static str,
    answered: &'static str,
    flags: &'static str,
    curves: &'static str,
    curves_note: &'static str,
    drift: &'static str,
    se_note: &'static str,
    category: &'static str,
    provenance: &'static str,
    flag: fn(CalibrationFlag) -> &'static str,
}

const ID: Words = Words {
    title: "Kalibrasi butir",
    simulated: "Jawaban simulasi, bukan jawaban orang: parameter ini hanya untuk pengujian dan tidak pernah berstatus tervalidasi.",
    not_converged: "EM tidak konvergen: parameter belum stabil; jangan dipakai.",
    status: "Status parameter",
    run: "Proses",
    model: "Model",
    method: "Metode",
    method_text: "kemungkinan maksimum marginal (EM Bock–Aitkin)",
    respondents: "Responden",
    complete: "Responden dengan semua jawaban (untuk S-X²)",
    grid: "Kuadratur",
    converged: "Konvergen",
    cycles: "siklus EM",
    yes: "ya",
    no: "tidak",
    population: "Distribusi θ (diestimasi dari butir jangkar)",
    population_fixed: "Distribusi θ: N(0, 1), menetapkan skala",
    information: "Informasi tes",
    information_desc: "Informasi tes menurut θ dari −4 sampai 4; makin tinggi, makin teliti pengukuran di tingkat itu.",
    items: "Parameter butir",
    item: "Butir",
    anchor: "jangkar",
    answered: "Dijawab",
    flags: "Perhatian",
    curves: "Kurva karakteristik kategori",
    curves_note: "Peluang tiap kategori jawaban menurut θ (−4 sampai 4). Warna: kategori 0 biru, 1 jingga, 2 hijau, 3 ungu, 4 kuning tua, 5 toska; untuk butir benar–salah, 1 adalah jawaban benar.",
    drift: "Pergeseran butir jangkar (estimasi bebas dikurangi nilai tetap)",
    se_note: "Galat baku dari hasil kali silang skor responden (XPD); b = −d/a dan c dengan metode delta. S-X²: Orlando & Thissen (2000).",
    category: "kategori",
    provenance: "Mesin · tanggal · data",
    flag: flag_id,
};

const EN: Words = Words {
    title: "Item calibration",
    simulated: "Simulated answers, not people's: these parameters are for testing only and are never validated.",
    not_converged: "EM did not converge: the parameters are not stable; do not use them.",
    status: "Status of the parameters",
    run: "Run",
    model: "Model",
    method: "Method",
    method_text: "marginal maximum likelihood (Bock–Aitkin EM)",
    respondents: "Respondents",
    complete: "Respondents with every answer (for S-X²)",
    grid: "Quadrature",
    converged: "Converged",
    cycles: "EM cycles",
    yes: "yes",
    no: "no",
    population: "θ distribution (estimated from the anchor items)",
    population_fixed: "θ distribution: N(0, 1), fixing the scale",
    information: "Test information",
    information_desc: "Test information by θ from −4 to 4; the higher, the more precise the measurement at that level.",
    items: "Item parameters",
    item: "Item",
    anchor: "anchor",
    answered: "Answered",
    flags: "Look at",
    curves: "Category characteristic curves",
    curves_note: "Probability of each answer category by θ (−4 to 4). Colours: category 0 blue, 1 orange, 2 green, 3 purple, 4 dark yellow, 5 teal; for right–wrong items, 1 is the right answer.",
    drift: "Drift of the anchor items (free estimate minus fixed value)",
    se_note: "Standard errors from the cross-product of the respondents' scores (XPD); b = −d/a and c by the delta method. S-X²: Orlando & Thissen (2000).",
    category: "category",
    provenance: "Engine · date · data",
    flag: flag_en,
};

fn flag_id(f: CalibrationFlag) -> &'static str {
    match f {
        CalibrationFlag::NegativeDiscrimination => "daya beda negatif: periksa kunci",
        CalibrationFlag::LowDiscrimination => "daya beda rendah (a < 0,5)",
        CalibrationFlag::HighDiscrimination => "daya beda sangat tinggi (a > 4)",
        CalibrationFlag::ExtremeDifficulty => "tingkat kesulitan ekstrem (|b| > 4)",
        CalibrationFlag::HighGuessing => "tebakan tinggi (c > 0,35)",
        CalibrationFlag::Misfit => "tidak cocok dengan model (S-X² p < 0,01)",
        CalibrationFlag::FewAnswers => "terlalu sedikit jawaban untuk model ini",
        CalibrationFlag::NoStandardError => "galat baku tidak dapat dihitung",
        CalibrationFlag::AnchorDrift => "butir jangkar bergeser (|Δb| > 0,3)",
    }
}

fn flag_en(f: CalibrationFlag) -> &'static str {
    match f {
        CalibrationFlag::NegativeDiscrimination => "negative discrimination: check the key",
        CalibrationFlag::LowDiscrimination => "low discrimination (a < 0.5)",
        CalibrationFlag::HighDiscrimination => "very high discrimination (a > 4)",
        CalibrationFlag::ExtremeDifficulty => "extreme difficulty (|b| > 4)",
        CalibrationFlag::HighGuessing => "high guessing (c > 0.35)",
        CalibrationFlag::Misfit => "misfits the model (S-X² p < 0.01)",
        CalibrationFlag::FewAnswers => "too few answers for this model",
        CalibrationFlag::NoStandardError => "standard errors could not be computed",
        CalibrationFlag::AnchorDrift => "anchor drifted (|Δb| > 0.3)",
    }
}

/// A number for the page: 3 decimals, a decimal comma in Indonesian.
fn num(x: f64, lang: &str) -> String {
    assess_core::messages::messages(lang)
        .decimal(format_args!("{x:.3}"))
        .replace('-', "−")
}

fn opt(x: Option<f64>, lang: &str) -> String {
    x.map_or_else(|| "–".to_owned(), |v| num(v, lang))
}

const GRID: [f64; 81] = {
    let mut g = [0.0; 81];
    let mut i = 0;
    while i < 81 {
        g[i] = -4.0 + 0.1 * i as f64;
        i += 1;
    }
    g
};

/// A line chart of `series` over θ ∈ [−4, 4] as inline SVG.
fn chart(
    title: &str,
    desc: &str,
    series: &[Vec<f64>],
    max: f64,
    width: f64,
    height: f64,
) -> String {
    let (l, r, t, b) = (34.0, 8.0, 8.0, 22.0);
    let (w, h) = (width - l - r, height - t - b);
    let x = |th: f64| l + (th + 4.0) / 8.0 * w;
    let y = |v: f64| t + h - (v / max).clamp(0.0, 1.0) * h;
    let mut s = format!(
        "<svg role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title><desc>{}</desc>",
        escape(title),
        escape(desc)
    );
    let _ = write!(
        s,
        "<rect x=\"{l}\" y=\"{t}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#c8c8c8\"/>"
    );
    for th in [-4.0, -2.0, 0.0, 2.0, 4.0] {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x(th),
            height - 6.0,
            format!("{th}").replace('-', "−")
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">0</text>",
        l - 3.0,
        t + 9.0,
        if max < 10.0 {
            format!("{max:.1}")
        } else {
            format!("{max:.0}")
        },
        l - 3.0,
        t + h
    );
    const COLOURS: [&str; 6] = [
        "#0b5cad", "#b34700", "#2e7d32", "#6a1b9a", "#8a6d00", "#00838f",
    ];
    for (i, ys) in series.iter().enumerate() {
        let points: Vec<String> = GRID
            .iter()
            .zip(ys)
            .map(|(&th, &v)| format!("{:.1},{:.1}", x(th), y(v)))
            .collect();
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
            COLOURS[i % COLOURS.len()],
            points.join(" ")
        );
    }
    s.push_str("</svg>");
    s
}

fn item_row(it: &ItemEstimate, w: &Words, lang: &str) -> String {
    let b =
        it.b.iter()
            .map(|v| num(*v, lang))
            .collect::<Vec<_>>()
            .join("; ");
    let se_b = it
        .se_b
        .iter()
        .map(|v| opt(*v, lang))
        .collect::<Vec<_>>()
        .join("; ");
    let fit = it.fit.as_ref().map_or_else(
        || "–".to_owned(),
        |f| format!("{} ({}, p {})", num(f.s_x2, lang), f.df, opt(f.p, lang)),
    );
    let flags = it
        .flags
        .iter()
        .map(|f| format!("<span class=\"flag\">{}</span>", escape((w.flag)(*f))))
        .collect::<Vec<_>>()
        .join("<br>");
    format!(
        "<tr><th scope=\"row\">{}{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        escape(&it.id),
        if it.anchor {
            format!(" ({})", w.anchor)
        } else {
            String::new()
        },
        escape(it.model),
        it.answered,
        num(it.a, lang),
        opt(it.se_a, lang),
        b,
        se_b,
        opt(it.c, lang),
        fit,
        flags
    )
}

/// The whole page.
pub(super) fn page(inst: &Instrument, fit: &Calibration, prov: &Provenance, lang: &str) -> String {
    let w = if lang == "en" { &EN } else { &ID };
    let title = format!("{} — {}", w.title, inst.title().get(lang));
    let mut p = Page::new(lang, &title)
        .css(".curves{display:flex;flex-wrap:wrap;gap:.5rem}.curves figure{margin:0}");
    let mut h = String::new();
    let _ = writeln!(h, "<h1>{}</h1>", escape(&title));
    if prov.simulated {
        let _ = writeln!(h, "<p class=\"status\">{}</p>", escape(w.simulated));
    }
    if !fit.convergence.converged {
        let _ = writeln!(h, "<p class=\"status\">{}</p>", escape(w.not_converged));
    }
    let _ = writeln!(h, "<h2>{}</h2>\n<dl>", escape(w.run));
    let rows: Vec<(&str, String)> = vec![
        (w.status, prov.status.as_str().to_owned()),
        (w.model, fit.model.as_str().to_uppercase()),
        (w.method, w.method_text.to_owned()),
        (w.respondents, fit.respondents.to_string()),
        (w.complete, fit.complete_cases.to_string()),
        (
            w.grid,
            format!(
                "{} × [{}, {}]",
                fit.quadrature.points,
                num(fit.quadrature.lower, lang),
                num(fit.quadrature.upper, lang)
            ),
        ),
        (
            w.converged,
            format!(
                "{} · {} {} · max |Δ| {:.1e}",
                if fit.convergence.converged {
                    w.yes
                } else {
                    w.no
                },
                fit.convergence.cycles,
                w.cycles,
                fit.convergence.largest_change
            ),
        ),
        (
            "−2 ln L · AIC · BIC",
            format!(
                "{} · {} · {}",
                num(fit.fit.minus_two_log_likelihood, lang),
                num(fit.fit.aic, lang),
                num(fit.fit.bic, lang)
            ),
        ),
        (
            if fit.population.estimated {
                w.population
            } else {
                w.population_fixed
            },
            format!(
                "μ {} · σ {}",
                num(fit.population.mean, lang),
                num(fit.population.sd, lang)
            ),
        ),
        (
            w.provenance,
            format!("{} · {} · {}", prov.engine, prov.date, prov.sample),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    h.push_str("</dl>\n");

    let params: Vec<_> = fit.items.iter().map(|i| i.params.clone()).collect();
    let info: Vec<f64> = GRID.iter().map(|&t| test_information(&params, t)).collect();
    let max = info.iter().copied().fold(0.0, f64::max).max(1.0) * 1.05;
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<figure>{}<figcaption>{}</figcaption></figure>",
        escape(w.information),
        chart(
            w.information,
            w.information_desc,
            &[info],
            max,
            560.0,
            220.0
        ),
        escape(w.information_desc)
    );

    let _ = writeln!(h, "<h2>{}</h2>", escape(w.items));
    h.push_str(&table_start(
        w.items,
        &[
            (w.item, false),
            (w.model, false),
            (w.answered, true),
            ("a", true),
            ("SE a", true),
            ("b", true),
            ("SE b", true),
            ("c", true),
            ("S-X² (df, p)", true),
            (w.flags, false),
        ],
    ));
    for it in &fit.items {
        h.push_str(&item_row(it, w, lang));
    }
    h.push_str("</tbody></table>\n");
    let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(w.se_note));

    if !fit.anchors.is_empty() {
        h.push_str(&table_start(
            w.drift,
            &[
                (w.item, false),
                ("Δa", true),
                ("Δb", true),
                (w.flags, false),
            ],
        ));
        for d in &fit.anchors {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&d.id),
                num(d.delta_a, lang),
                d.delta_b
                    .iter()
                    .map(|x| num(*x, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
                if d.drifted {
                    escape((w.flag)(CalibrationFlag::AnchorDrift))
                } else {
                    String::new()
                }
            );
        }
        h.push_str("</tbody></table>\n");
    }

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>\n<div class=\"curves\">",
        escape(w.curves),
        escape(w.curves_note)
    );
    for it in &fit.items {
        let probs: Vec<Vec<f64>> = GRID
            .iter()
            .map(|&t| category_probabilities(&it.params, t))
            .collect();
        let cats = probs.first().map_or(0, Vec::len);
        let series: Vec<Vec<f64>> = (0..cats)
            .map(|k| probs.iter().map(|p| p[k]).collect())
            .collect();
        let desc = format!(
            "{} {}: a {}, b {}",
            w.item,
            it.id,
            num(it.a, lang),
            it.b.iter()
                .map(|b| num(*b, lang))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let _ = write!(
            h,
            "<figure>{}<figcaption>{} ({} {})</figcaption></figure>",
            chart(&it.id, &desc, &series, 1.0, 230.0, 140.0),
            escape(&it.id),
            cats,
            escape(w.category)
        );
    }
    h.push_str("</div>\n");
    p.push(&h);
    p.finish()
}
