"""asyncio.run() creates a loop, runs one coroutine to completion, and closes the loop."""

import asyncio


# --8<-- [start:core]
async def greet(name: str, delay: float) -> str:
    await asyncio.sleep(delay)
    return f"hello, {name}"


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(f"inside main, the loop is running: {loop.is_running()}")
    print(await greet("event loop", 0.1))


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:core]
