"""CPU-bound work goes to a ProcessPoolExecutor: each worker process has its own interpreter."""

# /// script
# [tool.survey]
# serial = true
# timeout = 120
# measured = ["≈ {}× as fast"]
# no-browser = "it starts worker processes, and Python in a browser has only one"
# ///

import asyncio
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

# Four equal ranges of large numbers, so every chunk costs about the same.
CHUNKS = [
    (start, start + 25_000) for start in range(10_000_000, 10_100_000, 25_000)
]
# Workers start as fresh interpreters, never by fork(): asyncio's own threads
# (to_thread below) make forking this process unsafe, and 3.12+ warns.
SPAWN = multiprocessing.get_context("spawn")


# --8<-- [start:core]
def is_prime(n: int) -> bool:
    return n > 1 and all(n % divisor for divisor in range(2, int(n**0.5) + 1))


def count_primes(start: int, stop: int) -> int:
    # Pure Python arithmetic: it needs the GIL the whole time.
    return sum(1 for n in range(start, stop) if is_prime(n))


async def count_in_processes(workers: int) -> list[int]:
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN)
    try:
        jobs = []
        for start, stop in CHUNKS:
            jobs.append(loop.run_in_executor(pool, count_primes, start, stop))
        return await asyncio.gather(*jobs)
    finally:
        # shutdown() waits for the workers to exit: off the loop's thread.
        await asyncio.to_thread(pool.shutdown)


async def main() -> None:
    started = time.perf_counter()
    one = await count_in_processes(workers=1)
    alone = time.perf_counter() - started
    print(f"1 process:   {sum(one)} primes in {len(CHUNKS)} chunks")
    started = time.perf_counter()
    two = await count_in_processes(workers=2)
    speedup = alone / (time.perf_counter() - started)
    print(f"2 processes: {sum(two)} primes, ≈ {speedup:.1f}× as fast")


# --8<-- [end:core]


# Workers started by spawn or forkserver import this module; the guard keeps
# them from starting pools of their own.
if __name__ == "__main__":
    # A pool starts its workers inside the step that submits to it, which on a
    # busy machine can pass debug mode's 0.1 s limit (on under -X dev): off,
    # so that the output is the lesson's alone.
    asyncio.run(main(), debug=False)
