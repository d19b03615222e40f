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
        asyncio.create_task(fetch(delay), name=resource)
        for resource, delay in [("report", 0.3), ("avatar", 0.1), ("profile", 0.2)]
    ]
    async for task in asyncio.as_completed(tasks):
        print(f"finished: {task.get_name()} ({task.result()} s), one of ours: {task in tasks}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
