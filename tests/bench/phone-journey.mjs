// The phone journey's goals (BENCHMARKS.md, "A job seeker's phone"),
// measured as a person meets them: the demo site as served (examples/web/
// serve.mjs: precompressed, with validators), headless Chromium with a
// 360 × 740 phone screen, the CPU slowed 4× and the network throttled
// with DevTools' presets (Chrome DevTools' own figures):
//
//   Slow 3G: 2,000 ms latency, 400 kbit/s down and up
//   Fast 3G: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up
//
// For each profile, N first visits (each a new browser context: empty
// HTTP cache, no service worker) and a repeat visit after each (the
// service worker installed). Reported per visit:
//
// - firstQuestionMs: from the navigation's start to the first frame in
//   which the first question's text is laid out on the screen (a
//   requestAnimationFrame loop from the document's start: frames run only
//   once the page may render, so a render-blocking file delays it too);
// - readyMs: when the engine had loaded and the page could score
//   (`body[data-ready]`);
// - bytes: the response bodies the server sent for the visit, the service
//   worker's install included (serve.mjs counts them).
//
// Prints JSON with the medians and every sample, and a line per network
// and visit on standard error; never asserts.
//
//   node tests/bench/phone-journey.mjs [RUNS]     (default 5)
import { serve } from "../../examples/web/serve.mjs";
import { launch } from "../browser/chromium.mjs";

const runs = Number(process.argv[2] ?? 5);
const PROFILES = {
  "Slow 3G": { latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 },
  "Fast 3G": { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 },
};
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const CPU_SLOWDOWN = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Records, in the page, the first frame that shows a question (`window.__firstQuestion`). */
const WATCH = () => {
  const look = () => {
    const text = document.querySelector("#items .text");
    const box = text?.getBoundingClientRect();
    if (box && box.width > 0 && box.top < window.innerHeight && getComputedStyle(text).visibility !== "hidden") {
      window.__firstQuestion = Math.round(performance.now());
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

/** Times one visit of `page` (already throttled) to `url`. */
async function visit(page, url, reload) {
  if (reload) await page.reload({ waitUntil: "commit" });
  else await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__firstQuestion !== undefined && document.body?.dataset.ready === "true", null, {
    timeout: 120_000,
    polling: 100,
  });
  return page.evaluate(() => ({
    firstQuestionMs: window.__firstQuestion,
    readyMs: Math.round(window.assessDemo?.readyAt ?? NaN),
  }));
}

const { server, url } = await serve(0);
const browser = await launch();
const results = {};
try {
  for (const [name, network] of Object.entries(PROFILES)) {
    const first = [];
    const repeat = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext(PHONE);
      await context.addInitScript(WATCH);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...network });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      const before = server.stats.bytes;
      const visit1 = await visit(page, url, false);
      // Let the service worker install (it fetches what is not cached yet).
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
        }
        return reg.active?.state;
      });
      visit1.bytes = server.stats.bytes - before;
      first.push(visit1);
      const before2 = server.stats.bytes;
      const visit2 = await visit(page, url, true);
      visit2.bytes = server.stats.bytes - before2;
      repeat.push(visit2);
      await context.close();
    }
    const summary = (xs) => ({
      firstQuestionMs: median(xs.map((x) => x.firstQuestionMs)),
      readyMs: median(xs.map((x) => x.readyMs)),
      bytes: median(xs.map((x) => x.bytes)),
      samples: xs,
    });
    results[name] = { first: summary(first), repeat: summary(repeat) };
  }
} finally {
  await browser.close();
  server.close();
}
for (const [net, v] of Object.entries(results)) {
  for (const [visit, x] of Object.entries(v)) {
    console.error(`${net} ${visit.padEnd(6)} visit: first question ${x.firstQuestionMs} ms, engine ready ${x.readyMs} ms, ${x.bytes} B sent (median of ${runs})`);
  }
}
console.log(JSON.stringify({ runs, cpuSlowdown: CPU_SLOWDOWN, screen: "360x740", results }, null, 2));
