// The queue every pushed run source reads through: order, ending, and Stop at once.
import assert from "node:assert/strict";
import { test } from "node:test";

import { eventQueue } from "../../docs/assets/deck/event-queue.js";

async function collect(queue) {
  const events = [];
  for await (const event of queue) events.push(event);
  return events;
}

test("events come out in the order they were pushed, until close", async () => {
  const queue = eventQueue(new AbortController().signal);
  const read = collect(queue);
  queue.push({ type: "start" });
  await Promise.resolve();
  queue.push({ type: "line", text: "a" });
  queue.push({ type: "exit" });
  queue.close();
  queue.push({ type: "line", text: "after the end" });
  assert.deepEqual(
    (await read).map((event) => event.text ?? event.type),
    ["start", "a", "exit"],
  );
});

test("an abort ends the run at once with stopped, leaving what was still queued", async () => {
  const stopping = new AbortController();
  const queue = eventQueue(stopping.signal);
  const seen = [];
  const read = (async () => {
    for await (const event of queue) {
      seen.push(event);
      if (seen.length === 2) stopping.abort();
    }
  })();
  for (let n = 0; n < 1000; n += 1) queue.push({ type: "line", text: String(n) });
  await read;
  assert.equal(seen.length, 3);
  assert.deepEqual(seen.at(-1).type, "error");
  assert.equal(seen.at(-1).message, "stopped");
  assert.equal(typeof seen.at(-1).t, "number");
});

test("a reader waiting for events hears an abort", async () => {
  const stopping = new AbortController();
  const queue = eventQueue(stopping.signal);
  const read = collect(queue);
  setTimeout(() => stopping.abort(), 10);
  const events = await read;
  assert.deepEqual(
    events.map((event) => event.message),
    ["stopped"],
  );
});
