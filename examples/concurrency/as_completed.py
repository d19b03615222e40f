"""as_completed() hands back results in the order they finish, not the order they were started."""

import asyncio


# --8<-- [start:core]
async def fetch(resource: str, delay: float) -> str:
    await asyncio.sleep(delay)
    return f"{resource} ({delay} s)"


async def main() -> None:
    requests = [
        asyncio.create_task(fetch("report", 0.3)),
        asyncio.create_task(fetch("avatar", 0.1)),
        asyncio.create_task(fetch("profile", 0.2)),
    ]
    print("started: report, avatar, profile")
    for next_done in asyncio.as_completed(requests):
        print(f"finished: {await next_done}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
