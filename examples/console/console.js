// The counsellor console: open the instruments (the shipped ones built in,
// or a .toml file), open a batch of answers (CSV, JSON, JSON Lines) by
// choosing or dropping a file, see every row's status in a table that sorts,
// filters and pages, open a person's report and print it, make the
// programme summary and export the scored files. Everything is computed by
// the engine in worker.js; this file only shows it.
//
// Untrusted text (file contents, respondent ids, problem messages) only
// ever reaches the page through `textContent` (`el` below); the engine's
// pages (report, summary) are shown in a sandboxed frame without scripts,
// from a Blob URL. Files are read with File.text(): nothing is sent
// anywhere.
import { UI, size } from "./text.js";

/** Rows in one page of the table: 100,000 rows are never 100,000 DOM rows. */
export const PAGE_ROWS = 50;
/** The CLI's default smallest group (`assess summary --min-group`, assess_core::analysis::DEFAULT_MIN_GROUP). */
const DEFAULT_MIN_GROUP = 10;
const SHIPPED = ["riasec", "aptitude", "readiness"];
const STATUS_ORDER = { scored: 0, partial: 1, rejected: 2 };
const LANG_KEY = "assess-console-lang";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

const state = {
  lang: localStorage.getItem(LANG_KEY) === "en" ? "en" : "id",
  /** ref -> { ref, id, titles, file? } */
  instruments: new Map(),
  /** id -> { id, name, instrument, format, lang, rows, counts, keys, labels, unticked, done, cancelled } */
  batches: new Map(),
  active: null,
  running: null,
  view: { sort: "row", dir: 1, status: "", query: "", page: 0, rows: [] },
  frameUrl: null,
  nextBatch: 1,
  nextFile: 1,
};

const t = (key, ...args) => {
  const v = UI[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};

// ---------------------------------------------------------------- worker

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const pending = new Map();
let nextReq = 1;

/** Sends a request the worker answers once (report, summary, export). */
function ask(message) {
  const req = nextReq++;
  return new Promise((ok, fail) => {
    pending.set(req, { ok, fail });
    worker.postMessage({ ...message, req });
  });
}

worker.onmessage = ({ data }) => {
  if (data.req && pending.has(data.req)) {
    const { ok, fail } = pending.get(data.req);
    pending.delete(data.req);
    if (data.type === "error") fail(data.problems);
    else ok(data);
    return;
  }
  switch (data.type) {
    case "ready":
      onReady();
      break;
    case "failed":
      say(t("engineFailed"));
      console.error(data.message);
      document.body.dataset.ready = "true";
      break;
    case "instrument":
      onInstrument(data);
      break;
    case "progress":
      onProgress(data);
      break;
    case "done":
      onDone(data);
      break;
    case "error":
      onBatchError(data);
      break;
  }
};
worker.onerror = (e) => {
  say(t("engineFailed"));
  console.error(e.message);
  document.body.dataset.ready = "true";
};

const say = (text) => {
  $("status").textContent = text;
};

// ---------------------------------------------------------------- chrome

function applyChrome() {
  localStorage.setItem(LANG_KEY, state.lang);
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-t]")) {
    const v = UI[state.lang][node.dataset.t];
    if (typeof v === "string") node.textContent = v;
  }
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  }
  document.title = `${t("title")} — E-Makaryo`;
  renderInstruments();
  renderBatches();
}

for (const b of document.querySelectorAll("[data-lang]")) {
  b.addEventListener("click", () => {
    state.lang = b.dataset.lang;
    applyChrome();
  });
}

// ---------------------------------------------------------------- instruments

function onReady() {
  for (const name of SHIPPED) worker.postMessage({ type: "instrument", ref: name, name });
  say(t("ready"));
  for (const id of ["instrument", "toml", "answers"]) $(id).disabled = false;
  document.body.dataset.ready = "true";
}

function onInstrument(data) {
  const known = state.instruments.get(data.ref);
  if (!data.ok && !known?.file) {
    // A shipped instrument this site does not serve (in front of a
    // service, the aptitude test's keys stay there): not offered.
    console.warn(`${data.ref} not available: ${data.problems.map((p) => p.message).join("; ")}`);
    return;
  }
  if (!data.ok) {
    const list = $("toml-problems");
    list.replaceChildren(el("li", { text: t("instrumentBad", known?.file ?? data.ref) }), ...problemItems(data.problems));
    state.instruments.delete(data.ref);
    return;
  }
  state.instruments.set(data.ref, { ...known, ref: data.ref, id: data.id, titles: data.titles });
  renderInstruments();
  if (known?.file) {
    $("instrument").value = data.ref;
    $("toml-problems").replaceChildren();
    say(t("instrumentLoaded", data.titles[state.lang]));
  }
}

function renderInstruments() {
  const select = $("instrument");
  const chosen = select.value;
  const options = [...state.instruments.values()]
    .filter((i) => i.id)
    .map((i) =>
      el("option", { value: i.ref, text: i.file ? t("opened", i.titles[state.lang], i.file) : t("shipped", i.titles[state.lang]) }));
  select.replaceChildren(...options);
  if (chosen && state.instruments.has(chosen)) select.value = chosen;
}

$("toml").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const ref = `file-${state.nextFile++}`;
  state.instruments.set(ref, { ref, file: file.name });
  worker.postMessage({ type: "instrument", ref, name: file.name, toml: await file.text() });
  e.target.value = "";
});

// ---------------------------------------------------------------- batches

/** The layout of an answers file: from its extension, else from its content. */
export function detectFormat(name, text) {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "csv") return "csv";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "json") return "json";
  const head = text.trimStart();
  if (head.startsWith("[")) return "json";
  if (head.startsWith("{")) {
    const lines = head.split("\n", 3).filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => l.trim().startsWith("{")) ? "jsonl" : "json";
  }
  return "csv";
}

async function openAnswers(file) {
  if (!file || state.running) return;
  const ref = $("instrument").value;
  const instrument = state.instruments.get(ref);
  if (!instrument) return;
  say(t("reading", file.name));
  const startedAt = performance.now();
  const text = await file.text();
  const format = detectFormat(file.name, text);
  const id = state.nextBatch++;
  const batch = {
    id,
    name: file.name,
    instrument,
    format,
    lang: state.lang,
    rows: [],
    counts: { total: 0, scored: 0, partial: 0, rejected: 0 },
    keys: [],
    labels: {},
    unticked: new Set(),
    done: false,
    cancelled: false,
    startedAt,
  };
  state.batches.set(id, batch);
  state.running = id;
  state.active = id;
  Object.assign(state.view, { page: 0 });
  $("answers").disabled = true;
  $("progress-box").hidden = false;
  $("progress").value = 0;
  $("progress-text").textContent = "";
  // The batch's first progress is said at once.
  lastSaid = -Infinity;
  $("cancel").disabled = false;
  worker.postMessage({ type: "batch", batch: id, instrument: ref, name: file.name, text, format, lang: state.lang });
  renderBatches();
}

$("answers").addEventListener("change", (e) => {
  openAnswers(e.target.files[0]);
  e.target.value = "";
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (!$("answers").disabled) openAnswers(e.dataTransfer.files[0]);
});
$("cancel").addEventListener("click", () => {
  if (state.running) worker.postMessage({ type: "cancel", batch: state.running });
  $("cancel").disabled = true;
});

let lastSaid = 0;
function onProgress(data) {
  const batch = state.batches.get(data.batch);
  for (const r of data.rows) {
    batch.rows.push(r);
    batch.counts.total += 1;
    batch.counts[r.status] += 1;
  }
  const bar = $("progress");
  if (data.rowsTotal) {
    bar.max = Math.max(data.rowsTotal, data.rowsRead);
    bar.value = data.rowsRead;
  } else {
    bar.max = data.bytesTotal || 1;
    bar.value = data.bytesRead;
  }
  // The live text is rewritten at most once a second: a screen reader is
  // not flooded with a hundred announcements.
  const now = performance.now();
  if (now - lastSaid > 1000) {
    lastSaid = now;
    $("progress-text").textContent = progressText(data);
  }
  if (batch.id === state.active) scheduleTable();
}

function progressText(data) {
  return data.rowsTotal
    ? t("rowsOf", data.rowsRead, Math.max(data.rowsTotal, data.rowsRead))
    : t("rowsRead", data.rowsRead, Math.floor((100 * data.bytesRead) / (data.bytesTotal || 1)));
}

function onDone(data) {
  const batch = state.batches.get(data.batch);
  batch.done = true;
  batch.cancelled = data.cancelled;
  batch.keys = data.keys;
  batch.labels = data.labels;
  state.running = null;
  $("answers").disabled = false;
  $("cancel").disabled = true;
  // A finished batch fills the bar; a cancelled one stays where it stopped.
  if (!data.cancelled) {
    $("progress").max = Math.max(1, batch.counts.total);
    $("progress").value = $("progress").max;
  }
  const seconds = (performance.now() - batch.startedAt) / 1000;
  const message = data.cancelled
    ? t("cancelled", batch.name, batch.counts.total)
    : t("scoringDone", batch.name, batch.counts.total, seconds);
  $("progress-text").textContent = message;
  // The timings, for tests/bench/console-batch.mjs: the worker's scoring,
  // the engine's part of it, and from reading the file to the table's
  // last rows.
  $("progress-text").dataset.workerMs = String(Math.round(data.ms));
  $("progress-text").dataset.engineMs = String(Math.round(data.engineMs));
  $("progress-text").dataset.totalMs = String(Math.round(performance.now() - batch.startedAt));
  say(message);
  renderBatches();
  document.body.dataset.batch = data.cancelled ? "cancelled" : "done";
}

function onBatchError(data) {
  const batch = state.batches.get(data.batch);
  state.running = null;
  $("answers").disabled = false;
  $("cancel").disabled = true;
  $("progress-box").hidden = true;
  const name = batch?.name ?? "";
  if (batch && !batch.rows.length) {
    state.batches.delete(batch.id);
    if (state.active === batch.id) state.active = [...state.batches.keys()].pop() ?? null;
  }
  $("status").replaceChildren(el("span", { text: t("batchFailed", name) }), el("ul", { class: "problems" }, ...problemItems(data.problems)));
  renderBatches();
  document.body.dataset.batch = "failed";
}

function problemItems(problems) {
  return problems.map((p) => {
    const where = [p.path, t("problemAt", p)].filter(Boolean).join(", ");
    const kinds = UI[state.lang].problemKinds;
    const said = `${kinds[p.kind] ?? kinds.other}: ${p.message}`;
    return el("li", { text: where ? `${said} (${where})` : said });
  });
}

// ---------------------------------------------------------------- the table

function renderBatches() {
  const box = $("batches-box");
  box.hidden = state.batches.size === 0;
  if (box.hidden) return;
  const select = $("batch");
  select.replaceChildren(
    ...[...state.batches.values()].map((b) =>
      el("option", { value: String(b.id), text: t("batchName", b.name, b.instrument.titles[state.lang], b.format) })));
  select.value = String(state.active);
  renderGroupKeys();
  renderTable(true);
}

$("batch").addEventListener("change", (e) => {
  state.active = Number(e.target.value);
  state.view.page = 0;
  renderGroupKeys();
  renderTable(true);
});

let tableQueued = false;
function scheduleTable() {
  if (tableQueued) return;
  tableQueued = true;
  setTimeout(() => {
    tableQueued = false;
    renderTable(true);
  }, 300);
}

/** The active batch's rows, filtered and sorted (indices into `rows`). */
function computeView(batch) {
  const { status, query, sort, dir } = state.view;
  const q = query.trim().toLowerCase();
  const out = [];
  for (let i = 0; i < batch.rows.length; i++) {
    const r = batch.rows[i];
    if (status && r.status !== status) continue;
    if (q && !r.id.toLowerCase().includes(q)) continue;
    out.push(r);
  }
  // Rows arrive in row order: sorting by row ascending is the order already.
  // Ties (the same status, the same id) stay in row order either way.
  if (sort !== "row" || dir !== 1) {
    const primary =
      sort === "row"
        ? (a, b) => a.row - b.row
        : sort === "id"
          ? (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
          : (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    out.sort((a, b) => dir * primary(a, b) || a.row - b.row);
  }
  return out;
}

function renderTable(recompute) {
  const batch = state.batches.get(state.active);
  if (!batch) return;
  const view = state.view;
  if (recompute) view.rows = computeView(batch);
  const pages = Math.max(1, Math.ceil(view.rows.length / PAGE_ROWS));
  view.page = Math.min(view.page, pages - 1);
  const slice = view.rows.slice(view.page * PAGE_ROWS, (view.page + 1) * PAGE_ROWS);
  const body = $("rows").tBodies[0];
  body.replaceChildren(
    ...(slice.length
      ? slice.map((r) => rowElement(batch, r))
      : [el("tr", {}, el("td", { colspan: "5", text: t("noRows") }))]),
  );
  for (const th of $("rows").tHead.querySelectorAll("th[aria-sort]")) {
    const key = th.querySelector("button").dataset.sort;
    th.setAttribute("aria-sort", key === view.sort ? (view.dir === 1 ? "ascending" : "descending") : "none");
  }
  $("counts").textContent = t("counts", batch.counts);
  $("shown").textContent = t("shown", view.rows.length, batch.rows.length);
  $("page-text").textContent = t("page", view.page + 1, pages);
  $("prev").disabled = view.page === 0;
  $("next").disabled = view.page >= pages - 1;
  $("summary").disabled = !batch.done;
  $("export-csv").disabled = !batch.done;
  $("export-jsonl").disabled = !batch.done;
}

function rowElement(batch, r) {
  const reasons = r.problems.length ? el("ul", { class: "reasons" }, ...problemItems(r.problems)) : "";
  let action = "";
  if (r.status !== "rejected") {
    const button = el("button", { type: "button", class: "link" }, t("openShort"), el("span", { class: "visually-hidden", text: ` ${r.id}` }));
    button.addEventListener("click", () => openReport(batch, r, button));
    action = button;
  }
  return el("tr", { class: r.status },
    el("td", { class: "num", text: String(r.row) }),
    el("td", { class: "id", text: r.id }),
    el("td", {}, el("span", { class: `status-${r.status}`, text: t(r.status) })),
    el("td", {}, reasons),
    el("td", {}, action));
}

for (const button of document.querySelectorAll("th button[data-sort]")) {
  button.addEventListener("click", () => {
    const key = button.dataset.sort;
    const view = state.view;
    view.dir = view.sort === key ? -view.dir : 1;
    view.sort = key;
    view.page = 0;
    renderTable(true);
  });
}
$("filter-status").addEventListener("change", (e) => {
  state.view.status = e.target.value;
  state.view.page = 0;
  renderTable(true);
});
$("filter-id").addEventListener("input", (e) => {
  state.view.query = e.target.value;
  state.view.page = 0;
  renderTable(true);
});
$("prev").addEventListener("click", () => {
  state.view.page -= 1;
  renderTable(false);
});
$("next").addEventListener("click", () => {
  state.view.page += 1;
  renderTable(false);
});

// ---------------------------------------------------------------- pages

/** Today by the browser's clock, in its own time zone: YYYY-MM-DD. */
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

let returnFocus = null;
function showPage(html, title, frameTitle, fileName, from) {
  if (state.frameUrl) URL.revokeObjectURL(state.frameUrl);
  state.frameUrl = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const frame = $("frame");
  frame.title = frameTitle;
  frame.src = state.frameUrl;
  $("open-tab").href = state.frameUrl;
  $("save-page").href = state.frameUrl;
  $("save-page").download = fileName;
  $("viewer-title").textContent = title;
  $("viewer").hidden = false;
  returnFocus = from;
  $("viewer-title").focus();
  document.body.dataset.viewer = "open";
}

async function openReport(batch, r, from) {
  say(t("working"));
  try {
    const { html } = await ask({ type: "report", batch: batch.id, row: r.row, respondentId: r.id, lang: state.lang, date: today() });
    const safe = r.id.replace(/[^\w.-]+/g, "_");
    showPage(html, t("reportTitle", r.id), t("reportFrame", r.id), `laporan-${safe}.html`, from);
    say("");
  } catch (problems) {
    $("status").replaceChildren(el("ul", { class: "problems" }, ...problemItems(problems)));
  }
}

$("print").addEventListener("click", () => $("frame").contentWindow.print());
$("close-viewer").addEventListener("click", () => {
  $("viewer").hidden = true;
  document.body.dataset.viewer = "closed";
  // Back where the counsellor was: the row's button, or (the table redrawn
  // since) the list of files above the table.
  (returnFocus?.isConnected ? returnFocus : $("batch")).focus();
});

function renderGroupKeys() {
  const batch = state.batches.get(state.active);
  const box = $("group-keys");
  if (!batch?.keys.length) {
    box.replaceChildren(el("p", { text: batch?.done ? t("noKeys") : "" }));
    return;
  }
  // Each key under the name the summary gives it ("Kabupaten/kota"); the
  // choices survive a change of language.
  box.replaceChildren(
    ...batch.keys.map((k, i) => {
      const input = Object.assign(el("input", { type: "checkbox", id: `by-${i}`, value: k }), { checked: !batch.unticked.has(k) });
      input.addEventListener("change", () => (input.checked ? batch.unticked.delete(k) : batch.unticked.add(k)));
      return el("label", { class: "choice", for: `by-${i}` }, input, el("span", { text: batch.labels?.[state.lang]?.[k] ?? k }));
    }));
}

$("min-group").value = String(DEFAULT_MIN_GROUP);
$("summary").addEventListener("click", async () => {
  const batch = state.batches.get(state.active);
  if (!batch?.done) return;
  const by = [...$("group-keys").querySelectorAll("input:checked")].map((i) => i.value);
  // The engine refuses a group size under its floor, with a message.
  const minGroup = Number.parseInt($("min-group").value, 10) || DEFAULT_MIN_GROUP;
  say(t("working"));
  try {
    const { html } = await ask({ type: "summary", batch: batch.id, by, minGroup, lang: state.lang });
    showPage(html, t("summaryTitle", batch.name), t("summaryFrame"), "ringkasan-program.html", $("summary"));
    say("");
  } catch (problems) {
    $("status").replaceChildren(el("ul", { class: "problems" }, ...problemItems(problems)));
  }
});

async function exportFile(kind) {
  const batch = state.batches.get(state.active);
  if (!batch?.done) return;
  say(t("working"));
  try {
    const { blob, name } = await ask({ type: "export", batch: batch.id, kind, lang: state.lang });
    const link = el("a", { href: URL.createObjectURL(blob), download: name, class: "download", "data-kind": kind }, t("download", name, size(blob.size, state.lang)));
    const box = $("downloads");
    for (const old of box.querySelectorAll(`a[data-kind="${kind}"]`)) {
      URL.revokeObjectURL(old.href);
      old.remove();
    }
    box.append(link);
    link.focus();
    say("");
  } catch (problems) {
    $("status").replaceChildren(el("ul", { class: "problems" }, ...problemItems(problems)));
  }
}
$("export-csv").addEventListener("click", () => exportFile("csv"));
$("export-jsonl").addEventListener("click", () => exportFile("jsonl"));

// ---------------------------------------------------------------- start

applyChrome();
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch((e) => console.warn("no offline copy:", e));
}
