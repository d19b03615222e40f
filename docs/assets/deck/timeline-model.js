// timeline-model.js: what a timeline shows, with no DOM: the lanes built from
// a run's trace events, the printed lines, the axis's span and its ticks.
// timeline.js feeds it and timeline-svg.js draws it; `node --test` tests it.

const KIND_ORDER = { task: 0, callback: 1, thread: 2, process: 3 };
const TICK_MULTIPLES = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];
const DEFAULT_TASK_NAME = /^Task-\d+$/;
export const CLEANUP_LANE = "asyncio clean-up";

// 0.2 s, 41.5 ms, 12 µs: three significant figures at most, no trailing zeros.
export function seconds(t) {
  if (t === 0) return "0 s";
  const [value, unit] = t >= 1 ? [t, "s"] : t >= 1e-3 ? [t * 1e3, "ms"] : [t * 1e6, "µs"];
  return `${Number(value.toPrecision(3))} ${unit}`;
}

// What each lane holds; the drawing is made from this alone.
export class Lane {
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

  get onLoop() {
    return this.kind === "task" || this.kind === "callback";
  }
}

// Lanes too thin to label one by one are labelled by family, a run of lanes
// of one coroutine: deposit(…) × 100. Each group: its first row, size, label.
export function groups(rows) {
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

// One run's picture: its lanes and printed lines, built event by event.
// `housekeeping`: the labels of asyncio.run's own closing tasks, folded into
// one lane; matched by the coroutine's name, as Python 3.14 gives one of them
// an argument: shutdown_default_executor(300).
export class TimelineModel {
  constructor({ housekeeping = [] } = {}) {
    this.housekeeping = new Set(housekeeping.map((label) => label.split("(")[0]));
    this.lanes = new Map();
    this.lines = [];
    this.lastLine = 0;
    this.events = 0;
    this.origin = null; // the first event: the axis starts where the loop did
    this.latest = 0;
  }

  add(events) {
    for (const event of events) this.addEvent(event);
    this.events += events.length;
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
  }

  // Lanes in drawing order: tasks as they appeared, asyncio's own clean-up
  // folded into one, then callbacks, threads, processes.
  rows() {
    const rows = [];
    let cleanup = null;
    for (const lane of this.lanes.values()) {
      if (lane.kind === "task" && this.housekeeping.has(lane.family)) {
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

  // The axis runs from the first event to the last thing drawn. While a run is
  // under way (`now`, seconds on the run's clock) it spans what was `expected`
  // (the recording's span), doubling whenever the run outgrows it, so that
  // the picture does not creep. `unit`: the example's delay, if it has one.
  span({ now = null, expected = 0, unit = null } = {}) {
    const origin = this.origin ?? 0;
    const last = Math.max(this.latest, this.lastLine) - origin;
    if (now === null) return Math.max(last, 1e-3);
    let span = Math.max(expected, unit ? unit.seconds : 0.1);
    while (span < Math.max(last, now - origin)) span *= 2;
    return span;
  }
}

// Ticks at round multiples of the example's unit where it has one (0.2×, 1×,
// 5×…), else at 1, 2 or 5 × 10ⁿ seconds; at most half as many as would fit,
// so the labels breathe. Returns [step, label of a tick, caption].
export function ticks(domain, most, unit = null) {
  const fits = (step) => domain / step <= Math.max(4, most / 2);
  if (unit) {
    const base = unit.seconds;
    const multiple = TICK_MULTIPLES.find((m) => fits(base * m)) ?? TICK_MULTIPLES.at(-1);
    const label = (t) => (t === 0 ? "0" : `${Math.round((t / base) * 100) / 100}×`);
    return [base * multiple, label, `× ${unit.name} (${seconds(base)})`];
  }
  const raw = domain / Math.max(most / 2, 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return [step, (t) => (t === 0 ? "0" : t.toFixed(digits)), "seconds since the loop started"];
}

// The moment an event reached a live drawing: a step once it had ended.
function arrival(event) {
  return event.kind === "step" && event.d !== null ? event.t + event.d : event.t;
}

// From a run's first trace event to the last thing it drew, in seconds: a
// live run's axis starts out this long. `events`: the stream's events.
export function spanOf(events) {
  const trace = events.filter((event) => event.type === "trace").flatMap((event) => event.events);
  if (!trace.length) return 0;
  const lines = events.filter((event) => event.type === "line");
  const origin = Math.min(...trace.map((event) => event.t));
  const last = Math.max(...trace.map(arrival), ...lines.map((line) => line.t));
  return last - origin;
}
