"""Semaphore(3) keeps exactly three requests in flight, so nine take three waves."""

from __future__ import annotations

import asyncio
import time

import aiohttp

DELAY = 0.1


async def test_three_in_flight_and_three_waves(load_example, count_server, monkeypatch) -> None:
    example = load_example("semaphore")
    monkeypatch.setattr(example, "COUNT_URL", f"{count_server}/count")
    monkeypatch.setattr(example, "DELAY", DELAY)
    limit, gauge = asyncio.Semaphore(3), example.InFlight()
    started = time.perf_counter()
    async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as group:
        for _ in range(9):
            group.create_task(example.fetch(session, limit, gauge))
    took = (time.perf_counter() - started) / DELAY
    assert (gauge.peak, gauge.now) == (3, 0)
    assert 3 <= took < 9  # limited, yet still concurrent
