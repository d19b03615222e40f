"""A heartbeat that outlives main(): asyncio.run() has to stop it on the way out."""

import asyncio

DELAY = 0.05


# --8<-- [start:core]
async def heartbeat() -> None:
    try:
        while True:
            await asyncio.sleep(DELAY)
    finally:
        print("the heartbeat stopped")


async def main() -> None:
    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(3 * DELAY)  # the real work
    print(f"main() returns; the heartbeat is done: {beating.done()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
