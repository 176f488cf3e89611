// Offline after the first load: the page, the engine and the shipped files
// are cached on install and served cache-first; a new version of this file
// (CACHE) replaces the cache.
//
// Each file is cached on its own, and one that cannot be fetched does not
// stop the others: behind an assessment service (examples/web/serve.mjs
// --api) the aptitude instrument, whose answer keys stay on the service, is
// refused with 404 and simply not cached. The service's own answers
// (/v1/, /health) are never cached: they go to the network every time.
const CACHE = "assess-demo-v3";
const FILES = [
  "./",
  "./index.html",
  "./style.css",
  "./app.js",
  "./ui.js",
  "./aptitude.html",
  "./aptitude.js",
  "./pkg/web/assess_wasm.js",
  "./pkg/web/assess_wasm_bg.wasm",
  "./instruments/riasec.toml",
  "./instruments/aptitude.toml",
  "./instruments/job-families.toml",
];
const SCOPE = new URL(self.registration.scope).pathname;
const LIVE = [`${SCOPE}v1/`, `${SCOPE}health`];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => Promise.allSettled(FILES.map((f) => c.add(f))))
      .then((results) => {
        const missed = FILES.filter((_, i) => results[i].status === "rejected");
        if (missed.length) console.warn(`not cached for offline use: ${missed.join(", ")}`);
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const path = new URL(event.request.url).pathname;
  if (LIVE.some((p) => path.startsWith(p))) return;
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)),
  );
});
