"""Calling a coroutine function runs nothing; awaiting runs it, and only once."""

from __future__ import annotations

import inspect

import pytest

from examples.awaitables import coroutines as example


async def test_calling_runs_nothing_and_awaiting_runs_it_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    order = example.brew("tea")
    assert inspect.iscoroutine(order)
    assert capsys.readouterr().out == ""
    assert await order == "a cup of tea"
    assert "tea" in capsys.readouterr().out
    with pytest.raises(RuntimeError, match="cannot reuse already awaited coroutine"):
        await order


async def test_main_survives_the_second_await() -> None:
    await example.main()
