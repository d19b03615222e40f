"""as_completed() yields in finishing order, whatever the starting order."""

from __future__ import annotations

import asyncio
import sys

import pytest


async def test_results_come_in_finishing_order(load_example) -> None:
    example = load_example("as_completed")
    delays = [0.15, 0.05, 0.1]
    requests = [example.fetch(f"r{delay}", delay) for delay in delays]
    finished = [await next_done for next_done in asyncio.as_completed(requests)]
    assert finished == [f"r{delay} ({delay} s)" for delay in sorted(delays)]


@pytest.mark.skipif(sys.version_info < (3, 13), reason="as_completed() is async-iterable from 3.13")
async def test_async_for_yields_the_tasks_passed_in(load_example) -> None:
    example = load_example("as_completed_async_for")
    tasks = [asyncio.create_task(example.fetch(delay)) for delay in (0.1, 0.05)]
    finished = [task async for task in asyncio.as_completed(tasks)]
    assert finished == [tasks[1], tasks[0]]


async def test_started_is_printed_once_the_requests_are_tasks(load_example, monkeypatch) -> None:
    example = load_example("as_completed")
    tasks_at_start: list[int] = []

    def record(line: str) -> None:
        if line.startswith("started"):
            tasks_at_start.append(len(asyncio.all_tasks()))

    monkeypatch.setattr(example, "print", record, raising=False)
    await example.main()
    assert tasks_at_start == [1 + 3]  # this test's own task and the three requests
