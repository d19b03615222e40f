// help.js: the ? key: which key does what.

import { makeDialog, openDialog } from "./dialog.js";
import { element } from "./dom.js";

export const KEYS = [
  ["→  Space  Page Down  N", "next slide (past the last: the next page)"],
  ["←  Shift+Space  Page Up  P", "previous slide (before the first: the previous page)"],
  ["Home  End", "first or last slide of the page"],
  ["F", "fullscreen on or off"],
  ["Esc", "leave the presentation (in fullscreen: leave fullscreen first)"],
  ["O", "overview of the page's slides"],
  ["G", "go to a slide by number or title"],
  ["S", "open the speaker window"],
  ["B  .", "blank the screen, or bring it back"],
  ["R", "run the slide's example (again: stop it)"],
  ["?", "this help"],
];

let parts = null;

function build() {
  parts = makeDialog("help", "Keyboard shortcuts");
  const table = element("table");
  const head = table.createTHead().insertRow();
  for (const title of ["Keys", "Does"]) head.append(element("th", { scope: "col" }, title));
  const body = table.createTBody();
  for (const [keys, does] of KEYS) {
    const row = body.insertRow();
    const cell = row.insertCell();
    for (const key of keys.split("  ")) {
      cell.append(element("kbd", {}, key), " ");
    }
    row.insertCell().textContent = does;
  }
  parts.body.append(table);
}

export function openHelp() {
  if (!parts) build();
  openDialog(parts.dialog, parts.dialog.querySelector(".deck-dialog__close"));
}
