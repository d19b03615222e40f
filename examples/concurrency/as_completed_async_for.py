"""Python 3.13+: `async for` over as_completed() yields the tasks you passed, as each finishes."""

# /// script
# requires-python = ">=3.13"
# ///

import asyncio


# --8<-- [start:core]
async def fetch(delay: float) -> float:
    await asyncio.sleep(delay)
    return delay


async def main() -> None:
    tasks = [
        asyncio.create_task(fetch(0.3), name="report"),
        asyncio.create_task(fetch(0.1), name="avatar"),
        asyncio.create_task(fetch(0.2), name="profile"),
    ]
    async for task in asyncio.as_completed(tasks):
        ours = task in tasks
        print(f"done: {task.get_name()} ({await task} s), one of ours: {ours}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
