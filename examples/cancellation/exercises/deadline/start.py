"""A query that hangs for eight delays, and a main() that waits for all of them."""

import asyncio

DELAY = 0.1


# --8<-- [start:core]
async def slow_query() -> str:
    await asyncio.sleep(8 * DELAY)  # a database that hangs
    return "rows"


async def main() -> None:
    query = asyncio.create_task(slow_query())
    print(f"answer: {await query}")
    print(f"the query was cancelled: {query.cancelled()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
