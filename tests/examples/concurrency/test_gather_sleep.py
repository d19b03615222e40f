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
    assert capsys.readouterr().out.splitlines() == [
        f"{naps} × async_nap({DELAY}) gathered: ≈ 1 × delay",
        f"{naps} × blocking_nap({DELAY}) gathered: ≈ {naps} × delay",
    ]
    # The blocking naps alone take ≥ naps × DELAY, so this bounds the async ones by 2 × DELAY.
    assert naps + 1 <= took < naps + 2


def test_debug_mode_is_off_where_blocking_is_the_lesson(load_example) -> None:
    # Under -X dev, debug mode would log every blocking nap before the slide explains it.
    example = load_example("gather_sleep")
    guard = example.__loader__.get_source(example.__name__).rsplit("if __name__", 1)[1]
    assert "asyncio.run(main(), debug=False)" in guard
    assert "slow_callback_duration" not in guard
