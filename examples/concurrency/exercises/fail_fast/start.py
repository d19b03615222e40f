"""One probe fails at once, yet the other two run on after main() has given up."""

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
        await asyncio.gather(
            probe("database", 1, up=False),
            probe("cache", 5),
            probe("queue", 6),
        )
    except ConnectionError as error:
        print(f"failed: {error}")
    print("main() moves on")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
