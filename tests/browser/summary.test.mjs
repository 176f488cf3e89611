// The programme summary of the command line (`assess summary`) in headless
// Chromium, built from the shipped synthetic samples (3,000 interest and
// 2,000 readiness respondents, by district, gender and disability) in
// Bahasa Indonesia and English: axe-core finds no violation; every chart
// shows its labels and values as visible text; nothing is wider than a
// 360 px phone screen; printed on A4 the overview is the first page and
// the whole summary takes at most 6 pages (18 and 19 before the redesign
// of issue 21); the Indonesian page has no English heading and no decimal
// point.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { axe, launch, overflowing } from "./chromium.mjs";
import { buildCli, ROOT } from "../js/common.mjs";

const BINARY = join(ROOT, "target", "debug", "assess");
const OUT = join(ROOT, "target", "browser");
/** Printed pages of each summary, measured with this test's Chromium. */
const MAX_PAGES = 6;
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildCli();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The summary page of a shipped synthetic sample in `lang`, written to target/browser/. */
function summary(instrument, lang) {
  const scored = join(OUT, `summary-${instrument}-${lang}.jsonl`);
  execFileSync(BINARY, [
    "score", "-q", "--overwrite", "--lang", lang,
    "-i", join(ROOT, "instruments", `${instrument}.toml`),
    "-r", join(ROOT, "examples", "responses", `synthetic-${instrument}.csv`),
    "--format", "jsonl", "-o", scored,
  ], { stdio: ["ignore", "ignore", "inherit"] });
  const html = join(OUT, `summary-${instrument}-${lang}.html`);
  execFileSync(BINARY, [
    "summary", scored, "--by", "district", "--by", "gender", "--by", "disability",
    "--lang", lang, "--html", html, "--overwrite",
  ], { stdio: ["ignore", "ignore", "ignore"] });
  return html;
}

/** Pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree). */
function pdfPages(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

for (const instrument of ["riasec", "readiness"]) {
  for (const lang of ["id", "en"]) {
    test(`the ${lang} summary of synthetic-${instrument} on a phone, in print and to axe`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(summary(instrument, lang)).href);

      // Nothing wider than the screen.
      const wide = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        elements: [...document.body.querySelectorAll("*")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      }));
      assert.ok(wide.scroll <= 360, `the summary is ${wide.scroll} px wide on a 360 px screen`);
      assert.deepEqual(wide.elements, []);

      assert.deepEqual(await axe(page), []);

      // Every chart: one row per bar with its label and its value as
      // visible text (not only an SVG title), and every bar on the page's
      // one scale (its width is its value over the stated maximum).
      const charts = await page.evaluate(() => {
        const visible = (e) => {
          const r = e.getBoundingClientRect();
          const s = getComputedStyle(e);
          return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
        };
        return [...document.querySelectorAll("figure")].map((f) => ({
          caption: f.querySelector("figcaption")?.innerText ?? "",
          svgs: f.querySelectorAll("svg").length,
          bars: [...f.querySelectorAll("li")].map((li) => ({
            label: visible(li.querySelector(".l")) ? li.querySelector(".l").innerText : "",
            value: visible(li.querySelector(".v")) ? li.querySelector(".v").innerText : "",
            width: parseFloat(li.querySelector(".f").style.width),
          })),
        }));
      });
      const scaleNote = await page.$eval("section.overview .note", (e) => e.innerText).catch(() => "");
      if (instrument === "riasec") {
        // The overview's chart, then one per shown group: every row of the
        // sections' first tables that is not suppressed (13 districts, 2
        // genders and 6 disability groups in the sample).
        const shown = await page.$$eval("section.by > table:first-of-type tbody tr", (rows) =>
          rows.filter((r) => r.cells[1].innerText !== (document.documentElement.lang === "id" ? "disembunyikan" : "suppressed")).length);
        assert.equal(shown, 13 + 2 + 6);
        assert.equal(charts.length, 1 + shown);
        const max = Number(/0–(\d+)\s?%/.exec(scaleNote)?.[1]);
        assert.ok(max > 0 && max <= 100, `no shared scale stated: ${scaleNote}`);
        for (const c of charts) {
          assert.equal(c.svgs, 0, `${c.caption}: the chart is HTML text, not an SVG`);
          assert.equal(c.bars.length, 6, c.caption);
          for (const b of c.bars) {
            assert.match(b.label, /^[RIASEC] \p{L}+$/u, `${c.caption}: a bar without a visible label`);
            assert.match(b.value, lang === "id" ? /^\d+,\d%$/ : /^\d+\.\d%$/, `${c.caption}: ${b.label}`);
            const share = parseFloat(b.value.replace(",", "."));
            // The value is rounded to 0.1 % and the width to 0.1 of the bar.
            const tolerance = (0.05 / max) * 100 + 0.05 + 1e-9;
            assert.ok(Math.abs(b.width - (share / max) * 100) <= tolerance, `${c.caption}: ${b.label} ${b.value} drawn ${b.width}%`);
          }
        }
      } else {
        assert.equal(charts.length, 0, "a readiness batch has no Holland codes");
      }

      // No English heading in Indonesian, and a decimal comma.
      if (lang === "id") {
        const headings = await page.$$eval("h1, h2, h3, caption, th, dt, figcaption", (els) => els.map((e) => e.innerText));
        const english = headings.filter((h) => /\b(district|gender|disability|group|by|all records|scored|partial|rejected)\b/i.test(h));
        assert.deepEqual(english, []);
        assert.ok(headings.includes("Menurut kabupaten/kota"), "the district section's heading");
        const text = await page.evaluate(() => document.body.innerText);
        assert.deepEqual(text.match(/\d\.\d/g) ?? [], []);
      } else {
        const h2 = await page.$$eval("h2", (els) => els.map((e) => e.innerText));
        assert.deepEqual(h2.slice(1), ["By district", "By gender", "By disability"]);
      }

      // Printed on A4: at most MAX_PAGES pages, and the overview alone is
      // exactly one page (the sections start after its page break).
      await page.emulateMedia({ media: "print" });
      const pages = pdfPages(await page.pdf({ format: "A4" }));
      assert.ok(pages <= MAX_PAGES, `${pages} A4 pages`);
      assert.equal(await page.$eval("section.overview", (e) => getComputedStyle(e).breakAfter), "page");
      // Nothing sticks out of its box (a table wider than its column would
      // be drawn over the next one): on a phone, A4's width printed and on
      // screen, a desktop.
      for (const [width, media] of [[360, "screen"], [794, "print"], [794, "screen"], [1280, "screen"]]) {
        await page.setViewportSize({ width, height: 1123 });
        await page.emulateMedia({ media });
        assert.deepEqual(await overflowing(page), [], `${width} px, ${media}`);
      }
      await page.emulateMedia({ media: "print" });
      await page.$$eval("section.by", (els) => els.forEach((e) => e.remove()));
      assert.equal(pdfPages(await page.pdf({ format: "A4" })), 1, "the overview does not fit on the first page");
      await context.close();
    });
  }
}
