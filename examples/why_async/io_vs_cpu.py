"""Waiting overlaps on one thread; computing does not, because it never reaches an await."""

# /// script
# [tool.survey]
# serial = true
# timeout = 30
# ///

import asyncio
import time

DELAY = 0.3
WORK = 2_500_000  # about a tenth of a second of arithmetic: long enough to see


# --8<-- [start:core]
async def download(name: str) -> None:
    print(f"start download {name}")
    # A network wait would go here: meanwhile the loop runs the others.
    await asyncio.sleep(DELAY)
    print(f"end   download {name}")


async def checksum(name: str) -> float:
    print(f"start checksum {name}")
    started = time.perf_counter()
    # Pure computation: no await, so nothing else runs until it ends.
    sum(i * i for i in range(WORK))
    print(f"end   checksum {name}")
    return time.perf_counter() - started


async def main() -> None:
    started = time.perf_counter()
    await asyncio.gather(*(download(name) for name in "abc"))
    took = (time.perf_counter() - started) / DELAY
    print(f"three downloads took ≈ {round(took)} × one download")
    started = time.perf_counter()
    each = await asyncio.gather(*(checksum(name) for name in "abc"))
    took = (time.perf_counter() - started) / (sum(each) / len(each))
    print(f"three checksums took ≈ {round(took)} × one checksum")


# --8<-- [end:core]


if __name__ == "__main__":
    # Holding the loop is the point here, so debug mode (on under -X dev) stays
    # off: it would report each checksum as a slow step.
    asyncio.run(main(), debug=False)
