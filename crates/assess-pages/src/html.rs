//! Self-contained HTML pages for the command's reports: one page skeleton
//! (language, print layout for A4, readable type), escaping, and small inline
//! SVG charts. Shared by every command that writes HTML so that the reports
//! look and behave alike; nothing here computes a score.

use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The shared style sheet: readable on a phone, prints cleanly on A4.
const BASE_CSS: &str = "\
:root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--accent:#0b5cad;--warn:#8a4b00}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);background:#fff;line-height:1.5;margin:0 auto;max-width:60rem;padding:1.5rem;overflow-wrap:break-word}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
p,li{max-width:45rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
@media (max-width:40rem){body{padding:.75rem}table{font-size:.85rem}th,td{padding:.25rem .3rem}}
th{background:#f2f2f2}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.status{border:2px solid var(--warn);background:#fff7e6;padding:.6rem .8rem;margin:1rem 0}
.note{color:var(--muted);font-size:.9rem}
.flag{color:var(--warn);font-weight:600}
figure{margin:1rem 0}figcaption{font-size:.9rem;color:var(--muted)}
svg text{font-family:inherit}
@page{size:A4;margin:15mm}
@media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-after:avoid}table,figure,section.card{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// A self-contained HTML page: no external resources, so it can be saved,
/// mailed or printed as it is.
pub struct Page {
    lang: String,
    title: String,
    css: String,
    body: String,
}

impl Page {
    /// A new page in language `lang` (`id` or `en`) with a plain-text title.
    pub fn new(lang: &str, title: &str) -> Page {
        Page {
            lang: lang.to_owned(),
            title: title.to_owned(),
            css: String::new(),
            body: String::new(),
        }
    }

    /// Adds page-specific CSS after the shared style sheet.
    pub fn css(mut self, css: &str) -> Page {
        self.css.push_str(css);
        self
    }

    /// Appends raw HTML to the body. The caller escapes text with [`escape`].
    pub fn push(&mut self, html: &str) {
        self.body.push_str(html);
    }

    /// The whole document.
    pub fn finish(self) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>\n{BASE_CSS}{css}</style>\n</head>\n<body>\n\
             <main>\n{body}</main>\n</body>\n</html>\n",
            lang = escape(&self.lang),
            title = escape(&self.title),
            css = self.css,
            body = self.body,
        )
    }
}

/// One bar of a [`bar_chart`].
pub struct Bar<'a> {
    /// Label shown left of the bar.
    pub label: &'a str,
    /// Value drawn, between 0 and the chart's maximum.
    pub value: f64,
    /// Text shown right of the bar (the value as the reader should read it).
    pub shown: String,
}

/// A horizontal bar chart as inline SVG, with a text alternative for screen
/// readers (`role="img"`, `<title>` and `<desc>` listing every bar).
pub fn bar_chart(title: &str, bars: &[Bar<'_>], max: f64) -> String {
    const ROW: f64 = 26.0;
    const BAR: f64 = 340.0;
    // The label column grows with the longest label (about 7.2 units a
    // character at font size 13) so that long scale names are not cut off.
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = (16.0 + 7.2 * longest as f64).max(190.0);
    let width = label_w + BAR + 70.0;
    let height = ROW * bars.len() as f64 + 8.0;
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.shown))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width:.0} {height}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"t{id} d{id}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"t{id}\">{title}</title><desc id=\"d{id}\">{desc}</desc>",
        id = chart_id("b", title, &desc),
        title = escape(title),
        desc = escape(&desc),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let share = if max > 0.0 {
            (b.value / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let w = BAR * share;
        let _ = write!(
            svg,
            "<text x=\"{lx:.1}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"13\">{label}</text>\
             <rect x=\"{bx:.0}\" y=\"{ry}\" width=\"{BAR}\" height=\"16\" fill=\"#eeeeee\"/>\
             <rect x=\"{bx:.0}\" y=\"{ry}\" width=\"{w:.1}\" height=\"16\" fill=\"#0b5cad\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"13\">{shown}</text>",
            lx = label_w - 8.0,
            bx = label_w,
            ty = y + 13.0,
            ry = y + 1.0,
            vx = label_w + BAR + 6.0,
            label = escape(b.label),
            shown = escape(&b.shown),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A short id for `aria-labelledby`, stable for the same chart so that the
/// same input gives the same page.
/// The id of a chart's title and description: `kind` (one letter per kind
/// of chart) and a hash of its text, so a hexagon and a bar chart of the
/// same scores on one page (the report shows both) get different ids.
fn chart_id(kind: &str, title: &str, desc: &str) -> String {
    // FNV-1a: tiny, deterministic; collisions only matter within one page.
    let mut h: u32 = 0x811c_9dc5;
    for b in title.bytes().chain(desc.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("c{kind}{h:08x}")
}

/// A hexagon (radar) chart of six values between 0 and `max`, as inline
/// SVG with a text alternative; axes clockwise from the top in the order
/// given (for RIASEC: R I A S E C, Holland's hexagon).
pub fn hexagon_chart(title: &str, axes: &[(&str, f64, String); 6], max: f64) -> String {
    // Unit vectors of the six axes, clockwise from the top: exact
    // constants, so no trigonometry and the same bytes everywhere.
    const H: f64 = 0.866_025_403_784_438_6; // √3/2
    const DIRS: [(f64, f64); 6] = [
        (0.0, -1.0),
        (H, -0.5),
        (H, 0.5),
        (0.0, 1.0),
        (-H, 0.5),
        (-H, -0.5),
    ];
    const CX: f64 = 230.0;
    const CY: f64 = 160.0;
    const R: f64 = 105.0;
    let desc = axes
        .iter()
        .map(|(label, _, shown)| format!("{label}: {shown}"))
        .collect::<Vec<_>>()
        .join("; ");
    let id = chart_id("h", title, &desc);
    let mut svg = format!(
        "<svg viewBox=\"0 0 460 320\" width=\"100%\" style=\"max-width:460px\" role=\"img\" \
         aria-labelledby=\"t{id} d{id}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"t{id}\">{title}</title><desc id=\"d{id}\">{desc}</desc>",
        title = escape(title),
        desc = escape(&desc),
    );
    let ring = |f: f64| {
        DIRS.iter()
            .map(|(x, y)| format!("{:.1},{:.1}", CX + R * f * x, CY + R * f * y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for f in [0.25, 0.5, 0.75, 1.0] {
        let _ = write!(
            svg,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>",
            ring(f)
        );
    }
    for (x, y) in DIRS {
        let _ = write!(
            svg,
            "<line x1=\"{CX}\" y1=\"{CY}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c8c8c8\"/>",
            CX + R * x,
            CY + R * y
        );
    }
    let points = axes
        .iter()
        .zip(DIRS)
        .map(|((_, v, _), (x, y))| {
            let f = if max > 0.0 {
                (v / max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            format!("{:.1},{:.1}", CX + R * f * x, CY + R * f * y)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        svg,
        "<polygon points=\"{points}\" fill=\"#0b5cad\" fill-opacity=\"0.25\" stroke=\"#0b5cad\" stroke-width=\"2\"/>"
    );
    for ((label, _, shown), (x, y)) in axes.iter().zip(DIRS) {
        let anchor = if x > 0.1 {
            "start"
        } else if x < -0.1 {
            "end"
        } else {
            "middle"
        };
        let (lx, ly) = (
            CX + (R + 12.0) * x,
            CY + (R + 12.0) * y + if y > 0.0 { 12.0 } else { -2.0 },
        );
        let _ = write!(
            svg,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" font-size=\"13\">{} {}</text>",
            escape(label),
            escape(shown)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A table with a caption, header cells (`scope="col"`) and rows of
/// already-escaped HTML cells; `numeric` marks right-aligned columns.
pub fn table(caption: &str, header: &[&str], rows: &[Vec<String>], numeric: &[bool]) -> String {
    let columns: Vec<(&str, bool)> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (*h, numeric.get(i).copied().unwrap_or(false)))
        .collect();
    let mut t = table_start(caption, &columns);
    for row in rows {
        t.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let class = if columns.get(i).is_some_and(|c| c.1) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(t, "<td{class}>{c}</td>");
        }
        t.push_str("</tr>\n");
    }
    t.push_str("</tbody></table>\n");
    t
}

/// The start of a data table: `<table>`, its caption and a header row,
/// up to `<tbody>`. `columns` are plain-text headings, each with whether
/// the column holds numbers (right-aligned). Close with `</tbody></table>`.
pub fn table_start(caption: &str, columns: &[(&str, bool)]) -> String {
    let mut s = format!(
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (name, numeric) in columns {
        let _ = write!(
            s,
            "<th scope=\"col\"{}>{}</th>",
            if *numeric { " class=\"num\"" } else { "" },
            escape(name)
        );
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("Wirausaha — ǅ"), "Wirausaha — ǅ");
    }

    #[test]
    fn page_is_self_contained_and_declares_its_language() {
        let mut page = Page::new("id", "Laporan <contoh>");
        page.push("<h1>Halo</h1>");
        let html = page.css("h1{color:red}").finish();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        assert!(html.contains("<title>Laporan &lt;contoh&gt;</title>"));
        assert!(html.contains("@page{size:A4"));
        assert!(html.contains("h1{color:red}</style>"));
        assert!(html.contains("<main>\n<h1>Halo</h1></main>"));
        // Nothing loaded from elsewhere: the page works saved, mailed or printed.
        assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"));
    }

    #[test]
    fn bar_chart_has_a_text_alternative_and_clamps_bars() {
        let bars = [
            Bar {
                label: "Realistis",
                value: 50.0,
                shown: "50".into(),
            },
            Bar {
                label: "Sosial <S>",
                value: 250.0,
                shown: "250".into(),
            },
        ];
        let svg = bar_chart("Minat", &bars, 100.0);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<desc id=\"d"));
        assert!(svg.contains("Realistis: 50; Sosial &lt;S&gt;: 250"));
        // 50 of 100 is half of the 340-unit bar; 250 is clamped to the full bar.
        assert!(svg.contains("width=\"170.0\""));
        assert!(svg.contains("width=\"340.0\""));
        assert_eq!(svg, bar_chart("Minat", &bars, 100.0));
    }

    #[test]
    fn bar_chart_makes_room_for_long_labels() {
        let bars = [Bar {
            label: "Penalaran Logis dan Mekanis (butir 31–40)",
            value: 1.0,
            shown: "1".into(),
        }];
        let svg = bar_chart("Alpha", &bars, 1.0);
        // 41 characters × 7.2 + 16 = 311.2 units of label column, so the
        // label's right edge (where it is anchored) sits at 303.2 and its left
        // edge stays inside the picture; the bar starts after it.
        assert!(svg.starts_with("<svg viewBox=\"0 0 721 34\""));
        assert!(svg.contains("<text x=\"303.2\""));
        assert!(svg.contains("<rect x=\"311\""));
    }

    #[test]
    fn table_start_has_caption_and_column_headers() {
        let t = table_start("Butir <A>", &[("Butir", false), ("n", true)]);
        assert_eq!(
            t,
            "<table>\n<caption>Butir &lt;A&gt;</caption>\n<thead><tr><th scope=\"col\">Butir</th><th scope=\"col\" class=\"num\">n</th></tr></thead>\n<tbody>\n"
        );
    }
}
