// The adaptive aptitude demo: the shipped aptitude battery given as an
// adaptive test. The engine picks each next question from the answers so
// far (maximum information, randomesque exposure, the four domains in
// turn), updates the ability estimate and decides when to stop; this file
// only renders. The session is plain JSON kept in sessionStorage, so a
// reload (or a lost connection) resumes at the same question.
import init, { CatBank, loadInstrument } from "./pkg/web/assess_wasm.js";
import { $, CHROME, applyChrome, el, figureImage, radio, savedLanguage, showInstrument } from "./ui.js";

/** The test's rules: 8–15 questions, stop once the SE is 0.4 or less. */
const CONFIG = JSON.stringify({
  min_items: 8,
  max_items: 15,
  target_se: 0.4,
  exposure: { method: "randomesque", candidates: 3 },
  content: { method: "equal" },
});
const KEY = "assess-demo-cat";

const UI = {
  id: {
    ...CHROME.id,
    provisional: "Tes ini masih sementara: parameter soal ditetapkan oleh penulis soal, belum diuji pada peserta. Hasilnya bahan diskusi dengan konselor, bukan untuk menyaring orang.",
    introTitle: "Cara kerja tes ini",
    intro: "Soal dipilih satu per satu sesuai jawaban Anda: jika jawaban benar, soal berikutnya sedikit lebih sulit; jika salah, sedikit lebih mudah. Tes berhenti setelah 8 sampai 15 soal, begitu perkiraannya cukup tepat.",
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
    resumed: "Tes dilanjutkan dari soal terakhir.",
    failed: "Maaf, tes tidak dapat dimuat. Periksa sambungan lalu muat ulang halaman.",
  },
  en: {
    ...CHROME.en,
    provisional: "This test is provisional: its question parameters were set by the item writers and not yet tried on respondents. Use the results to talk with a counsellor, not to screen people out.",
    introTitle: "How this test works",
    intro: "Questions are chosen one at a time from your answers: after a right answer the next one is a little harder, after a wrong one a little easier. The test stops after 8 to 15 questions, as soon as the estimate is precise enough.",
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
    resumed: "The test goes on from the last question.",
    failed: "Sorry, the test could not be loaded. Check the connection and reload the page.",
  },
};

const state = { lang: savedLanguage(), instrument: null, bank: null, views: null, viewsKey: null, outcome: null };
const t = (key, ...args) => {
  const v = UI[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};

function renderChrome() {
  applyChrome(UI[state.lang], state.lang);
  if (!state.instrument) return;
  showInstrument(state.instrument, state.lang);
}

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

function show(section) {
  for (const id of ["intro", "question", "done"]) $(id).hidden = id !== section;
}

function renderQuestion() {
  const { session, next } = state.outcome;
  const item = view(next.id);
  $("count").textContent = t("count", session.administered.length + 1, session.config.max_items);
  $("question-text").textContent = item.text;
  const figure = $("figure");
  figure.replaceChildren();
  if (item.figure) figure.append(figureImage(item.figure));
  $("answers").replaceChildren(
    ...item.options.map((o) =>
      el("label", { class: "choice" }, radio("answer", o.value, false), el("span", { text: o.label }))),
  );
  $("question-error").hidden = true;
  show("question");
}

function renderDone() {
  const { session, estimate, stop } = state.outcome;
  $("stopped").textContent = t("stop")[stop] ?? "";
  $("answered").textContent = String(session.administered.length);
  const number = new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  $("theta").textContent = number.format(estimate.theta);
  $("se").textContent = number.format(estimate.se);
  const method = t("estimators")[estimate.estimator] ?? estimate.estimator;
  $("estimator").textContent = estimate.fallback ? `${method}, ${t("fallback")}` : method;
  show("done");
}

function render() {
  if (!state.outcome) show("intro");
  else if (state.outcome.next) renderQuestion();
  else renderDone();
}

function advance(text) {
  state.outcome = JSON.parse(text);
  sessionStorage.setItem(KEY, text);
  render();
  if (state.outcome.next) $("answers").querySelector("input").focus();
  else $("done-title").focus();
}

function answer(value) {
  const session = JSON.stringify(state.outcome.session);
  advance(state.bank.step(session, JSON.stringify(value)));
}

function start() {
  // The caller chooses the seed; the same seed and answers give the same test.
  const seed = crypto.getRandomValues(new Uint32Array(1))[0];
  advance(state.bank.start(CONFIG, seed));
}

async function main() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => {
      state.lang = b.dataset.lang;
      renderChrome();
      if (state.instrument) {
        render();
        $("status").textContent = t("ready");
      }
    });
  }
  renderChrome();
  try {
    const [, text] = await Promise.all([init(), fetch("./instruments/aptitude.toml").then((r) => r.text())]);
    state.instrument = loadInstrument(text);
    state.bank = new CatBank(state.instrument);
  } catch (e) {
    $("status").textContent = t("failed");
    console.error(e);
    return;
  }
  let resumed = false;
  const saved = sessionStorage.getItem(KEY);
  if (saved) {
    try {
      state.outcome = JSON.parse(saved);
      resumed = Boolean(state.outcome.next);
    } catch {
      sessionStorage.removeItem(KEY);
    }
  }
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
  $("restart").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    state.outcome = null;
    show("intro");
    $("start").focus();
  });
  $("status").textContent = resumed ? t("resumed") : t("ready");
  document.body.dataset.ready = "true";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((e) => console.warn("offline cache unavailable", e));
  }
}

main();
