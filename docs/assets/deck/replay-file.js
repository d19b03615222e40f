// replay-file.js: a replay file (docs/replays/<id>.json) holds a run's events as
// a live run sent them, each with its time `t` (ARCHITECTURE.md, "The replay
// file"). This reads the printed lines and the whole trace back out of them.
export function readReplay(file) {
  const { events } = file;
  return {
    ...file,
    lines: events.filter((event) => event.type === "line"),
    trace: events.filter((event) => event.type === "trace").flatMap((event) => event.events),
  };
}
