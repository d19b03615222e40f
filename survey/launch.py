"""Start an example in the fixed environment, cold or from a warm interpreter, and stop it.

Every run of an example starts here: the runner's (captured output), the
live-run server's and the tests'. They share the command, the environment and
the process group, so what the deck shows live is what the site recorded.

A cold ``python -X dev -W error example.py`` spends most of its time before the
example's first line starting the interpreter and importing asyncio. A
``WarmPool`` keeps interpreters (``survey.warm``) that have already done so,
each in its own process group; ``launch`` hands one the example, and starts it
cold when none is waiting. Every warm interpreter serves one run only, so no
state leaks from one run into the next.

Every example runs traced (``survey.recorder``): it starts with the recorder's
start-up hook and the write end of a ``TracePipe``, whose events
``survey.stream`` reads with the run's output. A warm interpreter gets its pipe when it
starts, since the hook runs then; the pipe goes with it to the run it serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections import deque
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

from survey.catalog import Example
from survey.demo_server import demo_server
from survey.lines import LINE_LIMIT
from survey.paths import ROOT
from survey.trace_reader import TracePipe

Process = asyncio.subprocess.Process

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
# Development mode (asyncio debug, ResourceWarning) and every warning an error.
INTERPRETER_FLAGS = ("-X", "dev", "-W", "error")


def environment(extra: Mapping[str, str] = {}) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    return env | FIXED_ENV | dict(extra)


@contextlib.asynccontextmanager
async def services(example: Example, demo_url: str | None = None) -> AsyncIterator[dict[str, str]]:
    """The environment the example's declared needs call for, while it runs.

    An example that needs the /count server gets ``$DEMO_SERVER``: ``demo_url``
    when the caller serves /count already, else a fresh server of its own.
    """
    async with contextlib.AsyncExitStack() as stack:
        extra_env = {}
        if example.needs_demo_server:
            extra_env["DEMO_SERVER"] = demo_url or await stack.enter_async_context(demo_server())
        yield extra_env


async def spawn(
    arguments: list[str],
    *,
    python: str = sys.executable,
    stdin: int = asyncio.subprocess.DEVNULL,
    merge_stderr: bool = False,
    extra_env: Mapping[str, str] = {},
    line_limit: int = LINE_LIMIT,
    trace: TracePipe | None = None,
) -> Process:
    """``python -X dev -W error *arguments`` in the fixed environment, in a process
    group of its own so that stopping it stops its children; traced into ``trace``."""
    tracing = trace.child_env() if trace else {}
    try:
        return await asyncio.create_subprocess_exec(
            python,
            *INTERPRETER_FLAGS,
            *arguments,
            stdin=stdin,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT if merge_stderr else asyncio.subprocess.PIPE,
            env=environment({**extra_env, **tracing}),
            cwd=ROOT,
            start_new_session=True,
            limit=line_limit,
            pass_fds=trace.pass_fds if trace else (),
        )
    finally:
        if trace:
            trace.launched()


@dataclass
class Launched:
    """A running example and the pipe its recorder writes to."""

    process: Process
    trace: TracePipe


def kill_group(process: Process) -> None:
    """Kill the process and everything it started; a no-op once it is gone."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


async def stop(process: Process) -> None:
    """Kill the group and reap the process; call it when nothing else reads the pipes."""
    kill_group(process)
    # wait() returns only once the pipes have closed, and a pipe whose reader
    # stopped at the output cap stays open until what is left in it is read.
    pipes = (pipe for pipe in (process.stdout, process.stderr) if pipe is not None)
    await asyncio.gather(*(pipe.read() for pipe in pipes))
    await process.wait()


class WarmPool:
    """Interpreters started ahead of a click; ``fill`` tops it up to ``size``.

    The caller refills it after a run, not during one: starting a process blocks
    the event loop for a few milliseconds and would delay the run's first line.
    """

    def __init__(self, size: int, line_limit: int, python: str = sys.executable) -> None:
        self.size = size
        self.line_limit = line_limit
        self.python = python
        self.idle: deque[Launched] = deque()
        self.starting: set[asyncio.Task] = set()
        self.closed = False

    def fill(self) -> None:
        for _ in range(self.size - len(self.idle) - len(self.starting)):
            task = asyncio.create_task(self.start_one())
            self.starting.add(task)
            task.add_done_callback(self.starting.discard)

    async def start_one(self) -> None:
        trace = TracePipe()
        try:
            process = await spawn(
                ["-m", "survey.warm"],
                python=self.python,
                stdin=asyncio.subprocess.PIPE,
                line_limit=self.line_limit,
                trace=trace,
            )
        except BaseException:
            trace.close()
            raise
        waiting = Launched(process, trace)
        if self.closed:
            await dismiss(waiting)
        else:
            self.idle.append(waiting)

    async def take(self, example: Example, extra_env: Mapping[str, str]) -> Launched | None:
        """A waiting interpreter that has become ``example``, or None if none is alive."""
        while self.idle:
            waiting = self.idle.popleft()
            handed_over = False
            try:
                handed_over = await hand_over(waiting.process, example, extra_env)
            finally:
                # Refused or cancelled, it must not outlive the run that took it.
                if not handed_over:
                    await dismiss(waiting)
            if handed_over:
                return waiting
        return None

    async def close(self) -> None:
        self.closed = True
        # Not cancelled: a start cut short could leave a process nobody holds.
        await asyncio.gather(*self.starting, return_exceptions=True)
        while self.idle:
            await dismiss(self.idle.popleft())


async def dismiss(launched: Launched) -> None:
    """Stop a process that will run nothing, and close the pipe nobody will read."""
    launched.trace.close()
    await stop(launched.process)


async def hand_over(process: Process, example: Example, extra_env: Mapping[str, str]) -> bool:
    """Tell a warm interpreter which example to become; False if it is no longer there."""
    if process.returncode is not None or process.stdin is None:
        return False
    request = {
        "path": str(example.path),
        "env": dict(extra_env),
        "merge_stderr": example.options.stderr == "merge",
    }
    try:
        process.stdin.write(json.dumps(request).encode())
        await process.stdin.drain()
        process.stdin.close()
    except ConnectionError:
        return False
    return True


async def launch(
    example: Example,
    extra_env: Mapping[str, str] = {},
    *,
    pool: WarmPool | None = None,
    python: str = sys.executable,
    line_limit: int = LINE_LIMIT,
) -> Launched:
    """The example running as ``python -X dev -W error path`` would run it, traced: in
    a warm interpreter from ``pool`` when one is waiting, else started cold. The caller
    reads ``trace.events`` to its end, or calls ``trace.close()``."""
    if pool is not None and (launched := await pool.take(example, extra_env)):
        return launched
    trace = TracePipe()
    try:
        process = await spawn(
            [str(example.path)],
            python=pool.python if pool else python,
            merge_stderr=example.options.stderr == "merge",
            extra_env=extra_env,
            line_limit=pool.line_limit if pool else line_limit,
            trace=trace,
        )
    except BaseException:
        trace.close()
        raise
    return Launched(process, trace)
