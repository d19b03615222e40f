"""Gathered waits overlap (N waits take less than N delays); computations never interleave."""

from __future__ import annotations

import asyncio
import importlib.util
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "why_async" / "io_vs_cpu.py"


def load_example():
    spec = importlib.util.spec_from_file_location("why_async_io_vs_cpu", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_three_downloads_take_less_than_three_delays() -> None:
    example = load_example()
    started = time.perf_counter()

    async def three_downloads() -> None:
        await asyncio.gather(*(example.download(name) for name in "abc"))

    asyncio.run(three_downloads())
    assert time.perf_counter() - started < 3 * example.DELAY


def test_each_checksum_finishes_before_the_next_starts(capsys) -> None:
    example = load_example()

    async def three_checksums() -> None:
        await asyncio.gather(*(example.checksum(name) for name in "abc"))

    asyncio.run(three_checksums())
    printed = capsys.readouterr().out.splitlines()
    expected = [f"{step} checksum {name}" for name in "abc" for step in ("start", "end  ")]
    assert printed == expected
