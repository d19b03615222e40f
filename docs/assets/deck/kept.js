// kept.js: a reader's edit of an example, kept in this browser (localStorage)
// so that it is there after a reload. Only an edit is stored, never the
// published code; with it goes a hash of the code it was made against, so
// that an edit of an example that has changed since can say so.

const PREFIX = "survey.edit:";

// FNV-1a, 32 bits: enough to tell one version of a region from the next.
export function hashOf(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

// Storage can be refused (a private window, a full quota): then nothing is kept.
function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The kept edit of example `id`: {code, against} (the hash of its original), or null. */
export function kept(id) {
  try {
    const value = JSON.parse(storage()?.getItem(PREFIX + id) ?? "null");
    return typeof value?.code === "string" ? value : null;
  } catch {
    return null;
  }
}

export function keep(id, code, original) {
  try {
    storage()?.setItem(PREFIX + id, JSON.stringify({ code, against: hashOf(original) }));
  } catch {
    // Not kept: the edit still runs, and is lost on reload as before.
  }
}

export function forget(id) {
  storage()?.removeItem(PREFIX + id);
}
