// End to end in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core; nothing is downloaded): the demo page served on
// 127.0.0.1, answered with the keyboard only, on a phone screen, offline
// after the first load, with zero axe-core violations; the parity cases
// scored in the browser; and the browser timings (reported, never
// asserted).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertFitsPhone, launch } from "./chromium.mjs";
import { serve } from "../../examples/web/serve.mjs";
import {
  INSTRUMENTS,
  ROOT,
  compareCatParity,
  compareParity,
  syntheticBankToml,
  timeCatStep,
  timeScoreAndRecommend,
} from "../js/common.mjs";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const OUT = join(ROOT, "target", "browser");
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

async function open(contextOptions = {}, path = "") {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready=true]");
  return { context, page, errors };
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

/** Answers every item of the form shown with the keyboard only. */
async function answerWithKeyboard(page) {
  const first = await page.locator("#items input").first().getAttribute("name");
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.name)) === first) break;
  }
  const names = await page.$$eval("#items fieldset", (fs) => fs.map((f) => f.querySelector("input").name));
  for (const [k, name] of names.entries()) {
    assert.equal(await page.evaluate(() => document.activeElement?.name), name, `focus on item ${k + 1}`);
    // Space takes the focused first choice; arrows move along the scale.
    await page.keyboard.press("Space");
    for (let j = 0; j < k % 5; j++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.type), "submit");
  await page.keyboard.press("Enter");
}

describe("the demo page in Chromium", () => {
  test("keyboard only: answer the short form, see the results, zero axe violations", async () => {
    const { context, page, errors } = await open();
    assert.deepEqual(await axe(page), []);
    assert.equal(await page.locator("#items fieldset").count(), 30);
    await answerWithKeyboard(page);
    await page.waitForSelector("#results:not([hidden])");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");
    assert.match(await page.textContent("#code"), /^[RIASEC]{3}$/);
    assert.equal(await page.locator("#hexagon svg[role=img] polygon").count(), 5);
    assert.equal(await page.locator("#scales li").count(), 6);
    assert.equal(await page.locator("#families > li").count(), 5);
    assert.ok((await page.textContent("#families")).includes("Minat tertinggi Anda adalah"));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("English toggle keeps the answers and re-renders results in English", async () => {
    const { context, page } = await open();
    await page.locator("#items fieldset").first().locator("input").nth(4).check();
    await page.click("button[data-lang=en]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Work Interests");
    assert.ok(await page.locator("#items fieldset").first().locator("input").nth(4).isChecked());
    // Answer the rest and score in English.
    const groups = page.locator("#items fieldset");
    for (let k = 1; k < (await groups.count()); k++) await groups.nth(k).locator("input").nth(k % 5).check();
    await page.click("button[type=submit]");
    await page.waitForSelector("#results:not([hidden])");
    assert.ok((await page.textContent("#families")).includes("Your strongest interests are"));
    await page.click("button[data-lang=id]");
    assert.ok((await page.textContent("#families")).includes("Minat tertinggi Anda adalah"));
    assert.deepEqual(await axe(page), []);
    await context.close();
  });

  test("unanswered items are named and focused, not scored", async () => {
    const { context, page } = await open();
    await page.click("button[type=submit]");
    assert.match(await page.textContent("#form-error"), /30/);
    assert.equal(await page.evaluate(() => document.activeElement?.closest("fieldset")?.id), "item-" +
      (await page.locator("#items fieldset input").first().getAttribute("name")).slice(2));
    assert.ok(await page.locator("#results").isHidden());
    await context.close();
  });

  test("phone screen: no sideways scrolling, large touch targets, screenshot", async () => {
    const { context, page } = await open({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await assertFitsPhone(page, "label.choice, button");
    await page.screenshot({ path: join(OUT, "demo-phone.png") });
    const groups = page.locator("#items fieldset");
    // A person who likes helping and selling (S and E high).
    for (let k = 0; k < (await groups.count()); k++) {
      const id = (await groups.nth(k).getAttribute("id")).slice("item-".length);
      await groups.nth(k).locator("label").nth(/^[SE]/.test(id) ? 4 : /^A/.test(id) ? 2 : 1).tap();
    }
    await page.locator("button[type=submit]").tap();
    await page.waitForSelector("#results:not([hidden])");
    assert.match(await page.textContent("#code"), /^[SE]{2}/);
    await page.screenshot({ path: join(OUT, "demo-phone-results.png"), fullPage: true });
    assert.deepEqual(await axe(page), []);
    await context.close();
  });

  test("works offline after the first load (service worker)", async () => {
    const { context, page } = await open();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    const groups = page.locator("#items fieldset");
    for (let k = 0; k < (await groups.count()); k++) await groups.nth(k).locator("input").nth(2).check();
    await page.click("button[type=submit]");
    await page.waitForSelector("#results:not([hidden])");
    assert.equal(await page.locator("#families > li").count(), 5);
    // The adaptive page and its instrument were cached too.
    await page.goto(`${base}aptitude.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    await context.close();
  });
});

describe("the engine in Chromium", () => {
  test("parity: the browser gives the native engine's JSON, byte for byte", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}instruments/riasec.toml`);
    const result = await page.evaluate(
      async ({ source, names }) => {
        const m = await import("/pkg/web/assess_wasm.js");
        await m.default();
        const text = (p) => fetch(p).then((r) => r.text());
        const texts = {};
        const lines = {};
        for (const n of names) {
          texts[n] = await text(`/instruments/${n}.toml`);
          lines[n] = (await text(`/parity/${n}.jsonl`)).trimEnd().split("\n");
        }
        const compare = new Function(`return (${source})`)();
        const r = compare(m, texts, await text("/instruments/job-families.toml"), lines);
        return { ...r, cases: lines.riasec.length, userAgent: navigator.userAgent };
      },
      { source: compareParity.toString(), names: INSTRUMENTS },
    );
    assert.ok(result.cases >= 1000);
    assert.deepEqual(result.differences, []);
    assert.ok(result.compared >= 3 * result.cases);
    console.log(`parity (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0]}): ${result.compared} JSON texts identical`);
    await context.close();
  });

  test("timings (reported in BENCHMARKS.md, never asserted)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A page of the same origin that has not loaded the engine yet.
    await page.goto(`${base}instruments/riasec.toml`);
    const t = await page.evaluate(async (source) => {
      const bytes = await (await fetch("/pkg/web/assess_wasm_bg.wasm")).arrayBuffer();
      const riasecText = await (await fetch("/instruments/riasec.toml")).text();
      const catalogText = await (await fetch("/instruments/job-families.toml")).text();
      const t0 = performance.now();
      const m = await import("/pkg/web/assess_wasm.js");
      const t1 = performance.now();
      await m.default({ module_or_path: bytes });
      const t1b = performance.now();
      const riasec = m.loadInstrument(riasecText);
      const t2 = performance.now();
      // Loading again once the code is warm (what a page that switches
      // instruments pays).
      for (let i = 0; i < 5; i++) m.loadInstrument(riasecText).free();
      const t3 = performance.now();
      m.loadInstrument(riasecText).free();
      const warmLoadMs = performance.now() - t3;
      const catalog = m.loadCatalog(catalogText);
      const timing = new Function(`return (${source})`)();
      return {
        importMs: t1 - t0,
        instantiateAndLoadMs: t2 - t1,
        instantiateMs: t1b - t1,
        firstLoadInstrumentMs: t2 - t1b,
        warmLoadInstrumentMs: warmLoadMs,
        ...timing(m, riasec, catalog),
      };
    }, timeScoreAndRecommend.toString());
    writeFileSync(join(OUT, "timings.json"), `${JSON.stringify(t, null, 2)}\n`);
    console.log(`browser timings: ${JSON.stringify(t)}`);
    await context.close();
  });
});

/** Answers the adaptive test's current question with the keyboard only. */
async function answerQuestionWithKeyboard(page, k) {
  // The focus is on the first choice; arrows move it (and choose).
  assert.equal(await page.evaluate(() => document.activeElement?.name), "answer");
  await page.keyboard.press("Space");
  for (let j = 0; j < k % 4; j++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.type), "submit");
  await page.keyboard.press("Enter");
}

describe("the adaptive aptitude page in Chromium", () => {
  test("keyboard only: start, answer until the engine stops, zero axe violations", async () => {
    const { context, page, errors } = await open({}, "aptitude.html");
    assert.deepEqual(await axe(page), []);
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#question:not([hidden])");
    assert.deepEqual(await axe(page), []);
    let asked = 0;
    while (await page.locator("#question").isVisible()) {
      asked += 1;
      assert.match(await page.textContent("#count"), new RegExp(`^Soal ke-${asked} \\(paling banyak 20\\)$`));
      await answerQuestionWithKeyboard(page, asked);
      assert.ok(asked <= 20, "never more than max_items questions");
    }
    await page.waitForSelector("#done:not([hidden])");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "done-title");
    assert.ok(asked >= 8, `at least min_items questions (asked ${asked})`);
    assert.equal(await page.textContent("#answered"), String(asked));
    assert.match(await page.textContent("#theta"), /^-?\d+,\d\d$/);
    assert.match(await page.textContent("#se"), /^\d+,\d\d$/);
    assert.ok((await page.textContent("#stopped")).startsWith("Tes berhenti"));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a reload resumes at the same question; English toggle; skipping is an answer", async () => {
    const { context, page } = await open({}, "aptitude.html");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    for (let k = 0; k < 3; k++) {
      await page.locator("#answers input").nth(k).check();
      await page.click("#question button[type=submit]");
    }
    await page.click("#skip-item");
    const before = await page.textContent("#question-text");
    assert.match(await page.textContent("#count"), /^Soal ke-5 /);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.textContent("#question-text"), before);
    assert.match(await page.textContent("#count"), /^Soal ke-5 /);
    assert.equal(await page.textContent("#status"), "Tes dilanjutkan dari soal terakhir.");
    await page.click("button[data-lang=en]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match(await page.textContent("#count"), /^Question 5 \(at most 20\)$/);
    assert.notEqual(await page.textContent("#question-text"), before);
    // Submitting with no choice names the problem and keeps the question.
    await page.click("#question button[type=submit]");
    assert.equal(await page.textContent("#question-error"), "Choose one answer, or skip this question.");
    assert.match(await page.textContent("#count"), /^Question 5 /);
    const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem("assess-demo-cat")).session);
    assert.equal(session.administered.length, 4);
    assert.equal(session.administered[3].category, null, "the skipped question is recorded as skipped");
    assert.deepEqual(await axe(page), []);
    await context.close();
  });

  test("phone screen: no sideways scrolling, large touch targets", async () => {
    const { context, page } = await open(
      { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
      "aptitude.html",
    );
    await page.locator("#start").tap();
    await page.waitForSelector("#question:not([hidden])");
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    assert.ok(scroll <= width, `page is ${scroll}px wide on a ${width}px screen`);
    const small = await page.$$eval("label.choice, button, nav a", (els) =>
      els
        .filter((e) => e.offsetParent !== null)
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.height < 44 || r.width < 44).length);
    assert.equal(small, 0, "touch targets are at least 44 × 44 px");
    await page.screenshot({ path: join(OUT, "adaptive-phone.png") });
    await context.close();
  });

  test("adaptive sessions in the browser equal the native ones; step timing (reported, never asserted)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}instruments/aptitude.toml`);
    const r = await page.evaluate(
      async ({ compare, bank, time }) => {
        const m = await import("/pkg/web/assess_wasm.js");
        await m.default();
        const text = (p) => fetch(p).then((x) => x.text());
        const aptitude = await text("/instruments/aptitude.toml");
        const lines = (await text("/parity/cat.jsonl")).trimEnd().split("\n");
        const fn = (source) => new Function(`return (${source})`)();
        const parity = fn(compare)(m, aptitude, lines);
        const timing = fn(time)(m, fn(bank)(aptitude, 500));
        return { parity, timing, cases: lines.length };
      },
      { compare: compareCatParity.toString(), bank: syntheticBankToml.toString(), time: timeCatStep.toString() },
    );
    assert.ok(r.cases >= 1000);
    assert.deepEqual(r.parity.differences, []);
    assert.equal(r.parity.sessions, r.cases);
    assert.equal(r.timing.catBankItems, 500);
    writeFileSync(join(OUT, "timings-cat.json"), `${JSON.stringify(r.timing, null, 2)}\n`);
    console.log(`adaptive parity (Chromium): ${r.parity.compared} outcomes identical; step timing: ${JSON.stringify(r.timing)}`);
    await context.close();
  });
});
