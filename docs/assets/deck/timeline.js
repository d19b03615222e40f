// timeline.js: draws what an example's event loop did, as an SVG timeline.
//
// One lane per task (a bar for each step the loop ran it, a dashed line while
// it waited), one per worker thread and per worker process (a bar per call),
// on one time axis, with a marker for every printed line. The page reserves a
// <figure class="timeline"> in each example block that asks for one
// (survey/markdown.py); this module draws the recording into it, and live.js
// feeds it a live run or a Replay the same way, so all three end in the same
// picture:
//
//   const timeline = timelineOf(exampleBlock);
//   timeline.start({ expected });      // a run begins; how long the recording took
//   timeline.add(events);              // trace events (design.md, "The loop, drawn")
//   timeline.addLine({ t, text });     // a printed line
//   timeline.finish();
//   timeline.showRecording();          // back to the recorded picture
//
// Drawing waits for the next animation frame, so a burst of events costs one
// drawing; render() draws at once. Each drawing dispatches "timeline:drawn" on
// the figure with the number of events it shows and the milliseconds it took.

import { button, element } from "./dom.js";
import { fitSlide } from "./fit.js";
import { CONTENT, onEveryPage, siteRoot } from "./material.js";

const HOUSEKEEPING = new Set(["shutdown_asyncgens()", "shutdown_default_executor()"]);
const CLEANUP_LANE = "asyncio clean-up";
// A step at least this long held the loop for long enough to see: it gets a band
// across every lane of the loop, since nothing else on it could run meanwhile.
const HOLD_SECONDS = 0.05;
const KIND_ORDER = { task: 0, callback: 1, thread: 2, process: 3 };
const TICK_MULTIPLES = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];
const DEFAULT_TASK_NAME = /^Task-\d+$/;
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
// The markup a page reserves for a figure (survey/markdown.py), for figures made here.
const FIGURE = `<svg role="img" xmlns="http://www.w3.org/2000/svg"></svg>
  <details class="timeline__text"><summary>The timeline as a table</summary><div></div></details>`;
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

function round(value) {
  return Math.round(value * 10) / 10;
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// 0.2 s, 41.5 ms, 12 µs: three significant figures at most, no trailing zeros.
function seconds(t) {
  if (t === 0) return "0 s";
  const [value, unit] = t >= 1 ? [t, "s"] : t >= 1e-3 ? [t * 1e3, "ms"] : [t * 1e6, "µs"];
  return `${Number(value.toPrecision(3))} ${unit}`;
}

// What each lane holds; the drawing is made from this alone.
class Lane {
  constructor(name, kind, order) {
    this.name = name;
    this.kind = kind;
    this.order = order;
    this.label = "";
    this.created = null;
    this.ended = null;
    this.state = "running";
    this.steps = [];
    this.open = new Map(); // a worker's calls under way: start → label
  }

  get title() {
    if (this.kind !== "task" || !this.label) return this.name;
    return DEFAULT_TASK_NAME.test(this.name) ? this.label : `${this.name}: ${this.label}`;
  }

  get family() {
    return this.kind === "task" ? this.label.split("(")[0] : this.kind;
  }
}

// Lanes too thin to label one by one are labelled by family, a run of lanes
// of one coroutine: deposit(…) × 100. Each group: its first row, size, label.
function groups(rows) {
  const found = [];
  rows.forEach((lane, index) => {
    const last = found.at(-1);
    if (last && rows[last.first].family === lane.family) last.count += 1;
    else found.push({ first: index, count: 1 });
  });
  for (const group of found) {
    const lane = rows[group.first];
    group.label = group.count > 1 ? `${lane.family}(…) × ${group.count}` : lane.title;
  }
  return found;
}

export class Timeline {
  // `figure`: a figure.timeline holding an svg and a details.timeline__text.
  // Its data-delay, if any, is the example's unit of time, in seconds.
  constructor(figure) {
    this.figure = figure;
    this.id = figure.dataset.example ?? "";
    const delay = Number(figure.dataset.delay);
    this.unit = delay > 0 ? { seconds: delay, name: "delay" } : null;
    // A page reserves the figure's height from the recording's lanes; one made here grows.
    this.reserved = figure.style.getPropertyValue("--timeline-rows") !== "";
    this.svg = figure.querySelector("svg");
    // The text alternative goes in the details; a page leaves it empty (Markdown
    // would reparse a div in it).
    const details = figure.querySelector(".timeline__text");
    this.table = details.querySelector(":scope > div") ?? details.appendChild(element("div"));
    this.output = null;
    this.recording = null;
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
    this.recording ??= fetch(new URL(`replays/${this.id}.json`, siteRoot)).then((response) => {
      if (!response.ok) throw new Error(`no recording of ${this.id}: HTTP ${response.status}`);
      return response.json();
    });
    const recording = await this.recording;
    this.reset();
    this.add(recording.trace ?? []);
    for (const line of recording.lines) this.addLine(line);
    this.loading = false;
    this.finish();
    const code = this.figure.closest(".example")?.querySelector(":scope > .language-text code");
    if (code) {
      lineSpans(code);
      this.connectOutput(code, ".timeline-line");
    }
  }

  // The span the recording took, from its first event to its last: a live run's
  // axis starts out as long, so that the picture it grows into is the recorded one.
  async recordedSpan() {
    try {
      const recording = await this.recording;
      return spanOf(recording?.trace ?? [], recording?.lines ?? []);
    } catch {
      return 0;
    }
  }

  // A fresh drawing; `expected` (seconds) fixes the axis while a run is under way.
  reset({ expected = 0 } = {}) {
    this.lanes = new Map();
    this.lines = [];
    this.lastLine = 0;
    this.events = 0;
    this.origin = null; // the first event: the axis starts where the loop did
    this.latest = 0;
    this.expected = expected;
    this.startedAt = null;
    this.lit = null;
    this.schedule();
  }

  start({ expected = 0 } = {}) {
    this.reset({ expected });
    this.startedAt = performance.now();
  }

  add(events) {
    for (const event of events) this.addEvent(event);
    this.events += events.length;
    this.schedule();
  }

  addEvent(event) {
    this.origin = Math.min(this.origin ?? event.t, event.t);
    if (event.kind === "task") {
      const lane = this.lane(event.task, "task");
      if (event.state === "created") {
        lane.created = event.t;
        lane.label = event.label ?? "";
      } else {
        lane.ended = event.t;
        lane.state = event.state;
      }
      this.latest = Math.max(this.latest, event.t);
    } else if (event.kind === "step") {
      const lane = this.lane(event.task, event.lane ?? "task");
      if (event.d === null || event.d === undefined) {
        lane.open.set(event.t, event.label ?? "");
        this.latest = Math.max(this.latest, event.t);
      } else {
        lane.open.delete(event.t);
        lane.steps.push({ t: event.t, d: event.d, slow: Boolean(event.slow), label: event.label });
        this.latest = Math.max(this.latest, event.t + event.d);
      }
    }
  }

  lane(name, kind) {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = new Lane(name, kind, this.lanes.size);
      this.lanes.set(name, lane);
    }
    return lane;
  }

  addLine({ t, text, stream = "stdout" }) {
    this.lines.push({ t, text, stream });
    this.lastLine = Math.max(this.lastLine, t);
    this.schedule();
  }

  // One event of a run's stream (the run socket's, or a Replay's), drawn.
  follow(event, { expected = 0 } = {}) {
    if (event.type === "start") this.start({ expected });
    else if (event.type === "trace") this.add(event.events);
    else if (event.type === "line") this.addLine(event);
    else if (event.type === "exit" || event.type === "error") this.finish();
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
      const follow = (on) => (event) => {
        const line = event.target.closest?.("[data-timeline-line]");
        if (line && container.contains(line)) this.light(Number(line.dataset.timelineLine), on);
      };
      container.addEventListener("pointerover", follow(true));
      container.addEventListener("pointerout", follow(false));
      container.addEventListener("focusin", follow(true));
      container.addEventListener("focusout", follow(false));
    }
    this.markLines();
  }

  lineElements() {
    if (!this.output?.container.isConnected) return [];
    return [...this.output.container.querySelectorAll(this.output.selector)];
  }

  // Each line that has a marker can take focus, so a keyboard reaches the pair.
  markLines() {
    this.lineElements().forEach((element, index) => {
      if (index >= this.lines.length || element.dataset.timelineLine) return;
      element.dataset.timelineLine = String(index);
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
    this.lineElements().forEach((element) => element.classList.remove("is-lit"));
    if (!on) return;
    this.svg.querySelector(`.print[data-line="${index}"]`)?.classList.add("is-lit");
    this.lineElements()[index]?.classList.add("is-lit");
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

  // The axis runs from the first event to the last thing drawn. While a run is
  // under way it spans what was expected (the recording's span), doubling
  // whenever the run outgrows it, so that the picture does not creep.
  span() {
    const origin = this.origin ?? 0;
    const last = Math.max(this.latest, this.lastLine) - origin;
    if (!this.running) return Math.max(last, 1e-3);
    const now = (this.now ?? 0) - origin;
    let span = Math.max(this.expected, this.unit ? this.unit.seconds : 0.1);
    while (span < Math.max(last, now)) span *= 2;
    return span;
  }

  // Lanes in drawing order: tasks as they appeared, asyncio's own clean-up
  // (asyncio.run's last two tasks) folded into one, then callbacks, threads, processes.
  rows() {
    const rows = [];
    let cleanup = null;
    for (const lane of this.lanes.values()) {
      if (lane.kind === "task" && HOUSEKEEPING.has(lane.label)) {
        cleanup ??= Object.assign(new Lane(CLEANUP_LANE, "task", lane.order), { label: "", state: "done" });
        cleanup.steps.push(...lane.steps);
        cleanup.created ??= lane.created;
        cleanup.ended = lane.ended ?? cleanup.ended;
        if (lane.state !== "done") cleanup.state = lane.state;
      } else rows.push(lane);
    }
    if (cleanup) rows.push(cleanup);
    return rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.order - b.order);
  }

  render() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const began = performance.now();
    this.width = this.figure.clientWidth;
    if (!this.width) return; // not on screen: the ResizeObserver calls again when it is
    const style = getComputedStyle(this.svg);
    const font = parseFloat(style.fontSize) || 12;
    const rows = this.rows();
    if (!this.reserved) this.figure.style.setProperty("--timeline-rows", String(Math.max(rows.length, 1)));
    const layout = this.layout(rows, font, charWidth(style), this.svg.clientHeight);
    this.figure.dataset.density = layout.thin ? "thin" : "normal";
    this.svg.setAttribute("aria-label", this.accessibleName(rows));
    const parts = [
      this.drawAxis(layout),
      this.drawHolds(rows, layout),
      this.drawLanes(rows, layout),
      this.drawPrints(layout),
    ];
    if (this.running) parts.push(this.drawNow(layout));
    this.svg.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
    this.svg.innerHTML = parts.join("");
    // What the figure shows now: the recording still on its way, a run under
    // way, or one that ended.
    this.figure.dataset.state = this.running ? "running" : this.loading ? "loading" : "done";
    this.markLines();
    if (this.lit !== null) this.light(this.lit, true);
    const took = performance.now() - began;
    if (!this.running) this.describe(rows);
    else if (!reducedMotion.matches) this.keepGrowing(took);
    this.figure.dispatchEvent(
      new CustomEvent("timeline:drawn", { detail: { events: this.events, lines: this.lines.length, ms: took } }),
    );
  }

  // While a run is under way its open lanes grow with the clock, so it is drawn
  // again on the next frame; or, when drawing takes long (thousands of steps),
  // after twice as long as it took, leaving frames free. Events draw at once.
  keepGrowing(took) {
    clearTimeout(this.clock);
    if (took < 8) this.schedule();
    else this.clock = setTimeout(() => this.schedule(), 2 * took);
  }

  // The svg's height is the page's (timeline.css: lanes reserved × 1.45em + 3.5em);
  // the lanes share what the prints row and the axis leave, up to 1.45em each.
  layout(rows, font, char, height) {
    const width = this.width;
    const printsHeight = font * 1.3;
    const axisHeight = font * 2.2;
    const room = Math.max(height - printsHeight - axisHeight, rows.length * 2);
    const laneHeight = Math.max(2, Math.min(font * 1.45, room / Math.max(rows.length, 1)));
    const thin = laneHeight < font * 0.95;
    const labels = thin ? groups(rows).map((group) => group.label) : rows.map((lane) => lane.title);
    const longest = Math.max(8, ...labels.map((label) => label.length));
    const labelWidth = Math.min(longest * char, width * 0.38) + font;
    const top = printsHeight;
    const left = labelWidth;
    const right = width - font;
    const origin = this.origin ?? 0;
    const domain = this.span();
    const perSecond = (right - left) / domain;
    return {
      font,
      char,
      width,
      top,
      left,
      right,
      laneHeight,
      thin,
      bottom: top + laneHeight * rows.length,
      height: Math.max(height, top + laneHeight * rows.length + axisHeight),
      origin,
      domain,
      // Tenths of a pixel: finer would only lengthen the markup of a long run.
      x: (t) => Math.round((left + (Math.max(t, origin) - origin) * perSecond) * 10) / 10,
      pixel: 1 / perSecond, // seconds per pixel
      end: this.now ?? this.latest,
    };
  }

  drawAxis({ top, bottom, left, right, origin, domain, x, font }) {
    const [step, unitLabel, unitCaption] = this.ticks(domain, (right - left) / (font * 4.5));
    const parts = [`<g class="timeline__axis" aria-hidden="true">`];
    parts.push(`<line class="axis__line" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
    for (let k = 0; k * step <= domain * 1.0001; k += 1) {
      const at = x(origin + k * step);
      parts.push(`<line class="axis__grid" x1="${at}" x2="${at}" y1="${top}" y2="${bottom + font * 0.3}"/>`);
      parts.push(`<text class="axis__tick" x="${at}" y="${bottom + font * 1.25}">${unitLabel(k * step)}</text>`);
    }
    parts.push(`<text class="axis__unit" x="${right}" y="${bottom + font * 2.1}">${escape(unitCaption)}</text>`);
    parts.push("</g>");
    return parts.join("");
  }

  // Ticks at round multiples of the example's unit where it has one (0.2×, 1×,
  // 5×…), else at 1, 2 or 5 × 10ⁿ seconds; at most half as many as would fit,
  // so the labels breathe. Returns [step, label of a tick, caption].
  ticks(domain, most) {
    const fits = (step) => domain / step <= Math.max(4, most / 2);
    if (this.unit) {
      const base = this.unit.seconds;
      const multiple = TICK_MULTIPLES.find((m) => fits(base * m)) ?? TICK_MULTIPLES.at(-1);
      const label = (t) => (t === 0 ? "0" : `${Math.round((t / base) * 100) / 100}×`);
      return [base * multiple, label, `× ${this.unit.name} (${seconds(base)})`];
    }
    const raw = domain / Math.max(most / 2, 4);
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const digits = Math.max(0, -Math.floor(Math.log10(step)));
    return [step, (t) => (t === 0 ? "0" : t.toFixed(digits)), "seconds since the loop started"];
  }

  drawHolds(rows, { top, x, pixel, laneHeight }) {
    const loopRows = rows.filter((lane) => lane.kind === "task" || lane.kind === "callback").length;
    if (!loopRows) return "";
    const parts = [`<g class="timeline__holds">`];
    for (const lane of rows) {
      if (lane.kind !== "task" && lane.kind !== "callback") continue;
      for (const step of lane.steps) {
        if (!(step.slow || step.d >= HOLD_SECONDS) || step.d < pixel) continue;
        const width = Math.max(step.d / pixel, 1);
        parts.push(
          `<rect class="hold" x="${x(step.t)}" y="${top}" width="${width}" height="${loopRows * laneHeight}"/>`,
        );
      }
    }
    parts.push("</g>");
    return parts.join("");
  }

  drawLanes(rows, layout) {
    const { top, laneHeight, thin } = layout;
    const parts = [];
    const labelled = new Map(thin ? groups(rows).map((group) => [group.first, group]) : []);
    rows.forEach((lane, index) => {
      const y = top + index * laneHeight;
      const state = lane.kind === "task" ? lane.state : "worker";
      parts.push(
        `<g class="lane lane--${lane.kind}" data-lane="${escape(lane.name)}" data-kind="${lane.kind}" data-state="${state}">`,
      );
      if (!thin) parts.push(this.drawLabel(lane.title, y + laneHeight / 2, layout, lane.name));
      else if (labelled.has(index)) {
        const { label, count } = labelled.get(index);
        parts.push(this.drawLabel(label, top + (index + count / 2) * laneHeight, layout));
      }
      parts.push(this.drawLife(lane, y, layout));
      parts.push(this.drawSteps(lane, y, layout));
      parts.push(this.drawEnd(lane, y, layout));
      parts.push("</g>");
    });
    return parts.join("");
  }

  drawLabel(text, middle, { left, font, char }, name = text) {
    const room = Math.floor((left - font) / char);
    const shown = text.length > room ? `${text.slice(0, Math.max(room - 1, 1))}…` : text;
    const full = name !== text ? `${name}: ${text}` : text;
    return `<text class="lane__label" x="${left - font * 0.5}" y="${middle}"><title>${escape(full)}</title>${escape(shown)}</text>`;
  }

  drawLife(lane, y, { x, laneHeight, end }) {
    if (lane.kind !== "task" || lane.created === null) return "";
    const stop = lane.ended ?? end ?? lane.created;
    const middle = y + laneHeight / 2;
    return `<line class="lane__life" x1="${x(lane.created)}" x2="${x(Math.max(stop, lane.created))}" y1="${middle}" y2="${middle}"/>`;
  }

  // Steps closer than a pixel merge into one bar whose data-t and data-d span them.
  drawSteps(lane, y, { x, pixel, laneHeight, end }) {
    const height = round(Math.max(laneHeight * (laneHeight > 6 ? 0.62 : 1) - (laneHeight > 3 ? 0.5 : 0), 1));
    const top = round(y + (laneHeight - height) / 2);
    // The loop's steps come in order; a worker's calls as they end.
    const onLoop = lane.kind === "task" || lane.kind === "callback";
    const steps = onLoop ? lane.steps : [...lane.steps].sort((a, b) => a.t - b.t);
    const parts = [];
    let bar = null;
    const flush = () => {
      if (!bar) return;
      const width = round(Math.max((bar.end - bar.t) / pixel, 1.5));
      const slow = bar.slow ? " step--slow" : "";
      const title = bar.label || bar.end - bar.t >= 2 * pixel ? this.stepTitle(lane, bar) : "";
      parts.push(
        `<rect class="step${slow}" data-t="${bar.t}" data-d="${+(bar.end - bar.t).toFixed(6)}" x="${x(bar.t)}" y="${top}" width="${width}" height="${height}">${title}</rect>`,
      );
      bar = null;
    };
    for (const step of steps) {
      if (bar && onLoop && step.t - bar.end < pixel) {
        bar.end = Math.max(bar.end, step.t + step.d);
        bar.slow ||= step.slow;
        bar.label = null;
      } else {
        flush();
        bar = { t: step.t, end: step.t + step.d, slow: step.slow, label: step.label };
      }
    }
    flush();
    for (const [t, label] of lane.open) {
      const width = Math.max(((end ?? t) - t) / pixel, 1.5);
      parts.push(
        `<rect class="step step--open" data-t="${t}" x="${x(t)}" y="${top}" width="${width}" height="${height}"><title>${escape(label)}: running since ${seconds(t)}</title></rect>`,
      );
    }
    return parts.join("");
  }

  stepTitle(lane, bar) {
    const what = bar.label || lane.title;
    return `<title>${escape(what)}: ran ${seconds(bar.end - bar.t)} from ${seconds(bar.t)}${bar.slow ? ", longer than the loop's slow-callback limit" : ""}</title>`;
  }

  drawEnd(lane, y, { x, laneHeight }) {
    if (lane.kind !== "task" || lane.ended === null) return "";
    const cx = x(lane.ended);
    const cy = y + laneHeight / 2;
    const r = Math.max(Math.min(laneHeight * 0.32, 7), 1.5);
    const title = `<title>${escape(lane.title)}: ${lane.state} at ${seconds(lane.ended)}</title>`;
    // A task that is done simply stops; one that did not finish normally is marked.
    const shape = {
      cancelled: `<path d="M${cx - r} ${cy - r}L${cx + r} ${cy + r}M${cx - r} ${cy + r}L${cx + r} ${cy - r}"/>`,
      failed: `<circle cx="${cx}" cy="${cy}" r="${r}"/><line x1="${cx}" x2="${cx}" y1="${cy - r * 0.55}" y2="${cy + r * 0.15}"/><line x1="${cx}" x2="${cx}" y1="${cy + r * 0.45}" y2="${cy + r * 0.5}"/>`,
    }[lane.state];
    return shape ? `<g class="lane__end lane__end--${lane.state}">${title}${shape}</g>` : "";
  }

  drawPrints({ top, bottom, x, font }) {
    const parts = [`<g class="timeline__prints">`];
    const size = font * 0.45;
    this.lines.forEach((line, index) => {
      const at = x(line.t);
      parts.push(
        `<g class="print print--${line.stream === "stderr" ? "stderr" : "stdout"}" data-t="${line.t}" data-line="${index}">` +
          `<title>${escape(line.text)} (printed at ${seconds(line.t)})</title>` +
          `<line class="print__guide" x1="${at}" x2="${at}" y1="${top}" y2="${bottom}"/>` +
          `<path class="print__mark" d="M${at - size} ${top - size * 1.9}h${2 * size}l${-size} ${size * 1.6}z"/>` +
          `</g>`,
      );
    });
    parts.push("</g>");
    return parts.join("");
  }

  drawNow({ top, bottom, x, origin, domain }) {
    const at = x(Math.min(this.now, origin + domain));
    return `<line class="timeline__now" x1="${at}" x2="${at}" y1="${top}" y2="${bottom}"/>`;
  }

  accessibleName(rows) {
    const count = (kind) => rows.filter((lane) => lane.kind === kind).length;
    const parts = [`${count("task")} task lanes`];
    if (count("thread")) parts.push(`${count("thread")} worker threads`);
    if (count("process")) parts.push(`${count("process")} worker processes`);
    parts.push(`${this.lines.length} printed lines`);
    return `Timeline of ${this.id}: ${parts.join(", ")}`;
  }

  // The text alternative: a row a lane, and the printed lines with their times.
  describe(rows) {
    const body = rows
      .map((lane) => {
        const busy = lane.steps.reduce((sum, step) => sum + step.d, 0);
        const ended = lane.ended === null ? "—" : `${lane.state} at ${seconds(lane.ended - this.origin)}`;
        const created = lane.created === null ? "—" : seconds(lane.created - this.origin);
        return (
          `<tr><th scope="row">${escape(lane.title)}</th><td>${lane.kind}</td><td>${created}</td>` +
          `<td>${lane.steps.length}</td><td>${seconds(busy)}</td><td>${ended}</td></tr>`
        );
      })
      .join("");
    const printed = this.lines
      .map((line) => `<li>${seconds(Math.max(line.t - this.origin, 0))}: <code>${escape(line.text)}</code></li>`)
      .join("");
    this.table.innerHTML =
      `<table><thead><tr><th scope="col">Lane</th><th scope="col">Kind</th><th scope="col">Created</th>` +
      `<th scope="col">Steps</th><th scope="col">Running</th><th scope="col">Ended</th></tr></thead>` +
      `<tbody>${body}</tbody></table>` +
      (printed ? `<p>Printed, in seconds since the loop started:</p><ol>${printed}</ol>` : "");
  }

  disconnect() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.clock);
    this.resizes.disconnect();
  }
}

// The moment an event reached a live drawing: a step once it had ended.
function arrival(event) {
  return event.kind === "step" && event.d !== null ? event.t + event.d : event.t;
}

// From a recording's first event to the last thing it drew, in seconds.
function spanOf(trace, lines) {
  if (!trace.length) return 0;
  const origin = Math.min(...trace.map((event) => event.t));
  const last = Math.max(...trace.map(arrival), ...lines.map((line) => line.t));
  return last - origin;
}

// A recorded trace as a live run would have streamed it: batches of the events
// that arrived in each `interval` seconds, each sent when its last event came
// (so never after the run's end, when a Replay stops listening).
export function batchesByArrival(trace, interval = 0.05) {
  const batches = new Map();
  for (const event of trace) {
    const slot = Math.floor(arrival(event) / interval);
    if (!batches.has(slot)) batches.set(slot, { at: 0, events: [] });
    const batch = batches.get(slot);
    batch.at = Math.max(batch.at, arrival(event));
    batch.events.push(event);
  }
  return [...batches.values()].sort((a, b) => a.at - b.at);
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
      if (!isIntersecting) continue;
      nearScreen.unobserve(figure);
      if (timelines.has(figure)) continue;
      new Timeline(figure).showRecording().catch((problem) => {
        figure.dataset.state = "error";
        timelines.get(figure).table.textContent = problem.message;
      });
    }
  },
  { rootMargin: "50% 0px" },
);

function mount() {
  for (const figure of document.querySelectorAll(`${CONTENT} figure.timeline[data-example]`)) {
    if (timelines.has(figure)) continue;
    const example = figure.closest(".example");
    if (example) addToggle(example);
    nearScreen.observe(figure);
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
