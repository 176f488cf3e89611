// The adaptive aptitude page as a practice test (no service: the engine
// scores in the browser), in a real headless Chromium: a whole test taken
// with the keyboard only, the end screen checked against the engine run
// in Node on the same θ and SE (`expectedDomainScores`: every domain's
// band, interpretation, 95% range and next step, worded as an estimate
// from general ability) and against the engine's report of the same
// answers (θ, and the classical lines in the counsellors' details), the
// status line, the practice label, the link to the interest results, zero
// axe-core violations on every state, no English in the Indonesian texts,
// and a 320 px screen at 200% text. The page with a service is tested in
// server.test.mjs.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { serve } from "../../examples/web/serve.mjs";
import { ROOT, loadPackage, shipped } from "../js/common.mjs";
import { assertFitsPhone, axe, launch, openPage } from "./chromium.mjs";

const OUT = join(ROOT, "target", "browser");
/** A small phone at 200% text (WCAG 1.4.4 and 1.4.10). */
const NARROW = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** Everything a person can reach or press. */
const TARGETS = "label.choice, button, nav a, #interest-link, summary";
/** English words that must not appear in the Indonesian page's own text. */
const ENGLISH = /\b(the|and|of|to|your|you|is|are|question|questions|answer|answers|result|results|test|skip|start|score|level|next|step|practice|ability|average|part|loading|ready|finished|send|again|counsellor)\b/i;
const FINISHED = "Tes latihan selesai. Hasil Anda ada di bawah.";
const RESUMED = "Tes dilanjutkan dari soal terakhir.";

let browser;
let server;
let base;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  ({ server, url: base } = await serve(0));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh context on the aptitude page, ready; records page errors. */
async function open(contextOptions = {}, { textZoom } = {}) {
  const { context, page, errors } = await openPage(browser, `${base}aptitude.html`, contextOptions);
  // Larger text, as a browser's text size setting makes it: every rem and em grows.
  if (textZoom) await page.evaluate((z) => (document.documentElement.style.fontSize = z), textZoom);
  return { context, page, errors };
}

/** The visible text of the page's Indonesian parts (what is marked `lang="en"` left out). */
function indonesianText(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const host = n.parentElement;
      if (host.closest("[lang]").lang !== "id" || !host.checkVisibility()) continue;
      if (host.closest("details:not([open])") && !host.closest("summary")) continue;
      out.push(n.textContent);
    }
    return out.join(" ");
  });
}

async function assertIndonesian(page, where) {
  const text = await indonesianText(page);
  assert.ok(text.length > 100, `${where}: some text`);
  assert.doesNotMatch(text, ENGLISH, `${where}: no English word in the Indonesian text`);
}

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.name);

/** Tabs forward until the focus is on `id` (at most `limit` presses). */
async function tabTo(page, id, limit = 20) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press("Tab");
  }
  assert.equal(await focused(page), id, `Tab reaches #${id}`);
}

/** Answers the current question with the keyboard only: a choice, then "Jawab". */
async function answerWithKeyboard(page, k) {
  assert.equal(await focused(page), "answer", "the focus is on the first choice");
  await page.keyboard.press("Space");
  for (let j = 0; j < k % 4; j++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "submit-answer");
  const before = await page.textContent("#count");
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    (b) => !document.getElementById("done").hidden || document.getElementById("count").textContent !== b,
    before,
  );
}

/** Answers by clicking until the test ends. */
async function finish(page) {
  for (let k = 0; await page.locator("#question").isVisible(); k++) {
    assert.ok(k < 20, "never more than max_items questions");
    await page.locator("#answers label.choice").nth(k % 4).click();
    await page.click("#submit-answer");
  }
  await page.waitForSelector("#done:not([hidden])");
}

/**
 * The engine's report of the answers the page kept, scored in Node by the
 * same engine: what the end screen must show.
 */
async function engineReport(page, language) {
  const answers = await page.evaluate(() => JSON.parse(sessionStorage.getItem("assess-demo-cat-answers")));
  const instrument = loadPackage().loadInstrument(shipped("aptitude.toml"));
  const scored = instrument.score({ respondent_id: "latihan", answers }, { language });
  return { answers, report: scored.report, info: instrument.info(language) };
}

/**
 * Each domain's expected score at the θ and SE the page's session ended
 * with, worked out in Node by the same engine: what the end screen must show.
 */
async function engineDomains(page, language) {
  const { estimate } = await page.evaluate(() => JSON.parse(sessionStorage.getItem("assess-demo-cat")));
  const m = loadPackage();
  const instrument = m.loadInstrument(shipped("aptitude.toml"));
  const domains = m.expectedDomainScores(instrument, estimate.theta, estimate.se, language);
  return { estimate, domains, info: instrument.info(language) };
}

/**
 * Asserts that the end screen shows every domain as the engine expects it
 * from θ and SE: a band, its interpretation, the 95% range with the
 * page's decimal mark, whether the range crosses a band boundary, and the
 * next step; and the composite's band in the overall words.
 */
async function assertDomains(page, language, words) {
  const { domains: all, info } = await engineDomains(page, language);
  const domains = all.filter((d) => d.scoring !== "composite");
  assert.equal(domains.length, 4, "the shipped battery has four domains");
  const one = new Intl.NumberFormat(language === "id" ? "id-ID" : "en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const shown = await page.$$eval("#domains > li", (lis) =>
    lis.map((li) => ({
      name: li.querySelector("h4")?.textContent,
      band: li.querySelector(".band")?.textContent,
      range: li.querySelector(".range")?.textContent,
      uncertain: li.querySelector(".uncertain")?.textContent ?? null,
      next: li.querySelector(".next")?.textContent,
      text: li.textContent,
    })));
  assert.equal(shown.length, domains.length, "one entry per domain");
  for (const [i, d] of domains.entries()) {
    const li = shown[i];
    assert.equal(li.name, d.name);
    assert.ok(li.text.includes(info.scales.find((s) => s.id === d.id).description), `${d.id}: its description`);
    assert.equal(d.status, "expected", `${d.id}: every item has parameters`);
    assert.ok(d.band, `${d.id}: the engine gives a band`);
    assert.equal(li.band, words.level(d.band.label), `${d.id}: the engine's band`);
    assert.ok(li.text.includes(d.band.interpretation), `${d.id}: its interpretation`);
    assert.equal(li.next, words.next(d.band.next_step), `${d.id}: its next step`);
    const i95 = d.interval;
    assert.equal(li.range, words.range(one.format(d.pomp), one.format(i95.pomp_lower), one.format(i95.pomp_upper)), `${d.id}: the range`);
    assert.equal(li.uncertain, d.band_certain ? null : words.uncertain, `${d.id}: said when the range crosses a band boundary`);
  }
  const total = all.find((d) => d.scoring === "composite");
  const overall = await page.textContent("#overall");
  assert.ok(overall.includes(words.level(total.band.label)), "the composite's band in the overall words");
  assert.ok(overall.includes(words.next(total.band.next_step)), "and its next step");
  return all;
}

const ID = {
  level: (label) => `Tingkat: ${label}`,
  range: (pomp, lower, upper) => `Perkiraan dari kemampuan umum: ${pomp} dari 100 (rentang 95%: ${lower} sampai ${upper}).`,
  uncertain: "Rentang ini melewati batas tingkat, jadi tingkat ini belum pasti.",
  next: (text) => `Langkah berikutnya: ${text}`,
};
const EN = {
  level: (label) => `Level: ${label}`,
  range: (pomp, lower, upper) => `Estimated from general ability: ${pomp} of 100 (95% range: ${lower} to ${upper}).`,
  uncertain: "This range crosses a level boundary, so the level is not yet certain.",
  next: (text) => `Next step: ${text}`,
};

describe("the aptitude page as a practice test", () => {
  test("keyboard only: the whole practice test, the end screen by domain, zero axe violations on every state", async () => {
    const { context, page, errors } = await open();
    // Intro: labelled a practice test, keys on the device.
    assert.ok(await page.locator("#practice").isVisible());
    assert.match(await page.textContent("#practice"), /^Latihan /);
    assert.match(await page.title(), /\(Latihan\)$/);
    assert.deepEqual(await axe(page), []);
    await assertIndonesian(page, "intro");
    await tabTo(page, "start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#question:not([hidden])");
    assert.equal(await page.getAttribute("#count", "aria-live"), "polite", "the counter is announced");

    // An answer sent with no choice: the problem is named, the question stays.
    await page.keyboard.press("Tab");
    assert.equal(await focused(page), "submit-answer");
    await page.keyboard.press("Enter");
    assert.equal(await page.textContent("#question-error"), "Pilih satu jawaban, atau lewati soal ini.");
    assert.equal(await focused(page), "answer");
    assert.deepEqual(await axe(page), [], "a question with its error");

    let asked = 0;
    while (await page.locator("#question").isVisible()) {
      asked += 1;
      assert.ok(asked <= 20, "never more than max_items questions");
      assert.equal(await page.textContent("#count"), `Soal ke-${asked} (paling banyak 20)`);
      if (asked === 2) {
        assert.deepEqual(await axe(page), [], "a question");
        await assertIndonesian(page, "a question");
      }
      await answerWithKeyboard(page, asked);
    }
    await page.waitForSelector("#done:not([hidden])");
    assert.ok(asked >= 8, `at least min_items questions (asked ${asked})`);

    // The end screen: focused, the status line finished, every domain as the engine scored it.
    assert.equal(await focused(page), "done-title");
    assert.equal(await page.textContent("#done-title"), "Hasil latihan");
    assert.equal(await page.textContent("#status"), FINISHED);
    assert.ok((await page.textContent("#stopped")).startsWith("Tes berhenti"));
    await assertDomains(page, "id", ID);
    const { report } = await engineReport(page, "id");
    assert.match(await page.textContent("#domains-note"), /diperkirakan dari kemampuan umum Anda/);
    assert.equal(Object.keys((await engineReport(page, "id")).answers).length, asked, "every question given was kept");
    const overall = await page.textContent("#overall");
    assert.match(overall, /^Perkiraan kemampuan umum Anda: (di bawah rata-rata|sekitar rata-rata|di atas rata-rata)\. /);
    assert.ok(overall.includes(`jawaban Anda atas ${asked} soal`));
    assert.doesNotMatch(overall, /θ|SE|EAP/, "no bare figures in the plain words");
    // The figures, for counsellors, behind a disclosure; the engine's θ with a decimal comma.
    assert.equal(await page.locator("#details").getAttribute("open"), null);
    const theta = await page.textContent("#theta");
    assert.match(theta, /^-?\d+,\d\d$/);
    const two = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    assert.equal(theta, two.format(report.irt.theta), "the page's θ is the engine's, from the same answers");
    assert.match(await page.textContent("#interval"), /^-?\d+,\d\d – -?\d+,\d\d$/);
    assert.equal(await page.textContent("#answered"), String(asked));
    assert.deepEqual(await axe(page), [], "the end screen");
    await assertIndonesian(page, "the end screen");
    await assertFitsPhone(page, TARGETS);

    // Onward by keyboard: the interest results, then the figures.
    await page.keyboard.press("Tab");
    assert.equal(await focused(page), "interest-link");
    assert.equal(await page.getAttribute("#interest-link", "href"), "./#results");
    assert.equal(await page.textContent("#interest-link"), "Lihat hasil tes minat kerja Anda");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#details").getAttribute("open"), "");
    // The expected figures, then the classical score of the questions given alone.
    assert.equal(await page.locator("#domain-details li").count(), 8);
    const lines = await page.locator("#domain-details li").allTextContents();
    for (const [i, d] of (await engineDomains(page, "id")).domains.slice(0, 4).entries()) {
      assert.ok(lines[i].startsWith(`${d.name}: perkiraan `), lines[i]);
      assert.ok(lines[i].includes(d.bands.join(", ")), lines[i]);
    }
    for (const [i, s] of report.scales.slice(0, 4).entries()) {
      assert.ok(lines[4 + i].startsWith(`${s.name}, soal yang diberikan saja: `), lines[4 + i]);
    }
    assert.deepEqual(await axe(page), [], "the end screen with the figures open");
    await assertIndonesian(page, "the figures");
    await page.keyboard.press("Tab");
    assert.equal(await focused(page), "restart");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focused(page), "interest-link");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/#results$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a reload mid-test, then the end: the status line says finished, and a reload keeps the results", async () => {
    const { context, page, errors } = await open();
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    for (let k = 0; k < 2; k++) {
      await page.locator("#answers label.choice").nth(k).click();
      await page.click("#submit-answer");
    }
    await page.click("#skip-item");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.textContent("#status"), RESUMED);
    assert.match(await page.textContent("#count"), /^Soal ke-4 /);
    await page.locator("#answers label.choice").first().click();
    await page.click("#submit-answer");
    assert.notEqual(await page.textContent("#status"), RESUMED, "the resumed note goes with the next answer");
    await finish(page);
    assert.equal(await page.textContent("#status"), FINISHED);
    const answers = (await engineReport(page, "id")).answers;
    assert.equal(Object.values(answers).filter((v) => v === "skipped").length, 1, "the skipped question is kept as skipped");
    await assertDomains(page, "id", ID);
    const before = await page.textContent("#done");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.ok(await page.locator("#done").isVisible());
    assert.equal(await page.textContent("#status"), FINISHED);
    assert.equal(await page.textContent("#done"), before, "the same results after a reload");
    // The classical line of the questions given alone, for counsellors: a
    // domain with enough answers gets a score. The shipped rules never give 8
    // of a domain's 10 questions in one adaptive test (at most 5 of 20), so
    // the kept answers are filled in for this path; the expected domains,
    // from θ and SE, do not change.
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem("assess-demo-cat-answers"));
      for (let i = 1; i <= 9; i++) kept[`N0${i}`] = "B";
      sessionStorage.setItem("assess-demo-cat-answers", JSON.stringify(kept));
    });
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await assertDomains(page, "id", ID);
    const classical = (await engineReport(page, "id")).report.scales[0];
    assert.equal(classical.id, "numerik");
    const line = (await page.locator("#domain-details li").allTextContents())[4];
    const one = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    assert.equal(line, `Penalaran Angka, soal yang diberikan saja: skor ${one.format(classical.pomp)} dari 100 (POMP).`);
    assert.deepEqual(await axe(page), [], "the end screen after a reload");
    // Starting again clears the end screen and the status line.
    await page.click("#restart");
    assert.ok(await page.locator("#intro").isVisible());
    assert.equal(await page.textContent("#status"), "Siap. Jawaban Anda dinilai di perangkat ini.");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("320 px screen at 200% text: no sideways scrolling, 44 px targets, language buttons reachable; English end screen", async () => {
    const { context, page, errors } = await open(NARROW, { textZoom: "200%" });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), "32px", "text at 200%");
    const reachable = async (where) => {
      // A mobile browser widens its layout viewport to fit what overflows; it must stay 320 px.
      assert.equal(await page.evaluate(() => window.innerWidth), 320, `${where}: nothing wider than the screen`);
      await assertFitsPhone(page, TARGETS);
      for (const lang of ["id", "en"]) {
        const box = await page.locator(`button[data-lang=${lang}]`).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `${where}: the ${lang} button is on the screen`);
      }
    };
    await reachable("intro");
    await page.screenshot({ path: join(OUT, "aptitude-320-intro.png"), fullPage: true });
    await page.locator("#start").tap();
    await page.waitForSelector("#question:not([hidden])");
    await page.screenshot({ path: join(OUT, "aptitude-320-question.png"), fullPage: true });
    // Every question shown fits: some options are long addresses and codes.
    for (let k = 0; await page.locator("#question").isVisible(); k++) {
      assert.ok(k < 20, "never more than max_items questions");
      await reachable(`question ${k + 1}`);
      await page.locator("#answers label.choice").nth(k % 4).tap();
      await page.locator("#submit-answer").tap();
    }
    await page.waitForSelector("#done:not([hidden])");
    await reachable("the end screen, figures closed");
    await page.locator("#details summary").tap();
    await reachable("the end screen");
    await page.screenshot({ path: join(OUT, "aptitude-320-done.png"), fullPage: true });
    // English: the same results, in English, from the engine.
    await page.locator("button[data-lang=en]").tap();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("#done-title"), "Practice results");
    assert.equal(await page.textContent("#status"), "The practice test is finished. Your results are below.");
    assert.match(await page.textContent("#practice"), /^Practice /);
    await assertDomains(page, "en", EN);
    assert.match(await page.textContent("#theta"), /^-?\d+\.\d\d$/);
    await reachable("the end screen in English");
    assert.deepEqual(await axe(page), [], "the end screen in English, at 200% on 320 px");
    await page.screenshot({ path: join(OUT, "aptitude-320-done-en.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
