"""Three downloads that overlap: gather() makes each a task, so they wait together."""

import asyncio
import time

DELAY = 0.2
SITES = ("docs", "pypi", "wiki")


# --8<-- [start:core]
async def download(site: str) -> str:
    await asyncio.sleep(DELAY)  # the network's delay
    return f"{site}: 200 OK"


async def main() -> None:
    started = time.perf_counter()
    for page in await asyncio.gather(*(download(site) for site in SITES)):
        print(page)
    took = round((time.perf_counter() - started) / DELAY)
    print(f"took ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
