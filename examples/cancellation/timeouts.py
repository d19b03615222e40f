"""Deadlines: asyncio.timeout() bounds a block, wait_for() one awaitable; both cancel the work."""

import asyncio


# --8<-- [start:core]
async def slow_query(name: str, seconds: float) -> None:
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled at the deadline")
        raise


async def main() -> None:
    try:
        async with asyncio.timeout(0.1):  # Python 3.11+
            await slow_query("first", 0.02)  # fits in the budget
            await slow_query("second", 5.0)
    except TimeoutError:
        print("timeout(): the block gave up after 0.1 s")
    try:
        await asyncio.wait_for(slow_query("third", 5.0), timeout=0.1)
    except TimeoutError:
        print("wait_for(): gave up after 0.1 s")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
