// edit.js: the reader edits an example's code in place. Edit swaps the code
// for a text field of the same size and font; Tab indents and Shift+Tab
// dedents (four spaces, as the examples are written), Esc or Done leaves the
// field, Ctrl+Enter runs, and Reset brings back the code as published. Being
// a textarea, the field is a text field to keys.js, so no slide shortcut
// fires while the reader types. live.js asks editedCode() for the code to run.

import { button, element } from "./dom.js";

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

// Replaces a range through the browser's editing command where it has one,
// so Ctrl+Z undoes an indent like any typing.
function replace(field, start, end, text) {
  field.setSelectionRange(start, end);
  if (!document.execCommand?.("insertText", false, text)) field.setRangeText(text, start, end, "end");
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

const editors = new WeakMap(); // example block → its editor

class Editor {
  constructor(example, run) {
    this.id = example.dataset.example;
    this.run = run;
    this.block = example.querySelector(":scope > .highlight");
    this.code = this.block.querySelector(":scope > pre > code");
    this.published = this.code.innerHTML;
    this.original = this.code.textContent.replace(/\n$/, "");
    this.text = this.original;
    this.field = null;

    this.reset = button(
      {
        className: "live-edit",
        hidden: true,
        "data-action": "reset",
        "aria-label": `Reset ${this.id} to the published code`,
      },
      () => this.restore(),
      "Reset",
    );
    // A toggle: pressed while the code is a text field.
    this.toggle = button(
      {
        className: "live-edit",
        "data-action": "edit",
        "aria-pressed": "false",
        "aria-label": `Edit ${this.id}`,
      },
      () => (this.field ? this.leave() : this.enter()),
      "Edit",
    );
    run.before(this.toggle, this.reset);
  }

  get edited() {
    return this.text !== this.original;
  }

  enter() {
    const pre = this.code.parentElement;
    const style = getComputedStyle(this.code);
    const hint = element(
      "p",
      { className: "live-edit__hint", id: `edit-hint-${this.id.replace("/", "-")}` },
      "Tab indents, Shift+Tab dedents, Ctrl+Enter runs, Esc leaves the editor.",
    );
    this.field = element("textarea", {
      className: "live-edit__field",
      value: this.text,
      rows: this.text.split("\n").length,
      spellcheck: false,
      autocapitalize: "off",
      autocomplete: "off",
      wrap: "off",
      "aria-label": `Code of ${this.id}`,
      "aria-describedby": hint.id,
    });
    for (const property of ["fontSize", "lineHeight", "padding"]) {
      this.field.style[property] = style[property];
    }
    this.field.addEventListener("keydown", (event) => this.onKey(event));
    this.field.addEventListener("input", () => this.changed());
    pre.hidden = true;
    pre.after(this.field, hint);
    this.hint = hint;
    this.toggle.setAttribute("aria-pressed", "true");
    this.fitHeight();
    this.field.focus();
  }

  leave({ focus = true } = {}) {
    if (!this.field) return;
    this.changed();
    this.field.remove();
    this.hint.remove();
    this.field = null;
    this.code.parentElement.hidden = false;
    this.show();
    this.toggle.setAttribute("aria-pressed", "false");
    if (focus) this.toggle.focus();
  }

  restore() {
    this.text = this.original;
    if (this.field) this.field.value = this.text;
    this.changed();
    this.show();
    (this.field ?? this.toggle).focus();
  }

  // The code on show: the published, highlighted markup, or the reader's text.
  show() {
    if (this.edited) this.code.textContent = this.text;
    else this.code.innerHTML = this.published;
  }

  // As tall as its lines, so the code never scrolls inside a page; a slide
  // still shrinks it to fit (live.css), and then it scrolls.
  fitHeight() {
    this.field.style.height = "auto";
    this.field.style.height = `${this.field.scrollHeight + 2}px`;
  }

  changed() {
    if (this.field) {
      this.text = this.field.value;
      this.fitHeight();
    }
    this.reset.hidden = !this.edited;
    this.block.parentElement.toggleAttribute("data-edited", this.edited);
    this.run.dispatchEvent(new CustomEvent("example:edited", { detail: { edited: this.edited } }));
  }

  onKey(event) {
    if (event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (event.shiftKey) dedent(this.field);
      else indent(this.field);
      this.changed();
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.leave();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.changed();
      this.run.click();
    }
  }
}

// Adds Edit (and, once the code is edited, Reset) before the example's Run button.
export function makeEditable(example, run) {
  if (!editors.has(example)) editors.set(example, new Editor(example, run));
}

// The region of the example as the reader left it, or null if unchanged.
export function editedCode(example) {
  const editor = editors.get(example);
  if (!editor) return null;
  editor.changed();
  return editor.edited ? editor.text : null;
}
