"""Calling a coroutine function runs nothing; awaiting runs it, and only once."""

import asyncio


# --8<-- [start:core]
async def brew(drink: str) -> str:
    print(f"brewing {drink}")
    await asyncio.sleep(0.01)
    return f"a cup of {drink}"


async def main() -> None:
    order = brew("tea")  # creates a coroutine object; prints nothing
    print(f"called brew, got a {type(order).__name__}")
    print(f"awaited: {await order}")
    try:
        await order
    except RuntimeError as error:
        print(f"awaited again: RuntimeError: {error}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
