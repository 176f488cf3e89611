// The public TypeScript surface: generated declarations for every export,
// typed from the Rust types, and no `any` anywhere.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { PKG, loadPackage } from "./common.mjs";

const builds = ["web", "node", "bundler", "interest", "aptitude", "staff"];
const code = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");

for (const b of builds) {
  test(`${b}: the .d.ts has no \`any\``, () => {
    const dts = code(readFileSync(join(PKG, b, "assess_wasm.d.ts"), "utf8"));
    const hits = dts.split("\n").filter((l) => /\bany\b/.test(l));
    assert.deepEqual(hits, []);
  });
}

test("the front-end builds leave out the staff functions; the interest build the adaptive test, the aptitude build the recommendations", () => {
  const declares = (b) => {
    const dts = readFileSync(join(PKG, b, "assess_wasm.d.ts"), "utf8");
    return [/export function analyzeJson\b/, /^    scoreJson\(/m, /^    informationCurve\(/m,
      /export class CatBank\b/, /export function expectedDomainScores\b/,
      /export class Catalog\b/, /export function recommend\b/, /export class Results\b/,
      /export class Batch\b/].map((r) => r.test(dts));
  };
  const all = [true, true, true, true, true, true, true, true, true];
  const front = [false, false, false, true, true, true, true, true, false];
  assert.deepEqual(
    builds.map((b) => [b, declares(b)]),
    [["web", front], ["node", all], ["bundler", front],
      ["interest", [false, false, false, false, false, true, true, true, false]],
      ["aptitude", [false, false, false, true, true, false, false, false, false]],
      ["staff", all]],
  );
  const size = (b) => readFileSync(join(PKG, b, "assess_wasm_bg.wasm"));
  const gzip = (b) => gzipSync(size(b), { level: 9 }).length;
  for (const b of ["interest", "aptitude"]) {
    assert.ok(size(b).length < size("web").length, `the ${b} build is smaller than the web build`);
    // Issue 19: what a respondent's page loads may not grow above the
    // front end's size at c7eebb5, 418,863 B raw and 171,901 B gzip -9.
    assert.ok(size(b).length <= 418_863, `${b}: ${size(b).length} B raw`);
    assert.ok(gzip(b) <= 171_901, `${b}: ${gzip(b)} B gzip -9`);
  }
  assert.ok(size("web").length < size("staff").length, "the front-end .wasm is smaller than the staff build");
  assert.equal(typeof loadPackage().analyzeJson, "function");
});

test("every runtime export is declared, and the result types are generated", () => {
  const dts = readFileSync(join(PKG, "node", "assess_wasm.d.ts"), "utf8");
  const m = loadPackage();
  for (const name of Object.keys(m)) {
    if (name.startsWith("__")) continue;
    assert.match(dts, new RegExp(`export (declare )?(function|class) ${name}\\b`), name);
  }
  for (const t of ["Report", "ScaleResult", "RiasecProfile", "Recommendations", "Recommendation",
    "ItemView", "OptionView", "InstrumentInfo", "Problem", "ProblemKind", "ResponseSet",
    "ScoreOptions", "ItemOptions", "RecommendOptions", "CatConfig", "CatExposure", "CatContent",
    "CatSession", "CatEstimate", "StepOutcome", "NextItem", "BankRef", "Administered", "StopReason",
    "CatAnswer", "InformationPoint"]) {
    assert.match(dts, new RegExp(`export (interface|type) ${t}\\b`), t);
  }
  assert.match(dts, /export class AssessError extends Error \{/);
  assert.match(dts, /start\(config: CatConfig \| undefined, seed: number\): StepOutcome;/);
  assert.match(dts, /step\(session: CatSession, answer: CatAnswer\): StepOutcome;/);
  assert.match(dts, /informationCurve\(\): InformationPoint\[\];/);
  assert.match(dts, /score\(responses: ResponseSet \| string, options\?: ScoreOptions/);
  assert.match(dts, /items\(lang: string, options\?: ItemOptions.*\): ItemView\[\]/);
});
