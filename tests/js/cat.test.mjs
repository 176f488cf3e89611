// Adaptive testing through the package: typed objects in and out
// (CatConfig, CatSession, StepOutcome), the same sessions as the native
// engine, value for value (crates/assess-wasm/examples/parity_cases.rs wrote
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

test("start and step take and return plain objects", () => {
  const m = loadPackage();
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  const out = bank.start({ max_items: 8, exposure: { method: "randomesque", candidates: 3 } }, 5);
  assert.deepEqual(Object.keys(out), ["session", "estimate", "next", "stop"]);
  assert.equal(out.stop, null);
  assert.match(out.next.id, /^[A-Z]\d\d$/);
  assert.equal(out.session.pending.id, out.next.id);
  assert.deepEqual(out.session.config.exposure, { method: "randomesque", candidates: 3 });
  assert.equal(out.session.config.max_items, 8);
  assert.equal(typeof out.estimate.theta, "number");
  // No configuration at all: the defaults.
  assert.equal(bank.start(undefined, 5).session.config.max_items, 20);
  assert.deepEqual(bank.start(undefined, 5), bank.start({}, 5));
  // Answers as values: an option key, null or "skipped".
  const next = bank.step(out.session, "B");
  assert.deepEqual(next.session.administered.map((a) => a.item), [out.next.id]);
  const skipped = bank.step(out.session, null);
  assert.equal(skipped.session.administered[0].category, null);
  assert.deepEqual(bank.step(out.session, "skipped"), skipped);
  bank.free();
});

test("a resumed session (stored as JSON text) continues exactly as an uninterrupted one", () => {
  const m = loadPackage();
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  const run = (store) => {
    let out = bank.start({ max_items: 8 }, 99);
    const outs = [out];
    while (out.next) {
      // What a page would do: keep the text, reload, parse it again.
      const session = store ? JSON.parse(JSON.stringify(out.session)) : out.session;
      out = bank.step(session, "B");
      outs.push(out);
    }
    return outs;
  };
  assert.deepEqual(run(true), run(false));
  assert.equal(run(false).at(-1).session.administered.length, 8);
  assert.equal(run(false).at(-1).stop, "max_items");
  bank.free();
});

test("CatBank errors are located AssessError objects", () => {
  const m = loadPackage();
  const isAssessError = (e) => e instanceof m.AssessError && e instanceof Error && e.name === "AssessError";
  // An instrument without IRT parameters has no bank.
  assert.throws(() => new m.CatBank(m.loadInstrument(shipped("riasec.toml"))), (e) =>
    isAssessError(e) && e.kind === "missing_key" && e.path === "irt");
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  // A value of the wrong type is named by its key path (and located in the
  // JSON the object was written as: one line); a value out of range too.
  assert.throws(() => bank.start({ max_items: "ten" }, 1), (e) =>
    isAssessError(e) && e.kind === "invalid_type" && e.path === "config.max_items" &&
    e.line === 1 && e.column === 14 &&
    e.message.includes('invalid type: string "ten", expected a whole number'));
  assert.throws(() => bank.start({ max_items: 0 }, 1), (e) =>
    isAssessError(e) && e.kind === "invalid_value" && e.path === "config.max_items" &&
    e.problems.length === 2);
  assert.throws(() => bank.start({}, -1), (e) => isAssessError(e) && e.path === "seed");
  // The JSON text of the old API is not a configuration.
  assert.throws(() => bank.start('{"max_items": 8}', 1), (e) => isAssessError(e) && e.kind === "invalid_type");
  const out = bank.start({}, 1);
  assert.throws(() => bank.step(JSON.stringify(out.session), "A"), (e) => isAssessError(e) && e.kind === "invalid_type");
  assert.throws(() => bank.step(out.session, "Z"), (e) => isAssessError(e) && e.path === `answers.${out.next.id}`);
  assert.throws(() => bank.step(out.session, undefined), (e) => isAssessError(e) && e.kind === "invalid_type");
  // A session edited or meant for another bank is refused.
  const forged = { ...out.session, bank: { ...out.session.bank, hash: "sha256:00" } };
  assert.throws(() => bank.step(forged, "A"), (e) => isAssessError(e) && e.path.startsWith("session.bank"));
  bank.free();
});

test("the node build draws the bank's information curve as objects", () => {
  const m = loadPackage();
  const bank = new m.CatBank(m.loadInstrument(shipped("aptitude.toml")));
  const curve = bank.informationCurve();
  assert.ok(curve.length > 10);
  assert.deepEqual(Object.keys(curve[0]), ["theta", "information", "se"]);
  assert.equal(curve[0].theta, -4);
  for (const p of curve) assert.ok(Math.abs(p.se - 1 / Math.sqrt(p.information)) < 1e-9);
  bank.free();
});
