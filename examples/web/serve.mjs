// A tiny static server for the demo (no packages needed): serves
// examples/web/ at /, the built package at /pkg/, the shipped instruments
// at /instruments/ and, for the browser tests, the parity cases at
// /parity/. Listens on 127.0.0.1 only.
//
//   node examples/web/serve.mjs [PORT]     (default 8080; 0 for any free port)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
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

function resolve(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
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

/** Starts the server; resolves to its base URL. */
export function serve(port = 8080) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const file = resolve(path);
    if (!file) {
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
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`demo: ${url}  (Ctrl-C to stop)`);
}
