// overview.js: the O key: every slide of the page as a thumbnail; click one,
// or move with the arrow keys and press Enter, to go there.

import { makeDialog, openDialog } from "./dialog.js";
import { button, element } from "./dom.js";
import { deck, show } from "./navigation.js";
import { fitThumbnail, releaseThumbnails, thumbnail } from "./thumbs.js";

let parts = null;

function item(slide, index) {
  const label = element("span", { className: "deck-overview__label" }, `${index + 1}. ${slide.title}`);
  const choose = button(
    { className: "deck-overview__item" },
    () => {
      parts.dialog.close();
      show(index);
    },
    thumbnail(slide),
    label,
  );
  if (index === deck.index) choose.setAttribute("aria-current", "step");
  return element("li", {}, choose);
}

// Arrow keys walk the grid as it is laid out: up and down jump a row.
function moveFocus(event, list) {
  const buttons = [...list.querySelectorAll(".deck-overview__item")];
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  const columns = buttons.filter((button) => button.offsetTop === buttons[0].offsetTop).length;
  const steps = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    Home: -at,
    End: buttons.length - 1 - at,
  };
  if (!(event.key in steps)) return;
  event.preventDefault();
  const target = Math.min(Math.max(at + steps[event.key], 0), buttons.length - 1);
  buttons[target].focus();
}

export function openOverview() {
  parts ??= makeDialog("overview", "Slides on this page");
  releaseThumbnails(parts.body);
  const list = element("ol", { className: "deck-overview__grid" }, ...deck.slides.map(item));
  list.addEventListener("keydown", (event) => moveFocus(event, list));
  parts.body.replaceChildren(list);
  openDialog(parts.dialog, list.querySelectorAll(".deck-overview__item")[deck.index]);
  list.querySelectorAll(".deck-thumb").forEach(fitThumbnail);
}
