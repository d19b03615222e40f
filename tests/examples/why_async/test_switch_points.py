"""Between two awaits nothing else runs: each greeting is followed by that clerk's serving."""

from __future__ import annotations

import asyncio

import pytest

from examples.why_async import switch_points as example


async def test_clerks_switch_only_at_their_await(capsys: pytest.CaptureFixture[str]) -> None:
    await asyncio.gather(example.clerk("Ada", 3), example.clerk("Bo", 2))
    clerks = [line.split(":")[0] for line in capsys.readouterr().out.splitlines()]
    # Two lines a customer, never split by the other clerk; turns alternate while both work.
    assert clerks == ["Ada", "Ada", "Bo", "Bo", "Ada", "Ada", "Bo", "Bo", "Ada", "Ada"]


async def test_main_serves_every_customer(capsys: pytest.CaptureFixture[str]) -> None:
    await example.main()
    assert len(capsys.readouterr().out.splitlines()) == 2 * (3 + 2)
