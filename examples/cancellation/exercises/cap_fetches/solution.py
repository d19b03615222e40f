"""Six fetches, at most two in flight at once: each holds the Semaphore while it waits."""

import asyncio

DELAY = 0.1
LIMIT = 2


# --8<-- [start:core]
async def fetch(page: int, limit: asyncio.Semaphore) -> str:
    async with limit:
        await asyncio.sleep(DELAY)  # the request in flight
    return f"page {page}"


async def main() -> None:
    limit = asyncio.Semaphore(LIMIT)
    pages = await asyncio.gather(*(fetch(page, limit) for page in range(6)))
    print(", ".join(pages))


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
