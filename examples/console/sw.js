// The console offline after its first load: its page, scripts, the staff
// build of the engine and the shipped instruments are cached on install
// and served cache-first; a new version of this file (CACHE, which
// examples/console/site.mjs names after the content of the console's
// files) replaces the cache. Scope: the console's folder only.
//
// The counsellor's files never pass through here: the page reads them with
// File.text() and the worker scores them in memory; nothing the console
// does sends them anywhere.
const CACHE = "assess-console-dev";
// Every file of the console; examples/console/site.mjs writes the list when
// it builds the site (this one is what the source folder has).
const FILES = ["./", "./style.css", "./console.js", "./text.js", "./worker.js"];

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
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("assess-console-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  // Blob URLs (reports, exports) and other origins are not the console's files.
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  const request = path.endsWith("/index.html") ? new Request(path.slice(0, -"index.html".length)) : event.request;
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then(
      (hit) =>
        hit ??
        fetch(event.request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((c) => c.put(request, copy)));
          }
          return response;
        }),
    ),
  );
});
