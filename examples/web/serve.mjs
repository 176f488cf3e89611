// A tiny static server for the demo (no packages needed): serves
// examples/web/ at /, the built package at /pkg/, the shipped instruments
// at /instruments/ and, for the browser tests, the parity cases at
// /parity/. Listens on 127.0.0.1 only.
//
// With an assessment service (`--api`, crates/assess-server) it also passes
// /v1/… and /health through to the service, /v1/health to its /health (the
// aptitude page asks there whether a service is behind it); and it refuses
// what would give the aptitude test's answers away: the aptitude
// instrument (its keys and IRT parameters stay on the service) and the
// parity cases. Without `--api`, /v1/health answers 204 No Content: no
// service here, the aptitude page scores in the browser.
//
//   node examples/web/serve.mjs [PORT] [--api http://127.0.0.1:APIPORT]
//   (default port 8080; 0 for any free port)
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, request } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const MOUNTS = [
  ["/pkg/", process.env.ASSESS_PKG ?? join(root, "pkg")],
  ["/instruments/", join(root, "instruments")],
  ["/parity/", process.env.ASSESS_PARITY ?? join(root, "target", "parity")],
  ["/", here],
];
/** The file a path names, links followed (so no other name reaches a keyed file). */
const real = (file) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};
/** Not served when a service scores: the files that hold answer keys. */
const KEYED = [real(join(root, "instruments", "aptitude.toml"))];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".toml": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".jsonl": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};
/** The request headers passed to the service, and the response headers passed back. */
const REQUEST_HEADERS = ["accept", "authorization", "content-length", "content-type"];
const RESPONSE_HEADERS = ["cache-control", "content-length", "content-type", "retry-after"];

function resolve(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = normalize(decodeURIComponent(urlPath.slice(prefix.length)));
    if (rel.startsWith("..") || rel.includes(`${sep}..`)) return null;
    let file = join(dir, rel);
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
      return file;
    } catch {
      return null;
    }
  }
  return null;
}

const pick = (headers, names) => Object.fromEntries(names.filter((n) => headers[n] !== undefined).map((n) => [n, headers[n]]));

/** Passes one request through to the service at `api` (a URL), body streamed both ways. */
function proxy(req, res, api, path) {
  const upstream = request(
    { host: api.hostname, port: api.port, method: req.method, path, headers: pick(req.headers, REQUEST_HEADERS) },
    (answer) => {
      res.writeHead(answer.statusCode, pick(answer.headers, RESPONSE_HEADERS));
      answer.pipe(res);
    },
  );
  upstream.on("error", (e) => {
    if (res.headersSent) {
      res.destroy(e);
      return;
    }
    const message = `the assessment service at ${api.origin} did not answer: ${e.code ?? e.message}`;
    res
      .writeHead(502, { "content-type": "application/json" })
      .end(`${JSON.stringify({ error: { kind: "unavailable", message, path: "" } })}\n`);
  });
  req.pipe(upstream);
}

/**
 * Starts the server; resolves to `{ server, url }` (its base URL). With
 * `api` (the service's base URL, e.g. `http://127.0.0.1:8081`), passes the
 * service's endpoints through and keeps the keyed files back.
 */
export function serve(port = 8080, { api } = {}) {
  const service = api ? new URL(api) : null;
  const mounts = service ? MOUNTS.filter(([prefix]) => prefix !== "/parity/") : MOUNTS;
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const path = url.pathname;
    if (!service && path === "/v1/health") {
      res.writeHead(204).end();
      return;
    }
    if (service && (path === "/v1/health" || path === "/health")) {
      proxy(req, res, service, "/health");
      return;
    }
    if (service && path.startsWith("/v1/")) {
      proxy(req, res, service, path + url.search);
      return;
    }
    const file = resolve(path, mounts);
    if (!file || (service && KEYED.includes(real(file)))) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(port, "127.0.0.1", () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--api");
  const api = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (at >= 0 && !api) {
    console.error("error: --api needs the service's URL, e.g. --api http://127.0.0.1:8081");
    process.exit(2);
  }
  const { url } = await serve(Number(args[0] ?? 8080), { api });
  console.log(`demo: ${url}  (Ctrl-C to stop)`);
  if (api) console.log(`adaptive aptitude test, scored by the service at ${api}: ${url}aptitude.html`);
}
