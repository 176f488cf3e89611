// Debian's Chromium, driven by playwright-core (nothing is downloaded),
// with the flags that keep it off the network this machine cannot reach.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function launch() {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Asserts that `page` fits its screen (no sideways scrolling) and that every
 * visible element matching `selector` is at least 44 × 44 px (WCAG 2.5.5).
 */
export async function assertFitsPhone(page, selector) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `page is ${scroll}px wide on a ${width}px screen`);
  const small = await page.$$eval(selector, (els) =>
    els
      .filter((e) => e.offsetParent !== null)
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height < 44 || r.width < 44).length);
  assert.equal(small, 0, "touch targets are at least 44 × 44 px");
}

/**
 * Elements that stick out of their parent box on `page` as it is laid out
 * now (text cut off or drawn over its neighbour: a table wider than its
 * grid column, say), as `tag.class` strings; `[]` when none.
 */
export function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    for (const e of document.body.querySelectorAll("*")) {
      const parent = e.parentElement;
      const ps = getComputedStyle(parent);
      if (ps.display.startsWith("inline") || ps.display === "contents") continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const p = parent.getBoundingClientRect();
      if (r.right > p.right + 0.5 || r.left < p.left - 0.5) out.push(`${e.tagName.toLowerCase()}.${e.className} in ${parent.tagName.toLowerCase()}.${parent.className}`);
    }
    return out;
  });
}

const AXE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "axe-core", "axe.min.js");

/** axe-core's violations on `page`, as `{ id, impact, nodes }` (none is `[]`). */
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

/**
 * A fresh context of `browser` on `url`, once the page says it is ready
 * (`body[data-ready=true]`); `errors` collects page errors and console
 * errors. `onContext(context)` runs before the page opens (to record its
 * requests).
 */
export async function openPage(browser, url, contextOptions = {}, onContext = () => {}) {
  const context = await browser.newContext(contextOptions);
  onContext(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
  return { context, page, errors };
}
