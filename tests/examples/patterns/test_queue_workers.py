"""Three consumers share the queue's work: all three are busy at once, and every job is done."""

from __future__ import annotations

import asyncio

import pytest

from examples.patterns import queue_workers


class Work:
    """Stands in for the job's ``asyncio.sleep``: counts jobs under way, and holds the first
    ones until ``together`` of them are, so a test never waits on a guess about timing."""

    def __init__(self, together: int) -> None:
        self.together = together
        self.now = self.peak = 0
        self.all_busy = asyncio.Event()

    async def sleep(self, _delay: float) -> None:
        self.now += 1
        self.peak = max(self.peak, self.now)
        if self.now == self.together:
            self.all_busy.set()
        try:
            await asyncio.wait_for(self.all_busy.wait(), 10)
        except TimeoutError:  # consumers that take turns never get there: let the count tell
            self.all_busy.set()
        self.now -= 1


class AsyncioWithWork:
    """The asyncio module as the example sees it, with the work swapped out."""

    def __init__(self, work: Work) -> None:
        self.sleep = work.sleep

    def __getattr__(self, name: str):
        return getattr(asyncio, name)


async def test_consumers_work_at_once_and_every_job_is_done(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = Work(together=queue_workers.CONSUMERS)
    monkeypatch.setattr(queue_workers, "asyncio", AsyncioWithWork(work))
    await queue_workers.main()
    assert work.peak == queue_workers.CONSUMERS
    assert "every job done exactly once: True" in capsys.readouterr().out
