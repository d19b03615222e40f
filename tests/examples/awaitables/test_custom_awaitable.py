"""A custom awaitable works with await and gather; create_task rejects it, as the notes say."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from examples.awaitables import custom_awaitable


async def test_await_and_gather_accept_it() -> None:
    first, second = custom_awaitable.Delivery("tea"), custom_awaitable.Delivery("cake")
    loop = asyncio.get_running_loop()
    loop.call_soon(first.arrive)
    loop.call_soon(second.arrive)
    assert await first == "tea delivered"
    assert await asyncio.gather(second) == ["cake delivered"]


async def test_awaiting_a_delivery_waits_for_arrive() -> None:
    delivery = custom_awaitable.Delivery("books")
    assert inspect.isawaitable(delivery)

    async def receive() -> str:
        return await delivery

    waiting = asyncio.create_task(receive())
    for _ in range(3):
        await asyncio.sleep(0)  # turns of the loop: still nothing to wake it
    assert not waiting.done()
    delivery.arrive()
    assert await waiting == "books delivered"


async def test_create_task_rejects_it_and_takes_a_wrapping_coroutine() -> None:
    delivery = custom_awaitable.Delivery("books")
    with pytest.raises(TypeError, match="coroutine was expected"):
        asyncio.create_task(delivery)  # noqa: RUF006 - it raises before any task exists

    async def wait():
        return await delivery

    task = asyncio.create_task(wait())
    delivery.arrive()
    assert await task == "books delivered"
