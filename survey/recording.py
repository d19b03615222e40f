"""A run of an example as it was recorded, and the replay file that stores it.

A ``Recording`` holds each line the example printed with its time offset. The
runner keeps two things from it: the text of stdout (``<name>.out`` beside the
module, what the page shows) and the whole recording as JSON in
``docs/replays/<id>.json``, which the static site's Replay button plays back
(``docs/assets/deck/live.js`` reads it). The file looks like this::

    {
     "id": "event_loop/asyncio_run",
     "title": "asyncio.run() creates a loop, ...",
     "lines": [
      {"t": 0.335, "stream": "stdout", "text": "inside main, the loop is running: True"},
      {"t": 0.44, "stream": "stdout", "text": "hello, event loop"}
     ],
     "exit": 0,
     "elapsed": 0.493,
     "trace": [
      {"kind": "task", "task": "Task-1", "t": 0.301, "state": "created", "label": "main()"},
      {"kind": "step", "task": "Task-1", "t": 0.301, "d": 0.000412}
     ]
    }

``t`` and ``elapsed`` are seconds from the start, ``stream`` is ``stdout`` or
``stderr``, ``exit`` the exit code. ``trace`` is what the event loop did, the
events of ``survey.trace_reader`` (design.md, "The loop, drawn"), in the order they
arrived; a file without it was recorded without the recorder. Each printed line
and each event is one line of the file, so that a diff of a replay reads like a
diff of the output. ``dumps`` and ``loads`` are the only writer and reader of
the format.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field

# What legitimately differs between two runs, and what it is shown as.
MASKS = [
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x…"),
    (re.compile(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d+"), r"\1:<port>"),
    (re.compile(r"\b(pid|PID)([ =:]+)\d+"), r"\1\2<pid>"),
    # asyncio debug mode's slow-callback report: the duration is the machine's.
    (re.compile(r"took \d+\.\d+ seconds"), "took … seconds"),
]
# json.dumps(indent=1) puts each key of a printed line on a line of its own:
# the body of each object nested two deep, to be joined back onto one line.
LINE_OBJECT = re.compile(r"\{\n {3}(?P<body>.*?)\n {2}\}", re.DOTALL)


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
    lines: list[Line] = field(default_factory=list)
    exit_code: int | None = None
    elapsed: float = 0.0
    # Why the run was stopped before it ended by itself (a timeout, too much output).
    cut_short: str | None = None
    # What its event loop did (survey.trace_reader); None when it was not traced.
    trace: list[dict] | None = None

    def text(self, stream: str = "stdout") -> str:
        return "".join(f"{line.text}\n" for line in self.lines if line.stream == stream)

    def masked(self) -> Recording:
        lines = [dataclasses.replace(line, text=mask(line.text)) for line in self.lines]
        return dataclasses.replace(self, lines=lines)


def dumps(recording: Recording) -> str:
    """The replay file's text for a recording."""
    document = {
        "id": recording.id,
        "title": recording.title,
        "lines": [dataclasses.asdict(line) for line in recording.lines],
        "exit": recording.exit_code,
        "elapsed": recording.elapsed,
    }
    if recording.trace is not None:
        document["trace"] = recording.trace
    text = json.dumps(document, indent=1, ensure_ascii=False)
    joined = LINE_OBJECT.sub(lambda match: "{" + match["body"].replace(",\n   ", ", ") + "}", text)
    return f"{joined}\n"


def loads(text: str) -> Recording:
    """A recording from a replay file's text; ValueError if it is not one."""
    try:
        document = json.loads(text)
        return Recording(
            id=document["id"],
            title=document["title"],
            lines=[Line(line["t"], line["stream"], line["text"]) for line in document["lines"]],
            exit_code=document["exit"],
            elapsed=document["elapsed"],
            trace=document.get("trace"),
        )
    except (KeyError, TypeError) as problem:
        raise ValueError(f"not a replay file: {problem!r}") from None
