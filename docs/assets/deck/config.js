// config.js: the facts the build writes once into every page, read here so
// that no module retypes them: the run limits, the environment of a captured
// run, the names of asyncio's housekeeping tasks, how often a live run sends
// its trace, and each example block's region and recording.

import { siteRoot } from "./material.js";

function read() {
  const block = document.getElementById("__survey");
  if (!block) throw new Error("the page has no #__survey config block: rebuild the site (nox -s docs)");
  return JSON.parse(block.textContent);
}

let cached = null;
export function config() {
  cached ??= read();
  return cached;
}

// The URL of an example's recorded run, as the page names it.
export function recordingUrl(id) {
  return new URL(config().examples?.[id]?.replay ?? `replays/${id}.json`, siteRoot);
}

// An example's recorded run, fetched once per page however many ask for it.
const recordings = new Map();
export function recording(id) {
  if (!recordings.has(id)) {
    const fetched = fetch(recordingUrl(id)).then((response) => {
      if (!response.ok) throw new Error(`no recording of ${id}: HTTP ${response.status}`);
      return response.json();
    });
    fetched.catch(() => recordings.delete(id)); // a failed fetch is tried again next time
    recordings.set(id, fetched);
  }
  return recordings.get(id);
}
