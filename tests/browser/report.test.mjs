// The counsellor's report of the command line (`assess report`) on a
// phone screen in headless Chromium: nothing scrolls sideways (wide tables
// and long values such as content hashes wrap), every id is unique, and
// axe-core finds no violation, in Bahasa Indonesia and English.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { axe, launch } from "./chromium.mjs";
import { ROOT } from "../js/common.mjs";

const BINARY = join(ROOT, "target", "debug", "assess");
const OUT = join(ROOT, "target", "browser");
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(BINARY)) execFileSync("cargo", ["build", "-q", "-p", "assess-cli"], { cwd: ROOT, stdio: "inherit" });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The three-instrument report of one persona, written to target/browser/. */
function report(lang) {
  const r = join(ROOT, "examples", "responses");
  const i = join(ROOT, "instruments");
  const html = execFileSync(BINARY, [
    "report", "--respondent", "rembang-siti", "--lang", lang,
    "-i", join(i, "riasec.toml"), "-r", join(r, "riasec-personas.json"),
    "-i", join(i, "aptitude.toml"), "-r", join(r, "aptitude-personas.csv"),
    "-i", join(i, "readiness.toml"), "-r", join(r, "readiness-personas.json"),
    "--catalog", join(i, "job-families.toml"),
  ], { encoding: "utf8" });
  const file = join(OUT, `report-${lang}.html`);
  writeFileSync(file, html);
  return file;
}

for (const lang of ["id", "en"]) {
  test(`the ${lang} report fits a 360 px phone screen, with unique ids and no axe violation`, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(report(lang)).href);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the report is ${width} px wide on a 360 px screen`);
    const ids = await page.$$eval("[id]", (els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, `repeated ids: ${ids}`);
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}
