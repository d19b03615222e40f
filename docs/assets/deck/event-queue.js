// event-queue.js: events pushed by callbacks (a socket's, a worker's), read
// as the async iterable a run source returns (run-sources.js). No DOM, so
// `node --test` tests it.

// The event that ends a stopped run, `began` being its start on performance.now().
export function stopped(began) {
  return { type: "error", message: "stopped", t: seconds(began) };
}

// Seconds since `began`, to the millisecond, as every event's `t` is.
export function seconds(began) {
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
