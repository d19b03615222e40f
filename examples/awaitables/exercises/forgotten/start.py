"""A reminder that never rings: its coroutine is created, and never awaited."""

import asyncio

DELAY = 0.1


# --8<-- [start:core]
async def remind(message: str) -> None:
    await asyncio.sleep(DELAY)
    print(f"reminder: {message}")


async def brew() -> str:
    await asyncio.sleep(2 * DELAY)
    return "the tea is ready"


async def main() -> None:
    remind("warm the cups")  # only makes a coroutine object
    print(await brew())


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
