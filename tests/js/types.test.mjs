// The generated TypeScript definitions compile under --strict and catch
// misuse: a typed usage file must compile against each build's .d.ts, a
// file of mistakes must fail with exactly the expected errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PKG, ROOT } from "./common.mjs";

const TSC = join(ROOT, "node_modules", ".bin", "tsc");
const here = join(ROOT, "tests", "js", "types");

/** Type-checks `source` (with "ASSESS" standing for the build's entry). */
function tsc(source, build) {
  const dir = mkdtempSync(join(tmpdir(), "assess-types-"));
  const file = "check.ts";
  try {
    const src = source.replaceAll('"ASSESS"', JSON.stringify(join(PKG, build, "assess_wasm.js")));
    writeFileSync(join(dir, file), src);
    // wasm-bindgen's classes implement Symbol.dispose: lib esnext.
    const r = spawnSync(TSC, ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext",
      "--moduleResolution", "bundler", "--lib", "esnext,dom", "--types", "", join(dir, file)], { encoding: "utf8" });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const build of ["web", "bundler"]) {
  test(`${build}: typed usage compiles under --strict`, () => {
    const src = readFileSync(join(here, "usage.ts"), "utf8");
    // The bundler build initialises itself: no default `init` export.
    const usage = build === "web" ? src : src.replace("await init();\n", "").replace("init, {", "{");
    const r = tsc(usage, build);
    assert.equal(r.status, 0, r.out);
  });
}

test("misuse does not compile, with the errors expected", () => {
  const r = tsc(readFileSync(join(here, "misuse.ts"), "utf8"), "node");
  assert.notEqual(r.status, 0);
  const codes = [...r.out.matchAll(/error (TS\d+)/g)].map((m) => m[1]);
  // unknown option `sed`; policy "maybe"; number | null into string;
  // respondent_id missing; unknown adaptive-test option `max_item`; a
  // session as JSON text.
  assert.deepEqual(codes, ["TS2561", "TS2322", "TS2322", "TS2345", "TS2561", "TS2345"], r.out);
});
