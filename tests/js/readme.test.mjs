// Every ```js example of the package README runs, unchanged, against the
// built package installed as node_modules/@e-makaryo/assess (so the
// package's `exports` map is what resolves the import), with its
// assertions: the README is what users copy.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PKG, ROOT } from "./common.mjs";

const readme = readFileSync(join(PKG, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((b) => b[1]);

test("the package README has runnable examples", () => {
  assert.ok(blocks.length >= 4, `found ${blocks.length}`);
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs`, () => {
    const dir = mkdtempSync(join(tmpdir(), "assess-readme-"));
    try {
      mkdirSync(join(dir, "node_modules", "@e-makaryo"), { recursive: true });
      symlinkSync(PKG, join(dir, "node_modules", "@e-makaryo", "assess"), "dir");
      const file = join(dir, `example-${i + 1}.mjs`);
      writeFileSync(file, code);
      execFileSync(process.execPath, [file], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("npm would publish the six builds, the typings, the instruments, the sizes and the README", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: PKG, encoding: "utf8" });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  for (const build of ["web", "node", "bundler", "interest", "aptitude", "staff"]) {
    for (const f of ["assess_wasm.js", "assess_wasm.d.ts", "assess_wasm_bg.wasm"]) {
      assert.ok(files.includes(`${build}/${f}`), `${build}/${f}`);
    }
  }
  for (const f of ["README.md", "package.json", "SIZE.txt", "web/assess_wasm_bg.wasm.br", "web/assess_wasm_bg.wasm.gz", "interest/assess_wasm_bg.wasm.br", "aptitude/assess_wasm_bg.wasm.br",
    "instruments/index.js", "instruments/index.cjs", "instruments/index.d.ts", "instruments/aptitude.toml",
    "instruments/job-families.js", "instruments/package.json"]) {
    assert.ok(files.includes(f), f);
  }
});
