"""N requests gathered with aiohttp take about one delay; blocking urllib calls take N delays."""

# /// script
# dependencies = ["aiohttp"]
# [tool.survey]
# serial = true
# needs = ["demo-server"]
# ///

import asyncio
import json
import os
import time
import urllib.request

import aiohttp

DEMO_SERVER = os.environ.get("DEMO_SERVER", "http://127.0.0.1:8000")
REQUESTS = 4
DELAY = 0.25


# --8<-- [start:core]
async def fetch_async(session: aiohttp.ClientSession, delay: float) -> int:
    async with session.get(f"{DEMO_SERVER}/count", params={"delay": delay}) as response:
        return (await response.json())["count"]  # the loop serves others while this waits


async def fetch_blocking(delay: float) -> int:
    with urllib.request.urlopen(f"{DEMO_SERVER}/count?delay={delay}") as response:
        return json.load(response)["count"]  # the whole loop waits here


async def timed(label: str, requests: list) -> None:
    started = time.perf_counter()
    counts = await asyncio.gather(*requests)
    took = (time.perf_counter() - started) / DELAY
    print(f"{len(counts)} {label} requests: took ≈ {round(took)} × delay")


async def main() -> None:
    # Blocking is the point here, so raise debug mode's report threshold (default 0.1 s).
    asyncio.get_running_loop().slow_callback_duration = 1.0
    async with aiohttp.ClientSession() as session:
        await timed("aiohttp", [fetch_async(session, DELAY) for _ in range(REQUESTS)])
    await timed("urllib", [fetch_blocking(DELAY) for _ in range(REQUESTS)])


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
