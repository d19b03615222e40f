// speaker.js: the speaker window (the same page opened with ?speaker). It shows
// the current slide, the next one, the current slide's notes, the time since
// the talk started and the clock, and mirrors live runs from the audience
// window (channel "async-survey-live", sent by live.js).

import { deck, neighbourPageTitle } from "./navigation.js";
import { notesOf } from "./slides.js";
import { fitThumbnail, releaseThumbnails, thumbnail } from "./thumbs.js";

const TIMER_KEY = "async-survey-deck:timer";
const LOG_LIMIT = 400;

let parts = null;
let runId = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function panel(name, title) {
  const section = element("section", `deck-speaker__panel deck-speaker__${name}`);
  const heading = element("h2", "deck-speaker__heading", title);
  heading.id = `deck-speaker-${name}`;
  section.setAttribute("aria-labelledby", heading.id);
  const body = element("div", "deck-speaker__body");
  section.append(heading, body);
  return { section, heading, body };
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
  const bar = element("header", "deck-speaker__bar");
  const where = element("p", "deck-speaker__where");
  where.setAttribute("role", "status");
  const blanked = element("p", "deck-speaker__blanked", "Audience screen is blank (B)");
  blanked.hidden = true;
  const elapsed = element("span", "deck-speaker__elapsed");
  elapsed.setAttribute("role", "timer");
  elapsed.setAttribute("aria-label", "Time since the start");
  const pause = element("button", "deck-speaker__button", "Pause");
  pause.type = "button";
  pause.addEventListener("click", toggleTimer);
  const reset = element("button", "deck-speaker__button", "Restart timer");
  reset.type = "button";
  reset.addEventListener("click", resetTimer);
  const clock = element("time", "deck-speaker__clock");
  clock.setAttribute("aria-label", "Clock");
  bar.append(where, blanked, elapsed, pause, reset, clock);
  return { bar, where, blanked, elapsed, pause, clock };
}

function build() {
  const root = element("main", "deck-speaker md-typeset");
  root.setAttribute("aria-label", "Speaker view");
  const top = buildBar();
  const current = panel("current", "Now");
  const upcoming = panel("next", "Next");
  const notes = panel("notes", "Notes");
  const live = panel("live", "Live output");
  live.body.setAttribute("role", "log");
  live.body.setAttribute("aria-label", "Live output of the current run");
  live.body.append(element("p", "deck-speaker__empty", "Nothing has run yet."));
  root.append(top.bar, current.section, upcoming.section, notes.section, live.section);
  document.body.append(root);
  return { root, ...top, current, upcoming, notes, live };
}

function showNotes(slide) {
  const shown = notesOf(slide).flatMap((details) =>
    [...details.children].filter((child) => child.tagName !== "SUMMARY").map((child) => child.cloneNode(true)),
  );
  if (!shown.length) shown.push(element("p", "deck-speaker__empty", "No notes for this slide."));
  parts.notes.body.replaceChildren(...shown);
}

function showPreview(target, slide, fallback) {
  releaseThumbnails(target.body);
  if (!slide) {
    target.body.replaceChildren(element("p", "deck-speaker__empty", fallback));
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

function logLine(text, className) {
  const body = parts.live.body;
  body.querySelector(".deck-speaker__empty")?.remove();
  body.append(element("div", `deck-speaker__line ${className}`, text));
  while (body.childElementCount > LOG_LIMIT) body.firstElementChild.remove();
  body.scrollTop = body.scrollHeight;
}

function describe(event) {
  switch (event.type) {
    case "start":
      return ["started", "deck-speaker__line--meta"];
    case "line":
      return [event.text, `deck-speaker__line--${event.stream}`];
    case "exit":
      return [`exited with code ${event.code} after ${Number(event.elapsed).toFixed(1)} s`, "deck-speaker__line--meta"];
    case "error":
      return [`error: ${event.message}`, "deck-speaker__line--stderr"];
    default:
      return null;
  }
}

function onLive({ data }) {
  if (!parts || !data) return;
  if (data.type === "run-reset") {
    runId = data.id;
    parts.live.heading.textContent = `Live output: ${data.id}`;
    parts.live.body.replaceChildren();
  } else if (data.type === "run-event" && data.id === runId && data.event) {
    const line = describe(data.event);
    if (line) logLine(...line);
  }
}

export function mountSpeaker() {
  if (!parts) {
    parts = build();
    if (!sessionStorage.getItem(TIMER_KEY)) writeTimer(readTimer());
    tick();
    setInterval(tick, 1000);
    if ("BroadcastChannel" in window) {
      new BroadcastChannel("async-survey-live").addEventListener("message", onLive);
    }
  }
  document.title = `Speaker: ${document.title.replace(/^Speaker: /, "")}`;
}

window.addEventListener("deck:show", update);
window.addEventListener("deck:blank", ({ detail }) => {
  if (parts) parts.blanked.hidden = !detail.on;
});
