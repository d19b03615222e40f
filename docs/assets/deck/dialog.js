// dialog.js: what the deck's modal dialogs share. <dialog>.showModal() keeps
// focus inside and closes on Esc; this adds a title, a close button, and
// puts focus back where it was when the dialog closes.

import { button, element } from "./dom.js";

export function makeDialog(name, title) {
  const heading = element("h2", { id: `deck-${name}-title` }, title);
  const dialog = element("dialog", {
    className: `deck-dialog deck-${name} md-typeset`,
    "aria-labelledby": heading.id,
  });
  const close = button({ className: "deck-dialog__close", "aria-label": "Close" }, () => dialog.close(), "×");
  const body = element("div", { className: "deck-dialog__body" });
  dialog.append(element("header", { className: "deck-dialog__header" }, heading, close), body);
  document.body.append(dialog);
  return { dialog, body };
}

export function openDialog(dialog, focusTarget) {
  const previous = document.activeElement;
  dialog.addEventListener(
    "close",
    () => {
      if (previous instanceof HTMLElement && previous.isConnected) {
        previous.focus({ preventScroll: true });
      }
    },
    { once: true },
  );
  dialog.showModal();
  focusTarget?.focus();
}

export function dialogIsOpen() {
  return document.querySelector("dialog.deck-dialog[open]") !== null;
}

export function closeDialogs() {
  document.querySelectorAll("dialog.deck-dialog[open]").forEach((dialog) => dialog.close());
}
