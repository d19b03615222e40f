"""A coroutine is paused only where it awaits; between two awaits nothing else runs."""

import asyncio


# --8<-- [start:core]
async def clerk(name: str, customers: int) -> None:
    for customer in range(1, customers + 1):
        print(f"{name}: greets customer {customer}")
        # No await between these two lines: nothing can run in between.
        print(f"{name}: serves customer {customer}")
        await asyncio.sleep(0)  # the only point where the other clerk may run


async def main() -> None:
    await asyncio.gather(clerk("Ada", 3), clerk("Bo", 2))


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
