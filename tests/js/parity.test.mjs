// Proof of identical results, Node half: ≥1,000 seeded response sets per
// shipped instrument, scored natively (crates/assess-wasm/examples/
// parity_cases.rs wrote the expected JSON) and here in WebAssembly; every
// report and every recommendation list must be the same bytes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { INSTRUMENTS, compareParity, loadPackage, parityCases, shipped } from "./common.mjs";

test("WebAssembly in Node gives the native engine's JSON, byte for byte", () => {
  const m = loadPackage();
  const texts = {};
  const lines = {};
  for (const name of INSTRUMENTS) {
    texts[name] = shipped(`${name}.toml`);
    lines[name] = parityCases(name);
    assert.ok(lines[name].length >= 1000, `${name}: at least 1,000 cases`);
  }
  const result = compareParity(m, texts, shipped("job-families.toml"), lines);
  assert.deepEqual(result.differences, []);
  // 3 reports per respondent plus the interest recommendations.
  assert.ok(result.compared >= 3 * lines.riasec.length, `compared ${result.compared}`);
  console.log(`parity (Node): ${result.compared} JSON texts identical`);
});
