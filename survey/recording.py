"""A run of an example as it was recorded, and the replay file that stores it.

A ``Recording`` is the run's stream of events, exactly as ``survey.stream``
yielded them and the live server sends them (ARCHITECTURE.md, "The event
contract"): ``start``, ``line`` and ``trace`` events, then one ``exit`` or
``error``, each with ``t``, its seconds since the start. What the runner and
the pages need (the printed text, the exit code, the trace) is read from
those events. The runner keeps two things from a recording: the text of
stdout (``<name>.out`` beside the module, what the page shows) and the whole
stream in ``docs/replays/<id>.json``, which the static site plays back at its
recorded times and draws. The file looks like this::

    {"format": 2, "id": "event_loop/asyncio_run", "title": "asyncio.run() creates ...", "events": [
    {"type": "start", "id": "event_loop/asyncio_run", "t": 0.0},
    {"type": "trace", "events": [{"kind": "task", "task": "Task-1", "t": 0.301, ...}], "t": 0.302},
    {"type": "line", "stream": "stdout", "text": "hello, event loop", "t": 0.44},
    {"type": "exit", "code": 0, "elapsed": 0.493, "t": 0.493}
    ]}

One event a line, so that a diff of a replay reads like a diff of the output.
``dumps`` and ``loads`` are the only writer and reader of the format; a file
of the first format (``lines``, ``exit``, ``trace`` and no ``format``) is
refused with the command that rewrites it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

FORMAT = 2
REWRITE_COMMAND = "nox -s examples"
# What legitimately differs between two runs, and what it is shown as.
MASKS = [
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x…"),
    (re.compile(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d+"), r"\1:<port>"),
    (re.compile(r"\b(pid|PID)([ =:]+)\d+"), r"\1\2<pid>"),
    # asyncio debug mode's slow-callback report: the duration is the machine's.
    (re.compile(r"took \d+\.\d+ seconds"), "took … seconds"),
]
ENDINGS = ("exit", "error")


def mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class Line:
    t: float  # seconds from the start
    stream: str  # "stdout" or "stderr"
    text: str  # without its line ending


@dataclass
class Recording:
    id: str
    title: str
    events: list[dict] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [
            Line(event["t"], event["stream"], event["text"])
            for event in self.events
            if event["type"] == "line"
        ]

    @property
    def trace(self) -> list[dict]:
        """What its event loop did (survey.trace_reader), every batch in order."""
        return [
            step for event in self.events if event["type"] == "trace" for step in event["events"]
        ]

    @property
    def ending(self) -> dict | None:
        last = self.events[-1] if self.events else None
        return last if last is not None and last["type"] in ENDINGS else None

    @property
    def exit_code(self) -> int | None:
        ending = self.ending
        return ending["code"] if ending is not None and ending["type"] == "exit" else None

    @property
    def cut_short(self) -> str | None:
        """Why the run ended before it ended by itself (a timeout, too much output)."""
        ending = self.ending
        return ending["message"] if ending is not None and ending["type"] == "error" else None

    @property
    def elapsed(self) -> float:
        return self.events[-1]["t"] if self.events else 0.0

    def text(self, stream: str = "stdout") -> str:
        return "".join(f"{line.text}\n" for line in self.lines if line.stream == stream)

    def masked(self) -> Recording:
        events = [
            event | {"text": mask(event["text"])} if event["type"] == "line" else event
            for event in self.events
        ]
        return Recording(self.id, self.title, events)


def dumps(recording: Recording) -> str:
    """The replay file's text for a recording."""
    head = json.dumps(
        {"format": FORMAT, "id": recording.id, "title": recording.title}, ensure_ascii=False
    )
    events = ",\n".join(json.dumps(event, ensure_ascii=False) for event in recording.events)
    # The head's closing brace gives way to the events, one a line.
    return f'{head[:-1]}, "events": [\n{events}\n]}}\n'


def loads(text: str) -> Recording:
    """A recording from a replay file's text; ValueError if it is not one."""
    try:
        document = json.loads(text)
        if "format" not in document and "lines" in document:
            raise ValueError(
                f"{document['id']} is a replay in the old replay format; run: {REWRITE_COMMAND}"
            )
        if document["format"] != FORMAT:
            raise ValueError(f"not a replay file of format {FORMAT}: {document['format']!r}")
        events = document["events"]
        if not all(isinstance(event["type"], str) and "t" in event for event in events):
            raise TypeError("every event has a type and a time")
        return Recording(document["id"], document["title"], events)
    except (KeyError, TypeError) as problem:
        raise ValueError(f"not a replay file: {problem!r}") from None
