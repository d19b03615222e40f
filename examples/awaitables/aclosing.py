"""Breaking out of async for leaves an async generator suspended; aclosing closes it on exit."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing


# --8<-- [start:core]
async def read_lines(name: str) -> AsyncIterator[str]:
    print(f"open {name}")
    try:
        for number in range(1, 100):
            await asyncio.sleep(0.01)
            yield f"{name} line {number}"
    finally:
        print(f"close {name}")  # runs when the generator is closed


async def main() -> None:
    async with aclosing(read_lines("log.txt")) as lines:
        async for line in lines:
            print(line)
            if line.endswith("2"):
                break
        print("left the loop")
    print("left the async with: the generator has been closed")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
