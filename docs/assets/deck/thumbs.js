// thumbs.js: scaled-down copies of slides, for the overview and the speaker view.
// A copy is laid out on a stage of the deck's design size (1280×720 px) and
// scaled to its frame, so it looks exactly like the slide, only smaller.

import { element } from "./dom.js";
import { fitSlide } from "./fit.js";
import { previewOf } from "./slides.js";

const DESIGN_WIDTH = 1280;

const resizer = new ResizeObserver((entries) => {
  for (const { target, contentRect } of entries) {
    target.style.setProperty("--thumb-scale", String(contentRect.width / DESIGN_WIDTH));
  }
});

export function thumbnail(slide) {
  const stage = element("div", { className: "deck-thumb__stage md-typeset" }, previewOf(slide));
  const frame = element("div", { className: "deck-thumb", inert: true, "aria-hidden": "true" }, stage);
  resizer.observe(frame);
  return frame;
}

// Call once the frame is in the document: a copy of a slide never shown
// has no fit of its own yet and is measured on its stage.
export function fitThumbnail(frame) {
  const copy = frame.querySelector(".slide");
  if (copy && !copy.style.getPropertyValue("--deck-fit")) fitSlide(copy);
}

export function releaseThumbnails(root) {
  root.querySelectorAll(".deck-thumb").forEach((frame) => resizer.unobserve(frame));
}
