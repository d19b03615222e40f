// live.js: the Run button of every example block (<div class="example" data-example="<id>">).
// Its output streams into a panel that takes the place of the recorded Output
// block. Where it runs, the button's data-run says:
//   server   served by the survey's own server (python -m server): real CPython;
//   browser  on the static site, when the build carries Pyodide and the example
//            needs nothing a browser lacks: Python 3.14 in the reader's browser;
//   replay   otherwise: the recorded run, with its recorded pacing, and why.
// Code the reader has edited (edit.js) always runs in the browser, never on
// the server. Every event also goes out on the live channel (channels.js), so
// the speaker window shows it too. A block with a timeline (timeline.js) has
// it redrawn from a run's trace as it comes: a live run streams one, and a
// Replay plays the recorded stream back, batches as they were sent. A run in
// the browser is not traced, so its block keeps the recorded picture.

import { describe, postRunEvent, postRunReset } from "./channels.js";
import { button, element } from "./dom.js";
import { editedCode, makeEditable } from "./edit.js";
import { CONTENT, onEveryPage, siteRoot } from "./material.js";
import { timelineOf } from "./timeline.js";

const IN_BROWSER = "Python 3.14 on Pyodide, in your browser";


// The server marks its responses with this header. Asking for it costs one
// HEAD request per page load, and a static host answers without a 404.
let serverCheck = null;
function serverIsThere() {
  serverCheck ??= location.protocol.startsWith("http")
    ? fetch(location.href, { method: "HEAD", cache: "no-store" })
        .then((response) => response.headers.has("x-survey-live"))
        .catch(() => false)
    : Promise.resolve(false);
  return serverCheck;
}

let active = null;
const panels = new WeakMap(); // code block → the panel showing its latest run

function panelTitle(kind, why) {
  switch (kind) {
    case "server":
      return "Output (live)";
    case "browser":
      return `Output (${IN_BROWSER})`;
    case "edited":
      return `Output of your edit (${IN_BROWSER})`;
    default:
      return why ? `Output (replay of a recorded run: ${why})` : "Output (replay of a recorded run)";
  }
}

class Panel {
  constructor(block, id, title) {
    panels.get(block)?.close();
    panels.set(block, this);
    this.example = block.closest(".example");
    this.recorded = outputAfter(block);
    const close = button(
      { className: "live-panel__close", "aria-label": `Close the output of ${id}` },
      () => this.close(),
      "×",
    );
    const bar = element("span", { className: "filename live-panel__bar" }, title, close);
    this.log = element("pre", {
      className: "live-panel__log",
      role: "log",
      "aria-live": "polite",
      "aria-label": `Output of ${id}`,
    });
    this.element = element("div", { className: "live-panel highlight" }, bar, this.log);
    (this.recorded ?? block).after(this.element);
    if (this.recorded) this.recorded.hidden = true;
  }

  show(event) {
    const described = describe(event);
    if (described?.panel == null) return;
    const { kind, panel: text } = described;
    const line = element("span", { className: `live-line live-line--${kind}` }, `${text}\n`);
    const atBottom = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    this.log.append(line);
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
    if (event.type === "exit" || event.type === "error") this.element.dataset.state = event.type;
  }

  close() {
    if (active?.panel === this) active.stop();
    this.element.remove();
    if (this.recorded) this.recorded.hidden = false;
    timelineOf(this.example)?.showRecording();
  }
}

function outputAfter(block) {
  const next = block.nextElementSibling;
  const title = next?.querySelector(":scope > .filename")?.textContent.trim();
  return next?.classList.contains("highlight") && title === "Output" ? next : null;
}

// One run on screen at a time: a new Run stops and replaces the one before.
class Session {
  constructor(button, id, kind) {
    this.button = button;
    this.id = id;
    this.ended = false;
    this.panel = new Panel(button.closest(".highlight"), id, panelTitle(kind, button.dataset.why));
    const traced = kind === "server" || kind === "replay";
    this.timeline = traced ? timelineOf(button.closest(".example")) : undefined;
    this.timeline?.connectOutput(this.panel.log, ".live-line--stdout, .live-line--stderr");
    this.expected = 0;
    this.timeline?.recordedSpan().then((span) => (this.expected = span));
    setButton(button, "Stop", id);
    postRunReset(id);
  }

  emit(event) {
    if (this.ended) return;
    this.panel.show(event);
    this.timeline?.follow(event, { expected: this.expected });
    postRunEvent(this.id, event);
    if (event.type === "exit" || event.type === "error") this.end();
  }

  end() {
    this.ended = true;
    setButton(this.button, this.button.dataset.idle, this.id);
    if (active === this) active = null;
  }
}

class LiveRun extends Session {
  constructor(button, id) {
    super(button, id, "server");
    const url = new URL(`api/run/${id}`, siteRoot);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    this.socket = new WebSocket(url);
    this.socket.addEventListener("message", ({ data }) => this.emit(JSON.parse(data)));
    this.socket.addEventListener("close", () =>
      this.emit({ type: "error", message: "the connection to the server closed" }),
    );
  }

  stop() {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: "stop" }));
    } else {
      this.socket.close();
    }
  }

  abandon() {
    this.ended = true;
    this.socket.close();
  }
}

class Replay extends Session {
  constructor(button, id) {
    super(button, id, "replay");
    this.timers = [];
    fetch(new URL(`replays/${id}.json`, siteRoot))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((file) => this.play(file))
      .catch((problem) => this.emit({ type: "error", message: `no recording: ${problem.message}` }));
  }

  // The stored events, each at its recorded time (the start at once).
  play(file) {
    if (this.ended) return;
    for (const event of file.events) {
      if (event.t > 0) this.timers.push(setTimeout(() => this.emit(event), event.t * 1000));
      else this.emit(event);
    }
  }

  stop() {
    this.timers.forEach(clearTimeout);
    this.emit({ type: "error", message: "stopped" });
  }

  abandon() {
    this.timers.forEach(clearTimeout);
    this.ended = true;
  }
}

// The module as published beside the site, with the region the page shows
// replaced by the reader's edit (indented as the region is in the module).
async function sourceToRun(id, region, edit) {
  const response = await fetch(new URL(`examples/${id}.py`, siteRoot));
  if (!response.ok) throw new Error(`examples/${id}.py: HTTP ${response.status}`);
  const source = await response.text();
  if (edit === null) return source;
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.trim() === `# --8<-- [start:${region}]`);
  const end = lines.findIndex((line) => line.trim() === `# --8<-- [end:${region}]`);
  if (start < 0 || end < start) throw new Error(`examples/${id}.py has no region ${region}`);
  const indent = lines[start].match(/^\s*/)[0];
  const edited = edit.replace(/\n$/, "").split("\n").map((line) => (line ? indent + line : line));
  return [...lines.slice(0, start + 1), ...edited, ...lines.slice(end)].join("\n");
}

// Python in the reader's browser (browser-run.js, loaded at the first such run).
class BrowserRun extends Session {
  constructor(button, id, region, edit) {
    super(button, id, edit === null ? "browser" : "edited");
    this.handle = null;
    Promise.all([import("./browser-run.js"), sourceToRun(id, region, edit)])
      .then(([{ run }, source]) => {
        if (!this.ended) this.handle = run(source, `examples/${id}.py`, (event) => this.emit(event));
      })
      .catch((problem) => this.emit({ type: "error", message: problem.message }));
  }

  stop() {
    if (this.handle) this.handle.stop();
    else this.emit({ type: "error", message: "stopped" });
  }

  abandon() {
    this.ended = true;
    this.handle?.stop();
  }
}

function setButton(button, verb, id) {
  button.textContent = verb;
  button.setAttribute("aria-label", `${verb} ${id}`);
  button.toggleAttribute("data-running", verb === "Stop");
}

function start(example, run) {
  const { example: id, region } = example.dataset;
  const edit = editedCode(example);
  if (edit !== null) return new BrowserRun(run, id, region, edit);
  if (run.dataset.run === "server") return new LiveRun(run, id);
  if (run.dataset.run === "browser") return new BrowserRun(run, id, region, null);
  return new Replay(run, id);
}

// The page renders the button hidden in the block's controls, with data-run
// saying whether the static site runs it in the browser; it goes on the
// code's title bar, where it reads as acting on that code.
function enableButton(example, live) {
  const id = example.dataset.example;
  const run = example.querySelector(":scope > .example__controls > .live-run");
  if (!run) return; // enabled already, by an earlier call for the same page
  const inBrowser = run.dataset.run === "browser";
  if (live && !run.hasAttribute("data-browser-only")) run.dataset.run = "server";
  const where = run.dataset.run;
  run.dataset.idle = where === "replay" ? "Replay" : "Run";
  setButton(run, run.dataset.idle, id);
  run.addEventListener("click", () => {
    if (active?.button === run) {
      active.stop();
      return;
    }
    active?.stop();
    active = start(example, run);
  });
  // Edited code runs in the browser wherever the page is served.
  run.addEventListener("example:edited", ({ detail }) => {
    run.dataset.run = detail.edited ? "browser" : where;
  });
  example.querySelector(":scope > .highlight > .filename").append(run);
  run.hidden = false;
  if (inBrowser) makeEditable(example, run);
}

async function mount() {
  // Instant navigation swapped the page: a run from the old one has no panel left.
  if (active && !document.contains(active.panel.element)) {
    active.abandon();
    active = null;
  }
  const examples = document.querySelectorAll(
    `${CONTENT} .example[data-example]:has(> .example__controls > .live-run)`,
  );
  if (!examples.length) return;
  const live = await serverIsThere();
  examples.forEach((example) => enableButton(example, live));
}

onEveryPage(mount);
