"""Run one example in the fixed environment and record each line with its time offset.

The same command and environment serve the runner (captured output) and the
live-run server, so what the deck shows live is what the site recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from tools.catalog import ROOT, Example

# Fixed so that two runs of the same example print the same thing.
FIXED_ENV = {
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "TZ": "UTC",
    "NO_COLOR": "1",
}
# Variables that would change how the child interpreter behaves or what it imports.
SCRUBBED_ENV = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONASYNCIODEBUG")

# What legitimately differs between two runs, and what it is shown as.
MASKS = [
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x…"),
    (re.compile(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d+"), r"\1:<port>"),
    (re.compile(r"\b(pid|PID)([ =:]+)\d+"), r"\1\2<pid>"),
    # asyncio debug mode's slow-callback report: the duration is the machine's.
    (re.compile(r"took \d+\.\d+ seconds"), "took … seconds"),
]


@dataclass(frozen=True)
class Line:
    t: float
    stream: str
    text: str


@dataclass
class Recording:
    lines: list[Line] = field(default_factory=list)
    exit_code: int | None = None
    elapsed: float = 0.0
    timed_out: bool = False

    def text(self, stream: str = "stdout") -> str:
        return "".join(f"{line.text}\n" for line in self.lines if line.stream == stream)


def mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


# Development mode (asyncio debug, ResourceWarning) and every warning an error.
# `spawn` gives them to examples and to the live server's warm interpreters alike.
INTERPRETER_FLAGS = ("-X", "dev", "-W", "error")


def environment(extra: Mapping[str, str] = {}) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    return env | FIXED_ENV | dict(extra)


async def spawn(
    arguments: list[str],
    *,
    python: str = sys.executable,
    stdin: int = asyncio.subprocess.DEVNULL,
    merge_stderr: bool = False,
    extra_env: Mapping[str, str] = {},
    stream_limit: int = 2**16,
) -> asyncio.subprocess.Process:
    """``python -X dev -W error *arguments`` in the fixed environment, in a process
    group of its own so that stopping it stops its children. The runner and the live
    server's warm interpreters both start here, so a live run is a recorded run."""
    return await asyncio.create_subprocess_exec(
        python,
        *INTERPRETER_FLAGS,
        *arguments,
        stdin=stdin,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT if merge_stderr else asyncio.subprocess.PIPE,
        env=environment(extra_env),
        cwd=ROOT,
        start_new_session=True,
        # The longest line a reader accepts; the live server ties it to its output cap.
        limit=stream_limit,
    )


async def start(
    example: Example,
    python: str = sys.executable,
    extra_env: Mapping[str, str] = {},
    stream_limit: int = 2**16,
) -> asyncio.subprocess.Process:
    """Start the example itself, as ``python -X dev -W error path`` would."""
    return await spawn(
        [str(example.path)],
        python=python,
        merge_stderr=example.options.stderr == "merge",
        extra_env=extra_env,
        stream_limit=stream_limit,
    )


def kill_group(process: asyncio.subprocess.Process) -> None:
    """Kill the process and everything it started; a no-op once it is gone."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


async def record(
    example: Example, python: str = sys.executable, extra_env: Mapping[str, str] = {}
) -> Recording:
    """Run the example to the end (or its timeout) and return what it printed, when."""
    recording = Recording()
    started = time.perf_counter()
    process = await start(example, python, extra_env)

    async def collect(stream: asyncio.StreamReader | None, name: str) -> None:
        if stream is None:
            return
        async for raw in stream:
            offset = round(time.perf_counter() - started, 3)
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            recording.lines.append(Line(offset, name, text))

    try:
        async with asyncio.timeout(example.options.timeout):
            await asyncio.gather(
                collect(process.stdout, "stdout"), collect(process.stderr, "stderr")
            )
            recording.exit_code = await process.wait()
    except TimeoutError:
        recording.timed_out = True
    finally:
        kill_group(process)
        await process.wait()
        recording.elapsed = round(time.perf_counter() - started, 3)
    return recording
