"""The process-pool example's speedup: its CPU-bound chunks on 2 worker processes against 1.

    python -m benchmarks.bench_process_pool

The example prints only what is the same on every run (the counts agree); the
speedup depends on the cores this machine has free, so it is measured here,
interleaved and best of ROUNDS, with one worker process as the baseline.
"""

from __future__ import annotations

import asyncio
import os
import time

from examples.interop.process_pool import count_in_processes

ROUNDS = 3


def seconds(workers: int) -> float:
    started = time.perf_counter()
    asyncio.run(count_in_processes(workers))
    return time.perf_counter() - started


def main() -> None:
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(ROUNDS):
        for workers, samples in times.items():
            samples.append(seconds(workers))
    baseline, pooled = min(times[1]), min(times[2])
    print(f"Process pool, {len(os.sched_getaffinity(0))} usable cores, best of {ROUNDS}\n")
    print("| workers | seconds | speedup |")
    print("| ---: | ---: | ---: |")
    print(f"| 1 (baseline) | {baseline:.2f} | 1.00× |")
    print(f"| 2 | {pooled:.2f} | {baseline / pooled:.2f}× |")


if __name__ == "__main__":
    main()
