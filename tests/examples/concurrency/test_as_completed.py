"""as_completed() yields in finishing order, whatever the starting order."""

from __future__ import annotations

import asyncio
import sys

import pytest

from examples.concurrency import as_completed, as_completed_async_for


async def test_results_come_in_finishing_order() -> None:
    delays = [0.15, 0.05, 0.1]
    requests = [as_completed.fetch(f"r{delay}", delay) for delay in delays]
    finished = [await next_done for next_done in asyncio.as_completed(requests)]
    assert finished == [f"r{delay} ({delay} s)" for delay in sorted(delays)]


@pytest.mark.skipif(sys.version_info < (3, 13), reason="as_completed() is async-iterable from 3.13")
async def test_async_for_yields_the_tasks_passed_in() -> None:
    tasks = [asyncio.create_task(as_completed_async_for.fetch(delay)) for delay in (0.1, 0.05)]
    finished = [task async for task in asyncio.as_completed(tasks)]
    assert finished == [tasks[1], tasks[0]]
