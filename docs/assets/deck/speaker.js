// speaker.js: the speaker window (the same page opened with ?speaker). It shows
// the current slide, the next one, the current slide's notes, the time since
// the talk started and the clock, and mirrors live runs from the audience
// window (live.js posts them; see channels.js), their timeline included.

import { RUN_EVENT, RUN_RESET, describe, onRunMessage } from "./channels.js";
import { button, element } from "./dom.js";
import { neighbourPageTitle } from "./material.js";
import { deck } from "./navigation.js";
import { notesOf } from "./slides.js";
import { fitThumbnail, releaseThumbnails, thumbnail } from "./thumbs.js";
import { createFigure } from "./timeline.js";

const TIMER_KEY = "async-survey-deck:timer";
const LOG_LIMIT = 400;

let parts = null;
let runId = null;
let runSource = "recorded"; // whose run the speaker's timeline shows (timeline.js)
let runTimeline = null;

function panel(name, title) {
  const heading = element("h2", { className: "deck-speaker__heading", id: `deck-speaker-${name}` }, title);
  const body = element("div", { className: "deck-speaker__body" });
  const section = element(
    "section",
    { className: `deck-speaker__panel deck-speaker__${name}`, "aria-labelledby": heading.id },
    heading,
    body,
  );
  return { section, heading, body };
}

function empty(text) {
  return element("p", { className: "deck-speaker__empty" }, text);
}

function readTimer() {
  const saved = JSON.parse(sessionStorage.getItem(TIMER_KEY) ?? "null");
  return saved ?? { start: Date.now(), pausedAt: null };
}

function writeTimer(timer) {
  sessionStorage.setItem(TIMER_KEY, JSON.stringify(timer));
}

function elapsedText(timer) {
  const now = timer.pausedAt ?? Date.now();
  const seconds = Math.max(0, Math.floor((now - timer.start) / 1000));
  const parts = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return parts.map((part) => String(part).padStart(2, "0")).join(":");
}

function tick() {
  const timer = readTimer();
  parts.elapsed.textContent = elapsedText(timer);
  parts.pause.textContent = timer.pausedAt ? "Resume" : "Pause";
  parts.clock.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function toggleTimer() {
  const timer = readTimer();
  if (timer.pausedAt) writeTimer({ start: timer.start + Date.now() - timer.pausedAt, pausedAt: null });
  else writeTimer({ ...timer, pausedAt: Date.now() });
  tick();
}

function resetTimer() {
  writeTimer({ start: Date.now(), pausedAt: readTimer().pausedAt ? Date.now() : null });
  tick();
}

function buildBar() {
  const where = element("p", { className: "deck-speaker__where", role: "status" });
  const blanked = element("p", { className: "deck-speaker__blanked", hidden: true }, "Audience screen is blank (B)");
  const elapsed = element("span", {
    className: "deck-speaker__elapsed",
    role: "timer",
    "aria-label": "Time since the start",
  });
  const pause = button({ className: "deck-speaker__button" }, toggleTimer, "Pause");
  const reset = button({ className: "deck-speaker__button" }, resetTimer, "Restart timer");
  const clock = element("time", { className: "deck-speaker__clock", "aria-label": "Clock" });
  const bar = element("header", { className: "deck-speaker__bar" }, where, blanked, elapsed, pause, reset, clock);
  return { bar, where, blanked, elapsed, pause, clock };
}

function build() {
  const root = element("main", { className: "deck-speaker md-typeset", "aria-label": "Speaker view" });
  const top = buildBar();
  const current = panel("current", "Now");
  const upcoming = panel("next", "Next");
  const notes = panel("notes", "Notes");
  const live = panel("live", "Live output");
  live.body.setAttribute("role", "log");
  live.body.setAttribute("aria-label", "Live output of the current run");
  // Long notes and output scroll; a keyboard must be able to scroll them too.
  notes.body.tabIndex = 0;
  live.body.tabIndex = 0;
  live.body.append(empty("Nothing has run yet."));
  root.append(top.bar, current.section, upcoming.section, notes.section, live.section);
  document.body.append(root);
  return { root, ...top, current, upcoming, notes, live };
}

function showNotes(slide) {
  const shown = notesOf(slide).flatMap((details) =>
    [...details.children].filter((child) => child.tagName !== "SUMMARY").map((child) => child.cloneNode(true)),
  );
  if (!shown.length) shown.push(empty("No notes for this slide."));
  parts.notes.body.replaceChildren(...shown);
}

function showPreview(target, slide, fallback) {
  releaseThumbnails(target.body);
  if (!slide) {
    target.body.replaceChildren(empty(fallback));
    return;
  }
  const frame = thumbnail(slide);
  target.body.replaceChildren(frame);
  fitThumbnail(frame);
}

function update() {
  if (!parts || deck.mode !== "speaker") return;
  const { index, slides } = deck;
  const slide = slides[index];
  const pageTitle = document.querySelector("article h1")?.textContent.replace("¶", "").trim() ?? "";
  parts.where.textContent = `${pageTitle}: slide ${index + 1} of ${slides.length}`;
  showPreview(parts.current, slide, "");
  const nextPage = neighbourPageTitle(1);
  showPreview(parts.upcoming, slides[index + 1], nextPage ? `Next page: ${nextPage}` : "The end of the deck.");
  showNotes(slide);
}

// Lines wait for the next frame and go in together: a run printing thousands
// of lines costs this window one layout a frame.
let pendingLines = [];
let logFrame = 0;

function logLine(line) {
  pendingLines.push(line);
  logFrame ||= requestAnimationFrame(drawLog);
}

function drawLog() {
  logFrame = 0;
  const body = parts.live.body;
  body.querySelector(".deck-speaker__empty")?.remove();
  const lines = pendingLines.slice(-LOG_LIMIT);
  pendingLines = [];
  body.append(
    ...lines.map(({ kind, speaker }) =>
      element("div", { className: `deck-speaker__line deck-speaker__line--${kind}` }, speaker),
    ),
  );
  while (body.childElementCount > LOG_LIMIT) body.firstElementChild.remove();
  body.scrollTop = body.scrollHeight;
}

function onLive(message) {
  if (!parts || !message) return;
  if (message.type === RUN_RESET) {
    runId = message.id;
    runSource = message.source;
    pendingLines = [];
    parts.live.heading.textContent = `Live output: ${message.id}`;
    parts.live.body.replaceChildren();
    runTimeline?.disconnect();
    runTimeline?.figure.remove();
    runTimeline = createFigure(parts.live.section, message.id);
    runTimeline.connectOutput(parts.live.body, ".deck-speaker__line--stdout, .deck-speaker__line--stderr");
  } else if (message.type === RUN_EVENT && message.id === runId && message.event) {
    const line = describe(message.event);
    if (line) logLine(line);
    if (message.event.type === "start") runTimeline?.start({ source: runSource });
    runTimeline?.receive(message.event);
  }
}

export function mountSpeaker() {
  if (!parts) {
    parts = build();
    if (!sessionStorage.getItem(TIMER_KEY)) writeTimer(readTimer());
    tick();
    setInterval(tick, 1000);
    onRunMessage(onLive);
  }
  document.title = `Speaker: ${document.title.replace(/^Speaker: /, "")}`;
}

window.addEventListener("deck:show", update);
window.addEventListener("deck:blank", ({ detail }) => {
  if (parts) parts.blanked.hidden = !detail.on;
});
