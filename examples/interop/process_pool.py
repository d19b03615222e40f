"""CPU-bound work goes to a ProcessPoolExecutor: each worker process has its own interpreter."""

# /// script
# [tool.survey]
# serial = true
# timeout = 60
# ///

import asyncio
from concurrent.futures import ProcessPoolExecutor

# Four equal ranges of large numbers, so every chunk costs about the same.
CHUNKS = [
    (start, start + 25_000) for start in range(10_000_000, 10_100_000, 25_000)
]


# --8<-- [start:core]
def is_prime(n: int) -> bool:
    return n > 1 and all(n % divisor for divisor in range(2, int(n**0.5) + 1))


def count_primes(start: int, stop: int) -> int:
    # Pure Python arithmetic: it needs the GIL the whole time.
    return sum(1 for n in range(start, stop) if is_prime(n))


async def count_in_processes(workers: int) -> list[int]:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        jobs = []
        for start, stop in CHUNKS:
            jobs.append(loop.run_in_executor(pool, count_primes, start, stop))
        return await asyncio.gather(*jobs)


async def main() -> None:
    one = await count_in_processes(workers=1)
    two = await count_in_processes(workers=2)
    print(f"primes per chunk, 1 process: {one}")
    print(f"2 processes found the same: {two == one}")


# --8<-- [end:core]


# Workers started by spawn or forkserver import this module; the guard keeps
# them from starting pools of their own.
if __name__ == "__main__":
    asyncio.run(main())
