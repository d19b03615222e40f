"""Timeouts and cancellation do what the slides say, and a swallowed cancel defeats a timeout."""

from __future__ import annotations

import asyncio
import time

LIMIT = 0.1


async def test_timeout_and_wait_for_cancel_the_work(load_example, capsys) -> None:
    example = load_example("timeouts")
    started = time.perf_counter()
    await example.main()
    assert time.perf_counter() - started < 2  # the 5 s queries were cut short
    out = capsys.readouterr().out
    assert "second: cancelled at the deadline" in out
    assert "third: cancelled at the deadline" in out


async def test_stubborn_job_defeats_the_timeout(load_example, monkeypatch, capsys) -> None:
    example = load_example("swallowed_cancel")
    monkeypatch.setattr(example, "LIMIT", LIMIT)
    started = time.perf_counter()
    async with asyncio.timeout(LIMIT):  # no TimeoutError: the cancel was swallowed
        assert await example.stubborn_job() == "finished late"
    assert time.perf_counter() - started >= 4 * LIMIT
    assert capsys.readouterr().out == "stubborn_job: cancel ignored\n"


async def test_shielded_save_outlives_its_caller(load_example, capsys) -> None:
    example = load_example("shield")
    await example.main()
    assert capsys.readouterr().out.splitlines() == [
        "request: timed out, but the save carries on",
        "order 42: saved",
        "main: order 42 is safe",
    ]
