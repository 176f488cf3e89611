// Offline after the first load: the page, the engine and the shipped files
// are cached on install and served cache-first; a new version of this file
// (CACHE) replaces the cache.
const CACHE = "assess-demo-v2";
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

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
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
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)),
  );
});
