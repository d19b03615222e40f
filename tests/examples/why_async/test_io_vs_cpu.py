"""Gathered waits overlap (N waits take less than N delays); computations never interleave."""

from __future__ import annotations

import asyncio
import time

from examples.why_async import io_vs_cpu as example


def test_three_downloads_take_less_than_three_delays() -> None:
    started = time.perf_counter()

    async def three_downloads() -> None:
        await asyncio.gather(*(example.download(name) for name in "abc"))

    asyncio.run(three_downloads())
    assert time.perf_counter() - started < 3 * example.DELAY


def test_each_checksum_finishes_before_the_next_starts(capsys) -> None:

    async def three_checksums() -> None:
        await asyncio.gather(*(example.checksum(name) for name in "abc"))

    asyncio.run(three_checksums())
    printed = capsys.readouterr().out.splitlines()
    expected = [f"{step} checksum {name}" for name in "abc" for step in ("start", "end  ")]
    assert printed == expected
