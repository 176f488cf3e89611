// Builds the counsellor console into a folder, as a static host serves it
// (examples/web/serve.mjs serves it at /console/; `node
// examples/console/site.mjs OUT_DIR` writes one to copy onto a PC or a
// static host):
//
// - the page, its scripts and style sheet;
// - the staff build of the WebAssembly package (pkg/staff: the batch
//   reader, the report and summary pages), which worker.js loads;
// - the shipped instruments and the job-family catalogue (the aptitude
//   instrument holds its answer keys: the console is a staff tool, on the
//   counsellor's PC);
// - each also precompressed (`.br`, brotli 11, and `.gz`, gzip -9);
// - sw.js with every file listed and its cache named after their content,
//   so the console works offline after its first load and a changed file
//   replaces the offline copy.
//
//   node examples/console/site.mjs OUT_DIR
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { precompress } from "../web/site.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const FILES = ["index.html", "style.css", "console.js", "text.js", "worker.js"];
const INSTRUMENTS = ["riasec.toml", "aptitude.toml", "readiness.toml", "job-families.toml"];
const COMPRESS = /\.(html|js|css|wasm|toml)$/;

/** Builds the console into `out` (a new temporary folder when not given); resolves to the folder. */
export async function buildConsole({ out, pkg = process.env.ASSESS_PKG ?? join(root, "pkg") } = {}) {
  out ??= mkdtempSync(join(tmpdir(), "assess-console-"));
  const staff = join(pkg, "staff");
  if (!existsSync(join(staff, "assess_wasm.js"))) throw new Error(`${staff}/assess_wasm.js is missing: run scripts/build-wasm`);
  const written = [];
  const copy = (from, rel) => {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    copyFileSync(from, join(out, rel));
    written.push(rel);
  };
  for (const f of FILES) copy(join(here, f), f);
  for (const f of readdirSync(staff, { recursive: true })) {
    if (/\.(js|wasm)$/.test(f)) copy(join(staff, f), `pkg/staff/${f}`);
  }
  for (const f of INSTRUMENTS) copy(join(root, "instruments", f), `instruments/${f}`);
  const hashes = written.filter((f) => COMPRESS.test(f)).map((f) => precompress(join(out, f)));
  const version = createHash("sha256").update(hashes.join()).digest("hex").slice(0, 16);
  const files = ["./", ...written.filter((f) => f !== "index.html").map((f) => `./${f}`)];
  const sw = readFileSync(join(here, "sw.js"), "utf8")
    .replace(/const CACHE = "[^"]*";/, `const CACHE = "assess-console-${version}";`)
    .replace(/const FILES = \[[^\]]*\];/, () => `const FILES = ${JSON.stringify(files)};`);
  writeFileSync(join(out, "sw.js"), sw);
  precompress(join(out, "sw.js"));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node examples/console/site.mjs OUT_DIR");
    process.exit(2);
  }
  console.log(`counsellor console: ${await buildConsole({ out })}`);
}
