"""Gathered asyncio.sleep() naps overlap; gathered time.sleep() naps add up."""

from __future__ import annotations

NAPS, DELAY = 3, 0.1


async def test_async_naps_take_about_one_delay(load_example) -> None:
    example = load_example("gather_sleep")
    assert await example.gathered(example.async_nap, NAPS, DELAY) < 2


async def test_blocking_naps_take_one_delay_each(load_example) -> None:
    example = load_example("gather_sleep")
    assert await example.gathered(example.blocking_nap, NAPS, DELAY) >= NAPS
