// deck.js: the entry point. On every page (Material swaps pages without a
// reload; material.js says when one lands) it decides whether the page is
// read, presented (?present) or shown as the speaker view (?speaker); keys,
// sync and the other window-wide listeners are wired once, here.

// First: a shared link's edit is read from the URL's fragment, and the
// fragment cut back to the slide's anchor, before anything reads it.
import "./share.js";
import { BLANK, HELLO, SHOW, onDeckMessage, postHello } from "./channels.js";
import { mountAudienceChrome, ensurePresentButton } from "./controls.js";
import { closeDialogs, dialogIsOpen } from "./dialog.js";
import { fitSlide, viewportKey } from "./fit.js";
import { openGoto } from "./goto.js";
import { openHelp } from "./help.js";
import { actionFor, isTyping } from "./keys.js";
import { MATERIAL_KEYS, article, onEveryPage, searchIsOpen } from "./material.js";
import {
  announceSlide,
  deck,
  modeFromUrl,
  next,
  previous,
  replaceUrl,
  setBlank,
  show,
  takeVisit,
  urlFor,
  visit,
} from "./navigation.js";
import { openOverview } from "./overview.js";
import { buildSlides, hasSlides, indexForHash, unbuildSlides } from "./slides.js";
import { mountSpeaker } from "./speaker.js";


let pendingRemote = null;

function setModeAttributes(mode) {
  const root = document.documentElement;
  if (mode === "present") root.dataset.deck = "present";
  else delete root.dataset.deck;
  root.toggleAttribute("data-deck-speaker", mode === "speaker");
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else if (document.fullscreenEnabled && navigator.userActivation?.isActive !== false) {
    document.documentElement.requestFullscreen().catch(() => {});
  }
}

// Every slide is measured in idle time, so printing (and tools/pdf.py, which
// waits for data-fit-for on every slide) gets fitted slides, not just the seen ones.
function fitRemaining(page) {
  const pending = deck.slides.find(({ section }) => section.dataset.fitFor !== viewportKey());
  if (!pending || deck.mode !== "present" || deck.page !== page) return;
  fitSlide(pending.section, viewportKey());
  requestIdleCallback(() => fitRemaining(page), { timeout: 200 });
}

function enter(mode, { fullscreen = false, announce = true } = {}) {
  const root = article();
  if (!root || !hasSlides(document)) {
    if (deck.mode !== "read") forget();
    replaceUrl("read");
    return;
  }
  deck.mode = mode;
  deck.page = location.pathname;
  deck.blank = false;
  deck.slides = buildSlides(root);
  setModeAttributes(mode);
  if (mode === "present") mountAudienceChrome(actions);
  else mountSpeaker();
  if (fullscreen) toggleFullscreen();
  show(indexForHash(deck.slides, location.hash), { announce });
  if (mode === "present") requestIdleCallback(() => fitRemaining(deck.page), { timeout: 200 });
}

function forget() {
  deck.mode = "read";
  deck.slides = [];
  deck.blank = false;
  setModeAttributes("read");
  window.dispatchEvent(new CustomEvent("deck:blank", { detail: { on: false } }));
}

function leave() {
  const slide = deck.slides[deck.index];
  closeDialogs();
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  const root = article();
  if (root) unbuildSlides(root);
  forget();
  replaceUrl("read", slide?.id);
  if (slide) document.getElementById(slide.id)?.scrollIntoView();
}

function openSpeaker() {
  const slide = deck.slides[deck.index];
  const url = urlFor(location.href, "speaker", slide?.id);
  window.open(url, "async-survey-speaker", "popup,width=1200,height=760");
}

const actions = {
  next,
  previous,
  first: () => show(0),
  last: () => show(deck.slides.length - 1),
  fullscreen: toggleFullscreen,
  leave: () => deck.mode === "present" && leave(),
  overview: openOverview,
  goto: openGoto,
  help: openHelp,
  speaker: () => deck.mode === "present" && openSpeaker(),
  blank: () => setBlank(!deck.blank),
  run: runSlide,
};

// R: what the slide's first Run (or Stop) button would do, without reaching for it.
function runSlide() {
  const slide = deck.slides[deck.index];
  slide?.section.querySelector(".example .live-run:not([hidden])")?.click();
}

function claim(event) {
  event.preventDefault();
  event.stopImmediatePropagation();
}

function onKeyDown(event) {
  if (event.defaultPrevented || isTyping(event.target) || searchIsOpen() || dialogIsOpen()) return;
  const action = actionFor(event);
  if (deck.mode === "read") {
    if (action === "fullscreen") {
      claim(event);
      enter("present", { fullscreen: true });
    }
    return;
  }
  if (action || MATERIAL_KEYS.has(event.key.toLowerCase())) claim(event);
  if (action && !deck.loading && slidesAreLive()) actions[action]();
}

function onRemote(message) {
  if (deck.mode === "read" || !message) return;
  if (message.type === BLANK) setBlank(Boolean(message.on), { announce: false });
  else if (deck.loading || !slidesAreLive()) {
    if (message.type === SHOW) pendingRemote = message;
  } else if (message.type === HELLO) {
    if (deck.mode === "present") announceSlide();
  } else if (message.type === SHOW) {
    if (message.page !== location.pathname) {
      visit(urlFor(message.page, deck.mode, message.slide), "remote");
      return;
    }
    const index = deck.slides.findIndex(({ id }) => id === message.slide);
    if (index >= 0 && index !== deck.index) show(index, { announce: false });
  }
}

// Material may swap in a fresh copy of the same page (it does on the first
// hash change after a load); until document$ says so, the old slides are gone.
function slidesAreLive() {
  return deck.slides[0]?.section.isConnected === true;
}

// In-page links and the back button change the hash; the deck follows it.
function followHash() {
  if (deck.mode === "read" || deck.loading || !slidesAreLive()) return;
  if (location.pathname !== deck.page) return;
  const index = indexForHash(deck.slides, location.hash);
  if (index !== deck.index) show(index);
}

function onPage() {
  deck.loading = false;
  closeDialogs();
  ensurePresentButton(() => enter("present", { fullscreen: true }));
  const mode = modeFromUrl();
  const visitedBy = takeVisit();
  if (mode === "read") {
    if (deck.mode !== "read") forget();
    return;
  }
  const fresh = visitedBy === null;
  enter(mode, { announce: visitedBy === "self" || (fresh && mode === "present") });
  if (fresh && mode === "speaker") postHello();
  const waiting = pendingRemote;
  pendingRemote = null;
  onRemote(waiting);
}

let resizeTimer = 0;
function onResize() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const slide = deck.slides[deck.index];
    if (deck.mode === "present" && slide) {
      fitSlide(slide.section, viewportKey());
      requestIdleCallback(() => fitRemaining(deck.page), { timeout: 200 });
    }
  }, 100);
}

window.addEventListener("keydown", onKeyDown, { capture: true });
window.addEventListener("hashchange", followHash);
window.addEventListener("popstate", followHash);
window.addEventListener("resize", onResize);
window.addEventListener("beforeprint", () => {
  if (deck.mode === "present") deck.slides.forEach(({ section }) => fitSlide(section, viewportKey()));
});
onDeckMessage(onRemote);
onEveryPage(onPage);
