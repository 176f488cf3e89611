// The E-Makaryo interest demo: the shipped RIASEC inventory in pages of a
// few statements, answered in Bahasa Indonesia or English, scored on the
// device with the WebAssembly engine; the Holland code (or a plain "no
// clear code" when the profile is flat), the hexagon, the scale bands and
// the job families with their training routes, narrowed by schooling,
// preparation and accessibility needs. Every rule of scoring and
// recommending is in the engine; this file only renders.
//
// The first page of questions is in the HTML itself (site.mjs renders it
// with ui.js's itemEntry), so a person reads and answers while the engine
// loads. Answers, page and filters are kept in localStorage on the device
// (key `assess-demo-v2`): they survive closing the tab, a new tab and a
// restart of the phone; nothing is sent anywhere.
import init, { loadCatalog, loadInstrument, recommend, Results } from "./pkg/interest/assess_wasm.js";
import { PAGE_SIZE, UI } from "./interest-text.js";
import { $, applyChrome, el, itemEntry, radio, savedLanguage, showInstrument } from "./ui.js";

const STORE = "assess-demo-v2";
/** Schooling levels, in the engine's order (`Schooling`). */
const SCHOOLING = ["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1"];
/** The accessibility groups the catalogue's notes address. */
const ACCESS = ["tuli", "netra", "daksa", "intelektual", "psikososial"];

/** What survives a closed tab: read once, written on every change. */
function loadSaved() {
  try {
    const s = JSON.parse(localStorage.getItem(STORE) ?? "{}");
    return {
      form: typeof s.form === "string" ? s.form : "pendek",
      answers: s.answers && typeof s.answers === "object" ? s.answers : {},
      page: Number.isInteger(s.page) && s.page >= 0 ? s.page : 0,
      done: s.done === true,
      filters: { schooling: "", zone: "", access: [], ...(s.filters ?? {}) },
    };
  } catch {
    return { form: "pendek", answers: {}, page: 0, done: false, filters: { schooling: "", zone: "", access: [] } };
  }
}

const state = {
  lang: savedLanguage(),
  ...loadSaved(),
  instrument: null,
  catalog: null,
  items: [],
};

const t = (key, ...args) => {
  const v = UI[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};

function save() {
  const { form, answers, page, done, filters } = state;
  try {
    localStorage.setItem(STORE, JSON.stringify({ form, answers, page, done, filters }));
  } catch (e) {
    console.warn("answers could not be saved on this device", e);
  }
}

const pageCount = () => Math.max(1, Math.ceil(state.items.length / PAGE_SIZE));
const pageItems = () => state.items.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
const answeredCount = () => state.items.filter((i) => state.answers[i.id] !== undefined).length;

function renderChrome() {
  applyChrome(UI[state.lang], state.lang);
  if (!state.instrument) return;
  const info = showInstrument(state.instrument, state.lang);
  $("forms").replaceChildren(
    ...info.forms.map((f) =>
      el("label", { class: "choice" },
        radio("form", f.id, f.id === state.form),
        el("span", { text: t("formLabel", f.item_count) }))),
  );
}

/** The statements of the current form, in the current language. */
function loadItems() {
  state.items = state.instrument.items(state.lang, { form: state.form });
  state.page = Math.min(state.page, pageCount() - 1);
}

function renderCounter() {
  $("counter").textContent = t("counter", state.page + 1, pageCount());
  const progress = $("progress");
  progress.max = state.items.length;
  progress.value = answeredCount();
  $("answered").textContent = t("answered", answeredCount(), state.items.length);
}

/** Shows the current page; `keepItems` when the items shown are already its items. */
function renderPage(keepItems = false) {
  if (!keepItems) $("items").replaceChildren(...pageItems().map((item) => itemEntry(item, state.answers[item.id])));
  $("items").start = state.page * PAGE_SIZE + 1;
  $("back").hidden = state.page === 0;
  $("next").textContent = state.page === pageCount() - 1 ? t("finish") : t("next");
  $("form-error").hidden = true;
  renderCounter();
}

/** Marks the unanswered statements of this page; focuses the first. Returns how many. */
function markMissing() {
  const missing = pageItems().filter((i) => state.answers[i.id] === undefined);
  for (const item of pageItems()) {
    const fs = $(`item-${item.id}`);
    const unanswered = missing.includes(item);
    fs.classList.toggle("missing", unanswered);
    fs.querySelector(".missing-note")?.remove();
    if (unanswered) {
      const note = el("p", { class: "missing-note", id: `missing-${item.id}`, text: t("unanswered") });
      fs.append(note);
      fs.setAttribute("aria-describedby", note.id);
    } else {
      fs.removeAttribute("aria-describedby");
    }
  }
  const error = $("form-error");
  error.hidden = missing.length === 0;
  error.textContent = missing.length ? t("missing", missing.length) : "";
  if (missing.length) $(`item-${missing[0].id}`).querySelector("input").focus();
  return missing.length;
}

function goTo(page) {
  state.page = page;
  save();
  renderPage();
  $("counter").focus();
}

// ---------------------------------------------------------------- results

function hexagon(scores, names) {
  const NS = "http://www.w3.org/2000/svg";
  const size = 320;
  const c = size / 2;
  const r = 110;
  const point = (k, v) => {
    const a = (-90 + 60 * k) * (Math.PI / 180);
    return [c + r * (v / 100) * Math.cos(a), c + r * (v / 100) * Math.sin(a)];
  };
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "hex-title hex-desc");
  const title = document.createElementNS(NS, "title");
  title.id = "hex-title";
  title.textContent = t("hexTitle");
  const desc = document.createElementNS(NS, "desc");
  desc.id = "hex-desc";
  desc.textContent = t("hexDesc", names.map((n, k) => `${n} ${Math.round(scores[k])}`).join(", "));
  svg.append(title, desc);
  const poly = (values, attrs) => {
    const p = document.createElementNS(NS, "polygon");
    p.setAttribute("points", values.map((v, k) => point(k, v).join(",")).join(" "));
    for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v);
    svg.append(p);
  };
  for (const level of [25, 50, 75, 100]) {
    poly(Array(6).fill(level), { fill: "none", stroke: "#c9d1da", "stroke-width": level === 100 ? 2 : 1 });
  }
  poly(scores, { fill: "rgba(11, 92, 173, 0.25)", stroke: "#0b5cad", "stroke-width": 3 });
  "RIASEC".split("").forEach((letter, k) => {
    const [x, y] = point(k, 128);
    const text = document.createElementNS(NS, "text");
    text.setAttribute("x", x.toFixed(1));
    text.setAttribute("y", (y + 5).toFixed(1));
    text.setAttribute("text-anchor", "middle");
    text.setAttribute("font-size", "16");
    text.setAttribute("font-weight", "700");
    text.setAttribute("fill", "#1b1f24");
    text.textContent = `${letter} ${Math.round(scores[k])}`;
    svg.append(text);
  });
  return svg;
}

function renderFilters() {
  const f = state.filters;
  const option = (value, label, selected) => {
    const o = el("option", { value, text: label });
    o.selected = selected;
    return o;
  };
  $("schooling").replaceChildren(
    option("", t("anySchooling"), f.schooling === ""),
    ...SCHOOLING.map((s) => option(s, s, f.schooling === s)),
  );
  $("zone").replaceChildren(
    option("", t("anyZone"), f.zone === ""),
    ...t("zones").map((label, k) => option(String(k + 1), label, f.zone === String(k + 1))),
  );
  const names = t("accessNames");
  $("access").replaceChildren(
    ...ACCESS.map((g) => {
      const box = el("input", { type: "checkbox", name: "access", value: g });
      box.checked = f.access.includes(g);
      return el("label", { class: "choice" }, box, el("span", { text: names[g] }));
    }),
  );
}

/** The person's answer set, as the engine and the command line read it. */
function answerSet() {
  const set = { respondent_id: "demo", form: state.form, answers: {} };
  for (const item of state.items) set.answers[item.id] = state.answers[item.id];
  return set;
}

function renderFamilies(results, clear) {
  const f = state.filters;
  const options = { language: state.lang, top: 0 };
  if (f.schooling) options.maxSchooling = f.schooling;
  if (f.zone) options.maxZone = Number(f.zone);
  if (f.access.length) options.accommodationsFor = f.access;
  const all = recommend(state.catalog, results, options);
  const recs = all.families.slice(0, 5);
  $("families-title").textContent = clear ? t("families") : t("familiesExplore");
  $("families-note").textContent = all.note ?? "";
  $("families-note").hidden = !all.note;
  $("filter-status").textContent = t("shown", recs.length, all.families.length);
  $("families").replaceChildren(
    ...recs.map((fam) =>
      el("li", {},
        el("h4", { text: fam.name }),
        el("p", { class: "fit", text: `${t("fit", Math.round(fam.score))} · ${t("zoneOf", fam.zone)} · ${fam.schooling}` }),
        el("p", { text: fam.explanation }),
        el("p", { class: "label", text: `${t("training")}:` }),
        el("ul", {},
          ...fam.training.map((r) =>
            el("li", { text: `${r.name} (${[r.kind_name, r.duration].filter(Boolean).join(", ")})` }))),
        ...(fam.accessibility ? [el("p", { class: "access-note", text: `${t("accessibility")}: ${fam.accessibility}` })] : []))),
  );
}

function renderResults() {
  const scored = state.instrument.score(answerSet(), { language: state.lang });
  const report = scored.report;
  const profile = scored.profile;
  const byId = Object.fromEntries(report.scales.map((s) => [s.id, s]));
  const names = "RIASEC".split("").map((l) => byId[l].name);
  const code = profile.holland.code;
  const words = code.split("").map((l) => byId[l].name).join(" · ");
  // A flat or low profile has no code worth reading: say so, plainly.
  const clear = profile.clear ?? !(profile.flat || profile.low);
  $("code-card").classList.toggle("unclear", !clear);
  if (clear) {
    $("code-line").replaceChildren(`${t("code")}: `, el("strong", { id: "code", class: "code", text: code }));
    $("code-words").textContent = words;
  } else {
    $("code-line").replaceChildren(el("strong", { id: "code-unclear", text: t("unclear") }));
    // The engine's own figures: clarity is `low` when the highest type is
    // below 50, `flat` when Holland's differentiation is under 15.
    $("code-words").textContent =
      profile.clarity === "low"
        ? t("unclearLow", Math.round(Math.max(...profile.scores)))
        : t("unclearFlat", Math.round(profile.differentiation.holland));
  }
  $("profile-note").textContent = profile.note ?? "";
  $("profile-note").hidden = !profile.note;
  $("hexagon").replaceChildren(hexagon(profile.scores, names));
  $("scales").replaceChildren(
    ...report.scales.map((s) => {
      const pomp = Math.round(s.pomp ?? 0);
      const bar = el("div", { class: "bar", "aria-hidden": "true" }, el("span", { style: `width:${pomp}%` }));
      return el("li", {},
        el("strong", { text: `${s.name}: ${pomp}/100` }),
        bar,
        el("span", { class: "band", text: s.band ? `${s.band.label}. ` : "" }),
        el("span", { text: s.band ? s.band.interpretation : "" }));
    }),
  );
  renderFilters();
  const results = new Results(scored);
  try {
    renderFamilies(results, clear);
  } finally {
    results.free();
    scored.free();
  }
}

/** Shows the results (only called once the engine has loaded). */
function showResults(focus) {
  renderResults();
  $("questionnaire").hidden = true;
  $("results").hidden = false;
  delete document.documentElement.dataset.view;
  $("status").textContent = t("scored");
  if (focus) $("results-title").focus();
}

function showQuestionnaire() {
  $("results").hidden = true;
  $("questionnaire").hidden = false;
  delete document.documentElement.dataset.view;
}

// ---------------------------------------------------------------- events

function onNext() {
  if (!state.instrument) {
    // Still loading (or failed): the first page can be answered, not yet left.
    $("status").textContent = state.failed ? t("failed") : t("waiting");
    return;
  }
  if (markMissing() > 0) return;
  if (state.page < pageCount() - 1) {
    goTo(state.page + 1);
    return;
  }
  state.done = true;
  save();
  showResults(true);
}

function onChange(event) {
  const input = event.target;
  if (input.name === "form") {
    state.form = input.value;
    state.page = 0;
    save();
    if (state.instrument) {
      loadItems();
      renderPage();
    }
    return;
  }
  if (input.name?.startsWith("q-")) {
    const value = Number(input.value);
    state.answers[input.name.slice(2)] = Number.isNaN(value) ? input.value : value;
    save();
    const fs = input.closest("fieldset");
    if (fs?.classList.contains("missing")) {
      fs.classList.remove("missing");
      fs.querySelector(".missing-note")?.remove();
      fs.removeAttribute("aria-describedby");
    }
    if (state.instrument) renderCounter();
  }
}

function onFilter() {
  const f = state.filters;
  f.schooling = $("schooling").value;
  f.zone = $("zone").value;
  f.access = [...document.querySelectorAll("#access input:checked")].map((b) => b.value);
  save();
  renderResults();
}

function download() {
  const set = answerSet();
  const body = `${JSON.stringify({ instrument: "riasec", ...set }, null, 2)}\n`;
  const a = el("a", { href: URL.createObjectURL(new Blob([body], { type: "application/json" })), download: "jawaban-minat-kerja.json" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function restart() {
  if (!window.confirm(t("restartConfirm"))) return;
  state.answers = {};
  state.page = 0;
  state.done = false;
  save();
  showQuestionnaire();
  renderPage();
  $("counter").focus();
}

function setLanguage(lang) {
  state.lang = lang;
  renderChrome();
  if (!state.instrument) return;
  loadItems();
  renderPage();
  if (!$("results").hidden) renderResults();
  $("status").textContent = $("results").hidden ? t("ready") : t("scored");
}

/** Answers given on the HTML's first page before the script ran. */
function adoptEarlyAnswers() {
  for (const input of document.querySelectorAll("#items input:checked")) {
    const value = Number(input.value);
    state.answers[input.name.slice(2)] = Number.isNaN(value) ? input.value : value;
  }
}

async function main() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => setLanguage(b.dataset.lang));
  }
  const form = $("questionnaire");
  form.addEventListener("change", onChange);
  // Not a submit button: before this script runs, the HTML's first page
  // must not be sent anywhere (a form with no submit button never is).
  $("next").addEventListener("click", onNext);
  form.addEventListener("submit", (e) => e.preventDefault());
  adoptEarlyAnswers();
  save();
  applyChrome(UI[state.lang], state.lang);
  $("status").textContent = t("loadingEngine");
  try {
    const started = performance.now();
    const [, riasec, families] = await Promise.all([
      init(),
      fetch("./instruments/riasec.toml").then((r) => r.text()),
      fetch("./instruments/job-families.toml").then((r) => r.text()),
    ]);
    state.instrument = loadInstrument(riasec);
    state.catalog = loadCatalog(families);
    window.assessDemo = { loadMs: performance.now() - started };
  } catch (e) {
    state.failed = true;
    $("status").textContent = t("failed");
    console.error(e);
    return;
  }
  adoptEarlyAnswers();
  loadItems();
  renderChrome();
  // The HTML's first page is the same markup (site.mjs); render only what differs.
  const prerendered = $("items").dataset.prerendered;
  renderPage(prerendered === `${state.lang}/${state.form}/${state.page}`);
  delete $("items").dataset.prerendered;
  $("filters").addEventListener("change", onFilter);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("back").addEventListener("click", () => goTo(state.page - 1));
  $("again").addEventListener("click", () => {
    state.done = false;
    save();
    showQuestionnaire();
    goTo(0);
  });
  $("restart").addEventListener("click", restart);
  $("print").addEventListener("click", () => window.print());
  $("save").addEventListener("click", download);
  if (state.done) {
    if (answeredCount() === state.items.length) showResults(false);
    else {
      state.done = false;
      save();
      showQuestionnaire();
    }
  } else {
    $("status").textContent = answeredCount() > 0 ? t("resumed", answeredCount(), state.items.length) : t("ready");
  }
  document.body.dataset.ready = "true";
  window.assessDemo.readyAt = performance.now();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((e) => console.warn("offline cache unavailable", e));
  }
}

main();
