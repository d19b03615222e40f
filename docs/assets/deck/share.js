// share.js: an edit carried in a link. The code is compressed (deflate-raw)
// and written base64url into the URL's fragment, which browsers never send
// to a server:
//
//   page/#<slide>&edit=<example id>&code=<compressed code>
//
// Imported first by deck.js, so that the fragment is read, and cut back to
// #<slide> for the deck and Material, before anything else looks at it.
// Code from a link is put in its example's editor; it runs only when the
// reader presses Run.

const MARK = "&edit=";

async function transformed(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** The link to `anchor` on this page that carries `code` as the edit of example `id`. */
export async function shareLink(anchor, id, code) {
  const packed = await transformed(new TextEncoder().encode(code), new CompressionStream("deflate-raw"));
  const url = new URL(location.href);
  url.hash = `${anchor}${MARK}${encodeURIComponent(id)}&code=${base64url(packed)}`;
  return url.href;
}

async function unpack(text) {
  const bytes = await transformed(fromBase64url(text), new DecompressionStream("deflate-raw"));
  return new TextDecoder().decode(bytes);
}

function readFragment() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const at = hash.indexOf(MARK);
  if (at < 0) return null;
  const parameters = new URLSearchParams(hash.slice(at + 1));
  history.replaceState(history.state, "", `${location.pathname}${location.search}#${hash.slice(0, at)}`);
  const id = parameters.get("edit");
  const packed = parameters.get("code");
  return id && packed ? { id, code: unpack(packed).catch(() => null) } : null;
}

const shared = readFragment();

/** The code the link this page was opened with carries for example `id`, or null (once). */
export async function sharedEdit(id) {
  if (shared?.id !== id || shared.taken) return null;
  shared.taken = true;
  return shared.code;
}
