// timeline-svg.js: a timeline's picture as SVG markup, from a TimelineModel
// (timeline-model.js) and the room it has. Strings only, no DOM, so that a
// drawing of thousands of steps is one innerHTML and `node --test` can read it.

import { groups, seconds, ticks } from "./timeline-model.js";

// A step at least this long held the loop for long enough to see: it gets a band
// across every lane of the loop, since nothing else on it could run meanwhile.
const HOLD_SECONDS = 0.05;

function round(value) {
  return Math.round(value * 10) / 10;
}

export function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Where everything goes. The svg's height is the page's (timeline.css: lanes
// reserved × 1.45em + 3.5em); the lanes share what the prints row and the axis
// leave, up to 1.45em each. `char`: one character's width in the label font;
// `now`: seconds on the run's clock while it runs, else null.
export function layout(model, rows, { width, height, font, char, domain, now }) {
  const printsHeight = font * 1.3;
  const axisHeight = font * 2.2;
  const room = Math.max(height - printsHeight - axisHeight, rows.length * 2);
  const laneHeight = Math.max(2, Math.min(font * 1.45, room / Math.max(rows.length, 1)));
  const thin = laneHeight < font * 0.95;
  const labels = thin ? groups(rows).map((group) => group.label) : rows.map((lane) => lane.title);
  const longest = Math.max(8, ...labels.map((label) => label.length));
  const labelWidth = Math.min(longest * char, width * 0.38) + font;
  const top = printsHeight;
  const left = labelWidth;
  const right = width - font;
  const origin = model.origin ?? 0;
  const perSecond = (right - left) / domain;
  return {
    font,
    char,
    width,
    top,
    left,
    right,
    laneHeight,
    thin,
    bottom: top + laneHeight * rows.length,
    height: Math.max(height, top + laneHeight * rows.length + axisHeight),
    origin,
    domain,
    // Tenths of a pixel: finer would only lengthen the markup of a long run.
    x: (t) => Math.round((left + (Math.max(t, origin) - origin) * perSecond) * 10) / 10,
    pixel: 1 / perSecond, // seconds per pixel
    now,
    end: now ?? model.latest,
  };
}

// The whole picture: axis, the bands where the loop was held, lanes, print markers.
export function drawing(model, rows, layout, unit = null) {
  const parts = [axis(layout, unit), holds(rows, layout), lanes(rows, layout), prints(model.lines, layout)];
  if (layout.now !== null) parts.push(nowLine(layout));
  return parts.join("");
}

function axis({ top, bottom, left, right, origin, domain, x, font }, unit) {
  const [step, unitLabel, unitCaption] = ticks(domain, (right - left) / (font * 4.5), unit);
  const parts = [`<g class="timeline__axis" aria-hidden="true">`];
  parts.push(`<line class="axis__line" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  for (let k = 0; k * step <= domain * 1.0001; k += 1) {
    const at = x(origin + k * step);
    parts.push(`<line class="axis__grid" x1="${at}" x2="${at}" y1="${top}" y2="${bottom + font * 0.3}"/>`);
    parts.push(`<text class="axis__tick" x="${at}" y="${bottom + font * 1.25}">${unitLabel(k * step)}</text>`);
  }
  parts.push(`<text class="axis__unit" x="${right}" y="${bottom + font * 2.1}">${escape(unitCaption)}</text>`);
  parts.push("</g>");
  return parts.join("");
}

function holds(rows, { top, x, pixel, laneHeight }) {
  const loopRows = rows.filter((lane) => lane.onLoop).length;
  if (!loopRows) return "";
  const parts = [`<g class="timeline__holds">`];
  for (const lane of rows) {
    if (!lane.onLoop) continue;
    for (const step of lane.steps) {
      if (!(step.slow || step.d >= HOLD_SECONDS) || step.d < pixel) continue;
      const width = Math.max(step.d / pixel, 1);
      parts.push(
        `<rect class="hold" x="${x(step.t)}" y="${top}" width="${width}" height="${loopRows * laneHeight}"/>`,
      );
    }
  }
  parts.push("</g>");
  return parts.join("");
}

function lanes(rows, layout) {
  const { top, laneHeight, thin } = layout;
  const parts = [];
  const labelled = new Map(thin ? groups(rows).map((group) => [group.first, group]) : []);
  rows.forEach((lane, index) => {
    const y = top + index * laneHeight;
    const state = lane.kind === "task" ? lane.state : "worker";
    parts.push(
      `<g class="lane lane--${lane.kind}" data-lane="${escape(lane.name)}" data-kind="${lane.kind}" data-state="${state}">`,
    );
    if (!thin) parts.push(label(lane.title, y + laneHeight / 2, layout, lane.name));
    else if (labelled.has(index)) {
      const { label: text, count } = labelled.get(index);
      parts.push(label(text, top + (index + count / 2) * laneHeight, layout));
    }
    parts.push(life(lane, y, layout), steps(lane, y, layout), end(lane, y, layout), "</g>");
  });
  return parts.join("");
}

function label(text, middle, { left, font, char }, name = text) {
  const room = Math.floor((left - font) / char);
  const shown = text.length > room ? `${text.slice(0, Math.max(room - 1, 1))}…` : text;
  const full = name !== text ? `${name}: ${text}` : text;
  return `<text class="lane__label" x="${left - font * 0.5}" y="${middle}"><title>${escape(full)}</title>${escape(shown)}</text>`;
}

function life(lane, y, { x, laneHeight, end: last }) {
  if (lane.kind !== "task" || lane.created === null) return "";
  const stop = lane.ended ?? last ?? lane.created;
  const middle = y + laneHeight / 2;
  return `<line class="lane__life" x1="${x(lane.created)}" x2="${x(Math.max(stop, lane.created))}" y1="${middle}" y2="${middle}"/>`;
}

// Steps closer than a pixel merge into one bar whose data-t and data-d span them.
function steps(lane, y, { x, pixel, laneHeight, end: last }) {
  const height = round(Math.max(laneHeight * (laneHeight > 6 ? 0.62 : 1) - (laneHeight > 3 ? 0.5 : 0), 1));
  const top = round(y + (laneHeight - height) / 2);
  // The loop's steps come in order; a worker's calls as they end.
  const ordered = lane.onLoop ? lane.steps : [...lane.steps].sort((a, b) => a.t - b.t);
  const parts = [];
  let bar = null;
  const flush = () => {
    if (!bar) return;
    const width = round(Math.max((bar.end - bar.t) / pixel, 1.5));
    const slow = bar.slow ? " step--slow" : "";
    const title = bar.label || bar.end - bar.t >= 2 * pixel ? stepTitle(lane, bar) : "";
    parts.push(
      `<rect class="step${slow}" data-t="${bar.t}" data-d="${+(bar.end - bar.t).toFixed(6)}" x="${x(bar.t)}" y="${top}" width="${width}" height="${height}">${title}</rect>`,
    );
    bar = null;
  };
  for (const step of ordered) {
    if (bar && lane.onLoop && step.t - bar.end < pixel) {
      bar.end = Math.max(bar.end, step.t + step.d);
      bar.slow ||= step.slow;
      bar.label = null;
    } else {
      flush();
      bar = { t: step.t, end: step.t + step.d, slow: step.slow, label: step.label };
    }
  }
  flush();
  for (const [t, text] of lane.open) {
    const width = Math.max(((last ?? t) - t) / pixel, 1.5);
    parts.push(
      `<rect class="step step--open" data-t="${t}" x="${x(t)}" y="${top}" width="${width}" height="${height}"><title>${escape(text)}: running since ${seconds(t)}</title></rect>`,
    );
  }
  return parts.join("");
}

function stepTitle(lane, bar) {
  const what = bar.label || lane.title;
  return `<title>${escape(what)}: ran ${seconds(bar.end - bar.t)} from ${seconds(bar.t)}${bar.slow ? ", longer than the loop's slow-callback limit" : ""}</title>`;
}

function end(lane, y, { x, laneHeight }) {
  if (lane.kind !== "task" || lane.ended === null) return "";
  const cx = x(lane.ended);
  const cy = y + laneHeight / 2;
  const r = Math.max(Math.min(laneHeight * 0.32, 7), 1.5);
  const title = `<title>${escape(lane.title)}: ${lane.state} at ${seconds(lane.ended)}</title>`;
  // A task that is done simply stops; one that did not finish normally is marked.
  const shape = {
    cancelled: `<path d="M${cx - r} ${cy - r}L${cx + r} ${cy + r}M${cx - r} ${cy + r}L${cx + r} ${cy - r}"/>`,
    failed: `<circle cx="${cx}" cy="${cy}" r="${r}"/><line x1="${cx}" x2="${cx}" y1="${cy - r * 0.55}" y2="${cy + r * 0.15}"/><line x1="${cx}" x2="${cx}" y1="${cy + r * 0.45}" y2="${cy + r * 0.5}"/>`,
  }[lane.state];
  return shape ? `<g class="lane__end lane__end--${lane.state}">${title}${shape}</g>` : "";
}

function prints(lines, { top, bottom, x, font }) {
  const parts = [`<g class="timeline__prints">`];
  const size = font * 0.45;
  lines.forEach((line, index) => {
    const at = x(line.t);
    parts.push(
      `<g class="print print--${line.stream === "stderr" ? "stderr" : "stdout"}" data-t="${line.t}" data-line="${index}">` +
        `<title>${escape(line.text)} (printed at ${seconds(line.t)})</title>` +
        `<line class="print__guide" x1="${at}" x2="${at}" y1="${top}" y2="${bottom}"/>` +
        `<path class="print__mark" d="M${at - size} ${top - size * 1.9}h${2 * size}l${-size} ${size * 1.6}z"/>` +
        `</g>`,
    );
  });
  parts.push("</g>");
  return parts.join("");
}

function nowLine({ top, bottom, x, origin, domain, now }) {
  const at = x(Math.min(now, origin + domain));
  return `<line class="timeline__now" x1="${at}" x2="${at}" y1="${top}" y2="${bottom}"/>`;
}
