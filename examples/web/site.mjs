// Builds the demo site into a folder, as a static host would serve it:
//
// - index.html carries the first page of questions (rendered with the
//   same ui.js function the page uses, from the engine's item view) and
//   the style sheet inline, so the first question needs one request;
// - the pages, scripts, the front-end package (pkg/interest for the
//   interest page, pkg/aptitude for the aptitude page) and the shipped
//   instruments, each also precompressed (`.br`, brotli quality 11, and
//   `.gz`, gzip -9), which serve.mjs (or any static host configured for
//   precompressed files) sends to browsers that accept them;
// - sw.js with its cache named after the content, so a changed file
//   replaces the offline copy.
//
// `forService`: the site in front of an assessment service, without the
// aptitude instrument (its answer keys stay on the service).
//
//   node examples/web/site.mjs OUT_DIR [--service]
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const PAGES = ["index.html", "aptitude.html"];
const SCRIPTS = ["app.js", "interest-text.js", "ui.js", "aptitude.js"];
/** What of the package's web build a page loads: its modules (snippets included) and the engine. */
const PACKAGE = /\.(js|wasm)$/;
const INSTRUMENTS = ["riasec.toml", "job-families.toml", "aptitude.toml"];
/** What is sent compressed: everything but what is already small. */
const COMPRESS = /\.(html|js|css|wasm|toml|json|svg)$/;
/** The first page of the interest questionnaire, as the HTML carries it. */
const FIRST = { lang: "id", form: "pendek" };

// ---------------------------------------------------------------- markup

const VOID = new Set(["input", "img", "br", "meta", "link"]);
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeText(s).replace(/"/g, "&quot;");

/** Just enough of the DOM for ui.js's `el`, `radio` and `itemEntry`. */
class Element {
  constructor(tag) {
    this.tag = tag;
    this.attrs = new Map();
    this.children = [];
    this.checked = false;
  }
  setAttribute(k, v) {
    this.attrs.set(k, String(v));
  }
  set textContent(v) {
    this.children = [String(v)];
  }
  append(...nodes) {
    this.children.push(...nodes);
  }
  get outerHTML() {
    const attrs = [...this.attrs].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
    const checked = this.checked ? " checked" : "";
    if (VOID.has(this.tag)) return `<${this.tag}${attrs}${checked}>`;
    const inner = this.children.map((c) => (typeof c === "string" ? escapeText(c) : c.outerHTML)).join("");
    return `<${this.tag}${attrs}${checked}>${inner}</${this.tag}>`;
  }
}

/** Runs `render` with the small DOM above as `document`; returns its HTML. */
async function renderStatic(render) {
  const saved = globalThis.document;
  globalThis.document = { createElement: (tag) => new Element(tag) };
  try {
    const nodes = await render();
    return nodes.map((n) => (typeof n === "string" ? escapeText(n) : n.outerHTML)).join("");
  } finally {
    globalThis.document = saved;
  }
}

/**
 * index.html with its first page filled in from the engine's item view
 * (the Node build of the package at `pkg`).
 */
async function firstPage(pkg) {
  const engine = join(pkg, "node", "assess_wasm.js");
  if (!existsSync(engine)) throw new Error(`${engine} is missing: run scripts/build-wasm`);
  const { loadInstrument } = createRequire(import.meta.url)(engine);
  const ui = await import("./ui.js");
  const { PAGE_SIZE, UI } = await import("./interest-text.js");
  const instrument = loadInstrument(readFileSync(join(root, "instruments", "riasec.toml"), "utf8"));
  const info = instrument.info(FIRST.lang);
  const items = instrument.items(FIRST.lang, { form: FIRST.form });
  const text = UI[FIRST.lang];
  const html = {
    instructions: escapeText(info.instructions ?? ""),
    counter: escapeText(text.counter(1, Math.ceil(items.length / PAGE_SIZE))),
    answered: escapeText(text.answered(0, items.length)),
    forms: await renderStatic(() =>
      info.forms.map((f) =>
        ui.el("label", { class: "choice" },
          ui.radio("form", f.id, f.id === FIRST.form),
          ui.el("span", { text: text.formLabel(f.item_count) })))),
    items: await renderStatic(() => items.slice(0, PAGE_SIZE).map((item) => ui.itemEntry(item, undefined))),
  };
  instrument.free();
  let page = readFileSync(join(here, "index.html"), "utf8");
  for (const [key, value] of Object.entries(html)) {
    const marker = `<!--prerender:${key}-->`;
    if (!page.includes(marker)) throw new Error(`index.html has no ${marker}`);
    page = page.replace(marker, () => value);
  }
  return page
    .replace('<ol id="items" class="items">', `<ol id="items" class="items" data-prerendered="${FIRST.lang}/${FIRST.form}/0">`)
    .replace('<progress id="progress" max="30"', `<progress id="progress" max="${items.length}"`);
}

/** The style sheet inline in place of its link. */
const inlineStyle = (html, css) =>
  html.replace('<link rel="stylesheet" href="style.css">', () => `<style>\n${css}</style>`);

// ---------------------------------------------------------------- output

const CACHE_DIR = join(tmpdir(), "assess-site-compressed");

/**
 * Writes `file.br` and `file.gz` beside `file`, kept by content hash
 * (brotli 11 of the engine takes about a second); returns the hash. The
 * counsellor console's site builder uses it too.
 */
export function precompress(file) {
  const body = readFileSync(file);
  const hash = createHash("sha256").update(body).digest("hex");
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const [ext, make] of [
    [".br", () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
    [".gz", () => gzipSync(body, { level: 9 })],
  ]) {
    const cached = join(CACHE_DIR, hash + ext);
    if (!existsSync(cached)) writeFileSync(cached, make());
    copyFileSync(cached, file + ext);
  }
  return hash;
}

/**
 * Builds the site into `out` (a new temporary folder when not given);
 * resolves to the folder.
 */
export async function buildSite({ out, pkg = process.env.ASSESS_PKG ?? join(root, "pkg"), forService = false } = {}) {
  out ??= mkdtempSync(join(tmpdir(), "assess-site-"));
  mkdirSync(join(out, "pkg"), { recursive: true });
  mkdirSync(join(out, "instruments"), { recursive: true });
  const css = readFileSync(join(here, "style.css"), "utf8");
  const written = [];
  const write = (rel, body) => {
    writeFileSync(join(out, rel), body);
    written.push(rel);
  };
  const copy = (from, rel) => {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    copyFileSync(from, join(out, rel));
    written.push(rel);
  };
  write("index.html", inlineStyle(await firstPage(pkg), css));
  for (const p of PAGES.slice(1)) write(p, inlineStyle(readFileSync(join(here, p), "utf8"), css));
  for (const s of SCRIPTS) copy(join(here, s), s);
  // Each page loads the package's build made for it: the interest page
  // `interest` (no adaptive test), the aptitude page `aptitude` (no
  // catalogue or recommendations); the `web` build, which has both, is for
  // pages that need both at once, and none here does.
  for (const build of ["interest", "aptitude"]) {
    const dir = join(pkg, build);
    for (const f of readdirSync(dir, { recursive: true })) {
      if (PACKAGE.test(f)) copy(join(dir, f), `pkg/${build}/${f}`);
    }
  }
  for (const f of INSTRUMENTS) {
    if (forService && f === "aptitude.toml") continue;
    copy(join(root, "instruments", f), `instruments/${f}`);
  }
  const hashes = written.filter((f) => COMPRESS.test(f)).map((f) => precompress(join(out, f)));
  const version = createHash("sha256").update(hashes.join()).digest("hex").slice(0, 16);
  // Installed with the service worker: every file but the aptitude page's
  // engine and instrument, which are cached when that page first loads
  // them (a person who only answers the interest questionnaire never
  // downloads the adaptive engine).
  const later = (f) => f === "index.html" || f.startsWith("pkg/aptitude/") || f === "instruments/aptitude.toml";
  const files = ["./", ...written.filter((f) => !later(f)).map((f) => `./${f}`)];
  const sw = readFileSync(join(here, "sw.js"), "utf8")
    .replace(/const CACHE = "[^"]*";/, `const CACHE = "assess-demo-${version}";`)
    .replace(/const FILES = \[[^\]]*\];/, () => `const FILES = ${JSON.stringify(files)};`);
  write("sw.js", sw);
  precompress(join(out, "sw.js"));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const forService = args.includes("--service");
  const out = args.find((a) => !a.startsWith("--"));
  if (!out) {
    console.error("usage: node examples/web/site.mjs OUT_DIR [--service]");
    process.exit(2);
  }
  console.log(`demo site: ${await buildSite({ out, forService })}`);
}
