// The first-load goal of BENCHMARKS.md (WebAssembly package) measured as a
// page meets it: in headless Chromium, after the browser has settled, each
// run opens a fresh browser context (no compiled code carried over), fetches
// the interest build's .wasm (what the questionnaire page loads; or
// ASSESS_BUILD's) and the 60-item RIASEC inventory, then times `init()` (instantiation) and the first `loadInstrument`. One sample per
// page is noisy on a 2-core machine, so it reports quartiles over N runs.
// Prints JSON; never asserts.
//
//   node tests/bench/chromium-load.mjs [RUNS]        (default 31)
//   ASSESS_BUILD=aptitude node tests/bench/chromium-load.mjs
//       the aptitude page's build instead of the interest page's.
//   ASSESS_PKG=/other/pkg node tests/bench/chromium-load.mjs
//       measures another build of the package (for example main's) the
//       same way: compare two builds in one sitting, never across days.
import { chromium } from "playwright-core";
import { serve } from "../../examples/web/serve.mjs";

const runs = Number(process.argv[2] ?? 31);
const build = process.env.ASSESS_BUILD ?? "interest";
const { server, url: base } = await serve(0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // The same flags as tests/browser/ (this machine has no network).
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(2000);
const samples = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}instruments/riasec.toml`);
    await sleep(300);
    samples.push(await page.evaluate(async (build) => {
      const bytes = await (await fetch(`/pkg/${build}/assess_wasm_bg.wasm`)).arrayBuffer();
      const text = await (await fetch("/instruments/riasec.toml")).text();
      const m = await import(`/pkg/${build}/assess_wasm.js`);
      const t0 = performance.now();
      await m.default({ module_or_path: bytes });
      const t1 = performance.now();
      m.loadInstrument(text);
      const t2 = performance.now();
      return { instantiate: t1 - t0, firstLoad: t2 - t1 };
    }, build));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(p * (s.length - 1))] * 10) / 10;
};
const quartiles = (xs) => ({ p25: quantile(xs, 0.25), median: quantile(xs, 0.5), p75: quantile(xs, 0.75) });
const total = samples.map((s) => s.instantiate + s.firstLoad);
console.log(JSON.stringify({
  runs,
  instantiateMs: quartiles(samples.map((s) => s.instantiate)),
  firstLoadMs: quartiles(samples.map((s) => s.firstLoad)),
  instantiateAndFirstLoadMs: quartiles(total),
  runsUnder20Ms: total.filter((t) => t < 20).length,
}));
