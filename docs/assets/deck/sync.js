// sync.js: keeps the audience window and the speaker window on the same slide.
// BroadcastChannel needs no server, so this works on the static site too.
// Messages: {type: "show", page, slide}, {type: "blank", on}, {type: "hello"}.

const channel = "BroadcastChannel" in window ? new BroadcastChannel("async-survey-deck") : null;

export function post(message) {
  channel?.postMessage(message);
}

export function onMessage(handler) {
  channel?.addEventListener("message", (event) => handler(event.data));
}
