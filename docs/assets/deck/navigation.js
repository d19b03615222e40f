// navigation.js: the deck's state, which slide is shown, and the URL that names it.
// Slide changes rewrite the hash with replaceState so reload and sharing land
// on the same slide; page crossings go through Material's instant navigation
// (see visit), which keeps fullscreen alive across pages.

import { fitSlide, viewportKey } from "./fit.js";
import { LAST_SLIDE, hasSlides } from "./slides.js";
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

function instantNavigation() {
  if (location.protocol === "file:" || !window.location$) return false;
  const config = JSON.parse(document.getElementById("__config")?.textContent ?? "{}");
  return (config.features ?? []).includes("navigation.instant");
}

// Material's instant navigation swaps pages without a reload, which keeps
// fullscreen alive. Its link interception only trusts URLs in sitemap.xml,
// which name the hosted site, not 127.0.0.1, so the deck feeds the URL to
// Material's location$ directly, exactly as its own click handler does.
export function visit(href, by = "self") {
  sessionStorage.setItem(VISIT_KEY, by);
  deck.loading = true;
  if (!instantNavigation()) {
    location.assign(href);
    return;
  }
  history.replaceState({ x: scrollX, y: scrollY }, "");
  history.pushState(null, "", href);
  window.location$.next(new URL(href));
}

export function takeVisit() {
  const by = sessionStorage.getItem(VISIT_KEY);
  sessionStorage.removeItem(VISIT_KEY);
  return by;
}

// The nav may go on past the slides (the notebooks); the deck ends where the
// pages stop being Markdown pages with headings. Offline (file://) nothing can
// be fetched, so the page itself decides when it lands (see deck.js).
async function leadsToSlides(href) {
  if (location.protocol === "file:") return true;
  try {
    const response = await fetch(href);
    if (!response.ok) return false;
    const html = await response.text();
    return hasSlides(new DOMParser().parseFromString(html, "text/html"));
  } catch {
    return false;
  }
}

async function crossPage(direction) {
  const selector = direction > 0 ? ".md-footer__link--next" : ".md-footer__link--prev";
  const link = document.querySelector(selector);
  if (!link || deck.loading) return;
  deck.loading = true;
  const onward = await leadsToSlides(link.href);
  deck.loading = false;
  if (onward) visit(urlFor(link.href, deck.mode, direction > 0 ? "" : LAST_SLIDE));
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
