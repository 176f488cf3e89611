// Instrument analysis through the package: the same JSON as the native
// engine (crates/assess-wasm/examples/parity_cases.rs wrote it from the
// shipped synthetic samples), and bad input as located AssessError objects.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PARITY, loadPackage, shipped } from "./common.mjs";

test("analyzeJson in WebAssembly (Node) gives the native analysis, byte for byte", () => {
  const m = loadPackage();
  const path = join(PARITY, "analysis.jsonl");
  assert.ok(existsSync(path), `${path} is missing: run the parity_cases example`);
  const cases = readFileSync(path, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(cases.length, 2);
  for (const c of cases) {
    const inst = m.loadInstrument(shipped(`${c.instrument}.toml`));
    const got = m.analyzeJson(inst, c.responses, c.group, c.options);
    assert.equal(got, c.analysis, `${c.instrument} by ${c.group}`);
    const a = JSON.parse(got);
    assert.equal(a.respondents, 2000);
    assert.ok(a.scales.length >= 4);
    inst.free();
  }
});

test("analyzeJson refuses bad input with located errors", () => {
  const m = loadPackage();
  const inst = m.loadInstrument(shipped("aptitude.toml"));
  const one = JSON.stringify([{ respondent_id: "a", answers: { N01: "B" }, metadata: { gender: "perempuan" } }]);
  assert.throws(() => m.analyzeJson(inst, "[{", null, "{}"), (e) =>
    e.name === "AssessError" && e.kind === "syntax" && e.line === 1);
  assert.throws(() => m.analyzeJson(inst, one, null, '{"min_grup": 5}'), (e) =>
    e.name === "AssessError" && e.kind === "unknown_key" && /min_grup/.test(e.message));
  assert.throws(() => m.analyzeJson(inst, "[]", null, "{}"), (e) =>
    e.name === "AssessError" && e.kind === "empty");
  assert.throws(() => m.analyzeJson(inst, one, "district", "{}"), (e) =>
    e.name === "AssessError" && typeof e.path === "string" && e.problems.length >= 1);
  inst.free();
});
