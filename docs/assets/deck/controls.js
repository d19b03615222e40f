// controls.js: what the audience sees around a slide: the Present button in
// Material's header, a progress bar, a small toolbar for mouse and touch, the
// blank screen, and a status line that tells screen readers which slide is up.

import { button, element } from "./dom.js";
import { addHeaderButton } from "./material.js";
import { deck, setBlank } from "./navigation.js";

const PRESENT_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
  '<path d="M2 3h20v2h-1v11h-6l1.5 5h-2l-1.5-5h-2L9.5 21h-2L9 16H3V5H2zm3 2v9h14V5zm5 1.5 5 3-5 3z"/>' +
  "</svg>";

let parts = null;

export function ensurePresentButton(onPress) {
  addHeaderButton(
    {
      id: "deck-present",
      className: "deck-present",
      title: "Present as slides (F)",
      icon: PRESENT_ICON,
      "aria-label": "Present as slides",
      "aria-keyshortcuts": "F",
    },
    onPress,
  );
}

function toolButton(label, text, onPress) {
  return button({ title: label, "aria-label": label }, onPress, text);
}

function build(actions) {
  const progress = element(
    "div",
    {
      className: "deck-progress",
      role: "progressbar",
      "aria-label": "Slides on this page",
      "aria-valuemin": "1",
    },
    element("div", { className: "deck-progress__bar" }),
  );
  const counter = element("span", { className: "deck-toolbar__counter" });
  const toolbar = element(
    "nav",
    { className: "deck-toolbar", "aria-label": "Slide controls" },
    // The progress bar belongs to the controls' landmark, like all the deck's furniture.
    progress,
    toolButton("Previous slide", "‹", actions.previous),
    counter,
    toolButton("Next slide", "›", actions.next),
    toolButton("Overview", "▦", actions.overview),
    toolButton("Keyboard shortcuts", "?", actions.help),
    toolButton("Leave the presentation", "✕", actions.leave),
  );
  const blank = element("div", { className: "deck-blank", hidden: true });
  blank.addEventListener("click", () => setBlank(false));
  const status = element("div", { className: "deck-status", role: "status" });

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
