// goto.js: the G key: type a slide's number or part of its title, press Enter.

import { makeDialog, openDialog } from "./dialog.js";
import { button, element } from "./dom.js";
import { deck, show } from "./navigation.js";

let parts = null;
let input = null;
let list = null;

function matches(query) {
  const text = query.trim().toLowerCase();
  const indexes = deck.slides.map((_, index) => index);
  if (!text) return indexes;
  if (/^\d+$/.test(text)) {
    const index = Number(text) - 1;
    return index in deck.slides ? [index] : [];
  }
  return indexes.filter((index) => deck.slides[index].title.toLowerCase().includes(text));
}

function go(index) {
  parts.dialog.close();
  show(index);
}

function render() {
  const found = matches(input.value);
  list.replaceChildren(
    ...found.map((index) =>
      element("li", {}, button({}, () => go(index), `${index + 1}. ${deck.slides[index].title}`)),
    ),
  );
  if (!found.length) list.append(element("li", {}, "No slide matches."));
  return found;
}

function build() {
  parts = makeDialog("goto", "Go to slide");
  const label = element("label", { htmlFor: "deck-goto-input" }, "Slide number or words from its title");
  input = element("input", {
    id: "deck-goto-input",
    type: "text",
    autocomplete: "off",
    "aria-describedby": "deck-goto-matches-label",
  });
  const caption = element(
    "p",
    { id: "deck-goto-matches-label", className: "deck-goto__caption" },
    "Enter goes to the first match.",
  );
  list = element("ul", { className: "deck-goto__matches", "aria-live": "polite" });
  const form = element("form", {}, label, input, caption, list);
  input.addEventListener("input", render);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [first] = render();
    if (first !== undefined) go(first);
  });
  parts.body.append(form);
}

export function openGoto() {
  if (!parts) build();
  input.value = "";
  render();
  openDialog(parts.dialog, input);
}
