"""Event, Barrier (3.11) and Condition: tasks that wait for each other, not for I/O."""

import asyncio


# --8<-- [start:core]
async def runner(name: str, ready: asyncio.Barrier, go: asyncio.Event) -> None:
    await ready.wait()  # nobody passes until all three have arrived
    print(f"{name}: at the line")
    await go.wait()  # one set() releases every waiter at once
    print(f"{name}: running")


async def consumer(name: str, stock: list[str], changed: asyncio.Condition):
    async with changed:  # a Condition is a lock plus a notification
        while not stock:
            await changed.wait()  # lets go of the lock while it waits
            print(f"{name}: woke, {len(stock)} in stock")
        print(f"{name}: took {stock.pop()}")


async def main() -> None:
    ready, go = asyncio.Barrier(3), asyncio.Event()
    async with asyncio.TaskGroup() as group:
        for name in ("ann", "bob", "cy"):
            group.create_task(runner(name, ready, go))
        await asyncio.sleep(0.01)
        go.set()
    stock, changed = [], asyncio.Condition()
    async with asyncio.TaskGroup() as group:
        for name in ("dee", "eve", "fay"):
            group.create_task(consumer(name, stock, changed))
        wakes = (changed.notify, changed.notify_all, changed.notify)
        for item, wake in zip(("bread", "milk", "tea"), wakes, strict=True):
            await asyncio.sleep(0.01)
            async with changed:
                stock.append(item)
                wake()  # notify() wakes one waiter, notify_all() every one


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
