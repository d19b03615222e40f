// run-sources.js: the three ways an example runs, each a run source:
//
//   source(run, { signal }) → async iterable of the run's events
//
// `run` is { id, region, replay, code }: the example, the region the page
// shows, the URL of its recorded run, and the reader's edit of the region
// (null: the published code), as its block says them. Every source yields the
// same events (start; line; trace; then one exit or error), each with `t`,
// seconds since the run's start, and ends when `signal` aborts, with an
// error event saying "stopped" at once, whatever the run was doing.
//
//   serverRun   the run socket of the survey's own server (python -m server)
//   browserRun  Pyodide in a Web Worker (browser-run.js, loaded at the first such run)
//   replayRun   the recorded run, its stored events played at their recorded times

import { recording } from "./config.js";
import { eventQueue, seconds, stopped } from "./event-queue.js";
import { siteRoot } from "./material.js";

export function serverRun({ id }, { signal }) {
  const queue = eventQueue(signal);
  const url = new URL(`api/run/${id}`, siteRoot);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(url);
  socket.addEventListener("message", ({ data }) => {
    const event = JSON.parse(data);
    queue.push(event);
    if (event.type === "exit" || event.type === "error") queue.close();
  });
  socket.addEventListener("close", () => {
    queue.push({ type: "error", message: "the connection to the server closed" });
    queue.close();
  });
  // The server ends the run's process on "stop"; the page does not wait to hear it.
  signal.addEventListener("abort", () => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "stop" }));
    else socket.close();
  });
  return queue;
}

export async function* browserRun(run, { signal }) {
  const { runInBrowser } = await import("./browser-run.js");
  yield* runInBrowser(run, { signal });
}

// Resolves after `ms`, or at once when `signal` aborts.
function sleep(ms, signal) {
  return new Promise((resolve) => {
    const woken = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", woken);
      resolve();
    }, ms);
    signal.addEventListener("abort", woken, { once: true });
  });
}

export async function* replayRun({ replay }, { signal }) {
  const began = performance.now();
  let events;
  try {
    ({ events } = await recording(replay));
  } catch (problem) {
    yield { type: "error", message: problem.message, t: seconds(began) };
    return;
  }
  for (const event of events) {
    const wait = event.t * 1000 - (performance.now() - began);
    if (wait > 0) await sleep(wait, signal);
    if (signal.aborted) {
      yield stopped(began);
      return;
    }
    yield event;
  }
}
