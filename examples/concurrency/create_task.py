"""create_task() runs coroutines side by side; awaiting the tasks lets the program end by itself."""

import asyncio

DELAY = 0.2


# --8<-- [start:core]
async def tick(name: str, times: int, delay: float) -> str:
    for n in range(1, times + 1):
        await asyncio.sleep(delay)
        print(f"{name}: tick {n}")
    return f"{name} done"


async def main() -> None:
    kettle = asyncio.create_task(tick("kettle", 3, DELAY))
    toaster = asyncio.create_task(tick("toaster", 2, DELAY))
    print("main: two tasks scheduled; they start at main's first await")
    print(f"main: {await kettle}, {await toaster}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
