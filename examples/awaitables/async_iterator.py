"""An async iterator awaits for each item: __aiter__, __anext__ and StopAsyncIteration."""

import asyncio


# --8<-- [start:core]
class Countdown:
    def __init__(self, start: int, delay: float) -> None:
        self.remaining = start
        self.delay = delay

    def __aiter__(self) -> "Countdown":
        return self  # a plain method: only __anext__ is awaited

    async def __anext__(self) -> int:
        if self.remaining == 0:
            raise StopAsyncIteration  # ends the async for loop
        await asyncio.sleep(self.delay)
        self.remaining -= 1
        return self.remaining + 1


async def main() -> None:
    async for number in Countdown(3, 0.02):
        print(f"{number}…")
    print("liftoff")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
