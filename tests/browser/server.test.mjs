// The adaptive aptitude page against the assessment service
// (crates/assess-server), in a real headless Chromium: the page served by
// examples/web/serve.mjs with `api` set, so /v1/ goes to a service started
// here (debug build, SQLite store in a temporary folder, a fixed key). The
// page must take a whole test scored on the service and never receive an
// answer key: not the instrument file, not the engine, not a key or an IRT
// parameter in any response. The same page without a service (local mode)
// is tested in demo.test.mjs.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { serve } from "../../examples/web/serve.mjs";
import { ROOT, loadPackage } from "../js/common.mjs";
import { assertFitsPhone, axe, launch, openPage } from "./chromium.mjs";

const OUT = join(ROOT, "target", "browser");
const BINARY = join(ROOT, "target", "debug", "assess-server");
/** A fixed sealing key (64 hex digits), so a run can be repeated. */
const SEAL_KEY = "5e".repeat(32);
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * What must never reach the page: the instrument's IRT section and answer
 * keys as TOML or JSON, the engine's session (it says which answers were
 * right), and every item's parameters as the instrument file writes them
 * (`a = 1.0, b = -2.0` …).
 */
const APTITUDE = readFileSync(join(ROOT, "instruments", "aptitude.toml"), "utf8");
const PARAMETERS = [...APTITUDE.matchAll(/^irt = \{ model = "3pl", (a = [-\d.]+, b = [-\d.]+), c = [-\d.]+ \}$/gm)].map(
  (m) => m[1],
);
const FORBIDDEN = ["[irt", "irt = {", '"irt"', 'key = "', '"key"', '"3pl"', '"administered"', '"category"', ...PARAMETERS];
/** Names that would carry a key or a parameter, anywhere in a /v1/ answer. */
const SECRET_NAMES = new Set(["key", "keys", "irt", "a", "b", "c", "model", "correct", "score", "scores", "session", "administered", "category", "seed"]);
/** The fields of a step's answer, level by level: the public item view and the result, nothing else. */
const STEP_FIELDS = {
  top: ["done", "token", "progress", "item", "result"],
  progress: ["given", "min", "max"],
  item: ["id", "position", "text", "plain", "response", "options", "figure"],
  option: ["value", "label"],
  figure: ["svg", "alt"],
  result: ["id", "instrument", "theta", "se", "estimator", "fallback", "stop", "items", "answered", "domains"],
  instrument: ["id", "version", "hash", "status"],
  /** Each domain's expected score at θ̂ (a function of θ and SE: no answer, key or item parameter). */
  domain: ["id", "name", "status", "reason", "basis", "scoring", "items", "min", "max", "expected", "pomp", "interval", "band", "bands", "band_certain"],
  interval: ["theta_lower", "theta_upper", "lower", "upper", "pomp_lower", "pomp_upper"],
  band: ["id", "basis", "label", "interpretation", "next_step"],
};

let service;
let server;
let base;
let browser;
let scratch;

/** Starts the service; resolves to its base URL once it says where it listens. */
function startService() {
  if (!existsSync(BINARY)) execFileSync("cargo", ["build", "-q", "-p", "assess-server"], { cwd: ROOT, stdio: "inherit" });
  scratch = mkdtempSync(join(tmpdir(), "assess-server-"));
  service = spawn(
    BINARY,
    ["--listen", "127.0.0.1:0", "--store", `sqlite:${join(scratch, "s.db")}`, "--instruments", join(ROOT, "instruments")],
    { env: { ...process.env, ASSESS_SERVER_RATE: "0", ASSESS_SERVER_KEY: SEAL_KEY }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  service.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`assess-server did not listen within 60 s:\n${stderr}`)), 60_000);
    service.once("exit", (code) => fail(new Error(`assess-server exited (${code}):\n${stderr}`)));
    createInterface({ input: service.stdout }).once("line", (line) => {
      clearTimeout(timer);
      const m = line.match(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      if (m) ok(m[1]);
      else fail(new Error(`unexpected first line from assess-server: ${line}`));
    });
  });
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const api = await startService();
  ({ server, url: base } = await serve(0, { api }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  service?.kill();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * A fresh browser context on the aptitude page, recording page errors,
 * every request URL (service workers' included) and the body of every
 * text or JSON response.
 */
async function open(contextOptions = {}) {
  const requests = [];
  const bodies = [];
  const record = (context) => {
    context.on("request", (r) => requests.push(r.url()));
    context.on("response", (r) => {
      const type = r.headers()["content-type"] ?? "";
      if (!/^(text\/|application\/json|image\/svg)/.test(type)) return;
      bodies.push(
        r.text().then(
          (text) => ({ url: r.url(), status: r.status(), type, text }),
          (e) => ({ url: r.url(), status: r.status(), type, unread: String(e) }),
        ),
      );
    });
  };
  const { context, page, errors } = await openPage(browser, `${base}aptitude.html`, contextOptions, record);
  return { context, page, errors, requests, bodies };
}

/** Waits until the page has taken the service's answer: another question, or the end. */
async function taken(page, count) {
  await page.waitForFunction(
    (before) => !document.getElementById("done").hidden || document.getElementById("count").textContent !== before,
    count,
  );
}

/** Answers the current question by clicking (option k % 4, every fifth skipped); waits for the next. */
async function answerByClicking(page, k) {
  const count = await page.textContent("#count");
  if (k % 5 === 4) await page.click("#skip-item");
  else {
    await page.locator("#answers label").nth(k % 4).click();
    await page.click("#submit-answer");
  }
  await taken(page, count);
}

/** Takes the rest of the test by clicking; resolves to the question texts seen. */
async function finish(page) {
  const texts = [];
  for (let k = 0; await page.locator("#question").isVisible(); k++) {
    assert.ok(k < 20, "never more than max_items questions");
    texts.push(await page.textContent("#question-text"));
    await answerByClicking(page, k);
  }
  await page.waitForSelector("#done:not([hidden])");
  return texts;
}

const stored = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem("assess-demo-cat-service")));

describe("the adaptive aptitude page with the assessment service", () => {
  test("control: the checks below would see a key, and the demo server keeps the keyed files back", async () => {
    // Every item's parameters are looked for, and the instrument file
    // itself fails the body check.
    assert.equal(PARAMETERS.length, (APTITUDE.match(/^irt = /gm) ?? []).length);
    assert.equal(PARAMETERS.length, 40);
    assert.ok(FORBIDDEN.filter((s) => APTITUDE.includes(s)).length >= 43);
    assert.deepEqual(secretNames({ item: { options: [{ value: "A", key: true }] }, irt: { a: 1 } }), [
      ".item.options[0].key",
      ".irt",
      ".irt.a",
    ]);
    const status = async (path) => (await fetch(base + path)).status;
    assert.equal(await status("instruments/aptitude.toml"), 404);
    assert.equal(await status("instruments/%61ptitude.toml"), 404);
    assert.equal(await status("instruments/./aptitude.toml"), 404);
    assert.equal(await status("parity/cat.jsonl"), 404);
    assert.equal(await status("instruments/riasec.toml"), 200, "the interest page's instrument has no keys");
    assert.equal(await status("v1/health"), 200);
  });

  test("phone, keyboard only: a whole test scored on the service, the service's numbers shown", async () => {
    const { context, page, errors, bodies } = await open(PHONE);
    assert.equal(await page.textContent("#status"), "Jawaban dinilai di server; kunci jawaban tidak dikirim ke perangkat Anda.");
    assert.match(await page.textContent("footer"), /dikirim ke layanan penilaian/);
    assert.equal(await page.textContent("h1"), "Tes Bakat Kerja", "the title comes from the service's instrument info");
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#question:not([hidden])");
    const texts = [];
    let asked = 0;
    while (await page.locator("#question").isVisible()) {
      asked += 1;
      assert.ok(asked <= 20, "never more than max_items questions");
      const count = await page.textContent("#count");
      assert.equal(count, `Soal ke-${asked} (paling banyak 20)`);
      const text = await page.textContent("#question-text");
      assert.ok(text.length > 10, `question ${asked} has a text`);
      texts.push(text);
      assert.equal(await page.locator("#answers input[type=radio]").count(), 4);
      assert.equal(await page.evaluate(() => document.activeElement?.name), "answer", "the focus is on the first choice");
      if (asked === 1) {
        await assertFitsPhone(page, "label.choice, button, nav a");
        await page.screenshot({ path: join(OUT, "server-phone.png") });
      }
      if (asked === 3) {
        // Skipping with the keyboard: past the choices and the answer button.
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "skip-item");
      } else {
        await page.keyboard.press("Space");
        for (let j = 0; j < asked % 4; j++) await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "submit-answer");
      }
      await page.keyboard.press("Enter");
      await taken(page, count);
    }
    await page.waitForSelector("#done:not([hidden])");
    assert.equal(new Set(texts).size, asked, "every step showed another question");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "done-title");
    assert.ok(asked >= 8, `at least min_items questions (asked ${asked})`);
    // The end screen shows the service's result, formatted for Indonesian.
    const answers = (await Promise.all(bodies)).filter((b) => b.url.endsWith("/v1/cat/step"));
    const { result } = JSON.parse(answers.at(-1).text);
    assert.equal(result.items, asked);
    assert.equal(result.answered, asked - 1, "the skipped question is not an answer");
    const two = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    assert.equal(await page.textContent("#answered"), String(asked));
    assert.equal(await page.textContent("#theta"), two.format(result.theta));
    assert.equal(await page.textContent("#se"), two.format(result.se));
    assert.match(await page.textContent("#theta"), /^-?\d+,\d\d$/);
    assert.ok((await page.textContent("#stopped")).startsWith("Tes berhenti"));
    assert.ok((await page.textContent("#estimator")).startsWith("EAP"));
    assert.ok(result.stop === "se_reached" || result.stop === "max_items", result.stop);
    // In words first (the figures are for counsellors), the status line finished, no practice label.
    assert.match(await page.textContent("#overall"), /^Perkiraan kemampuan umum Anda: (di bawah|sekitar|di atas) rata-rata\. /);
    assert.equal(await page.textContent("#status"), "Tes selesai. Hasilnya disimpan oleh layanan penilaian.");
    assert.ok(await page.locator("#practice").isHidden());
    // Each domain from the service's result, as the engine in Node gives it
    // for the same θ and SE: band, range and next step.
    const m = loadPackage();
    const engine = m.expectedDomainScores(m.loadInstrument(APTITUDE), result.theta, result.se, "id");
    assert.deepEqual(result.domains, engine, "the service's domains are the engine's");
    const one = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const shown = await page.$$eval("#domains > li", (lis) =>
      lis.map((li) => ({
        name: li.querySelector("h4").textContent,
        band: li.querySelector(".band").textContent,
        range: li.querySelector(".range").textContent,
        next: li.querySelector(".next").textContent,
      })));
    const parts = engine.filter((d) => d.scoring !== "composite");
    assert.equal(shown.length, 4);
    for (const [i, d] of parts.entries()) {
      assert.deepEqual(shown[i], {
        name: d.name,
        band: `Tingkat: ${d.band.label}`,
        range: `Perkiraan dari kemampuan umum: ${one.format(d.pomp)} dari 100 (rentang 95%: ${one.format(d.interval.pomp_lower)} sampai ${one.format(d.interval.pomp_upper)}).`,
        next: `Langkah berikutnya: ${d.band.next_step}`,
      });
    }
    assert.match(await page.textContent("#domains-note"), /diperkirakan dari kemampuan umum Anda/);
    assert.deepEqual(await axe(page), [], "the end screen");
    assert.equal(await page.getAttribute("#interest-link", "href"), "./#results");
    await page.screenshot({ path: join(OUT, "server-phone-done.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the page never receives a key: no instrument file, no engine, only public fields from the service", async () => {
    const { context, page, errors, requests, bodies } = await open();
    await page.click("button[data-lang=en]");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    const texts = await finish(page);
    // Start again in Indonesian: a second test, a second language.
    await page.click("button[data-lang=id]");
    await page.click("#restart");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    await finish(page);
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    await context.close();

    for (const url of [...requests, ...loaded]) {
      assert.doesNotMatch(url, /instruments\/aptitude\.toml/, `requested ${url}`);
      assert.doesNotMatch(url, /\.wasm(\?|$)/, `requested ${url}`);
      assert.doesNotMatch(url, /\/pkg\//, `requested ${url}: the engine is not loaded`);
      assert.doesNotMatch(url, /\/parity\//, `requested ${url}`);
    }
    const got = await Promise.all(bodies);
    assert.deepEqual(got.filter((b) => b.unread).map((b) => `${b.url}: ${b.unread}`), [], "every body was read");
    // (The style sheet is inline in the pages: examples/web/site.mjs.)
    for (const file of ["aptitude.html", "aptitude.js", "ui.js"]) {
      assert.ok(got.some((b) => b.url === base + file), `the body of ${file} was checked`);
    }
    for (const b of got) {
      for (const s of FORBIDDEN) assert.ok(!b.text.includes(s), `${b.url} contains ${JSON.stringify(s)}`);
    }
    const service = got.filter((b) => new URL(b.url).pathname.startsWith("/v1/"));
    const steps = service.filter((b) => /\/v1\/cat\/(aptitude\/start|step)$/.test(b.url));
    assert.ok(steps.length >= 2 * 9, `${steps.length} start and step answers`);
    assert.ok(service.some((b) => b.url.includes("/v1/instruments/aptitude?lang=en")), "the instrument's public info");
    for (const b of service) {
      assert.equal(b.status, 200, `${b.url}: ${b.text}`);
      const json = JSON.parse(b.text);
      assert.deepEqual(secretNames(json), [], `${b.url} has no secret fields`);
    }
    let tokens = 0;
    for (const b of steps) {
      const json = JSON.parse(b.text);
      assertFields(json, STEP_FIELDS.top, b.url);
      assertFields(json.progress, STEP_FIELDS.progress, "progress");
      if (json.done) {
        assertFields(json.result, STEP_FIELDS.result, "result");
        assertFields(json.result.instrument, STEP_FIELDS.instrument, "result.instrument");
        for (const d of json.result.domains) {
          assertFields(d, STEP_FIELDS.domain, "result.domains[]");
          assertFields(d.interval, STEP_FIELDS.interval, "result.domains[].interval");
          assertFields(d.band, STEP_FIELDS.band, "result.domains[].band");
        }
        continue;
      }
      assertFields(json.item, STEP_FIELDS.item, "item");
      for (const o of json.item.options) assertFields(o, STEP_FIELDS.option, "item.options[]");
      assert.deepEqual(json.item.options.map((o) => o.value).sort(), ["A", "B", "C", "D"]);
      if (json.item.figure) assertFields(json.item.figure, STEP_FIELDS.figure, "item.figure");
      // The token is sealed: the session in it cannot be read.
      const sealed = Buffer.from(json.token, "base64url").toString("latin1");
      for (const s of ["administered", "theta", '"sid"', json.item.id]) assert.ok(!sealed.includes(s), `the token shows ${s}`);
      tokens += 1;
    }
    assert.ok(tokens >= 16);
    // The first test's questions came in English, the language it started in.
    assert.ok(texts.every((x) => !/\bBerapa\b|\byang\b/.test(x)), "the first test was in English");
    assert.deepEqual(errors, []);
  });

  test("a reload resumes at the same question, and the test goes on", async () => {
    const { context, page, errors } = await open();
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    for (let k = 0; k < 3; k++) await answerByClicking(page, k);
    const question = await page.textContent("#question-text");
    const saved = await stored(page);
    assert.equal(saved.progress.given, 3);
    assert.equal(saved.sent, undefined, "no answer is waiting");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.textContent("#question-text"), question);
    assert.equal(await page.textContent("#count"), "Soal ke-4 (paling banyak 20)");
    assert.equal(await page.textContent("#status"), "Tes dilanjutkan dari soal terakhir.");
    assert.equal((await stored(page)).token, saved.token);
    // English: the page's words change; the test's questions stay in the
    // language it started in, and the page says so.
    await page.click("button[data-lang=en]");
    assert.equal(await page.textContent("#count"), "Question 4 (at most 20)");
    assert.equal(await page.textContent("#question-text"), question);
    assert.equal(await page.getAttribute("#question-set", "lang"), "id");
    assert.match(await page.textContent("#status"), /stay in Indonesian/);
    await answerByClicking(page, 0);
    assert.equal(await page.textContent("#count"), "Question 5 (at most 20)");
    assert.notEqual(await page.textContent("#question-text"), question);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a lost answer is kept and sent again: by the retry button, and after a reload", async () => {
    const { context, page, errors } = await open();
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    // The service takes the step, but its answer never reaches the page.
    const lose = async (route) => {
      await route.fetch();
      await route.abort("connectionreset");
    };
    await page.route("**/v1/cat/step", lose);
    const question = await page.textContent("#question-text");
    await page.locator("#answers label").nth(2).click();
    const chosen = await page.locator("#answers input").nth(2).getAttribute("value");
    await page.click("#submit-answer");
    await page.waitForSelector("#retry:not([hidden])");
    assert.match(await page.textContent("#question-error"), /Jawaban Anda tetap tersimpan/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "retry");
    assert.ok(await page.locator("#answers input").nth(2).isChecked(), "the answer stays chosen");
    assert.ok(await page.locator("#answers input").nth(2).isDisabled(), "and cannot be changed");
    assert.ok(await page.locator("#submit-answer").isHidden());
    assert.equal((await stored(page)).sent, chosen);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: join(OUT, "server-retry.png") });
    // Still lost: the retry fails the same way; then the connection is back.
    await page.click("#retry");
    await page.waitForSelector("#retry:not([hidden])");
    await page.unroute("**/v1/cat/step", lose);
    await page.click("#retry");
    await page.waitForFunction(() => document.getElementById("count").textContent.startsWith("Soal ke-2 "));
    assert.notEqual(await page.textContent("#question-text"), question);
    assert.equal((await stored(page)).sent, undefined);
    // Lost again, then the page is reloaded: the answer goes out by itself.
    await page.route("**/v1/cat/step", lose);
    await page.locator("#answers label").nth(1).click();
    await page.click("#submit-answer");
    await page.waitForSelector("#retry:not([hidden])");
    await page.unroute("**/v1/cat/step", lose);
    await page.reload();
    await page.waitForFunction(() => document.getElementById("count").textContent.startsWith("Soal ke-3 "));
    assert.ok(await page.locator("#submit-answer").isVisible());
    // The page logs the failed sends (as warnings, and the browser's own
    // network errors); nothing threw.
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(e)), []);
    await context.close();
  });

  test("a replayed or forged step is refused, and the page offers a new test", async () => {
    const { context, page } = await open();
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    await answerByClicking(page, 0);
    const { token } = await stored(page);
    const post = (answer, t = token) =>
      page.evaluate(
        async ([t, answer]) => {
          const r = await fetch("./v1/cat/step", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ token: t, answer }),
          });
          return { status: r.status, body: await r.json() };
        },
        [t, answer],
      );
    // Another tab answers this step with A; the same answer again gets the same response.
    const first = await post("A");
    assert.equal(first.status, 200);
    const again = await post("A");
    assert.equal(again.status, 200);
    assert.deepEqual({ ...again.body, token: null }, { ...first.body, token: null }, "the same next question");
    const replayed = await post("C");
    assert.equal(replayed.status, 409);
    assert.equal(replayed.body.error.kind, "replayed");
    // This page answers the step with another choice: refused, and it says why.
    const a = await page.locator("#answers input").evaluateAll((inputs) => inputs.findIndex((i) => i.value !== "A"));
    await page.locator("#answers label").nth(a).click();
    await page.click("#submit-answer");
    await page.waitForSelector("#start-over:not([hidden])");
    assert.match(await page.textContent("#question-error"), /sudah dijawab dengan jawaban lain/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "start-over");
    assert.ok(await page.locator("#retry").isHidden());
    assert.deepEqual(await axe(page), []);
    await page.click("#start-over");
    assert.ok(await page.locator("#intro").isVisible());
    assert.equal(await stored(page), null);
    // A forged token: 401, and again a new test is offered.
    const forged = await post("A", `${token.slice(0, -4)}AAAA`);
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.kind, "token_invalid");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem("assess-demo-cat-service"));
      s.token = `${s.token.slice(0, -4)}AAAA`;
      sessionStorage.setItem("assess-demo-cat-service", JSON.stringify(s));
    });
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#skip-item");
    await page.waitForSelector("#start-over:not([hidden])");
    assert.match(await page.textContent("#question-error"), /kedaluwarsa atau tidak dikenali/);
    await context.close();
  });

  test("the offline cache installs behind a service, without the keyed file, and leaves /v1/ to the network", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const statuses = [];
    context.on("response", (r) => statuses.push([new URL(r.url()).pathname, r.status()]));
    // The interest page registers the service worker; the site built for a
    // service has no aptitude instrument, so its precache never asks for it.
    await page.goto(base);
    await page.waitForSelector("body[data-ready=true]");
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok));
      }
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      return { names, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.equal(cached.names.length, 1);
    assert.match(cached.names[0], /^assess-demo-[0-9a-f]{16}$/, "the cache is named after the site's content");
    assert.ok(cached.files.includes("/aptitude.js") && cached.files.includes("/pkg/interest/assess_wasm_bg.wasm"));
    assert.ok(!cached.files.some((f) => f.includes("aptitude.toml")), "the keyed file is not cached");
    assert.ok(!cached.files.some((f) => f.startsWith("/v1/")));
    assert.deepEqual(statuses.filter(([p]) => p === "/instruments/aptitude.toml"), [], "never asked for");
    // The aptitude page, now under the worker, still finds the service.
    await page.goto(`${base}aptitude.html`);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
    assert.equal(await page.textContent("#status"), "Jawaban dinilai di server; kunci jawaban tidak dikirim ke perangkat Anda.");
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    await answerByClicking(page, 1);
    assert.match(await page.textContent("#count"), /^Soal ke-2 /);
    await context.close();
  });

  test("zero axe violations in English: intro, a question, the end screen", async () => {
    const { context, page, errors } = await open();
    await page.click("button[data-lang=en]");
    assert.equal(await page.textContent("#status"), "Answers are scored on the service; the answer keys never reach your device.");
    assert.equal(await page.textContent("h1"), "Work Aptitude Test");
    assert.deepEqual(await axe(page), []);
    await page.click("#start");
    await page.waitForSelector("#question:not([hidden])");
    assert.equal(await page.getAttribute("#question-set", "lang"), "en");
    assert.deepEqual(await axe(page), []);
    await finish(page);
    assert.ok((await page.textContent("#stopped")).startsWith("The test stopped"));
    assert.match(await page.textContent("#theta"), /^-?\d+\.\d\d$/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/** The property names in `json`, at any depth, that could carry a key or a parameter. */
function secretNames(json, path = "") {
  if (Array.isArray(json)) return json.flatMap((v, i) => secretNames(v, `${path}[${i}]`));
  if (json === null || typeof json !== "object") return [];
  return Object.entries(json).flatMap(([k, v]) => [
    ...(SECRET_NAMES.has(k) ? [`${path}.${k}`] : []),
    ...secretNames(v, `${path}.${k}`),
  ]);
}

function assertFields(object, allowed, where) {
  assert.ok(object && typeof object === "object", `${where} is an object`);
  const extra = Object.keys(object).filter((k) => !allowed.includes(k));
  assert.deepEqual(extra, [], `${where} has only public fields`);
}
