"""A Semaphore caps how many requests are in flight at once, however many tasks are started."""

# /// script
# dependencies = ["aiohttp"]
# [tool.survey]
# serial = true
# needs = ["demo-server"]
# no-browser = "it calls the demo server over HTTP, and Python in a browser has no sockets"
# ///

import asyncio
import os
import time

from aiohttp import ClientSession

COUNT_URL = os.environ.get("DEMO_SERVER", "http://127.0.0.1:8000") + "/count"
DELAY = 0.2


# --8<-- [start:gauge]
class InFlight:
    """Counts requests under way and remembers the highest count."""

    def __init__(self) -> None:
        self.now = self.peak = 0

    def __enter__(self) -> None:
        self.now += 1
        self.peak = max(self.peak, self.now)

    def __exit__(self, *exc_info: object) -> None:
        self.now -= 1


# --8<-- [end:gauge]


# --8<-- [start:core]
async def fetch(
    session: ClientSession, limit: asyncio.Semaphore, gauge: InFlight
):
    async with limit:  # waits here while `limit` requests are already out
        with gauge:
            async with session.get(COUNT_URL, params={"delay": DELAY}) as reply:
                reply.raise_for_status()


async def main() -> None:
    limit, gauge = asyncio.Semaphore(3), InFlight()
    started = time.perf_counter()
    async with ClientSession() as session, asyncio.TaskGroup() as group:
        for _ in range(9):
            group.create_task(fetch(session, limit, gauge))
    took = round((time.perf_counter() - started) / DELAY)
    print(f"9 requests, Semaphore(3): at most {gauge.peak} in flight")
    print(f"three waves of three: ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
