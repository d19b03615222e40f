"""A reminder that rings while the tea brews: the coroutine runs as a task."""

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
    reminder = asyncio.create_task(remind("warm the cups"))
    print(await brew())
    await reminder


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
