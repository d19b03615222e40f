// browser-run.js: the browser's run source (see run-sources.js): Python source
// run in the reader's browser, on Pyodide in a Web Worker (python-worker.js),
// yielding the events a run on the server sends, its trace included.
//
// Each run gets a fresh interpreter. Nothing is fetched until the reader
// shows they mean to run something (prepare(), on pointing at or focusing
// Run or Edit) or runs it; after each run one interpreter is started in the
// background, so the next Run begins at once, as the server's warm
// interpreters do.

import { config, traceInterval } from "./config.js";
import { siteRoot } from "./material.js";
import { eventQueue } from "./event-queue.js";

let spare = null;

class Interpreter {
  constructor() {
    this.worker = new Worker(new URL("python-worker.js", import.meta.url), { type: "module" });
    this.listener = () => {};
    this.started = false;
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") resolve();
        else if (data.type === "error" && !this.started) reject(new Error(data.message));
        else this.listener(data);
      });
      this.worker.addEventListener("error", (event) => {
        event.preventDefault();
        reject(new Error(event.message || "the Python runtime could not be loaded"));
      });
    });
    // Nobody may be waiting yet; a failure to start is reported when a run asks.
    this.ready.catch(() => {});
    const { environment } = config();
    this.worker.postMessage({ type: "boot", environment, traceInterval: traceInterval() });
  }

  terminate() {
    this.worker.terminate();
  }
}

function takeInterpreter() {
  const interpreter = spare ?? new Interpreter();
  spare = null;
  return interpreter;
}

/** Start an interpreter before it is asked for: the reader means to run something. */
export function prepare() {
  spare ??= new Interpreter();
}

// The module as published beside the site, with the region the page shows
// replaced by the reader's edit (indented as the region is in the module).
async function sourceToRun({ id, region, code }) {
  const response = await fetch(new URL(`examples/${id}.py`, siteRoot));
  if (!response.ok) throw new Error(`examples/${id}.py: HTTP ${response.status}`);
  const source = await response.text();
  if (code === null) return source;
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.trim() === `# --8<-- [start:${region}]`);
  const end = lines.findIndex((line) => line.trim() === `# --8<-- [end:${region}]`);
  if (start < 0 || end < start) throw new Error(`examples/${id}.py has no region ${region}`);
  const indent = lines[start].match(/^\s*/)[0];
  const edited = code.replace(/\n$/, "").split("\n").map((line) => (line ? indent + line : line));
  return [...lines.slice(0, start + 1), ...edited, ...lines.slice(end)].join("\n");
}

const encoder = new TextEncoder();

/**
 * The events of one run of `run` ({id, region, code}) in this browser, until
 * it ends or `signal` aborts. It ends as a run on the server does: at the
 * server's time limit, and once its output passes the server's byte limit.
 */
export function runInBrowser(run, { signal }) {
  const queue = eventQueue(signal);
  const { timeout_seconds: timeout, output_bytes: outputBytes } = config().limits;
  const interpreter = takeInterpreter();
  let ended = false;
  let printed = 0;
  let timer = 0;

  const end = (event) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    interpreter.terminate();
    if (event) queue.push(event);
    queue.close();
    // Started only once a run has ended: warming up beside a running example
    // would take the CPU its timings depend on.
    prepare();
  };
  signal.addEventListener("abort", () => end(null), { once: true });

  interpreter.listener = (event) => {
    if (ended) return;
    if (event.type === "exit" || event.type === "error") {
      end(event);
      return;
    }
    if (event.type === "start") {
      timer = setTimeout(
        () => end({ type: "error", message: `timed out after ${timeout} s`, t: timeout }),
        timeout * 1000,
      );
    }
    if (event.type === "line") {
      printed += encoder.encode(event.text).length + 1;
      if (printed > outputBytes) {
        end({ type: "error", message: `the output passed the limit of ${outputBytes} bytes`, t: event.t });
        return;
      }
    }
    queue.push(event);
  };

  const started = interpreter.ready.catch((problem) => {
    throw new Error(`Python could not start in this browser: ${problem.message}`);
  });
  Promise.all([started, sourceToRun(run)]).then(
    ([, code]) => {
      if (ended) return;
      interpreter.started = true;
      interpreter.worker.postMessage({ type: "run", id: run.id, code, filename: `examples/${run.id}.py` });
    },
    (problem) => end({ type: "error", message: problem.message, t: 0 }),
  );
  return queue;
}

/**
 * An exercise's verdict ({passed, why}) on a run's `events`, from its
 * check.py source `check`, in a fresh interpreter that ran none of the
 * reader's code (so the code cannot have changed how it is judged).
 */
export function gradeInBrowser(check, events) {
  const interpreter = takeInterpreter();
  return new Promise((resolve, reject) => {
    interpreter.listener = (message) => {
      if (message.type === "verdict") resolve({ passed: message.passed, why: message.why });
      else if (message.type === "error") reject(new Error(message.message));
    };
    interpreter.ready.then(() => {
      interpreter.started = true;
      interpreter.worker.postMessage({ type: "grade", check, events });
    }, reject);
  }).finally(() => {
    interpreter.terminate();
    prepare();
  });
}
