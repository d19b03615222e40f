// timeline-table.js: a timeline's text alternative, from a TimelineModel
// (timeline-model.js): its accessible name, and a table with a row a lane and
// the printed lines with their times. Strings only, no DOM.

import { seconds } from "./timeline-model.js";
import { escape } from "./timeline-svg.js";

export function accessibleName(id, rows, lines) {
  const count = (kind) => rows.filter((lane) => lane.kind === kind).length;
  const parts = [`${count("task")} task lanes`];
  if (count("thread")) parts.push(`${count("thread")} worker threads`);
  if (count("process")) parts.push(`${count("process")} worker processes`);
  parts.push(`${lines.length} printed lines`);
  return `Timeline of ${id}: ${parts.join(", ")}`;
}

export function table(model, rows) {
  const origin = model.origin ?? 0;
  const body = rows
    .map((lane) => {
      const busy = lane.steps.reduce((sum, step) => sum + step.d, 0);
      const ended = lane.ended === null ? "—" : `${lane.state} at ${seconds(lane.ended - origin)}`;
      const created = lane.created === null ? "—" : seconds(lane.created - origin);
      return (
        `<tr><th scope="row">${escape(lane.title)}</th><td>${lane.kind}</td><td>${created}</td>` +
        `<td>${lane.steps.length}</td><td>${seconds(busy)}</td><td>${ended}</td></tr>`
      );
    })
    .join("");
  const printed = model.lines
    .map((line) => `<li>${seconds(Math.max(line.t - origin, 0))}: <code>${escape(line.text)}</code></li>`)
    .join("");
  return (
    `<table><thead><tr><th scope="col">Lane</th><th scope="col">Kind</th><th scope="col">Created</th>` +
    `<th scope="col">Steps</th><th scope="col">Running</th><th scope="col">Ended</th></tr></thead>` +
    `<tbody>${body}</tbody></table>` +
    (printed ? `<p>Printed, in seconds since the loop started:</p><ol>${printed}</ol>` : "")
  );
}
