"""Gathered asyncio.sleep() naps overlap; gathered time.sleep() naps add up."""

from __future__ import annotations

import time

DELAY = 0.1


async def test_async_naps_overlap_and_blocking_naps_add_up(
    load_example, monkeypatch, capsys
) -> None:
    example = load_example("gather_sleep")
    monkeypatch.setattr(example, "DELAY", DELAY)
    started = time.perf_counter()
    await example.main()
    took = (time.perf_counter() - started) / DELAY
    naps = example.NAPS
    async_line, blocking_line = capsys.readouterr().out.splitlines()
    assert async_line.endswith(f"took ≥ {naps} × delay: False")
    assert blocking_line.endswith(f"took ≥ {naps} × delay: True")
    # The blocking naps alone take ≥ naps × DELAY, so this bounds the async ones by 2 × DELAY.
    assert naps + 1 <= took < naps + 2
