// slides.js: turns a rendered page into slides, and back again.
// Reading mode keeps Material's flat article so its TOC and #anchors work
// untouched; the wrapping into sections happens only while a deck is shown.

import { element } from "./dom.js";
import { ARTICLE, FURNITURE } from "./material.js";

export const LAST_SLIDE = "deck-last";

const HEADING_ANCHOR = "deckAnchor";

function headingText(heading) {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return copy.textContent.trim();
}

// Splits the article's child nodes into runs that each start at an H2; the
// run before the first H2 is the H1 block, i.e. the title slide.
function groupNodes(article) {
  const groups = [[]];
  for (const node of [...article.childNodes]) {
    if (node.nodeType === Node.ELEMENT_NODE && node.matches(FURNITURE)) continue;
    if (node.nodeName === "H2") groups.push([]);
    groups.at(-1).push(node);
  }
  return groups.filter((nodes) => nodes.some((node) => node.nodeType === Node.ELEMENT_NODE));
}

function wrap(nodes, index) {
  const heading = nodes.find((node) => node.nodeName === "H1" || node.nodeName === "H2");
  const section = element("section", {
    className: heading?.nodeName === "H2" ? "slide" : "slide slide--title",
    id: heading?.id || (index === 0 ? "title" : `slide-${index + 1}`),
  });
  if (heading?.id) {
    heading.dataset[HEADING_ANCHOR] = heading.id;
    heading.removeAttribute("id");
  }
  section.setAttribute("aria-roledescription", "slide");
  nodes[0].before(section);
  section.append(...nodes);
  const title = heading ? headingText(heading) : document.title;
  section.setAttribute("aria-label", title);
  return { section, id: section.id, title };
}

// A page made from Markdown has its headings straight in the article; a
// rendered notebook nests them in cells and is no part of the deck.
export function hasSlides(root) {
  return root.querySelector(`${ARTICLE} > :is(h1, h2)`) !== null;
}

export function buildSlides(article) {
  unbuildSlides(article);
  return groupNodes(article).map(wrap);
}

export function unbuildSlides(article) {
  for (const section of article.querySelectorAll(":scope > section.slide")) {
    section.replaceWith(...section.childNodes);
  }
  for (const heading of article.querySelectorAll(`[data-deck-anchor]`)) {
    heading.id = heading.dataset[HEADING_ANCHOR];
    delete heading.dataset[HEADING_ANCHOR];
  }
}

export function notesOf(slide) {
  return [...slide.section.querySelectorAll("details.notes")];
}

// A hash names a slide directly, or an element inside one (an H3, a footnote).
export function indexForHash(slides, hash) {
  const id = decodeURIComponent(hash.replace(/^#/, ""));
  if (id === LAST_SLIDE) return slides.length - 1;
  const target = id && document.getElementById(id);
  if (!target) return 0;
  const index = slides.findIndex(({ section }) => section.contains(target));
  return Math.max(index, 0);
}

// A copy for previews: no ids (they would clash), no notes, nothing focusable.
export function previewOf(slide) {
  const copy = slide.section.cloneNode(true);
  copy.removeAttribute("id");
  copy.removeAttribute("hidden");
  copy.removeAttribute("inert");
  copy.removeAttribute("aria-current");
  copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
  copy.querySelectorAll("details.notes").forEach((notes) => notes.remove());
  return copy;
}
