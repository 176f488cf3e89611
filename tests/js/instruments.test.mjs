// The shipped instruments and the job-family catalogue inside the package
// (`@e-makaryo/assess/instruments`): importable from ES modules and
// CommonJS without hosting the TOML, each the repository's file byte for
// byte, and each loads. The package is linked as node_modules so that its
// `exports` map is what resolves the imports.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import zlib from "node:zlib";
import { PKG, shipped } from "./common.mjs";

const NAMES = { riasec: "riasec", aptitude: "aptitude", readiness: "readiness", jobFamilies: "job-families" };

/** Runs `code` as a module file `name` in a directory where the package is installed. */
function run(name, code) {
  const dir = mkdtempSync(join(tmpdir(), "assess-instruments-"));
  try {
    mkdirSync(join(dir, "node_modules", "@e-makaryo"), { recursive: true });
    symlinkSync(PKG, join(dir, "node_modules", "@e-makaryo", "assess"), "dir");
    writeFileSync(join(dir, name), code);
    return execFileSync(process.execPath, [join(dir, name)], { cwd: dir, encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("ES modules import every shipped file as text, and each loads", () => {
  const out = run("check.mjs", `
    import { loadCatalog, loadInstrument } from "@e-makaryo/assess";
    import * as all from "@e-makaryo/assess/instruments";
    import { riasec } from "@e-makaryo/assess/instruments/riasec";
    const loaded = {};
    for (const [name, text] of Object.entries(all)) {
      const file = name === "jobFamilies" ? loadCatalog(text) : loadInstrument(text);
      loaded[name] = [file.id, file.hash];
    }
    console.log(JSON.stringify({ names: Object.keys(all), same: riasec === all.riasec, loaded,
      texts: all }));
  `);
  const r = JSON.parse(out);
  assert.deepEqual(r.names.sort(), Object.keys(NAMES).sort());
  assert.ok(r.same);
  for (const [name, file] of Object.entries(NAMES)) {
    assert.equal(r.texts[name], shipped(`${file}.toml`), `${name} is the repository's file`);
  }
  assert.deepEqual(Object.fromEntries(Object.entries(r.loaded).map(([k, v]) => [k, v[0]])),
    { riasec: "riasec", aptitude: "aptitude", readiness: "readiness", jobFamilies: "job-families-jateng" });
});

test("CommonJS requires them too, and the raw .toml files are exported", () => {
  const out = run("check.cjs", `
    const { loadInstrument } = require("@e-makaryo/assess");
    const { readiness } = require("@e-makaryo/assess/instruments");
    const { aptitude } = require("@e-makaryo/assess/instruments/aptitude");
    const path = require.resolve("@e-makaryo/assess/instruments/riasec.toml");
    console.log(JSON.stringify({ readiness: loadInstrument(readiness).id, aptitude: loadInstrument(aptitude).itemCount,
      toml: require("node:fs").readFileSync(path, "utf8").length }));
  `);
  assert.deepEqual(JSON.parse(out), { readiness: "readiness", aptitude: 40, toml: shipped("riasec.toml").length });
});

test("each module has its declarations, and the package README warns about the aptitude keys", () => {
  for (const file of [...Object.values(NAMES), "index"]) {
    assert.ok(existsSync(join(PKG, "instruments", `${file}.d.ts`)), file);
  }
  assert.equal(readFileSync(join(PKG, "instruments", "job-families.d.ts"), "utf8").includes(
    "export declare const jobFamilies: string;"), true);
  const readme = readFileSync(join(PKG, "README.md"), "utf8");
  assert.match(readme, /answer keys/);
  assert.match(readme, /docs\/server\.md/);
});

test("the web build and the instruments are precompressed, brotli and gzip, losslessly", () => {
  const files = ["web/assess_wasm_bg.wasm", "web/assess_wasm.js", "instruments/riasec.js", "instruments/job-families.toml"];
  for (const f of files) {
    const raw = readFileSync(join(PKG, f));
    assert.deepEqual(zlib.brotliDecompressSync(readFileSync(join(PKG, `${f}.br`))), raw, `${f}.br`);
    assert.deepEqual(zlib.gunzipSync(readFileSync(join(PKG, `${f}.gz`))), raw, `${f}.gz`);
    assert.ok(readFileSync(join(PKG, `${f}.br`)).length < raw.length);
  }
  const size = readFileSync(join(PKG, "SIZE.txt"), "utf8");
  assert.match(size, /^web\/assess_wasm_bg\.wasm +\d+ raw +\d+ \.gz +\d+ \.br$/m);
});
