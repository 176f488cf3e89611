// The counsellor's report of the command line (`assess report`) in
// headless Chromium: on a phone screen nothing scrolls sideways (wide
// tables and long values such as content hashes wrap), every id is unique
// and axe-core finds no violation; printed on A4, the essentials take two
// pages and the details start on a new one; the Indonesian page has no
// English words and writes dates and decimals the Indonesian way. In
// Bahasa Indonesia and English.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { axe, launch, overflowing } from "./chromium.mjs";
import { buildCli, ROOT } from "../js/common.mjs";

const BINARY = join(ROOT, "target", "debug", "assess");
const OUT = join(ROOT, "target", "browser");
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildCli();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const PERSONAS = ["rembang-siti", "banyumas-adi", "kebumen-rina", "brebes-dewi", "grobogan-bayu", "sragen-joko"];

/** The three-instrument report of one persona, written to target/browser/. */
function report(lang, who = "rembang-siti") {
  const r = join(ROOT, "examples", "responses");
  const i = join(ROOT, "instruments");
  const html = execFileSync(BINARY, [
    "report", "--respondent", who, "--lang", lang,
    "-i", join(i, "riasec.toml"), "-r", join(r, "riasec-personas.json"),
    "-i", join(i, "aptitude.toml"), "-r", join(r, "aptitude-personas.csv"),
    "-i", join(i, "readiness.toml"), "-r", join(r, "readiness-personas.json"),
    "--catalog", join(i, "job-families.toml"), "--date", "2026-12-05",
  ], { encoding: "utf8" });
  const file = join(OUT, `report-${who}-${lang}.html`);
  writeFileSync(file, html);
  return file;
}

for (const lang of ["id", "en"]) {
  test(`the ${lang} report fits a 360 px phone screen, with unique ids and no axe violation`, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(report(lang)).href);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the report is ${width} px wide on a 360 px screen`);
    assert.deepEqual(await overflowing(page), [], "nothing sticks out of its box on the phone");
    const ids = await page.$$eval("[id]", (els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, `repeated ids: ${ids}`);
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

/** The number of pages of a PDF (its page objects). */
function pdfPages(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

for (const lang of ["id", "en"]) {
  test(`the ${lang} report prints its essentials on two A4 pages, then the details on their own pages`, async () => {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(pathToFileURL(report(lang)).href);
    const all = pdfPages(await page.pdf({ format: "A4" }));
    await page.emulateMedia({ media: "print" });
    // Nothing is cut off on A4's width.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 794, `the printed report is ${width} px wide`);
    assert.deepEqual(await overflowing(page), [], "nothing sticks out of its box in print");
    await page.emulateMedia({ media: "screen" });
    for (const w of [794, 1280]) {
      await page.setViewportSize({ width: w, height: 1123 });
      assert.deepEqual(await overflowing(page), [], `nothing sticks out of its box at ${w} px`);
    }
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.$eval(".details", (e) => getComputedStyle(e).breakBefore), "page");
    await page.addStyleTag({ content: ".details{display:none}" });
    const first = pdfPages(await page.pdf({ format: "A4" }));
    assert.ok(first <= 2, `the essentials take ${first} A4 pages`);
    assert.ok(all > first, `${all} pages in all, ${first} of essentials`);
    // The essentials hold who and when, the status, the interests, the
    // job families and room for notes.
    const text = await page.$eval(".essentials", (e) => e.innerText);
    const words = lang === "id"
      ? ["5 Desember 2026", "rembang-siti", "Status instrumen", "Kode Holland", "Kekuatan", "Jalan ke sana", "Langkah berikutnya", "Catatan sesi konseling"]
      : ["5 December 2026", "rembang-siti", "Instrument status", "Holland code", "Strengths", "How to get there", "Next steps", "Notes of the counselling session"];
    for (const w of words) assert.ok(text.includes(w), `"${w}" on the first pages`);
    assert.equal(await page.$$eval("label[for]", (ls) => ls.filter((l) => !document.getElementById(l.htmlFor)).length), 0);
    await page.close();
  });
}

test("the Indonesian report has no English words and writes decimals with a comma", async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(report("id")).href);
  // The respondent's own metadata values are data, not the page's words:
  // the sample persona carries an English description.
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    for (const t of clone.querySelectorAll("table")) {
      if (t.caption?.textContent.startsWith("Data diri")) t.remove();
    }
    return clone.innerText;
  });
  const english = ["course", "apprenticeship", "provisional", "Scale", "Band", "Score", "Details", "Strengths",
    "Notes", "Name", "Date", "version", "district", "gender", "education", "disability", "age", "hours", "months",
    "December", "Training", "Next step"];
  for (const w of english) {
    assert.ok(!new RegExp(`\\b${w}\\b`).test(text), `"${w}" in the Indonesian report`);
  }
  // Decimal numbers (not versions such as 0.1.0) use a comma.
  const points = text.match(/(?<![\d.])\d+\.\d+(?![\d.])/g) ?? [];
  assert.deepEqual(points, []);
  assert.ok(text.includes("3,2 (1–5)"));
  await page.close();
});

test("every persona's essentials fit two A4 pages, in both languages", async () => {
  const page = await browser.newPage();
  for (const who of PERSONAS) {
    for (const lang of ["id", "en"]) {
      await page.goto(pathToFileURL(report(lang, who)).href);
      await page.addStyleTag({ content: ".details{display:none}" });
      const first = pdfPages(await page.pdf({ format: "A4" }));
      assert.ok(first <= 2, `${who} (${lang}): the essentials take ${first} A4 pages`);
    }
  }
  await page.close();
});
