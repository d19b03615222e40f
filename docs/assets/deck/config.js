// config.js: the facts the build writes once into every page (#__survey,
// tools/page_facts.py), read here so that no module retypes them: the run
// limits, the environment of a captured run, the names of asyncio's
// housekeeping tasks. What belongs to one example block is on the block:
// data-region, and data-replay, the URL of its recorded run.

import { siteRoot } from "./material.js";

function read() {
  const block = document.getElementById("__survey");
  if (!block) throw new Error("the page has no #__survey block: rebuild the site (nox -s docs)");
  return JSON.parse(block.textContent);
}

let cached = null;
export function config() {
  cached ??= read();
  return cached;
}

// Seconds between two trace messages of a run, at most, as the server sends them.
export function traceInterval() {
  return 1 / config().limits.trace_messages_per_second;
}

// An example's recorded run, fetched once per page however many ask for it.
// `replay`: the URL an example block's data-replay gives, from the site's root.
const recordings = new Map();
export function recording(replay) {
  if (!replay) return Promise.reject(new Error("this example has no recorded run"));
  if (!recordings.has(replay)) {
    const fetched = fetch(new URL(replay, siteRoot)).then((response) => {
      if (!response.ok) throw new Error(`no recording: HTTP ${response.status}`);
      return response.json();
    });
    fetched.catch(() => recordings.delete(replay)); // a failed fetch is tried again next time
    recordings.set(replay, fetched);
  }
  return recordings.get(replay);
}
