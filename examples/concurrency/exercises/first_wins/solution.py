"""The first mirror's answer is taken and the others are cancelled at once."""

import asyncio

DELAY = 0.1
MIRRORS = {"eu": 8, "us": 1, "asia": 6}  # how many delays each takes


# --8<-- [start:core]
async def download(mirror: str, delays: int) -> str:
    await asyncio.sleep(delays * DELAY)
    return f"the file from {mirror}"


async def main() -> None:
    tasks = [
        asyncio.create_task(download(mirror, delays), name=mirror)
        for mirror, delays in MIRRORS.items()
    ]
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_COMPLETED
    )
    print(f"first: {done.pop().result()}")
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)  # tidy up before leaving
    cancelled = sorted(task.get_name() for task in pending if task.cancelled())
    print(f"cancelled: {cancelled}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
