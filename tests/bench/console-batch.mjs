// The counsellor console's batch scoring against the command line, on the
// same 100,000-row CSV (the 3,000 synthetic respondents of
// examples/responses/synthetic-riasec.csv repeated with their own ids,
// written to target/bench/console-100000.csv):
//
// - Chromium (Debian's, headless, driven by playwright-core): the console
//   as `scripts/demo` serves it (examples/web/serve.mjs, /console/), the
//   file chosen in the page; the worker's own time from opening the batch
//   to its last row (chunks of 1,000 rows, each posted to the page), the
//   part of it in `batch.next` (the engine; the rest is the rows made into
//   messages and posted), the time the counsellor waits, from reading the
//   file to the table's last rows; and how responsive the page stayed
//   meanwhile: the longest gap between two ticks of a 10 ms timer on the
//   page's thread (checked first with a deliberate 120 ms task).
// - The CLI: `assess score --format csv` of the release build, writing to
//   a file, with its default threads and with `--jobs 1` (the worker is one
//   thread).
//
// Each is run RUNS times (default 3); the medians per 10,000 rows and
// every sample are printed as JSON, a line per run on standard error.
// Reports, never asserts. Needs `scripts/build-wasm`; builds the CLI's
// release build (`cargo build --release -p assess-cli`, a no-op when
// current). BENCH_ROWS=3000 for a quick run whose figures mean little.
//
//   node tests/bench/console-batch.mjs [RUNS]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../examples/web/serve.mjs";
import { launch } from "../browser/chromium.mjs";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
const runs = Number(process.argv[2] ?? 3);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const OUT = join(ROOT, "target", "bench");
const FILE = join(OUT, `console-${ROWS}.csv`);
const BINARY = join(ROOT, "target", "release", "assess");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const per10k = (ms) => Math.round((ms * 10_000) / ROWS);

function writeFile() {
  const [header, ...rows] = readFileSync(join(ROOT, "examples", "responses", "synthetic-riasec.csv"), "utf8").trimEnd().split("\n");
  const lines = [header];
  for (let i = 0; lines.length <= ROWS; i++) {
    const row = rows[i % rows.length];
    lines.push(row.replace(/^sintetis-riasec-\d+/, `bench-${String(i + 1).padStart(6, "0")}`));
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(FILE, `${lines.join("\n")}\n`);
}

function cliRun(jobs) {
  const out = join(OUT, "console-cli.csv");
  rmSync(out, { force: true });
  const args = ["score", "-i", join(ROOT, "instruments", "riasec.toml"), "-r", FILE, "--format", "csv", "--lang", "id", "--out", out, "--quiet"];
  if (jobs) args.push("--jobs", String(jobs));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(BINARY, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`assess score failed: ${r.stderr}`);
  return ms;
}

async function browserRun(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The page's responsiveness: the longest gap between two ticks of a
  // 10 ms timer on the page's thread (a tick waits for whatever task runs).
  await page.addInitScript(() => {
    window.__longest = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.__longest = Math.max(window.__longest, now - last);
      last = now;
    }, 10);
  });
  await page.goto(`${base}console/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#instrument option[value=riasec]", { state: "attached" });
  await page.selectOption("#instrument", "riasec");
  // The timer sees a busy page at all: a deliberate 120 ms task first.
  await page.evaluate(() => {
    const end = performance.now() + 120;
    while (performance.now() < end);
  });
  await page.waitForFunction(() => window.__longest >= 100);
  await page.evaluate(() => (window.__longest = 0));
  await page.setInputFiles("#answers", FILE);
  await page.waitForSelector("body[data-batch=done]", { timeout: 600_000 });
  const result = await page.evaluate(() => {
    const p = document.getElementById("progress-text");
    return {
      workerMs: Number(p.dataset.workerMs),
      engineMs: Number(p.dataset.engineMs),
      totalMs: Number(p.dataset.totalMs),
      longestGapMs: Math.round(window.__longest),
    };
  });
  await context.close();
  return result;
}

writeFile();
// The release build of the tree as it is (a no-op when it is current).
execFileSync("cargo", ["build", "-q", "--release", "-p", "assess-cli"], { cwd: ROOT, stdio: "inherit" });
const { server, url } = await serve(0);
const browser = await launch();
const samples = { chromium: [], cli: [], cliOneThread: [] };
try {
  for (let i = 0; i < runs; i++) {
    const b = await browserRun(browser, url);
    samples.chromium.push(b);
    console.error(
      `chromium run ${i + 1}: worker ${b.workerMs} ms (batch.next ${b.engineMs} ms), waited ${b.totalMs} ms, longest gap on the page ${b.longestGapMs} ms`,
    );
    const c = cliRun();
    samples.cli.push(c);
    const c1 = cliRun(1);
    samples.cliOneThread.push(c1);
    console.error(`cli run ${i + 1}: ${Math.round(c)} ms (default threads), ${Math.round(c1)} ms (--jobs 1)`);
  }
} finally {
  await browser.close();
  server.close();
}
const worker = median(samples.chromium.map((s) => s.workerMs));
const engine = median(samples.chromium.map((s) => s.engineMs));
const waited = median(samples.chromium.map((s) => s.totalMs));
const cli = median(samples.cli);
const cli1 = median(samples.cliOneThread);
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? "?"}`,
      chromium: execFileSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
      rows: ROWS,
      runs,
      per10kRowsMs: {
        chromiumWorker: per10k(worker),
        chromiumBatchNext: per10k(engine),
        chromiumWaited: per10k(waited),
        cliDefaultThreads: per10k(cli),
        cliOneThread: per10k(cli1),
      },
      medianMs: { chromiumWorker: Math.round(worker), chromiumBatchNext: Math.round(engine), chromiumWaited: Math.round(waited), cli: Math.round(cli), cliOneThread: Math.round(cli1) },
      longestPageGapMs: Math.max(...samples.chromium.map((s) => s.longestGapMs)),
      samples,
    },
    null,
    2,
  ),
);
