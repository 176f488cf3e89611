// The counsellor console (examples/console/) in headless Chromium, served
// by examples/web/serve.mjs at /console/ as `scripts/demo` serves it: a
// 3,000-row CSV of the shipped synthetic respondents, with rows made
// rejected (an answer out of range) and partial (answers left blank) and
// one id a spreadsheet would run as a formula, is opened by choosing the
// file; the table shows every status with its reasons, sorts (aria-sort)
// and filters; a person's report opens in the chosen language and prints;
// the summary opens; the scored CSV downloaded is byte for byte the CLI's
// `assess score --format csv` of the same file, and the JSON Lines its
// `--format jsonl`; three files of three instruments in three layouts
// (JSON, JSON Lines, CSV recognised by content) give one person's report
// byte for byte as `assess report` gives it; the console works offline
// after its first load; a
// 60,000-row file can be cancelled; no request carries the file; axe-core
// finds no violation in any state. Needs `scripts/build-wasm` first.
//
//   node --test tests/browser/console.test.mjs
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { axe, launch, openPage } from "./chromium.mjs";
import { serve } from "../../examples/web/serve.mjs";
import { UI } from "../../examples/console/text.js";
import { buildCli, ROOT } from "../js/common.mjs";

const BINARY = join(ROOT, "target", "debug", "assess");
const OUT = join(ROOT, "target", "browser");
const FILE = join(OUT, "console-3000.csv");
const BIG = join(OUT, "console-60000.csv");
/** Rows made rejected (an answer of 9 to the first item) and partial (two answers left blank; many synthetic rows are partial already). */
const REJECTED = [7, 70, 700, 2999];
const PARTIAL = [5, 50, 500];
/** A respondent id a spreadsheet would run as a formula: the exported CSV must guard it. */
const FORMULA_ROW = 12;
const FORMULA_ID = "=SUM(1+1)";

let browser;
let server;
let base;

/** The 3,000 synthetic respondents of examples/responses, with the rows above changed. */
function writeFiles() {
  const lines = readFileSync(join(ROOT, "examples", "responses", "synthetic-riasec.csv"), "utf8").trimEnd().split("\n");
  const [header, ...rows] = lines;
  assert.equal(rows.length, 3000);
  const changed = rows.map((line, i) => {
    const cells = line.split(",");
    const row = i + 1;
    if (REJECTED.includes(row)) cells[1] = "9";
    if (PARTIAL.includes(row)) cells[2] = cells[3] = "";
    if (row === FORMULA_ROW) cells[0] = FORMULA_ID;
    return cells.join(",");
  });
  writeFileSync(FILE, `${[header, ...changed].join("\n")}\n`);
  // 60,000 rows: the 3,000 twenty times, each with its own id.
  const big = [header];
  for (let k = 0; k < 20; k++) for (const line of rows) big.push(line.replace(/^sintetis-riasec-/, `s${k}-`));
  writeFileSync(BIG, `${big.join("\n")}\n`);
}

/** The CLI's output for the 3,000-row file (exit status 1: some rows are rejected). */
function cli(format) {
  const r = spawnSync(BINARY, ["score", "-i", join(ROOT, "instruments", "riasec.toml"), "-r", FILE, "--format", format, "--lang", "id"], {
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  assert.equal(r.status, 1, r.stderr);
  return r.stdout;
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  // The CLI of this tree (a no-op when current): its output is what the console must equal.
  buildCli();
  writeFiles();
  ({ server, url: base } = await serve(0));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The console, ready, with its requests recorded. */
async function open(contextOptions = {}) {
  const requests = [];
  const opened = await openPage(browser, `${base}console/`, { acceptDownloads: true, ...contextOptions }, (context) =>
    context.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() ?? "" })));
  await opened.page.waitForSelector("#instrument option[value=riasec]", { state: "attached" });
  return { ...opened, requests };
}

/** Opens `file` as the chosen instrument's answers; resolves when the batch is scored. */
async function load(page, file, instrument = "riasec") {
  await page.selectOption("#instrument", instrument);
  await page.setInputFiles("#answers", file);
  await page.waitForSelector("body[data-batch=done], body[data-batch=failed]");
  assert.equal(await page.getAttribute("body", "data-batch"), "done", await page.textContent("#status"));
}

/** Today by this computer's clock (the browser's too), YYYY-MM-DD. */
function isoToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Today by this computer's clock as the Indonesian report writes it: "5 Desember 2026". */
function todayInIndonesian() {
  const months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
  const d = new Date();
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}`;
}

/** The rows of the table's page: [row, id, status, reasons]. */
const tableRows = (page) =>
  page.$$eval("#rows tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((c) => c.textContent.trim())));

const noViolations = async (page, state) => assert.deepEqual(await axe(page), [], `axe on the ${state} console`);

describe("the counsellor console in Chromium", () => {
  test("every word in both languages", () => {
    assert.deepEqual(Object.keys(UI.en).sort(), Object.keys(UI.id).sort());
  });

  test("a 3,000-row file: every status, sorting, filtering, a report printed, the summary, the exports equal to the CLI's", async () => {
    const { context, page, errors, requests } = await open();
    assert.equal(await page.getAttribute("html", "lang"), "id");
    assert.match(await page.textContent(".privacy"), /tidak dikirim ke mana pun/);
    await noViolations(page, "empty");

    await load(page, FILE);
    // The CLI's status of every row (ids here have no comma).
    const statuses = cli("csv").trimEnd().split("\n").slice(1).map((line) => line.split(",")[2]);
    const count = (s) => statuses.filter((x) => x === s).length;
    const rowsWith = (s) => statuses.flatMap((x, i) => (x === s ? [String(i + 1)] : []));
    assert.deepEqual(rowsWith("rejected"), REJECTED.map(String));
    assert.ok(PARTIAL.every((r) => statuses[r - 1] === "partial"));
    const n = (x) => x.toLocaleString("id-ID");
    assert.equal(
      await page.textContent("#counts"),
      `3.000 baris: ${n(count("scored"))} dinilai, ${n(count("partial"))} sebagian, ${n(count("rejected"))} ditolak.`,
    );
    assert.match(await page.textContent("#progress-text"), /^Selesai: console-3000\.csv, 3\.000 baris dalam \d+,\d detik\.$/);
    assert.equal(await page.locator("#rows tbody tr").count(), 50, "one page of rows, not 3,000");
    assert.equal(await page.textContent("#page-text"), "Halaman 1 dari 60");
    await noViolations(page, "loaded");

    // Sorted by status, descending (keyboard): the rejected rows first, with their reasons.
    await page.focus("th button[data-sort=status]");
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("th:has(button[data-sort=status])", "aria-sort"), "ascending");
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("th:has(button[data-sort=status])", "aria-sort"), "descending");
    assert.equal(await page.getAttribute("th:has(button[data-sort=row])", "aria-sort"), "none");
    const top = await tableRows(page);
    assert.deepEqual(top.slice(0, 4).map((r) => [r[0], r[2]]), REJECTED.map((r) => [String(r), "Ditolak"]));
    for (const r of top.slice(0, 4)) {
      assert.match(r[3], /R01/, "a rejected row names the item");
      assert.match(r[3], /^Jawaban di luar rentang: /, "the kind of problem in Indonesian");
    }
    assert.deepEqual(top.slice(4, 8).map((r) => [r[0], r[2]]), rowsWith("partial").slice(0, 4).map((r) => [r, "Sebagian"]));

    // Sorted by id: the formula-like id (`=` sorts before letters) first.
    await page.click("th button[data-sort=id]");
    assert.equal((await tableRows(page))[0][1], FORMULA_ID);
    await page.click("th button[data-sort=id]");
    assert.equal((await tableRows(page))[0][1], "sintetis-riasec-03000");

    // Filtered: the rejected rows only, then one id.
    await page.selectOption("#filter-status", "rejected");
    const rejected = await tableRows(page);
    assert.deepEqual(rejected.map((r) => r[2]), REJECTED.map(() => "Ditolak"));
    assert.equal(await page.textContent("#shown"), `Menampilkan ${REJECTED.length} dari 3.000 baris.`);
    await noViolations(page, "filtered");
    await page.selectOption("#filter-status", "");
    await page.fill("#filter-id", "riasec-0004");
    assert.equal(await page.textContent("#shown"), "Menampilkan 10 dari 3.000 baris.");
    await page.fill("#filter-id", "sintetis-riasec-00042");
    assert.deepEqual((await tableRows(page)).map((r) => r.slice(0, 3)), [["42", "sintetis-riasec-00042", statuses[41] === "scored" ? "Dinilai" : "Sebagian"]]);

    // The report, in Indonesian, dated today; printed.
    await page.focus("#rows tbody button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("body[data-viewer=open]");
    const frame = page.frameLocator("#frame");
    await frame.locator("body").waitFor();
    const report = page.frames().find((f) => f !== page.mainFrame());
    await report.waitForLoadState();
    assert.equal(await report.getAttribute("html", "lang"), "id");
    const html = await report.content();
    assert.match(html, /sintetis-riasec-00042/);
    assert.ok(html.includes(todayInIndonesian()), `the report is dated today (${todayInIndonesian()})`);
    assert.equal(await page.evaluate(() => document.activeElement.id), "viewer-title");
    await noViolations(page, "report open");
    await page.evaluate(() => {
      window.printed = 0;
      document.getElementById("frame").contentWindow.print = () => (window.printed += 1);
    });
    await page.click("#print");
    assert.equal(await page.evaluate(() => window.printed), 1, "Print prints the report");
    // As a PDF (what Print → Save as PDF gives).
    const href = await page.getAttribute("#open-tab", "href");
    const tab = await context.newPage();
    await tab.goto(href);
    const pdf = await tab.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(OUT, "console-report-id.pdf"), pdf);
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    await tab.close();
    await page.click("#close-viewer");

    // In English: the console and the report.
    await page.click("button[data-lang=en]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match(await page.textContent("#counts"), /^3,000 rows:/);
    await page.click("#rows tbody button");
    await page.waitForFunction(() => document.getElementById("frame").contentDocument?.documentElement?.lang === "en");
    // Scored again in English (the file was opened in Indonesian): the CLI's English report.
    const english = await page.evaluate(async (url) => (await fetch(url)).text(), await page.getAttribute("#open-tab", "href"));
    const i = join(ROOT, "instruments");
    assert.equal(english, execFileSync(BINARY, [
      "report", "--respondent", "sintetis-riasec-00042", "--lang", "en", "--date", isoToday(),
      "-i", join(i, "riasec.toml"), "-r", FILE, "--catalog", join(i, "job-families.toml"),
    ], { encoding: "utf8" }));
    await page.click("#close-viewer");
    await page.click("button[data-lang=id]");

    // The programme summary, grouped by every metadata key found.
    const keys = await page.$$eval("#group-keys input", (is) => is.map((i) => i.value));
    assert.deepEqual(keys, ["age_group", "disability", "district", "gender"]);
    // Named as the summary heads its sections; a choice survives a change of language.
    const labels = () => page.$$eval("#group-keys label", (ls) => ls.map((l) => l.innerText.trim()));
    assert.deepEqual(await labels(), ["Kelompok usia", "Disabilitas", "Kabupaten/kota", "Jenis kelamin"]);
    await page.uncheck("#group-keys input[value=age_group]");
    await page.click("button[data-lang=en]");
    assert.deepEqual(await labels(), ["Age group", "Disability", "District", "Gender"]);
    assert.equal(await page.isChecked("#group-keys input[value=age_group]"), false);
    await page.click("button[data-lang=id]");
    await page.check("#group-keys input[value=age_group]");
    assert.equal(await page.inputValue("#min-group"), "10", "the CLI's default");
    await page.click("#summary");
    await page.waitForFunction(() => document.getElementById("viewer-title").textContent.startsWith("Ringkasan program"));
    await page.waitForFunction(() => document.getElementById("frame").contentDocument?.documentElement?.lang === "id");
    await page.click("#close-viewer");

    // Exports: the CLI's bytes.
    for (const [kind, format] of [["csv", "csv"], ["jsonl", "jsonl"]]) {
      await page.click(`#export-${kind}`);
      const link = page.locator(`#downloads a[data-kind=${kind}]`);
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      const bytes = readFileSync(await download.path(), "utf8");
      writeFileSync(join(OUT, `console-export.${kind}`), bytes);
      assert.equal(bytes, cli(format), `the exported ${kind} is the CLI's`);
      if (kind === "csv") assert.ok(bytes.includes(`'${FORMULA_ID}`), "the formula-like id is guarded");
    }

    // Nothing was sent: every request is a GET of the console's own files.
    assert.deepEqual(requests.filter((r) => r.method !== "GET" || r.body), []);
    assert.deepEqual(requests.filter((r) => !r.url.startsWith(`${base}console/`) && !r.url.startsWith("blob:")), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("three files of three instruments in three layouts: one person's report is the CLI's, all three in it", async () => {
    const responses = join(ROOT, "examples", "responses");
    const { context, page, errors } = await open();
    // JSON (an array), JSON Lines, and CSV under a name that says nothing (recognised by content).
    await load(page, join(responses, "riasec-personas.json"), "riasec");
    const aptitude = JSON.parse(readFileSync(join(responses, "aptitude-personas.json"), "utf8"));
    await page.selectOption("#instrument", "aptitude");
    await page.setInputFiles("#answers", {
      name: "aptitude.jsonl",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(aptitude.map((set) => JSON.stringify(set)).join("\n")),
    });
    await page.waitForFunction(() => document.getElementById("batch").options.length === 2 && document.body.dataset.batch === "done");
    await page.selectOption("#instrument", "readiness");
    await page.setInputFiles("#answers", {
      name: "jawaban-kesiapan",
      mimeType: "application/octet-stream",
      buffer: readFileSync(join(responses, "readiness-personas.csv")),
    });
    await page.waitForFunction(() => document.getElementById("batch").options.length === 3 && document.body.dataset.batch === "done");
    const names = await page.$$eval("#batch option", (os) => os.map((o) => o.textContent));
    assert.deepEqual(names.map((n) => /\((\w+)\)$/.exec(n)[1]), ["JSON", "JSONL", "CSV"]);
    // Rembang Siti's report from the interest file: the other two instruments are in it.
    await page.selectOption("#batch", { index: 0 });
    await page.fill("#filter-id", "rembang-siti");
    await page.click("#rows tbody button");
    await page.waitForSelector("body[data-viewer=open]");
    const href = await page.getAttribute("#open-tab", "href");
    const html = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    const date = isoToday();
    const i = join(ROOT, "instruments");
    const expected = execFileSync(BINARY, [
      "report", "--respondent", "rembang-siti", "--lang", "id", "--date", date,
      "-i", join(i, "riasec.toml"), "-r", join(responses, "riasec-personas.json"),
      "-i", join(i, "aptitude.toml"), "-r", join(responses, "aptitude-personas.json"),
      "-i", join(i, "readiness.toml"), "-r", join(responses, "readiness-personas.csv"),
      "--catalog", join(i, "job-families.toml"),
    ], { encoding: "utf8" });
    assert.equal(html, expected, "the console's report is `assess report`'s");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("offline after the first load: reloads and scores a file", async () => {
    const { context, page, errors } = await open();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const files = await (await fetch("sw.js")).text();
      const list = JSON.parse(/const FILES = (\[.*\]);/.exec(files)[1]);
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith("assess-console-")));
      for (;;) {
        const have = await Promise.all(list.map((f) => cache.match(new URL(f, location.href).href)));
        if (have.every(Boolean)) return;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector("#instrument option[value=readiness]", { state: "attached" });
    await load(page, join(ROOT, "examples", "responses", "readiness-personas.csv"), "readiness");
    assert.equal(await page.locator("#rows tbody tr").count(), 6);
    assert.match(await page.textContent("#status"), /6 baris/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a 60,000-row file shows its progress and can be cancelled", async () => {
    const { context, page } = await open();
    await page.selectOption("#instrument", "riasec");
    // The progress line as the page shows it, each time it changes.
    await page.evaluate(() => {
      window.progressSeen = [];
      new MutationObserver(() => window.progressSeen.push(document.getElementById("progress-text").textContent))
        .observe(document.getElementById("progress-text"), { childList: true, characterData: true, subtree: true });
    });
    await page.setInputFiles("#answers", BIG);
    // Cancelled as soon as the button is enabled: the worker scores the
    // 60,000 rows in about half a second here, so a click that waits for
    // the first progress can arrive after the last row.
    await page.click("#cancel");
    await page.waitForSelector("body[data-batch=cancelled]");
    assert.equal(await page.getAttribute("#progress-text", "aria-live"), "polite");
    const counts = await page.textContent("#counts");
    const total = Number(/^([\d.]+) baris/.exec(counts)[1].replace(/\./g, ""));
    assert.ok(total > 0 && total < 60000, `cancelled part-way: ${counts}`);
    const seen = await page.evaluate(() => window.progressSeen);
    assert.ok(seen.some((t) => /dari 60\.000 baris$/.test(t)), `progress shown: ${seen.join(" | ")}`);
    assert.match(await page.textContent("#status"), /^Dibatalkan: console-60000\.csv/);
    // The bar stays where the batch stopped.
    const bar = await page.evaluate(() => [document.getElementById("progress").value, document.getElementById("progress").max]);
    assert.deepEqual(bar, [total, 60000]);
    await context.close();
  });
});
