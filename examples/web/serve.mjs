// A tiny static server for the demo (no packages needed): builds the site
// (examples/web/site.mjs: the pages with their first screen inline, the
// front-end package, the shipped instruments, each precompressed) and
// serves it at /, and, for the browser tests, the parity cases at
// /parity/ and every shipped instrument at /instruments/ (not behind a
// service), and the counsellor console (examples/console/site.mjs) at
// /console/. Listens on 127.0.0.1 only.
//
// Like a static host configured for precompressed files, it sends
// `file.br` or `file.gz` to a browser that accepts them (`vary:
// accept-encoding`), with an ETag and `cache-control: no-cache`, and
// answers a request whose `if-none-match` matches with 304 and no body.
// `server.stats` counts requests and the bytes of response bodies sent
// (scripts/bench-phone reports them).
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
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, realpathSync, statSync } from "node:fs";
import { createServer, request } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "./site.mjs";
import { buildConsole } from "../console/site.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const PARITY = ["/parity/", process.env.ASSESS_PARITY ?? join(root, "target", "parity")];
/** For the browser tests' parity cases: every shipped instrument, also those no page uses. */
const ALL_INSTRUMENTS = ["/instruments/", join(root, "instruments")];
/** The file a path names, links followed (so no other name reaches a keyed file). */
const real = (file) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};
/** Not served when a service scores: the files that hold answer keys (also left out of its site). */
const KEYED = ["aptitude.toml"];
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
      // not in this mount: the next one that serves the path, if any
    }
  }
  return null;
}

/** The precompressed variant of `file` the request accepts: `[path, encoding]`. */
function variant(req, file) {
  const accepted = String(req.headers["accept-encoding"] ?? "");
  for (const [encoding, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
    try {
      statSync(file + ext);
      return [file + ext, encoding];
    } catch {
      // not precompressed: the next, or the file itself
    }
  }
  return [file, null];
}

/** A strong validator of one file's bytes, computed once per path and modification time. */
const etags = new Map();
function etag(file) {
  const { mtimeMs, size } = statSync(file);
  const key = `${file}:${mtimeMs}:${size}`;
  let tag = etags.get(key);
  if (!tag) {
    tag = `"${createHash("sha256").update(readFileSync(file)).digest("base64url").slice(0, 22)}"`;
    etags.set(key, tag);
  }
  return tag;
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
 * Builds the site (a new temporary folder, or `site` if given, already
 * built) and starts the server; resolves to `{ server, url, site }` (its
 * base URL and folder). With `api` (the service's base URL, e.g.
 * `http://127.0.0.1:8081`), passes the service's endpoints through and
 * keeps the keyed files back.
 */
export async function serve(port = 8080, { api, site, consoleSite } = {}) {
  const service = api ? new URL(api) : null;
  site ??= await buildSite({ forService: Boolean(service) });
  consoleSite ??= await buildConsole();
  const console_ = ["/console/", consoleSite];
  const mounts = service ? [console_, ["/", site]] : [PARITY, console_, ["/", site], ALL_INSTRUMENTS];
  const stats = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    const url = new URL(req.url, "http://127.0.0.1");
    const path = url.pathname;
    if (path === "/console") {
      res.writeHead(308, { location: "/console/" }).end();
      return;
    }
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
    if (!file || (service && KEYED.some((k) => real(file).endsWith(`${sep}${k}`)))) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const [body, encoding] = variant(req, file);
    const tag = etag(body);
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      etag: tag,
      vary: "accept-encoding",
    };
    if (encoding) headers["content-encoding"] = encoding;
    if (String(req.headers["if-none-match"] ?? "").split(/\s*,\s*/).includes(tag)) {
      res.writeHead(304, headers).end();
      return;
    }
    headers["content-length"] = statSync(body).size;
    if (req.method !== "HEAD") stats.bytes += headers["content-length"];
    res.writeHead(200, headers);
    if (req.method === "HEAD") res.end();
    else createReadStream(body).pipe(res);
  });
  server.stats = stats;
  return new Promise((ok) =>
    server.listen(port, "127.0.0.1", () => ok({ server, url: `http://127.0.0.1:${server.address().port}/`, site })),
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
  console.log(`counsellor console: ${url}console/`);
  if (api) console.log(`adaptive aptitude test, scored by the service at ${api}: ${url}aptitude.html`);
}
