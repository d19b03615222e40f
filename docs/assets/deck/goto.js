// goto.js: the G key: type a slide's number or part of its title, press Enter.

import { makeDialog, openDialog } from "./dialog.js";
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
    ...found.map((index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${index + 1}. ${deck.slides[index].title}`;
      button.addEventListener("click", () => go(index));
      const entry = document.createElement("li");
      entry.append(button);
      return entry;
    }),
  );
  if (!found.length) list.append(Object.assign(document.createElement("li"), { textContent: "No slide matches." }));
  return found;
}

function build() {
  parts = makeDialog("goto", "Go to slide");
  const form = document.createElement("form");
  const label = document.createElement("label");
  label.htmlFor = "deck-goto-input";
  label.textContent = "Slide number or words from its title";
  input = document.createElement("input");
  input.id = "deck-goto-input";
  input.type = "text";
  input.autocomplete = "off";
  input.setAttribute("aria-describedby", "deck-goto-matches-label");
  const caption = document.createElement("p");
  caption.id = "deck-goto-matches-label";
  caption.className = "deck-goto__caption";
  caption.textContent = "Enter goes to the first match.";
  list = document.createElement("ul");
  list.className = "deck-goto__matches";
  list.setAttribute("aria-live", "polite");
  form.append(label, input, caption, list);
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
