// Offline after the first load: the pages, the interest page's engine and
// the shipped files are cached on install and served cache-first, and the
// aptitude page's engine and instrument when that page first loads them; a new version of this file
// (CACHE, which examples/web/site.mjs names after the content of the site)
// replaces the cache.
//
// Installing does not download the page's files a second time: the server
// sends them with validators (ETag, `cache-control: no-cache`), so the
// install's requests for what the page already fetched are answered from
// the browser's HTTP cache after a 304 (a few hundred bytes each). A file
// fetched later that was not cached on install is cached when it passes.
//
// Each file is cached on its own, and one that cannot be fetched does not
// stop the others: behind an assessment service (examples/web/serve.mjs
// --api) the aptitude instrument, whose answer keys stay on the service, is
// refused with 404 and simply not cached. The service's own answers
// (/v1/, /health) are never cached: they go to the network every time.
const CACHE = "assess-demo-v3";
// Every file of the site; examples/web/site.mjs writes the list when it
// builds the site (this one is what the source folder has).
const FILES = ["./", "./style.css", "./app.js", "./interest-text.js", "./ui.js", "./aptitude.html", "./aptitude.js"];
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
  // The page under both of its names is one cache entry.
  const request = path.endsWith("/index.html") ? new Request(path.slice(0, -"index.html".length)) : event.request;
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then(
      (hit) =>
        hit ??
        fetch(event.request).then((response) => {
          if (response.ok && new URL(event.request.url).origin === self.location.origin) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((c) => c.put(request, copy)));
          }
          return response;
        }),
    ),
  );
});
