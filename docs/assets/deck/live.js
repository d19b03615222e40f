// live.js: the Run button of every example block (<div class="example" data-example="<id>">).
// Served by the survey's own server (python -m server), the example runs for
// real and its output streams into a panel that takes the place of the
// recorded Output block. Anywhere else (the hosted site, a plain static
// server) the same button replays the recorded run with its recorded pacing
// and says that it is a recording. Every event also goes out on the live
// channel (channels.js), so the speaker window shows it too.

import { describe, postRunEvent, postRunReset } from "./channels.js";
import { button, element } from "./dom.js";
import { CONTENT, onEveryPage, siteRoot } from "./material.js";


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

class Panel {
  constructor(block, id, recording) {
    panels.get(block)?.close();
    panels.set(block, this);
    this.recorded = outputAfter(block);
    const close = button(
      { className: "live-panel__close", "aria-label": `Close the output of ${id}` },
      () => this.close(),
      "×",
    );
    const bar = element(
      "span",
      { className: "filename live-panel__bar" },
      recording ? "Output (replay of a recorded run)" : "Output (live)",
      close,
    );
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
  }

  close() {
    if (active?.panel === this) active.stop();
    this.element.remove();
    if (this.recorded) this.recorded.hidden = false;
  }
}

function outputAfter(block) {
  const next = block.nextElementSibling;
  const title = next?.querySelector(":scope > .filename")?.textContent.trim();
  return next?.classList.contains("highlight") && title === "Output" ? next : null;
}

// One run on screen at a time: a new Run stops and replaces the one before.
class Session {
  constructor(button, id, recording) {
    this.button = button;
    this.id = id;
    this.ended = false;
    this.panel = new Panel(button.closest(".highlight"), id, recording);
    setButton(button, "Stop", id);
    postRunReset(id, recording);
  }

  emit(event) {
    if (this.ended) return;
    this.panel.show(event);
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
    super(button, id, false);
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
    super(button, id, true);
    this.timers = [];
    fetch(new URL(`replays/${id}.json`, siteRoot))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((recording) => this.play(recording))
      .catch((problem) => this.emit({ type: "error", message: `no recording: ${problem.message}` }));
  }

  play(recording) {
    if (this.ended) return;
    this.emit({ type: "start", id: this.id });
    const at = (seconds, event) =>
      this.timers.push(setTimeout(() => this.emit(event), seconds * 1000));
    for (const { t, stream, text } of recording.lines) at(t, { type: "line", stream, text });
    at(recording.elapsed, { type: "exit", code: recording.exit, elapsed: recording.elapsed });
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

function setButton(button, verb, id) {
  button.textContent = verb;
  button.setAttribute("aria-label", `${verb} ${id}`);
  button.toggleAttribute("data-running", verb === "Stop");
}

// The page renders the button hidden in the block's controls; it goes on the
// code's title bar, where it reads as acting on that code.
function enableButton(example, live) {
  const id = example.dataset.example;
  const run = example.querySelector(":scope > .example__controls > .live-run");
  if (!run) return; // enabled already, by an earlier call for the same page
  run.dataset.idle = live ? "Run" : "Replay";
  run.dataset.run = live ? "server" : "replay";
  setButton(run, run.dataset.idle, id);
  run.addEventListener("click", () => {
    if (active?.button === run) {
      active.stop();
      return;
    }
    active?.stop();
    active = live ? new LiveRun(run, id) : new Replay(run, id);
  });
  example.querySelector(":scope > .highlight > .filename").append(run);
  run.hidden = false;
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
