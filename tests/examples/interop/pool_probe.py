"""What the process-pool test hands its worker processes (importable there, unlike a test)."""

from __future__ import annotations

import os
import threading

from examples.interop import process_pool

# Taken now: the test puts count_side_by_side in the module's place.
count_primes = process_pool.count_primes


def count_side_by_side(meeting: threading.Barrier, start: int, stop: int) -> tuple[int, int]:
    """``count_primes(start, stop)`` and the worker's pid, once every worker has come to
    ``meeting``: workers that run one after another break it, and so fail the count."""
    try:
        meeting.wait()
    except threading.BrokenBarrierError:
        return os.getpid(), -1
    return os.getpid(), count_primes(start, stop)
