"""Waiting overlaps on one thread; computing does not, because it never reaches an await."""

import asyncio
import time

DELAY = 0.3


# --8<-- [start:core]
async def download(name: str) -> None:
    print(f"start download {name}")
    # A network wait would go here: meanwhile the loop runs the others.
    await asyncio.sleep(DELAY)
    print(f"end   download {name}")


async def checksum(name: str) -> None:
    print(f"start checksum {name}")
    # Pure computation: no await, so nothing else runs until it ends.
    sum(i * i for i in range(100_000))
    print(f"end   checksum {name}")


async def main() -> None:
    started = time.perf_counter()
    await asyncio.gather(*(download(name) for name in "abc"))
    took = (time.perf_counter() - started) / DELAY
    print(f"three downloads took ≈ {round(took)} × one download")
    await asyncio.gather(*(checksum(name) for name in "abc"))


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
