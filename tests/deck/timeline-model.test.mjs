// The timeline's pure model: lanes from trace events, the axis's span, ticks.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CLEANUP_LANE, TimelineModel, groups, seconds, spanOf, ticks } from "../../docs/assets/deck/timeline-model.js";

const HOUSEKEEPING = ["shutdown_asyncgens()", "shutdown_default_executor()"];

function created(task, t, label) {
  return { kind: "task", task, t, state: "created", label };
}

test("seconds reads as three significant figures in s, ms or µs", () => {
  assert.equal(seconds(0), "0 s");
  assert.equal(seconds(1.23456), "1.23 s");
  assert.equal(seconds(0.0415), "41.5 ms");
  assert.equal(seconds(0.000012), "12 µs");
});

test("a task's lane is titled by its coroutine, and by its name when it has one", () => {
  const model = new TimelineModel();
  model.add([created("Task-2", 0, "nap('a')"), created("worker", 0, "nap('b')")]);
  assert.deepEqual(
    model.rows().map((lane) => lane.title),
    ["nap('a')", "worker: nap('b')"],
  );
});

test("steps, ends and open worker calls land on their lanes", () => {
  const model = new TimelineModel();
  model.add([
    created("Task-1", 0.001, "main()"),
    { kind: "step", task: "Task-1", t: 0.002, d: 0.2, slow: true },
    { kind: "step", task: "asyncio_0", lane: "thread", t: 0.003, d: null, label: "read(1)" },
    { kind: "task", task: "Task-1", t: 0.3, state: "cancelled" },
  ]);
  const [task, thread] = model.rows();
  assert.deepEqual(task.steps, [{ t: 0.002, d: 0.2, slow: true, label: undefined }]);
  assert.equal(task.state, "cancelled");
  assert.equal(thread.kind, "thread");
  assert.deepEqual([...thread.open], [[0.003, "read(1)"]]);
  model.add([{ kind: "step", task: "asyncio_0", lane: "thread", t: 0.003, d: 0.1, label: "read(1)" }]);
  assert.equal(thread.open.size, 0);
  assert.equal(model.events, 5);
  assert.equal(model.origin, 0.001);
  assert.equal(model.latest, 0.3);
});

test("asyncio.run's housekeeping tasks share one clean-up lane, after the others", () => {
  const model = new TimelineModel({ housekeeping: HOUSEKEEPING });
  model.add([
    created("Task-1", 0, "main()"),
    created("Task-2", 0.1, "shutdown_asyncgens()"),
    created("Task-3", 0.1, "shutdown_default_executor(300)"), // as Python 3.14 labels it
    { kind: "step", task: "asyncio_0", lane: "thread", t: 0.05, d: 0.01 },
  ]);
  assert.deepEqual(
    model.rows().map((lane) => lane.name),
    ["Task-1", CLEANUP_LANE, "asyncio_0"],
  );
});

test("without the housekeeping names, every task keeps its own lane", () => {
  const model = new TimelineModel();
  model.add([created("Task-2", 0.1, "shutdown_asyncgens()"), created("Task-3", 0.1, "shutdown_default_executor()")]);
  assert.equal(model.rows().length, 2);
});

test("thin lanes are labelled by family", () => {
  const model = new TimelineModel();
  model.add([created("Task-1", 0, "main()"), ...[2, 3, 4].map((n) => created(`Task-${n}`, 0, `deposit(${n})`))]);
  assert.deepEqual(
    groups(model.rows()).map((group) => [group.first, group.count, group.label]),
    [
      [0, 1, "main()"],
      [1, 3, "deposit(…) × 3"],
    ],
  );
});

test("a finished run spans from its first event to the last thing drawn", () => {
  const model = new TimelineModel();
  model.add([created("Task-1", 0.5, "main()"), { kind: "step", task: "Task-1", t: 0.5, d: 0.25 }]);
  model.addLine({ t: 1.5, text: "done" });
  assert.equal(model.span(), 1);
});

test("a running run's span starts as expected and doubles as the run outgrows it", () => {
  const model = new TimelineModel();
  model.add([created("Task-1", 0, "main()")]);
  assert.equal(model.span({ now: 0.1, expected: 0.4 }), 0.4);
  assert.equal(model.span({ now: 0.5, expected: 0.4 }), 0.8);
  assert.equal(model.span({ now: 0.01, unit: { seconds: 0.2, name: "delay" } }), 0.2);
});

test("ticks count in the example's delay where it has one", () => {
  const [step, label, caption] = ticks(1, 20, { seconds: 0.1, name: "delay" });
  assert.equal(step, 0.1);
  assert.equal(label(0.3), "3×");
  assert.equal(caption, "× delay (100 ms)");
});

test("ticks otherwise fall on 1, 2 or 5 × 10ⁿ seconds, at most half as many as fit", () => {
  const [step, label] = ticks(1, 20);
  assert.equal(step, 0.1);
  assert.equal(label(0.30000000000000004), "0.3");
  assert.equal(ticks(3, 8)[0], 1);
  assert.equal(ticks(3, 20)[0], 0.5);
});

test("a stream's span runs from its first trace event to its last line or step's end", () => {
  const events = [
    { type: "start", id: "x", t: 0 },
    { type: "trace", events: [created("Task-1", 0.01, "main()"), { kind: "step", task: "Task-1", t: 0.02, d: 0.1 }], t: 0.2 },
    { type: "line", stream: "stdout", text: "hi", t: 0.51 },
    { type: "exit", code: 0, elapsed: 0.6, t: 0.6 },
  ];
  assert.equal(spanOf(events), 0.5);
  assert.equal(spanOf(events.filter((event) => event.type !== "trace")), 0);
});
