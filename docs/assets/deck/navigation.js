// navigation.js: the deck's state, which slide is shown, and the URL that names it.
// Slide changes rewrite the hash with replaceState so reload and sharing land
// on the same slide; page crossings go through Material's instant navigation
// (a same-site link click), which keeps fullscreen alive across pages.

import { fitSlide, viewportKey } from "./fit.js";
import { LAST_SLIDE } from "./slides.js";
import { post } from "./sync.js";

export const deck = { mode: "read", slides: [], index: 0, blank: false };

const MODES = ["present", "speaker"];
const VISIT_KEY = "async-survey-deck:visit";

export function modeFromUrl() {
  const params = new URLSearchParams(location.search);
  return MODES.find((mode) => params.has(mode)) ?? "read";
}

// A bare `?present` reads better in a shared link than `?present=`.
export function urlFor(href, mode, slideId) {
  const url = new URL(href, location.href);
  const params = new URLSearchParams(url.search);
  MODES.forEach((name) => params.delete(name));
  const rest = params.toString();
  const flag = mode === "read" ? "" : mode;
  const search = [rest, flag].filter(Boolean).join("&");
  url.search = search ? `?${search}` : "";
  if (slideId !== undefined) url.hash = slideId ? `#${slideId}` : "";
  return url.href;
}

export function replaceUrl(mode, slideId) {
  history.replaceState(history.state, "", urlFor(location.href, mode, slideId));
}

function emit(name, detail) {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

function applyVisibility(current) {
  deck.slides.forEach(({ section }, index) => {
    const shown = index === current;
    section.hidden = !shown;
    section.inert = !shown;
    if (shown) section.setAttribute("aria-current", "step");
    else section.removeAttribute("aria-current");
  });
}

export function show(index, { announce = true } = {}) {
  if (!deck.slides.length) return;
  deck.index = Math.min(Math.max(index, 0), deck.slides.length - 1);
  const slide = deck.slides[deck.index];
  applyVisibility(deck.index);
  if (deck.mode === "present") fitSlide(slide.section, viewportKey());
  replaceUrl(deck.mode, slide.id);
  if (deck.blank) setBlank(false, { announce });
  if (announce) announceSlide();
  emit("deck:show", { index: deck.index, slide });
}

export function announceSlide() {
  const slide = deck.slides[deck.index];
  if (slide) post({ type: "show", page: location.pathname, slide: slide.id });
}

export function setBlank(on, { announce = true } = {}) {
  deck.blank = on;
  if (announce) post({ type: "blank", on });
  emit("deck:blank", { on });
}

// Material intercepts clicks on links to its own pages; elsewhere (file://)
// the click is an ordinary navigation, which works as well, just slower.
export function visit(href, by = "self") {
  sessionStorage.setItem(VISIT_KEY, by);
  deck.loading = true;
  const link = document.createElement("a");
  link.href = href;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

export function takeVisit() {
  const by = sessionStorage.getItem(VISIT_KEY);
  sessionStorage.removeItem(VISIT_KEY);
  return by;
}

function crossPage(direction) {
  const selector = direction > 0 ? ".md-footer__link--next" : ".md-footer__link--prev";
  const link = document.querySelector(selector);
  if (!link) return;
  visit(urlFor(link.href, deck.mode, direction > 0 ? "" : LAST_SLIDE));
}

export function next() {
  if (deck.index < deck.slides.length - 1) show(deck.index + 1);
  else crossPage(1);
}

export function previous() {
  if (deck.index > 0) show(deck.index - 1);
  else crossPage(-1);
}

export function neighbourPageTitle(direction) {
  const selector = direction > 0 ? ".md-footer__link--next" : ".md-footer__link--prev";
  return document.querySelector(`${selector} .md-ellipsis`)?.textContent.trim() ?? "";
}
