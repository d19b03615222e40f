"""An async generator is an async iterator written as a function; comprehensions take async for."""

import asyncio
from collections.abc import AsyncIterator


# --8<-- [start:core]
async def countdown(start: int, delay: float) -> AsyncIterator[int]:
    for number in range(start, 0, -1):
        await asyncio.sleep(delay)
        yield number


async def double(number: int) -> int:
    await asyncio.sleep(0.01)
    return number * 2


async def main() -> None:
    print([number async for number in countdown(3, 0.02)])
    print([number async for number in countdown(5, 0.01) if number % 2])
    # Inside a coroutine, await also works in a plain comprehension.
    print([await double(number) for number in range(3)])


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
