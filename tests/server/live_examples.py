"""Small examples with known behaviour, and checks shared by the live-run tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from aiohttp import WSMsgType

from server.live import LiveRuns

SECTION = "fixtures"
SOURCES = {
    "slow_lines": '''"""Prints a line, sleeps, prints another."""
import time

print("before", flush=True)
time.sleep(1.0)
print("after")
''',
    "gated": '''"""Prints a line, then waits for the test to open its gate before the next."""
import pathlib
import time

gate = pathlib.Path(__file__).with_suffix(".open")
print("before")  # no flush: the run's environment must make stdout unbuffered
while not gate.exists():
    time.sleep(0.01)
print("after")
''',
    "counted": '''"""Asks the /count server it was given for a number."""
# /// script
# [tool.survey]
# needs = ["demo-server"]
# ///
import json
import os
import urllib.request

with urllib.request.urlopen(os.environ["DEMO_SERVER"] + "/count") as reply:
    print("count", json.load(reply)["count"])
''',
    "merged": '''"""Writes to stderr as part of its lesson."""
# /// script
# [tool.survey]
# stderr = "merge"
# ///
import sys

print("to stdout", flush=True)
print("to stderr, merged", file=sys.stderr)
''',
    "fails": '''"""Writes to both streams and exits 3."""
import sys

print("to stdout", flush=True)
print("oops", file=sys.stderr)
sys.exit(3)
''',
    "forever": '''"""Starts a grandchild, then never ends by itself."""
import subprocess
import sys
import time

# The grandchild names this file so that a leftover can be found by its command line.
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", __file__])
print("waiting", flush=True)
time.sleep(120)
''',
    "stepping": '''"""Three tasks take 150 turns each (at least 0.15 s), then it prints."""
import asyncio


async def turns(name, count):
    # Counted, not timed: a loaded machine takes longer, never fewer steps.
    for _ in range(count):
        await asyncio.sleep(0.001)


async def main():
    await asyncio.gather(*(turns(name, 150) for name in "abc"))
    print("done")


asyncio.run(main())
''',
    "chatty": '''"""Prints ten thousand lines."""
for number in range(10_000):
    print(f"line {number}")
''',
    "long_line": '''"""Prints one long line without a newline."""
import sys

sys.stdout.write("x" * 5000)
''',
    "tell": '''"""Prints what a script can see of how it was started, then fails."""
import asyncio
import os
import sys
import warnings

print(__name__, __file__ == sys.argv[0], len(sys.argv))
print(sys.path[0] == os.path.dirname(os.path.realpath(__file__)))
print(sys.flags.dev_mode, warnings.filters[0][0], asyncio.run(asyncio.sleep(0, "ran")))
print(repr(sys.stdin.read()), os.environ.get("DEMO_SERVER", "no demo server"))
raise ValueError("boom")
''',
}


def untimed(message: dict) -> dict:
    """A message without its time, for comparing with one written out."""
    return {key: value for key, value in message.items() if key != "t"}


def write_examples(root: Path) -> Path:
    section = root / SECTION
    section.mkdir(parents=True)
    for name, source in SOURCES.items():
        (section / f"{name}.py").write_text(source, encoding="utf-8")
    return root


@dataclass
class Transcript:
    """Every message a run socket carried."""

    messages: list[dict] = field(default_factory=list)

    @property
    def final(self) -> dict:
        return self.messages[-1]

    def lines(self, stream: str | None = None) -> list[str]:
        return [
            message["text"]
            for message in self.messages
            if message["type"] == "line" and stream in (None, message["stream"])
        ]

    def trace(self) -> list[dict]:
        return [
            event
            for message in self.messages
            if message["type"] == "trace"
            for event in message["events"]
        ]

    def check_shape(self) -> None:
        """start (unless refused), lines and traces, then exactly one exit or error, last;
        each with its time since the start, in order."""
        kinds = [message["type"] for message in self.messages]
        times = [message["t"] for message in self.messages]
        assert times == sorted(times)
        assert kinds[0] != "start" or times[0] == 0.0
        assert kinds[-1] in ("exit", "error"), kinds
        body = kinds[:-1]
        assert body in ([], ["start"]) or (
            body[0] == "start" and set(body[1:]) <= {"line", "trace"}
        )


async def read_all(
    socket, until_text: str | None = None, transcript: Transcript | None = None
) -> Transcript:
    """Messages until the socket closes (or until a line with ``until_text``), added to
    ``transcript`` if given: reading on from where an earlier call stopped."""
    transcript = transcript or Transcript()
    async for message in socket:
        assert message.type is WSMsgType.TEXT
        transcript.messages.append(message.json())
        if until_text is not None and transcript.messages[-1].get("text") == until_text:
            return transcript
    transcript.check_shape()
    return transcript


async def warm_pids(runs: LiveRuns) -> set[int]:
    """The interpreters the pool keeps waiting, once any it is starting have started."""
    await asyncio.gather(*runs.pool.starting)
    return {waiting.process.pid for waiting in runs.pool.idle}


def leftovers(examples_dir: Path, expected: set[int] = frozenset()) -> list[psutil.Process]:
    """Live processes we started, beyond ``expected``: children, or anything naming a fixture."""
    found = {
        process
        for process in psutil.Process().children(recursive=True)
        if process.pid not in expected
    }
    for process in psutil.process_iter(["cmdline"]):
        if any(str(examples_dir) in part for part in process.info["cmdline"] or ()):
            found.add(process)
    return [process for process in found if alive(process)]


def alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def child_pids() -> set[int]:
    """Taken before a test, so that processes of other fixtures (a served site) are not
    blamed, nor the resource tracker that multiprocessing starts once per process when
    an earlier test in it used a spawn pool: the tracker lives until the process ends."""
    return {process.pid for process in psutil.Process().children(recursive=True)}


async def assert_nothing_left(
    examples_dir: Path, runs: LiveRuns | None = None, existing: set[int] = frozenset()
) -> None:
    expected = existing | (await warm_pids(runs) if runs else set())
    # The group is killed before the final message, but an orphaned grandchild
    # is reaped by init, in its own time: poll for up to two seconds.
    for _ in range(40):
        if not (left := leftovers(examples_dir, expected)):
            break
        await asyncio.sleep(0.05)
    assert not left, f"left alive after the run ended: {[process.cmdline() for process in left]}"


# A guard acts within a second or two even on a loaded machine; far past that it has failed.
GUARD_SECONDS = 10.0


@contextlib.asynccontextmanager
async def guard(
    name: str, examples_dir: Path, seconds: float = GUARD_SECONDS
) -> AsyncIterator[None]:
    """Fail, naming the guard and whatever of the run is still alive, if the body is not done
    within ``seconds``: a run that outlives its guard would otherwise hang until the test's
    time limit, and be blamed on whichever test came next."""
    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError:
        alive = [process.cmdline() for process in leftovers(examples_dir)]
        pytest.fail(
            f"{name} guard: the run was not ended within {seconds:g} s; still alive: {alive}",
            pytrace=False,
        )
