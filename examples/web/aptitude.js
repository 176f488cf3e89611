// The adaptive aptitude demo: the shipped aptitude battery given as an
// adaptive test. The engine picks each next question from the answers so
// far (maximum information, randomesque exposure, the four domains in
// turn), updates the ability estimate and decides when to stop; this file
// only renders. It runs in one of two modes, chosen once at load:
//
// - service: an assessment service (crates/assess-server) answers at
//   ./v1/health. The engine runs there; the page gets one public item view
//   at a time and a sealed token, and never loads the engine or the
//   instrument file, whose answer keys and IRT parameters stay on the
//   service.
// - local: no service. The WebAssembly engine scores in the browser from
//   ./instruments/aptitude.toml (keys included), offline after the first
//   load.
//
// Either way the state is plain JSON kept in sessionStorage, so a reload
// (or a lost connection) resumes at the same question.
import { $, CHROME, applyChrome, el, figureImage, radio, savedLanguage, showInstrument } from "./ui.js";

/**
 * The test's rules in local mode (the service's default too): 8–20 questions,
 * stop once the SE is 0.5 or less. With the shipped bank, 9 people in 10 stop
 * by the SE, after 14.6 questions on average (docs/irt.md, "The demo's
 * stopping rule").
 */
const CONFIG = JSON.stringify({
  min_items: 8,
  max_items: 20,
  target_se: 0.5,
  exposure: { method: "randomesque", candidates: 3 },
  content: { method: "equal" },
});
/** sessionStorage: the engine's session in local mode, the service's token in service mode. */
const STORED = { local: "assess-demo-cat", service: "assess-demo-cat-service" };
/** How long to wait for the service: to say it is there, and to take an answer. */
const PROBE_MS = 3000;
const STEP_MS = 15000;

const UI = {
  id: {
    ...CHROME.id,
    provisional: "Tes ini masih sementara: parameter soal ditetapkan oleh penulis soal, belum diuji pada peserta. Hasilnya bahan diskusi dengan konselor, bukan untuk menyaring orang.",
    introTitle: "Cara kerja tes ini",
    intro: "Soal dipilih satu per satu sesuai jawaban Anda: jika jawaban benar, soal berikutnya sedikit lebih sulit; jika salah, sedikit lebih mudah. Tes berhenti begitu perkiraannya cukup tepat, biasanya setelah 11 sampai 20 soal (paling sedikit 8, paling banyak 20).",
    start: "Mulai tes",
    count: (n, max) => `Soal ke-${n} (paling banyak ${max})`,
    answer: "Jawab",
    skipItem: "Lewati soal ini",
    choose: "Pilih satu jawaban, atau lewati soal ini.",
    doneTitle: "Tes selesai",
    stop: {
      se_reached: "Tes berhenti karena perkiraan kemampuan Anda sudah cukup tepat.",
      max_items: "Tes berhenti setelah jumlah soal terbanyak.",
      bank_exhausted: "Tes berhenti karena semua soal sudah diberikan.",
    },
    answered: "Soal yang dikerjakan",
    theta: "Perkiraan kemampuan (θ, skala IRT; 0 = rata-rata)",
    se: "Kesalahan baku (SE)",
    estimator: "Cara menghitung",
    estimators: { eap: "EAP (rata-rata posterior)", map: "MAP", ml: "kemungkinan maksimum", wle: "WLE" },
    fallback: "dipakai karena semua jawaban sama benar atau sama salah",
    doneNote: "Angka ini perkiraan dengan parameter sementara. Bicarakan dengan konselor; hasil ini bukan untuk menyaring orang.",
    restart: "Mulai lagi",
    retry: "Kirim lagi",
    resumed: "Tes dilanjutkan dari soal terakhir.",
    failed: "Maaf, tes tidak dapat dimuat. Periksa sambungan lalu muat ulang halaman.",
  },
  en: {
    ...CHROME.en,
    provisional: "This test is provisional: its question parameters were set by the item writers and not yet tried on respondents. Use the results to talk with a counsellor, not to screen people out.",
    introTitle: "How this test works",
    intro: "Questions are chosen one at a time from your answers: after a right answer the next one is a little harder, after a wrong one a little easier. The test stops as soon as the estimate is precise enough, usually after 11 to 20 questions (at least 8, at most 20).",
    start: "Start the test",
    count: (n, max) => `Question ${n} (at most ${max})`,
    answer: "Answer",
    skipItem: "Skip this question",
    choose: "Choose one answer, or skip this question.",
    doneTitle: "Test finished",
    stop: {
      se_reached: "The test stopped because the estimate of your ability is precise enough.",
      max_items: "The test stopped after the largest number of questions.",
      bank_exhausted: "The test stopped because every question has been given.",
    },
    answered: "Questions answered",
    theta: "Ability estimate (θ, IRT scale; 0 = average)",
    se: "Standard error (SE)",
    estimator: "Method",
    estimators: { eap: "EAP (posterior mean)", map: "MAP", ml: "maximum likelihood", wle: "WLE" },
    fallback: "used because every answer was right, or every answer wrong",
    doneNote: "These figures are estimates with provisional parameters. Talk them over with a counsellor; they are not for screening people out.",
    restart: "Start again",
    retry: "Send again",
    resumed: "The test goes on from the last question.",
    failed: "Sorry, the test could not be loaded. Check the connection and reload the page.",
  },
};

/** What changes when the service scores: where the answers go, and what can go wrong on the way. */
const SERVICE = {
  id: {
    ready: "Jawaban dinilai di server; kunci jawaban tidak dikirim ke perangkat Anda.",
    footer: "Jawaban tes ini dikirim ke layanan penilaian dan dinilai di sana; hasilnya disimpan oleh layanan itu. Kunci jawaban tidak pernah dikirim ke perangkat Anda.",
    languages: { id: "Bahasa Indonesia", en: "bahasa Inggris" },
    keepsLanguage: (name) => `Soal tes yang sedang berjalan tetap dalam ${name}, bahasa saat tes dimulai. Tes baru akan memakai Bahasa Indonesia.`,
    notStarted: "Tes belum dapat dimulai: layanan penilaian tidak menjawab. Coba lagi sebentar lagi.",
    stepFailed: {
      offline: "Jawaban belum terkirim karena sambungan terputus. Jawaban Anda tetap tersimpan; tekan “Kirim lagi”.",
      unavailable: "Layanan penilaian sedang sibuk atau bermasalah. Jawaban Anda tetap tersimpan; tekan “Kirim lagi”.",
      expired: "Tes ini sudah kedaluwarsa atau tidak dikenali layanan, jadi tidak dapat dilanjutkan. Silakan mulai tes baru.",
      replayed: "Soal ini sudah dijawab dengan jawaban lain (mungkin di tab atau perangkat lain), jadi tes ini tidak dapat dilanjutkan. Silakan mulai tes baru.",
      refused: "Layanan penilaian menolak jawaban ini. Silakan mulai tes baru.",
    },
  },
  en: {
    ready: "Answers are scored on the service; the answer keys never reach your device.",
    footer: "The answers to this test are sent to the scoring service and scored there; the service keeps the result. The answer keys are never sent to your device.",
    languages: { id: "Indonesian", en: "English" },
    keepsLanguage: (name) => `The questions of the test under way stay in ${name}, the language it started in. A new test will use English.`,
    notStarted: "The test could not start: the scoring service did not answer. Try again in a moment.",
    stepFailed: {
      offline: "The answer was not sent: the connection dropped. Your answer is kept; press “Send again”.",
      unavailable: "The scoring service is busy or has a problem. Your answer is kept; press “Send again”.",
      expired: "This test has expired or the service does not recognise it, so it cannot go on. Please start a new test.",
      replayed: "This question was already answered with another answer (perhaps in another tab or on another device), so this test cannot go on. Please start a new test.",
      refused: "The scoring service refused this answer. Please start a new test.",
    },
  },
};

const state = {
  lang: savedLanguage(),
  /** "local" or "service", once known. */
  mode: null,
  // Local mode: the loaded instrument, its item bank and item views.
  instrument: null,
  bank: null,
  views: null,
  viewsKey: null,
  outcome: null,
  // Service mode: the instrument's public info by language, and the test
  // (`{ lang, token, item, progress, sent? }` or `{ lang, progress, result }`).
  infos: {},
  served: null,
  /** Why the last step did not go through (a key of `stepFailed`), while it has not. */
  failure: null,
  busy: false,
};
const strings = () => (state.mode === "service" ? { ...UI[state.lang], ...SERVICE[state.lang] } : UI[state.lang]);
const t = (key, ...args) => {
  const v = strings()[key];
  return typeof v === "function" ? v(...args) : v;
};

function renderChrome() {
  applyChrome(strings(), state.lang);
  if (state.instrument) showInstrument(state.instrument, state.lang);
  else if (state.infos[state.lang]) showInstrument({ info: () => state.infos[state.lang] }, state.lang);
}

function show(section) {
  for (const id of ["intro", "question", "done"]) $(id).hidden = id !== section;
}

// ---- local mode: the engine in the browser ---------------------------------

/** The items as the engine localises them, options in the session's seeded order. */
function view(id) {
  const key = `${state.lang}:${state.outcome.session.seed}`;
  if (state.viewsKey !== key) {
    const seed = state.outcome.session.seed;
    state.views = new Map(state.instrument.items(state.lang, { seed }).map((v) => [v.id, v]));
    state.viewsKey = key;
  }
  return state.views.get(id);
}

/** Loads the engine and the instrument (keys included): local mode only. */
async function loadLocal() {
  const [engine, text] = await Promise.all([
    import("./pkg/web/assess_wasm.js"),
    fetch("./instruments/aptitude.toml").then((r) => {
      if (!r.ok) throw new Error(`instruments/aptitude.toml: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  await engine.default();
  state.instrument = engine.loadInstrument(text);
  state.bank = new engine.CatBank(state.instrument);
}

function localStart() {
  // The caller chooses the seed; the same seed and answers give the same test.
  const seed = crypto.getRandomValues(new Uint32Array(1))[0];
  localAdvance(state.bank.start(CONFIG, seed));
}

function localAnswer(value) {
  const session = JSON.stringify(state.outcome.session);
  localAdvance(state.bank.step(session, JSON.stringify(value)));
}

function localAdvance(text) {
  state.outcome = JSON.parse(text);
  sessionStorage.setItem(STORED.local, text);
  render();
  focusCurrent();
}

// ---- service mode: the engine on the service ---------------------------------

/** True when an assessment service answers at ./v1/health within PROBE_MS. */
async function serviceAnswers() {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PROBE_MS);
  try {
    const r = await fetch("./v1/health", { signal: abort.signal, cache: "no-store" });
    if (r.status !== 200) return false;
    return (await r.json()).status === "ok";
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends JSON to the service; resolves to `{ status, body }` (`body` is null
 * when the answer is not JSON), rejects when the connection fails or no
 * answer came in `ms`.
 */
async function call(path, body, ms = STEP_MS) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const r = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
      signal: abort.signal,
    });
    let json = null;
    try {
      json = await r.json();
    } catch {
      // Not JSON: a proxy's error page. The status says enough.
    }
    return { status: r.status, body: json };
  } finally {
    clearTimeout(timer);
  }
}

/** The instrument's public info (title, description, instructions) in `lang`; never fatal. */
async function loadInfo(lang) {
  try {
    const r = await fetch(`./v1/instruments/aptitude?lang=${lang}`, { cache: "no-store" });
    if (r.ok) state.infos[lang] = await r.json();
  } catch (e) {
    console.warn("instrument info unavailable", e);
  }
}

function save() {
  sessionStorage.setItem(STORED.service, JSON.stringify(state.served));
}

/** Takes a start or step response: the next question, or the result. */
function serviceAdvance(body, lang) {
  state.failure = null;
  state.served = body.done
    ? { lang, progress: body.progress, result: body.result }
    : { lang, token: body.token, item: body.item, progress: body.progress };
  save();
  render();
  focusCurrent();
}

async function serviceStart() {
  if (state.busy) return;
  state.busy = true;
  const lang = state.lang;
  try {
    const r = await call("./v1/cat/aptitude/start", { language: lang });
    if (r.status !== 200 || !r.body?.item) throw new Error(`start: HTTP ${r.status} ${r.body?.error?.kind ?? ""}`);
    serviceAdvance(r.body, lang);
  } catch (e) {
    console.warn(e);
    $("status").textContent = t("notStarted");
  } finally {
    state.busy = false;
  }
}

function serviceAnswer(value) {
  if (state.busy) return;
  // Kept until the service has answered, across reloads: resending the
  // same answer with the same token is safe (the service answers it again
  // with the same next question), so a dropped connection loses nothing.
  state.served.sent = value;
  save();
  send();
}

async function send() {
  const { token, sent, lang } = state.served;
  state.busy = true;
  $("question").setAttribute("aria-busy", "true");
  let r;
  try {
    r = await call("./v1/cat/step", { token, answer: sent });
  } catch (e) {
    console.warn("step not sent", e);
    stepFailed("offline");
    return;
  } finally {
    state.busy = false;
    $("question").removeAttribute("aria-busy");
  }
  if (r.status === 200 && r.body && (r.body.item || r.body.result)) {
    serviceAdvance(r.body, lang);
    return;
  }
  const kind = r.body?.error?.kind;
  console.warn(`step refused: HTTP ${r.status} ${kind ?? ""}`);
  if (r.status === 409 && kind === "replayed") stepFailed("replayed");
  else if (r.status === 401) stepFailed("expired");
  else if (r.status === 429 || r.status >= 500) stepFailed("unavailable");
  else stepFailed("refused");
}

/**
 * A step that did not go through: the answer stays chosen (and locked, as
 * it is what will be sent again); a passing problem offers to send it
 * again, one the test cannot get past offers a new test.
 */
function stepFailed(reason) {
  const again = reason === "offline" || reason === "unavailable";
  state.failure = reason;
  lockAnswer(state.served.sent);
  $("question-error").textContent = t("stepFailed")[reason];
  $("question-error").hidden = false;
  $("retry").hidden = !again;
  $("start-over").hidden = again;
  $(again ? "retry" : "start-over").focus();
}

/** Shows `value` as the chosen answer and stops it from being changed (or, with no value, unlocks). */
function lockAnswer(value) {
  const locked = value !== undefined;
  for (const input of $("answers").querySelectorAll("input")) {
    if (locked) input.checked = input.value === value;
    input.disabled = locked;
  }
  $("submit-answer").hidden = locked;
  $("skip-item").hidden = locked;
}

// ---- both modes ----------------------------------------------------------------

/** The test as the page shows it: `{ item, given, max, lang }`, `{ result }` or null (not started). */
function current() {
  if (state.mode === "service") {
    const s = state.served;
    if (!s) return null;
    if (s.item) return { item: s.item, given: s.progress.given, max: s.progress.max, lang: s.lang };
    return { result: s.result };
  }
  const o = state.outcome;
  if (!o) return null;
  if (o.next) {
    return { item: view(o.next.id), given: o.session.administered.length, max: o.session.config.max_items, lang: state.lang };
  }
  const e = o.estimate;
  return {
    result: {
      stop: o.stop,
      items: o.session.administered.length,
      theta: e.theta,
      se: e.se,
      estimator: e.estimator,
      fallback: e.fallback,
    },
  };
}

function renderQuestion({ item, given, max, lang }) {
  $("count").textContent = t("count", given + 1, max);
  // The question keeps the language its test started in (service mode);
  // screen readers read it in that language.
  $("question-set").lang = lang;
  $("question-text").textContent = item.text;
  const figure = $("figure");
  figure.replaceChildren();
  if (item.figure) figure.append(figureImage(item.figure));
  $("answers").replaceChildren(
    ...item.options.map((o) =>
      el("label", { class: "choice" }, radio("answer", o.value, false), el("span", { text: o.label }))),
  );
  $("question-error").hidden = true;
  $("retry").hidden = true;
  $("start-over").hidden = true;
  lockAnswer(undefined);
  show("question");
}

function renderDone(result) {
  $("stopped").textContent = t("stop")[result.stop] ?? "";
  $("answered").textContent = String(result.items);
  const number = new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  $("theta").textContent = number.format(result.theta);
  $("se").textContent = number.format(result.se);
  const method = t("estimators")[result.estimator] ?? result.estimator;
  $("estimator").textContent = result.fallback ? `${method}, ${t("fallback")}` : method;
  show("done");
}

function render() {
  const now = current();
  if (!now) show("intro");
  else if (now.item) renderQuestion(now);
  else renderDone(now.result);
}

function focusCurrent() {
  const now = current();
  if (now?.item) $("answers").querySelector("input").focus();
  else if (now) $("done-title").focus();
}

function start() {
  if (state.mode === "service") serviceStart();
  else localStart();
}

function answer(value) {
  if (state.mode === "service") serviceAnswer(value);
  else localAnswer(value);
}

function startOver() {
  sessionStorage.removeItem(STORED[state.mode]);
  state.outcome = null;
  state.served = null;
  state.failure = null;
  show("intro");
  $("status").textContent = t("ready");
  $("start").focus();
}

/** The test saved in this tab, if any (a broken one is dropped). */
function restore() {
  const saved = sessionStorage.getItem(STORED[state.mode]);
  if (!saved) return;
  try {
    if (state.mode === "service") {
      const s = JSON.parse(saved);
      if (!s.lang || !s.progress || !(s.item ? s.token : s.result)) throw new Error("not a saved test");
      state.served = s;
    } else {
      state.outcome = JSON.parse(saved);
    }
  } catch {
    sessionStorage.removeItem(STORED[state.mode]);
  }
}

function switchLanguage(lang) {
  state.lang = lang;
  renderChrome();
  if (!state.mode) return;
  // A step in flight or failed keeps its locked answer and message.
  const waiting = state.mode === "service" && state.served?.sent !== undefined;
  if (!waiting) render();
  else {
    $("count").textContent = t("count", state.served.progress.given + 1, state.served.progress.max);
    if (state.failure) $("question-error").textContent = t("stepFailed")[state.failure];
  }
  const test = state.mode === "service" && state.served?.item ? state.served.lang : null;
  $("status").textContent = test && test !== lang ? t("keepsLanguage", t("languages")[test]) : t("ready");
}

async function main() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => switchLanguage(b.dataset.lang));
  }
  renderChrome();
  const mode = (await serviceAnswers()) ? "service" : "local";
  try {
    // Both languages' info now, so that the language switch is instant.
    if (mode === "service") await Promise.all(Object.keys(UI).map(loadInfo));
    else await loadLocal();
  } catch (e) {
    $("status").textContent = t("failed");
    console.error(e);
    return;
  }
  state.mode = mode;
  restore();
  renderChrome();
  render();
  $("start").addEventListener("click", start);
  $("question").addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = $("answers").querySelector("input:checked");
    if (!chosen) {
      $("question-error").textContent = t("choose");
      $("question-error").hidden = false;
      $("answers").querySelector("input").focus();
      return;
    }
    answer(chosen.value);
  });
  $("skip-item").addEventListener("click", () => answer("skipped"));
  $("retry").addEventListener("click", () => {
    if (!state.busy) send();
  });
  $("start-over").addEventListener("click", startOver);
  $("restart").addEventListener("click", startOver);
  const resumed = Boolean(current()?.item);
  $("status").textContent = resumed ? t("resumed") : t("ready");
  document.body.dataset.ready = "true";
  if (mode === "service") {
    // A reload while an answer was on its way: send it again (safe, see
    // serviceAnswer). No service worker: scoring needs the service, and
    // the worker would download the engine this mode does not use.
    if (state.served?.sent !== undefined) {
      lockAnswer(state.served.sent);
      send();
    }
  } else if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((e) => console.warn("offline cache unavailable", e));
  }
}

main();
