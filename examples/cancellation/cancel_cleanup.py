"""cancel() raises CancelledError where the task awaits; its `finally` still runs and may await."""

import asyncio


# --8<-- [start:core]
async def upload(name: str) -> None:
    print(f"{name}: connection opened")
    try:
        await asyncio.sleep(5.0)  # the transfer; cancel() lands here
    finally:
        await asyncio.sleep(0.01)  # cleanup may await: cancel() was a one-off
        print(f"{name}: connection closed")


async def main() -> None:
    task = asyncio.create_task(upload("backup.tar"))
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"main: task cancelled: {task.cancelled()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
