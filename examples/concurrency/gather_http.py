"""N requests gathered with aiohttp take about one delay; blocking urllib calls take N delays."""

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
import urllib.request
from collections.abc import Coroutine

import aiohttp

COUNT_URL = os.environ.get("DEMO_SERVER", "http://127.0.0.1:8000") + "/count"
REQUESTS = 3
DELAY = 0.5


# --8<-- [start:core]
async def fetch_async(session: aiohttp.ClientSession, delay: float) -> None:
    # Each await here hands the loop to the other requests while this one waits.
    async with session.get(COUNT_URL, params={"delay": delay}) as response:
        await response.read()


async def fetch_blocking(delay: float) -> None:
    # urlopen() and read() wait without an await: nothing else runs meanwhile.
    with urllib.request.urlopen(f"{COUNT_URL}?delay={delay}") as response:
        response.read()


async def timed(label: str, requests: list[Coroutine]) -> None:
    started = time.perf_counter()
    await asyncio.gather(*requests)
    took = round((time.perf_counter() - started) / DELAY)
    print(f"{len(requests)} {label} requests: ≈ {took} × delay")


async def main() -> None:
    async with aiohttp.ClientSession() as session:
        requests = [fetch_async(session, DELAY) for _ in range(REQUESTS)]
        await timed("aiohttp", requests)
    await timed("urllib", [fetch_blocking(DELAY) for _ in range(REQUESTS)])


# --8<-- [end:core]


if __name__ == "__main__":
    # Blocking is the point here, so debug mode (on under -X dev) stays off:
    # it would report each blocking request.
    asyncio.run(main(), debug=False)
