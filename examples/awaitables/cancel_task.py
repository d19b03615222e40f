"""cancel() asks a task to stop: CancelledError is raised inside it at its current await."""

import asyncio


# --8<-- [start:core]
async def download(name: str) -> str:
    try:
        await asyncio.sleep(10)
        return f"{name} finished"
    except asyncio.CancelledError:
        print(f"{name}: cancelled while sleeping, tidying up")
        raise  # let the cancellation finish, so the task is marked cancelled


async def main() -> None:
    task = asyncio.create_task(download("report.pdf"), name="report")
    await asyncio.sleep(0.05)  # let it start and reach its await
    print(f"cancel requested: {task.cancel()}")
    try:
        await task
    except asyncio.CancelledError:
        print(f"{task.get_name()} cancelled: {task.cancelled()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
