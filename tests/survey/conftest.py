"""Run an example under the tracer, on any of the interpreters this machine has."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import sys
import time
from dataclasses import dataclass, field

import pytest

from survey.trace import TraceEvents, TracePipe
from tools.capture import INTERPRETER_FLAGS, environment, kill_group, mask
from tools.catalog import EXAMPLES_DIR, ROOT, load

VERSIONS = ("3.11", "3.12", "3.13")


def interpreter(version: str) -> str | None:
    if sys.version_info[:2] == tuple(map(int, version.split("."))):
        return sys.executable
    return shutil.which(f"python{version}")


@pytest.fixture(params=VERSIONS)
def python(request: pytest.FixtureRequest) -> str:
    """Each of 3.11, 3.12 and 3.13 in turn; one that is not installed is skipped, by name."""
    found = interpreter(request.param)
    if found is None:
        pytest.skip(f"Python {request.param} is not installed")
    return found


@dataclass
class TracedRun:
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    events: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # stdout as the replay stores it, with t
    elapsed: float = 0.0

    def tasks(self, label_start: str = "") -> dict[str, dict]:
        """Task lanes by name, each {"label", "states": {state: t}, "steps": [(t, d)]},
        for tasks whose label starts with ``label_start``."""
        lanes: dict[str, dict] = {}
        for event in self.events:
            if event["kind"] == "task" and event["state"] == "created":
                lanes[event["task"]] = {"label": event["label"], "states": {}, "steps": []}
        for event in self.events:
            lane = lanes.get(event["task"])
            if lane is None:
                continue
            if event["kind"] == "task":
                lane["states"][event["state"]] = event["t"]
            elif event["d"] is not None:
                lane["steps"].append((event["t"], event["d"]))
        return {name: lane for name, lane in lanes.items() if lane["label"].startswith(label_start)}

    def worker_lanes(self, kind: str) -> dict[str, list[tuple[float, float]]]:
        lanes: dict[str, list[tuple[float, float]]] = {}
        for event in self.events:
            if event.get("lane") == kind and event["d"] is not None:
                lanes.setdefault(event["task"], []).append((event["t"], event["d"]))
        return lanes


async def run_traced(example_id: str, python: str, traced: bool = True) -> TracedRun:
    """``python -X dev -W error examples/<id>.py`` as the runner starts it, plus the tracer."""
    example = load(EXAMPLES_DIR / f"{example_id}.py")
    merge_stderr = example.options.stderr == "merge"
    pipe = TracePipe() if traced else None
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        python,
        *INTERPRETER_FLAGS,
        str(example.path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT if merge_stderr else asyncio.subprocess.PIPE,
        env=environment(pipe.child_env() if pipe else {}),
        cwd=ROOT,
        start_new_session=True,
        pass_fds=pipe.pass_fds if pipe else (),
    )
    run = TracedRun()
    try:
        async with asyncio.timeout(60):
            if pipe:
                pipe.launched()
            stderr = process.stderr.read() if process.stderr else asyncio.sleep(0, b"")
            events = read_events(pipe, started) if pipe else asyncio.sleep(0, [])
            run.lines, stderr, run.events = await asyncio.gather(
                read_lines(process.stdout, started), stderr, events
            )
            run.exit_code = await process.wait()
    finally:
        kill_group(process)
    run.elapsed = round(time.perf_counter() - started, 3)
    run.stdout = "".join(f"{line['text']}\n" for line in run.lines)
    run.stderr = mask(stderr.decode())
    return run


async def read_lines(stream: asyncio.StreamReader, started: float) -> list[dict]:
    lines = []
    async for raw in stream:
        t = round(time.perf_counter() - started, 3)
        text = mask(raw.decode().rstrip("\n"))
        lines.append({"t": t, "stream": "stdout", "text": text})
    return lines


async def read_events(pipe: TracePipe, started: float) -> list[dict]:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), pipe.reader()
    )
    try:
        converter = TraceEvents(started)
        events = []
        while chunk := await reader.read(1 << 16):
            events += converter.feed(chunk)
        return events
    finally:
        transport.close()


def committed_output(example_id: str) -> str:
    return (EXAMPLES_DIR / f"{example_id}.out").read_text(encoding="utf-8")


def loop_steps(events: list[dict]) -> list[tuple[float, float, str]]:
    """Every step the loop's thread ran: task steps and slow callbacks, in time order."""
    steps = [
        (event["t"], event["d"], event["task"])
        for event in events
        if event["kind"] == "step" and event.get("lane") in (None, "callback")
    ]
    return sorted(steps)


def overlapping_steps(events: list[dict], slack: float = 2e-6) -> list[tuple]:
    """Pairs of loop steps that overlap in time, beyond the rounding of their stamps."""
    steps = loop_steps(events)
    return [
        (before, after)
        for before, after in itertools.pairwise(steps)
        if before[0] + before[1] > after[0] + slack
    ]
