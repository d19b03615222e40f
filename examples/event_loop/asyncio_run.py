"""asyncio.run() creates a loop, runs one coroutine to completion, and closes the loop."""

import asyncio


# --8<-- [start:core]
async def greet(name: str, delay: float) -> str:
    await asyncio.sleep(delay)
    return f"hello, {name}"


async def main() -> asyncio.AbstractEventLoop:
    # Only valid while a loop runs: inside a coroutine or a callback.
    loop = asyncio.get_running_loop()
    print(f"inside main, the loop is running: {loop.is_running()}")
    print(await greet("event loop", 0.1))
    return loop


if __name__ == "__main__":
    loop = asyncio.run(main())  # returns what main returned
    print(f"after asyncio.run, the loop is closed: {loop.is_closed()}")
# --8<-- [end:core]
