"""Three consumers share the queue's work: nine jobs take far less than nine job-lengths."""

from __future__ import annotations

import asyncio
import time

import pytest

from examples.patterns import queue_workers

DELAY = 0.05


def test_consumers_work_at_once_and_every_job_is_done(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(queue_workers, "DELAY", DELAY)
    started = time.perf_counter()
    asyncio.run(queue_workers.main())
    took = time.perf_counter() - started
    assert took < queue_workers.JOBS * DELAY
    assert took >= (queue_workers.JOBS / queue_workers.CONSUMERS) * DELAY
    printed = capsys.readouterr().out
    assert "every job done exactly once: True" in printed
