// Small helpers the demo pages share: element building and the page chrome
// (language attribute, translated labels, the language toggle's state).

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
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
