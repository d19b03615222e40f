// The timeline's drawing and text alternative, as markup, without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import { TimelineModel } from "../../docs/assets/deck/timeline-model.js";
import { drawing, escape, layout } from "../../docs/assets/deck/timeline-svg.js";
import { accessibleName, table } from "../../docs/assets/deck/timeline-table.js";

const ROOM = { width: 800, height: 200, font: 12, char: 7, now: null };

function picture(events, lines = []) {
  const model = new TimelineModel();
  model.add(events);
  lines.forEach((line) => model.addLine(line));
  const rows = model.rows();
  const placed = layout(model, rows, { ...ROOM, domain: model.span() });
  return { model, rows, svg: drawing(model, rows, placed) };
}

const BLOCKED = [
  { kind: "task", task: "Task-1", t: 0, state: "created", label: "main()" },
  { kind: "task", task: "Task-2", t: 0, state: "created", label: "nap(<1>)" },
  { kind: "step", task: "Task-2", t: 0.01, d: 0.3, slow: true },
  { kind: "step", task: "Task-1", t: 0.4, d: 0.001 },
  { kind: "task", task: "Task-2", t: 0.31, state: "failed" },
];

test("markup escapes what a program may print", () => {
  assert.equal(escape(`<a href="x">&`), "&#60;a href=&#34;x&#34;&#62;&#38;");
});

test("a lane a task, named, with its state", () => {
  const { svg } = picture(BLOCKED);
  assert.match(svg, /<g class="lane lane--task" data-lane="Task-1" data-kind="task" data-state="running">/);
  assert.match(svg, /data-lane="Task-2" data-kind="task" data-state="failed"/);
  assert.match(svg, /nap\(&#60;1&#62;\)<\/text>/);
});

test("a slow step is drawn red and holds the loop across its lanes", () => {
  const { svg } = picture(BLOCKED);
  assert.equal(svg.match(/class="step step--slow"/g).length, 1);
  assert.equal(svg.match(/<rect class="hold"/g).length, 1);
  const fast = picture(BLOCKED.map((event) => ({ ...event, slow: false, d: event.d && 0.001 })));
  assert.doesNotMatch(fast.svg, /step--slow|class="hold"/);
});

test("each printed line has a marker numbered in print order", () => {
  const lines = [
    { t: 0.1, text: "one" },
    { t: 0.2, text: "two", stream: "stderr" },
  ];
  const { svg } = picture(BLOCKED, lines);
  assert.match(svg, /class="print print--stdout" data-t="0.1" data-line="0"/);
  assert.match(svg, /class="print print--stderr" data-t="0.2" data-line="1"/);
});

test("a running drawing shows where the clock is", () => {
  const model = new TimelineModel();
  model.add(BLOCKED);
  const rows = model.rows();
  const placed = layout(model, rows, { ...ROOM, now: 0.2, domain: model.span({ now: 0.2 }) });
  assert.match(drawing(model, rows, placed), /class="timeline__now"/);
});

test("the text alternative has a row a lane and the printed lines", () => {
  const { model, rows } = picture(BLOCKED, [{ t: 0.1, text: "one" }]);
  const html = table(model, rows);
  assert.equal(html.match(/<tr><th scope="row">/g).length, 2);
  assert.match(html, /<th scope="row">nap\(&#60;1&#62;\)<\/th><td>task<\/td><td>0 s<\/td><td>1<\/td><td>300 ms<\/td><td>failed at 310 ms<\/td>/);
  assert.match(html, /<li>100 ms: <code>one<\/code><\/li>/);
  assert.equal(accessibleName("x/y", rows, model.lines), "Timeline of x/y: 2 task lanes, 1 printed lines");
});
