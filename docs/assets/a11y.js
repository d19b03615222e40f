// a11y.js: what Material's bundle builds at run time, where no template can
// reach. Each code block's copy button sits in a <nav>: thirty unnamed
// navigation landmarks on a page would bury the real ones, so they become
// plain containers.

function unlandmarkCodeActions() {
  for (const nav of document.querySelectorAll("nav.md-code__nav")) {
    nav.setAttribute("role", "none");
  }
}

window.document$.subscribe(unlandmarkCodeActions);
