// fit.js: shrinks a slide's type until its content fits the slide's box.
// Prose and code shrink together down to MIN_FIT; below it prose stops being
// readable from the back of a room, while monospace code, read line by line,
// stays readable down to about 11 px of a 1280×720 slide (CODE_MIN_FIT of its
// 21.25 px), so code alone goes on shrinking. A slide that does not fit even
// then, or one whose code had to shrink below the prose, gets another try
// with its code and output side by side (a slide has room across, not down);
// if nothing fits, its code blocks shrink with the box and scroll instead.
// A window taller than wide reflows the slide to its width and lets it
// scroll (present.css), so there nothing shrinks and nothing is split.

const MIN_FIT = 0.6;
const CODE_MIN_FIT = 0.52;
const STEPS = 7;
const SPLIT = "slide--split";
const REFLOWS = matchMedia("(orientation: portrait)");
// An example's output block right after its code block: the pair a split puts side by side.
const PAIRED = ":is(:scope > .example, :scope > .exercise > .example) > .highlight + .highlight";

// The boxes that scroll rather than grow: when one of them has to, the slide
// no longer shows all of its content at once.
const SCROLLERS = "pre > code, .live-panel__log, .md-typeset__scrollwrap";

function setFit(slide, fit) {
  slide.style.setProperty("--deck-fit", Math.max(fit, MIN_FIT).toFixed(3));
  slide.style.setProperty("--deck-code-fit", fit.toFixed(3));
}

function overflows(box) {
  return box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth;
}

// The slide's padding keeps content clear of the toolbar, but a grid's
// content may run into it without making the slide scroll. An example or an
// exercise lays out as its parts (display: contents), so those are measured.
const PARTS = ":scope > *, :scope > :is(.example, .exercise) > *, :scope > .exercise > .example > *";

function spillsIntoPadding(slide) {
  const bottom = slide.getBoundingClientRect().bottom - parseFloat(getComputedStyle(slide).paddingBottom);
  return [...slide.querySelectorAll(PARTS)].some((part) => part.getBoundingClientRect().bottom > bottom + 0.5);
}

// The code blocks shrink with the slide (present.css), so a slide that is too
// full shows up as a code block that scrolls, not as a slide that does.
function fits(slide) {
  return (
    !overflows(slide) &&
    !spillsIntoPadding(slide) &&
    ![...slide.querySelectorAll(SCROLLERS)].some(overflows)
  );
}

// The largest fit at which the slide fits, or null if not even the smallest.
function search(slide) {
  setFit(slide, 1);
  if (fits(slide)) return 1;
  let low = CODE_MIN_FIT;
  let high = 1;
  setFit(slide, low);
  if (!fits(slide)) return null;
  for (let step = 0; step < STEPS; step += 1) {
    const middle = (low + high) / 2;
    setFit(slide, middle);
    if (fits(slide)) low = middle;
    else high = middle;
  }
  return low;
}

// Stacked reads top to bottom, so it wins while its prose keeps full size;
// past that, code and output side by side win if their code is larger.
function layOut(slide) {
  slide.classList.remove(SPLIT);
  if (REFLOWS.matches && !slide.closest(".deck-thumb__stage")) return 1;
  const stacked = search(slide);
  if (stacked >= MIN_FIT || !slide.querySelector(PAIRED)) {
    return stacked ?? CODE_MIN_FIT;
  }
  slide.classList.add(SPLIT);
  const split = search(slide);
  if (split !== null && split > (stacked ?? 0)) return split;
  slide.classList.remove(SPLIT);
  return stacked ?? CODE_MIN_FIT;
}

// Works on a hidden slide too: it is laid out invisibly for the measurement.
export function fitSlide(slide, key = "") {
  if (key && slide.dataset.fitFor === key) return;
  const wasHidden = slide.hidden;
  if (wasHidden) {
    slide.hidden = false;
    slide.style.visibility = "hidden";
  }
  setFit(slide, layOut(slide));
  if (wasHidden) {
    slide.hidden = true;
    slide.style.removeProperty("visibility");
  }
  if (key) slide.dataset.fitFor = key;
}

// A slide whose content changed (an output panel opened, an editor, a verdict, the
// Run and Edit buttons placed once the page knows who runs them): fitted again, so
// that its code shrinks to fit rather than being cut off. A slide not fitted yet is
// left for the deck to fit when it is shown, or in idle time.
export function refit(node) {
  const slide = node.closest?.(".slide");
  if (slide?.dataset.fitFor && document.documentElement.dataset.deck === "present") fitSlide(slide);
}

export function viewportKey() {
  return `${innerWidth}x${innerHeight}`;
}
