// Node half of the WebAssembly timings in BENCHMARKS.md (the browser half
// is the `timings` test in tests/browser/): instantiate the module and
// load the 60-item instrument, then score and recommend for one
// respondent, measured like the native example (300 warm-up runs, median
// of 100 batches of 20). Prints JSON; never asserts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PKG, ROOT } from "../js/common.mjs";

const bytes = readFileSync(join(PKG, "web", "assess_wasm_bg.wasm"));
const riasecText = readFileSync(join(ROOT, "instruments", "riasec.toml"), "utf8");
const catalogText = readFileSync(join(ROOT, "instruments", "job-families.toml"), "utf8");
const m = await import(join(PKG, "web", "assess_wasm.js"));
const t0 = performance.now();
m.initSync({ module: bytes });
const riasec = m.loadInstrument(riasecText);
const instantiateAndLoadMs = performance.now() - t0;
const catalog = m.loadCatalog(catalogText);
const answers = {};
for (const item of riasec.items("id")) answers[item.id] = 1 + (item.id.charCodeAt(0) % 5);
const set = JSON.stringify({ respondent_id: "bench", answers });
const once = () => {
  const s = riasec.score(set);
  const r = new m.Results(s);
  m.recommendJson(catalog, r);
  r.free();
  s.free();
};
for (let i = 0; i < 300; i++) once();
const times = [];
for (let b = 0; b < 100; b++) {
  const s = performance.now();
  for (let i = 0; i < 20; i++) once();
  times.push((performance.now() - s) / 20);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  instantiateAndLoadMs,
  scoreAndRecommendMedianMs: times[50],
  scoreAndRecommendP10Ms: times[10],
  scoreAndRecommendP90Ms: times[90],
}));
