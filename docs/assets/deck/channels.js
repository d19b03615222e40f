// channels.js: the messages that pass between the audience window and the
// speaker window. BroadcastChannel needs no server, so this works on the
// static site too. A window does not hear its own messages.
//
// The deck channel keeps both windows on the same slide:
//   {type: "show", page, slide}, {type: "blank", on}, {type: "hello"}
// (a speaker window that has just opened says hello; the audience answers
// with the slide it shows). The live channel mirrors runs (live.js) into the
// speaker's log: {type: "run-reset", id, source}, {type: "run-event", id, event},
// where source says whose run it is, as a timeline's data-source does
// (timeline.js), and event is one of a run's events (run-sources.js).

export const SHOW = "show";
export const BLANK = "blank";
export const HELLO = "hello";
export const RUN_RESET = "run-reset";
export const RUN_EVENT = "run-event";

function open(name) {
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(name) : null;
  return {
    post: (message) => channel?.postMessage(message),
    listen: (handler) => channel?.addEventListener("message", ({ data }) => handler(data)),
  };
}

const deckChannel = open("async-survey-deck");
const liveChannel = open("async-survey-live");

export const postShow = (page, slide) => deckChannel.post({ type: SHOW, page, slide });
export const postBlank = (on) => deckChannel.post({ type: BLANK, on });
export const postHello = () => deckChannel.post({ type: HELLO });
export const onDeckMessage = deckChannel.listen;

export const postRunReset = (id, source) => liveChannel.post({ type: RUN_RESET, id, source });
export const postRunEvent = (id, event) => liveChannel.post({ type: RUN_EVENT, id, event });
export const onRunMessage = liveChannel.listen;

// How a run event reads as one line: kind is the line's style (stdout,
// stderr, meta or error); the panel under the code is terse, as it sits on
// the slide, and says nothing at the start (the panel appearing says that);
// the speaker's log spells things out. null: an event that shows nowhere.
export function describe(event) {
  const seconds = Number(event.elapsed);
  switch (event.type) {
    case "start":
      return { kind: "meta", panel: null, speaker: "started" };
    case "line":
      return { kind: event.stream, panel: event.text, speaker: event.text };
    case "exit":
      return {
        kind: "meta",
        panel: `[exit ${event.code} · ${seconds.toFixed(2)} s]`,
        speaker: `exited with code ${event.code} after ${seconds.toFixed(1)} s`,
      };
    case "error":
      return { kind: "error", panel: `[${event.message}]`, speaker: `error: ${event.message}` };
    default:
      return null;
  }
}
