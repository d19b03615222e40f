"""3.14: asyncio.print_call_graph() shows a task's awaits, and which task awaits it."""

# /// script
# requires-python = ">=3.14"
# ///

import asyncio


# --8<-- [start:core]
async def fetch(delay: float) -> None:
    await asyncio.sleep(delay)


async def show(task: asyncio.Task) -> None:
    asyncio.print_call_graph(task)  # 3.14: the chain of awaits, as a tree


async def main() -> None:
    async with asyncio.TaskGroup() as group:
        download = group.create_task(fetch(0.2), name="download")
        group.create_task(fetch(0.1), name="upload")
        group.create_task(show(download), name="show")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
