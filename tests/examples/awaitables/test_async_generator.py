"""An async generator is an async iterator written as a function."""

from __future__ import annotations

import inspect

from examples.awaitables import async_generator as example


async def test_countdown_yields_from_start_down_to_one() -> None:
    assert inspect.isasyncgenfunction(example.countdown)
    assert [number async for number in example.countdown(3, 0)] == [3, 2, 1]
    assert [number async for number in example.countdown(0, 0)] == []


async def test_double_is_awaited_inside_a_plain_comprehension() -> None:
    assert [await example.double(number) for number in range(3)] == [0, 2, 4]
