// Shared by the Node and browser suites: where the package, the parity
// cases and the shipped files are, and the parity comparison itself (the
// same function runs in Node and, as source text, in Chromium).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PKG = process.env.ASSESS_PKG ?? join(ROOT, "pkg");
export const PARITY = process.env.ASSESS_PARITY ?? join(ROOT, "target", "parity");
export const INSTRUMENTS = ["riasec", "aptitude", "readiness"];

/** The Node build of the package (CommonJS). */
export function loadPackage() {
  const entry = join(PKG, "node", "assess_wasm.js");
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run scripts/build-wasm first`);
  }
  return createRequire(import.meta.url)(entry);
}

export function shipped(name) {
  return readFileSync(join(ROOT, "instruments", name), "utf8");
}

/** The parity cases of one instrument, one object per line. */
export function parityCases(name) {
  const path = join(PARITY, `${name}.jsonl`);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run cargo run --release -p assess-wasm --example parity_cases -- target/parity`,
    );
  }
  return readFileSync(path, "utf8").trimEnd().split("\n");
}

/**
 * Scores every case with the package `m` and compares each JSON text with
 * the native engine's, byte for byte. `texts` maps instrument name to the
 * TOML text, `lines` instrument name to the JSON Lines. Returns counts and
 * the first differences. Self-contained: it is also sent to Chromium.
 */
export function compareParity(m, texts, catalogText, lines) {
  const inst = {};
  for (const [name, text] of Object.entries(texts)) inst[name] = m.loadInstrument(text);
  const catalog = m.loadCatalog(catalogText);
  const out = { compared: 0, differences: [] };
  const differ = (what, i, want, got) => {
    if (want !== got) {
      if (out.differences.length < 5) out.differences.push({ what, case: i, want, got });
      return true;
    }
    out.compared += 1;
    return false;
  };
  const parsed = {};
  for (const [name, ls] of Object.entries(lines)) parsed[name] = ls.map((l) => JSON.parse(l));
  const n = parsed.riasec.length;
  for (let i = 0; i < n; i++) {
    const scored = {};
    for (const name of Object.keys(parsed)) {
      const c = parsed[name][i];
      const s = inst[name].score(c.responses, { language: c.language, policy: c.policy });
      scored[name] = s;
      differ(`${name} report`, i, c.report, s.json);
    }
    const c = parsed.riasec[i];
    if (c.recommendations === null) {
      // No profile natively: the binding must refuse, with a located error.
      let refused = false;
      try {
        new m.Results(scored.riasec);
      } catch (e) {
        refused = e.name === "AssessError" && e.kind === "missing_key";
      }
      differ("riasec no-profile refusal", i, true, refused);
      continue;
    }
    const results = new m.Results(scored.riasec);
    differ("recommendations", i, c.recommendations,
      m.recommendJson(catalog, results, { language: c.language }));
    results.add(scored.aptitude);
    results.add(scored.readiness);
    differ("recommendations with aptitude and readiness", i, c.recommendations_all,
      m.recommendJson(catalog, results, { language: c.language, top: 10 }));
    results.free();
    for (const s of Object.values(scored)) s.free();
  }
  for (const x of Object.values(inst)) x.free();
  catalog.free();
  return out;
}

/**
 * Median time (ms) to score one respondent on the loaded 60-item `riasec`
 * instrument and recommend from `catalog`, through the package `m`: 300
 * warm-up runs, then 100 batches of 20 (browsers round performance.now(),
 * batches beat that). Self-contained: it is also sent to Chromium.
 */
export function timeScoreAndRecommend(m, riasec, catalog) {
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
    const start = performance.now();
    for (let i = 0; i < 20; i++) once();
    times.push((performance.now() - start) / 20);
  }
  times.sort((a, b) => a - b);
  return {
    scoreAndRecommendMedianMs: times[50],
    scoreAndRecommendP10Ms: times[10],
    scoreAndRecommendP90Ms: times[90],
  };
}
