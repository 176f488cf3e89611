// Every ```js example of the package README runs, against the built
// package, with its assertions (the README is what users copy).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
      const entry = join(PKG, "node", "assess_wasm.js");
      const src = code.replaceAll('from "@e-makaryo/assess"', `from ${JSON.stringify(entry)}`);
      assert.ok(!src.includes("@e-makaryo/assess"), "only the package's main entry is used");
      const file = join(dir, `example-${i + 1}.mjs`);
      writeFileSync(file, src);
      execFileSync(process.execPath, [file], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
