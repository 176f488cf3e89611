// End to end in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core; nothing is downloaded): the demo page served on
// 127.0.0.1, answered with the keyboard only, on a phone screen, offline
// after the first load, with zero axe-core violations; the parity cases
// scored in the browser; and the browser timings (reported, never
// asserted).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertFitsPhone, axe, launch, openPage } from "./chromium.mjs";
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

const open = (contextOptions = {}, path = "") => openPage(browser, base + path, contextOptions);

/** The statements of the page shown, as their item ids. */
const shownIds = (page) => page.$$eval("#items fieldset", (fs) => fs.map((f) => f.id.slice("item-".length)));

/** Answers the page shown by clicking: option `pick(id, k)` (0-based) of each statement. */
async function answerPage(page, pick) {
  const ids = await shownIds(page);
  for (const [k, id] of ids.entries()) {
    await page.locator(`#item-${id} input`).nth(pick(id, k)).check();
  }
  return ids;
}

/** Answers every page and goes on to the results. */
async function answerAll(page, pick) {
  let pages = 0;
  while (await page.locator("#questionnaire").isVisible()) {
    await answerPage(page, pick);
    await page.click("#next");
    pages += 1;
    assert.ok(pages <= 12, "at most 12 pages");
  }
  await page.waitForSelector("#results:not([hidden])");
  return pages;
}

/** S and E high, A middling, the rest low: a clear profile. */
const helperSeller = (id) => (/^[SE]/.test(id) ? 4 : /^A/.test(id) ? 2 : 1);

describe("the interest page in Chromium", () => {
  test("the first page is in the HTML: readable and answerable before the engine has loaded", async () => {
    const html = await (await fetch(base)).text();
    assert.equal((html.match(/<fieldset class="item"/g) ?? []).length, 5);
    assert.ok(html.includes('<span class="num">1.</span> <span class="text">Memperbaiki rem sepeda motor</span>'));
    assert.ok(html.includes("<noscript>"));
    assert.ok(!html.includes('href="style.css"'), "the style sheet is inline");
    // The engine never arrives: the first page still shows and takes answers.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto(base);
    await page.waitForSelector("#items fieldset");
    await page.locator("#items fieldset").first().locator("input").nth(3).check();
    await page.click("#next");
    await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Maaf"));
    assert.equal(await page.textContent("#counter"), "Halaman 1 dari 6");
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("assess-demo-v2")));
    assert.deepEqual(saved.answers, { R01: 4 }, "an answer given before the engine loaded is kept");
    await context.close();
    // With the engine, the script's own rendering of the first page is the HTML's.
    const { context: c2, page: p2, errors } = await open();
    const prerendered = html.match(/<ol id="items"[^>]*>([\s\S]*?)<\/ol>/)[1];
    await p2.click("button[data-lang=en]");
    await p2.click("button[data-lang=id]");
    assert.equal(await p2.innerHTML("#items"), prerendered);
    assert.deepEqual(errors, []);
    await c2.close();
  });

  test("keyboard only: six pages of five, counter and progress, results; zero axe violations on every page", async () => {
    const { context, page, errors } = await open();
    assert.deepEqual(await axe(page), []);
    assert.match(await page.textContent("#forms"), /30 pernyataan · sekitar 3–5 menit/);
    assert.match(await page.textContent("#forms"), /60 pernyataan · sekitar 6–10 menit/);
    for (let p = 1; p <= 6; p++) {
      assert.equal(await page.textContent("#counter"), `Halaman ${p} dari 6`);
      assert.equal(await page.locator("#items fieldset").count(), 5);
      assert.match(await page.textContent("#items legend"), new RegExp(`^${(p - 1) * 5 + 1}\\. \\S`));
      const names = await page.$$eval("#items fieldset", (fs) => fs.map((f) => f.querySelector("input").name));
      for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.name)) !== names[0]; i++) {
        await page.keyboard.press("Tab");
      }
      for (const [k, name] of names.entries()) {
        assert.equal(await page.evaluate(() => document.activeElement?.name), name, `page ${p}, statement ${k + 1}`);
        await page.keyboard.press("Space");
        for (let j = 0; j < (p + k) % 5; j++) await page.keyboard.press("ArrowRight");
        await page.keyboard.press("Tab");
      }
      if (p > 1) {
        assert.equal(await page.evaluate(() => document.activeElement?.id), "back");
        await page.keyboard.press("Tab");
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), "next");
      assert.equal(await page.textContent("#answered"), `${p * 5} dari 30 pernyataan sudah dijawab.`);
      assert.equal(await page.evaluate(() => document.getElementById("progress").value), p * 5);
      if (p === 2) assert.deepEqual(await axe(page), []);
      await page.keyboard.press("Enter");
      if (p < 6) assert.equal(await page.evaluate(() => document.activeElement?.id), "counter");
    }
    await page.waitForSelector("#results:not([hidden])");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");
    assert.match(await page.textContent("#code"), /^[RIASEC]{3}$/);
    assert.equal(await page.locator("#hexagon svg[role=img] polygon").count(), 5);
    assert.equal(await page.locator("#scales li").count(), 6);
    assert.equal(await page.locator("#families > li").count(), 5);
    assert.ok((await page.textContent("#families")).includes("Kode kelompok pekerjaan ini"));
    // Bahasa Indonesia throughout: no English word on the page's visible text.
    const visible = await page.evaluate(() => document.body.innerText);
    const english = visible.match(/\b(the|and|of|your|course|apprenticeship|certification|hours?|months?|years?|training|score|fit|level)\b/gi);
    assert.equal(english, null, `English in the Indonesian page: ${english}`);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("unanswered statements are marked and focused; Back keeps the answers", async () => {
    const { context, page, errors } = await open();
    await page.click("#next");
    assert.match(await page.textContent("#form-error"), /^5 pernyataan di halaman ini belum dijawab/);
    assert.equal(await page.locator("#items fieldset.missing").count(), 5);
    const first = (await shownIds(page))[0];
    assert.equal(await page.evaluate(() => document.activeElement?.closest("fieldset")?.id), `item-${first}`);
    assert.equal(await page.getAttribute(`#item-${first}`, "aria-describedby"), `missing-${first}`);
    assert.deepEqual(await axe(page), []);
    await page.locator("#items fieldset").nth(0).locator("input").nth(1).check();
    await page.locator("#items fieldset").nth(1).locator("input").nth(1).check();
    assert.equal(await page.locator("#items fieldset.missing").count(), 3);
    await page.click("#next");
    assert.match(await page.textContent("#form-error"), /^3 /);
    const third = (await shownIds(page))[2];
    assert.equal(await page.evaluate(() => document.activeElement?.closest("fieldset")?.id), `item-${third}`);
    for (let k = 2; k < 5; k++) await page.locator("#items fieldset").nth(k).locator("input").nth(3).check();
    await page.click("#next");
    assert.equal(await page.textContent("#counter"), "Halaman 2 dari 6");
    await page.click("#back");
    assert.equal(await page.textContent("#counter"), "Halaman 1 dari 6");
    assert.ok(await page.locator("#items fieldset").nth(0).locator("input").nth(1).isChecked());
    assert.ok(await page.locator("#results").isHidden());
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("pause and resume: a new tab, a restarted browser, a reloaded results page, start over", async () => {
    const { context, page, errors } = await open();
    await answerPage(page, () => 1);
    await page.click("#next");
    const second = await answerPage(page, () => 3);
    await page.close();
    // A new tab of the same browser: page 2, its answers.
    const tab = await context.newPage();
    await tab.goto(base);
    await tab.waitForSelector("body[data-ready=true]");
    assert.equal(await tab.textContent("#counter"), "Halaman 2 dari 6");
    assert.match(await tab.textContent("#status"), /10 dari 30/);
    for (const id of second) assert.ok(await tab.locator(`#item-${id} input`).nth(3).isChecked());
    // The browser closed and opened again (its storage kept, as a phone keeps it).
    const storage = await context.storageState();
    await context.close();
    const again = await browser.newContext({ storageState: storage });
    const p2 = await again.newPage();
    p2.on("pageerror", (e) => errors.push(String(e)));
    await p2.goto(base);
    await p2.waitForSelector("body[data-ready=true]");
    assert.equal(await p2.textContent("#counter"), "Halaman 2 dari 6");
    await p2.click("#next");
    await answerAll(p2, helperSeller);
    const code = await p2.textContent("#code");
    // Reloading the results page shows the results, not the form.
    await p2.reload();
    await p2.waitForSelector("body[data-ready=true]");
    assert.ok(await p2.locator("#results").isVisible());
    assert.ok(await p2.locator("#questionnaire").isHidden());
    assert.equal(await p2.textContent("#code"), code);
    // Start over: everything on the device is cleared.
    p2.once("dialog", (d) => d.accept());
    await p2.click("#restart");
    assert.equal(await p2.textContent("#counter"), "Halaman 1 dari 6");
    assert.equal(await p2.textContent("#answered"), "0 dari 30 pernyataan sudah dijawab.");
    assert.deepEqual((await p2.evaluate(() => JSON.parse(localStorage.getItem("assess-demo-v2")))).answers, {});
    assert.deepEqual(errors, []);
    await again.close();
  });

  test("a flat profile (every answer 'Ragu-ragu') is said plainly: no Holland code, families to explore", async () => {
    const { context, page, errors } = await open();
    await answerAll(page, () => 2);
    assert.equal(await page.locator("#code").count(), 0, "no large code");
    assert.equal(await page.textContent("#code-unclear"), "Belum ada kode Holland yang jelas");
    assert.match(await page.textContent("#code-words"), /selisih yang tertinggi dan yang terendah hanya 0 dari 100/);
    assert.ok((await page.textContent("#profile-note")).length > 20);
    assert.equal(await page.textContent("#families-title"), "Kelompok pekerjaan untuk dijelajahi");
    assert.match(await page.textContent("#families-note"), /bukan peringkat/);
    const explanations = await page.$$eval("#families > li > p:nth-of-type(2)", (ps) => ps.map((p) => p.textContent));
    assert.equal(explanations.length, 5);
    for (const e of explanations) assert.ok(!e.includes("tertinggi"), e);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a low profile (every answer 'Tidak suka') is said plainly too", async () => {
    const { context, page, errors } = await open();
    await answerAll(page, () => 1);
    assert.equal(await page.locator("#code").count(), 0, "no large code");
    assert.match(await page.textContent("#code-words"), /^Skor tertinggi hanya 25 dari 100/);
    assert.equal(await page.textContent("#families-title"), "Kelompok pekerjaan untuk dijelajahi");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("filters by schooling, preparation and accessibility narrow the families; training routes shown", async () => {
    const { context, page, errors } = await open();
    await answerAll(page, helperSeller);
    const routes = await page.textContent("#families");
    assert.match(routes, /Jalur pelatihan:/);
    // The route's kind in the engine's words (training[].kind_name).
    assert.match(routes, /\((pelatihan BLK|magang|sertifikasi kompetensi|kursus|pendampingan)[,)]/);
    await page.selectOption("#schooling", "SMP");
    await page.waitForFunction(() => !document.getElementById("filter-status").textContent.includes("dari 54"));
    for (const line of await page.$$eval("#families .fit", (ps) => ps.map((p) => p.textContent))) {
      assert.match(line, /· (SD|SMP)$/, line);
    }
    await page.selectOption("#schooling", "");
    await page.selectOption("#zone", "2");
    for (const line of await page.$$eval("#families .fit", (ps) => ps.map((p) => p.textContent))) {
      assert.match(line, /tingkat [12] dari 5/, line);
    }
    await page.selectOption("#zone", "");
    await page.check("#access input[value=netra]");
    const shown = await page.textContent("#filter-status");
    assert.match(shown, /dari 8 yang sesuai/, "the catalogue has 8 families with notes for blind people");
    assert.equal(await page.locator("#families .access-note").count(), await page.locator("#families > li").count());
    assert.deepEqual(await axe(page), []);
    // The filters are kept with the answers.
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.ok(await page.isChecked("#access input[value=netra]"));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("English toggle keeps the answers and the page; results in English", async () => {
    const { context, page, errors } = await open();
    await page.locator("#items fieldset").first().locator("input").nth(4).check();
    await page.click("button[data-lang=en]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Work Interests");
    assert.equal(await page.textContent("#counter"), "Page 1 of 6");
    assert.ok(await page.locator("#items fieldset").first().locator("input").nth(4).isChecked());
    await answerAll(page, helperSeller);
    assert.ok((await page.textContent("#families")).includes("Your strongest interests are"));
    assert.ok((await page.textContent("#families")).includes("Training routes:"));
    await page.click("button[data-lang=id]");
    assert.ok((await page.textContent("#families")).includes("Minat tertinggi Anda adalah"));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("phone screens: 360 px, and 320 px at 200% text; nothing scrolls sideways, targets of 44 px", async () => {
    const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
    const { context, page, errors } = await open(phone);
    const legend = await page.locator("#items legend").first().boundingBox();
    assert.ok(legend.y + legend.height <= 740, `the first question is on the first screen (at ${legend.y} px)`);
    await assertFitsPhone(page, "label.choice, button, select, nav a");
    await page.screenshot({ path: join(OUT, "demo-phone.png") });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
    await assertFitsPhone(page, "label.choice, button, select, nav a");
    for (const b of await page.locator("[data-lang]").all()) {
      const box = await b.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 320, "the language buttons are on screen");
    }
    await page.screenshot({ path: join(OUT, "demo-320-200.png") });
    await answerAll(page, helperSeller);
    await assertFitsPhone(page, "label.choice, button, select, nav a");
    assert.equal(await page.evaluate(() => window.innerWidth), 320);
    await page.screenshot({ path: join(OUT, "demo-320-200-results.png"), fullPage: true });
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("results print without the page's controls, and the answers can be saved for a counsellor", async () => {
    const { context, page, errors } = await open();
    await answerAll(page, helperSeller);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(download.suggestedFilename(), "jawaban-minat-kerja.json");
    assert.equal(saved.form, "pendek");
    assert.equal(Object.keys(saved.answers).length, 30);
    await page.emulateMedia({ media: "print" });
    for (const hidden of [".actions", "#filters", ".lang", "footer"]) {
      assert.equal(await page.locator(hidden).evaluate((e) => getComputedStyle(e).display), "none", hidden);
    }
    assert.ok(await page.locator("#families").isVisible());
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`interest results printed on ${pages} A4 pages`);
    assert.ok(pages >= 1 && pages <= 4, `${pages} pages`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("works offline after the first load of each page (service worker)", async () => {
    const { context, page } = await open();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok));
      }
    });
    // The install cached the interest page's files, not the adaptive engine.
    const cached = await page.evaluate(async () => {
      const cache = await caches.open((await caches.keys())[0]);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.includes("/pkg/interest/assess_wasm_bg.wasm"));
    assert.ok(!cached.some((f) => f.startsWith("/pkg/aptitude/")), "the adaptive engine waits for its page");
    // The aptitude page, once opened online, is cached as it loads.
    await page.goto(`${base}aptitude.html`);
    await page.waitForSelector("body[data-ready=true]");
    await page.goto(base);
    await page.waitForSelector("body[data-ready=true]");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await answerAll(page, () => 2);
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
        const m = await import("/pkg/interest/assess_wasm.js");
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
      const bytes = await (await fetch("/pkg/interest/assess_wasm_bg.wasm")).arrayBuffer();
      const riasecText = await (await fetch("/instruments/riasec.toml")).text();
      const catalogText = await (await fetch("/instruments/job-families.toml")).text();
      const t0 = performance.now();
      const m = await import("/pkg/interest/assess_wasm.js");
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
        const m = await import("/pkg/aptitude/assess_wasm.js");
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
