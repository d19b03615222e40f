"""A query given one delay: asyncio.timeout() cancels it and main() moves on."""

import asyncio

DELAY = 0.1


# --8<-- [start:core]
async def slow_query() -> str:
    await asyncio.sleep(8 * DELAY)  # a database that hangs
    return "rows"


async def main() -> None:
    query = asyncio.create_task(slow_query())
    try:
        async with asyncio.timeout(DELAY):
            print(f"answer: {await query}")
    except TimeoutError:
        print("gave up after one delay")
    print(f"the query was cancelled: {query.cancelled()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
