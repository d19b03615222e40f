"""One probe fails, and its TaskGroup cancels the other two before main() goes on."""

import asyncio

DELAY = 0.1


# --8<-- [start:core]
async def probe(service: str, delays: int, *, up: bool = True) -> str:
    await asyncio.sleep(delays * DELAY)
    if not up:
        raise ConnectionError(f"{service} is down")
    return f"{service} is up"


async def main() -> None:
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(probe("database", 1, up=False))
            group.create_task(probe("cache", 5))
            group.create_task(probe("queue", 6))
    except* ConnectionError as errors:
        print(f"failed: {errors.exceptions[0]}")
    print("main() moves on")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
