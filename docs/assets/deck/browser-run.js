// browser-run.js: run Python source in the reader's browser, on Pyodide in a
// Web Worker (python-worker.js). A run reports the run socket's messages
// ("start", "line", then one "exit" or "error") to a callback, so the page
// shows a browser run exactly as it shows a live one from the server.
//
// Each run gets a fresh interpreter. Nothing is fetched until the first run;
// after each run one interpreter is started in the background, so the next
// Run begins at once, as the server's warm interpreters do.

// The server's limits (server/live.py), so a run ends the same way here.
const TIMEOUT_SECONDS = 30;
const OUTPUT_CHARACTERS = 1 << 20;

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

// Started only once a run has ended: warming up beside a running example
// would take the CPU its timings depend on.
function warmUpNext() {
  spare ??= new Interpreter();
}

/**
 * Run `code` as the file `filename` (e.g. "examples/concurrency/gather_sleep.py").
 * `onEvent` receives each message; the returned handle's stop() ends the run
 * with {type: "error", message: "stopped"}.
 */
export function run(code, filename, onEvent) {
  const interpreter = takeInterpreter();
  let ended = false;
  let printed = 0;
  let timer = 0;

  const end = (event) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    interpreter.terminate();
    onEvent(event);
    warmUpNext();
  };

  interpreter.listener = (event) => {
    if (ended) return;
    if (event.type === "exit" || event.type === "error") {
      end(event);
      return;
    }
    if (event.type === "start") {
      timer = setTimeout(
        () => end({ type: "error", message: `timed out after ${TIMEOUT_SECONDS} s` }),
        TIMEOUT_SECONDS * 1000,
      );
    }
    if (event.type === "line") {
      printed += event.text.length + 1;
      if (printed > OUTPUT_CHARACTERS) {
        end({ type: "error", message: `the output passed the limit of ${OUTPUT_CHARACTERS} characters` });
        return;
      }
    }
    onEvent(event);
  };

  interpreter.ready.then(
    () => {
      if (ended) return;
      interpreter.started = true;
      interpreter.worker.postMessage({ type: "run", code, filename });
    },
    (problem) => end({ type: "error", message: `Python could not start in this browser: ${problem.message}` }),
  );
  return { stop: () => end({ type: "error", message: "stopped" }) };
}
