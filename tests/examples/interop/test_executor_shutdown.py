"""Pools opened inside a coroutine are shut down off the loop's thread: shutdown() waits."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from examples.interop import process_pool, run_in_executor


@pytest.fixture
def shutdown_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the threads each pool's shutdown() ran on."""
    threads: list[str] = []
    for pool_class in (ThreadPoolExecutor, ProcessPoolExecutor):
        original = pool_class.shutdown

        def recorded(self, *args, original=original, **kwargs):
            threads.append(threading.current_thread().name)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(pool_class, "shutdown", recorded)
    return threads


async def loop_thread_and(coroutine) -> str:
    await coroutine
    return threading.current_thread().name


def test_thread_pool_is_shut_down_off_the_loop(shutdown_threads) -> None:
    loop_thread = asyncio.run(loop_thread_and(run_in_executor.read_all(workers=2, delay=0.01)))
    # One shutdown for the example's pool; the loop's default pool closes after main.
    assert shutdown_threads[0] != loop_thread


def test_process_pool_is_shut_down_off_the_loop(shutdown_threads, monkeypatch) -> None:
    monkeypatch.setattr(process_pool, "CHUNKS", [(2, 100), (100, 200)])
    loop_thread = asyncio.run(loop_thread_and(process_pool.count_in_processes(workers=2)))
    assert shutdown_threads[0] != loop_thread
