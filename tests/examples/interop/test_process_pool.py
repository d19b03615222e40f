"""Two worker processes count primes side by side, and find what a direct count finds."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os

import pytest

from examples.interop import process_pool
from tests.examples.interop import pool_probe


@pytest.fixture(scope="module")
def direct_counts() -> list[int]:
    return [process_pool.count_primes(*chunk) for chunk in process_pool.CHUNKS]


@pytest.fixture(scope="module")
def manager():
    with multiprocessing.Manager() as manager:
        yield manager


@pytest.mark.parametrize("workers", [1, 2])
def test_each_worker_counts_while_the_others_do(
    direct_counts: list[int], manager, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Every chunk waits for a chunk on each other worker: they can only get past together.
    meeting = manager.Barrier(workers, timeout=10)
    counting = functools.partial(pool_probe.count_side_by_side, meeting)
    monkeypatch.setattr(process_pool, "count_primes", counting)

    results = asyncio.run(process_pool.count_in_processes(workers))

    assert [count for _, count in results] == direct_counts
    pids = {pid for pid, _ in results}
    assert len(pids) == workers
    assert os.getpid() not in pids


def test_each_line_follows_its_own_run_and_shows_the_speedup(monkeypatch) -> None:
    # A fake clock where one process takes 4 s and two take 2.5 s; the lines must
    # come one after each run (so a replay paces them) and show the measured 1.6×.
    events: list[str] = []
    clock = iter([0.0, 4.0, 10.0, 12.5])

    async def fake_count(workers: int) -> list[int]:
        events.append(f"run {workers}")
        return [1, 2, 3, 4]

    monkeypatch.setattr(process_pool, "count_in_processes", fake_count)
    monkeypatch.setattr(process_pool.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(process_pool, "print", events.append, raising=False)
    asyncio.run(process_pool.main())
    assert events == [
        "run 1",
        "1 process:   10 primes in 4 chunks",
        "run 2",
        "2 processes: 10 primes, ≈ 1.6× as fast",
    ]
