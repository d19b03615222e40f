"""The parent's half of tracing: the pipe, the child's environment, and the trace events.

``survey/recorder.py`` runs inside the example and writes raw lines down a
pipe; this module opens that pipe, says how to start the child so that the
recorder switches on, and turns the raw lines into the trace events of a run
(ARCHITECTURE.md, "The event contract"), with times in seconds since the
launcher's start::

    {"kind": "task", "task": "Task-2", "t": 0.0012, "state": "created", "label": "nap('a')"}
    {"kind": "step", "task": "Task-2", "t": 0.0013, "d": 0.00005}
    {"kind": "task", "task": "Task-2", "t": 0.2015, "state": "done"}

and, on lanes of their own, work off the loop's thread or not in any task::

    {"kind": "step", "task": "asyncio_0", "lane": "thread", "t": …, "d": …, "label": "read(1)"}
    {"kind": "step", "task": "process 1", "lane": "process", "t": …, "d": …, "label": …}
    {"kind": "step", "task": "callbacks", "lane": "callback", "t": …, "d": …, "label": …}

A task on any event loop but the first one the program ran (a second loop in
another thread, say) carries ``"loop": n`` in its ``created`` event, as does
a callback step. A worker's call arrives twice: as it starts, with ``"d": null`` (running
since t), and as it ends. A step that took at least the loop's
``slow_callback_duration`` has ``"slow": true``. A task's lane is its name;
a second task of the same name gets ``"name (2)"``. Worker processes are
numbered in the order they first worked, so that a recording does not change
with their pids.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path

from survey.recorder import TRACE_FD_VARIABLE
from survey.recording import mask

RECORDER_STARTUP = Path(__file__).resolve().parent / "recorder_startup"
CALLBACK_LANE = "callbacks"
# The tasks asyncio.run() ends with. A drawing folds them into one lane
# (docs/assets/deck/timeline.js, which counts lanes as lane_count does).
HOUSEKEEPING = frozenset({"shutdown_asyncgens()", "shutdown_default_executor()"})


class TracePipe:
    """One run's pipe. ``survey.launch`` starts the child with ``child_env()`` and
    ``pass_fds``, then calls ``launched()``, so that the pipe ends (EOF) once the
    child and its worker processes are gone; ``events`` reads it to that end."""

    def __init__(self) -> None:
        self.read_fd: int | None
        self.read_fd, self.write_fd = os.pipe()

    @property
    def pass_fds(self) -> tuple[int, ...]:
        return (self.write_fd,)

    def child_env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(RECORDER_STARTUP), TRACE_FD_VARIABLE: str(self.write_fd)}

    def launched(self) -> None:
        os.close(self.write_fd)

    async def events(self, started: float) -> AsyncIterator[list[dict]]:
        """The events, a batch for each read, with times in seconds since ``started``."""
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        pipe = os.fdopen(self.read_fd, "rb", buffering=0)  # the transport closes it
        self.read_fd = None
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), pipe
        )
        try:
            converter = TraceEvents(started)
            while chunk := await reader.read(1 << 16):
                if events := converter.feed(chunk):
                    yield events
        finally:
            transport.close()

    def close(self) -> None:
        """Let go of a pipe nobody reads (a run that never started, a stopped pool)."""
        if self.read_fd is not None:
            os.close(self.read_fd)
            self.read_fd = None


class TraceEvents:
    """Turns the recorder's raw bytes into events, one chunk at a time, in order."""

    def __init__(self, origin: float) -> None:
        self.origin = origin
        self.partial = b""
        self.lanes: dict[int, str] = {}  # task number → lane name
        self.lane_names: set[str] = set()
        self.processes: dict[int, str] = {}  # pid → "process N"

    def feed(self, chunk: bytes) -> list[dict]:
        lines = (self.partial + chunk).split(b"\n")
        self.partial = lines.pop()
        return [self.event(json.loads(line)) for line in lines if line]

    def since_start(self, t: float) -> float:
        return round(t - self.origin, 6)

    def event(self, raw: list) -> dict:
        kind = raw[0]
        if kind == "created":
            _, number, t, name, label, loop = raw
            extra = {"loop": loop} if loop else {}
            return self.task(self.new_lane(number, name), t, "created", label=mask(label), **extra)
        if kind == "ended":
            _, number, t, state = raw
            return self.task(self.lanes[number], t, state)
        if kind == "step":
            _, number, t, d, slow = raw
            return self.step(self.lanes[number], t, d, slow=bool(slow))
        if kind == "call":
            _, label, t, d, loop = raw
            extra = {"loop": loop} if loop else {}
            return self.step(CALLBACK_LANE, t, d, lane="callback", label=label, slow=True, **extra)
        if kind == "thread":
            _, name, t, d, label = raw
            return self.step(name, t, d, lane="thread", label=mask(label))
        if kind == "process":
            _, pid, t, d, label = raw
            name = self.processes.setdefault(pid, f"process {len(self.processes) + 1}")
            return self.step(name, t, d, lane="process", label=mask(label))
        raise ValueError(f"the recorder wrote an event of unknown kind {kind!r}")

    def new_lane(self, number: int, name: str) -> str:
        lane, count = name, 1
        while lane in self.lane_names:
            count += 1
            lane = f"{name} ({count})"
        self.lane_names.add(lane)
        self.lanes[number] = lane
        return lane

    def task(self, name: str, t: float, state: str, **extra) -> dict:
        return {"kind": "task", "task": name, "t": self.since_start(t), "state": state, **extra}

    def step(self, name: str, t: float, d: float | None, *, slow: bool = False, **extra) -> dict:
        duration = None if d is None else round(d, 6)
        event = {"kind": "step", "task": name, "t": self.since_start(t), "d": duration}
        event.update(extra)
        if slow:
            event["slow"] = True
        return event


def lane_count(trace: list[dict]) -> int:
    """How many lanes a drawing of ``trace`` has: one a task, thread or process, with
    asyncio.run()'s own clean-up tasks sharing one. The page reserves the room."""
    housekeeping = {
        event["task"]
        for event in trace
        if event["kind"] == "task" and event["state"] == "created"
        if event["label"] in HOUSEKEEPING
    }
    lanes = {event["task"] for event in trace} - housekeeping
    return len(lanes) + (1 if housekeeping else 0)
