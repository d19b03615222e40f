"""One run of an example as the stream of its events: what the server sends, what a replay keeps.

``run_events`` is the whole life of a run, written once: it starts the clock,
launches the example (``survey.launch``), reads its stdout, its stderr and its
recorder's pipe, holds it to its limits, and stops it, killing its process
group, however it ends. What it yields is the event contract
(ARCHITECTURE.md, "The event contract"), each event with ``t``, seconds since
the start::

    {"type": "start", "id": ID, "t": 0.0}
    {"type": "line", "stream": "stdout" | "stderr", "text": TEXT, "t": T}
    {"type": "trace", "events": [...], "t": T}          (``"truncated": true`` on the last,
                                                         past the cap on trace events)
    then one of {"type": "exit", "code": N, "elapsed": S, "t": T}
             or {"type": "error", "message": TEXT, "t": T}

Trace events are batched here, at most ``TRACE_MESSAGES_PER_SECOND`` a second,
so a replay stores the batches exactly as a socket carries them.

Its consumers: ``record`` collects the events into a ``Recording`` (the
runner's replay files), and the live server sends each one to its socket.
A consumer stops a run by resolving ``stopping`` with the reason, which ends
the stream with that ``error``, or with None, which ends it without one (the
reader has gone); leaving the loop early (closing the generator) stops it too.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

from survey.catalog import Example
from survey.launch import Launched, WarmPool, kill_group, launch, services, stop
from survey.lines import Output, TooMuchOutput
from survey.recording import Recording

TRACE_MESSAGES_PER_SECOND = 20
# How a run ends when its reader has gone: at once, and with no last event.
SILENT = {"type": "silent"}


@dataclass(frozen=True)
class RunLimits:
    """What one run may take; None for no cap. The pages get the same numbers."""

    timeout: float = 30.0  # seconds of wall clock
    output_bytes: int | None = 1 << 20  # stdout and stderr together
    trace_events: int | None = 200_000  # a loop that never stops stepping is still drawn, to here


def error(message: str, t: float) -> dict:
    return {"type": "error", "message": message, "t": t}


class Clock:
    """Seconds since the run started, as every event carries them."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def now(self) -> float:
        return round(time.perf_counter() - self.started, 3)


async def run_events(
    example: Example,
    extra_env: Mapping[str, str] = {},
    *,
    limits: RunLimits = RunLimits(),
    pool: WarmPool | None = None,
    python: str = sys.executable,
    stopping: asyncio.Future[str | None] | None = None,
) -> AsyncIterator[dict]:
    """The run's events as they happen; its process group is gone before the last one."""
    clock = Clock()
    yield {"type": "start", "id": example.id, "t": 0.0}
    try:
        launched = await launch(example, extra_env, pool=pool, python=python)
    except OSError as problem:
        yield error(f"the example could not start: {problem}", clock.now())
        return
    run = Run(launched, limits, clock)
    run.start(stopping)
    try:
        while (event := await run.queue.get()) is not run.ending:
            yield event
    finally:
        await run.close()
    if run.ending is not None and run.ending is not SILENT:
        yield run.ending


class Run:
    """A launched example's pipes, read into one queue of events, ended once."""

    def __init__(self, launched: Launched, limits: RunLimits, clock: Clock) -> None:
        self.launched = launched
        self.process = launched.process
        self.limits = limits
        self.clock = clock
        self.output = Output(cap=limits.output_bytes)
        self.queue: asyncio.Queue[dict] = asyncio.Queue()
        self.ending: dict | None = None
        self.tasks: list[asyncio.Task] = []

    def start(self, stopping: asyncio.Future[str | None] | None) -> None:
        pumps = [
            asyncio.create_task(self.pump(self.process.stdout, "stdout")),
            asyncio.create_task(self.pump(self.process.stderr, "stderr")),
            asyncio.create_task(self.pump_trace()),
        ]
        self.tasks = [*pumps, asyncio.create_task(self.exit_when_done(pumps))]
        self.tasks.append(asyncio.create_task(self.time_out()))
        if stopping is not None:
            self.tasks.append(asyncio.create_task(self.stop_when_asked(stopping)))

    def end(self, event: dict) -> None:
        """Settle how the run ends; the first call wins. An ending that is not the
        example's own exit kills the group at once, before the queue drains."""
        if self.ending is not None:
            return
        self.ending = event
        if event["type"] != "exit":
            kill_group(self.process)
        self.queue.put_nowait(event)

    async def close(self) -> None:
        """Nothing of the run outlives it: its tasks, its process group, its pipe."""
        kill_group(self.process)
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await stop(self.process)
        self.launched.trace.close()

    async def pump(self, stream: asyncio.StreamReader | None, name: str) -> None:
        try:
            async for text in self.output.lines(stream):
                self.queue.put_nowait(
                    {"type": "line", "stream": name, "text": text, "t": self.clock.now()}
                )
        except TooMuchOutput as problem:
            self.end(error(str(problem), self.clock.now()))

    async def pump_trace(self) -> None:
        """Trace events as they come, in at most TRACE_MESSAGES_PER_SECOND messages:
        what arrives while one message waits out its interval goes in the next."""
        pending: list[dict] = []
        arrived = asyncio.Event()
        ended = False
        room = self.limits.trace_events

        async def read() -> None:
            nonlocal ended
            try:
                async for events in self.launched.trace.events(self.clock.started):
                    pending.extend(events)
                    arrived.set()
            finally:
                ended = True
                arrived.set()

        reader = asyncio.create_task(read())
        try:
            while not (ended and not pending):
                await arrived.wait()
                arrived.clear()
                if not pending:
                    continue
                events, pending[:] = pending[:room], []
                message = {"type": "trace", "events": events, "t": self.clock.now()}
                if room is not None:
                    room -= len(events)
                    if room <= 0:
                        self.queue.put_nowait(message | {"truncated": True})
                        break
                self.queue.put_nowait(message)
                await asyncio.sleep(1 / TRACE_MESSAGES_PER_SECOND)
        finally:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)

    async def exit_when_done(self, pumps: list[asyncio.Task]) -> None:
        await asyncio.gather(*pumps)
        code = await self.process.wait()
        elapsed = self.clock.now()
        self.end({"type": "exit", "code": code, "elapsed": elapsed, "t": elapsed})

    async def time_out(self) -> None:
        await asyncio.sleep(self.limits.timeout)
        self.end(error(f"timed out after {self.limits.timeout:g} s", self.clock.now()))

    async def stop_when_asked(self, stopping: asyncio.Future[str | None]) -> None:
        reason = await asyncio.shield(stopping)
        self.end(SILENT if reason is None else error(reason, self.clock.now()))


async def record(
    example: Example, *, pool: WarmPool | None = None, python: str = sys.executable
) -> Recording:
    """Run the example to its end (or its timeout) with what it needs: every event of
    its run, as a live run would send them."""
    limits = RunLimits(timeout=example.options.timeout, output_bytes=None, trace_events=None)
    async with services(example) as extra_env:
        events = run_events(example, extra_env, limits=limits, pool=pool, python=python)
        async with contextlib.aclosing(events):
            return Recording(example.id, example.title, [event async for event in events])
