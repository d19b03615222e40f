// material.js: the one module that knows Material for MkDocs' insides: its
// config block, its header, footer and search toggle, its one-key shortcuts,
// and the document$ and location$ streams of its instant navigation. When
// Material (or its successor) changes, this is the file to read again.

import { button } from "./dom.js";

export const ARTICLE = "article.md-content__inner";
export const CONTENT = ".md-content";
// Material's page furniture, which belongs to no slide and stays where it is.
export const FURNITURE = ".md-source-file, .md-content__button, .md-tags";
// Material's own one-key shortcuts (search, previous/next page) would pull the
// page out from under the deck, so they are stopped while a deck is shown.
export const MATERIAL_KEYS = new Set(["f", "s", "/", "n", "p", ",", "."]);

function config() {
  return JSON.parse(document.getElementById("__config")?.textContent ?? "{}");
}

// Material's base URL is relative to the page first loaded; the modules live
// as long as that page does, across instant navigation, so resolve it once.
export const siteRoot = (() => {
  const base = config().base ?? ".";
  return new URL(base.endsWith("/") ? base : `${base}/`, location.href);
})();

export function article() {
  return document.querySelector(ARTICLE);
}

// Calls back on the first page and on every page instant navigation swaps in.
export function onEveryPage(callback) {
  if (window.document$) window.document$.subscribe(() => callback());
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => callback());
  else callback();
}

function instantNavigation() {
  if (location.protocol === "file:" || !window.location$) return false;
  return (config().features ?? []).includes("navigation.instant");
}

// Instant navigation swaps pages without a reload, which keeps fullscreen
// alive. Its link interception only trusts URLs in sitemap.xml, which name
// the hosted site, not 127.0.0.1, so the URL goes to location$ directly,
// exactly as Material's own click handler does.
export function navigate(href) {
  if (!instantNavigation()) {
    location.assign(href);
    return;
  }
  history.replaceState({ x: scrollX, y: scrollY }, "");
  history.pushState(null, "", href);
  window.location$.next(new URL(href));
}

// The footer's link to the next page (direction 1) or the previous one (-1).
export function neighbourPage(direction) {
  return document.querySelector(direction > 0 ? ".md-footer__link--next" : ".md-footer__link--prev");
}

export function neighbourPageTitle(direction) {
  return neighbourPage(direction)?.querySelector(".md-ellipsis")?.textContent.trim() ?? "";
}

// A button in the header, styled as Material's own, just before search.
export function addHeaderButton({ className, icon, ...properties }, onPress) {
  const header = document.querySelector(".md-header__inner");
  if (!header || document.getElementById(properties.id)) return;
  const classes = `md-header__button md-icon ${className}`;
  const added = button({ className: classes, innerHTML: icon, ...properties }, onPress);
  header.insertBefore(added, header.querySelector('label[for="__search"]'));
}

export function searchIsOpen() {
  return document.getElementById("__search")?.checked === true;
}

// Material puts each code block's copy button in a <nav> at run time, where no
// template reaches: thirty unnamed navigation landmarks on a page would bury
// the real ones, so they become plain containers. With `content.lazy` a block
// gets its buttons when first scrolled into view, so each block's <pre> is
// watched for them.
const CODE_ACTIONS = "nav.md-code__nav";
const unlandmark = (nav) => nav.setAttribute("role", "none");
const codeActions = new MutationObserver((records) => {
  for (const { addedNodes } of records) {
    for (const node of addedNodes) if (node.matches?.(CODE_ACTIONS)) unlandmark(node);
  }
});

function unlandmarkCodeActions() {
  document.querySelectorAll(CODE_ACTIONS).forEach(unlandmark);
  for (const pre of document.querySelectorAll(".highlight > pre")) {
    codeActions.observe(pre, { childList: true });
  }
}

onEveryPage(unlandmarkCodeActions);

// A code block wider than its box scrolls sideways, so a keyboard must be able
// to focus it. Material marks such blocks focusable (where a pointer hovers, as
// it does) when it mounts them, and with `content.lazy` it mounts a block only
// once it is scrolled into view. Every block is checked here once, when the page
// has loaded: all sizes are read before any is marked, so the reads cost one
// layout, the one the next frame would have made anyway.
function focusScrollableCode() {
  if (!matchMedia("(hover)").matches) return;
  const blocks = [...document.querySelectorAll(".highlight > pre > code")];
  const scrollable = blocks.filter((code) => code.scrollWidth > code.offsetWidth);
  for (const code of scrollable) code.tabIndex = 0;
}

onEveryPage(() => {
  if (document.readyState === "complete") focusScrollableCode();
  else window.addEventListener("load", focusScrollableCode, { once: true });
});

// Material's palette toggle, driven here (overrides/partials/palette.html says
// why): the same inputs, the same stored choice (`__palette`, which the inline
// script of overrides/partials/javascripts/palette.html applies before the page
// is first drawn), but <body>'s colour attributes are written only when they
// change. Until the reader chooses, the palette follows the system's light or
// dark preference.
const PALETTE_KEY = "__palette";
// What the palette stylesheet reads from <body>; the stored choice also names
// its media query, which no style reads.
const DRAWN = ["scheme", "primary", "accent"];

function storedPalette() {
  try {
    return window.__md_get?.(PALETTE_KEY) ?? null;
  } catch {
    return null; // storage blocked: choices last as long as the page
  }
}

function colorsOf(input) {
  const { mdColorMedia: media, mdColorScheme: scheme, mdColorPrimary: primary, mdColorAccent: accent } =
    input.dataset;
  return { media, scheme, primary, accent };
}

function applyColors(colors) {
  const body = document.body;
  const changes = DRAWN.map((key) => [key, colors[key]]).filter(
    ([key, value]) => body.getAttribute(`data-md-color-${key}`) !== value,
  );
  if (!changes.length) return;
  // Material's stylesheet stops transitions while this attribute is set, so
  // a switch repaints at once instead of fading every colour separately.
  body.setAttribute("data-md-color-switching", "");
  for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, value);
  setTimeout(() => body.removeAttribute("data-md-color-switching"));
}

function mountPalette() {
  const form = document.querySelector("form[data-deck-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input.md-option")];
  const systemChoice = () => Math.max(0, inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches));
  const show = (index) => {
    inputs[index].checked = true;
    applyColors(colorsOf(inputs[index]));
    // Each input's label switches to the next palette; only the current one's is shown.
    inputs.forEach((input, at) => {
      if (input.nextElementSibling instanceof HTMLLabelElement) input.nextElementSibling.hidden = at !== index;
    });
  };
  // The inline script in the header has chosen and checked one before the first paint.
  const chosen = inputs.findIndex((input) => input.checked);
  show(chosen >= 0 ? chosen : systemChoice());

  form.addEventListener("change", (event) => {
    const index = inputs.indexOf(event.target);
    if (index < 0) return;
    show(index);
    window.__md_set?.(PALETTE_KEY, { index, color: colorsOf(inputs[index]) });
  });
  // The labels are what a pointer clicks; the keyboard reaches the hidden
  // radio, where Enter, like a click, moves on to the next palette.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.click();
    next.focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => {
    if (!storedPalette()) show(systemChoice());
  });
}

mountPalette();
