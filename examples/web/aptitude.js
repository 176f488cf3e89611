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
// are on the device.
//
// The end screen shows each domain's expected score at the overall ability
// estimate (the engine's `expectedDomainScores`, Bock, Thissen & Zimowski
// 1997; docs/irt.md, "Domain scores after an adaptive test"): its band,
// interpretation and next step, and its 95% range, worded as an estimate
// from general ability, not a measurement of the part. An adaptive test
// gives each domain about 5 of its 10 questions, too few to score the part
// on its own. In local mode the page computes them from θ and SE; in
// service mode the service's result carries them (`result.domains`, in the
// language the test started in). The classical score of the questions
// given (`Instrument.score`, local mode) stays in the counsellors' details.
import { $, CHROME, applyChrome, el, figureImage, radio, savedLanguage, showInstrument } from "./ui.js";

/**
 * The test's rules in local mode (the service's default too): 8–20 questions,
 * stop once the SE is 0.5 or less. With the shipped bank, 9 people in 10 stop
 * by the SE, after 14.6 questions on average (docs/irt.md, "The demo's
 * stopping rule").
 */
const CONFIG = {
  min_items: 8,
  max_items: 20,
  target_se: 0.5,
  exposure: { method: "randomesque", candidates: 3 },
  content: { method: "equal" },
};
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
    domainsNote: "Tes adaptif memilih soal dari keempat bagian secara bergantian, jadi setiap bagian hanya mendapat sebagian soalnya. Karena itu hasil per bagian diperkirakan dari kemampuan umum Anda.",
    level: (label) => `Tingkat: ${label}`,
    noLevel: "Belum ada tingkat",
    range: (pomp, lower, upper) => `Perkiraan dari kemampuan umum: ${pomp} dari 100 (rentang 95%: ${lower} sampai ${upper}).`,
    uncertain: "Rentang ini melewati batas tingkat, jadi tingkat ini belum pasti.",
    nextStep: (text) => `Langkah berikutnya: ${text}`,
    nextStepNoLevel: "Untuk mengetahui tingkat bagian ini, kerjakan semua soalnya bersama konselor.",
    noDomains: "Hasil per bagian tidak tersedia dari layanan penilaian; tanyakan kepada konselor.",
    interestLink: "Lihat hasil tes minat kerja Anda",
    detailsTitle: "Untuk konselor: angka perkiraan",
    answered: "Soal yang diberikan",
    theta: "Perkiraan kemampuan (θ, skala IRT; 0 = titik tengah)",
    se: "Kesalahan baku (SE)",
    interval: "Rentang 95% (θ ± 1,96 SE)",
    overallRule: "Di bawah rata-rata: seluruh rentang 95% di bawah 0; di atas rata-rata: seluruh rentang di atas 0; selain itu: sekitar rata-rata. Parameter soal masih sementara (penilaian penulis soal), jadi 0 belum berarti rata-rata peserta.",
    domainExpected: (name, pomp, lower, upper, bands) => `${name}: perkiraan ${pomp} dari 100 (POMP harapan pada θ), rentang 95% ${lower} sampai ${upper} (θ ± 1,96 SE); tingkat dalam rentang: ${bands}.`,
    domainScore: (name, pomp) => `${name}, soal yang diberikan saja: skor ${pomp} dari 100 (POMP).`,
    domainReason: (name, reason) => `${name}, soal yang diberikan saja: tidak dapat diberi tingkat (${reason}).`,
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
    domainsNote: "The adaptive test takes questions from the four parts in turn, so each part gets only some of its questions. The results by part are therefore estimated from your general ability.",
    level: (label) => `Level: ${label}`,
    noLevel: "No level yet",
    range: (pomp, lower, upper) => `Estimated from general ability: ${pomp} of 100 (95% range: ${lower} to ${upper}).`,
    uncertain: "This range crosses a level boundary, so the level is not yet certain.",
    nextStep: (text) => `Next step: ${text}`,
    nextStepNoLevel: "To learn your level in this part, take all its questions with a counsellor.",
    noDomains: "The results by part are not available from the scoring service; ask a counsellor.",
    interestLink: "See your work-interest results",
    detailsTitle: "For counsellors: the estimate in figures",
    answered: "Questions given",
    theta: "Ability estimate (θ, IRT scale; 0 = midpoint)",
    se: "Standard error (SE)",
    interval: "95% range (θ ± 1.96 SE)",
    overallRule: "Below average: the whole 95% range is below 0; above average: the whole range is above 0; otherwise around average. The item parameters are provisional (the item writers' judgement), so 0 is not yet the respondents' average.",
    domainExpected: (name, pomp, lower, upper, bands) => `${name}: expected ${pomp} of 100 (expected POMP at θ), 95% range ${lower} to ${upper} (θ ± 1.96 SE); levels in the range: ${bands}.`,
    domainScore: (name, pomp) => `${name}, the questions given only: score ${pomp} of 100 (POMP).`,
    domainReason: (name, reason) => `${name}, the questions given only: no level (${reason}).`,
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
  // Local mode: the engine's module, the loaded instrument, its item bank and item views.
  engine: null,
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
  /** The end screen's expected domain scores (`expectedDomainScores`), and the language they are in. */
  domains: null,
  domainsLang: null,
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
    import("./pkg/aptitude/assess_wasm.js"),
    fetch("./instruments/aptitude.toml").then((r) => {
      if (!r.ok) throw new Error(`instruments/aptitude.toml: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  await engine.default();
  state.engine = engine;
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
  localAdvance(state.bank.step(state.outcome.session, value));
}

function localAdvance(outcome) {
  state.outcome = outcome;
  sessionStorage.setItem(STORED.local, JSON.stringify(outcome));
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
    // The service's domains are in the language the test started in.
    return { result: { ...s.result, lang: s.lang } };
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
      domains: localDomains(e),
      lang: state.lang,
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

/**
 * Each domain's expected score at the final estimate (local mode), in the
 * page's language: computed again when the language changes; null when
 * the engine refused.
 */
function localDomains(estimate) {
  if (state.domainsLang === state.lang) return state.domains;
  state.domainsLang = state.lang;
  state.domains = null;
  try {
    state.domains = state.engine.expectedDomainScores(state.instrument, estimate.theta, estimate.se, state.lang);
  } catch (e) {
    console.error("the domain scores could not be worked out", e);
  }
  return state.domains;
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

/** Percent figures on the end screen: one decimal, a decimal comma in Indonesian. */
function percent() {
  return new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

/**
 * One domain as the engine expects it from the overall estimate: its band,
 * interpretation, range and next step; or, with no band, why not. `lang`
 * is the language of the engine's texts (the test's, in service mode),
 * marked on the entry when it is not the page's.
 */
function domainItem(domain, description, lang) {
  const p = percent();
  const children = [el("h4", { text: domain.name })];
  if (description) children.push(el("p", { class: "fit", text: description }));
  const band = domain.band;
  children.push(el("p", { class: "band", text: band ? t("level", band.label) : t("noLevel") }));
  if (band) children.push(el("p", { text: band.interpretation }));
  if (domain.status === "expected") {
    const i = domain.interval;
    children.push(el("p", { class: "range", text: t("range", p.format(domain.pomp), p.format(i.pomp_lower), p.format(i.pomp_upper)) }));
    if (band && !domain.band_certain) children.push(el("p", { class: "uncertain", text: t("uncertain") }));
  }
  if (!band && domain.reason) children.push(el("p", { text: domain.reason }));
  children.push(el("p", { class: "next", text: t("nextStep", band?.next_step ?? t("nextStepNoLevel")) }));
  const li = el("li", {}, ...children);
  if (lang !== state.lang) li.lang = lang;
  return li;
}

function renderDone(result) {
  $("stopped").textContent = t("stop")[result.stop] ?? "";
  const number = numbers();
  const p = percent();
  const all = result.domains ?? null;
  const domains = all ? all.filter((d) => d.scoring !== "composite") : [];
  // The overall estimate: in words, the composite's band and next step, then the figures for counsellors.
  const words = [t("overall", t("levels")[level(result.theta, result.se)], result.answered)];
  const composite = all?.find((d) => d.scoring === "composite" && d.band);
  if (composite && result.lang === state.lang) {
    words.push(`${t("level", composite.band.label)}.`);
    if (composite.band.next_step) words.push(t("nextStep", composite.band.next_step));
  }
  $("overall").textContent = words.join(" ");
  $("answered").textContent = String(result.items);
  $("theta").textContent = number.format(result.theta);
  $("se").textContent = number.format(result.se);
  $("interval").textContent = `${number.format(result.theta - Z95 * result.se)} – ${number.format(result.theta + Z95 * result.se)}`;
  const method = t("estimators")[result.estimator] ?? result.estimator;
  $("estimator").textContent = result.fallback ? `${method}, ${t("fallback")}` : method;
  // The domains, expected from the overall estimate by the engine (here,
  // or on the service). Descriptions only where they are in the domains' language.
  const info = state.instrument ? state.instrument.info(state.lang) : state.infos[state.lang];
  const described = new Map(result.lang === state.lang ? (info?.scales ?? []).map((s) => [s.id, s.description]) : []);
  $("domains").replaceChildren(...domains.map((d) => domainItem(d, described.get(d.id), result.lang)));
  $("domains").hidden = domains.length === 0;
  $("domains-note").textContent = domains.length > 0 ? t("domainsNote") : state.mode === "service" ? t("noDomains") : t("unscored");
  // For counsellors: the expected figures, and in local mode the classical
  // score of the questions given alone (most parts have too few for one).
  const details = domains.map((d) => {
    if (d.status !== "expected") return el("li", { text: t("domainReason", d.name, d.reason ?? "") });
    const i = d.interval;
    const item = el("li", {
      text: t("domainExpected", d.name, p.format(d.pomp), p.format(i.pomp_lower), p.format(i.pomp_upper), d.bands.join(", ") || "–"),
    });
    if (result.lang !== state.lang) item.lang = result.lang;
    return item;
  });
  const classical = result.report ? result.report.scales.filter((s) => s.scoring !== "composite") : [];
  for (const s of classical) {
    details.push(el("li", {
      text: s.pomp === null ? t("domainReason", s.name, s.reason ?? "") : t("domainScore", s.name, p.format(s.pomp)),
    }));
  }
  $("domain-details").replaceChildren(...details);
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
  state.domainsLang = null;
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
