"""A report that waits without holding the loop: the heartbeat beats on."""

import asyncio
import time

BEAT = 0.05
LOAD = 0.3


# --8<-- [start:core]
async def heartbeat(beats: list[float]) -> None:
    while True:
        await asyncio.sleep(BEAT)
        beats.append(time.perf_counter())


async def load_report() -> str:
    await asyncio.sleep(LOAD)  # waiting for the disk, with the loop free
    return "report: 42 rows"


async def main() -> None:
    beats: list[float] = []
    beating = asyncio.create_task(heartbeat(beats))
    print(await load_report())
    beating.cancel()
    print(f"the heartbeat kept beating: {len(beats) >= 3}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
