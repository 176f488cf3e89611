// Domain scores after an adaptive test through the package
// (`expectedDomainScores`): typed objects, the values checked against the
// 3PL written out here from the instrument file (not the engine's code),
// the bands as the instrument states them, and located AssessErrors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPackage, shipped } from "./common.mjs";

const TOML = shipped("aptitude.toml");

/** Each domain's items' 3PL parameters, read from the instrument file. */
function parameters() {
  const byScale = {};
  for (const block of TOML.split("[[items]]").slice(1)) {
    const scale = block.match(/^scale = "(\w+)"$/m)[1];
    const [, a, b, c] = block.match(/^irt = \{ model = "3pl", a = ([-\d.]+), b = ([-\d.]+), c = ([-\d.]+) \}$/m).map(Number);
    (byScale[scale] ??= []).push({ a, b, c });
  }
  return byScale;
}

/** 100 × the mean of P_i(θ): the expected percent correct (scaling = 1). */
const expectedPomp = (items, theta) =>
  (100 * items.reduce((s, { a, b, c }) => s + c + (1 - c) / (1 + Math.exp(-a * (theta - b))), 0)) / items.length;

test("expectedDomainScores: each domain's expected percent correct, its interval and band", () => {
  const m = loadPackage();
  const inst = m.loadInstrument(TOML);
  const params = parameters();
  const [theta, se] = [0.3, 0.48];
  const domains = m.expectedDomainScores(inst, theta, se, "id");
  assert.deepEqual(domains.map((d) => d.id), ["numerik", "verbal", "klerikal", "logika", "total"]);
  for (const d of domains.slice(0, 4)) {
    assert.equal(d.status, "expected");
    assert.equal(d.items, 10);
    assert.ok(Math.abs(d.pomp - expectedPomp(params[d.id], theta)) < 1e-9, `${d.id}: ${d.pomp}`);
    assert.ok(Math.abs(d.interval.pomp_lower - expectedPomp(params[d.id], theta - 1.96 * se)) < 1e-9);
    assert.ok(Math.abs(d.interval.pomp_upper - expectedPomp(params[d.id], theta + 1.96 * se)) < 1e-9);
    // The band that holds the POMP, cut at 40 and 70 in the instrument.
    const id = d.pomp < 40 ? "perlu_latihan" : d.pomp < 70 ? "cukup" : "baik";
    assert.equal(d.band.id, id);
    assert.equal(typeof d.band.next_step, "string");
    assert.equal(d.band_certain, d.bands.length === 1);
    assert.match(d.basis, /^Perkiraan dari kemampuan umum/);
  }
  const total = domains[4];
  const mean = domains.slice(0, 4).reduce((s, d) => s + d.pomp, 0) / 4;
  assert.ok(Math.abs(total.expected - mean) < 1e-12, "the composite is the mean of the domains' POMP");
  assert.equal(total.band.basis, "score");
  // English texts from the same call in English.
  const en = m.expectedDomainScores(inst, theta, se, "en");
  assert.equal(en[0].name, "Numerical reasoning");
  assert.equal(en[0].pomp, domains[0].pomp);
  inst.free();
});

test("expectedDomainScores: bad θ, SE or language is a located AssessError", () => {
  const m = loadPackage();
  const inst = m.loadInstrument(TOML);
  for (const [theta, se, lang, path, kind] of [
    [NaN, 0.4, "id", "theta", "invalid_value"],
    [Infinity, 0.4, "id", "theta", "invalid_value"],
    [0, -1, "id", "se", "invalid_value"],
    [0, NaN, "id", "se", "invalid_value"],
    [0, 0.4, "fr", "language", "language"],
  ]) {
    assert.throws(
      () => m.expectedDomainScores(inst, theta, se, lang),
      (e) => e instanceof Error && e.name === "AssessError" && e.path === path && e.kind === kind,
      `${theta} ${se} ${lang}`,
    );
  }
  inst.free();
});
