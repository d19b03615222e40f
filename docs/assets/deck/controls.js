// controls.js: what the audience sees around a slide: the Present button in
// Material's header, a progress bar, a small toolbar for mouse and touch, the
// blank screen, and a status line that tells screen readers which slide is up.

import { deck, setBlank } from "./navigation.js";

const PRESENT_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
  '<path d="M2 3h20v2h-1v11h-6l1.5 5h-2l-1.5-5h-2L9.5 21h-2L9 16H3V5H2zm3 2v9h14V5zm5 1.5 5 3-5 3z"/>' +
  "</svg>";

let parts = null;

export function ensurePresentButton(onPress) {
  if (document.getElementById("deck-present")) return;
  const header = document.querySelector(".md-header__inner");
  if (!header) return;
  const button = document.createElement("button");
  button.type = "button";
  button.id = "deck-present";
  button.className = "md-header__button md-icon deck-present";
  button.title = "Present as slides (F)";
  button.setAttribute("aria-label", "Present as slides");
  button.setAttribute("aria-keyshortcuts", "F");
  button.innerHTML = PRESENT_ICON;
  button.addEventListener("click", onPress);
  header.insertBefore(button, header.querySelector('label[for="__search"]'));
}

function toolButton(label, text, onPress) {
  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.title = label;
  button.textContent = text;
  button.addEventListener("click", onPress);
  return button;
}

function build(actions) {
  const progress = document.createElement("div");
  progress.className = "deck-progress";
  progress.setAttribute("role", "progressbar");
  progress.setAttribute("aria-label", "Slides on this page");
  progress.setAttribute("aria-valuemin", "1");
  progress.append(Object.assign(document.createElement("div"), { className: "deck-progress__bar" }));

  const counter = document.createElement("span");
  counter.className = "deck-toolbar__counter";
  const toolbar = document.createElement("nav");
  toolbar.className = "deck-toolbar";
  toolbar.setAttribute("aria-label", "Slide controls");
  // The progress bar belongs to the controls' landmark, like all the deck's furniture.
  toolbar.append(
    progress,
    toolButton("Previous slide", "‹", actions.previous),
    counter,
    toolButton("Next slide", "›", actions.next),
    toolButton("Overview", "▦", actions.overview),
    toolButton("Keyboard shortcuts", "?", actions.help),
    toolButton("Leave the presentation", "✕", actions.leave),
  );

  const blank = document.createElement("div");
  blank.className = "deck-blank";
  blank.hidden = true;
  blank.addEventListener("click", () => setBlank(false));

  const status = document.createElement("div");
  status.className = "deck-status";
  status.setAttribute("role", "status");

  document.body.append(toolbar, blank, status);
  return { progress, counter, blank, status };
}

function update() {
  const { index, slides } = deck;
  const slide = slides[index];
  if (!parts || !slide) return;
  const place = `Slide ${index + 1} of ${slides.length}`;
  parts.progress.setAttribute("aria-valuemax", String(slides.length));
  parts.progress.setAttribute("aria-valuenow", String(index + 1));
  parts.progress.setAttribute("aria-valuetext", `${place}: ${slide.title}`);
  parts.progress.style.setProperty("--deck-progress", String((index + 1) / slides.length));
  parts.counter.textContent = `${index + 1} / ${slides.length}`;
  if (deck.mode === "present") parts.status.textContent = `${place}: ${slide.title}`;
}

export function mountAudienceChrome(actions) {
  parts ??= build(actions);
}

window.addEventListener("deck:show", update);
window.addEventListener("deck:blank", ({ detail }) => {
  if (parts) parts.blank.hidden = !(detail.on && deck.mode === "present");
});
