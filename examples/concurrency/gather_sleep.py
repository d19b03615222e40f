"""gather() overlaps asyncio.sleep(); a blocking time.sleep() holds the loop, so naps take turns."""

# /// script
# [tool.survey]
# serial = true
# ///

import asyncio
import time

NAPS = 3
DELAY = 0.2


# --8<-- [start:core]
async def async_nap(delay: float) -> None:
    await asyncio.sleep(delay)  # gives the loop back while it waits


async def blocking_nap(delay: float) -> None:
    time.sleep(delay)  # keeps the thread: nothing else runs until it returns


async def main() -> None:
    for nap in (async_nap, blocking_nap):
        started = time.perf_counter()
        await asyncio.gather(*(nap(DELAY) for _ in range(NAPS)))
        took = round((time.perf_counter() - started) / DELAY)
        print(f"{NAPS} × {nap.__name__}({DELAY}) gathered: ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    # Blocking is the point here, so debug mode (on under -X dev) stays off:
    # it would report each blocking nap, which the next slide shows.
    asyncio.run(main(), debug=False)
