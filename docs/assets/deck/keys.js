// keys.js: which key means what, and when keys belong to someone else.

// Inputs that take no typing; a focused checkbox or radio must not swallow F.
const NOT_TEXT = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

export function isTyping(target) {
  if (!(target instanceof Element)) return false;
  // A closed dialog hands focus back only when its close event runs, a task later: a key
  // pressed before then still lands on the dialog's field, and is the deck's.
  if (target.closest("dialog:not([open])")) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

const BY_KEY = {
  ArrowRight: "next",
  PageDown: "next",
  n: "next",
  ArrowLeft: "previous",
  PageUp: "previous",
  p: "previous",
  Home: "first",
  End: "last",
  f: "fullscreen",
  Escape: "leave",
  o: "overview",
  g: "goto",
  s: "speaker",
  b: "blank",
  ".": "blank",
  "?": "help",
  r: "run",
};

export function actionFor(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === " ") return event.shiftKey ? "previous" : "next";
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return BY_KEY[key] ?? null;
}
