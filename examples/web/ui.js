// Small helpers the demo pages share: element building and the page chrome
// (language attribute, translated labels, the language toggle's state).

export const $ = (id) => document.getElementById(id);

/** The words every demo page shares: skip link, menus, status, footer. */
export const CHROME = {
  id: {
    skip: "Langsung ke isi",
    language: "Bahasa",
    pages: "Halaman",
    interestPage: "Minat kerja",
    aptitudePage: "Tes bakat adaptif",
    loading: "Memuat…",
    ready: "Siap. Jawaban Anda dinilai di perangkat ini.",
    footer: "Semua penilaian berjalan di perangkat Anda; jawaban tidak dikirim ke mana pun.",
  },
  en: {
    skip: "Skip to content",
    language: "Language",
    pages: "Pages",
    interestPage: "Work interests",
    aptitudePage: "Adaptive aptitude test",
    loading: "Loading…",
    ready: "Ready. Your answers are scored on this device.",
    footer: "All scoring runs on your device; your answers are not sent anywhere.",
  },
};

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/**
 * An item's figure, shown as an image: the SVG (already rewritten by the
 * engine's allow-list sanitiser when the instrument was loaded) becomes a
 * `data:` URL of an `<img>`. A browser runs no script of an SVG shown as an
 * image and fetches nothing it refers to, so even a bad figure that got
 * through could not act on the page. Never put figure markup in
 * `innerHTML`.
 */
export function figureImage(figure) {
  return el("img", {
    class: "figure",
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`,
    alt: figure.alt,
  });
}

/**
 * One questionnaire item as a list entry: a fieldset whose legend reads
 * "1. Memperbaiki …" (a space after the number, for screen readers) and
 * one radio per answer option, `answer` checked. The first page of the
 * interest questionnaire is rendered by this same function at build time
 * (site.mjs), so the page the HTML carries and the one the script renders
 * are the same markup.
 */
export function itemEntry(item, answer) {
  const legend = el("legend", {},
    el("span", { class: "num", text: `${item.position}.` }),
    " ",
    el("span", { class: "text", text: item.text }));
  const options = el("div", { class: "options" },
    ...item.options.map((o) =>
      el("label", { class: "choice" },
        radio(`q-${item.id}`, o.value, answer === o.value),
        el("span", { text: o.label }))));
  return el("li", {}, el("fieldset", { class: "item", id: `item-${item.id}` }, legend, options));
}

export function radio(name, value, checked) {
  const input = el("input", { type: "radio", name, value: String(value) });
  input.checked = checked;
  return input;
}

/** The language chosen on any demo page, remembered across pages. */
export function savedLanguage() {
  return localStorage.getItem("assess-demo-lang") === "en" ? "en" : "id";
}

/**
 * Sets the page's language: `lang` on <html>, every `data-t` element's
 * text from `strings`, and the toggle's pressed state; remembers it.
 */
export function applyChrome(strings, lang) {
  localStorage.setItem("assess-demo-lang", lang);
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-t]")) {
    const v = strings[node.dataset.t];
    if (typeof v === "string") node.textContent = v;
  }
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  }
}

/**
 * Shows an instrument's localised title, description and instructions in
 * the page's `title`, `description` and `instructions` elements; returns
 * its info (`Instrument.info`).
 */
export function showInstrument(instrument, lang) {
  const info = instrument.info(lang);
  document.title = `${info.title} — E-Makaryo`;
  $("title").textContent = info.title;
  if ($("description")) $("description").textContent = info.description ?? "";
  $("instructions").textContent = info.instructions ?? "";
  return info;
}
