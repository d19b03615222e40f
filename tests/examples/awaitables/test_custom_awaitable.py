"""An object with __await__ can be awaited: awaiting a Delivery waits until it arrives."""

from __future__ import annotations

import asyncio
import inspect

from examples.awaitables import custom_awaitable as example


async def test_awaiting_a_delivery_waits_for_arrive() -> None:
    delivery = example.Delivery("books")
    assert inspect.isawaitable(delivery)

    async def receive() -> str:
        return await delivery

    waiting = asyncio.create_task(receive())
    for _ in range(3):
        await asyncio.sleep(0)  # turns of the loop: still nothing to wake it
    assert not waiting.done()
    delivery.arrive()
    assert await waiting == "books delivered"


async def test_main_gets_the_delivery() -> None:
    await example.main()
