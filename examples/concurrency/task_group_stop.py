"""Ending a TaskGroup early before 3.15: raise an exception of our own and catch it outside."""

import asyncio

# Seconds each search takes: shard-b answers well ahead of the others.
SHARDS = {"shard-a": 0.8, "shard-b": 0.1, "shard-c": 0.6}


async def search(shard: str, delay: float, found: asyncio.Event) -> None:
    await asyncio.sleep(delay)
    print(f"found on {shard}")
    found.set()


# --8<-- [start:core]
class Stop(Exception):
    """Ours alone: raised only to end the group, and caught right outside it."""


async def main() -> None:
    found = asyncio.Event()
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [
                group.create_task(search(shard, delay, found), name=shard)
                for shard, delay in SHARDS.items()
            ]
            await found.wait()
            raise Stop  # the group cancels the searches still running
    except* Stop:
        pass  # the way we chose to stop: not an error
    print(f"cancelled: {[t.get_name() for t in tasks if t.cancelled()]}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
