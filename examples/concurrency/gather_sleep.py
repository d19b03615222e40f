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
    # Blocking is the point: raise debug mode's slow-step threshold (0.1 s).
    asyncio.get_running_loop().slow_callback_duration = 1.0
    for nap in (async_nap, blocking_nap):
        started = time.perf_counter()
        await asyncio.gather(*(nap(DELAY) for _ in range(NAPS)))
        took = (time.perf_counter() - started) / DELAY
        label = f"{NAPS} × {nap.__name__}({DELAY}) gathered"
        print(f"{label}, took ≥ {NAPS} × delay: {took >= NAPS}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
