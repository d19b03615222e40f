"""Tasks made with create_task() start at main's first await and tick side by side."""

from __future__ import annotations

import pytest

from examples.concurrency import create_task as example


async def test_ticks_interleave_after_main_first_awaits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(example, "DELAY", 0.01)
    await example.main()
    first, *ticks, last = capsys.readouterr().out.splitlines()
    assert "tick" not in first  # main printed before either task had run
    # Taking turns: one task's ticks never all come before the other's.
    assert [line.split(":")[0] for line in ticks] == [
        "kettle", "toaster", "kettle", "toaster", "kettle"
    ]  # fmt: skip
    assert "kettle done" in last
    assert "toaster done" in last
