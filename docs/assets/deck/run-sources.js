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
import { siteRoot } from "./material.js";

export function stopped(began) {
  return { type: "error", message: "stopped", t: seconds(began) };
}

function seconds(began) {
  return Math.round(performance.now() - began) / 1000;
}

// Events pushed by callbacks, read as an async iterable. `close` ends it
// after what was pushed before; an abort ends it at once with "stopped".
export function eventQueue(signal) {
  const began = performance.now();
  let items = [];
  let wake = null;
  let closed = false;
  const queue = {
    push(event) {
      if (closed) return;
      items.push(event);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (signal.aborted) {
          yield stopped(began);
          return;
        }
        if (items.length) {
          const taken = items;
          items = [];
          for (const event of taken) {
            if (signal.aborted) break;
            yield event;
          }
          continue;
        }
        if (closed) return;
        await new Promise((resolve) => (wake = resolve));
        wake = null;
      }
    },
  };
  signal.addEventListener("abort", () => queue.close(), { once: true });
  return queue;
}

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
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
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
