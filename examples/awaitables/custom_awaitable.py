"""Any object with an __await__ method can be awaited; the easy way is to delegate."""

import asyncio
import inspect


# --8<-- [start:core]
class Delivery:
    """An order you can await: waiting for it waits for its future."""

    def __init__(self, item: str) -> None:
        self.item = item
        self._arrived = asyncio.get_running_loop().create_future()

    def arrive(self) -> None:
        self._arrived.set_result(f"{self.item} delivered")

    def __await__(self):
        # Delegate: the future knows how to suspend and resume.
        return self._arrived.__await__()


async def main() -> None:
    delivery = Delivery("books")
    print(f"awaitable: {inspect.isawaitable(delivery)}")
    asyncio.get_running_loop().call_later(0.05, delivery.arrive)
    print(await delivery)


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
