"""With eager_task_factory (3.12+), create_task() runs a task's first step at once."""

# /// script
# requires-python = ">=3.12"
# ///

import asyncio


# --8<-- [start:core]
async def lookup(key: str, cache: dict[str, str]) -> str:
    print(f"  lookup({key!r}) starts")
    if key in cache:
        return cache[key]  # a hit finishes without ever suspending
    await asyncio.sleep(0.01)  # a miss waits, as a network call would
    cache[key] = key.upper()
    return cache[key]


async def start_two() -> None:
    cache = {"tea": "TEA"}
    hit = asyncio.create_task(lookup("tea", cache))
    miss = asyncio.create_task(lookup("cake", cache))
    print(f"  returned: hit done {hit.done()}, miss done {miss.done()}")
    await asyncio.gather(hit, miss)


async def main() -> None:
    print("default task factory:")
    await start_two()
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    print("eager_task_factory:")
    await start_two()


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
