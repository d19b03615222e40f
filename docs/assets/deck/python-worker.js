// python-worker.js: one Python interpreter (Pyodide, CPython 3.14 compiled to
// WebAssembly) in a module Web Worker, good for exactly one run. It loads the
// site's own copy of the runtime, says "ready", then waits for
// {type: "run", code, filename}. The run posts the run socket's messages:
// "start", a "line" for each line printed (with its offset t in seconds), and
// one "exit" — or an "error" if the runtime itself fails. Stopping a run is
// terminating this worker, so no Python code needs to cooperate.

import { loadPyodide } from "../pyodide/pyodide.mjs";

// The environment of a captured run (survey/launch.py), so output matches it.
const ENV = {
  PYTHONHASHSEED: "0",
  PYTHONUNBUFFERED: "1",
  PYTHONIOENCODING: "utf-8",
  PYTHONDONTWRITEBYTECODE: "1",
  TZ: "UTC",
  NO_COLOR: "1",
};
// Development mode as in a captured run. `-W error` waits until the example
// starts (run_in_browser.py): Pyodide's own start-up uses deprecated asyncio API.
const FLAGS = ["-X", "dev", "-W", "ignore::DeprecationWarning"];
const HOME = "/home/pyodide";

let started = 0;

function seconds() {
  return Math.round(performance.now() - started) / 1000;
}

// Splits what Python writes into lines, as the server's line reader does; a
// line without its newline yet waits for the rest.
function lineWriter(stream) {
  const decoder = new TextDecoder();
  let pending = "";
  return {
    write(bytes) {
      pending += decoder.decode(bytes, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const text of lines) postMessage({ type: "line", stream, text, t: seconds() });
      return bytes.length;
    },
    flush() {
      if (pending) postMessage({ type: "line", stream, text: pending, t: seconds() });
      pending = "";
    },
  };
}

const stdout = lineWriter("stdout");
const stderr = lineWriter("stderr");

async function run({ pyodide, runAsMain }, { code, filename }) {
  const directory = filename.split("/").slice(0, -1).join("/");
  if (directory) pyodide.FS.mkdirTree(`${HOME}/${directory}`);
  pyodide.FS.writeFile(`${HOME}/${filename}`, code);
  started = performance.now();
  postMessage({ type: "start" });
  // callPromising lets asyncio.run() suspend on JavaScript promises (JSPI),
  // so the example's own `asyncio.run(main())` works unchanged.
  const exitCode = await runAsMain.callPromising(filename);
  stdout.flush();
  stderr.flush();
  postMessage({ type: "exit", code: exitCode, elapsed: seconds() });
}

// The Python half of a run, beside this file: how it starts and what loop it gets.
async function runnerSource() {
  const response = await fetch(new URL("run_in_browser.py", import.meta.url));
  if (!response.ok) throw new Error(`run_in_browser.py: HTTP ${response.status}`);
  return response.text();
}

async function boot() {
  const [pyodide, source] = await Promise.all([
    loadPyodide({ args: FLAGS, env: { ...ENV, HOME } }),
    runnerSource(),
  ]);
  pyodide.setStdout(stdout);
  pyodide.setStderr(stderr);
  const runner = pyodide.globals.get("dict")();
  pyodide.runPython(source, { globals: runner, filename: "run_in_browser.py" });
  runner.get("install")();
  return { pyodide, runAsMain: runner.get("run_as_main") };
}

const ready = boot();
ready.then(
  () => postMessage({ type: "ready" }),
  (problem) => postMessage({ type: "error", message: String(problem.message ?? problem) }),
);

addEventListener("message", async ({ data }) => {
  if (data.type !== "run") return;
  try {
    await run(await ready, data);
  } catch (problem) {
    postMessage({ type: "error", message: String(problem.message ?? problem) });
  }
});
