// Debian's Chromium, driven by playwright-core (nothing is downloaded),
// with the flags that keep it off the network this machine cannot reach.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
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
