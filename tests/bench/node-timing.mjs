// Node half of the WebAssembly timings in BENCHMARKS.md (the browser half
// is the `timings` test in tests/browser/): instantiate the module and
// load the 60-item instrument, then score and recommend for one
// respondent, measured like the native example (3,000 warm-up runs, median
// of 100 batches of 20). Prints JSON; never asserts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PKG, ROOT, timeScoreAndRecommend } from "../js/common.mjs";

const bytes = readFileSync(join(PKG, "web", "assess_wasm_bg.wasm"));
const riasecText = readFileSync(join(ROOT, "instruments", "riasec.toml"), "utf8");
const catalogText = readFileSync(join(ROOT, "instruments", "job-families.toml"), "utf8");
const m = await import(join(PKG, "web", "assess_wasm.js"));
const t0 = performance.now();
m.initSync({ module: bytes });
const t1 = performance.now();
const riasec = m.loadInstrument(riasecText);
const instantiateAndLoadMs = performance.now() - t0;
const instantiateMs = t1 - t0;
const catalog = m.loadCatalog(catalogText);
console.log(JSON.stringify({
  instantiateAndLoadMs,
  instantiateMs,
  ...timeScoreAndRecommend(m, riasec, catalog),
}));
