// The console's engine, off the page's thread: loads the staff build of the
// WebAssembly package (pkg/staff: the batch reader and the report and
// summary pages), scores a batch in chunks and posts each chunk's row
// statuses, renders a person's report and the programme summary, and makes
// the export files. The page (console.js) only shows what it is sent.
//
// The answers arrive as text the page read from a file the counsellor chose
// (File.text()); nothing here fetches anything but the console's own
// shipped files (the engine, the instruments and the job-family catalogue).
//
// Messages in:  {type: "instrument", ref, name, toml?}  (toml absent: a shipped one)
//               {type: "batch", batch, instrument, name, text, format, lang}
//               {type: "cancel", batch}
//               {type: "report", req, batch, row, respondentId, lang, date}
//               {type: "summary", req, batch, by, minGroup, lang}
//               {type: "export", req, batch, kind: "csv" | "jsonl", lang}
// Messages out: {type: "ready"} | {type: "failed", message}
//               {type: "instrument", ref, ok, id, kind, titles, problems}
//               {type: "progress", batch, rows, bytesRead, bytesTotal, rowsRead, rowsTotal}
//               {type: "done", batch, cancelled, rowsRead, ms, engineMs, keys, labels}
//               (ms: from opening the batch to its last row, in the worker;
//               engineMs: the part of it spent in `batch.next`)
//               {type: "page", req, html} | {type: "file", req, blob, name}
//               {type: "error", batch?, req?, problems}
import init, { AssessError, Batch, loadCatalog, loadInstrument, metadataLabel, renderReport, renderSummary } from "./pkg/staff/assess_wasm.js";

/** Rows scored between two looks at the message queue (a cancel, a report). */
export const CHUNK = 1000;
/** Scored rows whose metadata keys are offered for grouping the summary. */
const KEY_SAMPLE = 500;

const instruments = new Map(); // ref -> Instrument
const batches = new Map(); // batch id -> { batch, instrument, name, lang, cancelled, byId, done }
let catalog;

/** An error as problems the page can list: message, kind and where. */
function problems(e) {
  if (e instanceof AssessError || (e && typeof e === "object" && "kind" in e)) {
    const list = Array.isArray(e.problems) && e.problems.length ? e.problems : [e];
    return list.map((p) => ({
      kind: String(p.kind ?? ""),
      message: String(p.message ?? ""),
      path: String(p.path ?? ""),
      line: p.line ?? null,
      column: p.column ?? null,
    }));
  }
  return [{ kind: "error", message: String(e?.message ?? e), path: "", line: null, column: null }];
}

const shipped = async (name) => {
  const response = await fetch(`instruments/${name}.toml`);
  if (!response.ok) throw new Error(`instruments/${name}.toml: ${response.status} ${response.statusText}`);
  return response.text();
};

function titles(instrument) {
  const t = {};
  for (const lang of ["id", "en"]) {
    try {
      t[lang] = instrument.title(lang);
    } catch {
      t[lang] = instrument.id;
    }
  }
  return t;
}

async function openInstrument({ ref, name, toml }) {
  try {
    const instrument = loadInstrument(toml ?? (await shipped(name)));
    instruments.get(ref)?.free();
    instruments.set(ref, instrument);
    let kind = "";
    try {
      kind = instrument.info("id").kind ?? "";
    } catch {
      // the kind is only shown; an instrument without `id` still scores
    }
    postMessage({ type: "instrument", ref, ok: true, id: instrument.id, kind, titles: titles(instrument) });
  } catch (e) {
    postMessage({ type: "instrument", ref, ok: false, problems: problems(e) });
  }
}

/** Counts the rows of a CSV or JSON Lines text, for "12.000 dari 100.000 baris" (a JSON array: unknown). */
function countRows(text, format) {
  if (format === "json") return null;
  let lines = 0;
  for (const line of text.split("\n")) if (line.trim() !== "") lines += 1;
  return format === "csv" ? Math.max(0, lines - 1) : lines;
}

// Lets the messages waiting for the worker (a cancel) run between chunks.
// Mostly a message to itself: nested `setTimeout(…, 0)`s are held back to
// 4 ms each, which was 0.4 s of every 100,000 rows. The order between the
// worker's own channel and the page's messages is not specified, so every
// `TIMEOUT_EVERY_MS` a timeout lets the page's messages in for certain.
const TIMEOUT_EVERY_MS = 50;
const wake = new MessageChannel();
const waiting = [];
wake.port1.onmessage = () => waiting.shift()?.();
let lastTimeout = 0;
const yieldToMessages = () => new Promise((ok) => {
  const now = performance.now();
  if (now - lastTimeout >= TIMEOUT_EVERY_MS) {
    lastTimeout = now;
    setTimeout(ok, 0);
  } else {
    waiting.push(ok);
    wake.port2.postMessage(null);
  }
});

async function runBatch({ batch: id, instrument: ref, name, text, format, lang }) {
  const started = performance.now();
  const instrument = instruments.get(ref);
  let batch;
  try {
    if (!instrument) throw new Error(`instrument ${ref} is not loaded`);
    batch = new Batch(instrument, text, format, { lang });
  } catch (e) {
    postMessage({ type: "error", batch: id, problems: problems(e) });
    return;
  }
  const entry = { batch, instrument, ref, name, lang, text, format, cancelled: false, done: false, engineMs: 0, byId: new Map(), inLang: new Map([[lang, batch]]) };
  batches.set(id, entry);
  const rowsTotal = countRows(text, format);
  try {
    for (;;) {
      if (entry.cancelled) break;
      const t0 = performance.now();
      const rows = batch.next(CHUNK);
      entry.engineMs += performance.now() - t0;
      if (!rows.length) break;
      const out = rows.map((r) => {
        if (r.status !== "rejected") {
          const list = entry.byId.get(r.respondentId);
          if (list) list.push(r.row);
          else entry.byId.set(r.respondentId, [r.row]);
        }
        return {
          row: r.row,
          id: String(r.respondentId ?? ""),
          status: r.status,
          problems: (r.problems ?? []).map((p) => ({
            kind: String(p.kind ?? ""),
            message: String(p.message ?? ""),
            path: String(p.path ?? ""),
            line: p.line ?? null,
            column: p.column ?? null,
          })),
        };
      });
      postMessage({
        type: "progress",
        batch: id,
        rows: out,
        bytesRead: batch.bytesRead,
        bytesTotal: batch.bytesTotal,
        rowsRead: batch.rowsRead,
        rowsTotal,
      });
      await yieldToMessages();
    }
  } catch (e) {
    postMessage({ type: "error", batch: id, problems: problems(e) });
  }
  entry.done = true;
  const ms = performance.now() - started;
  const keys = metadataKeys(entry);
  // Each key's name as the summary page heads its section, in both languages.
  const labels = Object.fromEntries(["id", "en"].map((l) => [l, Object.fromEntries(keys.map((k) => [k, metadataLabel(k, l)]))]));
  postMessage({ type: "done", batch: id, cancelled: entry.cancelled, rowsRead: batch.rowsRead, ms, engineMs: entry.engineMs, keys, labels });
}

/**
 * `entry`'s batch scored in `lang`, read up to row `upTo` (at most as far
 * as the batch itself was read: a cancelled batch stays cut where it was).
 * A report, summary or export is in the language the console shows; a
 * batch opened in the other language is read again in this one, once and
 * only as far as needed (a `Batch` keeps each row's place, not its
 * report, and scores a row again when asked).
 */
function batchIn(entry, lang, upTo = Infinity) {
  let b = entry.inLang.get(lang);
  if (!b) {
    b = new Batch(entry.instrument, entry.text, entry.format, { lang });
    entry.inLang.set(lang, b);
  }
  const last = Math.min(upTo, entry.batch.rowsRead);
  while (!b.done && b.rowsRead < last) b.next(Math.min(CHUNK, last - b.rowsRead));
  return b;
}

/** The metadata keys of the first scored rows (district, gender…), for the summary's grouping. */
function metadataKeys(entry) {
  const keys = new Set();
  let seen = 0;
  for (const rows of entry.byId.values()) {
    for (const row of rows) {
      const scored = entry.batch.scored(row);
      if (!scored) continue;
      for (const k of Object.keys(scored.report?.metadata ?? {})) keys.add(k);
      scored.free?.();
      seen += 1;
      break;
    }
    if (seen >= KEY_SAMPLE) break;
  }
  return [...keys].sort();
}

/**
 * A person's report: the row chosen, and the same respondent's results in
 * every other loaded batch of another instrument (the first scored row of
 * each), with the shipped job-family catalogue.
 */
function report({ req, batch: id, row, respondentId, lang, date }) {
  const chosen = batches.get(id);
  const scored = [];
  try {
    const first = chosen && batchIn(chosen, lang, row).scored(row);
    if (!first) throw new Error(`row ${row} was not scored`);
    scored.push(first);
    const have = new Set([chosen.instrument.id]);
    for (const other of batches.values()) {
      if (have.has(other.instrument.id)) continue;
      const rows = other.byId.get(respondentId);
      if (!rows) continue;
      const s = batchIn(other, lang, rows[0]).scored(rows[0]);
      if (!s) continue;
      scored.push(s);
      have.add(other.instrument.id);
    }
    const html = renderReport(scored, catalog, { lang, date });
    postMessage({ type: "page", req, html, instruments: [...have] });
  } catch (e) {
    postMessage({ type: "error", req, problems: problems(e) });
  } finally {
    for (const s of scored) s.free?.();
  }
}

function summary({ req, batch: id, by, minGroup, lang }) {
  const entry = batches.get(id);
  try {
    const html = renderSummary(batchIn(entry, lang).scoredJsonl(), { by, minGroup, lang, source: entry.name });
    postMessage({ type: "page", req, html });
  } catch (e) {
    postMessage({ type: "error", req, problems: problems(e) });
  }
}

function exportFile({ req, batch: id, kind, lang }) {
  const entry = batches.get(id);
  try {
    const batch = batchIn(entry, lang);
    const text = kind === "csv" ? batch.scoredCsv(true) : batch.scoredJsonl();
    const type = kind === "csv" ? "text/csv;charset=utf-8" : "application/jsonl;charset=utf-8";
    const base = entry.name.replace(/\.(csv|json|jsonl|ndjson)$/i, "");
    const blob = new Blob([text], { type });
    const scored = lang === "en" ? "scored" : "dinilai";
    postMessage({ type: "file", req, blob, name: `${base}-${entry.instrument.id}-${scored}.${kind}` });
  } catch (e) {
    postMessage({ type: "error", req, problems: problems(e) });
  }
}

// Messages that arrive before the engine is ready wait for it.
const ready = (async () => {
  await init();
  catalog = loadCatalog(await shipped("job-families"));
})();

self.onmessage = async ({ data }) => {
  // A cancel is seen at once, between two chunks.
  if (data.type === "cancel") {
    const entry = batches.get(data.batch);
    if (entry) entry.cancelled = true;
    return;
  }
  try {
    await ready;
  } catch {
    return; // reported once, below
  }
  if (data.type === "instrument") await openInstrument(data);
  else if (data.type === "batch") await runBatch(data);
  else if (data.type === "report") report(data);
  else if (data.type === "summary") summary(data);
  else if (data.type === "export") exportFile(data);
};

ready.then(
  () => postMessage({ type: "ready" }),
  (e) => postMessage({ type: "failed", message: String(e?.message ?? e) }),
);
