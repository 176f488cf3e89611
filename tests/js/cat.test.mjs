// Adaptive testing through the package: the same sessions as the native
// engine, byte for byte (crates/assess-wasm/examples/parity_cases.rs wrote
// them), and the CatBank's errors as located AssessError objects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { catCases, compareCatParity, loadPackage, shipped } from "./common.mjs";

test("adaptive sessions in WebAssembly (Node) equal the native ones, step by step", () => {
  const m = loadPackage();
  const lines = catCases();
  assert.ok(lines.length >= 1000, "at least 1,000 sessions");
  const r = compareCatParity(m, shipped("aptitude.toml"), lines);
  assert.deepEqual(r.differences, []);
  assert.equal(r.sessions, lines.length);
  // Every session has its start and at least three steps.
  assert.ok(r.compared >= 4 * lines.length, `compared ${r.compared}`);
  console.log(`adaptive parity (Node): ${r.sessions} sessions, ${r.compared} outcomes identical`);
});

test("a resumed session (stored as JSON text) continues exactly as an uninterrupted one", () => {
  const m = loadPackage();
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  const run = (store) => {
    let out = bank.start('{"max_items":8}', 99);
    const outs = [out];
    while (JSON.parse(out).next) {
      const session = JSON.stringify(JSON.parse(out).session);
      // What a page would do: keep the text, reload, parse it again.
      out = bank.step(store ? JSON.parse(JSON.stringify(session)) : session, '"B"');
      outs.push(out);
    }
    return outs;
  };
  assert.deepEqual(run(true), run(false));
  assert.equal(JSON.parse(run(false).at(-1)).session.administered.length, 8);
  bank.free();
});

test("CatBank errors are located AssessError objects", () => {
  const m = loadPackage();
  // An instrument without IRT parameters has no bank.
  assert.throws(() => new m.CatBank(m.loadInstrument(shipped("riasec.toml"))), (e) =>
    e instanceof Error && e.name === "AssessError" && e.kind === "missing_key" && e.path === "irt");
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  // A malformed configuration is located by its key path and the line and
  // column where the wrong value starts; a value out of range by its path.
  assert.throws(() => bank.start('{"max_items": "ten"}', 1), (e) =>
    e.name === "AssessError" && e.kind === "invalid_type" && e.path === "config.max_items" &&
    e.line === 1 && e.column === 15 &&
    e.message.includes('invalid type: string "ten", expected a whole number'));
  assert.throws(() => bank.start('{"max_items": 0}', 1), (e) =>
    e.name === "AssessError" && e.kind === "invalid_value" && e.path === "config.max_items" &&
    e.problems.length === 2);
  assert.throws(() => bank.start("{}", -1), (e) => e.name === "AssessError" && e.path === "seed");
  const out = JSON.parse(bank.start("{}", 1));
  assert.throws(() => bank.step("{not json", '"A"'), (e) => e.name === "AssessError" && e.line === 1);
  assert.throws(() => bank.step(JSON.stringify(out.session), '"Z"'), (e) => e.name === "AssessError");
  // A session edited or meant for another bank is refused.
  const forged = { ...out.session, bank: { ...out.session.bank, hash: "sha256:00" } };
  assert.throws(() => bank.step(JSON.stringify(forged), '"A"'), (e) => e.name === "AssessError");
  bank.free();
});
