"""asyncio.wait(return_when=FIRST_COMPLETED): take the first answer, cancel the rest."""

import asyncio

MIRRORS = {"eu": 0.8, "us": 0.1, "asia": 0.6}  # seconds each takes to answer


# --8<-- [start:core]
async def download(mirror: str, delay: float) -> str:
    await asyncio.sleep(delay)
    return f"file from {mirror}"


async def main() -> None:
    tasks = {
        asyncio.create_task(download(mirror, delay), name=mirror)
        for mirror, delay in MIRRORS.items()
    }
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_COMPLETED
    )
    for task in done:
        print(f"first: {task.result()}")
    running = sorted(task.get_name() for task in pending if not task.done())
    print(f"still running: {running}")
    for task in pending:
        task.cancel()  # wait() leaves the losers running: stop them
    await asyncio.gather(*pending, return_exceptions=True)
    stopped = sorted(task.get_name() for task in pending if task.cancelled())
    print(f"cancelled: {stopped}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
