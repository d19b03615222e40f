"""Start example processes for live runs, from warm interpreters when one is waiting.

A cold ``python -X dev -W error example.py`` spends most of its time before the
example's first line starting the interpreter and importing asyncio. The pool
keeps ``size`` interpreters (``server.warm``) that have already done so, each in
its own process group. A run takes one and hands it the example; the server
refills the pool when the run ends, because starting a process blocks the event
loop for a few milliseconds and would otherwise delay the run's first line.
Every interpreter serves one run only, so no state leaks from one run into the
next. With no warm interpreter waiting (size 0, a burst of clicks, or one that
died) the run starts cold, exactly as the runner starts it.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import deque
from collections.abc import Mapping

from tools.capture import kill_group, spawn, start
from tools.catalog import Example

Process = asyncio.subprocess.Process


class WarmPool:
    def __init__(self, size: int, stream_limit: int, python: str = sys.executable) -> None:
        self.size = size
        self.stream_limit = stream_limit
        self.python = python
        self.idle: deque[Process] = deque()
        self.starting: set[asyncio.Task] = set()
        self.closed = False

    def fill(self) -> None:
        for _ in range(self.size - len(self.idle) - len(self.starting)):
            task = asyncio.create_task(self.start_one())
            self.starting.add(task)
            task.add_done_callback(self.starting.discard)

    async def start_one(self) -> None:
        process = await spawn(
            ["-m", "server.warm"],
            python=self.python,
            stdin=asyncio.subprocess.PIPE,
            stream_limit=self.stream_limit,
        )
        if self.closed:
            await stop(process)
        else:
            self.idle.append(process)

    async def launch(self, example: Example, extra_env: Mapping[str, str] = {}) -> Process:
        """A process running ``example``: a warm one if any is alive, else a cold start."""
        while self.idle:
            process = self.idle.popleft()
            handed_over = False
            try:
                handed_over = await hand_over(process, example, extra_env)
            finally:
                # Refused or cancelled, it must not outlive the run that took it.
                if not handed_over:
                    await stop(process)
            if handed_over:
                return process
        return await start(example, self.python, extra_env, self.stream_limit)

    async def close(self) -> None:
        self.closed = True
        # Not cancelled: a start cut short could leave a process nobody holds.
        await asyncio.gather(*self.starting, return_exceptions=True)
        while self.idle:
            await stop(self.idle.popleft())


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


async def stop(process: Process) -> None:
    """Kill the group and reap the process; call it when nothing else reads the pipes."""
    kill_group(process)
    # wait() returns only once the pipes have closed, and a pipe whose reader
    # stopped at the output cap stays open until what is left in it is read.
    pipes = (pipe for pipe in (process.stdout, process.stderr) if pipe is not None)
    await asyncio.gather(*(pipe.read() for pipe in pipes))
    await process.wait()
