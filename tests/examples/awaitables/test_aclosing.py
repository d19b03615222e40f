"""Leaving async for early leaves the generator suspended; aclosing() closes it on the way out."""

from __future__ import annotations

import pytest

from examples.awaitables import aclosing as example


async def test_break_alone_leaves_the_generator_suspended() -> None:
    lines = example.read_lines("log")
    async for _ in lines:
        break
    assert lines.ag_frame is not None  # still suspended at its yield: `finally` has not run
    await lines.aclose()
    assert lines.ag_frame is None


async def test_main_closes_the_generator_before_it_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = []
    real_read_lines = example.read_lines

    def read_lines(name: str):
        opened.append(real_read_lines(name))
        return opened[-1]

    monkeypatch.setattr(example, "read_lines", read_lines)
    await example.main()
    [generator] = opened
    assert generator.ag_frame is None  # closed by aclosing, not left for the loop to find
