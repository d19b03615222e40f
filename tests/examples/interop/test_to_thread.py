"""Blocking calls handed to threads overlap: N of them take less than N delays."""

from __future__ import annotations

import asyncio
import time

from examples.interop import run_in_executor, to_thread

DELAY = 0.2


def elapsed(coroutine) -> float:
    started = time.perf_counter()
    asyncio.run(coroutine)
    return time.perf_counter() - started


def test_to_thread_calls_overlap() -> None:
    calls = len(to_thread.SENSORS)
    assert elapsed(to_thread.read_together(DELAY)) < calls * DELAY


def test_one_by_one_waits_for_each_call() -> None:
    calls = len(to_thread.SENSORS)
    assert elapsed(to_thread.read_one_by_one(DELAY)) >= calls * DELAY


def test_executor_runs_no_more_calls_at_once_than_it_has_workers() -> None:
    calls = len(run_in_executor.SENSORS)
    with_two = elapsed(run_in_executor.read_all(workers=2, delay=DELAY))
    with_all = elapsed(run_in_executor.read_all(workers=calls, delay=DELAY))
    assert with_two >= (calls / 2) * DELAY
    assert with_all < calls * DELAY
