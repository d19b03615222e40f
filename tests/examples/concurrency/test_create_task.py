"""Tasks made with create_task() tick side by side, and main() ends once both are done."""

from __future__ import annotations

import time

DELAY = 0.1


async def test_ticks_interleave_and_overlap(load_example, monkeypatch, capsys) -> None:
    example = load_example("create_task")
    monkeypatch.setattr(example, "DELAY", DELAY)
    started = time.perf_counter()
    await example.main()
    took = (time.perf_counter() - started) / DELAY
    ticks = [line for line in capsys.readouterr().out.splitlines() if "tick" in line]
    assert [line.split(":")[0] for line in ticks] == [
        "kettle", "toaster", "kettle", "toaster", "kettle"
    ]  # fmt: skip
    assert 3 <= took < 5  # the longer task's three ticks, not all five in a row
