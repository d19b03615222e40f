"""cancel() raises CancelledError at a task's await; a task not yet started never runs."""

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
    report = asyncio.create_task(download("report.pdf"), name="report")
    invoice = asyncio.create_task(download("invoice.pdf"), name="invoice")
    invoice.cancel()  # before its first step: none of its body will run
    await asyncio.sleep(0.05)  # let the report start and reach its await
    print(f"cancel requested: {report.cancel()}")
    for task in (report, invoice):
        try:
            await task
        except asyncio.CancelledError:
            print(f"{task.get_name()} cancelled: {task.cancelled()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
