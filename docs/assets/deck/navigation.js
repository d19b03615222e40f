// navigation.js: the deck's state, which slide is shown, and the URL that names it.
// Slide changes rewrite the hash with replaceState so reload and sharing land
// on the same slide; page crossings go through Material's instant navigation
// (see material.js, navigate), which keeps fullscreen alive across pages.

import { postBlank, postShow } from "./channels.js";
import { fitSlide, viewportKey } from "./fit.js";
import { navigate, neighbourPage } from "./material.js";
import { LAST_SLIDE, hasSlides } from "./slides.js";

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
  if (slide) postShow(location.pathname, slide.id);
}

export function setBlank(on, { announce = true } = {}) {
  deck.blank = on;
  if (announce) postBlank(on);
  emit("deck:blank", { on });
}

// Who asked for the next page (this window, or the other one), for deck.js
// to read once that page has landed.
export function visit(href, by = "self") {
  sessionStorage.setItem(VISIT_KEY, by);
  deck.loading = true;
  navigate(href);
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
  const link = neighbourPage(direction);
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
