"""An async iterator: __aiter__ returns it, __anext__ is awaited, StopAsyncIteration ends it."""

from __future__ import annotations

import inspect

import pytest

from examples.awaitables import async_iterator as example


async def test_countdown_counts_down_then_stops() -> None:
    countdown = example.Countdown(3, 0)
    assert countdown.__aiter__() is countdown
    assert inspect.iscoroutinefunction(example.Countdown.__anext__)
    assert [number async for number in countdown] == [3, 2, 1]
    with pytest.raises(StopAsyncIteration):
        await anext(countdown)  # spent: it stays spent


async def test_a_countdown_from_zero_yields_nothing() -> None:
    assert [number async for number in example.Countdown(0, 0)] == []
