"""Semaphore(3) lets three requests out at once and never a fourth."""

from __future__ import annotations

import asyncio

import aiohttp

from examples.cancellation import semaphore as example
from tests.examples.conftest import CountServer


async def test_three_in_flight_and_never_more(count_server: CountServer, monkeypatch) -> None:
    monkeypatch.setattr(example, "COUNT_URL", f"{count_server.url}/count")
    monkeypatch.setattr(example, "DELAY", 0.02)
    limit, gauge = asyncio.Semaphore(3), example.InFlight()
    # The first three must all be out before any is answered: limited, yet concurrent.
    count_server.in_flight.hold(3)
    async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as group:
        for _ in range(9):
            group.create_task(example.fetch(session, limit, gauge))
    assert (gauge.peak, gauge.now) == (3, 0)
    assert len(count_server.in_flight.arrivals) == 9
    assert count_server.in_flight.peak == 3
