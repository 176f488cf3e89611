// Shared by the Node and browser suites: where the package, the parity
// cases and the shipped files are, and the parity comparison itself (the
// same function runs in Node and, as source text, in Chromium).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PKG = process.env.ASSESS_PKG ?? join(ROOT, "pkg");
export const PARITY = process.env.ASSESS_PARITY ?? join(ROOT, "target", "parity");
export const INSTRUMENTS = ["riasec", "aptitude", "readiness"];

/**
 * The command line's debug binary as the working tree has it: built first
 * (a no-op when current), so that a test never compares with a stale one.
 */
export function buildCli() {
  execFileSync("cargo", ["build", "-q", "-p", "assess-cli"], { cwd: ROOT, stdio: "inherit" });
  return join(ROOT, "target", "debug", "assess");
}

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
 * instrument and recommend from `catalog`, through the package `m`: 3,000
 * warm-up runs, then 100 batches of 20 (browsers round performance.now(),
 * batches beat that). Self-contained: it is also sent to Chromium.
 *
 * The warm-up is long enough for V8's optimising tier: V8 first compiles
 * WebAssembly with its baseline compiler and recompiles hot functions in
 * the background. After 300 runs (about 25 ms) that was not done, and the
 * median mixed both tiers (75-95 µs in Chromium against 60 µs after 3,000
 * runs; BENCHMARKS.md).
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
  for (let i = 0; i < 3000; i++) once();
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

/** The adaptive-session parity cases (`cat.jsonl`), one object per line. */
export function catCases() {
  const path = join(PARITY, "cat.jsonl");
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run cargo run --release -p assess-wasm --example parity_cases -- target/parity`,
    );
  }
  return readFileSync(path, "utf8").trimEnd().split("\n");
}

/**
 * Replays every native adaptive session with the package `m`: the same
 * configuration, seed and answers, each step fed the session this side
 * returned (as a page would store it: stringified and parsed again), and
 * compares every outcome with the native one's JSON text, value for value
 * (both as JSON.stringify writes the parsed values: every number must be
 * the same double). Self-contained: it is also sent to Chromium.
 */
export function compareCatParity(m, aptitudeText, lines) {
  const instrument = m.loadInstrument(aptitudeText);
  const bank = new m.CatBank(instrument);
  const out = { sessions: 0, compared: 0, differences: [] };
  for (const [i, line] of lines.entries()) {
    const c = JSON.parse(line);
    let got = bank.start(JSON.parse(c.config), c.seed);
    const check = (k) => {
      const want = JSON.stringify(JSON.parse(c.outcomes[k]));
      const have = JSON.stringify(got);
      if (have === want) {
        out.compared += 1;
        return true;
      }
      if (out.differences.length < 3) out.differences.push({ session: i, step: k, want, got: have });
      return false;
    };
    let same = check(0);
    for (const [k, answer] of c.answers.entries()) {
      if (!same) break;
      got = bank.step(JSON.parse(JSON.stringify(got.session)), JSON.parse(answer));
      same = check(k + 1);
    }
    if (same && got.next !== null) {
      out.differences.push({ session: i, error: "the native session stopped, this one did not" });
    }
    out.sessions += 1;
  }
  bank.free();
  instrument.free();
  return out;
}

/**
 * An aptitude-shaped instrument with `n` generated 2PL items (a = 0.8 + 1.2u,
 * b ~ N(0, 1) from a fixed linear congruential generator, seed 2026), for
 * timing adaptive steps on a large bank: synthetic, not items anyone
 * answers. Self-contained: it is also sent to Chromium.
 */
export function syntheticBankToml(aptitudeText, n) {
  let seed = 2026;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const scales = ["numerik", "verbal", "klerikal", "logika"];
  let toml = aptitudeText.slice(0, aptitudeText.indexOf("[[items]]"));
  for (let i = 0; i < n; i++) {
    const a = 0.8 + 1.2 * rand();
    const b = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
    const s = scales[i % 4];
    toml += `[[items]]\nid = "X${i}"\nscale = "${s}"\nformat = "pilihan4"\ndomain = "${s}"\n` +
      `text = { id = "Soal ${i}", en = "Question ${i}" }\n` +
      `options = [{ key = "A", text = { id = "a${i}", en = "a${i}" } }, { key = "B", text = { id = "b${i}", en = "b${i}" } }]\n` +
      `key = "A"\nirt = { model = "2pl", a = ${a}, b = ${b} }\n\n`;
  }
  return toml;
}

/**
 * Median time (µs) of one adaptive step — `CatBank.step(session, answer)`:
 * update the estimate and select the next item, objects in and out (the
 * session crosses as JSON both ways) — on the 500-item `syntheticBankToml`
 * bank after 10 answers: 200 warm-up calls, then 100 batches of 20.
 * Self-contained: it is also sent to Chromium.
 */
export function timeCatStep(m, bankToml) {
  const bank = new m.CatBank(m.loadInstrument(bankToml));
  let out = bank.start({ max_items: 60, target_se: null }, 7);
  for (let i = 0; i < 10; i++) out = bank.step(out.session, i % 2 ? "A" : "B");
  const session = out.session;
  for (let i = 0; i < 200; i++) bank.step(session, "A");
  const times = [];
  for (let b = 0; b < 100; b++) {
    const start = performance.now();
    for (let i = 0; i < 20; i++) bank.step(session, "A");
    times.push(((performance.now() - start) / 20) * 1000);
  }
  times.sort((x, y) => x - y);
  const items = bank.itemCount;
  bank.free();
  return { catBankItems: items, catStepMedianUs: times[50], catStepP10Us: times[10], catStepP90Us: times[90] };
}
