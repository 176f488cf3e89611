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
//
// The local mode is labelled a practice test ("Latihan"): its answer keys
// are on the device. Its end screen scores the questions given as an
// answer set with the engine (`Instrument.score`; the questions not given
// are missing), and shows each domain's band and next step, or says that
// the domain had too few questions for a band, as the engine reports it.
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
/** sessionStorage, local mode: the answers given, by item id (the session keeps only right or wrong). */
const STORED_ANSWERS = "assess-demo-cat-answers";
/** The 95% interval the overall estimate is described by: θ ± 1.96 SE. */
const Z95 = 1.96;
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
    practiceTag: "Latihan",
    practice: "Tes ini dinilai di perangkat Anda, jadi kunci jawabannya juga ada di perangkat ini: pakailah untuk berlatih saja. Tes yang hasilnya dipakai dinilai di server penilaian, yang menyimpan kuncinya.",
    answer: "Jawab",
    skipItem: "Lewati soal ini",
    choose: "Pilih satu jawaban, atau lewati soal ini.",
    doneTitle: "Hasil latihan",
    finished: "Tes latihan selesai. Hasil Anda ada di bawah.",
    stop: {
      se_reached: "Tes berhenti karena perkiraan kemampuan Anda sudah cukup tepat.",
      max_items: "Tes berhenti setelah jumlah soal terbanyak.",
      bank_exhausted: "Tes berhenti karena semua soal sudah diberikan.",
    },
    overallTitle: "Kemampuan umum",
    levels: { below: "di bawah rata-rata", around: "sekitar rata-rata", above: "di atas rata-rata" },
    overall: (level, n) => `Perkiraan kemampuan umum Anda: ${level}. Perkiraan ini dihitung dari jawaban Anda atas ${n} soal; rata-rata di sini adalah titik tengah skala soal, belum dibandingkan dengan peserta lain.`,
    domainsTitle: "Hasil per bagian",
    domainsNote: "Tes adaptif memilih soal dari keempat bagian secara bergantian, jadi setiap bagian hanya mendapat sebagian soalnya.",
    level: (label) => `Tingkat: ${label}`,
    noLevel: "Belum ada tingkat",
    tooFew: (n, items) => `Anda menjawab ${n} dari ${items} soal bagian ini: terlalu sedikit untuk menentukan tingkat.`,
    partly: (n, items) => `Dihitung dari ${n} dari ${items} soal bagian ini.`,
    nextStep: (text) => `Langkah berikutnya: ${text}`,
    nextStepNoLevel: "Untuk mengetahui tingkat bagian ini, kerjakan semua soalnya bersama konselor.",
    noDomains: "Layanan penilaian menyimpan satu perkiraan kemampuan umum untuk tes adaptif; hasil per bagian tidak dihitung.",
    interestLink: "Lihat hasil tes minat kerja Anda",
    detailsTitle: "Untuk konselor: angka perkiraan",
    answered: "Soal yang diberikan",
    theta: "Perkiraan kemampuan (θ, skala IRT; 0 = titik tengah)",
    se: "Kesalahan baku (SE)",
    interval: "Rentang 95% (θ ± 1,96 SE)",
    overallRule: "Di bawah rata-rata: seluruh rentang 95% di bawah 0; di atas rata-rata: seluruh rentang di atas 0; selain itu: sekitar rata-rata. Parameter soal masih sementara (penilaian penulis soal), jadi 0 belum berarti rata-rata peserta.",
    domainScore: (name, pomp) => `${name}: skor ${pomp} dari 100 (POMP).`,
    domainReason: (name, reason) => `${name}: tidak dapat diberi tingkat (${reason}).`,
    estimator: "Cara menghitung",
    estimators: { eap: "EAP (rata-rata posterior)", map: "MAP", ml: "kemungkinan maksimum", wle: "WLE" },
    fallback: "dipakai karena semua jawaban sama benar atau sama salah",
    doneNote: "Angka ini perkiraan dengan parameter sementara. Bicarakan dengan konselor; hasil ini bukan untuk menyaring orang.",
    restart: "Mulai lagi",
    retry: "Kirim lagi",
    resumed: "Tes dilanjutkan dari soal terakhir.",
    failed: "Maaf, tes tidak dapat dimuat. Periksa sambungan lalu muat ulang halaman.",
    unscored: "Maaf, hasil per bagian tidak dapat dihitung.",
  },
  en: {
    ...CHROME.en,
    provisional: "This test is provisional: its question parameters were set by the item writers and not yet tried on respondents. Use the results to talk with a counsellor, not to screen people out.",
    introTitle: "How this test works",
    intro: "Questions are chosen one at a time from your answers: after a right answer the next one is a little harder, after a wrong one a little easier. The test stops as soon as the estimate is precise enough, usually after 11 to 20 questions (at least 8, at most 20).",
    start: "Start the test",
    count: (n, max) => `Question ${n} (at most ${max})`,
    practiceTag: "Practice",
    practice: "This test is scored on your device, so its answer keys are on this device too: use it for practice only. A test whose results count is scored on an assessment server, which keeps the keys.",
    answer: "Answer",
    skipItem: "Skip this question",
    choose: "Choose one answer, or skip this question.",
    doneTitle: "Practice results",
    finished: "The practice test is finished. Your results are below.",
    stop: {
      se_reached: "The test stopped because the estimate of your ability is precise enough.",
      max_items: "The test stopped after the largest number of questions.",
      bank_exhausted: "The test stopped because every question has been given.",
    },
    overallTitle: "General ability",
    levels: { below: "below average", around: "around average", above: "above average" },
    overall: (level, n) => `Your estimated general ability: ${level}. The estimate comes from your answers to ${n} questions; average here is the middle of the questions' scale, not yet compared with other people.`,
    domainsTitle: "Results by part",
    domainsNote: "The adaptive test takes questions from the four parts in turn, so each part gets only some of its questions.",
    level: (label) => `Level: ${label}`,
    noLevel: "No level yet",
    tooFew: (n, items) => `You answered ${n} of this part's ${items} questions: too few to set a level.`,
    partly: (n, items) => `From ${n} of this part's ${items} questions.`,
    nextStep: (text) => `Next step: ${text}`,
    nextStepNoLevel: "To learn your level in this part, take all its questions with a counsellor.",
    noDomains: "The scoring service keeps one estimate of general ability for an adaptive test; it does not score the parts.",
    interestLink: "See your work-interest results",
    detailsTitle: "For counsellors: the estimate in figures",
    answered: "Questions given",
    theta: "Ability estimate (θ, IRT scale; 0 = midpoint)",
    se: "Standard error (SE)",
    interval: "95% range (θ ± 1.96 SE)",
    overallRule: "Below average: the whole 95% range is below 0; above average: the whole range is above 0; otherwise around average. The item parameters are provisional (the item writers' judgement), so 0 is not yet the respondents' average.",
    domainScore: (name, pomp) => `${name}: score ${pomp} of 100 (POMP).`,
    domainReason: (name, reason) => `${name}: no level (${reason}).`,
    estimator: "Method",
    estimators: { eap: "EAP (posterior mean)", map: "MAP", ml: "maximum likelihood", wle: "WLE" },
    fallback: "used because every answer was right, or every answer wrong",
    doneNote: "These figures are estimates with provisional parameters. Talk them over with a counsellor; they are not for screening people out.",
    restart: "Start again",
    retry: "Send again",
    resumed: "The test goes on from the last question.",
    failed: "Sorry, the test could not be loaded. Check the connection and reload the page.",
    unscored: "Sorry, the results by part could not be scored.",
  },
};

/** What changes when the service scores: where the answers go, and what can go wrong on the way. */
const SERVICE = {
  id: {
    ready: "Jawaban dinilai di server; kunci jawaban tidak dikirim ke perangkat Anda.",
    doneTitle: "Tes selesai",
    finished: "Tes selesai. Hasilnya disimpan oleh layanan penilaian.",
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
    doneTitle: "Test finished",
    finished: "The test is finished. The scoring service keeps the result.",
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
  /** The answers given, by item id, for scoring the domains at the end. */
  answers: {},
  /** The end screen's report (`Instrument.score`), and the language it is in. */
  report: null,
  reportLang: null,
  // Service mode: the instrument's public info by language, and the test
  // (`{ lang, token, item, progress, sent? }` or `{ lang, progress, result }`).
  infos: {},
  served: null,
  /** Why the last step did not go through (a key of `stepFailed`), while it has not. */
  failure: null,
  busy: false,
  /** A reload resumed a test, and no question has been answered since. */
  resumed: false,
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
  // Practice: the keys are on this device (local mode only).
  $("practice").hidden = state.mode !== "local";
  if (state.mode === "local") document.title = `${document.title} (${t("practiceTag")})`;
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
  state.answers = {};
  // The caller chooses the seed; the same seed and answers give the same test.
  const seed = crypto.getRandomValues(new Uint32Array(1))[0];
  localAdvance(state.bank.start(CONFIG, seed));
}

function localAnswer(value) {
  state.answers[state.outcome.next.id] = value;
  const session = JSON.stringify(state.outcome.session);
  localAdvance(state.bank.step(session, JSON.stringify(value)));
}

function localAdvance(text) {
  state.outcome = JSON.parse(text);
  sessionStorage.setItem(STORED.local, text);
  sessionStorage.setItem(STORED_ANSWERS, JSON.stringify(state.answers));
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
      answered: o.session.administered.filter((a) => a.category !== null).length,
      report: localReport(),
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

/**
 * The questions given, scored by the engine as one answer set (local mode):
 * those not given are missing, and the engine says which domains that
 * leaves without a band. Scored again when the language changes (the
 * report's words are in its language); null when scoring failed.
 */
function localReport() {
  if (state.reportLang === state.lang) return state.report;
  state.reportLang = state.lang;
  state.report = null;
  try {
    const scored = state.instrument.score({ respondent_id: "latihan", answers: state.answers }, { language: state.lang });
    state.report = scored.report;
    scored.free();
  } catch (e) {
    console.error("the answers could not be scored", e);
  }
  return state.report;
}

/** The page's number format: two decimals, a decimal comma in Indonesian. */
function numbers() {
  return new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/**
 * The overall estimate in words: below or above average when the whole
 * 95% interval is on that side of 0 (the middle of the θ scale), around
 * average otherwise. The rule is shown to counsellors under the figures.
 */
function level(theta, se) {
  if (theta + Z95 * se < 0) return "below";
  if (theta - Z95 * se > 0) return "above";
  return "around";
}

/** One domain as the engine scored it: its band and next step, or why it has none. */
function domainItem(scale, description) {
  const children = [el("h4", { text: scale.name })];
  if (description) children.push(el("p", { class: "fit", text: description }));
  const band = scale.band;
  if (band) {
    children.push(el("p", { class: "band", text: t("level", band.label) }));
    children.push(el("p", { text: band.interpretation }));
    if (scale.status === "partial") children.push(el("p", { text: t("partly", scale.answered, scale.items) }));
    if (band.next_step) children.push(el("p", { class: "next", text: t("nextStep", band.next_step) }));
  } else {
    children.push(el("p", { class: "band", text: t("noLevel") }));
    children.push(el("p", { text: t("tooFew", scale.answered, scale.items) }));
    children.push(el("p", { class: "next", text: t("nextStep", t("nextStepNoLevel")) }));
  }
  return el("li", {}, ...children);
}

function renderDone(result) {
  $("stopped").textContent = t("stop")[result.stop] ?? "";
  const number = numbers();
  // The overall estimate: in words, then the figures for counsellors.
  const words = [t("overall", t("levels")[level(result.theta, result.se)], result.answered)];
  const report = result.report;
  const composite = report?.scales.find((s) => s.scoring === "composite" && s.band);
  if (composite) {
    words.push(t("level", composite.band.label));
    if (composite.band.next_step) words.push(t("nextStep", composite.band.next_step));
  }
  $("overall").textContent = words.join(" ");
  $("answered").textContent = String(result.items);
  $("theta").textContent = number.format(result.theta);
  $("se").textContent = number.format(result.se);
  $("interval").textContent = `${number.format(result.theta - Z95 * result.se)} – ${number.format(result.theta + Z95 * result.se)}`;
  const method = t("estimators")[result.estimator] ?? result.estimator;
  $("estimator").textContent = result.fallback ? `${method}, ${t("fallback")}` : method;
  // The domains, as the engine scored them (local mode only: the service
  // keeps one overall estimate).
  const domains = report ? report.scales.filter((s) => s.scoring !== "composite") : [];
  const described = new Map((state.instrument?.info(state.lang).scales ?? []).map((s) => [s.id, s.description]));
  $("domains").replaceChildren(...domains.map((s) => domainItem(s, described.get(s.id))));
  $("domains").hidden = domains.length === 0;
  $("domains-note").textContent =
    state.mode === "service" ? t("noDomains") : report ? t("domainsNote") : t("unscored");
  const whole = new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en", { maximumFractionDigits: 1 });
  $("domain-details").replaceChildren(
    ...domains.map((s) =>
      el("li", {
        text: s.pomp === null ? t("domainReason", s.name, s.reason ?? "") : t("domainScore", s.name, whole.format(s.pomp)),
      })),
  );
  show("done");
}

function render() {
  const now = current();
  if (!now) show("intro");
  else if (now.item) renderQuestion(now);
  else renderDone(now.result);
  $("status").textContent = statusLine(now);
}

/**
 * The status line for the test as it stands: finished, a test in another
 * language than the page's (service mode), resumed after a reload (until
 * the next answer), or ready.
 */
function statusLine(now = current()) {
  if (now?.result) return t("finished");
  const test = state.mode === "service" && state.served?.item ? state.served.lang : null;
  if (test && test !== state.lang) return t("keepsLanguage", t("languages")[test]);
  if (now?.item && state.resumed) return t("resumed");
  return t("ready");
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
  state.resumed = false;
  if (state.mode === "service") serviceAnswer(value);
  else localAnswer(value);
}

function startOver() {
  sessionStorage.removeItem(STORED[state.mode]);
  sessionStorage.removeItem(STORED_ANSWERS);
  state.answers = {};
  state.reportLang = null;
  state.resumed = false;
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
      state.answers = JSON.parse(sessionStorage.getItem(STORED_ANSWERS) ?? "{}") ?? {};
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
    $("status").textContent = statusLine();
  }
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
  state.resumed = Boolean(current()?.item);
  $("status").textContent = statusLine();
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
