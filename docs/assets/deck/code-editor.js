// code-editor.js: the reader's editor, CodeMirror 6 (the build's one checked
// bundle, ../codemirror/codemirror.js; edit.js loads this module at the first
// Edit, and falls back to textarea-editor.js where the bundle is missing).
//
// It holds the whole module, so line numbers are the module's own and an
// error's line can be marked where Python said it was; only the region the
// page shows can be changed, and the lines around it are folded, greyed,
// and can be unfolded to read. Python is highlighted in the site's own code
// colours (Material's --md-code-hl-* properties, light and dark). Enter keeps
// the indentation and indents after ':'; Tab indents and Shift+Tab dedents;
// Esc then Tab leaves (CodeMirror's own rule, so the keyboard is never
// trapped); Ctrl/Cmd+Enter runs; Ctrl/Cmd+F searches. Being contenteditable,
// it is a text field to keys.js, so no slide shortcut fires while typing.

import {
  bracketMatching,
  codeFolding,
  Decoration,
  defaultKeymap,
  drawSelection,
  EditorState,
  EditorView,
  foldEffect,
  foldKeymap,
  forceParsing,
  HighlightStyle,
  highlightActiveLine,
  highlightSelectionMatches,
  highlightSpecialChars,
  history,
  historyKeymap,
  indentLess,
  indentMore,
  indentOnInput,
  indentUnit,
  insertNewlineAndIndent,
  keymap,
  lineNumbers,
  python,
  RangeSetBuilder,
  search,
  searchKeymap,
  StateEffect,
  StateField,
  syntaxHighlighting,
  tags,
} from "../codemirror/codemirror.js";
import { button } from "./dom.js";

// Enter indents from the syntax tree, which CodeMirror parses in slices of
// idle time: on a busy or slow device the tree may not yet reach the cursor,
// and Enter after ':' would not indent. An edited region is short, so the
// parse is brought up to the cursor first (for at most 100 ms).
function newlineFromAFullParse(view) {
  forceParsing(view, view.state.selection.main.head, 100);
  return insertNewlineAndIndent(view);
}

const colour = (name) => `var(--md-code-hl-${name}-color)`;
const siteColours = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: colour("keyword") },
  { tag: [tags.string, tags.special(tags.string)], color: colour("string") },
  { tag: [tags.number, tags.bool, tags.null], color: colour("number") },
  { tag: tags.comment, color: colour("comment"), fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: colour("function") },
  { tag: [tags.definition(tags.variableName), tags.className], color: colour("function") },
  { tag: [tags.self, tags.constant(tags.variableName), tags.standard(tags.variableName)], color: colour("constant") },
  { tag: [tags.operator, tags.compareOperator, tags.arithmeticOperator], color: colour("operator") },
  { tag: [tags.punctuation, tags.paren, tags.squareBracket, tags.brace], color: colour("punctuation") },
  { tag: [tags.variableName, tags.propertyName], color: colour("name") },
  { tag: tags.meta, color: colour("special") },
]);

const markers = (region) => [`# --8<-- [start:${region}]`, `# --8<-- [end:${region}]`];

// Where the region's own lines are: between its two marker lines, kept up to date
// as the reader types (the markers themselves never change).
function regionField(from, to) {
  return StateField.define({
    create: () => ({ from, to }),
    update: ({ from, to }, transaction) => ({
      from: transaction.changes.mapPos(from, -1),
      to: transaction.changes.mapPos(to, 1),
    }),
  });
}

// A change that reaches outside the region is refused whole: the module around
// it is there to read.
function onlyInside(region) {
  return EditorState.changeFilter.of(({ changes, startState }) => {
    const { from, to } = startState.field(region);
    let inside = true;
    changes.iterChangedRanges((changedFrom, changedTo) => {
      if (changedFrom < from || changedTo > to) inside = false;
    });
    return inside;
  });
}

// The lines around the region, greyed.
function greyOutside(region) {
  const grey = Decoration.line({ class: "cm-context-line" });
  return EditorView.decorations.compute([region, "doc"], (state) => {
    const { from, to } = state.field(region);
    const builder = new RangeSetBuilder();
    for (let number = 1; number <= state.doc.lines; number += 1) {
      const line = state.doc.line(number);
      if (line.to < from || line.from > to) builder.add(line.from, line.from, grey);
    }
    return builder.finish();
  });
}

// The line a run's error points at (null: none).
const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const number = effect.value;
      const { doc } = transaction.state;
      marks =
        number && number <= doc.lines
          ? Decoration.set([Decoration.line({ class: "cm-error-line" }).range(doc.line(number).from)])
          : Decoration.none;
    }
    return transaction.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function folded(doc, from, to) {
  const effects = [];
  if (from > 1) effects.push(foldEffect.of({ from: 0, to: from - 1 }));
  if (to < doc.length - 1) effects.push(foldEffect.of({ from: to + 1, to: doc.length }));
  return effects;
}

// What a folded part is (the gutter numbers its first line): the module above
// the region, or below it. Out of the Tab order, since it sits inside the text,
// where Tab indents; Ctrl+Alt+] unfolds from the keyboard.
function foldedPart(state, { from }) {
  return from === 0 ? "⋯ the module above (show)" : "⋯ the module below (show)";
}

function foldPlaceholder(view, onclick, text) {
  return button({ className: "cm-fold-note", tabIndex: -1 }, onclick, text);
}

/**
 * An editor in `parent` over `source` (the whole module), whose `region`
 * starts as `text`. `onChange(text)` gets the region after each change,
 * `onRun()` is Ctrl/Cmd+Enter.
 */
export function createEditor({ parent, source, region, text, label, describedBy, onChange, onRun }) {
  const [startMark, endMark] = markers(region);
  const lines = source.replace(/\n$/, "").split("\n");
  const first = lines.findIndex((line) => line.trim() === startMark);
  const last = lines.findIndex((line) => line.trim() === endMark);
  if (first < 0 || last < first) throw new Error(`the module has no region ${region}`);
  const before = lines.slice(0, first + 1).join("\n");
  const after = lines.slice(last).join("\n");
  const body = text.replace(/\n$/, "");
  const doc = `${before}\n${body}\n${after}\n`;
  const from = before.length + 1;
  const region_ = regionField(from, from + body.length);
  const regionText = (state) => {
    const { from, to } = state.field(region_);
    return state.sliceDoc(from, to);
  };

  const selectRegion = (view) => {
    const { from, to } = view.state.field(region_);
    view.dispatch({ selection: { anchor: from, head: to } });
    return true;
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        region_,
        onlyInside(region_),
        greyOutside(region_),
        errorLine,
        lineNumbers(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        codeFolding({ preparePlaceholder: foldedPart, placeholderDOM: foldPlaceholder }),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        indentOnInput(),
        python(),
        syntaxHighlighting(siteColours),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        keymap.of([
          { key: "Mod-Enter", run: () => (onRun(), true) },
          // Select all: all that can be changed, the region.
          { key: "Mod-a", run: selectRegion },
          { key: "Tab", run: indentMore, shift: indentLess },
          { key: "Enter", run: newlineFromAFullParse },
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
          ...foldKeymap,
        ]),
        EditorView.contentAttributes.of({
          "aria-label": label,
          "aria-describedby": describedBy,
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(regionText(update.state));
        }),
      ],
    }),
  });
  const { from: start, to: end } = view.state.field(region_);
  view.dispatch({
    effects: folded(view.state.doc, start, end),
    selection: { anchor: start },
  });

  return {
    element: view.dom,
    text: () => regionText(view.state),
    setText(value) {
      const { from, to } = view.state.field(region_);
      view.dispatch({ changes: { from, to, insert: value.replace(/\n$/, "") } });
    },
    focus: () => view.focus(),
    // `number`: a line of the module, as a traceback names it; null clears the mark.
    markError(number) {
      view.dispatch({ effects: setErrorLine.of(number) });
      if (number) {
        const line = view.state.doc.line(Math.min(number, view.state.doc.lines));
        view.dispatch({ effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
      }
    },
    destroy: () => view.destroy(),
    view,
  };
}
