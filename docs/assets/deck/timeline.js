// timeline.js: puts a timeline of what an example's event loop did on the
// page, and keeps it in step with a run. The page reserves a
// <figure class="timeline"> in each example block that asks for one
// (survey/markdown.py); this module draws the recorded run into it, and
// live.js feeds it every run's events the same way, so the recorded run, a
// live one and a run in the browser end in the same kind of picture:
//
//   const timeline = timelineOf(exampleBlock);
//   timeline.start({ expected, source });  // a run begins: its expected span, whose run it is
//   timeline.receive(event);               // each event of the run's stream
//   timeline.showRecording();              // back to the recorded picture
//
// The figure says whose run it shows: figure[data-source] is "recorded",
// "live" or "browser", and its text says so. What it shows is a
// TimelineModel (timeline-model.js), drawn by timeline-svg.js with
// timeline-table.js as its text alternative. Drawing waits for the next
// animation frame, so a burst of events costs one drawing; render() draws at
// once. Each drawing dispatches "timeline:drawn" on the figure with the number
// of events it shows and the milliseconds it took.

import { config, recording } from "./config.js";
import { button, element } from "./dom.js";
import { fitSlide } from "./fit.js";
import { CONTENT, onEveryPage } from "./material.js";
import { TimelineModel, spanOf } from "./timeline-model.js";
import { drawing, layout } from "./timeline-svg.js";
import { accessibleName, table } from "./timeline-table.js";

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
// The markup a page reserves for a figure (survey/markdown.py), for figures made here.
const FIGURE = `<svg role="img" xmlns="http://www.w3.org/2000/svg"></svg>
  <details class="timeline__text"><summary>The timeline as a table</summary><div></div></details>`;
// Whose run the figure shows, in words.
const SOURCES = {
  recorded: "the recorded run",
  live: "this live run",
  browser: "this run in your browser",
  edited: "your edit",
};
const timelines = new WeakMap(); // figure → its Timeline

// The width of one character of the lane labels' monospace font, measured once per font.
const charWidths = new Map();
function charWidth(style) {
  const font = `${style.fontSize} ${style.fontFamily}`;
  if (!charWidths.has(font)) {
    const context = element("canvas").getContext("2d");
    context.font = font;
    charWidths.set(font, context.measureText("0123456789").width / 10 || parseFloat(style.fontSize) * 0.62);
  }
  return charWidths.get(font);
}

export class Timeline {
  // `figure`: a figure.timeline holding an svg and a details.timeline__text.
  // Its data-delay, if any, is the example's unit of time, in seconds.
  constructor(figure) {
    this.figure = figure;
    this.id = figure.dataset.example ?? "";
    this.replay = figure.closest(".example")?.dataset.replay;
    const delay = Number(figure.dataset.delay);
    this.unit = delay > 0 ? { seconds: delay, name: "delay" } : null;
    // A page reserves the figure's height from the recording's lanes; one made here grows.
    this.reserved = figure.style.getPropertyValue("--timeline-rows") !== "";
    this.svg = figure.querySelector("svg");
    // Whose run it shows ends the caption, where the page gave the figure one.
    this.source = element("span", { className: "timeline__source" });
    const caption = figure.querySelector("figcaption");
    if (caption) caption.append(" · ", this.source);
    else this.svg.before(element("p", { className: "timeline__caption" }, this.source));
    // The text alternative goes in the details; a page leaves it empty (Markdown
    // would reparse a div in it).
    const details = figure.querySelector(".timeline__text");
    this.table = details.querySelector(":scope > div") ?? details.appendChild(element("div"));
    this.output = null;
    this.loading = false; // true while the recording is on its way: no "done" before it is drawn
    this.lit = null;
    this.frame = 0;
    this.width = 0;
    this.svg.addEventListener("pointerover", (event) => this.pointAt(event, true));
    this.svg.addEventListener("pointerout", (event) => this.pointAt(event, false));
    this.resizes = new ResizeObserver(() => {
      if (this.figure.clientWidth !== this.width) this.schedule();
    });
    this.resizes.observe(this.figure);
    timelines.set(figure, this);
    this.reset();
  }

  // The recorded run, fetched once, drawn whole and tied to the recorded output.
  async showRecording() {
    this.loading = true;
    this.figure.dataset.state = "loading";
    const { events } = await recording(this.replay);
    this.reset({ source: "recorded" });
    for (const event of events) this.receive(event);
    this.loading = false;
    this.finish();
    const code = this.figure.closest(".example")?.querySelector(":scope > .language-text code");
    if (code) {
      lineSpans(code);
      this.connectOutput(code, ".timeline-line");
    }
  }

  // The span the recording took, from its first trace event to its last: a live
  // run's axis starts out as long, so that the picture it grows into is the recorded one.
  async recordedSpan() {
    try {
      return spanOf((await recording(this.replay)).events);
    } catch {
      return 0;
    }
  }

  // A fresh drawing; `expected` (seconds) fixes the axis while a run is under way.
  reset({ expected = 0, source = "recorded" } = {}) {
    this.model = new TimelineModel({ housekeeping: config().housekeeping });
    this.expected = expected;
    this.startedAt = null;
    this.lit = null;
    this.figure.dataset.source = source === "edited" ? "browser" : source;
    this.source.textContent = `Showing ${SOURCES[source]}.`;
    this.schedule();
  }

  start({ expected = 0, source } = {}) {
    this.reset({ expected, source });
    this.startedAt = performance.now();
  }

  // One event of a run's stream, drawn.
  receive(event) {
    if (event.type === "trace") this.model.add(event.events);
    else if (event.type === "line") this.model.addLine(event);
    else if (event.type === "exit" || event.type === "error") this.finish();
    this.schedule();
  }

  finish() {
    this.startedAt = null;
    this.schedule();
  }

  // Where the printed lines are shown: the elements matching `selector` in
  // `container`, in the order they were printed. Hovering or focusing one
  // lights its marker, and the other way round.
  connectOutput(container, selector) {
    this.output = { container, selector };
    if (!container.dataset.timelineOutput) {
      container.dataset.timelineOutput = "";
      const point = (on) => (event) => {
        const line = event.target.closest?.("[data-timeline-line]");
        if (line && container.contains(line)) this.light(Number(line.dataset.timelineLine), on);
      };
      container.addEventListener("pointerover", point(true));
      container.addEventListener("pointerout", point(false));
      container.addEventListener("focusin", point(true));
      container.addEventListener("focusout", point(false));
    }
    this.markLines();
  }

  lineElements() {
    if (!this.output?.container.isConnected) return [];
    return [...this.output.container.querySelectorAll(this.output.selector)];
  }

  // Each line that has a marker can take focus, so a keyboard reaches the pair.
  // A line's element says which printed line it is (data-line) where the panel
  // keeps only the last of a long output; else it is counted.
  markLines() {
    this.lineElements().forEach((element, index) => {
      const line = Number(element.dataset.line ?? index);
      if (line >= this.model.lines.length || element.dataset.timelineLine) return;
      element.dataset.timelineLine = String(line);
      element.tabIndex = 0;
    });
  }

  pointAt(event, on) {
    const marker = event.target.closest?.(".print");
    if (marker) this.light(Number(marker.dataset.line), on);
  }

  light(index, on) {
    this.lit = on ? index : null;
    this.svg.querySelectorAll(".print.is-lit").forEach((marker) => marker.classList.remove("is-lit"));
    this.output?.container.querySelectorAll(".is-lit").forEach((element) => element.classList.remove("is-lit"));
    if (!on) return;
    this.svg.querySelector(`.print[data-line="${index}"]`)?.classList.add("is-lit");
    this.output?.container.querySelector(`[data-timeline-line="${index}"]`)?.classList.add("is-lit");
  }

  get now() {
    return this.startedAt === null ? null : (performance.now() - this.startedAt) / 1000;
  }

  get running() {
    return this.startedAt !== null;
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  render() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const began = performance.now();
    const width = this.figure.clientWidth;
    this.width = width;
    if (!width) return; // not on screen: the ResizeObserver calls again when it is
    const style = getComputedStyle(this.svg);
    const font = parseFloat(style.fontSize) || 12;
    const rows = this.model.rows();
    if (!this.reserved) this.figure.style.setProperty("--timeline-rows", String(Math.max(rows.length, 1)));
    const now = this.now;
    const domain = this.model.span({ now, expected: this.expected, unit: this.unit });
    const room = { width, height: this.svg.clientHeight, font, char: charWidth(style), domain, now };
    const placed = layout(this.model, rows, room);
    this.figure.dataset.density = placed.thin ? "thin" : "normal";
    this.svg.setAttribute("aria-label", accessibleName(this.id, rows, this.model.lines));
    this.svg.setAttribute("viewBox", `0 0 ${placed.width} ${placed.height}`);
    this.svg.innerHTML = drawing(this.model, rows, placed, this.unit);
    // What the figure shows now: the recording still on its way, a run under
    // way, or one that ended.
    this.figure.dataset.state = this.running ? "running" : this.loading ? "loading" : "done";
    this.markLines();
    if (this.lit !== null) this.light(this.lit, true);
    const took = performance.now() - began;
    if (!this.running) this.table.innerHTML = table(this.model, rows);
    else if (!reducedMotion.matches) this.keepGrowing(took);
    const detail = { events: this.model.events, lines: this.model.lines.length, ms: took };
    this.figure.dispatchEvent(new CustomEvent("timeline:drawn", { detail }));
  }

  // While a run is under way its open lanes grow with the clock, so it is drawn
  // again on the next frame; or, when drawing takes long (thousands of steps),
  // after twice as long as it took, leaving frames free. Events draw at once.
  keepGrowing(took) {
    clearTimeout(this.clock);
    if (took < 8) this.schedule();
    else this.clock = setTimeout(() => this.schedule(), 2 * took);
  }

  disconnect() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.clock);
    this.resizes.disconnect();
  }
}

// A figure of one's own (the speaker window's), drawn into `container`.
export function createFigure(container, id) {
  const figure = element("figure", { className: "timeline", "data-example": id, innerHTML: FIGURE });
  figure.querySelector("svg").setAttribute("aria-label", `Timeline of ${id}`);
  container.append(figure);
  return new Timeline(figure);
}

// The timeline of an example block (<div class="example">), if it has one.
export function timelineOf(example) {
  const figure = example?.querySelector(":scope > figure.timeline");
  return figure ? (timelines.get(figure) ?? new Timeline(figure)) : undefined;
}

// A slide has no room for code, output and timeline at once: while presenting,
// this button on the code's title bar trades the code for the timeline (the
// title bar stays, with its Run button) and back. Reading, all three show.
function addToggle(example) {
  const bar = example.querySelector(":scope > .language-python > .filename");
  if (!bar || bar.querySelector(".timeline-toggle")) return;
  const id = example.dataset.example;
  const toggle = button(
    { className: "timeline-toggle", "aria-pressed": "false", "aria-label": `Show the timeline of ${id}` },
    () => {
      const showing = example.dataset.view !== "timeline";
      if (showing) example.dataset.view = "timeline";
      else delete example.dataset.view;
      toggle.setAttribute("aria-pressed", String(showing));
      const slide = example.closest(".slide");
      if (slide) fitSlide(slide);
    },
    "Timeline",
  );
  bar.append(toggle);
}

// A recording is fetched and drawn when its figure comes near the screen (its
// page reserved the room), so a page of many examples opens as fast as a short
// one; a figure a run got to first already shows that run.
const nearScreen = new IntersectionObserver(
  (entries) => {
    for (const { target: figure, isIntersecting } of entries) {
      if (isIntersecting) draw(figure);
    }
  },
  { rootMargin: "50% 0px" },
);

function draw(figure) {
  nearScreen.unobserve(figure);
  if (timelines.has(figure)) return;
  new Timeline(figure).showRecording().catch((problem) => {
    figure.dataset.state = "error";
    timelines.get(figure).table.textContent = problem.message;
  });
}

// Paper has no screen to come near: printing draws every figure still waiting.
const printing = matchMedia("print");
function drawAllForPrint() {
  for (const figure of document.querySelectorAll(`${CONTENT} figure.timeline[data-example]`)) draw(figure);
}
printing.addEventListener("change", () => {
  if (printing.matches) drawAllForPrint();
});
addEventListener("beforeprint", drawAllForPrint);

function mount() {
  for (const figure of document.querySelectorAll(`${CONTENT} figure.timeline[data-example]`)) {
    if (timelines.has(figure)) continue;
    const example = figure.closest(".example");
    if (example) addToggle(example);
    if (printing.matches) draw(figure);
    else nearScreen.observe(figure);
  }
}

// The lines of a rendered output block, each in a span of its own so that a
// print marker can light it; calling it again returns the same spans.
export function lineSpans(code) {
  const wrapped = code.querySelectorAll(":scope > .timeline-line");
  if (wrapped.length) return [...wrapped];
  const lines = code.textContent.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const spans = lines.map((text) => element("span", { className: "timeline-line" }, `${text}\n`));
  code.replaceChildren(...spans);
  return spans;
}

onEveryPage(mount);
