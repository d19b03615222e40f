// fit.js: shrinks a slide's type until its content fits the slide's box.
// Below MIN_FIT text stops being readable from the back of a room, so there
// the code blocks take over: they shrink with the box and scroll instead.

const MIN_FIT = 0.6;
const STEPS = 6;

function setFit(slide, fit) {
  slide.style.setProperty("--deck-fit", fit.toFixed(3));
}

function overflows(box) {
  return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
}

function fits(slide) {
  if (overflows(slide)) return false;
  const scrollers = slide.querySelectorAll("pre > code, .md-typeset__scrollwrap");
  return ![...scrollers].some((box) => box.scrollWidth > box.clientWidth + 1);
}

function search(slide) {
  setFit(slide, 1);
  if (fits(slide)) return 1;
  let low = MIN_FIT;
  let high = 1;
  setFit(slide, low);
  if (!fits(slide)) return low;
  for (let step = 0; step < STEPS; step += 1) {
    const middle = (low + high) / 2;
    setFit(slide, middle);
    if (fits(slide)) low = middle;
    else high = middle;
  }
  return low;
}

// Works on a hidden slide too: it is laid out invisibly for the measurement.
export function fitSlide(slide, key = "") {
  if (key && slide.dataset.fitFor === key) return;
  const wasHidden = slide.hidden;
  if (wasHidden) {
    slide.hidden = false;
    slide.style.visibility = "hidden";
  }
  slide.classList.add("deck-measuring");
  setFit(slide, search(slide));
  slide.classList.remove("deck-measuring");
  if (wasHidden) {
    slide.hidden = true;
    slide.style.removeProperty("visibility");
  }
  if (key) slide.dataset.fitFor = key;
}

export function viewportKey() {
  return `${innerWidth}x${innerHeight}`;
}
