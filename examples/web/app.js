// The E-Makaryo interest demo: loads the shipped RIASEC inventory and the
// job-family catalogue, lets a person answer in Bahasa Indonesia or
// English, scores locally with the WebAssembly engine and shows the
// Holland code, the RIASEC hexagon, the scale bands and the top job
// families. Every rule of scoring is in the engine; this file only renders.
import init, { loadCatalog, loadInstrument, recommend, Results } from "./pkg/web/assess_wasm.js";
import { $, CHROME, applyChrome, el, radio, savedLanguage, showInstrument } from "./ui.js";

const UI = {
  id: {
    ...CHROME.id,
    provisional: "Kuesioner ini masih sementara: belum diuji dan belum punya norma Jawa Tengah. Hasilnya bahan diskusi dengan konselor, bukan untuk menyaring orang.",
    formChoice: "Pilih panjang kuesioner",
    submit: "Lihat hasil",
    progress: (a, n) => `${a} dari ${n} pernyataan sudah dijawab.`,
    missing: (n) => `Masih ada ${n} pernyataan yang belum dijawab. Jawab semuanya untuk melihat hasil.`,
    results: "Hasil Anda",
    resultNote: "Hasil ini menunjukkan minat, bukan kemampuan. Bicarakan dengan konselor sebelum memilih pelatihan.",
    code: "Kode Holland Anda",
    hexCaption: "Profil minat pada segi enam RIASEC (0–100)",
    scales: "Skor per jenis minat",
    families: "Kelompok pekerjaan yang cocok",
    again: "Ubah jawaban",
    fit: (s) => `Kecocokan ${s} dari 100`,
    training: "Jalur pelatihan",
    hexTitle: "Segi enam RIASEC",
    hexDesc: (parts) => `Skor minat: ${parts}.`,
    failed: "Maaf, kuesioner tidak dapat dimuat. Periksa sambungan lalu muat ulang halaman.",
    scored: "Hasil sudah siap.",
  },
  en: {
    ...CHROME.en,
    provisional: "This questionnaire is provisional: not yet tried out and without Central Java norms. Use the results to talk with a counsellor, not to screen people out.",
    formChoice: "Choose the length of the questionnaire",
    submit: "See results",
    progress: (a, n) => `${a} of ${n} statements answered.`,
    missing: (n) => `${n} statements are not answered yet. Answer all of them to see your results.`,
    results: "Your results",
    resultNote: "These results show interests, not abilities. Talk with a counsellor before choosing training.",
    code: "Your Holland code",
    hexCaption: "Interest profile on the RIASEC hexagon (0–100)",
    scales: "Scores by interest type",
    families: "Job families that fit",
    again: "Change answers",
    fit: (s) => `Fit ${s} out of 100`,
    training: "Training routes",
    hexTitle: "RIASEC hexagon",
    hexDesc: (parts) => `Interest scores: ${parts}.`,
    failed: "Sorry, the questionnaire could not be loaded. Check the connection and reload the page.",
    scored: "Your results are ready.",
  },
};

const state = {
  lang: savedLanguage(),
  form: sessionStorage.getItem("assess-demo-form") ?? "pendek",
  answers: JSON.parse(sessionStorage.getItem("assess-demo-answers") ?? "{}"),
  instrument: null,
  catalog: null,
  showing: false,
};

const t = (key, ...args) => {
  const v = UI[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};
function save() {
  sessionStorage.setItem("assess-demo-answers", JSON.stringify(state.answers));
  sessionStorage.setItem("assess-demo-form", state.form);
}

function renderChrome() {
  applyChrome(UI[state.lang], state.lang);
  if (!state.instrument) return;
  const info = showInstrument(state.instrument, state.lang);
  const forms = $("forms");
  forms.replaceChildren(
    ...info.forms.map((f) =>
      el("label", { class: "choice" },
        radio("form", f.id, f.id === state.form),
        el("span", { text: `${f.name}` }))),
  );
}

function renderItems() {
  const items = state.instrument.items(state.lang, { form: state.form });
  state.itemIds = items.map((i) => i.id);
  $("items").replaceChildren(
    ...items.map((item) => {
      const fs = el("fieldset", { class: "item", id: `item-${item.id}` });
      const legend = el("legend", {},
        el("span", { class: "num", text: `${item.position}.` }),
        el("span", { text: item.text }));
      const options = el("div", { class: "options" },
        ...item.options.map((o) =>
          el("label", { class: "choice" },
            radio(`q-${item.id}`, o.value, state.answers[item.id] === o.value),
            el("span", { text: o.label }))));
      fs.append(legend, options);
      return el("li", {}, fs);
    }),
  );
  renderProgress();
}

function answeredCount() {
  return state.itemIds.filter((id) => state.answers[id] !== undefined).length;
}

function renderProgress() {
  $("progress").textContent = t("progress", answeredCount(), state.itemIds.length);
}

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

function renderResults() {
  const set = { respondent_id: "demo", form: state.form, answers: {} };
  for (const id of state.itemIds) set.answers[id] = state.answers[id];
  const scored = state.instrument.score(set, { language: state.lang });
  const report = scored.report;
  const profile = scored.profile;
  const byId = Object.fromEntries(report.scales.map((s) => [s.id, s]));
  const names = "RIASEC".split("").map((l) => byId[l].name);
  $("code").textContent = profile.holland.code;
  $("code-words").textContent = profile.holland.code
    .split("")
    .map((l) => byId[l].name)
    .join(" · ");
  const note = $("profile-note");
  note.hidden = !profile.note;
  note.textContent = profile.note ?? "";
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
  const results = new Results(scored);
  const recs = recommend(state.catalog, results, { language: state.lang, top: 5 });
  results.free();
  scored.free();
  $("families").replaceChildren(
    ...recs.families.map((f) =>
      el("li", {},
        el("h4", { text: f.name }),
        el("p", { class: "fit", text: t("fit", Math.round(f.score)) }),
        el("p", { text: f.explanation }),
        el("p", { text: `${t("training")}:` }),
        el("ul", {}, ...f.training.map((r) => el("li", { text: r.duration ? `${r.name} (${r.duration})` : r.name }))))),
  );
}

function onSubmit(event) {
  event.preventDefault();
  const missing = state.itemIds.filter((id) => state.answers[id] === undefined);
  const error = $("form-error");
  if (missing.length > 0) {
    error.hidden = false;
    error.textContent = t("missing", missing.length);
    document.querySelector(`#item-${missing[0]} input`).focus();
    return;
  }
  error.hidden = true;
  renderResults();
  state.showing = true;
  $("questionnaire").hidden = true;
  $("results").hidden = false;
  $("status").textContent = t("scored");
  $("results-title").focus();
}

function onChange(event) {
  const input = event.target;
  if (input.name === "form") {
    state.form = input.value;
    save();
    renderItems();
    return;
  }
  if (input.name.startsWith("q-")) {
    const value = Number(input.value);
    state.answers[input.name.slice(2)] = Number.isNaN(value) ? input.value : value;
    save();
    renderProgress();
  }
}

function setLanguage(lang) {
  state.lang = lang;
  renderChrome();
  if (state.instrument) {
    renderItems();
    if (state.showing) renderResults();
    $("status").textContent = t("ready");
  }
}

async function main() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => setLanguage(b.dataset.lang));
  }
  renderChrome();
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
    $("status").textContent = t("failed");
    console.error(e);
    return;
  }
  renderChrome();
  renderItems();
  $("questionnaire").hidden = false;
  $("questionnaire").addEventListener("change", onChange);
  $("questionnaire").addEventListener("submit", onSubmit);
  $("again").addEventListener("click", () => {
    state.showing = false;
    $("results").hidden = true;
    $("questionnaire").hidden = false;
    document.querySelector("#items input").focus();
  });
  $("status").textContent = t("ready");
  document.body.dataset.ready = "true";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((e) => console.warn("offline cache unavailable", e));
  }
}

main();
