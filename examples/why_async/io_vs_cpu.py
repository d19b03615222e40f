"""Waiting overlaps on one thread; computing does not, because it never reaches an await."""

import asyncio
import time

DELAY = 0.3


# --8<-- [start:core]
async def download(name: str) -> None:
    print(f"start download {name}")
    await asyncio.sleep(DELAY)  # stands in for a network wait: the loop runs others meanwhile
    print(f"end   download {name}")


async def checksum(name: str) -> None:
    print(f"start checksum {name}")
    sum(i * i for i in range(100_000))  # pure computation: no await, so nothing else runs
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
