// live.js: the Run button of every example block (<div class="example" data-example="<id>">).
// Its output streams into a panel that takes the place of the recorded Output
// block. Where it runs, the button's data-run says:
//   server   served by the survey's own server (python -m server): real CPython;
//   browser  on the static site, when the build carries Pyodide and the example
//            needs nothing a browser lacks: Python 3.14 in the reader's browser;
//   replay   otherwise: the recorded run, with its recorded pacing, and why.
// Code the reader has edited (edit.js) always runs in the browser, never on
// the server. Each of the three is a run source (run-sources.js); one loop
// reads whichever runs, and gives each event to the panel, to the block's
// timeline (timeline.js), which so draws every run from its own trace, and
// to the speaker window (channels.js).

import { describe, postRunEvent, postRunReset } from "./channels.js";
import { button, element } from "./dom.js";
import { editedCode, editOrigin, makeEditable, markError } from "./edit.js";
import { refit } from "./fit.js";
import "./exercise.js";
import { CONTENT, onEveryPage } from "./material.js";
import { browserRun, replayRun, serverRun } from "./run-sources.js";
import { timelineOf } from "./timeline.js";

const IN_BROWSER = "Python 3.14 on Pyodide, in your browser";
const IN_BROWSER_SHORT = "Python 3.14 in your browser";
// The panel keeps this many of a run's last lines; the earlier ones it counts.
const KEPT_LINES = 2000;

// "link": an edit that came in a shared link (edit.js).
const SOURCES = { server: serverRun, browser: browserRun, edited: browserRun, link: browserRun, replay: replayRun };
// Whose run a timeline shows, by where it ran (timeline.js).
const TIMELINE_SOURCES = { server: "live", browser: "browser", edited: "edited", link: "edited", replay: "recorded" };

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
    case "link":
      return `Output of the code from a link (${IN_BROWSER})`;
    default:
      return why ? `Output (replay of a recorded run: ${why})` : "Output (replay of a recorded run)";
  }
}

// The output of one run. Events wait for the next animation frame and are
// drawn together, so that a run printing thousands of lines a second costs
// one drawing a frame and the page (its Stop button above all) stays alive;
// only the last KEPT_LINES lines stay, under a note counting the rest.
class Panel {
  constructor(block, id, title) {
    panels.get(block)?.close();
    panels.set(block, this);
    this.example = block.closest(".example");
    this.recorded = outputAfter(block);
    this.pending = [];
    this.frame = 0;
    this.printed = 0; // lines printed so far; each line's element carries its number
    this.hidden = 0;
    const close = button(
      { className: "live-panel__close", "aria-label": `Close the output of ${id}` },
      () => this.close(),
      "×",
    );
    // What the run is doing before it prints: Python takes seconds to start in a browser.
    this.status = element("span", { className: "live-panel__status", role: "status" });
    const bar = element("span", { className: "filename live-panel__bar" }, title, this.status, close);
    this.note = element("span", { className: "live-panel__hidden", hidden: true });
    this.log = element("pre", {
      className: "live-panel__log",
      role: "log",
      "aria-live": "polite",
      "aria-label": `Output of ${id}`,
    });
    this.log.append(this.note);
    this.element = element("div", { className: "live-panel highlight" }, bar, this.log);
    (this.recorded ?? block).after(this.element);
    if (this.recorded) this.recorded.hidden = true;
    refit(this.element);
  }

  show(event) {
    this.pending.push(event);
    this.frame ||= requestAnimationFrame(() => this.draw());
  }

  draw() {
    this.frame = 0;
    const events = this.pending;
    this.pending = [];
    const lines = [];
    let ending = null;
    for (const event of events) {
      const described = describe(event);
      if (event.type === "exit" || event.type === "error") ending = event.type;
      if (described?.panel == null) continue;
      const attributes = { className: `live-line live-line--${described.kind}` };
      if (event.type === "line") attributes["data-line"] = String(this.printed++);
      lines.push([attributes, `${described.panel}\n`]);
    }
    // Lines that would be dropped before they were ever seen are never made.
    const made = lines.slice(-KEPT_LINES).map(([attributes, text]) => element("span", attributes, text));
    this.hidden += lines.length - made.length;
    const atBottom = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    this.log.append(...made);
    this.trim();
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
    if (ending) this.element.dataset.state = ending;
  }

  trim() {
    const shown = this.log.children.length - 1; // the note is the first child
    const excess = shown - KEPT_LINES;
    if (excess > 0) {
      const range = document.createRange();
      range.setStartAfter(this.note);
      range.setEndAfter(this.log.children[excess]);
      range.deleteContents();
      this.hidden += excess;
    }
    this.note.hidden = this.hidden === 0;
    this.note.textContent = `[${this.hidden.toLocaleString("en")} earlier lines hidden]\n`;
  }

  close() {
    if (active?.panel === this) active.stop();
    cancelAnimationFrame(this.frame);
    this.element.remove();
    if (this.recorded) this.recorded.hidden = false;
    timelineOf(this.example)?.showRecording();
  }
}

// The recorded output is the next code block after the code; the editor's hint,
// note and link field may stand between them.
function outputAfter(block) {
  let next = block.nextElementSibling;
  while (next && !next.classList.contains("highlight")) next = next.nextElementSibling;
  const title = next?.querySelector(":scope > .filename")?.textContent.trim();
  return title === "Output" ? next : null;
}

// One run on screen at a time: a new Run stops and replaces the one before.
// Its events come from one source and go to the panel, timeline and speaker window.
class Session {
  constructor(button, run, kind) {
    this.button = button;
    this.id = run.id;
    this.stopping = new AbortController();
    this.panel = new Panel(button.closest(".highlight"), this.id, panelTitle(kind, button.dataset.why));
    this.timeline = timelineOf(button.closest(".example"));
    this.timeline?.connectOutput(this.panel.log, ".live-line--stdout, .live-line--stderr");
    setButton(button, "Stop", this.id);
    postRunReset(this.id, TIMELINE_SOURCES[kind]);
    this.example = button.closest(".example");
    this.events = []; // the whole run, for an exercise's check (exercise.js)
    markError(this.example, null);
    if (kind !== "server" && kind !== "replay") this.panel.status.textContent = `starting ${IN_BROWSER_SHORT}…`;
    this.done = this.follow(SOURCES[kind](run, { signal: this.stopping.signal }), kind);
  }

  async follow(events, kind) {
    const expected = (await this.timeline?.recordedSpan()) ?? 0;
    try {
      for await (const event of events) {
        if (event.type === "start") {
          this.timeline?.start({ expected, source: TIMELINE_SOURCES[kind] });
          this.panel.status.textContent = "running";
        }
        this.events.push(event);
        this.panel.show(event);
        this.timeline?.receive(event);
        postRunEvent(this.id, event);
      }
    } catch (problem) {
      this.panel.show({ type: "error", message: problem.message });
      this.timeline?.finish();
    } finally {
      this.end();
    }
  }

  stop() {
    this.stopping.abort();
  }

  // Instant navigation took the page away: stop, and show nothing more.
  abandon() {
    this.panel.show = () => {};
    this.stop();
  }

  end() {
    setButton(this.button, this.button.dataset.idle, this.id);
    if (active === this) active = null;
    this.panel.status.textContent = "";
    const line = errorLine(this.events, this.id);
    if (line) markError(this.example, line);
    this.example.dispatchEvent(new CustomEvent("example:ran", { detail: { events: this.events } }));
  }
}

// The line of the module a failed run's traceback ends in, as Python names it.
function errorLine(events, id) {
  const file = `File "examples/${id}.py", line `;
  let line = null;
  for (const event of events) {
    if (event.type !== "line" || event.stream !== "stderr") continue;
    const at = event.text.indexOf(file);
    if (at >= 0) line = Number.parseInt(event.text.slice(at + file.length), 10);
  }
  return line;
}

function setButton(button, verb, id) {
  button.textContent = verb;
  button.setAttribute("aria-label", `${verb} ${id}`);
  button.toggleAttribute("data-running", verb === "Stop");
}

function start(example, button) {
  const { example: id, region, replay } = example.dataset;
  const code = editedCode(example);
  const kind = code === null ? button.dataset.run : editOrigin(example) === "link" ? "link" : "edited";
  return new Session(button, { id, region, replay, code }, kind in SOURCES ? kind : "replay");
}

// A reader pointing at or focusing Run or Edit of a browser run is likely to
// run it: the interpreter starts then, not at page load; never beside a run,
// whose timings need the CPU (the run starts the next one when it ends).
function warmOnIntent(example) {
  const prepare = ({ target }) => {
    if (active) return;
    const edit = target.closest?.("[data-action='edit']");
    if (!edit && target.closest?.(".live-run")?.dataset.run !== "browser") return;
    import("./browser-run.js").then((module) => module.prepare());
  };
  example.addEventListener("pointerover", prepare);
  example.addEventListener("focusin", prepare);
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
  if (inBrowser) {
    makeEditable(example, run, { live });
    warmOnIntent(example);
  }
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
  // The deck may have fitted a slide while the answer was on its way; the buttons
  // change its title bars, so it is fitted again, once however many examples it has.
  new Set([...examples].map((example) => example.closest(".slide"))).forEach((slide) => slide && refit(slide));
}

onEveryPage(mount);
