"""Gathered aiohttp requests overlap on the server; gathered urllib requests queue up."""

from __future__ import annotations

import asyncio
import re
import time

import aiohttp
import pytest

REQUESTS, DELAY = 4, 0.1


@pytest.fixture
def example(load_example, count_server: str, monkeypatch: pytest.MonkeyPatch):
    module = load_example("gather_http")
    monkeypatch.setattr(module, "COUNT_URL", f"{count_server}/count")
    return module


async def delays_taken(requests: list) -> float:
    started = time.perf_counter()
    await asyncio.gather(*requests)
    return (time.perf_counter() - started) / DELAY


async def test_aiohttp_requests_take_about_one_delay(example) -> None:
    async with aiohttp.ClientSession() as session:
        took = await delays_taken([example.fetch_async(session, DELAY) for _ in range(REQUESTS)])
    assert took < 2


async def test_urllib_requests_take_one_delay_each(example) -> None:
    took = await delays_taken([example.fetch_blocking(DELAY) for _ in range(REQUESTS)])
    assert took >= REQUESTS


async def test_main_reports_both(example, monkeypatch, capsys) -> None:
    monkeypatch.setattr(example, "DELAY", DELAY)
    await example.main()
    requests = example.REQUESTS
    aiohttp_line, urllib_line = capsys.readouterr().out.splitlines()
    # Rounded delays: the page shows 1 and 3; at this test's shorter delay, a
    # loaded machine's overhead may add one.
    aiohttp_took = int(
        re.fullmatch(rf"{requests} aiohttp requests: ≈ (\d+) × delay", aiohttp_line)[1]
    )
    urllib_took = int(re.fullmatch(rf"{requests} urllib requests: ≈ (\d+) × delay", urllib_line)[1])
    assert aiohttp_took <= 2 < requests <= urllib_took
