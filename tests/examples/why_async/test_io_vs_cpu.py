"""Gathered waits overlap (all start before any ends); computations never interleave."""

from __future__ import annotations

import asyncio

from examples.why_async import io_vs_cpu as example


def test_every_download_starts_before_any_ends(monkeypatch, capsys) -> None:
    monkeypatch.setattr(example, "DELAY", 0.01)

    async def three_downloads() -> None:
        await asyncio.gather(*(example.download(name) for name in "abc"))

    asyncio.run(three_downloads())
    printed = capsys.readouterr().out.splitlines()
    # Ends with equal delays may come in any order; every start must come before them.
    assert printed[:3] == [f"start download {name}" for name in "abc"]
    assert sorted(printed[3:]) == [f"end   download {name}" for name in "abc"]


def test_each_checksum_finishes_before_the_next_starts(capsys) -> None:

    async def three_checksums() -> None:
        await asyncio.gather(*(example.checksum(name) for name in "abc"))

    asyncio.run(three_checksums())
    printed = capsys.readouterr().out.splitlines()
    expected = [f"{step} checksum {name}" for name in "abc" for step in ("start", "end  ")]
    assert printed == expected
