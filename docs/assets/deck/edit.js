// edit.js: the reader edits an example's code in place, keeps the edit and
// shares it. Edit swaps the code for an editor (code-editor.js, CodeMirror,
// loaded at the first Edit; textarea-editor.js where the build had none)
// and back. An edit is kept in this browser (kept.js) from the first change
// on, and restored on reload under an "edited" mark; Reset brings back the
// published code and forgets the edit. Share makes a link carrying the edit
// (share.js), shown in a field to copy; opening it puts the code in this
// editor without running it. live.js asks editedCode() for the code to run
// and tells markError() where a run's traceback points.

import { button, element } from "./dom.js";
import { refit } from "./fit.js";
import { CONTENT, siteRoot } from "./material.js";
import { forget, hashOf, keep, kept } from "./kept.js";
import { sharedEdit, shareLink } from "./share.js";

const editors = new WeakMap(); // example block → its Editor

// The code editor's module where the build made its bundle (tools/codemirror_bundle.py
// says so in a meta element), else the text field's.
let editorModule = null;
function loadEditor() {
  const bundled = document.querySelector("meta[name='survey-code-editor']");
  editorModule ??= bundled
    ? import("./code-editor.js").catch(() => import("./textarea-editor.js"))
    : import("./textarea-editor.js");
  return editorModule;
}

// The whole module, so the editor can show the lines around the region.
const modules = new Map();
function moduleSource(id) {
  if (!modules.has(id)) {
    const fetched = fetch(new URL(`examples/${id}.py`, siteRoot)).then((response) => {
      if (!response.ok) throw new Error(`examples/${id}.py: HTTP ${response.status}`);
      return response.text();
    });
    fetched.catch(() => modules.delete(id));
    modules.set(id, fetched);
  }
  return modules.get(id);
}

// The anchor of the slide (the H2) the example is on, so a link lands there.
function slideAnchor(example) {
  const section = example.closest("section.slide[id]");
  if (section) return section.id;
  const headings = [...document.querySelectorAll(`${CONTENT} h2[id]`)];
  const before = headings.filter((h2) => h2.compareDocumentPosition(example) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before.at(-1)?.id ?? "";
}

const slug = (id) => id.replaceAll("/", "-");

class Editor {
  constructor(example, run, { live }) {
    this.example = example;
    this.id = example.dataset.example;
    this.region = example.dataset.region;
    this.run = run;
    this.block = example.querySelector(":scope > .highlight");
    this.code = this.block.querySelector(":scope > pre > code");
    this.published = this.code.innerHTML;
    this.original = this.code.textContent.replace(/\n$/, "");
    this.text = this.original;
    this.origin = null; // where an edit came from: "kept" (this browser) or "link"
    this.editor = null;

    const bar = this.block.querySelector(":scope > .filename");
    this.mark = element("span", { className: "live-edit__mark", hidden: true }, "edited");
    bar.append(this.mark);
    this.reset = this.control("reset", "Reset", `Reset ${this.id} to the published code`, () => this.restore());
    this.share = this.control("share", "Share", `Share a link to your edit of ${this.id}`, () => this.makeLink());
    // On the live server an edited run moves to the browser: said here, before it happens.
    const verb = live ? "Edit (runs in your browser)" : "Edit";
    const label = live ? `Edit ${this.id} (an edited run goes to your browser)` : `Edit ${this.id}`;
    this.toggle = this.control("edit", verb, label, () => (this.editor ? this.leave() : this.enter()));
    this.toggle.hidden = false;
    this.toggle.setAttribute("aria-pressed", "false");
    run.before(this.toggle, this.reset, this.share);

    this.note = element("p", { className: "live-edit__note", role: "status", hidden: true });
    this.linkField = element("input", {
      className: "live-edit__link",
      type: "text",
      readOnly: true,
      hidden: true,
      "data-share-url": "",
      "aria-label": `Link to your edit of ${this.id}`,
    });
    this.hint = element(
      "p",
      { className: "live-edit__hint", id: `edit-hint-${slug(this.id)}`, hidden: true },
      "Tab indents, Shift+Tab dedents, Esc then Tab leaves the editor, Ctrl+Enter runs, Ctrl+F searches, Ctrl+Alt+] shows the whole module.",
    );
    // Inside the code's block, not after it: on a slide the code and the output
    // next to it are paired as adjacent blocks (fit.js, present.css).
    this.block.append(this.hint, this.note, this.linkField);
    this.restoreKept();
    this.openShared();
  }

  control(action, text, label, onClick) {
    return button({ className: "live-edit", hidden: true, "data-action": action, "aria-label": label }, onClick, text);
  }

  get edited() {
    return this.text !== this.original;
  }

  restoreKept() {
    const saved = kept(this.id);
    if (!saved || saved.code === this.original) return;
    this.text = saved.code;
    this.origin = "kept";
    if (saved.against !== hashOf(this.original)) {
      this.say(
        "Your kept edit was made on an older version of this example. Reset shows the new original (and forgets your edit).",
      );
    } else {
      this.say("Your edit from an earlier visit, kept in this browser.");
    }
    this.changed({ store: false });
  }

  async openShared() {
    const code = await sharedEdit(this.id);
    if (code === null || (await code) === null) return;
    this.text = await code;
    this.origin = "link";
    this.changed({ store: false });
    await this.enter({ focus: false });
    this.say("This code came from a link. It has not run: press Run to run it in your browser.");
    this.example.scrollIntoView({ block: "center" });
  }

  say(text) {
    this.note.textContent = text;
    this.note.hidden = !text;
  }

  async enter({ focus = true } = {}) {
    if (this.editor) return;
    // A slide showing its timeline in place of the code shows the code again.
    this.example.querySelector(".timeline-toggle[aria-pressed='true']")?.click();
    this.toggle.setAttribute("aria-pressed", "true");
    this.editor = "loading";
    const pre = this.code.parentElement;
    const codeStyle = getComputedStyle(this.code);
    const [{ createEditor }, source] = await Promise.all([loadEditor(), moduleSource(this.id).catch(() => null)]);
    if (this.editor !== "loading") return; // left again before it loaded
    const holder = element("div", { className: "live-edit__editor" });
    pre.hidden = true;
    pre.after(holder);
    this.hint.hidden = false;
    const options = {
      parent: holder,
      source: source ?? "",
      region: this.region,
      text: this.text,
      label: `Code of ${this.id}`,
      describedBy: this.hint.id,
      codeStyle,
      onChange: (text) => {
        this.text = text.replace(/\n$/, "");
        this.changed();
      },
      onRun: () => this.run.click(),
    };
    try {
      this.editor = (source === null ? await import("./textarea-editor.js") : { createEditor }).createEditor(options);
    } catch {
      holder.replaceChildren();
      this.editor = (await import("./textarea-editor.js")).createEditor(options);
    }
    this.holder = holder;
    refit(this.example);
    if (focus) this.editor.focus();
  }

  leave({ focus = true } = {}) {
    if (!this.editor) return;
    if (this.editor !== "loading") {
      this.editor.destroy();
      this.holder.remove();
    }
    this.editor = null;
    this.hint.hidden = true;
    this.code.parentElement.hidden = false;
    this.show();
    this.toggle.setAttribute("aria-pressed", "false");
    refit(this.example);
    if (focus) this.toggle.focus();
  }

  restore() {
    forget(this.id);
    this.origin = null;
    this.text = this.original;
    this.say("");
    this.linkField.hidden = true;
    if (this.editor && this.editor !== "loading") this.editor.setText(this.text);
    this.changed({ store: false });
    this.show();
    (this.editor && this.editor !== "loading" ? this.editor : this.toggle).focus();
  }

  async makeLink() {
    const url = await shareLink(slideAnchor(this.example), this.id, this.text);
    this.linkField.value = url;
    this.linkField.hidden = false;
    this.linkField.focus();
    this.linkField.select();
  }

  // The code on show while not editing: the published, highlighted markup, or the edit.
  show() {
    if (this.edited) this.code.textContent = this.text;
    else this.code.innerHTML = this.published;
  }

  changed({ store = true } = {}) {
    if (store) {
      if (this.edited) keep(this.id, this.text, this.original);
      else forget(this.id);
    }
    this.reset.hidden = this.share.hidden = this.mark.hidden = !this.edited;
    if (!this.edited) this.linkField.hidden = true;
    if (!this.editor) this.show();
    this.example.toggleAttribute("data-edited", this.edited);
    this.run.dispatchEvent(new CustomEvent("example:edited", { detail: { edited: this.edited } }));
  }

  markError(line) {
    if (this.editor && this.editor !== "loading") this.editor.markError(line);
  }

  setCode(text) {
    this.text = text.replace(/\n$/, "");
    if (this.editor && this.editor !== "loading") this.editor.setText(this.text);
    this.changed();
  }
}

/** Adds Edit (and, once the code is edited, Reset and Share) before the example's Run button. */
export function makeEditable(example, run, { live = false } = {}) {
  if (!editors.has(example)) editors.set(example, new Editor(example, run, { live }));
  return editors.get(example);
}

/** The region as the reader left it, or null if unchanged. */
export function editedCode(example) {
  const editor = editors.get(example);
  return editor?.edited ? editor.text : null;
}

/** The region's code as it stands: the edit, or the published code. */
export function codeOf(example) {
  return editors.get(example)?.text ?? null;
}

/** Where the edit came from: "link", "kept", or null (typed here, or none). */
export function editOrigin(example) {
  return editors.get(example)?.origin ?? null;
}

/** Open the editor with `text` (an exercise's solution, say). */
export async function putCode(example, text) {
  const editor = editors.get(example);
  if (!editor) return;
  await editor.enter({ focus: false });
  editor.setCode(text);
  editor.editor?.focus?.();
}

/** Mark the module's line `line` (as a traceback names it) in the open editor; null clears. */
export function markError(example, line) {
  editors.get(example)?.markError(line);
}
