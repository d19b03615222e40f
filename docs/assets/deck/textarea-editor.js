// textarea-editor.js: the editor where the build had no code editor bundle
// (no npm; see tools/codemirror_bundle.py): a text field of the code's size
// and font holding the region the page shows. Tab indents and Shift+Tab
// dedents (four spaces, as the examples are written), Esc then Tab leaves,
// Ctrl/Cmd+Enter runs. The same interface as code-editor.js.

import { element } from "./dom.js";

const INDENT = "    ";

function lineStart(text, index) {
  return text.lastIndexOf("\n", index - 1) + 1;
}

// The whole lines the selection touches, as [start, end) offsets.
function selectedLines(field) {
  const { value, selectionStart, selectionEnd } = field;
  const start = lineStart(value, selectionStart);
  const last = selectionEnd > selectionStart && value[selectionEnd - 1] === "\n" ? selectionEnd - 1 : selectionEnd;
  const newline = value.indexOf("\n", last);
  return [start, newline === -1 ? value.length : newline];
}

function replace(field, start, end, text) {
  field.setRangeText(text, start, end, "end");
}

function indent(field) {
  const { value, selectionStart, selectionEnd } = field;
  if (!value.slice(selectionStart, selectionEnd).includes("\n")) {
    replace(field, selectionStart, selectionEnd, INDENT);
    return;
  }
  const [start, end] = selectedLines(field);
  const lines = value.slice(start, end).split("\n");
  replace(field, start, end, lines.map((line) => (line ? INDENT + line : line)).join("\n"));
  field.setSelectionRange(start, field.selectionEnd);
}

function dedent(field) {
  const [start, end] = selectedLines(field);
  const lines = field.value.slice(start, end).split("\n");
  const dedented = lines.map((line) => line.replace(/^ {1,4}/, ""));
  if (dedented.join("\n") === lines.join("\n")) return;
  replace(field, start, end, dedented.join("\n"));
  field.setSelectionRange(start, field.selectionEnd);
}

export function createEditor({ parent, text, label, describedBy, onChange, onRun, codeStyle }) {
  const field = element("textarea", {
    className: "live-edit__field",
    value: text.replace(/\n$/, ""),
    spellcheck: false,
    autocapitalize: "off",
    autocomplete: "off",
    wrap: "off",
    "aria-label": label,
    "aria-describedby": describedBy,
  });
  for (const property of ["fontSize", "lineHeight", "padding"]) field.style[property] = codeStyle[property];
  // As tall as its lines, so the code never scrolls inside a page.
  const fit = () => {
    field.style.height = "auto";
    field.style.height = `${field.scrollHeight + 2}px`;
  };
  let leaving = false; // Esc was pressed: the next Tab leaves the field
  field.addEventListener("keydown", (event) => {
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === "Tab" && plain && !leaving) {
      event.preventDefault();
      if (event.shiftKey) dedent(field);
      else indent(field);
      onChange(field.value);
      fit();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
    if (event.key === "Escape") leaving = true;
    else if (event.key !== "Shift") leaving = false;
  });
  field.addEventListener("input", () => {
    onChange(field.value);
    fit();
  });
  parent.append(field);
  fit();
  return {
    element: field,
    text: () => field.value,
    setText(value) {
      field.value = value.replace(/\n$/, "");
      onChange(field.value);
      fit();
    },
    focus: () => field.focus(),
    markError() {}, // a text field of the region alone has no module line numbers to mark
    destroy: () => field.remove(),
  };
}
