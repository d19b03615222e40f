"""Gathered aiohttp requests are all on the server at once; gathered urllib requests queue up."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from examples.concurrency import gather_http as example
from tests.examples.conftest import CountServer

REQUESTS, DELAY = example.REQUESTS, 0.05


@pytest.fixture
def server(count_server: CountServer, monkeypatch: pytest.MonkeyPatch) -> CountServer:
    monkeypatch.setattr(example, "COUNT_URL", f"{count_server.url}/count")
    monkeypatch.setattr(example, "DELAY", DELAY)
    return count_server


async def test_aiohttp_requests_are_on_the_server_together(server: CountServer) -> None:
    server.in_flight.hold(REQUESTS)
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(example.fetch_async(session, DELAY) for _ in range(REQUESTS)))
    assert server.in_flight.peak == REQUESTS


async def test_urllib_requests_reach_the_server_one_at_a_time(server: CountServer) -> None:
    await asyncio.gather(*(example.fetch_blocking(DELAY) for _ in range(REQUESTS)))
    assert server.in_flight.arrivals == [1] * REQUESTS


async def test_main_sends_both_kinds(server: CountServer) -> None:
    server.in_flight.hold(REQUESTS)
    await example.main()
    # The aiohttp ones arrive together, then the urllib ones one by one.
    assert server.in_flight.arrivals == [*range(1, REQUESTS + 1), *[1] * REQUESTS]
