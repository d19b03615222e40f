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
