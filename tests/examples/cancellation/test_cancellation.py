"""Timeouts and cancellation do what the slides say, and a swallowed cancel defeats a timeout."""

from __future__ import annotations

import asyncio

import pytest

from examples.cancellation import shield, swallowed_cancel, timeouts


async def test_timeout_and_wait_for_cancel_the_work(capsys: pytest.CaptureFixture[str]) -> None:
    await timeouts.main()
    out = capsys.readouterr().out
    assert "first: cancelled" not in out  # it fitted in the budget
    assert "second: cancelled at the deadline" in out
    assert "third: cancelled at the deadline" in out


async def test_a_query_past_its_deadline_raises_timeout_error() -> None:
    for give_up in (
        lambda query: asyncio.wait_for(query, timeout=0.01),
        lambda query: run_within(query, 0.01),
    ):
        with pytest.raises(TimeoutError):
            # Sixty seconds would outlast this test's time limit: it can only end cancelled.
            await give_up(timeouts.slow_query("slow", 60))


async def run_within(query, seconds: float) -> None:
    async with asyncio.timeout(seconds):
        await query


async def test_stubborn_job_defeats_the_timeout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(swallowed_cancel, "LIMIT", 0.01)
    async with asyncio.timeout(0.01) as deadline:  # no TimeoutError: the cancel was swallowed
        assert await swallowed_cancel.stubborn_job() == "finished late"
    assert deadline.expired()  # the deadline did pass while the job ran
    assert capsys.readouterr().out == "stubborn_job: cancel ignored\n"


async def test_shielded_save_outlives_its_caller(capsys: pytest.CaptureFixture[str]) -> None:
    await shield.main()
    assert capsys.readouterr().out.splitlines() == [
        "request: timed out, but the save carries on",
        "order 42: saved",
        "main: order 42 is safe",
    ]
