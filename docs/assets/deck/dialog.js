// dialog.js: what the deck's modal dialogs share. <dialog>.showModal() keeps
// focus inside and closes on Esc; this adds a title, a close button, and
// puts focus back where it was when the dialog closes.

export function makeDialog(name, title) {
  const dialog = document.createElement("dialog");
  dialog.className = `deck-dialog deck-${name} md-typeset`;
  const header = document.createElement("header");
  header.className = "deck-dialog__header";
  const heading = document.createElement("h2");
  heading.id = `deck-${name}-title`;
  heading.textContent = title;
  dialog.setAttribute("aria-labelledby", heading.id);
  const close = document.createElement("button");
  close.type = "button";
  close.className = "deck-dialog__close";
  close.setAttribute("aria-label", "Close");
  close.textContent = "×";
  close.addEventListener("click", () => dialog.close());
  header.append(heading, close);
  const body = document.createElement("div");
  body.className = "deck-dialog__body";
  dialog.append(header, body);
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
