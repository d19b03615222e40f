// The one entry point of the editor bundle: the parts of CodeMirror 6 that
// docs/assets/deck/editor.js uses, re-exported from the pinned npm packages.
// tools/codemirror_bundle.py makes one ES module of it with esbuild at build
// time (site/assets/codemirror/codemirror.js), and checks its SHA-256.

export {
  defaultKeymap,
  history,
  historyKeymap,
  indentLess,
  indentMore,
  insertNewlineAndIndent,
} from "@codemirror/commands";
export { python } from "@codemirror/lang-python";
export {
  bracketMatching,
  codeFolding,
  foldEffect,
  foldKeymap,
  forceParsing,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
export { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
export { EditorSelection, EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
export {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
export { tags } from "@lezer/highlight";
