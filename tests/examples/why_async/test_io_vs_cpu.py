"""Gathered waits overlap (all start before any ends); computations never interleave."""

from __future__ import annotations

import asyncio

from examples.why_async import io_vs_cpu as example
from survey.catalog import EXAMPLES_DIR, load
from survey.recording import loads

# A step at least this long gets the shaded band in a timeline
# (HOLD_SECONDS in docs/assets/deck/timeline.js).
BAND_FROM = 0.05


def test_every_download_starts_before_any_ends(monkeypatch, capsys) -> None:
    monkeypatch.setattr(example, "DELAY", 0.01)

    async def three_downloads() -> None:
        await asyncio.gather(*(example.download(name) for name in "abc"))

    asyncio.run(three_downloads())
    printed = capsys.readouterr().out.splitlines()
    # Ends with equal delays may come in any order; every start must come before them.
    assert printed[:3] == [f"start download {name}" for name in "abc"]
    assert sorted(printed[3:]) == [f"end   download {name}" for name in "abc"]


def test_each_checksum_finishes_before_the_next_starts(monkeypatch, capsys) -> None:
    monkeypatch.setattr(example, "WORK", 1_000)

    async def three_checksums() -> None:
        await asyncio.gather(*(example.checksum(name) for name in "abc"))

    asyncio.run(three_checksums())
    printed = capsys.readouterr().out.splitlines()
    expected = [f"{step} checksum {name}" for name in "abc" for step in ("start", "end  ")]
    assert printed == expected


def test_the_recorded_checksums_hold_the_loop_long_enough_for_a_band() -> None:
    replay = load(EXAMPLES_DIR / "why_async" / "io_vs_cpu.py").replay_path()
    trace = loads(replay.read_text(encoding="utf-8")).trace
    lanes = {
        event["task"]
        for event in trace
        if event.get("state") == "created" and event["label"].startswith("checksum(")
    }
    longest = {lane: 0.0 for lane in lanes}
    for event in trace:
        if event["kind"] == "step" and event["task"] in lanes:
            longest[event["task"]] = max(longest[event["task"]], event["d"] or 0.0)
    assert len(longest) == 3
    assert min(longest.values()) >= BAND_FROM, longest
