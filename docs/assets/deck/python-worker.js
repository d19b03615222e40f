// python-worker.js: one Python interpreter (Pyodide, CPython 3.14 compiled to
// WebAssembly) in a module Web Worker, good for exactly one run. It waits for
// {type: "boot", environment, traceInterval} (the page's config: the environment of a
// captured run, and how often a run's trace goes out), loads the site's own
// copy of the runtime, says "ready", then waits for {type: "run", id, code,
// filename} (with traced: false, the run is not traced: what a benchmark
// compares a traced run with). The run posts the events a run on the server sends (see
// run-sources.js): "start", a "line" for each line printed, a "trace" at
// most once a traceInterval, and one "exit" (or an "error" if the runtime
// itself fails). Stopping a run is terminating this worker, so no Python
// code needs to cooperate. Instead of a run, a fresh interpreter may grade
// one: {type: "grade", check, events} (an exercise's check.py and the run's
// events) posts {type: "verdict", passed, why}.

import { loadPyodide } from "../pyodide/pyodide.mjs";

// Development mode as in a captured run. `-W error` waits until the example
// starts (run_in_browser.py): Pyodide's own start-up uses deprecated asyncio API.
const FLAGS = ["-X", "dev", "-W", "ignore::DeprecationWarning"];
const HOME = "/home/pyodide";
// The survey's recorder and its reader (copied beside this file by the build),
// importable by run_in_browser.py and by nothing the example finds on its path.
const SURVEY_MODULES = ["recorder.py", "trace_reader.py", "recording.py", "practice.py"];
const SURVEY_PATH = "/survey-runtime";
// What a run imports anyway (run_in_browser.py, the recorder, which patches the
// thread pool, and its reader), imported before a snapshot is taken so that a
// restored interpreter has them compiled and a traced run pays for none of it.
const PRELOAD = `import asyncio, concurrent.futures, dataclasses, json, pathlib, re, threading
import atexit, concurrent.futures.thread, traceback, types, warnings, weakref
import pyodide.code, pyodide.ffi, pyodide.webloop
import sys
sys.path.append("${SURVEY_PATH}")
import survey.recorder, survey.trace_reader
sys.path.remove("${SURVEY_PATH}")`;

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

function postTrace(json) {
  postMessage({ type: "trace", events: JSON.parse(json), t: seconds() });
}

async function run({ pyodide, runner, traceInterval }, { id, code, filename, traced = true }) {
  const directory = filename.split("/").slice(0, -1).join("/");
  if (directory) pyodide.FS.mkdirTree(`${HOME}/${directory}`);
  pyodide.FS.writeFile(`${HOME}/${filename}`, code);
  started = performance.now();
  postMessage({ type: "start", id, t: 0 });
  // time.perf_counter() in Pyodide reads performance.now(), so the run's
  // start is the same instant on both sides.
  if (traced) runner.get("trace")(postTrace, started / 1000, traceInterval);
  // callPromising lets asyncio.run() suspend on JavaScript promises (JSPI),
  // so the example's own `asyncio.run(main())` works unchanged.
  const exitCode = await runner.get("run_as_main").callPromising(filename);
  stdout.flush();
  stderr.flush();
  const elapsed = seconds();
  postMessage({ type: "exit", code: exitCode, elapsed, t: elapsed });
}

async function fetchText(name) {
  const response = await fetch(new URL(name, import.meta.url));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.text();
}

// A started interpreter's memory, kept in the browser's Cache Storage: the
// first start in a browser takes one (a few milliseconds) and every later
// start restores it, which skips starting Python and the imports above. The
// key names everything the memory depends on.
async function snapshotKey(env, modules) {
  const runtime = new URL("../pyodide/pyodide.asm.wasm", import.meta.url);
  const recipe = JSON.stringify({ runtime, FLAGS, env, PRELOAD, modules });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(recipe));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return new URL(`../pyodide/snapshot-${hex}`, import.meta.url);
}

const SNAPSHOTS = "survey-python-snapshots";

async function savedSnapshot(key) {
  if (!globalThis.caches) return null; // not a secure context (file://)
  const response = await (await caches.open(SNAPSHOTS)).match(key);
  return response ? new Uint8Array(await response.arrayBuffer()) : null;
}

// The survey's modules, where run_in_browser.py imports them from.
function writeSurvey(pyodide, modules) {
  pyodide.FS.mkdirTree(`${SURVEY_PATH}/survey`);
  pyodide.FS.writeFile(`${SURVEY_PATH}/survey/__init__.py`, "");
  SURVEY_MODULES.forEach((name, index) => pyodide.FS.writeFile(`${SURVEY_PATH}/survey/${name}`, modules[index]));
}

async function startPython(env, modules) {
  const options = { args: FLAGS, env: { ...env, HOME } };
  const key = await snapshotKey(env, modules).catch(() => null);
  const saved = key && (await savedSnapshot(key).catch(() => null));
  if (saved) {
    const pyodide = await loadPyodide({ ...options, _loadSnapshot: saved });
    writeSurvey(pyodide, modules);
    return pyodide;
  }
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(key) });
  writeSurvey(pyodide, modules);
  pyodide.runPython(PRELOAD);
  if (key) {
    const snapshot = pyodide.makeMemorySnapshot();
    // Nothing waits for the write; a failure only means the next start is slow too.
    // Snapshots of an older runtime or environment are of no more use.
    caches
      .open(SNAPSHOTS)
      .then(async (cache) => {
        for (const old of await cache.keys()) await cache.delete(old);
        await cache.put(key, new Response(snapshot));
      })
      .catch(() => {});
  }
  return pyodide;
}

async function boot({ environment: env, traceInterval }) {
  // The modules go into the snapshot's key, so they come first: small files, cached.
  const modules = await Promise.all(SURVEY_MODULES.map((name) => fetchText(`survey/${name}`)));
  const [pyodide, source] = await Promise.all([startPython(env, modules), fetchText("run_in_browser.py")]);
  pyodide.setStdout(stdout);
  pyodide.setStderr(stderr);
  const runner = pyodide.globals.get("dict")();
  pyodide.runPython(source, { globals: runner, filename: "run_in_browser.py" });
  runner.get("install")(SURVEY_PATH);
  return { pyodide, runner, traceInterval };
}

let ready = null;

addEventListener("message", async ({ data }) => {
  if (data.type === "boot") {
    ready = boot(data);
    ready.then(
      () => postMessage({ type: "ready" }),
      (problem) => postMessage({ type: "error", message: String(problem.message ?? problem) }),
    );
  } else if (data.type === "grade") {
    try {
      const { runner } = await ready;
      const verdict = runner.get("grade")(data.check, JSON.stringify(data.events));
      postMessage({ type: "verdict", ...JSON.parse(verdict) });
    } catch (problem) {
      postMessage({ type: "error", message: String(problem.message ?? problem) });
    }
  } else if (data.type === "run") {
    try {
      await run(await ready, data);
    } catch (problem) {
      postMessage({ type: "error", message: String(problem.message ?? problem), t: seconds() });
    }
  }
});
